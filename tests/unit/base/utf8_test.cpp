#include "base/utf8.hpp"

#include <gtest/gtest.h>

namespace vanban {
namespace {

TEST(Utf8, DecodesVietnameseAndCountsCodePoints) {
  const std::string text = "Nguyễn Văn Hùng";
  EXPECT_EQ(utf8::length(text), 15U);
  const std::u32string decoded = utf8::to_u32(text);
  ASSERT_EQ(decoded.size(), 15U);
  EXPECT_EQ(decoded[5], U'n');
  EXPECT_EQ(decoded[4], U'ễ');
  EXPECT_EQ(utf8::from_u32(decoded), text);
}

TEST(Utf8, FindsInvalidSequences) {
  EXPECT_FALSE(utf8::find_invalid("Hà Nội").has_value());
  EXPECT_EQ(utf8::find_invalid("ab\xC3").value(), 2U);            // truncated
  EXPECT_EQ(utf8::find_invalid("a\xC0\xAF").value(), 1U);         // overlong "/"
  EXPECT_EQ(utf8::find_invalid("a\xED\xA0\x80").value(), 1U);     // surrogate
  EXPECT_EQ(utf8::find_invalid("\xF4\x90\x80\x80").value(), 0U);  // above U+10FFFF
  EXPECT_EQ(utf8::find_invalid("Ninh B\xD7nh").value(), 6U);      // TCVN3 byte in a UTF-8 file
}

// Runs of ASCII are passed over eight bytes at a time: a bad byte is found at every offset within and after them.
TEST(Utf8, FindsABadByteAtAnyOffsetAfterAsciiOrVietnamese) {
  for (std::size_t at = 0; at < 40; ++at) {
    std::string ascii(41, 'a');
    ascii[at] = '\xFF';
    EXPECT_EQ(utf8::find_invalid(ascii), at);
    std::string mixed = std::string(at, 'a') + "ệ" + std::string(at % 9, 'b') + "\xC3";
    EXPECT_EQ(utf8::find_invalid(mixed), at + 3 + at % 9);
    EXPECT_FALSE(utf8::find_invalid(std::string(at, 'a') + "Nội").has_value());
  }
}

TEST(Utf8, ReplacesBadBytesWhenDecoding) {
  std::size_t offset = 0;
  EXPECT_EQ(utf8::decode("\xFF", offset), char32_t{0xFFFD});
  EXPECT_EQ(offset, 1U);
}

}  // namespace
}  // namespace vanban
