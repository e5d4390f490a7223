#pragma once
// Problems found in input: collected, never thrown, printed GCC-style.

#include <string>
#include <string_view>
#include <vector>

#include "base/source_loc.hpp"

namespace vanban {

enum class Severity { note, warning, error };

/// One problem in the input. `code` is stable (e.g. "E0203"); `message` is Vietnamese for clerks.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;
  SourceLoc loc;
  std::string message;
};

/// "FILE:LINE:COL: lỗi: [E0203] message" ("cảnh báo" for a warning, "ghi chú" for a note: the words a clerk reads;
/// parts that are unknown are left out).
std::string format_diagnostic(const Diagnostic& diagnostic);

/// One problem or warning about a part of a file (a signature, say), kept in that part's report: a stable code
/// (decisions compare it, never the message) and a Vietnamese message.
struct Finding {
  std::string code;
  std::string message;
};

/// "[E0648] message", as a finding is shown inside a line (the brackets left out when there is no code).
std::string format_finding(const Finding& finding);

/// The problems one run has found so far; stages append and keep going.
class Diagnostics {
 public:
  void add(Diagnostic diagnostic);
  void error(std::string code, SourceLoc loc, std::string message);
  void warning(std::string code, SourceLoc loc, std::string message);
  void note(std::string code, SourceLoc loc, std::string message);
  /// Appends every diagnostic of `other`.
  void merge(const Diagnostics& other);

  [[nodiscard]] bool has_errors() const { return error_count_ > 0; }
  [[nodiscard]] std::size_t error_count() const { return error_count_; }
  [[nodiscard]] std::size_t warning_count() const { return warning_count_; }
  [[nodiscard]] const std::vector<Diagnostic>& list() const { return list_; }
  [[nodiscard]] bool empty() const { return list_.empty(); }
  /// Every diagnostic formatted, one per line.
  [[nodiscard]] std::string to_string() const;
  /// Whether some diagnostic carries this code.
  [[nodiscard]] bool contains(std::string_view code) const;

 private:
  std::vector<Diagnostic> list_;
  std::size_t error_count_ = 0;
  std::size_t warning_count_ = 0;
};

}  // namespace vanban
