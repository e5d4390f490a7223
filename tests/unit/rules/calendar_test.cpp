#include "rules/calendar.hpp"

#include <gtest/gtest.h>

#include "support/law.hpp"

namespace vanban::rules {
namespace {

model::Date d(const char* iso) { return *model::Date::parse_iso(iso); }

Calendar project_calendar() { return test::load_rules_file<Calendar>("calendar.xml"); }

TEST(Calendar, WeekendsHolidaysAndMakeUpDays) {
  const Calendar calendar = project_calendar();
  EXPECT_TRUE(calendar.is_working_day(d("2024-02-07")));   // Wednesday before Tết
  EXPECT_FALSE(calendar.is_working_day(d("2024-02-08")));  // Tết Nguyên đán
  EXPECT_FALSE(calendar.is_working_day(d("2024-02-17")));  // Saturday
  EXPECT_FALSE(calendar.is_working_day(d("2024-09-02")));  // Quốc khánh (fixed)
  EXPECT_FALSE(calendar.is_working_day(d("2027-01-01")));  // fixed holidays apply to every year
  EXPECT_TRUE(calendar.is_working_day(d("2024-05-04")));   // Saturday worked to make up for 29/4
  EXPECT_EQ(calendar.day_off_name(d("2024-02-12")), "Tết Nguyên đán");
  EXPECT_TRUE(calendar.covers(2024));
  EXPECT_FALSE(calendar.covers(2031));
}

TEST(Calendar, WorkingDaysAcrossTet) {
  const Calendar calendar = project_calendar();
  // From Tuesday 6/2/2024: 7/2 is day 1, then Tết (8–14/2) and the weekend, then 15, 16, 19, 20/2.
  EXPECT_EQ(calendar.add_working_days(d("2024-02-06"), 5).to_iso(), "2024-02-20");
  // A 5-working-day limit from Friday 13/2/2026, the last working day before Tết Bính Ngọ.
  EXPECT_EQ(calendar.add_working_days(d("2026-02-13"), 5).to_iso(), "2026-02-27");
  // 2027 (provisional): Tết Đinh Mùi from 30 Tết, Friday 5/2, to Thursday 11/2 with the weekend made up.
  EXPECT_EQ(calendar.add_working_days(d("2027-02-04"), 1).to_iso(), "2027-02-12");
}

TEST(Calendar, DeadlinesInCalendarDaysEndOnAWorkingDay) {
  const Calendar calendar = project_calendar();
  TimeLimit ten_days{"voluntary-period", 10, DayCount::calendar_days, "", true, {}};
  // Notified 29/01/2024: day 10 is Thursday 08/02, Tết: the period ends on Thursday 15/02.
  EXPECT_EQ(calendar.deadline(d("2024-01-29"), ten_days).to_iso(), "2024-02-15");
  EXPECT_EQ(calendar.deadline(d("2024-03-04"), ten_days).to_iso(), "2024-03-14");
  TimeLimit six_months{"reverification", 6, DayCount::months, "", true, {}};
  EXPECT_EQ(calendar.deadline(d("2023-08-31"), six_months).to_iso(), "2024-02-29");
  TimeLimit five_working{"decision", 5, DayCount::working_days, "", true, {}};
  // From Friday 26/4/2024: 27/4–1/5 off; 2/5, 3/5, Saturday 4/5 (worked to make up for 29/4), 6/5, 7/5.
  EXPECT_EQ(calendar.deadline(d("2024-04-26"), five_working).to_iso(), "2024-05-07");
}

TEST(Calendar, RejectsBadData) {
  Diagnostics diagnostics;
  const std::string text = R"(<calendar xmlns="urn:vanban:calendar:1">
  <weekend>saturday sundae</weekend>
  <year value="2024"><off from="2024-02-14" to="2024-02-08" name="x"/></year>
</calendar>)";
  EXPECT_FALSE(Calendar::parse(text, make_file_name("calendar.xml"), diagnostics).has_value());
  EXPECT_EQ(diagnostics.error_count(), 2U) << diagnostics.to_string();
}

}  // namespace
}  // namespace vanban::rules
