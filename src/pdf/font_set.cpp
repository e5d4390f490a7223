#include "pdf/font_set.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "base/error.hpp"
#include "base/file_io.hpp"
#include "pdf/true_type.hpp"

namespace vanban::pdf {

namespace {
constexpr std::array<const char*, layout::kFaceCount> kFiles = {
    "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf"};

// A font family load() takes: its faces' file names (alternatives, in Face order) and PostScript name prefix.
struct Family {
  const char* name;
  const char* postscript;
  std::array<std::array<const char*, 2>, layout::kFaceCount> files;
  std::array<const char*, layout::kFaceCount> face_names;
};

constexpr Family kTimes = {
    "Times New Roman",
    "TimesNewRomanPS",
    {{{"times.ttf", "Times_New_Roman.ttf"},
      {"timesbd.ttf", "Times_New_Roman_Bold.ttf"},
      {"timesi.ttf", "Times_New_Roman_Italic.ttf"},
      {"timesbi.ttf", "Times_New_Roman_Bold_Italic.ttf"}}},
    {"Times New Roman", "Times New Roman Bold", "Times New Roman Italic", "Times New Roman Bold Italic"}};
constexpr Family kLiberation = {
    "Liberation Serif",
    "LiberationSerif",
    {{{kFiles[0], kFiles[0]}, {kFiles[1], kFiles[1]}, {kFiles[2], kFiles[2]}, {kFiles[3], kFiles[3]}}},
    {"Liberation Serif", "Liberation Serif Bold", "Liberation Serif Italic", "Liberation Serif Bold Italic"}};

// The file of each face of `family` in `directory` (empty when the folder lacks one).
std::array<std::filesystem::path, layout::kFaceCount> faces_in(const std::filesystem::path& directory,
                                                               const Family& family) {
  std::array<std::filesystem::path, layout::kFaceCount> out;
  for (std::size_t f = 0; f < out.size(); ++f)
    for (const char* name : family.files[f]) {
      std::error_code ec;
      if (std::filesystem::is_regular_file(directory / name, ec)) {
        out[f] = directory / name;
        break;
      }
    }
  return out;
}

bool complete(const std::array<std::filesystem::path, layout::kFaceCount>& faces) {
  for (const auto& face : faces)
    if (face.empty()) return false;
  return true;
}

// Why a font's OS/2 fsType forbids embedding it as a subset in a PDF/A document, or "" when it allows it.
std::string embedding_refusal(std::uint16_t flags) {
  if ((flags & 0x000FU) == 0x0002U) return "giấy phép hạn chế, không cho phép nhúng (Restricted License)";
  if ((flags & 0x0100U) != 0) return "không cho phép nhúng một phần phông (No subsetting)";
  if ((flags & 0x0200U) != 0) return "chỉ cho phép nhúng ảnh bitmap (Bitmap embedding only)";
  return {};
}

int thousandths(int units, int units_per_em) { return static_cast<int>(std::lround(units * 1000.0 / units_per_em)); }
}  // namespace

const std::array<const char*, layout::kFaceCount>& FontSet::file_names() { return kFiles; }

FontSet::~FontSet() = default;

bool FontSet::holds(const std::filesystem::path& directory) {
  return complete(faces_in(directory, kTimes)) || complete(faces_in(directory, kLiberation));
}

std::shared_ptr<const FontSet> FontSet::load(const std::filesystem::path& directory) {
  std::shared_ptr<FontSet> set(new FontSet());
  auto files = faces_in(directory, kTimes);
  const Family* family = &kTimes;
  if (!complete(files)) {
    family = &kLiberation;
    for (std::size_t f = 0; f < files.size(); ++f) files[f] = directory / kFiles[f];
  }
  set->family_ = family->name;
  set->face_names_ = family->face_names.data();
  for (std::size_t f = 0; f < files.size(); ++f) {
    const std::filesystem::path& path = files[f];
    std::string problem;
    auto bytes = read_file(path, 64U * 1024U * 1024U, problem);
    if (!bytes) throw Error(errors::kResource, "không đọc được phông chữ: " + problem, path.string());
    set->fonts_[f] = std::make_unique<TrueTypeFont>(TrueTypeFont::parse(std::move(*bytes), path.string()));
    const TrueTypeFont& font = *set->fonts_[f];
    // The file must be the family its name says: the layout of Nghị định 30 was checked with these metrics.
    if (font.postscript_name().rfind(family->postscript, 0) != 0)
      throw Error(
          errors::kResource,
          std::string("phông chữ không phải ") + family->name + " (tên PostScript \"" + font.postscript_name() + "\")",
          path.string());
    // PDF/A embeds every font, as a subset: a licence that forbids it is refused rather than broken.
    if (const std::string refusal = embedding_refusal(font.embedding_flags()); !refusal.empty()) {
      char flags[8];
      std::snprintf(flags, sizeof flags, "0x%04X", static_cast<unsigned>(font.embedding_flags()));
      throw Error(errors::kResource,
                  std::string("phông chữ ") + family->name + " này không dùng được cho PDF/A: " + refusal +
                      " (OS/2 fsType = " + flags +
                      "); hãy cài bản phông cho phép nhúng, hoặc bỏ [paths] fonts để "
                      "dùng Liberation Serif",
                  path.string());
    }
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

const char* FontSet::face_name(layout::Face face) const { return face_names_[static_cast<std::size_t>(face)]; }

}  // namespace vanban::pdf
