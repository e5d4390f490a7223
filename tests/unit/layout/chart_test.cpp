// The bar chart on fixed synthetic metrics: bars as filled rectangles whose heights are their percentages of the
// plot, on a common baseline, inside the text area, the target as a line across, and the dump that shows them.

#include <gtest/gtest.h>

#include <algorithm>

#include "layout/layout.hpp"
#include "support/fixed_metrics.hpp"

namespace vanban::layout {
namespace {

PageSet lay(const doc::BarChart& chart) {
  doc::Document document;
  document.blocks.emplace_back(chart);
  test::FixedMetrics metrics;
  Diagnostics diagnostics;
  auto pages = lay_out(document, metrics, Profile{}, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << diagnostics.to_string();
  return pages;
}

TEST(Chart, BarsAreRectanglesAsTallAsTheirPercentages) {
  doc::BarChart chart;
  chart.title = "Tỷ lệ";
  chart.bars = {{"Lò Thị Nga", 100, "100,00"}, {"Phạm Quốc Khánh", 50, "50,00"}, {"Đinh Văn Ước", 0, "0,00"}};
  chart.target = 47.5;
  chart.target_label = "Chỉ tiêu 47,50 %";
  const auto pages = lay(chart);
  ASSERT_EQ(pages.pages.size(), 1U);
  const auto& page = pages.pages[0];
  ASSERT_EQ(page.rects.size(), 2U);  // a bar of 0 % has no rectangle
  const auto& full = page.rects[0];
  const auto& half = page.rects[1];
  EXPECT_NEAR(full.height, mm(55), 1e-9);
  EXPECT_NEAR(half.height, mm(55) / 2, 1e-9);
  EXPECT_NEAR(full.top + full.height, half.top + half.height, 1e-9);  // one baseline
  EXPECT_NEAR(full.width, half.width, 1e-9);
  Profile profile;
  for (const auto& rect : page.rects) {
    EXPECT_GE(rect.x, profile.margin_left);
    EXPECT_LE(rect.x + rect.width, profile.page_width - profile.margin_right);
    EXPECT_GE(rect.top, profile.margin_top);
    EXPECT_GT(rect.blue, rect.red);  // filled in colour, not black
  }
  // The target: a rule across the plot, 47,5 % up from the bars' baseline.
  const double baseline = full.top + full.height;
  const bool target = std::any_of(page.rules.begin(), page.rules.end(), [&](const PlacedRule& rule) {
    return rule.y1 == rule.y2 && std::abs(baseline - rule.y1 - mm(55) * 0.475) < 1e-9 && rule.thickness > 1;
  });
  EXPECT_TRUE(target);
  // Values over the bars, labels under them.
  const auto text = [&](const std::string& value) {
    return std::find_if(page.texts.begin(), page.texts.end(), [&](const PlacedText& t) { return t.text == value; });
  };
  ASSERT_NE(text("100,00"), page.texts.end());
  EXPECT_LT(text("100,00")->baseline, full.top);
  ASSERT_NE(text("Lò Thị Nga"), page.texts.end());
  EXPECT_GT(text("Lò Thị Nga")->baseline, baseline);
  EXPECT_NE(dump(pages).find("p1 rect "), std::string::npos);
}

TEST(Chart, ManyBarsGetSmallerLabelsThatFitTheirSlots) {
  doc::BarChart chart;
  for (int month = 1; month <= 12; ++month) chart.bars.push_back({"10/2023", 10.0 * month / 2, "1,00"});
  const auto pages = lay(chart);
  const auto& page = pages.pages[0];
  const double slot = (mm(210 - 30 - 15) - 34) / 12;
  for (const auto& text : page.texts)
    if (text.text == "10/2023") {
      EXPECT_LT(text.size, 11);
      EXPECT_LE(text.width, slot);
    }
}

}  // namespace
}  // namespace vanban::layout
