#pragma once
// Reads the case exchange format (urn:vanban:case:1) into the typed model.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostics.hpp"
#include "base/input_bytes.hpp"
#include "model/case.hpp"
#include "text/repair.hpp"
#include "xml/case_schema.hpp"
#include "xml/limits.hpp"

namespace vanban::xml {

/// The namespace of the exchange format.
inline constexpr std::string_view kCaseNamespace = "urn:vanban:case:1";

struct ReadOptions {
  Limits limits;
  /// The compiled schemas/case.xsd; without it the reader's own checks still cover the structure.
  std::shared_ptr<const CaseSchema> schema;
  /// Whether text in a legacy encoding is converted (warning W0120); normalization happens either way.
  text::RepairMode repair = text::RepairMode::repair;
  /// Called with every field as later stages see it (repaired, normalized), where it is and what it is
  /// ("<name>", "thuộc tính id của <case>"); its diagnostics count as the file's. `vanban validate` checks the font
  /// here.
  std::function<void(std::string_view value, const SourceLoc& loc, const std::string& field, Diagnostics& diagnostics)>
      check_field;

  /// The encoding the file's fields are expected in; absent: decided from the file's own fields (the default).
  std::optional<text::TextOrigin> expected;
};

/// Reads a case file (`<case>`, loaded as a register of one) or a register (`<register>`): safe parse, schema,
/// text repair and normalization (NFC, white space) of every field, then the checks beyond the schema. Reports
/// every problem found, in file order; nullopt when any of them is an error. Bytes handed over are parsed in place
/// when no field in them is past the limit (parses_in_place), with the same diagnostics: no copy of a large file is
/// made.
std::optional<model::Register> read_register(InputBytes bytes, const FileName& file, const ReadOptions& options,
                                             Diagnostics& diagnostics);

/// Where a stream of cases goes: each case as soon as it is read and checked, and a call to take back every case
/// handed over so far when the reader has to start again from the beginning.
struct CaseVisitor {
  std::function<void(model::Case&&)> take;
  std::function<void()> restart;
  /// The register's own period attributes, before its first case (may be left empty).
  std::function<void(std::optional<model::Date>, std::optional<model::Date>)> period = {};
  /// Told when the file is read whole instead of a chunk at a time (may be left empty).
  std::function<void()> whole = {};
};

/// Reads like read_register, with the same diagnostics byte for byte, handing each case to `visitor` instead of
/// holding them all: a large register is read a chunk of cases at a time, so that its trees never exist whole.
/// Returns false (after `restart` if cases were handed over) when read_register would return nullopt.
bool read_cases(InputBytes bytes, const FileName& file, const ReadOptions& options, Diagnostics& diagnostics,
                const CaseVisitor& visitor);

}  // namespace vanban::xml
