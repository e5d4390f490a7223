#pragma once
// Bits of PDF syntax written by both modules that write PDF (pdf and sign), kept in one place.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vanban::pdf_syntax {

/// A number for content streams and dictionaries: fixed point with at most `decimals` digits, no trailing
/// zeros, never "-0" (non-finite values are written as 0).
std::string number(double value, int decimals);

/// Four uppercase hexadecimal digits (a two-byte code in a hex string).
std::string hex4(unsigned value);

/// A PDF text string's bytes for any text: UTF-16BE with a byte order mark.
std::string utf16_text(std::string_view utf8);

/// A ToUnicode CMap (bfchar entries, 100 per block) mapping each two-byte CID to its character; characters
/// beyond the BMP are written as UTF-16 surrogate pairs.
std::string to_unicode_cmap(std::vector<std::pair<std::uint16_t, char32_t>> cid_to_character);

}  // namespace vanban::pdf_syntax
