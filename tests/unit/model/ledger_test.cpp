// The ledger: a case's figures as of a date — payments up to that day, what remains per obligation and in total,
// and the status the recorded status and later events give.

#include "model/ledger.hpp"

#include <gtest/gtest.h>

namespace vanban::model {
namespace {

Date day(const char* iso) { return *Date::parse_iso(iso); }

Obligation obligation(const char* id, std::optional<std::int64_t> amount, const char* debtor,
                      std::optional<std::string> creditor = std::nullopt) {
  Obligation o;
  o.id = id;
  o.debtor_id = debtor;
  o.creditor_id = std::move(creditor);
  if (amount) o.amount = Money{*amount};
  return o;
}

Event payment(const char* date, std::int64_t amount, const char* obligation_id) {
  Event e;
  e.kind = EventKind::payment;
  e.date = day(date);
  e.amount = Money{amount};
  e.obligation_id = obligation_id;
  return e;
}

Event event(EventKind kind, const char* date) {
  Event e;
  e.kind = kind;
  e.date = day(date);
  return e;
}

// Two debtors: a court fee to the State and a debt to a creditor (a), and a fine (b).
Case two_debtors() {
  Case c;
  c.id = "THA-1";
  c.obligations = {obligation("o1", 1'000'000, "a"), obligation("o2", 50'000'000, "a", "cr"),
                   obligation("o3", 3'000'000, "b")};
  c.enforcement.events = {payment("2024-03-01", 400'000, "o1"), payment("2024-05-01", 600'000, "o1"),
                          payment("2024-04-01", 10'000'000, "o2"), payment("2024-06-01", 5'000'000, "o3")};
  return c;
}

TEST(Ledger, CountsOnlyPaymentsOnOrBeforeItsDate) {
  const Case c = two_debtors();
  const Ledger before = Ledger::of(c, day("2024-02-29"));
  EXPECT_EQ(before.totals().paid.dong, 0);
  EXPECT_EQ(before.totals().outstanding.dong, 54'000'000);
  const Ledger april = Ledger::of(c, day("2024-04-01"));  // the day of a payment counts it
  EXPECT_EQ(april.paid("o1").dong, 400'000);
  EXPECT_EQ(april.paid("o2").dong, 10'000'000);
  EXPECT_EQ(april.totals().total.dong, 54'000'000);
  EXPECT_EQ(april.totals().paid.dong, 10'400'000);
  EXPECT_EQ(april.totals().outstanding.dong, 43'600'000);
  EXPECT_EQ(april.events().size(), 2U);
}

TEST(Ledger, SumsPerDebtorAndForTheState) {
  const Case c = two_debtors();
  const Ledger l = Ledger::of(c, day("2024-12-31"));
  EXPECT_EQ(l.owed_by("a").total.dong, 51'000'000);
  EXPECT_EQ(l.owed_by("a").outstanding.dong, 40'000'000);
  EXPECT_EQ(l.owed_by("b").outstanding.dong, 0);
  EXPECT_EQ(l.owed_to_state().total.dong, 4'000'000);  // o1 and o3: no creditor
  EXPECT_EQ(l.owed_to_state().outstanding.dong, 0);
  EXPECT_EQ(*l.outstanding(l.the_case().obligations[0]), Money{0});
}

TEST(Ledger, APaymentBeyondTheAmountLeavesNothingOwedNotLessThanNothing) {
  Case c = two_debtors();
  c.enforcement.events.push_back(payment("2024-07-01", 9'000'000, "o3"));  // 14 million paid on a 3 million fine
  const Ledger l = Ledger::of(c, day("2024-12-31"));
  EXPECT_EQ(l.paid("o3").dong, 14'000'000);
  EXPECT_EQ(l.outstanding(c.obligations[2])->dong, 0);
  EXPECT_EQ(l.owed_by("a").outstanding.dong + l.owed_by("b").outstanding.dong, l.totals().outstanding.dong);
  EXPECT_EQ(l.totals().outstanding.dong, 40'000'000);
}

TEST(Ledger, AnObligationThatIsNotMoneyHasNoOutstandingAmount) {
  Case c;
  c.obligations = {obligation("o1", std::nullopt, "a")};
  const Ledger l = Ledger::of(c, day("2024-01-01"));
  EXPECT_FALSE(l.outstanding(c.obligations[0]));
  EXPECT_EQ(l.totals().total.dong, 0);
  // Nothing tells that a handover was done: not completed.
  EXPECT_EQ(l.result(), StatusResult::in_progress);
}

TEST(Ledger, StatusFollowsTheRecordedStatusThenLaterEvents) {
  Case c = two_debtors();
  c.enforcement.status = Status{day("2024-06-30"), MeansResult::no_means, StatusResult::in_progress, false, {}};
  Event verified = event(EventKind::verification, "2024-08-01");
  verified.result = MeansResult::has_means;
  c.enforcement.events.push_back(verified);
  c.enforcement.events.push_back(event(EventKind::postponed, "2024-09-01"));
  // Before the recorded status: nothing said yet.
  EXPECT_EQ(Ledger::of(c, day("2024-06-29")).condition(), MeansResult::has_means);
  EXPECT_EQ(Ledger::of(c, day("2024-06-30")).condition(), MeansResult::no_means);
  EXPECT_EQ(Ledger::of(c, day("2024-08-01")).condition(), MeansResult::has_means);
  EXPECT_EQ(Ledger::of(c, day("2024-08-31")).result(), StatusResult::in_progress);
  EXPECT_EQ(Ledger::of(c, day("2024-09-01")).result(), StatusResult::postponed);
  c.enforcement.events.push_back(event(EventKind::no_means_decision, "2024-10-01"));
  c.enforcement.events.push_back(event(EventKind::terminated, "2024-11-01"));
  c.enforcement.events.push_back(event(EventKind::suspended, "2024-12-01"));  // nothing follows a termination
  const Ledger end = Ledger::at_end(c);
  EXPECT_EQ(end.condition(), MeansResult::no_means);
  EXPECT_EQ(end.result(), StatusResult::terminated);
  EXPECT_EQ(status_result_code(end.result()), "terminated");
  EXPECT_EQ(means_code(end.condition()), "no-means");
}

TEST(Ledger, EverySumPaidMeansCompleted) {
  Case c = two_debtors();
  EXPECT_EQ(Ledger::at_end(c).result(), StatusResult::in_progress);
  c.enforcement.events.push_back(payment("2024-12-01", 40'000'000, "o2"));
  EXPECT_EQ(Ledger::of(c, day("2024-11-30")).result(), StatusResult::in_progress);
  EXPECT_EQ(Ledger::of(c, day("2024-12-01")).result(), StatusResult::completed);
}

TEST(Ledger, FirstNotificationAndDestructionAndLastEventOfAKind) {
  Case c;
  Event first = event(EventKind::notified, "2024-02-01");
  first.party_id = "a";
  Event second = event(EventKind::notified, "2024-03-01");
  second.party_id = "a";
  Event destroyed = event(EventKind::destroyed, "2024-04-01");
  destroyed.item_id = "v1";
  c.enforcement.events = {second, first, destroyed};
  const Ledger l = Ledger::at_end(c);
  EXPECT_EQ(l.notified_on("a"), day("2024-03-01"));  // the first in the file, as a document lists them
  EXPECT_FALSE(l.notified_on("b"));
  EXPECT_EQ(l.destroyed_on("v1"), day("2024-04-01"));
  EXPECT_FALSE(Ledger::of(c, day("2024-03-31")).destroyed_on("v1"));
  EXPECT_EQ(l.last(EventKind::notified)->date, day("2024-02-01"));
  EXPECT_EQ(l.last(EventKind::payment), nullptr);
}

// A remission granted by the court reduces what is owed; an exemption without an amount remits all that remains.
TEST(Ledger, ARemissionReducesWhatIsOwed) {
  Case c = two_debtors();  // o3: a 3 million fine, 5 million paid on 2024-06-01
  c.obligations.push_back(obligation("o4", 10'000'000, "b"));
  Event reduction = event(EventKind::remission, "2024-07-01");
  reduction.remission = RemissionKind::reduction;
  reduction.obligation_id = "o4";
  reduction.amount = Money{2'500'000};
  c.enforcement.events.push_back(reduction);
  c.enforcement.events.push_back(payment("2024-08-01", 1'000'000, "o4"));
  const Obligation& o4 = c.obligations.back();
  EXPECT_EQ(Ledger::of(c, day("2024-06-30")).outstanding(o4)->dong, 10'000'000);
  const Ledger july = Ledger::of(c, day("2024-07-01"));
  EXPECT_EQ(july.remitted(o4).dong, 2'500'000);
  EXPECT_EQ(july.outstanding(o4)->dong, 7'500'000);
  EXPECT_EQ(july.owed_by("b").remitted.dong, 2'500'000);
  Event exemption = event(EventKind::remission, "2024-09-01");
  exemption.remission = RemissionKind::exemption;
  exemption.obligation_id = "o4";
  c.enforcement.events.push_back(exemption);
  const Ledger september = Ledger::of(c, day("2024-09-01"));
  EXPECT_EQ(september.outstanding(o4)->dong, 0);
  EXPECT_EQ(september.remitted(o4).dong, 9'000'000);  // all but the million paid
  EXPECT_EQ(september.owed_by("b").outstanding.dong, 0);
  EXPECT_EQ(september.totals().total.dong,
            september.totals().paid.dong - 2'000'000 + september.totals().remitted.dong +
                september.totals().outstanding.dong);  // o3 was overpaid by 2 million
}

// Delegating out, withdrawing or returning the whole decision takes it out of the office's count; a part of it takes
// only those obligations out.
TEST(Ledger, ADecisionThatLeavesTheOfficeNoLongerCounts) {
  for (const auto kind :
       {EventKind::delegated_out, EventKind::withdrawn, EventKind::cancelled, EventKind::request_returned}) {
    Case c = two_debtors();
    c.enforcement.events.push_back(event(kind, "2024-07-01"));
    const StatusResult expected = kind == EventKind::delegated_out      ? StatusResult::delegated
                                  : kind == EventKind::request_returned ? StatusResult::returned
                                                                        : StatusResult::withdrawn;
    EXPECT_TRUE(Ledger::of(c, day("2024-06-30")).counts_for_office());
    const Ledger after = Ledger::of(c, day("2024-07-01"));
    EXPECT_EQ(after.result(), expected) << event_kind_code(kind);
    EXPECT_FALSE(after.counts_for_office());
    // Nothing brings it back: neither a later postponement nor every sum paid.
    c.enforcement.events.push_back(event(EventKind::postponed, "2024-08-01"));
    c.enforcement.events.push_back(payment("2024-09-01", 40'000'000, "o2"));
    EXPECT_EQ(Ledger::at_end(c).result(), expected);
  }
  Case part = two_debtors();
  Event delegated = event(EventKind::delegated_out, "2024-07-01");
  delegated.obligation_ids = {"o2"};
  part.enforcement.events.push_back(delegated);
  const Ledger l = Ledger::at_end(part);
  EXPECT_TRUE(l.counts_for_office());
  EXPECT_EQ(l.result(), StatusResult::completed);  // what stays here (o1, o3) is paid
  EXPECT_FALSE(l.in_office(part.obligations[1]));
  EXPECT_TRUE(l.in_office(part.obligations[0]));
  EXPECT_EQ(status_result_code(StatusResult::delegated), "delegated");
  // A decision withdrawn so that the case can be delegated counts as delegated out.
  Case withdrawn_to_delegate = two_debtors();
  withdrawn_to_delegate.enforcement.events.push_back(event(EventKind::withdrawn, "2024-07-01"));
  withdrawn_to_delegate.enforcement.events.push_back(event(EventKind::delegated_out, "2024-07-01"));
  EXPECT_EQ(Ledger::at_end(withdrawn_to_delegate).result(), StatusResult::delegated);
}

// A resumption ends a postponement or a suspension; the separate register is entered and left by events.
TEST(Ledger, ResumptionAndTheSeparateRegister) {
  Case c = two_debtors();
  c.enforcement.events.push_back(event(EventKind::suspended, "2024-07-01"));
  c.enforcement.events.push_back(event(EventKind::resumed, "2024-08-01"));
  c.enforcement.events.push_back(event(EventKind::to_separate_register, "2024-09-01"));
  c.enforcement.events.push_back(event(EventKind::from_separate_register, "2024-11-01"));
  EXPECT_EQ(Ledger::of(c, day("2024-07-31")).result(), StatusResult::suspended);
  EXPECT_EQ(Ledger::of(c, day("2024-08-01")).result(), StatusResult::in_progress);
  EXPECT_FALSE(Ledger::of(c, day("2024-08-31")).separate_register());
  EXPECT_TRUE(Ledger::of(c, day("2024-09-01")).separate_register());
  EXPECT_FALSE(Ledger::of(c, day("2024-11-01")).separate_register());
  // A resumption after a termination changes nothing.
  c.enforcement.events.push_back(event(EventKind::terminated, "2024-12-01"));
  c.enforcement.events.push_back(event(EventKind::resumed, "2024-12-15"));
  EXPECT_EQ(Ledger::at_end(c).result(), StatusResult::terminated);
  // The recorded status says the register too.
  Case recorded = two_debtors();
  recorded.enforcement.status = Status{day("2024-06-30"), MeansResult::no_means, StatusResult::in_progress, true, {}};
  EXPECT_TRUE(Ledger::of(recorded, day("2024-07-01")).separate_register());
}

// A refund is paid out by the agency: it has no debtor, and what is not yet paid out is outstanding.
TEST(Ledger, ARefundIsOwedByTheAgencyToItsPayee) {
  Case c;
  Obligation refund = obligation("r1", 300'000, "", std::string("p"));
  refund.kind = ObligationKind::refund;
  c.obligations = {refund};
  EXPECT_EQ(enforcement_kind(refund), EnforcementKind::refund);
  EXPECT_EQ(Ledger::at_end(c).totals().outstanding.dong, 300'000);
  EXPECT_EQ(Ledger::at_end(c).result(), StatusResult::in_progress);
  c.enforcement.events.push_back(payment("2024-05-02", 300'000, "r1"));
  EXPECT_EQ(Ledger::at_end(c).result(), StatusResult::completed);
  // The kinds of enforcement the law names, by obligation.
  Obligation fee = obligation("f", 1, "d");
  fee.kind = ObligationKind::court_fee;
  EXPECT_EQ(enforcement_kind(fee), EnforcementKind::state_payment);
  Obligation damages = obligation("g", 1, "d", std::string("p"));
  damages.kind = ObligationKind::compensation;
  EXPECT_EQ(enforcement_kind(damages), EnforcementKind::between_parties);
  damages.creditor_id.reset();  // damages to the State: "các khoản thu khác cho Nhà nước"
  EXPECT_EQ(enforcement_kind(damages), EnforcementKind::confiscation);
  for (const auto& [kind, expected] : {std::pair{ObligationKind::land_recovery, EnforcementKind::land_recovery},
                                       std::pair{ObligationKind::interim_measure, EnforcementKind::interim_measure},
                                       std::pair{ObligationKind::bankruptcy, EnforcementKind::bankruptcy}}) {
    fee.kind = kind;
    EXPECT_EQ(enforcement_kind(fee), expected);
  }
  EXPECT_EQ(enforcement_kind_code(EnforcementKind::state_payment), "state-payment");
  EXPECT_EQ(obligation_kind_code(ObligationKind::interim_measure), "interim-measure");
}

// An asset stays under seizure until it is released or handed over.
TEST(Ledger, AnAssetUnderSeizure) {
  Case c;
  Event seized = event(EventKind::seized, "2024-03-01");
  seized.asset_id = "a1";
  Event sold = event(EventKind::auctioned, "2024-05-01");
  sold.asset_id = "a1";
  Event handed = event(EventKind::handed_over, "2024-06-01");
  handed.asset_id = "a1";
  c.enforcement.events = {handed, sold, seized};  // file order does not matter
  EXPECT_FALSE(Ledger::of(c, day("2024-02-29")).under_seizure("a1"));
  EXPECT_TRUE(Ledger::of(c, day("2024-05-31")).under_seizure("a1"));
  EXPECT_FALSE(Ledger::of(c, day("2024-06-01")).under_seizure("a1"));
  EXPECT_EQ(Ledger::at_end(c).last(EventKind::auctioned, "a1")->date, day("2024-05-01"));
  EXPECT_EQ(Ledger::at_end(c).last(EventKind::auctioned, "a2"), nullptr);
}

}  // namespace
}  // namespace vanban::model
