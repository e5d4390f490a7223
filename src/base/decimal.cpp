#include "base/decimal.hpp"

#include <cstdio>

namespace vanban {

std::string decimal_comma(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  std::string out = buffer;
  for (char& c : out)
    if (c == '.') c = ',';
  return out;
}

}  // namespace vanban
