#pragma once
// A moment with its UTC offset, as the front end read it from the clock: stages never read the clock.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vanban::sign {

/// A civil time and its offset from UTC (Vietnam: +07:00 all year).
struct Moment {
  int year = 1970;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int offset_minutes = 420;

  /// Parses "2026-07-01T14:41:19+07:00" (also "Z", "+0700"); nullopt when malformed or out of range.
  static std::optional<Moment> parse_iso(std::string_view text);
  /// The moment `unix_seconds` after the epoch, shown at `offset_minutes` from UTC.
  static Moment from_unix(std::int64_t unix_seconds, int offset_minutes);
  /// Parses a PDF date "D:YYYYMMDDHHmmSSOHH'mm'" (trailing parts optional); nullopt when malformed.
  static std::optional<Moment> parse_pdf(std::string_view text);

  /// "2026-07-01T14:41:19+07:00" (ISO 8601, as Nghị định 30 asks for signing times).
  [[nodiscard]] std::string iso8601() const;
  /// "D:20260701144119+07'00'" (the signature dictionary's /M).
  [[nodiscard]] std::string pdf_date() const;
  /// Seconds since 1970-01-01T00:00:00Z.
  [[nodiscard]] std::int64_t unix_seconds() const;
};

}  // namespace vanban::sign
