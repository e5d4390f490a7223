#pragma once
// The four faces of the document font, loaded once per process from one folder, serving both layout (metrics) and PDF
// writing (embedded subsets): Times New Roman (Nghị định 30/2020/NĐ-CP) where the office installs it in that folder,
// else Liberation Serif, its metric twin, bundled in fonts/. A font whose licence forbids embedding is refused.

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "layout/font_metrics.hpp"
#include "pdfobj/font.hpp"

namespace vanban::pdf {

class TrueTypeFont;

class FontSet final : public layout::FontMetrics {
 public:
  /// Loads the four faces of Times New Roman from `directory` when it holds them all (times.ttf, timesbd.ttf,
  /// timesi.ttf, timesbi.ttf, or Times_New_Roman*.ttf as msttcorefonts installs them), else
  /// LiberationSerif-{Regular,Bold,Italic,BoldItalic}.ttf; throws vanban::Error (E0801) when a file is missing or
  /// unusable, is not the family its name says, or its OS/2 fsType does not allow embedding a subset (restricted
  /// licence, no subsetting, bitmap only).
  static std::shared_ptr<const FontSet> load(const std::filesystem::path& directory);
  /// Whether `directory` holds the four faces of a family load() takes.
  static bool holds(const std::filesystem::path& directory);

  /// The family loaded: "Times New Roman" or "Liberation Serif".
  [[nodiscard]] const char* family() const { return family_; }

  ~FontSet() override;
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  [[nodiscard]] std::optional<int> advance(layout::Face face, char32_t code_point) const override;
  [[nodiscard]] layout::FaceMetrics metrics(layout::Face face) const override;
  [[nodiscard]] const char* face_name(layout::Face face) const override;

  [[nodiscard]] const TrueTypeFont& font(layout::Face face) const { return *fonts_[static_cast<std::size_t>(face)]; }

  /// The subset of `face` that draws `code_points` (each listed once; code point k gets CID k + 1), described
  /// for pdfobj::write_font with the metrics layout measures with. A code point the face lacks gets .notdef.
  [[nodiscard]] pdfobj::EmbeddableFont embeddable(layout::Face face, const std::vector<char32_t>& code_points) const;

  /// The same subset as embeddable() gives (the same glyphs, numbered alike) as a TrueType font a browser or a
  /// font library can load: with a character map (code_points[k] → glyph k + 1) and a name table naming it
  /// as the PDF's subset is named.
  [[nodiscard]] Bytes web_font(layout::Face face, const std::vector<char32_t>& code_points) const;

  /// File names of the bundled Liberation Serif faces, in Face order.
  static const std::array<const char*, layout::kFaceCount>& file_names();

 private:
  FontSet() = default;
  const char* family_ = "";
  const char* const* face_names_ = nullptr;
  std::array<std::unique_ptr<TrueTypeFont>, layout::kFaceCount> fonts_;
  /// Advance in thousandths of an em per BMP code point; -1 when the face has no glyph.
  std::array<std::vector<std::int16_t>, layout::kFaceCount> widths_;
  std::array<layout::FaceMetrics, layout::kFaceCount> metrics_{};
};

}  // namespace vanban::pdf
