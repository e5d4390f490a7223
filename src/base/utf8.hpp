#pragma once
// Minimal UTF-8 decoding shared by every stage (ICU stays inside the text module).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vanban::utf8 {

/// Decodes the code point at `offset` and advances it; U+FFFD (advancing one byte) on a bad sequence.
char32_t decode(std::string_view text, std::size_t& offset);

/// Appends the UTF-8 encoding of `code_point` to `out`.
void append(std::string& out, char32_t code_point);

/// The byte offset of the first invalid sequence (overlong, surrogate, truncated, > U+10FFFF), or nullopt.
std::optional<std::size_t> find_invalid(std::string_view text);

/// The number of code points in valid UTF-8 text.
std::size_t length(std::string_view text);

/// Decodes the whole text into code points.
std::u32string to_u32(std::string_view text);

/// Encodes code points as UTF-8.
std::string from_u32(std::u32string_view text);

/// Whether a code point is a bidirectional control: the marks U+200E/F and U+061C, the embeddings and overrides
/// U+202A–202E, the isolates U+2066–2069 (they can make text read otherwise than it is stored).
bool is_bidi_control(char32_t code_point);

/// Whether a code point changes how a terminal or a text shows what follows without being seen itself: C0 and C1
/// controls, DEL, and the bidirectional controls.
bool is_invisible_control(char32_t code_point);

/// The text as it may be shown on a terminal: each invisible control as "<U+001B>" and each byte that is not UTF-8
/// as "<0xFF>", everything else as it is (a message echoing what a user typed can then not move the cursor, recolour
/// the terminal or reverse the text after it).
std::string visible(std::string_view text);

}  // namespace vanban::utf8
