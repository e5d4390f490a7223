#include "base/diagnostics.hpp"

#include <gtest/gtest.h>

namespace vanban {
namespace {

TEST(Diagnostics, FormatsGccStyleWithCode) {
  Diagnostics diagnostics;
  diagnostics.error("E0203", SourceLoc{make_file_name("case.xml"), 12, 7}, "phần tử lạ");
  diagnostics.warning("W0101", SourceLoc{make_file_name("case.xml")}, "cảnh báo");
  EXPECT_TRUE(diagnostics.has_errors());
  EXPECT_EQ(diagnostics.error_count(), 1U);
  EXPECT_EQ(diagnostics.warning_count(), 1U);
  EXPECT_EQ(diagnostics.to_string(),
            "case.xml:12:7: lỗi: [E0203] phần tử lạ\n"
            "case.xml: cảnh báo: [W0101] cảnh báo\n");
  EXPECT_TRUE(diagnostics.contains("E0203"));
  EXPECT_FALSE(diagnostics.contains("E9999"));
}

TEST(Diagnostics, FormatsAFindingWithItsCode) {
  EXPECT_EQ(format_finding({"E0648", "phạm vi ký"}), "[E0648] phạm vi ký");
  EXPECT_EQ(format_finding({"", "không mã"}), "không mã");
}

}  // namespace
}  // namespace vanban
