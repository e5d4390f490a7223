#pragma once
// Where a line may break (ICU line-break rules, locale "vi"; Vietnamese breaks between syllables).

#include <cstddef>
#include <string_view>
#include <vector>

namespace vanban::text {

/// Byte offsets (ascending, excluding 0, including the text's end) after which a line may break.
/// `mandatory` receives, for each returned offset, whether the break is forced (a line feed).
std::vector<std::size_t> line_break_opportunities(std::string_view utf8, std::vector<bool>* mandatory = nullptr);

}  // namespace vanban::text
