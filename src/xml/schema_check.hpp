#pragma once
// Internal to the xml module: validation of an already safely parsed case file against the case XSD.

#include <functional>
#include <string_view>

#include "base/diagnostics.hpp"
#include "xml/case_schema.hpp"
#include "xml/safe_parse.hpp"

namespace vanban::xml {

/// Whether a document the schema shortcut vouches for skips libxml2 (the default), or libxml2 always validates.
enum class SchemaPath { shortcut_first, libxml2_only };

/// Validates `bytes`, which parse_safely accepted as `parsed`, against the schema with libxml2 (no network, no
/// DTD, no entity substitution). Each problem becomes a Vietnamese diagnostic at the element, attribute or value
/// it concerns, located through `parsed` (libxml2 itself gives lines only). A document the shortcut
/// (schema_shortcut.hpp) vouches for has no problem to report, so libxml2 is not run for it unless `path` says so.
void check_against_schema(const CaseSchema& schema, std::string_view bytes, const ParsedXml& parsed,
                          Diagnostics& diagnostics, SchemaPath path = SchemaPath::shortcut_first);

/// What reports, against the tree parse_safely_in_place made of some bytes, the problems libxml2 found in them.
using SchemaReport = std::function<void(const ParsedXml& parsed, Diagnostics& diagnostics)>;

/// Validates `bytes` with libxml2 now, before they are parsed in place (after which they cannot be read), which the
/// raw checks of parse_safely have accepted; the result reports the problems later, as check_against_schema with
/// SchemaPath::libxml2_only would report them then.
SchemaReport validate_before_parse(const CaseSchema& schema, std::string_view bytes);

/// Whether check_against_schema runs libxml2 on `bytes` whatever their tree (the shortcut cannot vouch for them).
bool schema_reads_bytes(const CaseSchema& schema, std::string_view bytes);

/// Whether the schema's shortcut understood the whole XSD (when false, libxml2 validates every document).
bool schema_shortcut_usable(const CaseSchema& schema);

}  // namespace vanban::xml
