#pragma once
// Unicode normalization of field text: NFC, whitespace, invisible characters.

#include <string>
#include <string_view>

namespace vanban::text {

/// NFC form of valid UTF-8 text.
std::string to_nfc(std::string_view utf8);

/// Whether valid UTF-8 text is already in NFC.
bool is_nfc(std::string_view utf8);

/// A field value as every later stage expects it: NFC, no invisible characters (invisible_characters), every run of
/// white space (including NBSP and line breaks) collapsed to one space, trimmed at both ends.
std::string normalize_field(std::string_view utf8);

/// The distinct characters of `utf8` that normalization drops and that can hide what a text says, in order: the
/// zero-width spaces and joiners, the word joiner, and the bidirectional controls (utf8::is_bidi_control). (A soft
/// hyphen or a BOM, formatting left by a word processor, is dropped too, without being named.)
std::u32string invisible_characters(std::string_view utf8);

/// Like normalize_field, but keeps line breaks (multi-line findings, addresses): spaces and tabs collapse
/// within each line, blank lines are dropped, each line is trimmed.
std::string normalize_multiline(std::string_view utf8);

}  // namespace vanban::text
