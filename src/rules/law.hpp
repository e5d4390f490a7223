#pragma once
// Everything the law contributes: the regimes by date, the working-day calendar and the statistics' counting rules.

#include "rules/calendar.hpp"
#include "rules/law_book.hpp"
#include "rules/statistics.hpp"

namespace vanban::rules {

struct Law {
  LawBook regimes;
  Calendar calendar;
  StatisticsBook statistics;  ///< rules/statistics.xml
};

}  // namespace vanban::rules
