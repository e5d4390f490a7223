#pragma once
// "Did you mean …?": the nearest of the known words to a mistyped one (an option, a command, a template name).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vanban {

/// The edit distance between two UTF-8 words in code points (insertions, deletions, substitutions, and swaps of two
/// neighbours each count one).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word` when it is near enough to be a typing slip (at most a third of its length, and
/// at least one edit, away; the first of equals), or nullopt.
std::optional<std::string> closest_word(std::string_view word, const std::vector<std::string>& candidates);

/// " (có phải ý bạn là \"X\"?)" for the candidate nearest to `word`, or "" when none is near.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace vanban
