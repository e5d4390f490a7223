#pragma once
// The case store's workflows, the same for every front end: import a case file or a register (all or nothing),
// replace a case, record an event (the XML edited, then read again like a file), render a stored version. The front
// end supplies who and when (read once); the store (cases) keeps the versions.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "archive/location.hpp"
#include "base/diagnostics.hpp"
#include "cases/store.hpp"
#include "pipeline/engine.hpp"
#include "pipeline/report.hpp"

namespace vanban::pipeline {

/// The code of "no such case (or version) in the case store": a front end tells "not found" by it.
inline constexpr std::string_view kNoSuchCase = "E0781";

/// Opens (creating when missing) the case store in the archive's database, reading cases as `engine` does.
std::unique_ptr<cases::Store> open_case_store(const Engine& engine, const archive::Location& location);

/// Imports a case file or a register: the whole file is checked first (positions in it), then each case is written as a
/// case file of its own, upserted by case id, in one transaction. nullopt, nothing written, when the file is refused.
std::optional<std::vector<cases::WriteResult>> import_cases(const Engine& engine, cases::Store& store,
                                                            std::string_view bytes, const std::string& file,
                                                            const cases::Change& change, Diagnostics& diagnostics);

/// Replaces case `id` with a new case file, when its current version is `expected`; the file must hold that one case
/// (E0782). nullopt with diagnostics when the file is refused.
std::optional<cases::WriteResult> replace_case(cases::Store& store, const std::string& id, std::string_view bytes,
                                               const std::string& file, const cases::Change& change,
                                               std::int64_t expected, Diagnostics& diagnostics);

/// An event as a front end received it: the exchange format's element name ("payment") and attributes, and the
/// text of a verification's findings.
struct EventRequest {
  std::string kind;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;
};

/// Appends the event to case `id` (E0781 when there is none) and writes the new version, when the case is still at
/// `expected` (stale otherwise); without `expected`, at whatever version it is when written. nullopt with diagnostics
/// (against the edited XML) when the case would no longer be valid.
std::optional<cases::WriteResult> record_event(cases::Store& store, const std::string& id, const EventRequest& event,
                                               const cases::Change& change, std::optional<std::int64_t> expected,
                                               Diagnostics& diagnostics);

/// The case of a stored version read back as a case (E0781 when there is no such case or version).
std::optional<model::Case> stored_case(const Engine& engine, cases::Store& store, const std::string& id,
                                       std::optional<std::int64_t> version, Diagnostics& diagnostics);

/// The current version of every stored case as a report's case source, by id, each read as a file named `<id>.xml`
/// (the name `vanban report` and `vanban deadlines` show for the case exported to that file).
CaseSource stored_cases(const Engine& engine, cases::Store& store);

}  // namespace vanban::pipeline
