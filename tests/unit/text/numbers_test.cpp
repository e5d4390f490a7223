#include "text/numbers.hpp"

#include <gtest/gtest.h>

namespace vanban::text {
namespace {

struct SpellCase {
  std::int64_t value;
  const char* words;
};

class SpellOut : public ::testing::TestWithParam<SpellCase> {};

TEST_P(SpellOut, ReadsLegalStyle) { EXPECT_EQ(spell_out(GetParam().value), GetParam().words); }

INSTANTIATE_TEST_SUITE_P(
    Table, SpellOut,
    ::testing::Values(SpellCase{0, "không"}, SpellCase{5, "năm"}, SpellCase{10, "mười"}, SpellCase{11, "mười một"},
                      SpellCase{14, "mười bốn"}, SpellCase{15, "mười lăm"}, SpellCase{21, "hai mươi mốt"},
                      SpellCase{24, "hai mươi bốn"}, SpellCase{25, "hai mươi lăm"}, SpellCase{105, "một trăm linh năm"},
                      SpellCase{110, "một trăm mười"}, SpellCase{1005, "một nghìn không trăm linh năm"},
                      SpellCase{2001, "hai nghìn không trăm linh một"},
                      SpellCase{1000005, "một triệu không trăm linh năm"},
                      SpellCase{1005000, "một triệu không trăm linh năm nghìn"},
                      SpellCase{52870000, "năm mươi hai triệu tám trăm bảy mươi nghìn"},
                      SpellCase{2000000010, "hai tỷ không trăm mười"}, SpellCase{1000000000000, "một nghìn tỷ"},
                      SpellCase{999999999999999,
                                "chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín "
                                "triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín"}));

TEST(SpellOutOptions, RegionalVariants) {
  SpellOptions options;
  options.four_as_tu = true;
  EXPECT_EQ(spell_out(24, options), "hai mươi tư");
  EXPECT_EQ(spell_out(14, options), "mười bốn");
  options.zero_tens_as_le = true;
  EXPECT_EQ(spell_out(105, options), "một trăm lẻ năm");
  options.thousand_as_ngan = true;
  EXPECT_EQ(spell_out(2001, options), "hai ngàn không trăm lẻ một");
}

TEST(Money, FormatsFiguresAndWords) {
  EXPECT_EQ(group_thousands(0), "0");
  EXPECT_EQ(group_thousands(999), "999");
  EXPECT_EQ(group_thousands(1000), "1.000");
  EXPECT_EQ(group_thousands(52870000), "52.870.000");
  EXPECT_EQ(group_thousands(-1250000), "-1.250.000");
  EXPECT_EQ(format_money(15000000), "15.000.000 đồng");
  EXPECT_EQ(amount_in_words(150000000), "Một trăm năm mươi triệu đồng");
  EXPECT_EQ(amount_in_words(105), "Một trăm linh năm đồng");
  EXPECT_EQ(amount_in_words(0), "Không đồng");
}

TEST(Numbers, PercentAndTwoDigits) {
  EXPECT_EQ(format_percent(5287), "52,87%");
  EXPECT_EQ(format_percent(5250), "52,5%");
  EXPECT_EQ(format_percent(10000), "100%");
  EXPECT_EQ(two_digits(5), "05");
  EXPECT_EQ(two_digits(123), "123");
}

}  // namespace
}  // namespace vanban::text
