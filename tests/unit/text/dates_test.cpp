#include "text/dates.hpp"

#include <gtest/gtest.h>

namespace vanban::text {
namespace {

TEST(Dates, LeadingZeroOnlyForDaysBelowTenAndJanuaryFebruary) {
  EXPECT_EQ(long_date(2024, 3, 5), "ngày 05 tháng 3 năm 2024");
  EXPECT_EQ(long_date(2024, 1, 15), "ngày 15 tháng 01 năm 2024");
  EXPECT_EQ(long_date(2024, 2, 9), "ngày 09 tháng 02 năm 2024");
  EXPECT_EQ(long_date(2024, 12, 31), "ngày 31 tháng 12 năm 2024");
  EXPECT_EQ(long_date(2026, 7, 1), "ngày 01 tháng 7 năm 2026");
  EXPECT_EQ(short_date(2024, 3, 5), "05/3/2024");
  EXPECT_EQ(short_date(2024, 1, 15), "15/01/2024");
}

}  // namespace
}  // namespace vanban::text
