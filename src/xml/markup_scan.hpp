#pragma once
// Internal to the xml module: one cheap pass over raw XML bytes, before any parser builds a tree, to refuse
// what would be costly (nesting, node count, DOCTYPE) and to find what pugixml tolerates but XML forbids
// (undeclared entities, a bare &, < in attribute values, control characters, content outside the root).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "xml/limits.hpp"

namespace vanban::xml {

/// A problem at a byte offset of the scanned text.
struct ScanProblem {
  std::size_t offset = 0;
  const char* code = "";
  std::string message;  ///< Vietnamese, for clerks
};

struct ScanResult {
  /// Refuses the file before parsing: DOCTYPE, nesting or node count beyond the limits.
  std::optional<ScanProblem> fatal;
  /// Not well-formed XML although pugixml would accept it; reported when the parse itself succeeds.
  std::vector<ScanProblem> problems;
};

/// The offset just after the '>' that ends the tag starting at `at` (quoted attribute values may hold '>'), or npos.
std::size_t tag_end(std::string_view text, std::size_t at);

/// Scans UTF-8 XML text (BOM removed). Never reads outside `text`; malformed markup is left to the parser.
ScanResult scan_markup(std::string_view text, const Limits& limits);

}  // namespace vanban::xml
