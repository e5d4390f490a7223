#include "text/line_breaks.hpp"

#include <gtest/gtest.h>

namespace vanban::text {
namespace {

TEST(LineBreaks, BreaksAfterSpacesBetweenSyllables) {
  const std::string text = "Thi hành án";
  const auto breaks = line_break_opportunities(text);
  // After "Thi ", after "hành ", and at the end.
  ASSERT_EQ(breaks.size(), 3U);
  EXPECT_EQ(text.substr(0, breaks[0]), "Thi ");
  EXPECT_EQ(text.substr(breaks[0], breaks[1] - breaks[0]), "hành ");
  EXPECT_EQ(breaks[2], text.size());
}

TEST(LineBreaks, AllowsBreakAfterHyphenAndSlashButNotInsideNumbers) {
  const std::string text = "Số 48/2023/HS-ST 15.000.000";
  const auto breaks = line_break_opportunities(text);
  for (const auto at : breaks) {
    // Never inside "15.000.000".
    const auto number = text.find("15.000.000");
    EXPECT_FALSE(at > number && at < number + 10) << at;
  }
}

}  // namespace
}  // namespace vanban::text
