#pragma once
// Internal to pdf: reading a TrueType font (metrics, character map, glyphs) and writing a subset of it.
// libharu 2.3.0's own TrueType path is avoided (broken ToUnicode, a 64K-entry glyph map per document,
// bloated subsets, no CIDSet; ../shared/PDF-NOTES.md §B), so the pdf module embeds fonts itself.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"

namespace vanban::pdf {

class TrueTypeFont {
 public:
  /// Parses the font; throws vanban::Error when the file is not a usable TrueType font.
  static TrueTypeFont parse(Bytes data, std::string path);

  /// The glyph for a code point, or 0 (.notdef) when the font has none.
  [[nodiscard]] std::uint16_t glyph_for(char32_t code_point) const;
  /// Advance width of a glyph in font units.
  [[nodiscard]] std::uint16_t advance(std::uint16_t glyph) const;
  /// Direct components of a composite glyph (empty for a simple glyph).
  [[nodiscard]] std::vector<std::uint16_t> components(std::uint16_t glyph) const;

  /// A font program holding `glyphs` (original ids; element i becomes glyph i; element 0 must be 0),
  /// without hinting. Every component of a composite glyph in the list must be in the list too. With `mapped`
  /// (the code points subset_glyphs was given), the program also gets a character map (mapped[k] → glyph k + 1) and
  /// a name table named `name`, so that a browser or a font library can use it as a web font; the glyphs are the
  /// same either way.
  [[nodiscard]] Bytes subset(const std::vector<std::uint16_t>& glyphs, const std::vector<char32_t>& mapped = {},
                             const std::string& name = {}) const;
  /// The glyphs of a subset that draws `code_points` (each listed once): .notdef, then one glyph per code point
  /// in their order (so code point k gets glyph, and CID, k + 1), then the components of composite glyphs,
  /// recursively (Vietnamese letters are base + marks).
  [[nodiscard]] std::vector<std::uint16_t> subset_glyphs(const std::vector<char32_t>& code_points) const;
  /// "ABCDEF+PostScriptName": six letters hashed from the name and `glyphs`, so that a subset's name follows
  /// its content (ISO 32000-1 §9.6.4) and the output stays deterministic.
  [[nodiscard]] std::string subset_name(const std::vector<std::uint16_t>& glyphs) const;

  [[nodiscard]] int units_per_em() const { return units_per_em_; }
  [[nodiscard]] int ascender() const { return ascender_; }
  [[nodiscard]] int descender() const { return descender_; }
  [[nodiscard]] int cap_height() const { return cap_height_; }
  [[nodiscard]] std::array<int, 4> bounding_box() const { return bbox_; }
  [[nodiscard]] double italic_angle() const { return italic_angle_; }
  [[nodiscard]] int weight_class() const { return weight_class_; }
  /// OS/2 fsType: the embedding permissions the font's licence grants (0 installable; bit 1 restricted, bit 2
  /// preview and print, bit 3 editable; bit 8 no subsetting, bit 9 bitmap embedding only).
  [[nodiscard]] std::uint16_t embedding_flags() const { return embedding_flags_; }
  /// The PostScript name (name table id 6), or "" when the font has no name table (a subset).
  [[nodiscard]] const std::string& postscript_name() const { return postscript_name_; }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  struct Table {
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
  };
  [[nodiscard]] Table table(std::string_view tag, bool required = true) const;
  [[nodiscard]] std::string_view glyph_data(std::uint16_t glyph) const;
  void parse_cmap();

  Bytes data_;
  std::string path_;
  std::vector<std::pair<std::uint32_t, Table>> tables_;

  int units_per_em_ = 1000;
  int ascender_ = 0;
  int descender_ = 0;
  int cap_height_ = 0;
  std::array<int, 4> bbox_{};
  double italic_angle_ = 0;
  int weight_class_ = 400;
  std::uint16_t embedding_flags_ = 0;
  bool long_loca_ = false;
  std::uint16_t glyph_count_ = 0;
  std::uint16_t metric_count_ = 0;
  std::size_t hmtx_offset_ = 0;  ///< looked up once: advance() and glyph_data() run per glyph
  std::size_t glyf_offset_ = 0;
  std::string postscript_name_;
  std::vector<std::uint16_t> bmp_;            ///< code point → glyph for U+0000–U+FFFF
  std::vector<std::uint32_t> glyph_offsets_;  ///< from loca, glyph_count_ + 1 entries
};

}  // namespace vanban::pdf
