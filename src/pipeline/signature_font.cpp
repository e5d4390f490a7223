#include "pipeline/signature_font.hpp"

#include <set>
#include <vector>

#include "pdf/font_set.hpp"

namespace vanban::pipeline {

SignatureFont::SignatureFont(const std::filesystem::path& fonts) : fonts_(pdf::FontSet::load(fonts)) {}
SignatureFont::~SignatureFont() = default;

std::optional<pdfobj::EmbeddableFont> SignatureFont::subset(std::u32string_view text) const {
  const std::set<char32_t> characters(text.begin(), text.end());
  for (const char32_t cp : characters)
    if (!fonts_->advance(layout::Face::regular, cp)) return std::nullopt;
  return fonts_->embeddable(layout::Face::regular, std::vector<char32_t>(characters.begin(), characters.end()));
}

}  // namespace vanban::pipeline
