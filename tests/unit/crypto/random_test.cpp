#include "crypto/random.hpp"

#include <gtest/gtest.h>

namespace vanban::crypto {
namespace {

TEST(Random, GivesTheBytesAskedForAndNeverTheSameTwice) {
  EXPECT_TRUE(random_bytes(0).empty());
  const Bytes a = random_bytes(32);
  const Bytes b = random_bytes(32);
  EXPECT_EQ(a.size(), 32U);
  EXPECT_EQ(b.size(), 32U);
  EXPECT_NE(a, b);  // 2^-256
  EXPECT_NE(a, Bytes(32, '\0'));
}

}  // namespace
}  // namespace vanban::crypto
