#pragma once
// The XSD of the case exchange format (schemas/case.xsd), compiled once and shared by every read.

#include <memory>
#include <string>
#include <string_view>

namespace vanban::xml {

/// A compiled XML Schema; immutable, safe to share between threads. Built from the XSD's bytes: the xml module
/// never reads files itself.
class CaseSchema {
 public:
  /// Compiles XSD text; throws vanban::Error when the schema itself is broken (an installation problem).
  static std::shared_ptr<const CaseSchema> compile(std::string_view xsd, const std::string& name);
  ~CaseSchema();
  CaseSchema(const CaseSchema&) = delete;
  CaseSchema& operator=(const CaseSchema&) = delete;

  /// libxml2's compiled schema, for the xml module's validator.
  struct Compiled;
  [[nodiscard]] const Compiled& compiled() const { return *compiled_; }

 private:
  explicit CaseSchema(std::unique_ptr<Compiled> compiled);
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace vanban::xml
