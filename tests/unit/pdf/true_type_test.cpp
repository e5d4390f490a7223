#include "pdf/true_type.hpp"

#include <gtest/gtest.h>

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

TEST(FontSet, MissingFolderIsAnEnvironmentError) { EXPECT_THROW(FontSet::load("/nonexistent"), Error); }

}  // namespace
}  // namespace vanban::pdf
