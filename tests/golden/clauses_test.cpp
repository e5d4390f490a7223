// The clauses offices add to every decision (issue 19): the law cited in full the first time and short afterwards,
// the effect from signing in the last article, over every decision template and every sample case it applies to.

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

// The last article of a printed decision: from its label ("Điều 3. ", the highest article number printed) to
// "Nơi nhận:"; empty when there is none.
std::string last_article(const std::string& text) {
  std::size_t from = std::string::npos;
  for (int n = 1; n <= 9; ++n)
    if (const auto at = text.find("Điều " + std::to_string(n) + ". "); at != std::string::npos) from = at;
  if (from == std::string::npos) return "";
  const auto to = text.find("Nơi nhận:", from);
  return text.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

// Every decision takes effect on signing, said once, in its last article (parts/hieu-luc).
TEST(Clauses, EveryDecisionTakesEffectOnSigningInItsLastArticle) {
  const std::string effect = "Quyết định này có hiệu lực kể từ ngày ký.";
  const auto decisions = test::printed_decisions();
  ASSERT_GT(decisions.size(), 20u);
  for (const auto& decision : decisions) {
    const auto& text = decision.printed.text;
    ASSERT_FALSE(text.empty()) << decision.name << "\n" << decision.printed.diagnostics;
    EXPECT_EQ(count(text, effect), 1u) << decision.name << "\n" << text;
    EXPECT_NE(last_article(text).find(effect), std::string::npos) << decision.name << "\n" << text;
  }
}

}  // namespace
}  // namespace vanban
