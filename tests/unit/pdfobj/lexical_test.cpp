// The PDF syntax helpers pdf and sign share: numbers, text strings, ToUnicode CMaps, CIDSet bitmaps.

#include "pdfobj/lexical.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace vanban::pdfobj {
namespace {

TEST(PdfNumber, FixedPointWithoutTrailingZerosOrNegativeZero) {
  EXPECT_EQ(number(12, 2), "12");
  EXPECT_EQ(number(12.5, 2), "12.5");
  EXPECT_EQ(number(12.05, 2), "12.05");
  EXPECT_EQ(number(-0.25, 2), "-0.25");
  EXPECT_EQ(number(-0.001, 2), "0");
  EXPECT_EQ(number(841.8898, 3), "841.89");
  EXPECT_EQ(number(0.1234567, 6), "0.123457");
  EXPECT_EQ(number(-7.96, 1), "-8");
  EXPECT_EQ(number(3.14159, 0), "3");
  EXPECT_EQ(number(std::numeric_limits<double>::quiet_NaN(), 2), "0");
  EXPECT_EQ(number(std::numeric_limits<double>::infinity(), 2), "0");
  EXPECT_EQ(number(1e30, 6), "0");
  std::string out = "[";
  append_number(out, 1.5, 1);
  EXPECT_EQ(out, "[1.5");
}

TEST(PdfText, Utf16WithByteOrderMarkAndSurrogates) {
  EXPECT_EQ(utf16_text("Aệ"), std::string("\xFE\xFF\x00\x41\x1E\xC7", 6));
  EXPECT_EQ(utf16_text("\xF0\x9F\x98\x80"), std::string("\xFE\xFF\xD8\x3D\xDE\x00", 6));  // U+1F600
  std::string hex;
  append_hex4(hex, 0x1EC7);
  append_hex4(hex, 0x2A);
  EXPECT_EQ(hex, "1EC7002A");
}

TEST(CidSet, NamesEveryCidOfTheSubset) {
  EXPECT_EQ(cid_set(1), std::string("\x80", 1));
  EXPECT_EQ(cid_set(8), std::string("\xFF", 1));
  EXPECT_EQ(cid_set(10), std::string("\xFF\xC0", 2));
}

TEST(ToUnicode, RangesForRunsCharsForTheRestNeverAcrossAHighByte) {
  // a b c → CIDs 1 2 3 (one range); ý (U+00FD) þ ÿ Ā (U+0100) → CIDs 4–7: split before U+0100; ệ alone.
  const std::map<char32_t, std::uint16_t> cids = {{U'a', 1}, {U'b', 2}, {U'c', 3},  {0xFD, 4},
                                                  {0xFE, 5}, {0xFF, 6}, {0x100, 7}, {U'ệ', 8}};
  const std::string cmap = to_unicode_cmap(cids);
  EXPECT_NE(cmap.find("/CMapType 2 def"), std::string::npos);
  EXPECT_NE(cmap.find("2 beginbfrange\n<0001> <0003> <0061>\n<0004> <0006> <00FD>\nendbfrange\n"), std::string::npos)
      << cmap;
  EXPECT_NE(cmap.find("2 beginbfchar\n<0007> <0100>\n<0008> <1EC7>\nendbfchar\n"), std::string::npos) << cmap;
  EXPECT_EQ(cmap.find("begincidrange"), std::string::npos);
}

TEST(ToUnicode, BlocksHoldAtMostAHundredEntries) {
  std::map<char32_t, std::uint16_t> cids;
  for (std::uint16_t i = 1; i <= 250; ++i) cids[0x4E00 + 2U * i] = i;  // no two consecutive code points
  const std::string cmap = to_unicode_cmap(cids);
  EXPECT_NE(cmap.find("100 beginbfchar"), std::string::npos);
  EXPECT_NE(cmap.find("50 beginbfchar"), std::string::npos);
  EXPECT_EQ(cmap.find("101 beginbfchar"), std::string::npos);
}

TEST(ToUnicode, CharactersBeyondTheBmpAsSurrogatePairs) {
  const std::map<char32_t, std::uint16_t> cids = {{0x1F600, 1}, {0x1F601, 2}};
  const std::string cmap = to_unicode_cmap(cids);
  EXPECT_NE(cmap.find("2 beginbfchar\n<0001> <D83DDE00>\n<0002> <D83DDE01>\nendbfchar\n"), std::string::npos) << cmap;
  EXPECT_EQ(cmap.find("bfrange"), std::string::npos);
}

}  // namespace
}  // namespace vanban::pdfobj
