#include "base/suggest.hpp"

#include <gtest/gtest.h>

namespace vanban {
namespace {

TEST(Suggest, EditDistanceCountsCodePointsAndSwaps) {
  EXPECT_EQ(edit_distance("render", "render"), 0U);
  EXPECT_EQ(edit_distance("rendr", "render"), 1U);
  EXPECT_EQ(edit_distance("redner", "render"), 1U);  // a swap of neighbours
  EXPECT_EQ(edit_distance("thông", "thong"), 1U);    // one code point, two bytes
  EXPECT_EQ(edit_distance("", "abc"), 3U);
}

TEST(Suggest, TheNearestKnownWordWhenNearEnough) {
  const std::vector<std::string> commands = {"render", "validate", "templates", "batch"};
  EXPECT_EQ(closest_word("rendr", commands), "render");
  EXPECT_EQ(closest_word("templtes", commands), "templates");
  EXPECT_EQ(closest_word("xyz", commands), std::nullopt);
  EXPECT_EQ(closest_word("render", commands), std::nullopt);  // known: nothing to suggest
  EXPECT_EQ(did_you_mean("valdate", commands), " (có phải ý bạn là \"validate\"?)");
  EXPECT_EQ(did_you_mean("zzzzzzzz", commands), "");
}

}  // namespace
}  // namespace vanban

#include "base/decimal.hpp"

namespace vanban {
namespace {

TEST(DecimalComma, WritesTheDecimalsAfterAComma) {
  EXPECT_EQ(decimal_comma(35.294, 2), "35,29");
  EXPECT_EQ(decimal_comma(1.5, 1), "1,5");
  EXPECT_EQ(decimal_comma(7, 0), "7");
}

}  // namespace
}  // namespace vanban
