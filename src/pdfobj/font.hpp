#pragma once
// The one place that decides what an embedded font's objects contain: a TrueType subset as a Type0 font
// (Identity-H) over a CIDFontType2 with its FontDescriptor, FontFile2, CIDSet (PDF/A-1) and ToUnicode CMap.
// pdf embeds the document's faces with it, sign the font of a signature's text block.

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "pdfobj/object_writer.hpp"

namespace vanban::pdfobj {

/// A TrueType subset ready to embed as a CIDFontType2 with /CIDToGIDMap /Identity: glyph i is CID i. Metrics in
/// thousandths of an em.
struct EmbeddableFont {
  Bytes program;                           ///< the TrueType subset (FontFile2)
  std::string base_name;                   ///< "ABCDEF+LiberationSerif"
  std::map<char32_t, std::uint16_t> cids;  ///< code point → CID for every character drawn: CIDs 1…n
  std::vector<int> widths;                 ///< advance per glyph of the subset (= per CID), .notdef and components too
  int ascent = 0;
  int descent = 0;
  int cap_height = 0;
  std::array<int, 4> bbox{};
  double italic_angle = 0;
  bool bold = false;
  bool italic = false;
};

/// Writes the font's objects through `writer` (FontFile2, CIDSet, FontDescriptor, CIDFontType2, ToUnicode, then
/// the Type0 font, in that order) and returns the Type0 font's reference, for a /Font resource. /W lists the
/// CIDs the text draws; the CIDSet names every glyph of the subset.
Ref write_font(ObjectWriter& writer, const EmbeddableFont& font);

}  // namespace vanban::pdfobj
