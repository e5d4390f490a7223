#include "base/line_index.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace vanban
