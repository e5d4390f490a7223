// The signature block keeps an empty box between the signer's title and name for the signature image.

#include <gtest/gtest.h>

#include "layout/layout.hpp"
#include "support/fixed_metrics.hpp"

namespace vanban::layout {
namespace {

PageSet one_page(const doc::Document& document, const Profile& profile) {
  Diagnostics diagnostics;
  PageSet pages = lay_out(document, test::FixedMetrics(), profile, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << diagnostics.to_string();
  return pages;
}

TEST(SignatureBox, LiesBetweenTheTitleAndTheName) {
  doc::Document document;
  doc::Signature signature;
  signature.authority_lines = {"KT. CHI CUC TRUONG", "PHO CHI CUC TRUONG"};
  signature.signer_name = "Nguyen Van A";
  document.blocks.emplace_back(signature);
  const Profile profile;
  const PageSet pages = one_page(document, profile);
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

// The signatures of a biên bản: two to a row, the last signer (the officer) at the top right and its room the
// first, the others in order from the top left; the names of a row on one baseline even when one title wraps.
TEST(SignatureBox, RecordSignaturesStandTwoToARowOfficerTopRight) {
  doc::Document document;
  doc::Paragraph closing;
  closing.runs = {doc::Run{"Bien ban ket thuc, ky ten duoi day./.", false, false, {}, {}}};
  document.blocks.emplace_back(closing);
  const auto add = [&](std::string title, std::string name) {
    doc::Signature signature;
    signature.authority_lines = {std::move(title)};
    signature.signer_name = std::move(name);
    document.blocks.emplace_back(signature);
  };
  add("DAI DIEN NGUOI DUOC THI HANH AN CONG TY TRACH NHIEM HUU HAN", "Tran Van B");  // wraps in half a width
  add("NGUOI PHAI THI HANH AN", "Le Thi C");
  add("CHAP HANH VIEN", "Nguyen Van A");
  const Profile profile;
  const PageSet pages = one_page(document, profile);
  ASSERT_EQ(pages.pages.size(), 1U);
  const Page& page = pages.pages[0];
  const auto find = [&](const std::string& text) {
    for (const auto& placed : page.texts)
      if (placed.text == text) return placed;
    ADD_FAILURE() << "not placed: " << text;
    return PlacedText{};
  };
  const double middle = profile.margin_left + (pages.width - profile.margin_left - profile.margin_right) / 2;
  const PlacedText officer = find("Nguyen Van A"), first = find("Tran Van B"), second = find("Le Thi C");
  EXPECT_GT(officer.x, middle) << "the officer signs at the right";
  EXPECT_LT(first.x + first.width, middle) << "the first party at the left";
  EXPECT_DOUBLE_EQ(officer.baseline, first.baseline) << "one row, names on one baseline";
  EXPECT_LT(second.x + second.width, middle) << "a lone last one at the left";
  EXPECT_GT(second.baseline, first.baseline + profile.signature_gap) << "in the next row";
  ASSERT_EQ(page.signature_boxes.size(), 3U);
  EXPECT_GT(page.signature_boxes[0].x, middle - 0.01) << "the officer's room is the first (the \"signer\" field)";
  EXPECT_DOUBLE_EQ(page.signature_boxes[0].top, page.signature_boxes[1].top);
  for (const auto& box : page.signature_boxes) EXPECT_LE(box.width, middle - profile.margin_left + 0.01);
}

}  // namespace
}  // namespace vanban::layout
