// Tables laid out through the stage entry point, on fixed synthetic metrics (table text 13 pt: a character is
// 6.5 pt, a space 3.25 pt).

#include <gtest/gtest.h>

#include <cstdio>

#include "layout/layout.hpp"
#include "support/fixed_metrics.hpp"

namespace vanban::layout {
namespace {

doc::Run run(std::string text) { return doc::Run{std::move(text), false, false, {}, {}}; }

doc::Table table(std::vector<doc::TableColumn> columns, const std::vector<std::vector<std::string>>& rows) {
  doc::Table out;
  out.columns = std::move(columns);
  for (const auto& row : rows) {
    std::vector<std::vector<doc::Run>> cells;
    for (const auto& cell : row) cells.push_back({run(cell)});
    out.rows.push_back(std::move(cells));
  }
  return out;
}

PageSet lay(const doc::Table& t) {
  doc::Document document;
  document.blocks.emplace_back(t);
  test::FixedMetrics metrics;
  Diagnostics diagnostics;
  auto pages = lay_out(document, metrics, Profile{}, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << diagnostics.to_string();
  return pages;
}

// One row per text: "x right baseline |text|", so a table reads as an aligned table.
std::string texts(const Page& page) {
  std::string out;
  for (const auto& text : page.texts) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%7.2f %7.2f %7.2f ", text.x, text.x + text.width, text.baseline);
    out += buffer;
    out += "|" + text.text + "|\n";
  }
  return out;
}

// Column edges: the x of every vertical border of the first row, left to right.
std::vector<double> edges(const Page& page) {
  std::vector<double> out;
  for (const auto& rule : page.rules)
    if (rule.x1 == rule.x2 && rule.y1 < 80) out.push_back(rule.x1);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TEST(Table, WidthsFromContentNumbersRightAlignedHeaderCentred) {
  // Text area: x 85.04 to 552.76; borders are stroked inside it (0.25 pt in).
  const auto pages = lay(
      table({{"STT", doc::CellAlign::center}, {"Nội dung", doc::CellAlign::left}, {"Số tiền", doc::CellAlign::left}},
            {{"1", "aa bb", "1.000"}, {"2", "cc", "25.000"}}));
  ASSERT_EQ(pages.pages.size(), 1U);
  // Natural widths 27.5, 56.75, 50.25 (+ padding) spread over the whole width in proportion.
  const auto x = edges(pages.pages[0]);
  ASSERT_EQ(x.size(), 4U);
  EXPECT_NEAR(x[0], 85.29, 0.01);
  EXPECT_NEAR(x[3], 552.51, 0.01);
  EXPECT_NEAR((x[1] - x[0]) / 27.5, (x[2] - x[1]) / 56.75, 1e-6);
  EXPECT_NEAR((x[1] - x[0]) / 27.5, (x[3] - x[2]) / 50.25, 1e-6);
  EXPECT_EQ(texts(pages.pages[0]),
            // header: bold, centred in each column (cells have 4 pt padding)
            " 123.30  142.80   71.07 |STT|\n"
            " 255.01  303.76   71.07 |Nội dung|\n"
            " 444.10  486.35   71.07 |Số tiền|\n"
            // body: STT centred, text left, the column of numbers right-aligned
            " 129.80  136.30   92.02 |1|\n"
            " 184.82  214.07   92.02 |aa bb|\n"
            " 516.01  548.51   92.02 |1.000|\n"
            " 129.80  136.30  112.97 |2|\n"
            " 184.82  197.82  112.97 |cc|\n"
            " 509.51  548.51  112.97 |25.000|\n");
}

TEST(Table, HeaderRepeatsOnEveryPage) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 1; i <= 80; ++i) rows.push_back({std::to_string(i), "row"});
  const auto pages = lay(table({{"STT", doc::CellAlign::center}, {"Nội dung", doc::CellAlign::left}}, rows));
  ASSERT_GE(pages.pages.size(), 3U);
  int expected = 1;
  for (std::size_t p = 0; p < pages.pages.size(); ++p) {
    const auto& t = pages.pages[p].texts;
    const std::size_t first = p == 0 ? 0 : 1;  // after the page number
    ASSERT_GT(t.size(), first + 2);
    EXPECT_EQ(t[first].text, "STT") << "page " << p + 1;
    EXPECT_EQ(t[first + 1].text, "Nội dung") << "page " << p + 1;
    // Rows continue in order, none lost or repeated.
    for (std::size_t i = first + 2; i < t.size(); i += 2) EXPECT_EQ(t[i].text, std::to_string(expected++));
    for (const auto& rule : pages.pages[p].rules) EXPECT_LE(std::max(rule.y1, rule.y2), 841.89 - 56.69 + 1e-6);
  }
  EXPECT_EQ(expected, 81);
}

TEST(Table, OnlyARowTallerThanAPageSplits) {
  // Row 2 has 600 words, about 60 lines (a page holds 48): taller than the page, it splits between its lines,
  // under the repeated header, with a bottom border at the break. Row 1 (one line) does not split.
  std::string tall;
  for (int i = 0; i < 600; ++i) tall += (tall.empty() ? "" : " ") + std::string("w") + std::to_string(100 + i);
  std::string wide(60, 'x');
  const auto pages =
      lay(table({{"Nội dung", doc::CellAlign::left}, {"Ghi chú", doc::CellAlign::left}}, {{"a", wide}, {tall, wide}}));
  ASSERT_EQ(pages.pages.size(), 2U);
  const auto& p1 = pages.pages[0];
  const auto& p2 = pages.pages[1];
  EXPECT_EQ(p2.texts[1].text, "Nội dung");  // header repeated (after the page number)
  // w100 … on page 1, the rest on page 2, in order, nothing lost (a line is one text).
  std::vector<std::string> words;
  for (const auto* page : {&p1, &p2})
    for (const auto& text : page->texts)
      if (text.text[0] == 'w')
        for (std::size_t start = 0; start < text.text.size(); start += 5) words.push_back(text.text.substr(start, 4));
  ASSERT_EQ(words.size(), 600U);
  for (int i = 0; i < 600; ++i) EXPECT_EQ(words[static_cast<std::size_t>(i)], "w" + std::to_string(100 + i));
  bool on_first = false;
  for (const auto& text : p1.texts) on_first = on_first || text.text.rfind("w100", 0) == 0;
  EXPECT_TRUE(on_first);  // the tall row starts right under row 1, not on a new page
  // Page 1 ends with a full-width bottom border under the last line of the split row.
  double lowest_text = 0, lowest_rule = 0;
  for (const auto& text : p1.texts) lowest_text = std::max(lowest_text, text.baseline);
  for (const auto& rule : p1.rules)
    if (rule.y1 == rule.y2) lowest_rule = std::max(lowest_rule, rule.y1);
  EXPECT_GT(lowest_rule, lowest_text);
  EXPECT_LE(lowest_rule, 841.89 - 56.69);
}

}  // namespace
}  // namespace vanban::layout
