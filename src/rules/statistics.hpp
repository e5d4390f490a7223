#pragma once
// The counting rules of the enforcement statistics as data (rules/statistics.xml), keyed by the date a statistics
// regime took effect: the outcomes a case can have at the end of a period (first rule that holds), the columns of the
// legal form in their order, the rates and the sums that must add up. The reports module applies them.

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "model/date.hpp"

namespace vanban::rules {

/// What the counting rules may ask about a case as it stood at the end of a period.
enum class CaseFact : std::uint8_t {
  ex_officio,
  on_request,
  has_means,
  no_means,
  completed,
  terminated,
  in_progress,
  postponed,
  suspended,
  money,
  owes,
  paid_in_period,
  delegated_out,      ///< the whole decision was delegated out (ủy thác đi)
  withdrawn,          ///< the decision was withdrawn or cancelled (thu hồi, hủy)
  reduced,            ///< the court reduced an obligation (giảm)
  exempted,           ///< the court exempted an obligation (miễn)
  separate_register,  ///< the case is on the separate register (sổ theo dõi riêng)
  returned,           ///< the request was returned (trả đơn, gửi lại yêu cầu thi hành án)
};
inline constexpr std::size_t kCaseFactCount = 18;
using FactSet = std::bitset<kCaseFactCount>;

/// A fact's name in rules/statistics.xml ("paid-in-period").
struct CaseFactInfo {
  CaseFact fact;
  std::string_view name;
};
/// Every fact, in the order of the enum.
const std::vector<CaseFactInfo>& case_facts();

/// A condition over the facts of a case ("completed or (delegated-out and paid-in-period)"), compiled.
class Condition {
 public:
  /// Parses `text`; nullopt with the reason in `problem` (Vietnamese) when it is not a condition.
  static std::optional<Condition> parse(std::string_view text, std::string& problem);
  /// Whether the condition holds for a case with `facts`.
  [[nodiscard]] bool holds(const FactSet& facts) const;
  /// Whether the condition is the catch-all "always".
  [[nodiscard]] bool always() const { return program_.size() == 1 && program_.front().op == Op::always; }

 private:
  enum class Op : std::uint8_t { fact, always, negate, both, either };
  struct Step {
    Op op = Op::always;
    CaseFact fact = CaseFact::ex_officio;
  };
  std::vector<Step> program_;  ///< postfix
};

/// Where a case came from in the period (fixed by dates and the enforcement mode, not by rules).
enum class Intake : std::uint8_t { carried_over, new_ex_officio, new_on_request };

/// What a case is at the end of the period: the first outcome whose condition holds.
struct Outcome {
  std::string id;
  std::string label;
  Condition when;
  bool carries = true;  ///< a case with this outcome on a period's eve is carried over into the period
  std::string basis;
  bool confirmed = true;
  SourceLoc loc;
};

/// A column term: + or − another column.
struct Term {
  std::size_t column = 0;
  bool minus = false;
};

/// One column of the legal form, counted in việc and in tiền alike.
struct Column {
  enum class Kind : std::uint8_t { intake, outcome, formula };
  std::string id;
  std::string number;  ///< as the form numbers it
  std::string label;
  Kind kind = Kind::formula;
  Intake intake = Intake::carried_over;  ///< kind intake
  std::size_t outcome = 0;               ///< kind outcome: index into the regime's outcomes
  std::vector<Term> terms;               ///< kind formula
  bool confirmed = true;
  SourceLoc loc;
};

enum class Measure : std::uint8_t { cases, money };

/// numerator ÷ denominator × 100 over one measure.
struct Rate {
  std::string id;
  std::string label;
  Measure of = Measure::cases;
  std::size_t numerator = 0;
  std::size_t denominator = 0;
  bool confirmed = true;
};

/// A sum that must add up: column = terms.
struct Check {
  std::size_t column = 0;
  std::vector<Term> terms;
  SourceLoc loc;
};

/// One statistics regime (Thông tư 05/2024/TT-BTP, …).
struct StatisticsRegime {
  std::string id;
  std::string name;
  std::string source;
  model::Date from;
  std::optional<model::Date> until;
  std::string form_code;
  std::string form_title;
  std::vector<Outcome> outcomes;
  std::size_t paid_outcome = 0;       ///< where money paid in the period is counted
  std::size_t remitted_outcome = 0;   ///< where money the court exempted or reduced in the period is counted
  std::size_t delegated_outcome = 0;  ///< where what remains of a case delegated out is counted
  std::vector<Column> columns;
  std::vector<std::size_t> formula_order;  ///< formula columns, each after the columns it sums
  std::vector<Rate> rates;
  std::vector<Check> checks;
  bool confirmed = true;
  SourceLoc loc;

  /// The column of that id, or nullptr.
  [[nodiscard]] const Column* find_column(std::string_view column_id) const;
  /// Its index, or nullopt.
  [[nodiscard]] std::optional<std::size_t> column_index(std::string_view column_id) const;
};

/// Every statistics regime, ordered by start date, without gaps or overlaps.
class StatisticsBook {
 public:
  /// Parses and checks rules/statistics.xml; nullopt with diagnostics (E0904) when it is wrong.
  static std::optional<StatisticsBook> parse(std::string_view bytes, const FileName& file, Diagnostics& diagnostics);

  /// The regime in force on `date`, or nullptr.
  [[nodiscard]] const StatisticsRegime* regime_on(model::Date date) const;
  [[nodiscard]] const std::vector<StatisticsRegime>& regimes() const { return regimes_; }

 private:
  std::vector<StatisticsRegime> regimes_;
};

}  // namespace vanban::rules
