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
