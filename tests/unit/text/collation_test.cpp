#include "text/collation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace vanban::text {
namespace {

TEST(Collation, VietnameseOrder) {
  std::vector<std::string> names = {"Ưng", "Đặng", "An", "Ăn", "Ân", "Anh", "Bùi", "Dương", "Ông", "Ơn", "Ong"};
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return compare_vietnamese(a, b) < 0; });
  const std::vector<std::string> expected = {"An",   "Anh", "Ăn",  "Ân", "Bùi", "Dương",
                                             "Đặng", "Ong", "Ông", "Ơn", "Ưng"};
  EXPECT_EQ(names, expected);
  EXPECT_LT(collation_key("Dương"), collation_key("Đặng"));
}

TEST(Collation, FoldsForSearch) {
  EXPECT_EQ(fold_for_search("Nguyễn Văn Hùng"), "nguyen van hung");
  EXPECT_EQ(fold_for_search("ĐỖ THỊ ĐÀO"), "do thi dao");
}

}  // namespace
}  // namespace vanban::text
