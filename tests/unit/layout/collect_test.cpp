// The Nghị định 30 parts laid out through the stage entry point on fixed synthetic metrics: where each part
// goes, in which face and size, and the rules that go with them.

#include <gtest/gtest.h>

#include <algorithm>

#include "layout/layout.hpp"
#include "support/fixed_metrics.hpp"

namespace vanban::layout {
namespace {

PageSet lay(doc::Block block) {
  doc::Document document;
  document.blocks.push_back(std::move(block));
  test::FixedMetrics metrics;
  Diagnostics diagnostics;
  auto pages = lay_out(document, metrics, Profile{}, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << diagnostics.to_string();
  return pages;
}

const PlacedText& find(const Page& page, const std::string& text) {
  const auto it =
      std::find_if(page.texts.begin(), page.texts.end(), [&](const PlacedText& t) { return t.text == text; });
  if (it == page.texts.end()) throw std::runtime_error("no text " + text);
  return *it;
}

const double kLeft = mm(30), kRight = mm(210 - 15);

TEST(Collect, HeaderColumnsRulesAndTheNumberLine) {
  doc::Header header;
  header.parent_agency = "CỤC THI HÀNH ÁN DÂN SỰ TỈNH NGHỆ AN";
  header.agency = "CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUỲ HỢP";
  header.number_line = "Số: 05/QĐ-CCTHADS";
  header.place_date = "Quỳ Hợp, ngày 05 tháng 3 năm 2024";
  const auto pages = lay(header);
  ASSERT_EQ(pages.pages.size(), 1U);
  const Page& page = pages.pages[0];
  // Agency column 75 mm: 12 pt (6 pt a character) wraps the agency before the unit, bold.
  const PlacedText& agency = find(page, "CHI CỤC THI HÀNH ÁN DÂN SỰ");
  EXPECT_EQ(agency.face, Face::bold);
  EXPECT_EQ(agency.size, 12);
  EXPECT_EQ(find(page, "HUYỆN QUỲ HỢP").face, Face::bold);
  EXPECT_EQ(find(page, "CỤC THI HÀNH ÁN DÂN SỰ TỈNH NGHỆ AN").face, Face::regular);
  const double left_center = kLeft + 75 * 72 / 25.4 / 2;
  EXPECT_NEAR(agency.x + agency.width / 2, left_center, 0.01);
  // Quốc hiệu bold 12, Tiêu ngữ bold 13, right column.
  const PlacedText& national = find(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  const PlacedText& motto = find(page, "Độc lập - Tự do - Hạnh phúc");
  EXPECT_EQ(national.face, Face::bold);
  EXPECT_EQ(national.size, 12);
  EXPECT_EQ(motto.face, Face::bold);
  EXPECT_EQ(motto.size, 13);
  // Rules: under the agency, centred, 0.4 of its widest line; under the motto, its full length.
  ASSERT_EQ(page.rules.size(), 2U);
  const PlacedRule& agency_rule = page.rules[0];
  EXPECT_NEAR((agency_rule.x1 + agency_rule.x2) / 2, left_center, 0.01);
  EXPECT_NEAR(agency_rule.x2 - agency_rule.x1, 0.4 * agency.width, 0.01);
  EXPECT_GT(agency_rule.y1, find(page, "HUYỆN QUỲ HỢP").baseline + 0.2 * 12);
  const PlacedRule& motto_rule = page.rules[1];
  EXPECT_NEAR(motto_rule.x1, motto.x, 0.01);
  EXPECT_NEAR(motto_rule.x2, motto.x + motto.width, 0.01);
  // Số under the agency, place and date in italics under the motto, on one baseline.
  const PlacedText& number = find(page, "Số: 05/QĐ-CCTHADS");
  const PlacedText& date = find(page, "Quỳ Hợp, ngày 05 tháng 3 năm 2024");
  EXPECT_EQ(number.baseline, date.baseline);
  EXPECT_EQ(number.size, 13);
  EXPECT_EQ(date.face, Face::italic);
  EXPECT_NEAR(number.x + number.width / 2, left_center, 0.01);
  EXPECT_NEAR(date.x + date.width / 2, motto.x + motto.width / 2, 0.01);
  EXPECT_GT(number.baseline - 0.8 * 13, std::max(agency_rule.y1, motto_rule.y1));
}

// A parent line that would fill the agency column to its edge ("CỤC QUẢN LÝ THI HÀNH ÁN DÂN SỰ" since 07/2025) wraps
// short of it, so that it never runs into the Quốc hiệu beside it.
TEST(Collect, TheAgencyLinesStayClearOfTheQuocHieuColumn) {
  doc::Header header;
  header.parent_agency = "CỤC QUẢN LÝ THI HÀNH ÁN DÂN SỰ ABCDEFGH";  // 210 pt: fits the 212.6 pt column, barely
  header.agency = "THI HÀNH ÁN DÂN SỰ TỈNH NGHỆ AN";
  header.number_line = "Số: 05/QĐ-THADS";
  header.place_date = "Nghệ An, ngày 24 tháng 7 năm 2026";
  const auto pages = lay(header);
  ASSERT_EQ(pages.pages.size(), 1U);
  const double column_end = kLeft + mm(75);
  int agency_lines = 0;
  for (const auto& text : pages.pages[0].texts) {
    if (text.x >= column_end || text.text.rfind("Số:", 0) == 0) continue;
    ++agency_lines;
    EXPECT_LE(text.x + text.width, column_end - 6) << text.text;
  }
  EXPECT_GE(agency_lines, 3);
}

// A signature with `recipients` recipients, every third one (from the `phase`th) long enough to wrap.
doc::Signature signature(std::size_t recipients, std::size_t phase = 0) {
  doc::Signature out;
  out.authority_lines = {"KT. CHI CỤC TRƯỞNG", "PHÓ CHI CỤC TRƯỞNG"};
  out.signer_name = "Cầm Bá Nguyện";
  for (std::size_t i = 1; i <= recipients; ++i)
    out.recipients.push_back("- Nơi nhận số " + std::to_string(i) +
                             (i % 3 == phase ? " có tên rất dài nên phải xuống dòng" : "") +
                             (i == recipients ? "." : ";"));
  return out;
}

TEST(Collect, SignatureBesideTheRecipients) {
  const auto pages = lay(signature(3));
  ASSERT_EQ(pages.pages.size(), 1U);
  const Page& page = pages.pages[0];
  const PlacedText& prefix = find(page, "KT. CHI CỤC TRƯỞNG");
  const PlacedText& title = find(page, "PHÓ CHI CỤC TRƯỞNG");
  const PlacedText& name = find(page, "Cầm Bá Nguyện");
  const PlacedText& heading = find(page, "Nơi nhận:");
  for (const auto* t : {&prefix, &title, &name}) {
    EXPECT_EQ(t->face, Face::bold);
    EXPECT_EQ(t->size, 14);
  }
  // Right-hand column 95 mm, everything centred in it; room for the signature (25 mm) above the name.
  const double center = kRight - 95 * 72 / 25.4 / 2;
  for (const auto* t : {&prefix, &title, &name}) EXPECT_NEAR(t->x + t->width / 2, center, 0.01);
  EXPECT_GE(name.baseline - title.baseline, 25 * 72 / 25.4);
  // "Nơi nhận:" bold italic 12 pt at the left margin, on the line of the first authority line.
  EXPECT_EQ(heading.face, Face::bold_italic);
  EXPECT_EQ(heading.size, 12);
  EXPECT_EQ(heading.x, kLeft);
  EXPECT_EQ(heading.baseline, prefix.baseline);
  // Recipients 11 pt, at the left margin, under the heading, clear of the signature column.
  const PlacedText& first = find(page, "- Nơi nhận số 1;");
  EXPECT_EQ(first.size, 11);
  EXPECT_EQ(first.face, Face::regular);
  EXPECT_EQ(first.x, kLeft);
  EXPECT_GT(first.baseline - 0.8 * 11, heading.baseline + 0.2 * 12);
  for (const auto& t : page.texts) {
    if (t.size != 11) continue;
    EXPECT_LT(t.x + t.width, kRight - 95 * 72 / 25.4) << t.text;
  }
}

TEST(Collect, ALongRecipientListContinuesWithEachRecipientWhole) {
  // The long recipients shifted, so that some page break falls where a wrapped recipient would be cut.
  const std::size_t count = 150;
  for (std::size_t phase = 0; phase < 3; ++phase) {
    const auto pages = lay(signature(count, phase));
    ASSERT_GE(pages.pages.size(), 2U);
    // Every recipient starts with "- "; a wrapped one ("… phải / xuống dòng") never starts a page.
    std::size_t seen = 0, lines = 0;
    for (const auto& page : pages.pages) {
      const PlacedText* first = nullptr;
      for (const auto& t : page.texts) {
        if (t.size != 11) continue;
        if (first == nullptr) first = &t;
        ++lines;
        seen += t.text.rfind("- ", 0) == 0 ? 1U : 0U;
        EXPECT_LE(t.baseline + 0.2 * 11, 841.89 - 56.69) << t.text;
      }
      ASSERT_NE(first, nullptr);
      EXPECT_EQ(first->text.rfind("- ", 0), 0U) << phase << ": " << first->text;
    }
    EXPECT_EQ(seen, count);
    EXPECT_EQ(lines, count + count / 3);
  }
}

}  // namespace
}  // namespace vanban::layout
