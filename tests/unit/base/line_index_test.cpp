#include "base/line_index.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vanban {
namespace {

TEST(LineIndex, CountsColumnsInCharactersNotBytes) {
  const std::string text = "<a>\n  <tên>Đỗ</tên>\n";
  const LineIndex index(make_file_name("x.xml"), text);
  const SourceLoc loc = index.locate(text.find("Đỗ"));
  EXPECT_EQ(loc.line, 2U);
  EXPECT_EQ(loc.column, 8U);  // "  <tên>" is 7 characters but 8 bytes
  EXPECT_EQ(loc.to_string(), "x.xml:2:8");
}

TEST(LineIndex, FirstAndPastTheEnd) {
  const std::string text = "ab\ncd";
  const LineIndex index(make_file_name("f"), text);
  EXPECT_EQ(index.locate(std::size_t{0}).to_string(), "f:1:1");
  EXPECT_EQ(index.locate(100).to_string(), "f:2:3");
}

TEST(LineIndex, ColumnsOnVeryLongLines) {
  // A one-line file of 3 MB (minified XML): columns still count characters, across the index's blocks.
  std::string text = "x\n";
  for (int i = 0; i < 1'000'000; ++i) text += "ộa";  // 3 + 1 bytes, 2 characters
  const LineIndex index(make_file_name("f"), text);
  EXPECT_EQ(index.locate(2 + 4 * 999'999 + 3).to_string(), "f:2:2000000");
  EXPECT_EQ(index.locate(2 + 4 * 5000).column, 10'001U);
  EXPECT_EQ(index.line(text.size()), 2U);
  EXPECT_EQ(index.locate(text.size()).to_string(), "f:2:2000001");
}

TEST(LineIndex, ALoneCarriageReturnEndsALine) {
  // "\n", "\r\n" and a lone "\r" each end one line, also where a line end falls on a block's last byte.
  std::string text = "a\rb\r\nc\nd\r";
  text += std::string(64 - text.size() - 1, 'x') + "\r" + "ộ\r\r\n";
  const LineIndex index(make_file_name("f"), text);
  EXPECT_EQ(index.locate(text.find('b')).to_string(), "f:2:1");
  EXPECT_EQ(index.locate(text.find('c')).to_string(), "f:3:1");
  EXPECT_EQ(index.locate(text.find('d')).to_string(), "f:4:1");
  EXPECT_EQ(index.locate(text.find('x')).to_string(), "f:5:1");
  EXPECT_EQ(index.locate(64).to_string(), "f:6:1");
  EXPECT_EQ(index.locate(text.size() - 2).to_string(), "f:7:1");
  EXPECT_EQ(index.locate(text.size()).to_string(), "f:8:1");
  // The cursor knows the same line ends: from the start of a line to the next, forwards and back.
  LineCursor cursor;
  for (std::size_t offset = 0; offset <= text.size(); ++offset)
    EXPECT_EQ(index.locate(offset, cursor).to_string(), index.locate(offset).to_string()) << offset;
  for (std::size_t offset = text.size() + 1; offset-- > 0;)
    EXPECT_EQ(index.locate(offset, cursor).to_string(), index.locate(offset).to_string()) << offset;
}

TEST(LineIndex, ACursorGivesTheSameLocationsInAnyOrder) {
  std::string text;
  for (int line = 0; line < 200; ++line) {
    for (int i = 0; i < line % 37; ++i) text += i % 3 == 0 ? "ộ" : "a ";
    text += '\n';
  }
  const LineIndex index(make_file_name("f"), text);
  LineCursor cursor;
  std::uint64_t seed = 7;
  for (int i = 0; i < 20000; ++i) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    // Mostly small steps back and forth (as a reader asks), sometimes a jump.
    const std::size_t step = (seed >> 33U) % 40U;
    std::size_t offset = i % 50 == 0 ? (seed >> 20U) % (text.size() + 2) : cursor.offset + step;
    if (step % 3 == 0 && offset >= 2 * step) offset -= 2 * step;
    EXPECT_EQ(index.locate(offset, cursor).to_string(), index.locate(offset).to_string()) << offset;
  }
}

TEST(LineIndex, ColumnsCountEveryKindOfCharacterAtEveryOffset) {
  // Characters of one to four bytes in every alignment (columns are counted eight bytes at a time): each offset's
  // column is the number of characters that start before it, plus one, however it is asked for.
  const std::string line = "aộ€𝄞b  Đỗ 😀xyzưở\x7F~ồ";
  std::string text = "x\n";
  for (int i = 0; i < 9; ++i) text += line.substr(0, line.size() - static_cast<std::size_t>(i % 2)) + "q";
  const LineIndex index(make_file_name("f"), text);
  LineCursor cursor;
  std::uint32_t expected = 1;
  for (std::size_t offset = 2; offset <= text.size(); ++offset) {
    EXPECT_EQ(index.locate(offset).column, expected) << offset;
    EXPECT_EQ(index.locate(offset, cursor).column, expected) << offset;
    if (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0U) != 0x80U) ++expected;
  }
  for (std::size_t offset = text.size() + 1; offset-- > 2;) {
    std::uint32_t column = 1;
    for (std::size_t i = 2; i < offset; ++i) column += (static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U ? 1U : 0U;
    EXPECT_EQ(index.locate(offset, cursor).column, column) << offset;
  }
}

TEST(LineIndex, AnIndexThatKeepsWhatItNeedsLocatesAfterTheTextIsWrittenOver) {
  // Lines short and long (past a block of 64 bytes), characters of one to four bytes, line ends of every kind.
  std::string text;
  for (int line = 0; line < 60; ++line) {
    for (int i = 0; i < line * 3; ++i) text += i % 4 == 0 ? "ộ" : (i % 7 == 0 ? "𝄞" : "a");
    text += line % 3 == 0 ? "\r\n" : (line % 5 == 0 ? "\r" : "\n");
  }
  std::vector<std::string> expected;
  const LineIndex reading(make_file_name("f"), text);
  for (std::size_t offset = 0; offset <= text.size() + 1; ++offset)
    expected.push_back(reading.locate(offset).to_string());
  std::string bytes = text;
  const LineIndex keeping(make_file_name("f"), bytes, TextStays::no);
  for (char& c : bytes) c = '\x80';  // nothing but continuation bytes: an index reading these would count no column
  LineCursor cursor;
  for (std::size_t offset = 0; offset <= text.size() + 1; ++offset) {
    EXPECT_EQ(keeping.locate(offset).to_string(), expected[offset]) << offset;
    EXPECT_EQ(keeping.locate(offset, cursor).to_string(), expected[offset]) << offset;
  }
}

}  // namespace
}  // namespace vanban
