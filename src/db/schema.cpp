#include "db/schema.hpp"

#include <optional>

#include "base/error.hpp"

namespace vanban::db {

namespace {

constexpr const char* kVersionTable = "schema_versions";

// The recorded version; nullopt when none is recorded.
std::optional<int> recorded_version(Session& session, const Schema& schema) {
  if (!session.has_table(kVersionTable)) return std::nullopt;
  const auto rows =
      session.select("SELECT version FROM schema_versions WHERE component = ?", {schema.component}, {Type::integer});
  if (rows.empty()) return std::nullopt;
  const auto* version = std::get_if<std::int64_t>(&rows.front().front());
  return version != nullptr ? static_cast<int>(*version) : 0;
}

int known_version(const Schema& schema) { return static_cast<int>(schema.migrations.size()); }

void refuse_newer(const Session& session, const Schema& schema, int version) {
  if (version <= known_version(schema)) return;
  throw Error("E0763", session.name() + ": phần \"" + schema.component + "\" có lược đồ phiên bản " +
                           std::to_string(version) + ", mới hơn phiên bản " + std::to_string(known_version(schema)) +
                           " mà chương trình này biết; hãy dùng phiên bản vanban mới hơn");
}

}  // namespace

int schema_version(Session& session, const Schema& schema) {
  if (const auto recorded = recorded_version(session, schema)) return *recorded;
  if (!schema.version_1_table.empty() && session.has_table(schema.version_1_table)) return 1;
  return 0;
}

void migrate(Session& session, const Schema& schema) {
  const int known = known_version(schema);
  if (const auto recorded = recorded_version(session, schema)) {
    refuse_newer(session, schema, *recorded);
    if (*recorded == known) return;
  }
  auto transaction = Transaction::schema_change(session);
  // Under the lock, again: another process may have migrated meanwhile (then nothing is left to do).
  session.execute("CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version BIGINT NOT NULL)");
  if (recorded_version(session, schema) == known) return;
  const int version = schema_version(session, schema);
  refuse_newer(session, schema, version);
  for (int step = version; step < known; ++step) {
    for (const Sql& sql : schema.migrations[static_cast<std::size_t>(step)].statements) {
      const std::string& text = session.backend() == Backend::sqlite ? sql.sqlite : sql.postgresql;
      if (!text.empty()) session.execute(text);
    }
  }
  session.execute(
      "INSERT INTO schema_versions (component, version) VALUES (?, ?) "
      "ON CONFLICT (component) DO UPDATE SET version = excluded.version",
      {schema.component, static_cast<std::int64_t>(known)});
  transaction.commit();
}

}  // namespace vanban::db
