#include "pipeline/signer_name.hpp"

#include "text/case_mapping.hpp"
#include "text/normalize.hpp"

namespace vanban::pipeline {

std::optional<std::string> signer_mismatch(const std::string& holder, const model::DocumentMetadata& metadata) {
  if (metadata.signer_name.empty()) return std::nullopt;
  const std::string name = text::to_nfc(holder);
  if (name == text::to_nfc(metadata.signer_name)) return std::nullopt;
  // The agency is written in capitals in the heading ("CHI CỤC …") and as a name in its certificate: its case aside.
  if (!metadata.organ_name.empty() && text::to_lower(name) == text::to_lower(text::to_nfc(metadata.organ_name)))
    return std::nullopt;
  return "chứng thư số mang tên \"" + holder + "\", nhưng văn bản ghi người ký là \"" + metadata.signer_name + "\"" +
         (metadata.organ_name.empty() ? std::string() : " (cơ quan ban hành \"" + metadata.organ_name + "\")") +
         ": kiểm tra lại đúng người ký, đúng văn bản";
}

}  // namespace vanban::pipeline
