#include "text/dates.hpp"

#include "text/numbers.hpp"

namespace vanban::text {

std::string nd30_day(int day) { return two_digits(day); }

std::string nd30_month(int month) { return month <= 2 ? two_digits(month) : std::to_string(month); }

std::string long_date(int year, int month, int day) {
  return "ngày " + nd30_day(day) + " tháng " + nd30_month(month) + " năm " + std::to_string(year);
}

std::string short_date(int year, int month, int day) {
  return nd30_day(day) + "/" + nd30_month(month) + "/" + std::to_string(year);
}

}  // namespace vanban::text
