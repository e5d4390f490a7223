#pragma once
// Everything the law contributes to a document: the regimes by date and the working-day calendar.

#include "rules/calendar.hpp"
#include "rules/law_book.hpp"

namespace vanban::rules {

struct Law {
  LawBook regimes;
  Calendar calendar;
};

}  // namespace vanban::rules
