#pragma once
// Internal to the xml module: the checks a schema cannot express, run on a case once it is read.

#include <optional>
#include <vector>

#include "base/diagnostics.hpp"
#include "model/case.hpp"

namespace vanban::xml {

/// A date as read, with where it was written; `date` is empty when the text was not a real date.
struct DateAt {
  std::optional<model::Date> date;
  SourceLoc loc;
};

/// Where the reader found the values the model keeps without a position of their own.
struct CaseLocations {
  std::vector<DateAt> judgment_dates;      ///< parallel to Case::judgments
  std::vector<DateAt> judgment_effective;  ///< parallel to Case::judgments; loc empty when absent
  std::vector<SourceLoc> birth_years;      ///< parallel to Case::parties; line 0 when absent
  std::vector<DateAt> event_dates;         ///< parallel to Enforcement::events
  std::vector<SourceLoc> payment_amounts;  ///< parallel to Enforcement::events; line 0 unless a payment
  std::vector<DateAt> event_until;         ///< parallel to Enforcement::events; a postponement's `until`
  std::vector<bool> amount_written;        ///< parallel to Case::obligations: an <amount> is there, valid or not
  DateAt received;
  DateAt request;
  DateAt decision;
  DateAt status;
};

/// Dates in a sane order, plausible birth years, CCCD/CMND numbers, payments within what is owed, roles that
/// fit the references. Impossible facts are errors; doubtful ones are warnings (codes in README.md).
void check_case(const model::Case& the_case, const CaseLocations& where, Diagnostics& diagnostics);

}  // namespace vanban::xml
