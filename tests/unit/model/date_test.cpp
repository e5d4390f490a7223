#include "model/date.hpp"

#include <gtest/gtest.h>

namespace vanban::model {
namespace {

TEST(Date, ParsesOnlyRealDates) {
  EXPECT_TRUE(Date::parse_iso("2024-02-29").has_value());
  EXPECT_FALSE(Date::parse_iso("2023-02-29").has_value());
  EXPECT_FALSE(Date::parse_iso("2024-02-30").has_value());
  EXPECT_FALSE(Date::parse_iso("2024-13-01").has_value());
  EXPECT_FALSE(Date::parse_iso("2024-1-01").has_value());
  EXPECT_FALSE(Date::parse_iso("24-01-01xx").has_value());
  EXPECT_FALSE(Date::parse_iso("0000-01-01").has_value());
  EXPECT_TRUE(Date::parse_iso("1900-02-28").has_value());
  EXPECT_FALSE(Date::parse_iso("1900-02-29").has_value());
  EXPECT_TRUE(Date::parse_iso("2000-02-29").has_value());
}

TEST(Date, CountsDaysAndWeekdays) {
  const Date epoch = *Date::parse_iso("1970-01-01");
  EXPECT_EQ(epoch.days(), 0);
  EXPECT_EQ(epoch.weekday(), 4);  // Thursday
  const Date switch_day = *Date::parse_iso("2026-07-01");
  EXPECT_EQ(switch_day.weekday(), 3);  // Wednesday
  EXPECT_EQ(Date::from_days(switch_day.days()), switch_day);
  EXPECT_EQ(switch_day.plus_days(-1).to_iso(), "2026-06-30");
  EXPECT_EQ(Date::parse_iso("2024-02-28")->plus_days(1).to_iso(), "2024-02-29");
  EXPECT_LT(*Date::parse_iso("2023-12-31"), *Date::parse_iso("2024-01-01"));
}

}  // namespace
}  // namespace vanban::model

namespace vanban::model {
namespace {

TEST(Date, ParsesTheWayClerksAndProgramsWriteDates) {
  EXPECT_EQ(Date::parse("24/06/2024"), Date::from_ymd(2024, 6, 24));
  EXPECT_EQ(Date::parse("4/6/2024"), Date::from_ymd(2024, 6, 4));
  EXPECT_EQ(Date::parse("2024-06-24"), Date::from_ymd(2024, 6, 24));
  EXPECT_FALSE(Date::parse("30/02/2024"));
  EXPECT_FALSE(Date::parse("24/06/24"));
  EXPECT_FALSE(Date::parse("24/06/2024/1"));
  EXPECT_FALSE(Date::parse("24.06.2024"));
  EXPECT_FALSE(Date::parse("124/06/2024"));
  EXPECT_EQ(Date::from_ymd(2024, 6, 4)->to_dmy(), "04/06/2024");
}

}  // namespace
}  // namespace vanban::model
