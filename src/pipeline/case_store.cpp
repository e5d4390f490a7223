#include "pipeline/case_store.hpp"

#include <functional>

#include "xml/case_edit.hpp"
#include "xml/case_reader.hpp"

namespace vanban::pipeline {

namespace {

void no_such_case(const std::string& id, Diagnostics& diagnostics) {
  diagnostics.error(std::string(kNoSuchCase), SourceLoc{},
                    "không có hồ sơ \"" + id + "\" (hoặc phiên bản này) trong kho hồ sơ");
}

// The name a stored case's problems are reported against.
std::string stored_name(const std::string& id) { return id + ".xml"; }

}  // namespace

std::unique_ptr<cases::Store> open_case_store(const Engine& engine, const archive::Location& location) {
  xml::ReadOptions read;
  read.schema = engine.case_schema();
  return std::make_unique<cases::Store>(location.database, db::OpenMode::create, read);
}

std::optional<std::vector<cases::WriteResult>> import_cases(const Engine& engine, cases::Store& store,
                                                            std::string_view bytes, const std::string& file,
                                                            const cases::Change& change, Diagnostics& diagnostics) {
  // Each case checked and dropped as it is read (a large register is never held whole), then cut into case files
  // handed to the store one at a time, twice (read, then written in one transaction).
  if (!engine.for_each_case(
          bytes, file, diagnostics, [](model::Case&&) {}, [] {}))
    return std::nullopt;
  Diagnostics splitting;
  const bool split =
      xml::for_each_case_text(bytes, make_file_name(file), xml::Limits{}, splitting, [](xml::CaseText&&) {});
  diagnostics.merge(splitting);
  if (!split) return std::nullopt;
  const cases::CaseFiles files = [&](const std::function<void(const cases::CaseFile&)>& visit) {
    Diagnostics again;  // the same bytes split again: what they said is said above
    xml::for_each_case_text(bytes, make_file_name(file), xml::Limits{}, again, [&](xml::CaseText&& part) {
      visit({std::move(part.xml), file + "#" + part.id});
    });
  };
  // Each part was valid inside the file; read again on its own, only its new problems would be news.
  Diagnostics writing;
  auto written = store.write_each(files, change, writing);
  if (!written) diagnostics.merge(writing);
  return written;
}

std::optional<cases::WriteResult> replace_case(cases::Store& store, const std::string& id, std::string_view bytes,
                                               const std::string& file, const cases::Change& change,
                                               std::int64_t expected, Diagnostics& diagnostics) {
  Diagnostics splitting;
  const auto parts = xml::split_cases(bytes, make_file_name(file), xml::Limits{}, splitting);
  diagnostics.merge(splitting);
  if (!parts) return std::nullopt;
  if (parts->size() != 1 || parts->front().id != id) {
    diagnostics.error("E0782", SourceLoc{make_file_name(file)},
                      "tệp phải là đúng một hồ sơ mã \"" + id + "\" (hồ sơ đang sửa)");
    return std::nullopt;
  }
  // A case file is kept byte for byte as sent (split gives it back unchanged).
  auto written = store.write({{std::string(bytes), file}}, change, diagnostics, expected);
  if (!written) return std::nullopt;
  return written->front();
}

std::optional<cases::WriteResult> record_event(cases::Store& store, const std::string& id, const EventRequest& event,
                                               const cases::Change& change, std::optional<std::int64_t> expected,
                                               Diagnostics& diagnostics) {
  // Without an expected version the event goes on top of whatever is current: a write that finds another one came
  // first reads the new current version and appends again.
  constexpr int kTries = 5;
  for (int attempt = 0; attempt < kTries; ++attempt) {
    const auto current = store.get(id);
    if (!current) {
      no_such_case(id, diagnostics);
      return std::nullopt;
    }
    const std::int64_t base = expected.value_or(current->summary.version);
    if (base != current->summary.version)
      return cases::WriteResult{cases::WriteResult::Outcome::stale, id, current->summary.version};
    Diagnostics local;
    const auto edited = xml::append_event(current->xml, xml::ElementText{event.kind, event.attributes, event.text},
                                          make_file_name(stored_name(id)), xml::Limits{}, local);
    if (!edited) {
      diagnostics.merge(local);
      return std::nullopt;
    }
    auto written = store.write({{*edited, stored_name(id)}}, change, local, base);
    diagnostics.merge(local);
    if (!written) return std::nullopt;
    if (written->front().outcome != cases::WriteResult::Outcome::stale || expected) return written->front();
  }
  return cases::WriteResult{cases::WriteResult::Outcome::stale, id, 0};
}

std::optional<model::Case> stored_case(const Engine& engine, cases::Store& store, const std::string& id,
                                       std::optional<std::int64_t> version, Diagnostics& diagnostics) {
  const auto stored = store.get(id, version);
  if (!stored) {
    no_such_case(id, diagnostics);
    return std::nullopt;
  }
  return engine.read_single_case(stored->xml, stored_name(id), diagnostics);
}

CaseSource stored_cases(const Engine& engine, cases::Store& store) {
  return [&engine, &store](model::Date date, const CaseConsumer& consumer, Diagnostics& diagnostics) {
    bool all_read = true;
    store.for_each_current([&](const std::string& id, const std::string& xml) {
      if (!for_each_case_in(engine, xml, id + ".xml", date, consumer, diagnostics)) all_read = false;
    });
    return all_read;
  };
}

}  // namespace vanban::pipeline
