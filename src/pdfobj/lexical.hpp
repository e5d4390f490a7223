#pragma once
// The lexical bits of PDF written by both modules that write PDF (pdf writes documents, sign appends
// incremental updates), kept in one place: numbers, hex digits, text strings, ToUnicode CMaps and CIDSet bitmaps.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace vanban::pdfobj {

/// Appends `value` as PDF numbers are written: vanban::append_fixed (base/decimal.hpp).
void append_number(std::string& out, double value, int decimals);

/// `value` as append_number writes it.
std::string number(double value, int decimals);

/// Four uppercase hexadecimal digits of the low 16 bits of `value` (a two-byte code in a hex string).
void append_hex4(std::string& out, unsigned value);

/// A PDF text string's bytes for any text: UTF-16BE with a byte order mark, surrogate pairs beyond the BMP.
std::string utf16_text(std::string_view utf8);

/// A CMapType 2 ToUnicode CMap for 2-byte CIDs (`cids`: code point → CID): runs of consecutive CIDs for
/// consecutive BMP code points become `bfrange` lines, every other CID a `bfchar` line (a code point beyond the
/// BMP as a UTF-16 surrogate pair), at most 100 per block. No range crosses a change of the high byte of its
/// CIDs or code points (veraPDF-library#1011).
std::string to_unicode_cmap(const std::map<char32_t, std::uint16_t>& cids);

/// The bytes of a /CIDSet stream naming CIDs 0 to count − 1 (MSB first), as PDF/A-1 asks of a font subset.
std::string cid_set(std::size_t count);

}  // namespace vanban::pdfobj
