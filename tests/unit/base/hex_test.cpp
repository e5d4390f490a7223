// Hexadecimal digits, one owner: both cases read, odd counts and non-digits refused.

#include "base/hex.hpp"

#include <gtest/gtest.h>

namespace vanban::hex {
namespace {

TEST(Hex, DigitsOfBothCasesAndNothingElse) {
  EXPECT_EQ(digit_value('0'), 0);
  EXPECT_EQ(digit_value('9'), 9);
  EXPECT_EQ(digit_value('a'), 10);
  EXPECT_EQ(digit_value('F'), 15);
  for (const char c : std::string("gG/:@` \0", 8)) EXPECT_EQ(digit_value(c), -1) << c;
}

TEST(Hex, EncodesAndDecodesEveryByte) {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  const std::string upper = encode(all);
  EXPECT_EQ(upper.substr(0, 6), "000102");
  EXPECT_EQ(upper.substr(upper.size() - 4), "FEFF");
  EXPECT_EQ(encode("\xAB", Letters::lower), "ab");
  EXPECT_EQ(decode(upper), all);
  EXPECT_EQ(decode("aBcD"), std::string("\xAB\xCD"));
  EXPECT_FALSE(decode("abc"));
  EXPECT_FALSE(decode("0g"));
  std::string out = "#";
  append_byte(out, 0x2F);
  EXPECT_EQ(out, "#2F");
}

}  // namespace
}  // namespace vanban::hex
