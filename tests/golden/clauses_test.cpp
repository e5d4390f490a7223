// The clauses offices add to every decision (issue 19): the law cited in full the first time and short afterwards,
// over every decision template and every sample case it applies to.

#include <gtest/gtest.h>

#include <string>

#include "support/printed.hpp"

namespace vanban {
namespace {

std::size_t count(const std::string& text, const std::string& phrase) {
  std::size_t n = 0;
  for (auto at = text.find(phrase); at != std::string::npos; at = text.find(phrase, at + 1)) ++n;
  return n;
}

// The full citation of each regime's law (rules/law.xml, citation "law-full").
const std::string kFull2008 = "Luật Thi hành án dân sự năm 2008, được sửa đổi, bổ sung năm 2014";
const std::string kFull2025 = "Luật Thi hành án dân sự số 106/2025/QH15 ngày 05 tháng 12 năm 2025";

// The first citation of the law in a decision is its full citation, under either regime, and it is the only full
// one: later citations are short.
TEST(Clauses, TheLawIsCitedInFullTheFirstTimeOnly) {
  const auto decisions = test::printed_decisions();
  ASSERT_GT(decisions.size(), 20u);
  for (const auto& decision : decisions) {
    const auto& text = decision.printed.text;
    ASSERT_FALSE(text.empty()) << decision.name << "\n" << decision.printed.diagnostics;
    const std::string& full = text.find("106/2025/QH15") != std::string::npos ? kFull2025 : kFull2008;
    EXPECT_EQ(text.find(full), text.find("Luật Thi hành án dân sự")) << decision.name << "\n" << text;
    EXPECT_EQ(count(text, full), 1u) << decision.name << "\n" << text;
  }
}

}  // namespace
}  // namespace vanban
