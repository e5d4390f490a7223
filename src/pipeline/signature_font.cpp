#include "pipeline/signature_font.hpp"

#include <cmath>
#include <set>

#include "pdf/font_set.hpp"
#include "pdf/true_type.hpp"

namespace vanban::pipeline {

SignatureFont::SignatureFont(const std::filesystem::path& fonts) : fonts_(pdf::FontSet::load(fonts)) {}
SignatureFont::~SignatureFont() = default;

std::optional<sign::EmbeddableFont> SignatureFont::subset(std::u32string_view text) const {
  const pdf::TrueTypeFont& face = fonts_->font(layout::Face::regular);
  const double per_mille = 1000.0 / face.units_per_em();
  const auto scale = [&](int units) { return static_cast<int>(std::lround(units * per_mille)); };
  const std::set<char32_t> characters(text.begin(), text.end());
  const std::vector<char32_t> code_points(characters.begin(), characters.end());
  sign::EmbeddableFont font;
  for (std::size_t i = 0; i < code_points.size(); ++i) {
    if (face.glyph_for(code_points[i]) == 0) return std::nullopt;
    font.cids.emplace(code_points[i], static_cast<std::uint16_t>(i + 1));  // CID 0 is .notdef
  }
  const std::vector<std::uint16_t> glyphs = face.subset_glyphs(code_points);
  font.program = face.subset(glyphs);
  for (const std::uint16_t glyph : glyphs) font.widths.push_back(scale(face.advance(glyph)));
  font.base_name = face.subset_name(glyphs);
  font.ascent = scale(face.ascender());
  font.descent = scale(face.descender());
  font.cap_height = scale(face.cap_height());
  const auto box = face.bounding_box();
  font.bbox = {scale(box[0]), scale(box[1]), scale(box[2]), scale(box[3])};
  font.italic_angle = face.italic_angle();
  return font;
}

}  // namespace vanban::pipeline
