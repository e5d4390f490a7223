#include "rules/law_book.hpp"

#include <gtest/gtest.h>

#include "support/law.hpp"

namespace vanban::rules {
namespace {

LawBook load_project_law() { return test::load_rules_file<LawBook>("law.xml"); }

TEST(LawBook, PicksTheRegimeByDate) {
  const LawBook book = load_project_law();
  EXPECT_EQ(book.regime_on(*model::Date::parse_iso("2026-06-30"))->id, "luat-2008");
  EXPECT_EQ(book.regime_on(*model::Date::parse_iso("2026-07-01"))->id, "luat-2025");
  EXPECT_EQ(book.regime_on(*model::Date::parse_iso("2009-06-30")), nullptr);
}

TEST(LawBook, EveryRegimeCitesTheEnforcementDecisions) {
  const LawBook book = load_project_law();
  for (const auto& regime : book.regimes()) {
    for (const char* document : {"qd-tha-chu-dong", "qd-tha-theo-yeu-cau"}) {
      const auto it = regime.basis_lines.find(document);
      ASSERT_NE(it, regime.basis_lines.end()) << regime.id << " " << document;
      EXPECT_FALSE(it->second.empty());
    }
    EXPECT_EQ(regime.time_limits.at("voluntary-period").count, 10);
  }
}

TEST(LawBook, RejectsGapsBetweenRegimes) {
  const std::string text = R"(<law xmlns="urn:vanban:law:1">
  <regime id="a" from="2000-01-01" until="2010-12-31"><name>A</name></regime>
  <regime id="b" from="2011-01-02"><name>B</name></regime>
</law>)";
  Diagnostics diagnostics;
  EXPECT_FALSE(LawBook::parse(text, make_file_name("law.xml"), diagnostics).has_value());
  EXPECT_EQ(format_diagnostic(diagnostics.list().at(0)),
            "law.xml:3:3: error: [E0901] chế độ pháp lý \"b\" phải bắt đầu đúng ngày sau khi chế độ \"a\" hết hiệu "
            "lực (không được hở hoặc chồng lấn)");
}

}  // namespace
}  // namespace vanban::rules
