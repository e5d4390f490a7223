#pragma once
// Command-line parsing: positional arguments and --options, with usage errors in Vietnamese.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace vanban::cli {

/// Thrown for a usage error (exit code 2).
struct UsageError {
  std::string message;
};

/// The options a command accepts: those taking a value, flags, and repeatable ones.
struct OptionSpec {
  std::set<std::string> with_value;
  std::set<std::string> flags;
  std::set<std::string> repeatable;            ///< subset of with_value
  std::map<std::string, std::string> aliases;  ///< "-o" → "--output"
};

/// Parsed arguments of one command.
class Arguments {
 public:
  /// Parses `args` (after the command name); throws UsageError on an unknown or incomplete option.
  static Arguments parse(const std::vector<std::string>& args, const OptionSpec& spec);

  [[nodiscard]] const std::vector<std::string>& positional() const { return positional_; }
  [[nodiscard]] std::optional<std::string> value(const std::string& name) const;
  [[nodiscard]] std::vector<std::string> values(const std::string& name) const;
  [[nodiscard]] bool flag(const std::string& name) const { return flags_.count(name) != 0; }
  /// The value of a required option; throws UsageError when it is missing.
  [[nodiscard]] std::string required(const std::string& name) const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::vector<std::string>> values_;
  std::set<std::string> flags_;
};

}  // namespace vanban::cli
