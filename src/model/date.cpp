#include "model/date.hpp"

#include <cstdio>

namespace vanban::model {

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

std::optional<Date> Date::from_ymd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
    return std::nullopt;
  return Date(year, month, day);
}

std::optional<Date> Date::parse_iso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (std::size_t i = 0; i < lengths[p]; ++i) {
      const char c = text[starts[p] + i];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  return from_ymd(parts[0], parts[1], parts[2]);
}

std::optional<Date> Date::parse(std::string_view text) {
  if (text.find('/') == std::string_view::npos) return parse_iso(text);
  int parts[3] = {0, 0, 0};
  std::size_t digits[3] = {0, 0, 0};
  std::size_t part = 0;
  for (const char c : text) {
    if (c == '/') {
      if (++part > 2) return std::nullopt;
    } else if (c >= '0' && c <= '9') {
      parts[part] = parts[part] * 10 + (c - '0');
      ++digits[part];
    } else {
      return std::nullopt;
    }
  }
  if (part != 2 || digits[0] < 1 || digits[0] > 2 || digits[1] < 1 || digits[1] > 2 || digits[2] != 4)
    return std::nullopt;
  return from_ymd(parts[2], parts[1], parts[0]);
}

// Days from civil, after H. Hinnant's public-domain algorithm.
std::int64_t Date::days() const {
  const std::int64_t y = year_ - (month_ <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (month_ + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + day_ - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return Date(static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
}

int Date::weekday() const {
  const std::int64_t d = days();
  return static_cast<int>(d >= -4 ? (d + 4) % 7 : (d + 5) % 7 + 6);
}

Date Date::plus_days(std::int64_t count) const { return from_days(days() + count); }

std::string Date::to_iso() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year_, month_, day_);
  return buffer;
}

std::string Date::to_dmy() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d", day_, month_, year_);
  return buffer;
}

}  // namespace vanban::model
