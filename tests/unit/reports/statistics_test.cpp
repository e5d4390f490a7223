// The statistics: small registers whose every figure is computed by hand below (each category, the period's
// boundary days, a case completed the day after the period, payments beyond the amount owed), the rules for a case
// delegated out, and a property test that every sum of the rules adds up over generated registers.

#include "reports/statistics.hpp"

#include <gtest/gtest.h>

#include <random>

#include "model/ledger.hpp"
#include "support/law.hpp"
#include "support/model_cases.hpp"

namespace vanban::reports {
namespace {

using model::Date;
using test::day;
using test::event;
using test::kNoMoney;
using test::payment;
using test::verification;

// A case as test::one_debtor_case makes it, in `mode`, decided on `decided` (none: never decided), with `events`.
model::Case make_case(const std::string& id, model::EnforcementMode mode, std::optional<const char*> decided,
                      std::int64_t amount, std::vector<model::Event> events = {},
                      const std::string& officer = "Phạm Quốc Khánh") {
  model::Case c = test::one_debtor_case(id, amount, officer);
  c.enforcement.mode = mode;
  if (decided) c.enforcement.decision = model::Decision{std::nullopt, day(*decided), std::nullopt, {}};
  c.enforcement.events = std::move(events);
  return c;
}

// A remission of obligation "o" granted by the court: a reduction of `amount`, or an exemption (nullopt: all that
// remains).
model::Event remission(const char* date, model::RemissionKind kind, std::optional<std::int64_t> amount) {
  model::Event e = event(model::EventKind::remission, date);
  e.remission = kind;
  e.obligation_id = "o";
  if (amount) e.amount = model::Money{*amount};
  return e;
}

constexpr auto kExOfficio = model::EnforcementMode::ex_officio;
constexpr auto kOnRequest = model::EnforcementMode::on_request;

const rules::Law& law() {
  static const rules::Law loaded = test::load_law();
  return loaded;
}

const rules::StatisticsRegime& regime_on(const char* iso) {
  const auto* regime = law().statistics.regime_on(day(iso));
  EXPECT_NE(regime, nullptr) << iso;
  return *regime;
}

Figure figure(const Statistics& statistics, const char* column) {
  const auto index = statistics.regime->column_index(column);
  EXPECT_TRUE(index) << column;
  return statistics.total.figures[*index];
}

// The statistics year 2024: 01/10/2023 – 30/09/2024, under Thông tư 05/2024/TT-BTP.
const Period kYear2024{day("2023-10-01"), day("2024-09-30")};

std::vector<model::Case> hand_register() {
  using model::EventKind;
  std::vector<model::Case> cases;
  // A: decided before the period, 2.000.000 paid before it and 3.000.000 in it, still in progress: cũ chuyển sang.
  cases.push_back(make_case("A", kExOfficio, "2023-05-10", 10'000'000,
                            {payment("2023-08-01", 2'000'000), payment("2024-02-01", 3'000'000)}));
  // B: paid in full before the period: closed, not carried over, not counted.
  cases.push_back(make_case("B", kExOfficio, "2023-01-05", 1'000'000, {payment("2023-06-01", 1'000'000)}));
  // C: decided on the period's first day, paid in full on its last day: thụ lý mới theo yêu cầu, thi hành xong.
  cases.push_back(make_case("C", kOnRequest, "2023-10-01", 4'000'000, {payment("2024-09-30", 4'000'000)}));
  // D: decided the day after the period: does not exist for it.
  cases.push_back(make_case("D", kExOfficio, "2024-10-01", 9'000'000));
  // E: paid in full the day after the period: still đang thi hành at its end, the payment not counted.
  cases.push_back(make_case("E", kExOfficio, "2024-03-01", 1'000'000, {payment("2024-10-01", 1'000'000)}));
  // F: 700.000 paid on 500.000 owed: thi hành xong, and 500.000 counted, never the excess.
  cases.push_back(make_case("F", kExOfficio, "2024-01-10", 500'000, {payment("2024-02-01", 700'000)}));
  // G: verified without means: chưa có điều kiện.
  cases.push_back(
      make_case("G", kExOfficio, "2024-02-01", 2'000'000, {verification("2024-03-01", model::MeansResult::no_means)}));
  // H: 1.000.000 paid, then terminated: đình chỉ for the rest, the payment thi hành xong in tiền.
  cases.push_back(make_case("H", kOnRequest, "2024-04-01", 3'000'000,
                            {payment("2024-05-01", 1'000'000), event(EventKind::terminated, "2024-06-01")}));
  // I: postponed; J: suspended; K: not a sum of money, in progress; L: never decided.
  cases.push_back(make_case("I", kExOfficio, "2024-05-02", 600'000, {event(EventKind::postponed, "2024-06-01")}));
  cases.push_back(make_case("J", kExOfficio, "2024-05-03", 700'000, {event(EventKind::suspended, "2024-06-02")}));
  cases.push_back(make_case("K", kExOfficio, "2024-05-04", kNoMoney));
  cases.push_back(make_case("L", kExOfficio, std::nullopt, 800'000));
  return cases;
}

TEST(Statistics, EveryFigureOfAHandWrittenRegister) {
  const auto& regime = regime_on("2024-09-30");
  EXPECT_EQ(regime.id, "tt-05-2024");
  Tally tally(regime, kYear2024, Grouping::none);
  for (const auto& c : hand_register()) tally.add(c);
  const Statistics s = tally.finish();
  EXPECT_EQ(s.cases_read, 12U);
  EXPECT_EQ(s.cases_counted, 9U);  // not B (closed before), D (decided after), L (never decided)
  const auto expect = [&](const char* column, std::int64_t cases, std::int64_t money) {
    EXPECT_EQ(figure(s, column), (Figure{cases, money})) << column;
  };
  expect("cu", 1, 8'000'000);                // A: 10.000.000 less 2.000.000 paid before the period
  expect("moi-chu-dong", 6, 4'800'000);      // E, F, G, I, J, K: 1.000.000 + 500.000 + 2.000.000 + 600.000 + 700.000
  expect("moi-theo-yeu-cau", 2, 7'000'000);  // C, H: 4.000.000 + 3.000.000
  expect("moi", 8, 11'800'000);
  expect("tong-thu-ly", 9, 19'800'000);
  expect("uy-thac", 0, 0);
  expect("thu-hoi", 0, 0);
  expect("phai-thi-hanh", 9, 19'800'000);
  // Collected in the period: A 3.000.000 + C 4.000.000 + F 500.000 + H 1.000.000.
  expect("thi-hanh-xong", 2, 8'500'000);  // C, F
  expect("dinh-chi", 1, 2'000'000);       // H: what remained
  expect("giam", 0, 0);
  expect("hoan", 1, 600'000);             // I
  expect("tam-dinh-chi", 1, 700'000);     // J
  expect("dang-thi-hanh", 3, 6'000'000);  // A 5.000.000 + E 1.000.000 + K 0
  expect("co-dieu-kien", 8, 17'800'000);
  expect("xong", 3, 10'500'000);
  expect("chua-xong", 5, 7'300'000);
  expect("chua-co-dk", 1, 2'000'000);  // G
  expect("so-rieng", 0, 0);
  expect("chua-co-dieu-kien", 1, 2'000'000);
  expect("chuyen-ky-sau", 6, 9'300'000);  // 9 − 3 việc; 19.800.000 − 10.500.000
  const auto rates = s.rates(s.total);
  ASSERT_EQ(rates.size(), 3U);
  EXPECT_EQ(rates[0].hundredths, 3750);  // 3 ÷ 8
  EXPECT_EQ(rates[1].hundredths, 5899);  // 10.500.000 ÷ 17.800.000 = 58,988…
  EXPECT_EQ(rates[2].hundredths, 4101);  // 7.300.000 ÷ 17.800.000 = 41,011…
  EXPECT_TRUE(s.failed_checks().empty());
}

TEST(Statistics, EachCaseAsItStoodAtThePeriodsEnd) {
  const auto& regime = regime_on("2024-09-30");
  const auto cases = hand_register();
  const auto count = [&](const char* id) {
    for (const auto& c : cases)
      if (c.id == id) return count_case(c, kYear2024, regime);
    ADD_FAILURE() << id;
    return CaseCount{};
  };
  const auto outcome = [&](const char* id) { return regime.outcomes[count(id).outcome].id; };
  EXPECT_EQ(count("A").intake, rules::Intake::carried_over);
  EXPECT_EQ(count("C").intake, rules::Intake::new_on_request);  // decided on the first day
  EXPECT_FALSE(count("B").counted);
  EXPECT_FALSE(count("D").counted);
  EXPECT_FALSE(count("L").counted);
  EXPECT_EQ(outcome("C"), "thi-hanh-xong");  // paid on the last day
  EXPECT_EQ(outcome("E"), "dang-thi-hanh");  // paid the day after
  EXPECT_EQ(count("E").rest, model::Money{1'000'000});
  EXPECT_EQ(count("F").paid, model::Money{500'000});  // the excess 200.000 is not counted
  EXPECT_EQ(outcome("G"), "chua-co-dieu-kien");
  EXPECT_EQ(outcome("H"), "dinh-chi");
  // The same case in the 3-month period ending 31/12/2023 and in the next quarter: carried over.
  const Period quarter{day("2024-01-01"), day("2024-03-31")};
  for (const auto& c : cases)
    if (c.id == "F") {
      EXPECT_EQ(count_case(c, Period{day("2023-10-01"), day("2023-12-31")}, regime).counted, false);
      EXPECT_EQ(count_case(c, quarter, regime).intake, rules::Intake::new_ex_officio);
    }
  for (const auto& c : cases)
    if (c.id == "A") {
      const auto next = count_case(c, Period{day("2024-10-01"), day("2024-12-31")}, regime);
      EXPECT_TRUE(next.counted);
      EXPECT_EQ(next.intake, rules::Intake::carried_over);
      EXPECT_EQ(next.owed, model::Money{5'000'000});
    }
}

TEST(Statistics, ACaseDelegatedOutIsUyThacUnlessPartlyDone) {
  // The rules say how delegation counts (GSO: done in part with the rest delegated is thi hành xong); the cases of
  // EveryFigureOfTheEventsOfARegister show it from the events.
  for (const char* date : {"2024-09-30", "2023-09-30"}) {
    const auto& regime = regime_on(date);
    rules::FactSet facts;
    facts.set(static_cast<std::size_t>(rules::CaseFact::ex_officio));
    facts.set(static_cast<std::size_t>(rules::CaseFact::has_means));
    facts.set(static_cast<std::size_t>(rules::CaseFact::in_progress));
    facts.set(static_cast<std::size_t>(rules::CaseFact::owes));
    facts.set(static_cast<std::size_t>(rules::CaseFact::delegated_out));
    EXPECT_EQ(regime.outcomes[outcome_of(regime, facts)].id, "uy-thac") << regime.id;
    EXPECT_FALSE(regime.outcomes[outcome_of(regime, facts)].carries);
    facts.set(static_cast<std::size_t>(rules::CaseFact::paid_in_period));
    EXPECT_EQ(regime.outcomes[outcome_of(regime, facts)].id, "thi-hanh-xong") << regime.id;
  }
}

// Cases whose figures come from the events of format 1.1 (delegation, withdrawal, a returned request, remissions, the
// separate register, resumption), each decided in the statistics year 2024 unless said, and the same events the day
// after the period, which do not exist for it.
std::vector<model::Case> event_register() {
  using model::EventKind;
  using model::RemissionKind;
  std::vector<model::Case> cases;
  const auto no_means = verification("2024-02-01", model::MeansResult::no_means);
  // M: delegated out with nothing collected: ủy thác đi, 3.000.000.
  cases.push_back(make_case("M", kExOfficio, "2024-01-10", 3'000'000, {event(EventKind::delegated_out, "2024-03-01")}));
  // N: 500.000 collected, then the rest delegated out: thi hành xong (500.000), the 1.500.000 delegated ủy thác đi.
  cases.push_back(make_case("N", kExOfficio, "2024-01-10", 2'000'000,
                            {payment("2024-02-01", 500'000), event(EventKind::delegated_out, "2024-03-01")}));
  // O: the decision withdrawn: thu hồi, 1.000.000.
  cases.push_back(make_case("O", kExOfficio, "2024-01-10", 1'000'000, {event(EventKind::withdrawn, "2024-02-01")}));
  // P: decided before the period, 1.000.000 paid before it; the court reduces the 3.000.000 left: cũ chuyển sang, giảm.
  cases.push_back(
      make_case("P", kExOfficio, "2023-06-01", 4'000'000,
                {payment("2023-08-01", 1'000'000), remission("2024-06-01", RemissionKind::reduction, 3'000'000)}));
  // Q: exempted from all of it: đình chỉ (the case), the 2.000.000 in giảm (the money).
  cases.push_back(
      make_case("Q", kExOfficio, "2024-01-10", 2'000'000, {remission("2024-05-01", RemissionKind::exemption, {})}));
  // R: 1.000.000 of 5.000.000 reduced: still đang thi hành for 4.000.000, the 1.000.000 in giảm.
  cases.push_back(make_case("R", kExOfficio, "2024-01-10", 5'000'000,
                            {remission("2024-05-01", RemissionKind::reduction, 1'000'000)}));
  // S: without means, moved to the separate register: đã chuyển sổ theo dõi riêng.
  cases.push_back(make_case("S", kExOfficio, "2024-01-10", 2'500'000,
                            {no_means, event(EventKind::to_separate_register, "2024-06-01")}));
  // T, U, V, W: delegated, withdrawn, moved to the separate register, reduced in full — each on 01/10/2024.
  cases.push_back(make_case("T", kExOfficio, "2024-01-10", 1'200'000, {event(EventKind::delegated_out, "2024-10-01")}));
  cases.push_back(make_case("U", kExOfficio, "2024-01-10", 900'000, {event(EventKind::withdrawn, "2024-10-01")}));
  cases.push_back(make_case("V", kExOfficio, "2024-01-10", 1'100'000,
                            {no_means, event(EventKind::to_separate_register, "2024-10-01")}));
  cases.push_back(
      make_case("W", kExOfficio, "2024-01-10", 800'000, {remission("2024-10-01", RemissionKind::reduction, 800'000)}));
  // X: postponed, then resumed: đang thi hành, not hoãn.
  cases.push_back(make_case("X", kExOfficio, "2024-01-10", 700'000,
                            {event(EventKind::postponed, "2024-03-01"), event(EventKind::resumed, "2024-04-01")}));
  // Y: on request, the request returned (trả đơn): out of the count with thu hồi.
  cases.push_back(
      make_case("Y", kOnRequest, "2024-01-10", 600'000, {event(EventKind::request_returned, "2024-05-01")}));
  // Z: delegated out before the period: not carried over.
  cases.push_back(make_case("Z", kExOfficio, "2023-01-10", 900'000, {event(EventKind::delegated_out, "2023-05-01")}));
  return cases;
}

TEST(Statistics, EveryFigureOfTheEventsOfARegister) {
  const auto& regime = regime_on("2024-09-30");
  Tally tally(regime, kYear2024, Grouping::none);
  const auto cases = event_register();
  for (const auto& c : cases) tally.add(c);
  const Statistics s = tally.finish();
  EXPECT_EQ(s.cases_counted, 13U);  // not Z
  const auto expect = [&](const char* column, std::int64_t count, std::int64_t money) {
    EXPECT_EQ(figure(s, column), (Figure{count, money})) << column;
  };
  expect("cu", 1, 3'000'000);  // P: 4.000.000 less 1.000.000 paid before the period
  // M N O Q R S T U V W X: 3 + 2 + 1 + 2 + 5 + 2,5 + 1,2 + 0,9 + 1,1 + 0,8 + 0,7 million.
  expect("moi-chu-dong", 11, 20'200'000);
  expect("moi-theo-yeu-cau", 1, 600'000);  // Y
  expect("tong-thu-ly", 13, 23'800'000);
  expect("thu-hoi", 2, 1'600'000);          // O, Y
  expect("uy-thac", 1, 4'500'000);          // M; and the 1.500.000 N delegated after collecting
  expect("phai-thi-hanh", 10, 17'700'000);  // 13 − 1 − 2
  expect("thi-hanh-xong", 1, 500'000);      // N
  expect("dinh-chi", 1, 0);                 // Q
  expect("giam", 1, 6'000'000);             // P; money P 3.000.000 + Q 2.000.000 + R 1.000.000
  expect("hoan", 0, 0);                     // X was resumed
  expect("tam-dinh-chi", 0, 0);
  expect("dang-thi-hanh", 5, 7'600'000);  // R 4.000.000, T 1.200.000, U 900.000, W 800.000, X 700.000
  expect("co-dieu-kien", 8, 14'100'000);
  expect("xong", 3, 6'500'000);
  expect("chua-xong", 5, 7'600'000);
  expect("so-rieng", 1, 2'500'000);    // S
  expect("chua-co-dk", 1, 1'100'000);  // V: moved the day after the period
  expect("chua-co-dieu-kien", 2, 3'600'000);
  expect("chuyen-ky-sau", 7, 11'200'000);  // 10 − 3; 17.700.000 − 6.500.000
  EXPECT_TRUE(s.failed_checks().empty());
  // The facts the outcomes were decided on.
  const auto count = [&](const char* id) {
    for (const auto& c : cases)
      if (c.id == id) return count_case(c, kYear2024, regime);
    ADD_FAILURE() << id;
    return CaseCount{};
  };
  using rules::CaseFact;
  const std::tuple<const char*, CaseFact, bool> kFacts[] = {
      {"M", CaseFact::delegated_out, true},     {"T", CaseFact::delegated_out, false},
      {"O", CaseFact::withdrawn, true},         {"U", CaseFact::withdrawn, false},
      {"Y", CaseFact::returned, true},          {"P", CaseFact::reduced, true},
      {"R", CaseFact::reduced, true},           {"W", CaseFact::reduced, false},
      {"Q", CaseFact::exempted, true},          {"Q", CaseFact::reduced, false},
      {"S", CaseFact::separate_register, true}, {"V", CaseFact::separate_register, false}};
  for (const auto& [id, f, expected] : kFacts)
    EXPECT_EQ(count(id).facts.test(static_cast<std::size_t>(f)), expected) << id << " " << static_cast<int>(f);
  EXPECT_EQ(count("P").remitted, model::Money{3'000'000});
  EXPECT_EQ(count("N").paid, model::Money{500'000});
  EXPECT_EQ(count("N").rest, model::Money{1'500'000});
  EXPECT_FALSE(count("Z").counted);
  // Under Thông tư 06/2019 (a period ending 30/9/2023): the returned request and the withdrawn decision leave with
  // ủy thác đi; the separate register is chưa có điều kiện.
  const auto& older = regime_on("2023-09-30");
  rules::FactSet facts;
  facts.set(static_cast<std::size_t>(rules::CaseFact::withdrawn));
  EXPECT_EQ(older.outcomes[outcome_of(older, facts)].id, "uy-thac");
  facts.reset().set(static_cast<std::size_t>(rules::CaseFact::returned));
  EXPECT_EQ(older.outcomes[outcome_of(older, facts)].id, "uy-thac");
  facts.reset().set(static_cast<std::size_t>(rules::CaseFact::separate_register));
  EXPECT_EQ(older.outcomes[outcome_of(older, facts)].id, "chua-co-dieu-kien");
}

TEST(Statistics, RowsByKindOfEnforcement) {
  const auto& regime = regime_on("2024-09-30");
  std::vector<model::Case> cases;
  const auto add = [&](const char* id, model::EnforcementMode mode, std::int64_t amount, model::ObligationKind kind,
                       bool to_a_party) {
    cases.push_back(make_case(id, mode, "2024-01-10", amount));
    cases.back().obligations[0].kind = kind;
    if (to_a_party) cases.back().obligations[0].creditor_id = "d";
  };
  add("fine", kExOfficio, 1'000'000, model::ObligationKind::fine, false);
  add("refund", kExOfficio, 2'000'000, model::ObligationKind::refund, true);
  add("debt", kOnRequest, 3'000'000, model::ObligationKind::debt, true);
  // A mixed decision: the court fee, and the other party's advance returned.
  add("mixed", kExOfficio, 4'000'000, model::ObligationKind::court_fee, false);
  cases.back().obligations.push_back(cases.back().obligations[0]);
  cases.back().obligations[1].id = "o2";
  cases.back().obligations[1].kind = model::ObligationKind::refund;
  Tally tally(regime, kYear2024, Grouping::kind);
  for (const auto& c : cases) tally.add(c);
  const Statistics s = tally.finish();
  ASSERT_EQ(s.rows.size(), 4U);
  const auto moi = *regime.column_index("moi");
  EXPECT_EQ(s.rows[0].label, "Phạt tiền, truy thu, án phí, lệ phí Tòa án");
  EXPECT_EQ(s.rows[0].figures[moi], (Figure{1, 1'000'000}));
  EXPECT_EQ(s.rows[1].label, "Trả lại tiền, tài sản cho đương sự");
  EXPECT_EQ(s.rows[1].figures[moi], (Figure{1, 2'000'000}));
  EXPECT_EQ(s.rows[2].label, "Giữa các đương sự");
  EXPECT_EQ(s.rows[2].figures[moi], (Figure{1, 3'000'000}));
  EXPECT_EQ(s.rows[3].label, "Quyết định gồm nhiều loại việc");
  EXPECT_EQ(s.rows[3].figures[moi], (Figure{1, 8'000'000}));
}

TEST(Statistics, TheRegimeInForceOnThePeriodsLastDay) {
  EXPECT_EQ(regime_on("2024-07-26").id, "tt-05-2024");
  EXPECT_EQ(regime_on("2024-07-25").id, "tt-06-2019");
  EXPECT_EQ(law().statistics.regime_on(day("2019-01-01")), nullptr);
  // The older regime has no thu hồi column and does not split chưa có điều kiện.
  EXPECT_EQ(regime_on("2023-09-30").find_column("thu-hoi"), nullptr);
}

TEST(Statistics, StatisticsYearsAndTheirCumulativePeriods) {
  EXPECT_EQ(statistics_period(2024, 3)->from, day("2023-10-01"));
  EXPECT_EQ(statistics_period(2024, 3)->to, day("2023-12-31"));
  EXPECT_EQ(statistics_period(2024, 6)->to, day("2024-03-31"));
  EXPECT_EQ(statistics_period(2024, 10)->to, day("2024-07-31"));
  EXPECT_EQ(statistics_period(2024, 12)->to, day("2024-09-30"));
  EXPECT_FALSE(statistics_period(2024, 9));
}

TEST(Statistics, RatesRoundHalfUpToTwoDecimals) {
  EXPECT_EQ(rate_hundredths(5287, 10000), 5287);
  EXPECT_EQ(rate_hundredths(1, 3), 3333);
  EXPECT_EQ(rate_hundredths(2, 3), 6667);
  EXPECT_EQ(rate_hundredths(1, 8), 1250);
  EXPECT_EQ(rate_hundredths(0, 0), std::nullopt);
}

TEST(Statistics, RowsByOfficerAndByKindAddUpToTheTotal) {
  const auto& regime = regime_on("2024-09-30");
  auto cases = hand_register();
  for (std::size_t i = 0; i < cases.size(); i += 2) cases[i].officers[0].name.value = "Lò Thị Nga";
  // By kind: the same kind of obligation, but chủ động and theo yêu cầu (between parties) are rows of their own.
  for (std::size_t i = 1; i < cases.size(); i += 2) cases[i].obligations[0].creditor_id = "d";
  for (const Grouping grouping : {Grouping::officer, Grouping::kind}) {
    Tally tally(regime, kYear2024, grouping);
    for (const auto& c : cases) tally.add(c);
    const Statistics s = tally.finish();
    ASSERT_EQ(s.rows.size(), 2U);
    for (std::size_t c = 0; c < regime.columns.size(); ++c) {
      Figure sum;
      for (const auto& row : s.rows) {
        sum.cases += row.figures[c].cases;
        sum.money += row.figures[c].money;
      }
      EXPECT_EQ(sum, s.total.figures[c]) << regime.columns[c].id;
    }
  }
}

TEST(Statistics, MonthsArePeriodsOfTheirOwn) {
  const auto& regime = regime_on("2024-09-30");
  Tally tally(regime, kYear2024, Grouping::month);
  for (const auto& c : hand_register()) tally.add(c);
  const Statistics s = tally.finish();
  ASSERT_EQ(s.rows.size(), 12U);
  EXPECT_EQ(s.rows.front().label, "Tháng 10/2023");
  EXPECT_EQ(s.rows.back().label, "Tháng 9/2024");
  // September 2024 as a period: C, carried over from August, is paid in full on its last day; nothing is decided.
  const auto& september = s.rows.back();
  EXPECT_EQ(september.figures[*regime.column_index("thi-hanh-xong")].cases, 1);
  EXPECT_EQ(september.figures[*regime.column_index("moi")].cases, 0);
  EXPECT_TRUE(s.failed_checks().empty());
}

// ---- the property: every sum adds up -------------------------------------------------------------

// A register of `count` cases with random modes, dates, amounts, payments (some beyond what is owed), verifications,
// postponements, suspensions, terminations, delegations, withdrawals, returned requests, resumptions, the separate
// register, remissions and recorded statuses.
std::vector<model::Case> random_register(std::size_t count, std::uint32_t seed) {
  std::mt19937 random(seed);
  const auto pick = [&](int below) { return static_cast<int>(random() % static_cast<unsigned>(below)); };
  const Date start = day("2022-06-01");
  const auto some_day = [&] { return start.plus_days(pick(1000)); };
  std::vector<model::Case> cases;
  static const char* kOfficers[] = {"Phạm Quốc Khánh", "Lò Thị Nga", "Đinh Văn Ước"};
  for (std::size_t i = 0; i < count; ++i) {
    const std::int64_t amount = pick(10) == 0 ? kNoMoney : 100'000 * (1 + pick(500));
    const Date decided = some_day();
    const std::string decided_iso = decided.to_iso();
    model::Case c = make_case("C" + std::to_string(i), pick(3) == 0 ? kOnRequest : kExOfficio,
                              pick(20) == 0 ? std::nullopt : std::optional<const char*>(decided_iso.c_str()), amount,
                              {}, kOfficers[pick(3)]);
    const int events = pick(6);
    for (int e = 0; e < events; ++e) {
      const std::string when = decided.plus_days(pick(400)).to_iso();
      switch (pick(13)) {
        case 0:
        case 1: c.enforcement.events.push_back(payment(when.c_str(), 50'000 * (1 + pick(400)))); break;
        case 2:
          c.enforcement.events.push_back(
              verification(when.c_str(), pick(2) == 0 ? model::MeansResult::no_means : model::MeansResult::has_means));
          break;
        case 3: c.enforcement.events.push_back(event(model::EventKind::postponed, when.c_str())); break;
        case 4: c.enforcement.events.push_back(event(model::EventKind::suspended, when.c_str())); break;
        case 5: c.enforcement.events.push_back(event(model::EventKind::terminated, when.c_str())); break;
        case 6: c.enforcement.events.push_back(event(model::EventKind::no_means_decision, when.c_str())); break;
        case 7: c.enforcement.events.push_back(event(model::EventKind::delegated_out, when.c_str())); break;
        case 8:
          c.enforcement.events.push_back(
              event(pick(2) == 0 ? model::EventKind::withdrawn : model::EventKind::cancelled, when.c_str()));
          break;
        case 9: c.enforcement.events.push_back(event(model::EventKind::resumed, when.c_str())); break;
        case 10:
          c.enforcement.events.push_back(
              event(pick(3) == 0 ? model::EventKind::from_separate_register : model::EventKind::to_separate_register,
                    when.c_str()));
          break;
        case 11: c.enforcement.events.push_back(event(model::EventKind::request_returned, when.c_str())); break;
        default: break;  // a remission, below
      }
    }
    // At most one remission, of no more than what remains on its day (the court remits only what is unpaid).
    if (amount != kNoMoney && pick(4) == 0) {
      const Date when = decided.plus_days(pick(400));
      const auto ledger = model::Ledger::of(c, when);
      const std::int64_t left = ledger.outstanding(c.obligations[0])->dong;
      if (pick(2) == 0)
        c.enforcement.events.push_back(remission(when.to_iso().c_str(), model::RemissionKind::exemption, {}));
      else if (left > 0)
        c.enforcement.events.push_back(
            remission(when.to_iso().c_str(), model::RemissionKind::reduction, 1 + pick(static_cast<int>(left))));
    }
    if (pick(4) == 0) {
      model::Status status;
      status.as_of = decided.plus_days(pick(500));
      status.condition = pick(3) == 0 ? model::MeansResult::no_means : model::MeansResult::has_means;
      status.result = static_cast<model::StatusResult>(pick(8));
      status.separate_register = status.condition == model::MeansResult::no_means && pick(2) == 0;
      c.enforcement.status = status;
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

TEST(Statistics, EverySumAddsUpOverGeneratedRegisters) {
  const Period periods[] = {*statistics_period(2024, 3), *statistics_period(2024, 12), *statistics_period(2023, 12),
                            Period{day("2024-02-29"), day("2024-02-29")}};
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    const auto cases = random_register(60, seed);
    for (const auto& period : periods) {
      const auto* regime = law().statistics.regime_on(period.to);
      ASSERT_NE(regime, nullptr);
      for (const Grouping grouping : {Grouping::none, Grouping::officer, Grouping::month}) {
        Tally tally(*regime, period, grouping);
        for (const auto& c : cases) tally.add(c);
        const Statistics s = tally.finish();
        const auto failed = s.failed_checks();
        EXPECT_TRUE(failed.empty()) << "seed " << seed << ", " << regime->id << ": "
                                    << (failed.empty() ? ""
                                                       : regime->columns[failed.front().check->column].id + " of " +
                                                             failed.front().row);
        // Every counted case has exactly one intake and one outcome; money owed splits into paid, remitted and rest.
        std::int64_t intake_cases = 0, outcome_cases = 0, intake_money = 0, outcome_money = 0;
        for (std::size_t c = 0; c < regime->columns.size(); ++c) {
          const auto& column = regime->columns[c];
          if (column.kind == rules::Column::Kind::intake) {
            intake_cases += s.total.figures[c].cases;
            intake_money += s.total.figures[c].money;
          } else if (column.kind == rules::Column::Kind::outcome) {
            outcome_cases += s.total.figures[c].cases;
            outcome_money += s.total.figures[c].money;
          }
        }
        EXPECT_EQ(intake_cases, static_cast<std::int64_t>(s.cases_counted));
        EXPECT_EQ(outcome_cases, intake_cases);
        EXPECT_EQ(outcome_money, intake_money);
        for (const auto& figure : s.total.figures) EXPECT_GE(figure.money, 0);
      }
    }
  }
}

}  // namespace
}  // namespace vanban::reports
