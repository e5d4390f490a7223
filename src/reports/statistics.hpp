#pragma once
// The enforcement statistics (báo cáo thống kê): each case as it stood at the end of a period (model::Ledger),
// counted by the rules of the statistics regime in force (rules/statistics.xml) into the columns of the legal form,
// in việc and in tiền. Pure functions: no I/O, no clock.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/case.hpp"
#include "model/money.hpp"
#include "rules/statistics.hpp"

namespace vanban::reports {

/// A reporting period, both days included.
struct Period {
  model::Date from;
  model::Date to;
};

/// The cumulative period of the statistics year `year` (01/10 of the year before to 30/09) that is `months` long:
/// 3 ends on 31/12, 6 on 31/3, 10 on 31/7, 12 on 30/9 (DOMAIN.md §4); nullopt for another length or year.
std::optional<Period> statistics_period(int year, int months);

/// How a case counts in a period.
struct CaseCount {
  bool counted = false;  ///< false: decided after the period, never decided, or closed before it
  rules::Intake intake = rules::Intake::carried_over;
  std::size_t outcome = 0;  ///< index into the regime's outcomes
  model::Money owed;        ///< owed at the start of the period (for a case decided in it: its amounts less
                            ///< anything paid before the period)
  model::Money paid;        ///< paid during the period, each obligation capped at what it owed
  model::Money remitted;    ///< exempted or reduced by the court during the period
  model::Money rest;        ///< still owed at the end of the period (owed = paid + remitted + rest)
  rules::FactSet facts;     ///< the facts the outcome was decided on
};

/// The facts of a case as it stood at the end of `as_of` (its model::Ledger), with "paid-in-period" meaning paid after
/// `since` (nullopt: ever).
rules::FactSet facts_of(const model::Case& the_case, model::Date as_of, std::optional<model::Date> since);

/// The outcome of a case with these facts: the first of the regime's outcomes whose condition holds.
std::size_t outcome_of(const rules::StatisticsRegime& regime, const rules::FactSet& facts);

/// How `the_case` counts in `period` under `regime`.
CaseCount count_case(const model::Case& the_case, const Period& period, const rules::StatisticsRegime& regime);

/// A column's figures: việc and tiền (đồng).
struct Figure {
  std::int64_t cases = 0;
  std::int64_t money = 0;
  friend bool operator==(const Figure&, const Figure&) = default;
};

/// One line of the report: the whole office, or one unit (an officer, a kind of enforcement, a month).
struct Row {
  std::string key;
  std::string label;
  std::vector<Figure> figures;  ///< one per column of the regime
};

/// How the rows of a report are made.
enum class Grouping { none, officer, kind, month };

/// A rate in hundredths of a percent (5287 = 52,87 %), nullopt when the denominator is zero.
struct RateValue {
  const rules::Rate* rate = nullptr;
  std::optional<std::int64_t> hundredths;
};

/// A sum of the rules that did not add up (a fault in rules/statistics.xml, never in a register).
struct FailedCheck {
  const rules::Check* check = nullptr;
  std::string row;
  rules::Measure measure = rules::Measure::cases;
  std::int64_t column = 0;
  std::int64_t terms = 0;
};

/// A finished report.
struct Statistics {
  const rules::StatisticsRegime* regime = nullptr;
  Period period;
  Grouping grouping = Grouping::none;
  Row total;              ///< the whole office over the whole period
  std::vector<Row> rows;  ///< by unit, ordered by key (months in order); empty without a grouping
  std::size_t cases_read = 0;
  std::size_t cases_counted = 0;

  /// The rates of one row.
  [[nodiscard]] std::vector<RateValue> rates(const Row& row) const;
  /// Every check of the regime over the total and every row: empty when every sum adds up.
  [[nodiscard]] std::vector<FailedCheck> failed_checks() const;
};

/// Counts cases one at a time (a register can be read as a stream), then finishes the report.
class Tally {
 public:
  /// A tally of `period` under `regime`, rows made by `grouping`.
  Tally(const rules::StatisticsRegime& regime, Period period, Grouping grouping);
  /// Counts one case (the case need not outlive the call).
  void add(const model::Case& the_case);
  /// The report: formula columns computed, rows ordered.
  [[nodiscard]] Statistics finish() const;

 private:
  void add_to(Row& row, const CaseCount& count) const;
  Row& row_for(const std::string& key, const std::string& label);

  const rules::StatisticsRegime* regime_;
  Period period_;
  Grouping grouping_;
  Row total_;
  std::map<std::string, Row> rows_;
  std::size_t read_ = 0;
  std::size_t counted_ = 0;
};

/// The rate of `numerator` over `denominator` in hundredths of a percent, rounded half up; nullopt when zero.
std::optional<std::int64_t> rate_hundredths(std::int64_t numerator, std::int64_t denominator);

}  // namespace vanban::reports
