#pragma once
// Environment and library failures (a missing resource, a full disk, a database out of reach, a library failing on
// input it should take): thrown, never for bad input, which is reported as a Diagnostic.

#include <stdexcept>
#include <string>

namespace vanban {

/// The one exception type; the front ends map it to exit code 3 (the service to a 5xx answer). Its code is stable
/// (docs/diagnostic-codes.md): E0800 a library failed, E0801 a resource is missing or unusable, E0802 the resources
/// have errors, E0803 a file cannot be written, E0760–E0769 the database and the archive's store.
class Error : public std::runtime_error {
 public:
  /// `message` says what failed (Vietnamese where a clerk may read it); `file` names the file or database concerned
  /// ("" when none). what() is "[CODE] message".
  Error(std::string code, const std::string& message, std::string file = {})
      : std::runtime_error("[" + code + "] " + message), code_(std::move(code)), file_(std::move(file)) {}

  [[nodiscard]] const std::string& code() const { return code_; }
  [[nodiscard]] const std::string& file() const { return file_; }

 private:
  std::string code_;
  std::string file_;
};

/// Stable codes of environment failures raised outside the database and the archive.
namespace errors {
inline constexpr const char* kLibrary =
    "E0800";  ///< a library failed on input it should take (a bug or a broken install)
inline constexpr const char* kResource =
    "E0801";  ///< a resource (template, law data, schema, font) is missing or unusable
inline constexpr const char* kResourceErrors = "E0802";  ///< the templates or the law data have errors (reported above)
inline constexpr const char* kWrite = "E0803";           ///< a file cannot be written (permissions, a full disk)
}  // namespace errors

}  // namespace vanban
