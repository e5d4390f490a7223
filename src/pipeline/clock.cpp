#include "pipeline/clock.hpp"

#include <chrono>

namespace vanban::pipeline {

namespace {
constexpr int kVietnamOffsetMinutes = 7 * 60;
}  // namespace

sign::Moment now_in_vietnam() {
  const auto now = std::chrono::system_clock::now();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return sign::Moment::from_unix(seconds, kVietnamOffsetMinutes);
}

model::Date today_in_vietnam() { return date_of(now_in_vietnam()); }

model::Date date_of(const sign::Moment& moment) {
  return model::Date::from_ymd(moment.year, moment.month, moment.day).value_or(model::Date());
}

}  // namespace vanban::pipeline
