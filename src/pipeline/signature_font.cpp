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
  sign::EmbeddableFont font;
  std::vector<std::uint16_t> glyphs{0};  // CID i shows glyphs[i]; CID 0 is .notdef
  for (const char32_t cp : std::set<char32_t>(text.begin(), text.end())) {
    const std::uint16_t glyph = face.glyph_for(cp);
    if (glyph == 0) return std::nullopt;
    font.cids.emplace_back(cp, static_cast<std::uint16_t>(glyphs.size()));
    glyphs.push_back(glyph);
  }
  // Vietnamese letters are composites (base + marks): their parts must be in the subset as well.
  std::set<std::uint16_t> included(glyphs.begin(), glyphs.end());
  for (std::size_t next = 0; next < glyphs.size(); ++next)
    for (const std::uint16_t part : face.components(glyphs[next]))
      if (included.insert(part).second) glyphs.push_back(part);
  font.program = face.subset(glyphs);
  for (const std::uint16_t glyph : glyphs) font.widths.push_back(scale(face.advance(glyph)));
  // A subset tag that follows the content (ISO 32000 9.6.4): six letters from a hash of the glyph list.
  std::uint32_t hash = 2166136261U;
  for (const std::uint16_t glyph : glyphs) hash = (hash ^ glyph) * 16777619U;
  std::string tag;
  for (int letter = 0; letter < 6; ++letter, hash /= 26U) tag += static_cast<char>('A' + hash % 26U);
  font.base_name = tag + "+" + face.postscript_name();
  font.ascent = scale(face.ascender());
  font.descent = scale(face.descender());
  font.cap_height = scale(face.cap_height());
  const auto box = face.bounding_box();
  font.bbox = {scale(box[0]), scale(box[1]), scale(box[2]), scale(box[3])};
  font.italic_angle = face.italic_angle();
  return font;
}

}  // namespace vanban::pipeline
