#include "pdf/writer.hpp"

#include <gtest/gtest.h>

#include "support/paths.hpp"

namespace vanban::pdf {
namespace {

layout::PageSet one_page() {
  layout::PageSet pages;
  pages.width = 595.28;
  pages.height = 841.89;
  layout::Page page;
  page.texts.push_back(layout::PlacedText{85, 100, layout::Face::bold, 14, "QUYẾT ĐỊNH", 90, 0});
  page.texts.push_back(layout::PlacedText{85, 120, layout::Face::regular, 14, "Nguyễn Văn Hùng", 100, 1.5});
  page.rules.push_back(layout::PlacedRule{100, 130, 200, 130, 0.6});
  pages.pages.push_back(page);
  return pages;
}

TEST(Writer, IsDeterministic) {
  const auto fonts = FontSet::load(test::source_dir() / "fonts");
  DocumentInfo info;
  info.title = "Quyết định về việc thi hành án";
  const Bytes first = write_pdf(one_page(), info, *fonts);
  const Bytes second = write_pdf(one_page(), info, *fonts);
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.substr(0, 8), "%PDF-1.4");
}

TEST(Writer, EmbedsOnlyTheFacesUsed) {
  const auto fonts = FontSet::load(test::source_dir() / "fonts");
  const Bytes pdf = write_pdf(one_page(), DocumentInfo{}, *fonts);
  EXPECT_NE(pdf.find("+LiberationSerif-Bold"), std::string::npos);
  EXPECT_NE(pdf.find("+LiberationSerif\n"), std::string::npos);
  EXPECT_EQ(pdf.find("LiberationSerif-Italic"), std::string::npos);
  EXPECT_LT(pdf.size(), 20000U);
}

}  // namespace
}  // namespace vanban::pdf
