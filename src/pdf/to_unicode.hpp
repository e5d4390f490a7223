#pragma once
// Internal to pdf: the ToUnicode CMap of an embedded face (libharu 2.3.0 writes an invalid one:
// ../shared/PDF-NOTES.md §B.1).

#include <cstdint>
#include <map>
#include <string>

namespace vanban::pdf {

/// A CMapType 2 ToUnicode CMap for 2-byte CIDs (`cids`: code point → CID): runs of consecutive CIDs for
/// consecutive code points become `bfrange` lines, every other CID a `bfchar` line, at most 100 per block.
/// No range crosses a change of the high byte of its CIDs or code points.
std::string to_unicode_cmap(const std::map<char32_t, std::uint16_t>& cids);

}  // namespace vanban::pdf
