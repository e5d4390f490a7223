#include "reports/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "model/ledger.hpp"

namespace vanban::reports {

using rules::CaseFact;

std::optional<Period> statistics_period(int year, int months) {
  if (year < 2 || year > 9999) return std::nullopt;
  const auto from = model::Date::from_ymd(year - 1, 10, 1);
  std::optional<model::Date> to;
  switch (months) {
    case 3: to = model::Date::from_ymd(year - 1, 12, 31); break;
    case 6: to = model::Date::from_ymd(year, 3, 31); break;
    case 10: to = model::Date::from_ymd(year, 7, 31); break;
    case 12: to = model::Date::from_ymd(year, 9, 30); break;
    default: return std::nullopt;
  }
  if (!from || !to) return std::nullopt;
  return Period{*from, *to};
}

namespace {

// What each money obligation had paid, had remitted and still owed by the end of one day (model::Ledger's figures).
struct MoneyState {
  model::Money paid;      ///< capped per obligation at its amount less what the court remitted
  model::Money remitted;  ///< exempted or reduced: the amount less what was paid (capped) and what remains
  model::Money rest;      ///< outstanding, never below zero
  bool money = false;
};

MoneyState money_state(const model::Ledger& ledger) {
  MoneyState state;
  for (const auto& obligation : ledger.the_case().obligations) {
    if (!obligation.amount) continue;
    state.money = true;
    const model::Money payable = std::max(*obligation.amount - ledger.remitted(obligation), model::Money{});
    const model::Money paid = std::min(ledger.paid(obligation.id), payable);
    const model::Money rest = ledger.outstanding(obligation).value_or(model::Money{});
    state.paid += paid;
    state.remitted += *obligation.amount - paid - rest;
    state.rest += rest;
  }
  return state;
}

void set(rules::FactSet& facts, CaseFact fact, bool value) { facts.set(static_cast<std::size_t>(fact), value); }

// Whether the court granted a remission of `kind` on or before the ledger's date.
bool remitted_by(const model::Ledger& ledger, model::RemissionKind kind) {
  return std::any_of(ledger.events().begin(), ledger.events().end(), [&](const model::Event* event) {
    return event->kind == model::EventKind::remission && event->remission == kind;
  });
}

rules::FactSet facts_from(const model::Ledger& end, const MoneyState& at_end, std::optional<model::Money> paid_before) {
  rules::FactSet facts;
  const auto& enforcement = end.the_case().enforcement;
  set(facts, CaseFact::ex_officio, enforcement.mode == model::EnforcementMode::ex_officio);
  set(facts, CaseFact::on_request, enforcement.mode == model::EnforcementMode::on_request);
  set(facts, CaseFact::has_means, end.condition() == model::MeansResult::has_means);
  set(facts, CaseFact::no_means, end.condition() == model::MeansResult::no_means);
  set(facts, CaseFact::completed, end.result() == model::StatusResult::completed);
  set(facts, CaseFact::terminated, end.result() == model::StatusResult::terminated);
  set(facts, CaseFact::in_progress, end.result() == model::StatusResult::in_progress);
  set(facts, CaseFact::postponed, end.result() == model::StatusResult::postponed);
  set(facts, CaseFact::suspended, end.result() == model::StatusResult::suspended);
  set(facts, CaseFact::money, at_end.money);
  set(facts, CaseFact::owes, at_end.rest.dong > 0);
  set(facts, CaseFact::paid_in_period, at_end.paid > paid_before.value_or(model::Money{}));
  set(facts, CaseFact::delegated_out, end.result() == model::StatusResult::delegated);
  set(facts, CaseFact::withdrawn, end.result() == model::StatusResult::withdrawn);
  set(facts, CaseFact::returned, end.result() == model::StatusResult::returned);
  set(facts, CaseFact::reduced, remitted_by(end, model::RemissionKind::reduction));
  set(facts, CaseFact::exempted, remitted_by(end, model::RemissionKind::exemption));
  set(facts, CaseFact::separate_register, end.separate_register());
  return facts;
}

}  // namespace

rules::FactSet facts_of(const model::Case& the_case, model::Date as_of, std::optional<model::Date> since) {
  const auto end = model::Ledger::of(the_case, as_of);
  std::optional<model::Money> paid_before;
  if (since) paid_before = money_state(model::Ledger::of(the_case, *since)).paid;
  return facts_from(end, money_state(end), paid_before);
}

std::size_t outcome_of(const rules::StatisticsRegime& regime, const rules::FactSet& facts) {
  for (std::size_t i = 0; i < regime.outcomes.size(); ++i)
    if (regime.outcomes[i].when.holds(facts)) return i;
  return regime.outcomes.empty() ? 0 : regime.outcomes.size() - 1;  // the last is "always"
}

CaseCount count_case(const model::Case& the_case, const Period& period, const rules::StatisticsRegime& regime) {
  CaseCount count;
  const auto& decision = the_case.enforcement.decision;
  // One quyết định thi hành án = one việc: a case without one, or decided after the period, does not exist yet.
  if (!decision || decision->date > period.to) return count;
  const model::Date eve = period.from.plus_days(-1);
  const auto before = model::Ledger::of(the_case, eve);
  const MoneyState at_eve = money_state(before);
  if (decision->date < period.from) {
    // Carried over only when on the period's eve the case had an outcome that carries (not closed, not set aside).
    const rules::FactSet eve_facts = facts_from(before, at_eve, std::nullopt);
    if (!regime.outcomes.empty() && !regime.outcomes[outcome_of(regime, eve_facts)].carries) return count;
    count.intake = rules::Intake::carried_over;
  } else {
    count.intake = the_case.enforcement.mode == model::EnforcementMode::ex_officio ? rules::Intake::new_ex_officio
                                                                                   : rules::Intake::new_on_request;
  }
  const auto end = model::Ledger::of(the_case, period.to);
  const MoneyState at_end = money_state(end);
  count.counted = true;
  count.facts = facts_from(end, at_end, at_eve.paid);
  count.outcome = outcome_of(regime, count.facts);
  count.owed = at_eve.rest;
  count.paid = at_end.paid - at_eve.paid;
  count.remitted = at_end.remitted - at_eve.remitted;
  count.rest = at_end.rest;
  return count;
}

std::optional<std::int64_t> rate_hundredths(std::int64_t numerator, std::int64_t denominator) {
  if (denominator == 0) return std::nullopt;
  const long double value = static_cast<long double>(numerator) * 10000.0L / static_cast<long double>(denominator);
  return static_cast<std::int64_t>(std::floor(value + 0.5L));
}

// ---- the tally ----------------------------------------------------------------------------------

Tally::Tally(const rules::StatisticsRegime& regime, Period period, Grouping grouping)
    : regime_(&regime), period_(period), grouping_(grouping) {
  total_.key = "";
  total_.label = "Tổng số";
  total_.figures.assign(regime.columns.size(), Figure{});
}

Row& Tally::row_for(const std::string& key, const std::string& label) {
  auto [it, added] = rows_.try_emplace(key);
  if (added) {
    it->second.key = key;
    it->second.label = label;
    it->second.figures.assign(regime_->columns.size(), Figure{});
  }
  return it->second;
}

void Tally::add_to(Row& row, const CaseCount& count) const {
  for (std::size_t c = 0; c < regime_->columns.size(); ++c) {
    const rules::Column& column = regime_->columns[c];
    Figure& figure = row.figures[c];
    if (column.kind == rules::Column::Kind::intake && column.intake == count.intake) {
      figure.cases += 1;
      figure.money += count.owed.dong;
    } else if (column.kind == rules::Column::Kind::outcome) {
      if (column.outcome == count.outcome) figure.cases += 1;
      // What remains counts with the case's outcome, or where the rules put a case delegated out (ủy thác đi).
      const bool delegated = count.facts.test(static_cast<std::size_t>(CaseFact::delegated_out));
      if (column.outcome == (delegated ? regime_->delegated_outcome : count.outcome)) figure.money += count.rest.dong;
      // Money collected (thi hành xong) and money remitted (giảm) in the period count where the rules say, whatever
      // the case's outcome.
      if (column.outcome == regime_->paid_outcome) figure.money += count.paid.dong;
      if (column.outcome == regime_->remitted_outcome) figure.money += count.remitted.dong;
    }
  }
}

namespace {

std::string month_key(int year, int month) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  return buffer;
}

// The row of a case by the kind of enforcement of its obligations (khoản 2 Điều 36 Luật 2008: a–e, then between
// parties); a decision of several kinds is a row of its own, and one without an obligation another.
std::pair<std::string, std::string> kind_row(const model::Case& the_case) {
  std::optional<model::EnforcementKind> kind;
  for (const auto& obligation : the_case.obligations) {
    const auto each = model::enforcement_kind(obligation);
    if (kind && *kind != each) return {"8", "Quyết định gồm nhiều loại việc"};
    kind = each;
  }
  if (!kind) return {"9", "Khác"};
  switch (*kind) {
    case model::EnforcementKind::state_payment: return {"1", "Phạt tiền, truy thu, án phí, lệ phí Tòa án"};
    case model::EnforcementKind::refund: return {"2", "Trả lại tiền, tài sản cho đương sự"};
    case model::EnforcementKind::confiscation: return {"3", "Tịch thu sung quỹ, tiêu hủy, các khoản thu khác"};
    case model::EnforcementKind::land_recovery: return {"4", "Thu hồi quyền sử dụng đất, tài sản sung quỹ"};
    case model::EnforcementKind::interim_measure: return {"5", "Biện pháp khẩn cấp tạm thời"};
    case model::EnforcementKind::bankruptcy: return {"6", "Quyết định giải quyết phá sản"};
    case model::EnforcementKind::between_parties: break;
  }
  return {"7", "Giữa các đương sự"};
}

}  // namespace

void Tally::add(const model::Case& the_case) {
  ++read_;
  const CaseCount count = count_case(the_case, period_, *regime_);
  if (count.counted) {
    ++counted_;
    add_to(total_, count);
  }
  switch (grouping_) {
    case Grouping::none: break;
    case Grouping::officer: {
      if (!count.counted) break;
      // Officer ids are per case ("chv" in every case of a register): the card number, else the name, is the person.
      const model::Officer* officer = the_case.find_officer(the_case.enforcement.officer_id);
      const std::string label = officer ? officer->name.value : the_case.enforcement.officer_id;
      const std::string key = officer && officer->card ? officer->card->value : label;
      add_to(row_for(key, label), count);
      break;
    }
    case Grouping::kind: {
      if (!count.counted) break;
      const auto [key, label] = kind_row(the_case);
      add_to(row_for(key, label), count);
      break;
    }
    case Grouping::month: {
      // Each month of the period as a period of its own.
      for (model::Date start = period_.from; start <= period_.to;) {
        const int last = model::days_in_month(start.year(), start.month());
        const model::Date month_end = std::min(*model::Date::from_ymd(start.year(), start.month(), last), period_.to);
        const CaseCount monthly = count_case(the_case, Period{start, month_end}, *regime_);
        Row& row = row_for(month_key(start.year(), start.month()),
                           "Tháng " + std::to_string(start.month()) + "/" + std::to_string(start.year()));
        if (monthly.counted) add_to(row, monthly);
        start = month_end.plus_days(1);
      }
      break;
    }
  }
}

Statistics Tally::finish() const {
  Statistics out;
  out.regime = regime_;
  out.period = period_;
  out.grouping = grouping_;
  out.cases_read = read_;
  out.cases_counted = counted_;
  const auto compute = [this](Row row) {
    for (const std::size_t c : regime_->formula_order) {
      Figure sum;
      for (const auto& term : regime_->columns[c].terms) {
        const Figure& part = row.figures[term.column];
        sum.cases += term.minus ? -part.cases : part.cases;
        sum.money += term.minus ? -part.money : part.money;
      }
      row.figures[c] = sum;
    }
    return row;
  };
  out.total = compute(total_);
  for (const auto& [key, row] : rows_) out.rows.push_back(compute(row));
  return out;
}

std::vector<RateValue> Statistics::rates(const Row& row) const {
  std::vector<RateValue> out;
  for (const auto& rate : regime->rates) {
    const Figure& n = row.figures[rate.numerator];
    const Figure& d = row.figures[rate.denominator];
    out.push_back(rate.of == rules::Measure::cases ? RateValue{&rate, rate_hundredths(n.cases, d.cases)}
                                                   : RateValue{&rate, rate_hundredths(n.money, d.money)});
  }
  return out;
}

std::vector<FailedCheck> Statistics::failed_checks() const {
  std::vector<FailedCheck> failed;
  const auto verify = [&](const Row& row) {
    for (const auto& check : regime->checks) {
      Figure sum;
      for (const auto& term : check.terms) {
        const Figure& part = row.figures[term.column];
        sum.cases += term.minus ? -part.cases : part.cases;
        sum.money += term.minus ? -part.money : part.money;
      }
      const Figure& column = row.figures[check.column];
      if (column.cases != sum.cases)
        failed.push_back({&check, row.label, rules::Measure::cases, column.cases, sum.cases});
      if (column.money != sum.money)
        failed.push_back({&check, row.label, rules::Measure::money, column.money, sum.money});
    }
  };
  verify(total);
  for (const auto& row : rows) verify(row);
  return failed;
}

}  // namespace vanban::reports
