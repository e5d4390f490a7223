#pragma once
// Internal to the xml module: validation of an already safely parsed case file against the case XSD.

#include <string_view>

#include "base/diagnostics.hpp"
#include "xml/case_schema.hpp"
#include "xml/safe_parse.hpp"

namespace vanban::xml {

/// Validates `bytes`, which parse_safely accepted as `parsed`, against the schema with libxml2 (no network, no
/// DTD, no entity substitution). Each problem becomes a Vietnamese diagnostic at the element, attribute or value
/// it concerns, located through `parsed` (libxml2 itself gives lines only).
void check_against_schema(const CaseSchema& schema, std::string_view bytes, const ParsedXml& parsed,
                          Diagnostics& diagnostics);

}  // namespace vanban::xml
