#include "doc/document.hpp"

namespace vanban::doc {

std::string plain_text(const std::vector<Run>& runs) {
  std::string out;
  for (const auto& run : runs) out += run.text;
  return out;
}

}  // namespace vanban::doc
