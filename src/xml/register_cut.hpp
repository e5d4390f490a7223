#pragma once
// Internal to the xml module: a register cut by its markup alone, without a tree: where its root's start tag ends and
// where each <case> child is. The one owner of that cut, for the stream of cases (case_stream.cpp) and the case
// store's split of a register into case files (case_edit.cpp).

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace vanban::xml {

/// The end of the markup that starts at `at` ('<'): a comment, CDATA, a processing instruction or a tag (quoted
/// attribute values may hold '>'); npos when it is not closed.
std::size_t markup_end(std::string_view text, std::size_t at);

/// Whether `c` is XML white space.
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// Whether the markup at `at` ('<') is a start tag named `name`.
bool starts_element(std::string_view text, std::size_t at, std::string_view name);

/// The end of the root's start tag, <register …> (not empty), after a prolog of the XML declaration, comments,
/// processing instructions and white space; nullopt for anything else.
std::optional<std::size_t> root_tag_end(std::string_view text);

/// Whether only white space and comments libxml2 accepts (no "--" inside, no '-' at the end) follow `at`.
bool only_comments_from(std::string_view text, std::size_t at);

/// A register cut into its parts: the bytes up to the end of the root's start tag, and each <case> child's range.
struct RegisterCut {
  std::size_t root_tag_end = 0;
  std::vector<std::pair<std::size_t, std::size_t>> cases;  ///< [begin, end) of each <case>…</case>
  /// Nothing under the root but <case> elements, white space and comments libxml2 accepts, and only white space and
  /// such comments after it: the register a chunk at a time reads as the whole file.
  bool only_cases = true;
};

/// Cuts a register (UTF-8 text, byte order mark removed) whose root holds elements, comments, processing instructions
/// and white space, each closed; nullopt for anything else (text or CDATA under the root, markup left open, no root's
/// end tag).
std::optional<RegisterCut> cut_register(std::string_view text);

}  // namespace vanban::xml
