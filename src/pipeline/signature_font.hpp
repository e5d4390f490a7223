#pragma once
// The project's regular face (Liberation Serif, metric-compatible with Times New Roman) as the font of
// the text-only signature appearance: sign cannot read fonts, pdf cannot know sign, the pipeline joins them.

#include <filesystem>
#include <memory>

#include "sign/font_source.hpp"

namespace vanban::pdf {
class FontSet;
}

namespace vanban::pipeline {

class SignatureFont final : public sign::FontSource {
 public:
  /// Loads the faces from `fonts` (the resources' fonts/); throws vanban::Error when they are unusable.
  explicit SignatureFont(const std::filesystem::path& fonts);
  ~SignatureFont() override;
  SignatureFont(const SignatureFont&) = delete;
  SignatureFont& operator=(const SignatureFont&) = delete;

  [[nodiscard]] std::optional<pdfobj::EmbeddableFont> subset(std::u32string_view text) const override;

 private:
  std::shared_ptr<const pdf::FontSet> fonts_;
};

}  // namespace vanban::pipeline
