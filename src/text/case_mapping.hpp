#pragma once
// Vietnamese case mapping (ICU, locale "vi").

#include <string>
#include <string_view>

namespace vanban::text {

/// Upper case: "Chi cục trưởng" → "CHI CỤC TRƯỞNG".
std::string to_upper(std::string_view utf8);
/// Lower case.
std::string to_lower(std::string_view utf8);
/// The first letter upper case, the rest unchanged: "một trăm" → "Một trăm"; a paired first word capitalizes
/// both halves: "ông/bà Lò Văn Pọm" → "Ông/Bà Lò Văn Pọm".
std::string capitalize_first(std::string_view utf8);
/// The first letter lower case, the rest unchanged: "Về việc" → "về việc".
std::string lowercase_first(std::string_view utf8);
/// Each word's first letter upper case and the rest lower case, for personal names: "nguyễn văn a" → "Nguyễn Văn A".
std::string to_title(std::string_view utf8);

}  // namespace vanban::text
