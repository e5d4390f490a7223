// What is late: each step's due date computed by hand from rules/law.xml and the working days of rules/calendar.xml,
// the law in force on the step's trigger date, the candidates (miễn, giảm; persuasion), and the order of the list.

#include "reports/deadlines.hpp"

#include <gtest/gtest.h>

#include "support/law.hpp"
#include "support/model_cases.hpp"
#include "support/paths.hpp"

namespace vanban::reports {
namespace {

using model::Date;
using test::day;
using test::event;

const rules::Law& law() {
  static const rules::Law loaded = test::load_law();
  return loaded;
}

// A fine of 5.000.000 đồng, the judgment received on 20/6/2024.
model::Case base_case() {
  model::Case c = test::one_debtor_case("THA-1", 5'000'000);
  c.obligations[0].kind = model::ObligationKind::fine;
  c.enforcement.received = day("2024-06-20");
  return c;
}

void decide(model::Case& c, const char* date) { c.enforcement.decision = model::Decision{{}, day(date), {}, {}}; }

// The base case decided on 24/6/2024 with one item of evidence ("v1") to destroy.
model::Case case_with_evidence() {
  model::Case c = base_case();
  model::EvidenceItem item;
  item.id = "v1";
  item.disposition = model::Disposition::destroy;
  c.evidence.push_back(item);
  decide(c, "2024-06-24");
  return c;
}

std::optional<Deadline> find(const std::vector<Deadline>& list, const char* step) {
  for (const auto& item : list)
    if (item.step == step) return item;
  return std::nullopt;
}

TEST(Deadlines, TheDecisionFiveWorkingDaysAfterReceivingTheJudgment) {
  model::Case c = base_case();
  const auto list = deadlines_of(c, day("2024-07-01"), law());
  const auto decision = find(list, "decision");
  ASSERT_TRUE(decision);
  // Thursday 20/6 + 5 working days: 21, 24, 25, 26, 27.
  EXPECT_EQ(decision->due, day("2024-06-27"));
  EXPECT_EQ(decision->days, -4);
  EXPECT_EQ(decision->template_name, "qd-tha-chu-dong");
  EXPECT_EQ(decision->basis, "khoản 2 Điều 36 Luật Thi hành án dân sự");
  EXPECT_EQ(list.size(), 1U);  // nothing else before the decision
  // On request: from the request, with the other template.
  c.enforcement.mode = model::EnforcementMode::on_request;
  c.enforcement.request = model::Request{day("2024-06-18"), "d", model::RequestChannel::paper, {}};
  const auto on_request = deadlines_of(c, day("2024-07-01"), law());
  EXPECT_EQ(find(on_request, "decision")->due, day("2024-06-25"));
  EXPECT_EQ(find(on_request, "decision")->template_name, "qd-tha-theo-yeu-cau");
}

TEST(Deadlines, NotificationThenTheFirstVerificationAfterTheVoluntaryPeriod) {
  model::Case c = base_case();
  decide(c, "2024-06-24");
  auto list = deadlines_of(c, day("2024-07-10"), law());
  ASSERT_TRUE(find(list, "notification"));
  EXPECT_EQ(find(list, "notification")->due, day("2024-06-27"));  // 3 working days after Monday 24/6
  EXPECT_EQ(find(list, "notification")->days, -13);
  EXPECT_FALSE(find(list, "first-verification"));  // the voluntary period has not started
  c.enforcement.events.push_back(event(model::EventKind::notified, "2024-06-27"));
  c.enforcement.events.back().party_id = "d";
  list = deadlines_of(c, day("2024-07-10"), law());
  EXPECT_FALSE(find(list, "notification"));
  // Voluntary period: 10 days from 27/6 → Sunday 7/7 → Monday 8/7; then 10 days → Thursday 18/7.
  ASSERT_TRUE(find(list, "first-verification"));
  EXPECT_EQ(find(list, "first-verification")->trigger, day("2024-07-08"));
  EXPECT_EQ(find(list, "first-verification")->due, day("2024-07-18"));
  EXPECT_EQ(find(list, "first-verification")->template_name, "bb-xac-minh");
  // A verification done: no more first verification; paid in full: nothing left but the procuracy reminder.
  c.enforcement.events.push_back(event(model::EventKind::verification, "2024-07-15"));
  c.enforcement.events.back().result = model::MeansResult::has_means;
  EXPECT_FALSE(find(deadlines_of(c, day("2024-07-20"), law()), "first-verification"));
}

TEST(Deadlines, NoMeansTheDecisionItsPublicationAndVerificationEverySixMonths) {
  model::Case c = base_case();
  decide(c, "2024-02-28");
  c.enforcement.events.push_back(event(model::EventKind::notified, "2024-03-04"));
  c.enforcement.events.back().party_id = "d";
  c.enforcement.events.push_back(event(model::EventKind::verification, "2024-04-02"));
  c.enforcement.events.back().result = model::MeansResult::no_means;
  auto list = deadlines_of(c, day("2024-04-05"), law());
  ASSERT_TRUE(find(list, "no-means-decision"));
  EXPECT_EQ(find(list, "no-means-decision")->due, day("2024-04-09"));  // Tuesday 2/4: 3, 4, 5, 8, 9
  c.enforcement.events.push_back(event(model::EventKind::no_means_decision, "2024-04-08"));
  list = deadlines_of(c, day("2024-09-01"), law());
  EXPECT_FALSE(find(list, "no-means-decision"));
  ASSERT_TRUE(find(list, "publish-no-means"));
  EXPECT_TRUE(find(list, "publish-no-means")->unrecorded);
  ASSERT_TRUE(find(list, "reverification"));
  EXPECT_EQ(find(list, "reverification")->due, day("2024-10-02"));  // six months after 2/4
}

TEST(Deadlines, DestructionOfEvidenceUnderTheRegimeOfItsTriggerDate) {
  model::Case c = case_with_evidence();
  auto list = deadlines_of(c, day("2024-08-01"), law());
  ASSERT_TRUE(find(list, "destruction-council"));
  EXPECT_EQ(find(list, "destruction-council")->due, day("2024-07-24"));  // one month
  EXPECT_EQ(find(list, "destruction")->due, day("2024-08-05"));          // 10 days: Saturday 3/8 → Monday 5/8
  // Decided under Luật 106/2025: 20 days after the council (NĐ 152 Điều 40).
  decide(c, "2026-07-01");
  list = deadlines_of(c, day("2026-09-01"), law());
  EXPECT_EQ(find(list, "destruction-council")->due, day("2026-08-03"));  // Saturday 1/8 → Monday 3/8
  EXPECT_EQ(find(list, "destruction")->due, day("2026-08-24"));          // Sunday 23/8 → Monday 24/8
  EXPECT_EQ(find(list, "destruction")->basis, "khoản 1 Điều 40 Nghị định số 152/2026/NĐ-CP");
  // Destroyed: nothing left to do.
  c.enforcement.events.push_back(event(model::EventKind::destroyed, "2026-08-10"));
  c.enforcement.events.back().item_id = "v1";
  EXPECT_FALSE(find(deadlines_of(c, day("2026-09-01"), law()), "destruction"));
}

TEST(Deadlines, CandidatesForExemptionAndForPersuasion) {
  model::Case c = base_case();
  c.obligations[0].amount = model::Money{1'500'000};  // a fine below 2.000.000: exempt after 5 years
  decide(c, "2018-01-10");
  c.enforcement.events.push_back(event(model::EventKind::verification, "2022-05-02"));
  c.enforcement.events.back().result = model::MeansResult::no_means;
  const auto list = deadlines_of(c, day("2024-07-01"), law());
  const auto remission = find(list, "remission");
  ASSERT_TRUE(remission);
  EXPECT_TRUE(remission->candidate);
  EXPECT_EQ(remission->due, day("2023-01-10"));
  EXPECT_EQ(remission->template_name, "de-nghi-mien-giam");
  // A debt to a bank that holds a mortgage on the debtor's land.
  model::Case m = base_case();
  decide(m, "2024-06-24");
  model::Party bank;
  bank.id = "b";
  bank.kind = model::PartyKind::organization;
  bank.role = model::Role::creditor;
  bank.name.value = "Ngân hàng Chính sách xã hội";
  m.parties.push_back(bank);
  m.obligations[0].creditor_id = "b";
  model::Asset land;
  land.owner_id = "d";
  land.mortgagee_id = "b";
  m.assets.push_back(land);
  const auto persuasion = find(deadlines_of(m, day("2024-07-10"), law()), "persuasion");
  ASSERT_TRUE(persuasion);
  EXPECT_EQ(persuasion->template_name, "thu-van-dong");
  EXPECT_EQ(persuasion->due, day("2024-07-04"));  // the voluntary period from the decision
}

TEST(Deadlines, AResumedPostponementIsNoLongerDue) {
  model::Case c = base_case();
  decide(c, "2024-06-24");
  c.enforcement.events.push_back(event(model::EventKind::postponed, "2024-07-01"));
  // Postponed at most 3 months (1/10), then 5 working days to resume: Tuesday 1/10 → 2, 3, 4, 7, 8.
  const auto resume = find(deadlines_of(c, day("2024-10-15"), law()), "resume");
  ASSERT_TRUE(resume);
  EXPECT_EQ(resume->due, day("2024-10-08"));
  EXPECT_EQ(resume->template_name, "qd-tiep-tuc");
  // Resumed on 9/10: nothing to resume on 15/10; on 8/10 it was still due.
  c.enforcement.events.push_back(event(model::EventKind::resumed, "2024-10-09"));
  EXPECT_FALSE(find(deadlines_of(c, day("2024-10-15"), law()), "resume"));
  EXPECT_TRUE(find(deadlines_of(c, day("2024-10-08"), law()), "resume"));
}

TEST(Deadlines, ADecisionDelegatedOutWithdrawnOrReturnedHasNoStepsLeft) {
  for (const auto kind : {model::EventKind::delegated_out, model::EventKind::withdrawn, model::EventKind::cancelled,
                          model::EventKind::request_returned}) {
    model::Case c = case_with_evidence();
    c.enforcement.events.push_back(event(kind, "2024-07-02"));
    EXPECT_TRUE(deadlines_of(c, day("2024-07-01"), law()).size() > 2) << model::event_kind_code(kind);
    EXPECT_TRUE(deadlines_of(c, day("2024-07-02"), law()).empty()) << model::event_kind_code(kind);
  }
}

TEST(Deadlines, TheDecisionFiveWorkingDaysAfterReceivingADelegation) {
  model::Case c = base_case();
  c.enforcement.events.push_back(event(model::EventKind::delegated_in, "2024-07-01"));
  const auto decision = find(deadlines_of(c, day("2024-07-10"), law()), "decision");
  ASSERT_TRUE(decision);
  EXPECT_EQ(decision->trigger, day("2024-07-01"));
  EXPECT_EQ(decision->due, day("2024-07-08"));  // Monday 1/7: 2, 3, 4, 5, 8
  EXPECT_EQ(decision->basis, "điểm b khoản 1 Điều 57 Luật Thi hành án dân sự");
  // Received the day after: the judgment's own limit.
  EXPECT_EQ(find(deadlines_of(c, day("2024-06-30"), law()), "decision")->due, day("2024-06-27"));
}

TEST(Deadlines, MostOverdueFirstWithinTheWindow) {
  model::Case late = base_case();
  late.id = "B";
  decide(late, "2024-06-24");  // notification due 27/6
  model::Case later = base_case();
  later.id = "A";
  decide(later, "2024-07-01");  // notification due 4/7
  std::vector<Deadline> all = deadlines_of(later, day("2024-07-03"), law());
  for (auto& d : deadlines_of(late, day("2024-07-03"), law())) all.push_back(d);
  const auto calendar = law().calendar;
  const auto today = select_due(all, day("2024-07-03"), 0, calendar);
  ASSERT_EQ(today.size(), 1U);  // only B's notification is late; the procuracy reminders are past or ahead
  EXPECT_EQ(today[0].case_id, "B");
  const auto week = select_due(all, day("2024-07-03"), 5, calendar);
  ASSERT_GE(week.size(), 3U);
  EXPECT_EQ(week[0].case_id, "B");
  for (std::size_t i = 1; i < week.size(); ++i) EXPECT_FALSE(sooner(week[i], week[i - 1]));
}

TEST(Deadlines, EveryTemplateTheStepsNameExists) {
  for (const auto name : deadline_templates())
    EXPECT_TRUE(std::filesystem::exists(test::source_dir() / "templates" / (std::string(name) + ".vbt"))) << name;
}

}  // namespace
}  // namespace vanban::reports
