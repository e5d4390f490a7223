#include "base/base64.hpp"

#include <gtest/gtest.h>

namespace vanban {
namespace {

// RFC 4648 §10's test vectors, and every byte value.
TEST(Base64, EncodesTheRfcVectors) {
  EXPECT_EQ(base64::encode(""), "");
  EXPECT_EQ(base64::encode("f"), "Zg==");
  EXPECT_EQ(base64::encode("fo"), "Zm8=");
  EXPECT_EQ(base64::encode("foo"), "Zm9v");
  EXPECT_EQ(base64::encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64::encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64::encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64::encode(std::string("\xFF\xFE\x00", 3)), "//4A");
}

}  // namespace
}  // namespace vanban
