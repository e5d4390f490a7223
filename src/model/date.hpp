#pragma once
// Calendar dates (proleptic Gregorian), as the case format and the law count them.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vanban::model {

/// A calendar date; always valid once constructed through `from_ymd` or `parse_iso`.
class Date {
 public:
  Date() = default;  ///< 1970-01-01
  /// The date, or nullopt when it does not exist (2024-02-30) or the year is outside 1..9999.
  static std::optional<Date> from_ymd(int year, int month, int day);
  /// Parses exactly "YYYY-MM-DD".
  static std::optional<Date> parse_iso(std::string_view text);
  /// Parses a date as clerks and programs write it: "dd/mm/yyyy" (a one-digit day or month too) or "yyyy-mm-dd".
  static std::optional<Date> parse(std::string_view text);
  /// The date `days` days after 1970-01-01 (negative before).
  static Date from_days(std::int64_t days);

  [[nodiscard]] int year() const { return year_; }
  [[nodiscard]] int month() const { return month_; }
  [[nodiscard]] int day() const { return day_; }
  /// Days since 1970-01-01.
  [[nodiscard]] std::int64_t days() const;
  /// 0 = Sunday … 6 = Saturday.
  [[nodiscard]] int weekday() const;
  [[nodiscard]] Date plus_days(std::int64_t days) const;
  /// "YYYY-MM-DD".
  [[nodiscard]] std::string to_iso() const;
  /// "dd/mm/yyyy", as clerks write dates.
  [[nodiscard]] std::string to_dmy() const;

  friend bool operator==(const Date&, const Date&) = default;
  /// Chronological order, told from the year, the month and the day (a Date is always a real date).
  friend std::strong_ordering operator<=>(const Date& a, const Date& b) {
    if (a.year_ != b.year_) return a.year_ <=> b.year_;
    if (a.month_ != b.month_) return a.month_ <=> b.month_;
    return a.day_ <=> b.day_;
  }

 private:
  Date(int year, int month, int day) : year_(year), month_(month), day_(day) {}
  int year_ = 1970;
  int month_ = 1;
  int day_ = 1;
};

/// Whether the year is a leap year.
bool is_leap_year(int year);
/// Days in the month (1–12) of the year.
int days_in_month(int year, int month);

}  // namespace vanban::model
