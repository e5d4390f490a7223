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

// Templates name citations, time limits and căn cứ by id under every regime (and are checked so at start-up):
// each regime must define the same ids, even where the new law's article is not known yet.
TEST(LawBook, EveryRegimeDefinesTheSameIds) {
  const LawBook book = load_project_law();
  const auto keys = [](const auto& map) {
    std::vector<std::string> out;
    for (const auto& [key, value] : map) out.push_back(key);
    return out;
  };
  const Regime& first = book.regimes().front();
  for (const auto& regime : book.regimes()) {
    auto citations = keys(regime.citations);
    auto first_citations = keys(first.citations);
    // "identification" marks the regime that identifies people by số định danh cá nhân: only the new one has it.
    std::erase(citations, "identification");
    EXPECT_EQ(citations, first_citations) << regime.id;
    for (const char* limit :
         {"voluntary-period", "reverification", "publish-no-means", "post-no-means", "resume", "postpone-protest",
          "remission-verification", "remission-wait", "destruction", "refund-unclaimed", "payout", "receive-delegation",
          "security-follow-up", "seizure-notice", "revaluation-request", "release", "resubmission-wait"})
      EXPECT_TRUE(regime.time_limits.count(limit)) << regime.id << " " << limit;
    EXPECT_EQ(keys(regime.basis_lines), keys(first.basis_lines)) << regime.id;
  }
  for (const char* document : {"qd-tha-chu-dong",
                               "qd-tha-theo-yeu-cau",
                               "thong-bao-tha",
                               "giay-trieu-tap",
                               "bb-xac-minh",
                               "qd-chua-co-dieu-kien",
                               "tb-ket-qua-xac-minh",
                               "qd-hoan-tha",
                               "qd-dinh-chi-tha",
                               "qd-cuong-che",
                               "qd-hoi-dong-tieu-huy",
                               "bb-tieu-huy",
                               "de-nghi-mien-giam",
                               "bb-giai-quyet",
                               "qd-tha-chu-dong-tra-lai",
                               "qd-tha-chu-dong-khan-cap",
                               "qd-tha-chu-dong-pha-san",
                               "qd-uy-thac",
                               "qd-thu-hoi",
                               "qd-tiep-tuc",
                               "qd-tam-dinh-chi",
                               "tb-gui-lai-yeu-cau",
                               "tb-nhan-tien",
                               "qd-khau-tru-tai-khoan",
                               "qd-tru-thu-nhap",
                               "qd-bien-phap-bao-dam",
                               "tb-cuong-che",
                               "bb-ke-bien",
                               "tb-ket-qua-tham-dinh-gia",
                               "bb-giao-nhan-tai-san",
                               "qd-giai-toa-ke-bien"})
    EXPECT_TRUE(first.basis_lines.count(document)) << document;
  EXPECT_EQ(book.regimes().back().citations.count("identification"), 1U);
}

TEST(LawBook, RejectsGapsBetweenRegimes) {
  const std::string text = R"(<law xmlns="urn:vanban:law:1">
  <regime id="a" from="2000-01-01" until="2010-12-31"><name>A</name></regime>
  <regime id="b" from="2011-01-02"><name>B</name></regime>
</law>)";
  Diagnostics diagnostics;
  EXPECT_FALSE(LawBook::parse(text, make_file_name("law.xml"), diagnostics).has_value());
  EXPECT_EQ(format_diagnostic(diagnostics.list().at(0)),
            "law.xml:3:3: lỗi: [E0901] chế độ pháp lý \"b\" phải bắt đầu đúng ngày sau khi chế độ \"a\" hết hiệu "
            "lực (không được hở hoặc chồng lấn)");
}

}  // namespace
}  // namespace vanban::rules
