#pragma once
// What is late today: every step of a case that the law gives a time limit and that is not done yet, due under the
// law in force on the step's trigger date (rules/law.xml, counted in working days by rules/calendar.xml); and the
// candidates supervisors ask for (miễn, giảm; a mortgaged asset held by a credit institution). Pure functions.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/case.hpp"
#include "rules/law.hpp"

namespace vanban::reports {

/// One step that is due (or a candidate to act on), with the document that drafts it.
struct Deadline {
  std::string case_id;
  std::string debtor;  ///< the debtors' names, joined by "; "
  std::string step;    ///< stable id: "decision", "notification", "first-verification", …
  std::string label;   ///< what to do, in Vietnamese
  model::Date trigger;
  model::Date due;
  std::int64_t days = 0;      ///< due − the date asked about: negative when late
  std::string basis;          ///< the article that sets the time limit or the rule
  bool confirmed = true;      ///< false when that limit is UNCONFIRMED for the regime
  std::string officer;        ///< the chấp hành viên's name
  std::string template_name;  ///< the template that drafts the next document ("" when none does)
  bool candidate = false;     ///< a candidate (miễn, giảm; persuasion), not a time limit
  bool unrecorded = false;    ///< the case format cannot record that this step was done: shown only before it is due
  std::size_t order = 0;      ///< the step's place in a case's sequence, to order steps due the same day
};

/// The steps of `the_case` not done by the end of `as_of`, each with its due date, and the candidates on that date.
/// A step whose trigger date no regime covers is left out.
std::vector<Deadline> deadlines_of(const model::Case& the_case, model::Date as_of, const rules::Law& law);

/// What orders a list: the earliest due date (the most overdue) first, then the case id, then the step's place in its
/// case's sequence.
struct DeadlineKey {
  model::Date due;
  std::string_view case_id;
  std::size_t order = 0;

  /// Whether this key comes before `other` in a list.
  [[nodiscard]] bool operator<(const DeadlineKey& other) const;
};

/// A deadline's key (it views the deadline's case id).
DeadlineKey key_of(const Deadline& deadline);

/// The order of a list: key_of(a) before key_of(b).
bool sooner(const Deadline& a, const Deadline& b);

/// The steps that are overdue or due within `within` working days after `as_of` (an unrecorded step only while it is
/// not past due), most overdue first, then by case id and the order of the steps.
std::vector<Deadline> select_due(std::vector<Deadline> all, model::Date as_of, int within,
                                 const rules::Calendar& calendar);

/// Every template the steps name, for a check that each exists.
std::vector<std::string_view> deadline_templates();

}  // namespace vanban::reports
