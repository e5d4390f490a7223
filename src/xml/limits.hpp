#pragma once
// Limits that keep hostile input cheap to reject.

#include <cstddef>

namespace vanban::xml {

/// The most characters one field may hold: a text or attribute value of a case file, a --set parameter.
inline constexpr std::size_t kMaxFieldLength = 10000;

struct Limits {
  std::size_t max_bytes = 64U * 1024U * 1024U;     ///< a register of ~20,000 cases
  std::size_t max_depth = 16;                      ///< the exchange format needs 6
  std::size_t max_nodes = 4U * 1024U * 1024U;      ///< elements + attributes; a case has ~100
  std::size_t max_case_nodes = 64U * 1024U;        ///< in one case, whatever its bytes; 4,500 obligations need 31 Ki
  std::size_t max_attributes = 64;                 ///< on one element; the format needs 6 (libxml2 2.9 is quadratic)
  std::size_t max_field_length = kMaxFieldLength;  ///< characters in one text or attribute value (about four pages)
};

}  // namespace vanban::xml
