#include "sign/time.hpp"

#include <cstdio>

namespace vanban::sign {

namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

bool digits(std::string_view text, std::size_t at, std::size_t count, int& value) {
  if (at + count > text.size()) return false;
  value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

bool valid(const Moment& m) {
  return m.year >= 1900 && m.year <= 9999 && m.month >= 1 && m.month <= 12 && m.day >= 1 &&
         m.day <= days_in_month(m.year, m.month) && m.hour >= 0 && m.hour <= 23 && m.minute >= 0 && m.minute <= 59 &&
         m.second >= 0 && m.second <= 59 && m.offset_minutes >= -14 * 60 && m.offset_minutes <= 14 * 60;
}

std::string two(int value) {
  const auto v = static_cast<unsigned>(value) % 100U;
  return {static_cast<char>('0' + v / 10U), static_cast<char>('0' + v % 10U)};
}

}  // namespace

std::optional<Moment> Moment::parse_iso(std::string_view text) {
  Moment m;
  if (text.size() < 20 || !digits(text, 0, 4, m.year) || text[4] != '-' || !digits(text, 5, 2, m.month) ||
      text[7] != '-' || !digits(text, 8, 2, m.day) || (text[10] != 'T' && text[10] != ' ') ||
      !digits(text, 11, 2, m.hour) || text[13] != ':' || !digits(text, 14, 2, m.minute) || text[16] != ':' ||
      !digits(text, 17, 2, m.second))
    return std::nullopt;
  const std::string_view zone = text.substr(19);
  if (zone == "Z") {
    m.offset_minutes = 0;
  } else {
    int hours = 0;
    int minutes = 0;
    const bool colon = zone.size() == 6 && zone[3] == ':';
    if ((zone.size() != 5 && !colon) || (zone[0] != '+' && zone[0] != '-') || !digits(zone, 1, 2, hours) ||
        !digits(zone, colon ? 4 : 3, 2, minutes))
      return std::nullopt;
    m.offset_minutes = (zone[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  if (!valid(m)) return std::nullopt;
  return m;
}

std::optional<Moment> Moment::parse_pdf(std::string_view text) {
  if (text.substr(0, 2) == "D:") text.remove_prefix(2);
  Moment m;
  m.month = 1;
  m.day = 1;
  m.offset_minutes = 0;
  if (!digits(text, 0, 4, m.year)) return std::nullopt;
  int* const parts[] = {&m.month, &m.day, &m.hour, &m.minute, &m.second};
  std::size_t at = 4;
  for (int* part : parts) {
    if (at >= text.size() || text[at] < '0' || text[at] > '9') break;
    if (!digits(text, at, 2, *part)) return std::nullopt;
    at += 2;
  }
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    const int sign = text[at] == '-' ? -1 : 1;
    int hours = 0;
    int minutes = 0;
    if (!digits(text, at + 1, 2, hours)) return std::nullopt;
    std::size_t next = at + 3;
    if (next < text.size() && text[next] == '\'') ++next;
    if (next < text.size()) digits(text, next, 2, minutes);
    m.offset_minutes = sign * (hours * 60 + minutes);
  }
  if (!valid(m)) return std::nullopt;
  return m;
}

Moment Moment::from_unix(std::int64_t unix_seconds, int offset_minutes) {
  const std::int64_t local = unix_seconds + static_cast<std::int64_t>(offset_minutes) * 60;
  std::int64_t days = local / 86400;
  std::int64_t rest = local % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  // Civil date from days (inverse of days_from_civil).
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  Moment m;
  m.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  m.year = static_cast<int>(yoe + era * 400 + (m.month <= 2 ? 1 : 0));
  m.hour = static_cast<int>(rest / 3600);
  m.minute = static_cast<int>(rest % 3600 / 60);
  m.second = static_cast<int>(rest % 60);
  m.offset_minutes = offset_minutes;
  return m;
}

namespace {
// The date and time with `pattern`, then the offset as "Z" or sign, hours, `between`, minutes, `after`.
std::string format(const Moment& m, const char* pattern, const char* between, const char* after) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, pattern, m.year, m.month, m.day, m.hour, m.minute, m.second);
  const std::string out = buffer;
  if (m.offset_minutes == 0) return out + "Z";
  const int offset = m.offset_minutes < 0 ? -m.offset_minutes : m.offset_minutes;
  return out + (m.offset_minutes < 0 ? "-" : "+") + two(offset / 60) + between + two(offset % 60) + after;
}
}  // namespace

std::string Moment::iso8601() const { return format(*this, "%04d-%02d-%02dT%02d:%02d:%02d", ":", ""); }

std::string Moment::pdf_date() const { return format(*this, "D:%04d%02d%02d%02d%02d%02d", "'", "'"); }

std::int64_t Moment::unix_seconds() const {
  return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
         static_cast<std::int64_t>(offset_minutes) * 60;
}

}  // namespace vanban::sign
