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

// A <complaint> names a time limit of its regime and a known case; a <superior-copy> an agency <body>: a typing error
// in the data is refused at its position, not printed as a missing clause.
TEST(LawBook, RejectsComplaintsAndCopiesThatNameNothing) {
  const std::string text = R"(<law xmlns="urn:vanban:law:1">
  <regime id="a" from="2000-01-01"><name>A</name>
    <time-limit id="complaint" count="15" unit="calendar-days"/>
    <complaint document="qd-x" limit="complaint" when="later"/>
    <complaint document="qd-y" limit="complaints"/>
    <superior-copy document="qd-z" issuer="chi-cuc" purpose="p"/>
  </regime>
  <body id="chi-cuc" kind="court" until="2025-06-30"><name>x</name><instead>y</instead></body>
</law>)";
  Diagnostics diagnostics;
  EXPECT_FALSE(LawBook::parse(text, make_file_name("law.xml"), diagnostics).has_value());
  const std::string all = diagnostics.to_string();
  EXPECT_NE(all.find("law.xml:4:"), std::string::npos) << all;
  EXPECT_NE(all.find("when của <complaint> phải là after-coercion hoặc account-freeze"), std::string::npos) << all;
  EXPECT_NE(all.find("law.xml:5:5: lỗi: [E0901] <complaint> nêu thời hạn \"complaints\""), std::string::npos) << all;
  EXPECT_NE(all.find("law.xml:6:5: lỗi: [E0901] <superior-copy> nêu issuer=\"chi-cuc\""), std::string::npos) << all;
}

// The shipped data: every complaint names a limit, the Chi cục's no-means decision goes to its Cục (its parent line).
TEST(LawBook, TheShippedComplaintsAndSuperiors) {
  const LawBook book = load_project_law();
  for (const auto& regime : book.regimes()) EXPECT_GT(regime.complaints.size(), 15U) << regime.id;
  const Body* chi_cuc =
      book.body_on("agency", "chi cục thi hành án dân sự huyện quỳ hợp", *model::Date::parse_iso("2024-01-01"));
  ASSERT_NE(chi_cuc, nullptr);
  EXPECT_TRUE(chi_cuc->superior_is_parent);
  const Body* province =
      book.body_on("agency", "thi hành án dân sự tỉnh nghệ an", *model::Date::parse_iso("2026-01-01"));
  ASSERT_NE(province, nullptr);
  EXPECT_EQ(province->superior, "Cục Quản lý thi hành án dân sự");
}

}  // namespace
}  // namespace vanban::rules
