#pragma once
// The font of the text-only signature appearance (attachments: a 10 pt block at the top right of page 1).
// PDF/A needs every font embedded, and sign cannot read fonts itself: the front end or the pipeline
// implements FontSource over the project's fonts (Liberation Serif, metric-compatible with Times New Roman).

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"

namespace vanban::sign {

/// A TrueType subset ready to embed as a CIDFontType2 with /CIDToGIDMap /Identity: glyph i is CID i.
struct EmbeddableFont {
  Bytes program;                                        ///< the TrueType subset (FontFile2)
  std::string base_name;                                ///< "ABCDEF+LiberationSerif"
  std::map<char32_t, std::uint16_t> cids;               ///< code point → CID, for every character asked for
  std::vector<int> widths;                              ///< advance per CID in thousandths of an em
  int ascent = 0;                                       ///< thousandths of an em
  int descent = 0;
  int cap_height = 0;
  std::array<int, 4> bbox{};
  double italic_angle = 0;
};

/// Makes embeddable subsets of one regular serif face.
class FontSource {
 public:
  virtual ~FontSource() = default;
  /// A subset holding every character of `text`; nullopt when the face lacks one of them.
  [[nodiscard]] virtual std::optional<EmbeddableFont> subset(std::u32string_view text) const = 0;
};

}  // namespace vanban::sign
