#include "pdf/font_set.hpp"

#include <cmath>

#include "base/error.hpp"
#include "base/file_io.hpp"
#include "pdf/true_type.hpp"

namespace vanban::pdf {

namespace {
constexpr std::array<const char*, layout::kFaceCount> kFiles = {
    "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf"};
constexpr std::array<const char*, layout::kFaceCount> kNames = {
    "Liberation Serif", "Liberation Serif Bold", "Liberation Serif Italic", "Liberation Serif Bold Italic"};

int thousandths(int units, int units_per_em) { return static_cast<int>(std::lround(units * 1000.0 / units_per_em)); }
}  // namespace

const std::array<const char*, layout::kFaceCount>& FontSet::file_names() { return kFiles; }

FontSet::~FontSet() = default;

std::shared_ptr<const FontSet> FontSet::load(const std::filesystem::path& directory) {
  std::shared_ptr<FontSet> set(new FontSet());
  for (std::size_t f = 0; f < kFiles.size(); ++f) {
    const std::filesystem::path path = directory / kFiles[f];
    std::string problem;
    auto bytes = read_file(path, 64U * 1024U * 1024U, problem);
    if (!bytes) throw Error(errors::kResource, "không đọc được phông chữ: " + problem, path.string());
    set->fonts_[f] = std::make_unique<TrueTypeFont>(TrueTypeFont::parse(std::move(*bytes), path.string()));
    const TrueTypeFont& font = *set->fonts_[f];
    // The bundled fonts/ and Debian's fonts-liberation2 are both Liberation Serif; any other font would lay out
    // differently from what Nghị định 30's measurements were checked with.
    if (font.postscript_name().rfind("LiberationSerif", 0) != 0)
      throw Error(errors::kResource,
                  "phông chữ không phải Liberation Serif (tên PostScript \"" + font.postscript_name() + "\")",
                  path.string());
    const int em = font.units_per_em();
    auto& widths = set->widths_[f];
    widths.assign(65536, -1);
    for (char32_t cp = 0; cp < 65536; ++cp) {
      const std::uint16_t glyph = font.glyph_for(cp);
      if (glyph != 0) widths[cp] = static_cast<std::int16_t>(thousandths(font.advance(glyph), em));
    }
    set->metrics_[f] = layout::FaceMetrics{thousandths(font.ascender(), em), thousandths(font.descender(), em),
                                           thousandths(font.cap_height(), em)};
  }
  return set;
}

std::optional<int> FontSet::advance(layout::Face face, char32_t code_point) const {
  const auto& widths = widths_[static_cast<std::size_t>(face)];
  if (code_point >= widths.size()) return std::nullopt;
  const std::int16_t width = widths[code_point];
  if (width < 0) return std::nullopt;
  return width;
}

pdfobj::EmbeddableFont FontSet::embeddable(layout::Face face, const std::vector<char32_t>& code_points) const {
  const TrueTypeFont& ttf = font(face);
  const int em = ttf.units_per_em();
  const std::vector<std::uint16_t> glyphs = ttf.subset_glyphs(code_points);
  pdfobj::EmbeddableFont out;
  out.program = ttf.subset(glyphs);
  out.base_name = ttf.subset_name(glyphs);
  for (std::size_t i = 0; i < code_points.size(); ++i)  // in ascending order (the usual case) each insertion is O(1)
    out.cids.emplace_hint(out.cids.end(), code_points[i], static_cast<std::uint16_t>(i + 1));
  out.widths.reserve(glyphs.size());
  for (const std::uint16_t glyph : glyphs) out.widths.push_back(thousandths(ttf.advance(glyph), em));
  out.ascent = thousandths(ttf.ascender(), em);
  out.descent = thousandths(ttf.descender(), em);
  out.cap_height = thousandths(ttf.cap_height(), em);
  const auto box = ttf.bounding_box();
  for (std::size_t i = 0; i < box.size(); ++i) out.bbox[i] = thousandths(box[i], em);
  out.italic_angle = ttf.italic_angle();
  out.bold = face == layout::Face::bold || face == layout::Face::bold_italic;
  out.italic = face == layout::Face::italic || face == layout::Face::bold_italic;
  return out;
}

Bytes FontSet::web_font(layout::Face face, const std::vector<char32_t>& code_points) const {
  const TrueTypeFont& ttf = font(face);
  const std::vector<std::uint16_t> glyphs = ttf.subset_glyphs(code_points);
  std::string name = ttf.subset_name(glyphs);
  for (char& c : name)
    if (c == '+') c = '-';  // a PostScript name holds no '+'
  return ttf.subset(glyphs, code_points, name);
}

layout::FaceMetrics FontSet::metrics(layout::Face face) const { return metrics_[static_cast<std::size_t>(face)]; }

const char* FontSet::face_name(layout::Face face) const { return kNames[static_cast<std::size_t>(face)]; }

}  // namespace vanban::pdf
