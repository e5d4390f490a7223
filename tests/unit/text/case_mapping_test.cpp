#include "text/case_mapping.hpp"

#include <gtest/gtest.h>

namespace vanban::text {
namespace {

TEST(CaseMapping, VietnameseUpperCase) {
  EXPECT_EQ(to_upper("Chi cục trưởng"), "CHI CỤC TRƯỞNG");
  EXPECT_EQ(to_upper("Độc lập - Tự do - Hạnh phúc"), "ĐỘC LẬP - TỰ DO - HẠNH PHÚC");
  EXPECT_EQ(to_upper("ỹ ự ổ ặ đ"), "Ỹ Ự Ổ Ặ Đ");
  EXPECT_EQ(to_lower("PHÓ CHI CỤC TRƯỞNG"), "phó chi cục trưởng");
}

TEST(CaseMapping, FirstLetterAndTitleCase) {
  EXPECT_EQ(capitalize_first("một trăm"), "Một trăm");
  EXPECT_EQ(capitalize_first("ông Lương Văn Tường"), "Ông Lương Văn Tường");
  EXPECT_EQ(lowercase_first("Về việc thi hành án"), "về việc thi hành án");
  EXPECT_EQ(to_title("nguyễn văn a"), "Nguyễn Văn A");
  EXPECT_EQ(to_title("TRẦN THỊ HỒNG NHUNG"), "Trần Thị Hồng Nhung");
  EXPECT_EQ(capitalize_first(""), "");
  EXPECT_EQ(capitalize_first("ông/bà Lò Văn Pọm"), "Ông/Bà Lò Văn Pọm");
  EXPECT_EQ(capitalize_first("bà Trần Thị A/B"), "Bà Trần Thị A/B");
}

}  // namespace
}  // namespace vanban::text
