#pragma once
// Internal to archive: the form texts are compared in, so that "nguyen van hung" finds "Nguyễn Văn Hùng".

#include <string>
#include <string_view>

namespace vanban::archive {

/// White space collapsed, lower case, diacritics removed, đ → d.
std::string search_key(std::string_view text);

}  // namespace vanban::archive
