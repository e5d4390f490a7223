#include "pipeline/preview.hpp"

#include <gtest/gtest.h>

namespace vanban::pipeline {
namespace {

// A font's name says everything it holds, one name per font: any node makes the font again from the name alone.
TEST(Preview, AFontNameRoundTripsAndOnlyItsOwnFormIsTaken) {
  FontRequest font{layout::Face::bold_italic, {}};
  for (char32_t cp = 0x20; cp <= 0x7E; ++cp) font.code_points.push_back(cp);
  for (char32_t cp = 0xC0; cp <= 0xC3; ++cp) font.code_points.push_back(cp);
  font.code_points.push_back(0x1EA1);
  const std::string name = font_file_name(font);
  EXPECT_EQ(name, "bi-20-7e.c0-c3.1ea1.ttf");
  const auto parsed = parse_font_file_name(name);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->face, layout::Face::bold_italic);
  EXPECT_EQ(parsed->code_points, font.code_points);
  EXPECT_TRUE(parse_font_file_name("r-41.ttf"));
  for (const char* wrong :
       {"r-7e-20.ttf", "r-20-22.21.ttf", "r-20.21.ttf", "r-20-20.ttf", "r-0020.ttf", "r-2A.ttf", "x-20.ttf", "r-.ttf",
        "r-20", "r-10000.ttf", "r-20..30.ttf", "r-20.ttf.ttf", "-20.ttf", "r-20-.ttf", "r--20.ttf", "r-30.20.ttf"})
    EXPECT_FALSE(parse_font_file_name(wrong)) << wrong;
}

TEST(Preview, TheContentKeySeparatesItsParts) {
  EXPECT_NE(content_key({"ab", "c"}), content_key({"a", "bc"}));
  EXPECT_EQ(content_key({"ab", "c"}), content_key({"ab", "c"}));
  EXPECT_EQ(content_key({}).size(), 64U);
}

}  // namespace
}  // namespace vanban::pipeline
