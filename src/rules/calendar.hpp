#pragma once
// Working days of Vietnamese state agencies, for time limits in "ngày làm việc", and the legal way a period
// counted in days ends (Bộ luật Dân sự Điều 147–148: it starts the day after the event; a last day that is
// a day off moves to the next working day).

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "base/diagnostics.hpp"
#include "model/date.hpp"
#include "rules/law_book.hpp"

namespace vanban::rules {

class Calendar {
 public:
  /// Parses rules/calendar.xml; nullopt with diagnostics when it is wrong.
  static std::optional<Calendar> parse(std::string_view bytes, const FileName& file, Diagnostics& diagnostics);

  /// Whether state agencies work that day (weekends and holidays off; announced make-up days worked).
  [[nodiscard]] bool is_working_day(model::Date date) const;
  /// The name of the holiday or day off, or "" for a working day or a plain weekend.
  [[nodiscard]] std::string day_off_name(model::Date date) const;
  /// The `count`-th working day after `start` (count ≥ 1).
  [[nodiscard]] model::Date add_working_days(model::Date start, int count) const;
  /// The next working day on or after `date`.
  [[nodiscard]] model::Date next_working_day(model::Date date) const;
  /// The last day of a time limit that starts the day after `event`, moved past days off.
  [[nodiscard]] model::Date deadline(model::Date event, const TimeLimit& limit) const;
  /// Whether the year's lunar holidays and swaps are listed (otherwise only fixed holidays are known).
  [[nodiscard]] bool covers(int year) const { return years_.count(year) != 0; }

 private:
  std::set<int> weekend_;                             ///< 0 = Sunday … 6 = Saturday
  std::map<std::pair<int, int>, std::string> fixed_;  ///< (month, day) → name
  std::map<std::int64_t, std::string> off_;           ///< days since epoch → name
  std::set<std::int64_t> worked_;                     ///< make-up working days
  std::set<int> years_;
};

}  // namespace vanban::rules
