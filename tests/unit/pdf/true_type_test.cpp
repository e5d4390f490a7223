#include "pdf/true_type.hpp"

#include <gtest/gtest.h>

#include <array>
#include <optional>

#include "base/error.hpp"
#include "base/file_io.hpp"
#include "crypto/sha256.hpp"
#include "pdf/font_set.hpp"
#include "support/paths.hpp"

namespace vanban::pdf {
namespace {

TrueTypeFont load(const char* file) {
  const auto path = test::source_dir() / "fonts" / file;
  return TrueTypeFont::parse(test::read_text(path), path.string());
}

TEST(TrueType, ReadsLiberationSerif) {
  const TrueTypeFont font = load("LiberationSerif-Regular.ttf");
  EXPECT_EQ(font.postscript_name(), "LiberationSerif");
  EXPECT_EQ(font.units_per_em(), 2048);
  EXPECT_NE(font.glyph_for(U'ệ'), 0);
  EXPECT_NE(font.glyph_for(U'₫'), 0);
  EXPECT_EQ(font.glyph_for(0x4E00), 0);  // no CJK
  // Vietnamese letters with two marks are composites of base and marks.
  EXPECT_FALSE(font.components(font.glyph_for(U'ệ')).empty());
}

TEST(TrueType, SubsetKeepsTheChosenGlyphsAndTheirMetrics) {
  const TrueTypeFont font = load("LiberationSerif-Bold.ttf");
  std::vector<std::uint16_t> glyphs = {0, font.glyph_for(U'A'), font.glyph_for(U'ệ')};
  for (const auto component : font.components(font.glyph_for(U'ệ'))) glyphs.push_back(component);
  const Bytes subset = font.subset(glyphs);
  EXPECT_LT(subset.size(), 4000U);
  const TrueTypeFont reread = TrueTypeFont::parse(subset, "subset");
  EXPECT_EQ(reread.advance(1), font.advance(font.glyph_for(U'A')));
  EXPECT_EQ(reread.advance(2), font.advance(font.glyph_for(U'ệ')));
  // The composite now points at the renumbered components.
  for (const auto component : reread.components(2)) EXPECT_LT(component, glyphs.size());
}

// The web font of the SVG preview: the PDF's subset (the same glyphs, numbered alike, the same program apart from the
// two tables) with a character map code point k → glyph k + 1 and a name table, so that a browser can use it.
TEST(TrueType, TheWebFontIsThePdfSubsetWithACharacterMapAndANameTable) {
  const TrueTypeFont font = load("LiberationSerif-Regular.ttf");
  const std::vector<char32_t> code_points = {U' ', U'A', U'B', U'C', U'a', U'ệ', U'₫'};
  const auto glyphs = font.subset_glyphs(code_points);
  const Bytes pdf_subset = font.subset(glyphs);
  const Bytes web = font.subset(glyphs, code_points, "ABCDEF-LiberationSerif");
  EXPECT_GT(web.size(), pdf_subset.size());
  const TrueTypeFont reread = TrueTypeFont::parse(web, "web");
  EXPECT_EQ(reread.postscript_name(), "ABCDEF-LiberationSerif");
  for (std::size_t k = 0; k < code_points.size(); ++k) {
    EXPECT_EQ(reread.glyph_for(code_points[k]), k + 1) << k;
    EXPECT_EQ(reread.advance(static_cast<std::uint16_t>(k + 1)), font.advance(font.glyph_for(code_points[k]))) << k;
  }
  EXPECT_EQ(reread.glyph_for(U'D'), 0);
  // The PDF's own subset is unchanged: no character map, no name.
  EXPECT_EQ(TrueTypeFont::parse(pdf_subset, "pdf").glyph_for(U'A'), 0);
  EXPECT_EQ(TrueTypeFont::parse(pdf_subset, "pdf").postscript_name(), "");
}

TEST(TrueType, RejectsAFileThatIsNotAFont) { EXPECT_THROW(TrueTypeFont::parse("not a font at all", "x"), Error); }

TEST(FontSet, CommittedFontsAreUnmodified) {
  // fonts/README.md lists these hashes; a changed file must not slip in under the Reserved Font Name.
  const std::string readme = test::read_text(test::source_dir() / "fonts" / "README.md");
  for (const char* name : FontSet::file_names()) EXPECT_NE(readme.find(name), std::string::npos) << name;
  EXPECT_NE(readme.find("29d12439831b7f59194efec85872f24f54eff05738933f9a860220d2abff88ba"), std::string::npos);
  const auto fonts = FontSet::load(test::source_dir() / "fonts");
  EXPECT_EQ(fonts->advance(layout::Face::regular, U' ').value(), 250);
  EXPECT_FALSE(fonts->advance(layout::Face::regular, 0x4E00).has_value());
  EXPECT_EQ(fonts->metrics(layout::Face::regular).ascent, 891);
}

// An installed vanban without fonts/ (the Debian package) uses the system's fonts-liberation2: the same files, by the
// hashes fonts/README.md lists, so the same layout and the same bytes.
TEST(FontSet, TheSystemFontsAreTheSameFiles) {
  const std::filesystem::path system = "/usr/share/fonts/truetype/liberation2";
  if (!std::filesystem::exists(system / "LiberationSerif-Regular.ttf"))
    GTEST_SKIP() << "fonts-liberation2 is not installed (scripts/setup installs it)";
  const std::string readme = test::read_text(test::source_dir() / "fonts" / "README.md");
  for (const char* name : FontSet::file_names())
    EXPECT_NE(readme.find(crypto::sha256_hex(test::read_text(system / name))), std::string::npos) << name;
  const auto fonts = FontSet::load(system);
  EXPECT_EQ(fonts->advance(layout::Face::regular, U' ').value(), 250);
}

TEST(FontSet, AFontOtherThanLiberationSerifIsRefused) {
  const auto dir = test::scratch_dir("font_other");
  for (const char* name : FontSet::file_names())
    std::filesystem::copy_file(test::source_dir() / "fonts" / name, dir / name);
  const std::filesystem::path sans = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf";
  if (!std::filesystem::exists(sans)) GTEST_SKIP() << "fonts-liberation2 is not installed";
  std::filesystem::copy_file(sans, dir / "LiberationSerif-Regular.ttf",
                             std::filesystem::copy_options::overwrite_existing);
  EXPECT_THROW(FontSet::load(dir), Error);
}

// The four bundled faces copied to a fresh folder under `names` (in Face order), with the Regular face's OS/2 fsType
// set to `flags` when given.
std::filesystem::path font_folder(const char* name, const std::array<const char*, layout::kFaceCount>& names,
                                  std::optional<std::uint16_t> flags = std::nullopt) {
  const auto dir = test::scratch_dir(name);
  for (std::size_t f = 0; f < names.size(); ++f) {
    std::string bytes = test::read_text(test::source_dir() / "fonts" / FontSet::file_names()[f]);
    if (f == 0 && flags) {
      // The table directory: numTables at 4, then 16-byte records (tag, checksum, offset, length) from 12.
      const auto u16 = [&](std::size_t at) {
        return static_cast<std::size_t>((static_cast<unsigned char>(bytes[at]) << 8) |
                                        static_cast<unsigned char>(bytes[at + 1]));
      };
      const auto u32 = [&](std::size_t at) { return (u16(at) << 16) | u16(at + 2); };
      for (std::size_t t = 0; t < u16(4); ++t) {
        const std::size_t record = 12 + 16 * t;
        if (bytes.compare(record, 4, "OS/2") != 0) continue;
        const std::size_t fs_type = u32(record + 8) + 8;
        bytes[fs_type] = static_cast<char>(*flags >> 8);
        bytes[fs_type + 1] = static_cast<char>(*flags & 0xFF);
      }
    }
    test::write_text(dir / names[f], bytes);
  }
  return dir;
}

std::string refusal(const std::filesystem::path& dir) {
  try {
    (void)FontSet::load(dir);
  } catch (const Error& e) {
    return e.what();
  }
  return {};
}

// Times New Roman is taken from a folder that holds its four faces (by the names Windows and msttcorefonts give them),
// Liberation Serif otherwise; a file named as Times New Roman must be it.
TEST(FontSet, TimesNewRomanIsTakenWhereTheFolderHoldsIt) {
  const auto liberation = FontSet::load(test::source_dir() / "fonts");
  EXPECT_STREQ(liberation->family(), "Liberation Serif");
  EXPECT_STREQ(liberation->face_name(layout::Face::bold), "Liberation Serif Bold");
  const auto windows = font_folder("font_times", {"times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"});
  EXPECT_TRUE(FontSet::holds(windows));
  EXPECT_NE(refusal(windows).find("[E0801] phông chữ không phải Times New Roman (tên PostScript \"LiberationSerif"),
            std::string::npos)
      << refusal(windows);
  const auto debian =
      font_folder("font_times_debian", {"Times_New_Roman.ttf", "Times_New_Roman_Bold.ttf", "Times_New_Roman_Italic.ttf",
                                        "Times_New_Roman_Bold_Italic.ttf"});
  EXPECT_NE(refusal(debian).find("không phải Times New Roman"), std::string::npos) << refusal(debian);
  const auto three = font_folder("font_times_three", {"times.ttf", "timesbd.ttf", "timesi.ttf", "other.ttf"});
  EXPECT_FALSE(FontSet::holds(three));
}

// A font's licence bits (OS/2 fsType) decide whether a PDF/A document may embed it: installable, preview & print and
// editable fonts load; a restricted licence, no subsetting, or bitmap-only embedding is refused, saying why.
TEST(FontSet, AFontWhoseLicenceForbidsEmbeddingIsRefused) {
  const auto& names = FontSet::file_names();
  EXPECT_NO_THROW((void)FontSet::load(font_folder("font_editable", names, 0x0008)));
  EXPECT_NO_THROW((void)FontSet::load(font_folder("font_print", names, 0x0004)));
  const std::string restricted = refusal(font_folder("font_restricted", names, 0x0002));
  EXPECT_NE(restricted.find("Restricted License"), std::string::npos) << restricted;
  EXPECT_NE(restricted.find("OS/2 fsType = 0x0002"), std::string::npos) << restricted;
  EXPECT_NE(refusal(font_folder("font_no_subset", names, 0x0108)).find("No subsetting"), std::string::npos);
  EXPECT_NE(refusal(font_folder("font_bitmap", names, 0x0200)).find("Bitmap embedding only"), std::string::npos);
}

TEST(FontSet, MissingFolderIsAnEnvironmentError) { EXPECT_THROW(FontSet::load("/nonexistent"), Error); }

}  // namespace
}  // namespace vanban::pdf
