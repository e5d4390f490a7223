#pragma once
// Command-line parsing against a command's row of the option table (options.hpp), with usage errors in Vietnamese.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/options.hpp"

namespace vanban::cli {

/// Thrown for a usage error (exit code 2).
struct UsageError {
  std::string message;
};

/// Parsed arguments of one command.
class Arguments {
 public:
  /// Parses `args` (after the command name) against the command's options and the global ones; throws UsageError on
  /// an unknown (with the nearest known option), repeated or incomplete option.
  static Arguments parse(const std::vector<std::string>& args, const CommandDef& command);

  [[nodiscard]] const std::vector<std::string>& positional() const { return positional_; }
  /// The option's value; `name` must be one of the command's options (a bug otherwise: std::logic_error).
  [[nodiscard]] std::optional<std::string> value(const std::string& name) const;
  /// Every value of a repeatable option, in order.
  [[nodiscard]] std::vector<std::string> values(const std::string& name) const;
  /// Whether the flag was given.
  [[nodiscard]] bool flag(const std::string& name) const;
  /// The value of a required option; throws UsageError when it is missing.
  [[nodiscard]] std::string required(const std::string& name) const;
  /// Whether the command has this option at all.
  [[nodiscard]] bool declares(const std::string& name) const;

 private:
  void check_declared(const std::string& name) const;

  const CommandDef* command_ = nullptr;
  std::vector<std::string> positional_;
  std::map<std::string, std::vector<std::string>> values_;
  std::set<std::string> flags_;
};

/// The option of `command` (or a global one) named by its long name or alias, or nullptr.
const OptionDef* find_option(const CommandDef& command, const std::string& name);

}  // namespace vanban::cli
