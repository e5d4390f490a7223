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

}  // namespace
}  // namespace vanban
