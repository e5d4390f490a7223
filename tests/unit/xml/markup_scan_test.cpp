// The raw scan's limit of elements and attributes in one case, before any tree: the root is a case, or each child of
// a <register> root is; the limit counts a case's own element, attributes and everything inside it.

#include "xml/markup_scan.hpp"

#include <gtest/gtest.h>

namespace vanban::xml {
namespace {

// `count` empty elements.
std::string tiny(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += "<a/>";
  return out;
}

std::optional<ScanProblem> refusal(std::string_view text, std::size_t case_nodes, Limits limits = {}) {
  limits.max_case_nodes = case_nodes;
  return scan_markup(text, limits).fatal;
}

std::string too_many(std::size_t limit) {
  return "hồ sơ có quá nhiều phần tử và thuộc tính (giới hạn " + std::to_string(limit) + " cho mỗi hồ sơ)";
}

TEST(MarkupScan, ACaseRootAtTheLimitIsAcceptedAndOneMoreIsRefusedWhereItIs) {
  // The root, its attribute and 8 elements: 10.
  EXPECT_FALSE(refusal("<case id=\"x\">" + tiny(8) + "</case>", 10));
  const std::string over = "<case id=\"x\">" + tiny(9) + "</case>";
  const auto problem = refusal(over, 10);
  ASSERT_TRUE(problem);
  EXPECT_EQ(std::string(problem->code), "E0111");
  EXPECT_EQ(problem->offset, over.find("<a/>") + 8 * 4);  // the ninth <a/>
  EXPECT_EQ(problem->message, too_many(10));
}

TEST(MarkupScan, AttributesCountAndTheOneOverIsPointedAtByItsName) {
  const std::string text = "<case><a x=\"1\"><b y = '2' z=\"3\"/></a></case>";  // 3 elements, 3 attributes
  EXPECT_FALSE(refusal(text, 6));
  const auto last = refusal(text, 5);
  ASSERT_TRUE(last);
  EXPECT_EQ(last->offset, text.find("z="));
  const auto spaced = refusal(text, 4);
  ASSERT_TRUE(spaced);
  EXPECT_EQ(spaced->offset, text.find("y = "));
}

TEST(MarkupScan, EachChildOfARegisterRootIsACase) {
  // The register's own element and attributes belong to no case; each case below holds 10.
  const std::string head = "<register xmlns=\"urn:vanban:case:1\" from=\"2024-01-01\">\n";
  const std::string first = "<case id=\"a\">" + tiny(8) + "</case>\n";
  const std::string second = "<case id=\"b\"><x>" + tiny(7) + "</x></case>\n";
  const std::string text = head + first + second + "</register>";
  EXPECT_FALSE(refusal(text, 10));
  EXPECT_FALSE(refusal(head + "<case/></register>", 1));  // the root and its two attributes are in no case
  const auto in_first = refusal(text, 9);
  ASSERT_TRUE(in_first);
  EXPECT_EQ(in_first->offset, text.find("<a/>") + 7 * 4);
  EXPECT_EQ(in_first->message, too_many(9));
  // Over in the second case only.
  const std::string grown = head + first + "<case id=\"b\"><x>" + tiny(8) + "</x></case>\n</register>";
  const auto in_second = refusal(grown, 10);
  ASSERT_TRUE(in_second);
  EXPECT_EQ(in_second->offset, grown.rfind("<a/>"));
}

TEST(MarkupScan, TheLimitIsPerCaseAndTheFilesStaysForTheWholeFile) {
  // 100 cases of 10: 1,000 elements and attributes in cases, every case at the limit.
  std::string text = "<register>";
  for (int i = 0; i < 100; ++i) text += "<case id=\"c\">" + tiny(8) + "</case>";
  text += "</register>";
  EXPECT_FALSE(refusal(text, 10));
  // The file's limit counts them all, the register's root among them.
  Limits file;
  file.max_nodes = 500;
  const auto problem = refusal(text, 10, file);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->message, "tệp có quá nhiều phần tử và thuộc tính (giới hạn 500)");
}

TEST(MarkupScan, AnyOtherRootIsOneCase) {
  // A root that is not <register> (a name that only starts so, a prefixed one): the whole file is one case.
  for (const std::string root : {"registers", "v:register", "case"}) {
    const std::string text = "<" + root + "><case>" + tiny(8) + "</case></" + root + ">";
    EXPECT_FALSE(refusal(text, 10)) << root;
    const auto problem = refusal(text, 9);
    ASSERT_TRUE(problem) << root;
    EXPECT_EQ(problem->offset, text.rfind("<a/>")) << root;
  }
  EXPECT_FALSE(refusal("<register><case>" + tiny(8) + "</case></register>", 9));
}

}  // namespace
}  // namespace vanban::xml
