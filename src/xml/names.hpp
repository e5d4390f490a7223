#pragma once
// Internal to the xml module: a name the code expects against a name in a parsed document, compared without measuring
// the document's name first (pugixml's names are NUL-terminated strings).

#include <string_view>

namespace vanban::xml {

/// Whether the NUL-terminated `name` is exactly `expected` (which holds no NUL): the first differing byte ends it.
inline bool is_name(std::string_view expected, const char* name) {
  for (std::size_t i = 0; i < expected.size(); ++i)
    if (name[i] != expected[i]) return false;
  return name[expected.size()] == '\0';
}

}  // namespace vanban::xml
