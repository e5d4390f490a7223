#pragma once
// Vietnamese collation (ICU, locale "vi"): Ă, Â after A; Đ after D; tones as secondary differences.

#include <string>
#include <string_view>

namespace vanban::text {

/// Negative, zero or positive as `a` sorts before, with or after `b` in Vietnamese order.
int compare_vietnamese(std::string_view a, std::string_view b);

/// A byte string whose plain comparison gives Vietnamese order (for sorting many keys).
std::string collation_key(std::string_view utf8);

/// Lower case without diacritics, đ → d: "Nguyễn Văn Hùng" → "nguyen van hung" (for search).
std::string fold_for_search(std::string_view utf8);

/// The form texts are compared in for search (the archive's, the case store's): white space collapsed, NFC, lower
/// case, diacritics removed, đ → d, so that "nguyen van hung" finds "Nguyễn Văn Hùng".
std::string search_key(std::string_view utf8);

}  // namespace vanban::text
