#include "base/decimal.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace vanban {

namespace {
constexpr std::array<long long, 7> kScales = {1, 10, 100, 1000, 10000, 100000, 1000000};
}  // namespace

std::string decimal_comma(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  std::string out = buffer;
  for (char& c : out)
    if (c == '.') c = ',';
  return out;
}

void append_fixed(std::string& out, double value, int decimals) {
  const long long scale = kScales[static_cast<std::size_t>(std::clamp(decimals, 0, 6))];
  const double scaled_value = value * static_cast<double>(scale);
  if (!std::isfinite(scaled_value) || std::fabs(scaled_value) >= 9e18) {
    out += '0';
    return;
  }
  long long scaled = std::llround(scaled_value);
  if (scaled < 0) {
    out += '-';
    scaled = -scaled;
  }
  char buffer[24];
  const auto integral = std::to_chars(buffer, buffer + sizeof buffer, scaled / scale);
  out.append(buffer, integral.ptr);
  long long fraction = scaled % scale;
  if (fraction == 0) return;
  out += '.';
  for (long long unit = scale / 10; fraction != 0; unit /= 10) {
    out += static_cast<char>('0' + fraction / unit);
    fraction %= unit;
  }
}

}  // namespace vanban
