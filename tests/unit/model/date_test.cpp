#include "model/date.hpp"

#include <gtest/gtest.h>

#include <vector>

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

// Dates compare as the days they are, across months, years, leap days and centuries.
TEST(Date, ComparesAsTheDaysItCounts) {
  std::vector<Date> dates;
  for (std::int64_t day = Date::from_ymd(1899, 12, 1)->days(); day <= Date::from_ymd(2101, 3, 1)->days(); day += 13)
    dates.push_back(Date::from_days(day));
  for (const int year : {1, 4, 100, 400, 1900, 2000, 2024, 9999})
    for (const int month : {1, 2, 3, 12}) dates.push_back(*Date::from_ymd(year, month, month == 2 ? 28 : 1));
  dates.push_back(*Date::from_ymd(2024, 2, 29));
  for (const Date& a : dates)
    for (const Date& b : {dates.front(), dates[dates.size() / 3], dates[dates.size() / 2], dates.back(), a.plus_days(1),
                          a.plus_days(-1), a.plus_days(31), a.plus_days(-31), a.plus_days(366)}) {
      EXPECT_EQ(a <=> b, a.days() <=> b.days()) << a.to_iso() << " " << b.to_iso();
      EXPECT_EQ(a == b, a.days() == b.days()) << a.to_iso() << " " << b.to_iso();
    }
}

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
