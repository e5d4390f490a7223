// Issue 18: a 60 MB text field took 8.4 GB and 55 s to lay out. A document is refused (E0503) before any line is set
// when its text is more than kMaxPages pages can hold, at the field whose text crosses the limit; a document that
// still runs past kMaxPages pages is refused after pagination.

#include <gtest/gtest.h>

#include "layout/layout.hpp"
#include "support/fixed_metrics.hpp"

namespace vanban::layout {
namespace {

doc::Paragraph paragraph(std::string text, SourceLoc loc = {}) {
  doc::Paragraph out;
  out.runs.push_back(doc::Run{std::move(text), false, false, std::move(loc), "debtor.name"});
  return out;
}

TEST(DocumentSize, TooMuchTextIsRefusedBeforeLayoutAtTheFieldThatCrossesTheLimit) {
  doc::Document document;
  const auto file = make_file_name("case.xml");
  document.blocks.emplace_back(paragraph(std::string(kMaxDocumentCharacters / 2, 'a'), SourceLoc{file, 3, 5}));
  document.blocks.emplace_back(paragraph("short", SourceLoc{file, 4, 5}));
  document.blocks.emplace_back(paragraph(std::string(kMaxDocumentCharacters / 2, 'b'), SourceLoc{file, 7, 9}));
  document.blocks.emplace_back(paragraph("after", SourceLoc{file, 8, 1}));
  test::FixedMetrics metrics;
  Diagnostics diagnostics;
  const PageSet pages = lay_out(document, metrics, Profile{}, diagnostics);
  EXPECT_TRUE(pages.pages.empty());
  ASSERT_EQ(diagnostics.error_count(), 1U) << diagnostics.to_string();
  EXPECT_EQ(format_diagnostic(diagnostics.list().front()),
            "case.xml:7:9: lỗi: [E0503] văn bản quá dài: nội dung vượt 800000 ký tự (hơn 200 trang) tại trường "
            "này; không dàn trang");
  // Up to the limit, the text is laid out.
  document.blocks.pop_back();
  document.blocks.pop_back();
  Diagnostics accepted;
  EXPECT_FALSE(lay_out(document, metrics, Profile{}, accepted).pages.empty());
  EXPECT_FALSE(accepted.has_errors()) << accepted.to_string();
}

TEST(DocumentSize, MoreThanTheMostPagesIsRefused) {
  doc::Document document;
  for (std::size_t i = 0; i <= kMaxPages; ++i) {
    document.blocks.emplace_back(paragraph("trang " + std::to_string(i + 1), SourceLoc{make_file_name("t.vbt"), 2, 1}));
    document.blocks.emplace_back(doc::PageBreak{});
  }
  test::FixedMetrics metrics;
  Diagnostics diagnostics;
  const PageSet pages = lay_out(document, metrics, Profile{}, diagnostics);
  EXPECT_TRUE(pages.pages.empty());
  ASSERT_EQ(diagnostics.error_count(), 1U) << diagnostics.to_string();
  EXPECT_EQ(diagnostics.list().front().code, "E0503");
  EXPECT_NE(diagnostics.list().front().message.find("giới hạn 200 trang"), std::string::npos)
      << diagnostics.list().front().message;
  // kMaxPages pages are fine.
  document.blocks.resize(document.blocks.size() - 2);
  Diagnostics accepted;
  EXPECT_EQ(lay_out(document, metrics, Profile{}, accepted).pages.size(), kMaxPages);
  EXPECT_FALSE(accepted.has_errors()) << accepted.to_string();
}

}  // namespace
}  // namespace vanban::layout
