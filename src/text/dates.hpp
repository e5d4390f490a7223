#pragma once
// Dates as Nghị định 30/2020 writes them.

#include <string>

namespace vanban::text {

/// "ngày 05 tháng 3 năm 2024": leading zero only for days below 10 and months 1–2.
std::string long_date(int year, int month, int day);

/// "05/3/2024", with the same leading-zero rule, where forms use the short form.
std::string short_date(int year, int month, int day);

/// Day and month with the Nghị định 30 leading-zero rule: (5, 3) → "05", "3"; (15, 1) → "15", "01".
std::string nd30_day(int day);
std::string nd30_month(int month);

}  // namespace vanban::text
