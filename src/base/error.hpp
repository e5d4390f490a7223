#pragma once
// Environment and library failures (missing font, disk full, libharu status): thrown, never for bad input.

#include <stdexcept>
#include <string>

namespace vanban {

/// The one exception type; the front ends map it to exit code 3.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace vanban
