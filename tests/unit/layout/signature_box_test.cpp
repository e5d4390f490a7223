// The signature block keeps an empty box between the signer's title and name for the signature image.

#include <gtest/gtest.h>

#include "layout/layout.hpp"
#include "support/fixed_metrics.hpp"

namespace vanban::layout {
namespace {

TEST(SignatureBox, LiesBetweenTheTitleAndTheName) {
  doc::Document document;
  doc::Signature signature;
  signature.authority_lines = {"KT. CHI CUC TRUONG", "PHO CHI CUC TRUONG"};
  signature.signer_name = "Nguyen Van A";
  document.blocks.emplace_back(signature);
  const Profile profile;
  Diagnostics diagnostics;
  const PageSet pages = lay_out(document, test::FixedMetrics(), profile, diagnostics);
  ASSERT_FALSE(diagnostics.has_errors()) << diagnostics.to_string();
  ASSERT_EQ(pages.pages.size(), 1U);
  const Page& page = pages.pages[0];
  ASSERT_EQ(page.signature_boxes.size(), 1U);
  const SignatureBox& box = page.signature_boxes[0];
  double title = 0;
  double name = 0;
  for (const auto& text : page.texts) {
    if (text.text == "PHO CHI CUC TRUONG") title = text.baseline;
    if (text.text == "Nguyen Van A") name = text.baseline;
  }
  EXPECT_GT(box.top, title) << "below the last title line";
  EXPECT_LT(box.top + box.height, name - profile.signature_size * 0.8 + 0.01) << "above the name's ascent";
  EXPECT_DOUBLE_EQ(box.height, profile.signature_gap);
  EXPECT_DOUBLE_EQ(box.width, profile.signature_column_width);
  EXPECT_NEAR(box.x + box.width, pages.width - profile.margin_right, 0.01) << "the right-hand column";
}

}  // namespace
}  // namespace vanban::layout
