#include "text/normalize.hpp"

#include <gtest/gtest.h>

namespace vanban::text {
namespace {

TEST(Normalize, ComposesDecomposedVietnamese) {
  const std::string decomposed = "Vie\xCC\xA3\xCC\x82t";  // e + dot below + circumflex
  EXPECT_FALSE(is_nfc(decomposed));
  EXPECT_EQ(to_nfc(decomposed), "Việt");
  EXPECT_TRUE(is_nfc("Việt"));
}

TEST(Normalize, CollapsesWhiteSpaceAndDropsInvisibleCharacters) {
  EXPECT_EQ(normalize_field("  Lương\u00A0Văn \t\n Tường  "), "Lương Văn Tường");
  EXPECT_EQ(normalize_field("Quỳ\u200BHợp"), "QuỳHợp");
  EXPECT_EQ(normalize_field("\uFEFFabc"), "abc");
  EXPECT_EQ(normalize_field(""), "");
  EXPECT_EQ(normalize_multiline(" dòng 1 \n\n  dòng  2 "), "dòng 1\ndòng 2");
}

}  // namespace
}  // namespace vanban::text
