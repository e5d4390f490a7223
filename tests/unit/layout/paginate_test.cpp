#include <gtest/gtest.h>

#include "layout/flow.hpp"

namespace vanban::layout {
namespace {

// A block of `lines` bands 10 pt high; each band carries its label as text so pages can be read back.
FlowBlock block(const std::string& name, int lines) {
  FlowBlock flow;
  for (int i = 1; i <= lines; ++i) {
    Slice slice;
    slice.height = 10;
    slice.texts.push_back(PlacedText{0, 8, Face::regular, 10, name + std::to_string(i), 0, 0});
    flow.slices.push_back(slice);
  }
  flow.orphans = 2;
  flow.widows = 2;
  return flow;
}

std::string pages_of(const std::vector<Page>& pages) {
  std::string out;
  for (const auto& page : pages) {
    out += "[";
    for (const auto& text : page.texts) out += " " + text.text;
    out += " ]";
  }
  return out;
}

TEST(Paginate, FillsPages) {
  FlowBlock a = block("a", 3), b = block("b", 3);
  a.orphans = a.widows = b.orphans = b.widows = 1;
  EXPECT_EQ(pages_of(paginate({a, b}, 0, 40)), "[ a1 a2 a3 b1 ][ b2 b3 ]");
}

TEST(Paginate, NoOrphanOrWidowLines) {
  // 4 bands fit: a1-a3 then b1 alone would be an orphan: b moves.
  EXPECT_EQ(pages_of(paginate({block("a", 3), block("b", 2)}, 0, 40)), "[ a1 a2 a3 ][ b1 b2 ]");
  // a has 5 lines, 4 fit: a5 alone would be a widow, so a4 goes with it.
  EXPECT_EQ(pages_of(paginate({block("a", 5)}, 0, 40)), "[ a1 a2 a3 ][ a4 a5 ]");
}

TEST(Paginate, HeadingStaysWithWhatFollows) {
  FlowBlock heading = block("h", 1);
  heading.keep_with_next = true;
  heading.keep_together = true;
  EXPECT_EQ(pages_of(paginate({block("a", 3), heading, block("b", 3)}, 0, 50)), "[ a1 a2 a3 ][ h1 b1 b2 b3 ]");
}

TEST(Paginate, SignatureTakesTheLastLinesWithIt) {
  FlowBlock signature = block("s", 2);
  signature.keep_together = true;
  signature.keep_with_previous = true;
  // a1..a4 fit, the signature does not: it takes a3, a4 along rather than stand alone.
  EXPECT_EQ(pages_of(paginate({block("a", 4), signature}, 0, 50)), "[ a1 a2 ][ a3 a4 s1 s2 ]");
}

TEST(Paginate, ForcedPageBreak) {
  FlowBlock next = block("b", 1);
  next.page_break_before = true;
  EXPECT_EQ(pages_of(paginate({block("a", 1), next}, 0, 100)), "[ a1 ][ b1 ]");
}

TEST(Paginate, RepeatsATableHeader) {
  FlowBlock table = block("r", 6);
  table.orphans = table.widows = 1;
  Slice header;
  header.height = 10;
  header.texts.push_back(PlacedText{0, 8, Face::bold, 10, "H", 0, 0});
  table.repeat_header = header;
  EXPECT_EQ(pages_of(paginate({table}, 0, 40)), "[ r1 r2 r3 r4 ][ H r5 r6 ]");
}

}  // namespace
}  // namespace vanban::layout

namespace vanban::layout {
namespace {

FlowBlock signature_block() {
  FlowBlock signature = block("s", 2);
  signature.keep_together = true;
  signature.keep_with_previous = true;
  return signature;
}

TEST(Paginate, SignatureCarriesAtLeastTwoLinesOfText) {
  // z1 z2 a1 a2 a3 b1 fill the page; b ("Điều 3", one line) alone would go with the signature …
  FlowBlock signature = signature_block();
  EXPECT_EQ(pages_of(paginate({block("z", 2), block("a", 3), block("b", 1), signature}, 0, 60)),
            "[ z1 z2 a1 a2 a3 ][ b1 s1 s2 ]");
  // … but the signature takes at least two lines of text, and a's last lines are not split (widows).
  signature.carry_lines = 2;
  EXPECT_EQ(pages_of(paginate({block("z", 2), block("a", 3), block("b", 1), signature}, 0, 60)),
            "[ z1 z2 ][ a1 a2 a3 b1 s1 s2 ]");
}

TEST(Paginate, AKeptBlockTallerThanAPageStillBreaks) {
  FlowBlock tall = block("a", 6);
  tall.keep_together = true;
  EXPECT_EQ(pages_of(paginate({tall}, 0, 40)), "[ a1 a2 a3 a4 ][ a5 a6 ]");
}

TEST(Paginate, ABandKeptWithThePreviousOne) {
  FlowBlock rows = block("r", 4);
  rows.orphans = rows.widows = 1;
  rows.slices[2].keep_with_previous = true;
  EXPECT_EQ(pages_of(paginate({rows}, 0, 25)), "[ r1 ][ r2 r3 ][ r4 ]");
}

TEST(Paginate, RulesAtABreakAreDrawnOnlyWhereThePageBreaks) {
  FlowBlock rows = block("r", 3);
  rows.orphans = rows.widows = 1;
  for (auto& slice : rows.slices) slice.rules_at_break.push_back(PlacedRule{0, 10, 100, 10, 0.5});
  const auto pages = paginate({rows}, 0, 25);
  ASSERT_EQ(pages.size(), 2U);
  ASSERT_EQ(pages[0].rules.size(), 1U);
  EXPECT_EQ(pages[0].rules[0].y1, 20);  // under r2, the last band of the page
  EXPECT_TRUE(pages[1].rules.empty());  // r3 ends the document
}

TEST(Paginate, ABandTallerThanThePageIsCutBetweenItsLines) {
  // One band, 5 lines of 8 pt every 10 pt (a header or signature that cannot fit): cut between lines.
  FlowBlock tall;
  Slice slice;
  slice.height = 50;
  for (int i = 0; i < 5; ++i)
    slice.texts.push_back(PlacedText{0, 9.0 + 10 * i, Face::regular, 8, "l" + std::to_string(i + 1), 0, 0});
  slice.rules.push_back(PlacedRule{0, 0, 0, 50, 0.5});  // a vertical border, cut with the band
  tall.slices.push_back(slice);
  const auto pages = paginate({tall}, 100, 130);
  EXPECT_EQ(pages_of(pages), "[ l1 l2 ][ l3 l4 l5 ]");
  for (const auto& page : pages) {
    for (const auto& text : page.texts) {
      EXPECT_GE(text.baseline - 0.91 * text.size, 100 - 1e-9) << text.text;
      EXPECT_LE(text.baseline + 0.22 * text.size, 130 + 1e-9) << text.text;
    }
    ASSERT_EQ(page.rules.size(), 1U);
    EXPECT_GE(page.rules[0].y1, 100);
    EXPECT_LE(page.rules[0].y2, 130);
  }
}

}  // namespace
}  // namespace vanban::layout
