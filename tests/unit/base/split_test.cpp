#include "base/split.hpp"

#include <gtest/gtest.h>

namespace vanban {
namespace {

TEST(Split, KeepsEveryPieceBetweenSeparators) {
  EXPECT_EQ(split("a/b/c", '/'), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(split("a//b", '/'), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(split("/a/", '/'), (std::vector<std::string>{"", "a", ""}));
  EXPECT_EQ(split("", '/'), (std::vector<std::string>{""}));
  EXPECT_EQ(split("Hồ sơ&số=1", '&'), (std::vector<std::string>{"Hồ sơ", "số=1"}));
}

}  // namespace
}  // namespace vanban
