#pragma once
// Schema versions and migrations. Each component that keeps tables in a database (archive, cases, accounts, jobs)
// registers its schema as an ordered list of migrations; the table schema_versions (component, version) records
// where each component stands, so several components share one database and each moves on its own.

#include <string>
#include <utility>
#include <vector>

#include "db/session.hpp"

namespace vanban::db {

/// One SQL statement of a migration: the same on both backends, or written for each.
struct Sql {
  /// The same statement on SQLite and on PostgreSQL (implicit, so a migration reads as its SQL).
  Sql(const char* both) : sqlite(both), postgresql(both) {}  // NOLINT: implicit by design
  /// The same statement on SQLite and on PostgreSQL.
  Sql(std::string both) : sqlite(both), postgresql(std::move(both)) {}  // NOLINT: implicit by design
  /// A statement per backend; an empty one runs nothing there.
  Sql(std::string on_sqlite, std::string on_postgresql)
      : sqlite(std::move(on_sqlite)), postgresql(std::move(on_postgresql)) {}
  std::string sqlite;
  std::string postgresql;
};

/// One step of a schema: its statements run in order.
struct Migration {
  std::vector<Sql> statements;
};

/// A component's schema: migrations[i] takes it from version i to version i + 1.
struct Schema {
  std::string component;              ///< "archive": the key in schema_versions
  std::vector<Migration> migrations;  ///< in order; the binary knows version migrations.size()
  /// A table that, in a database made before schema_versions existed, shows that the component's tables are there
  /// at version 1 (they are then recorded as such); empty when the component always recorded its version.
  std::string version_1_table;
};

/// The component's version in the database: the one recorded, else 1 when its version_1_table is there, else 0.
int schema_version(Session& session, const Schema& schema);

/// Brings the component to the version the binary knows: the missing migrations and the new version in one
/// transaction, one process at a time (several may open at once); nothing is written when it is current.
/// Throws Error [E0763] when the database holds a newer version than the binary knows, and leaves it alone.
void migrate(Session& session, const Schema& schema);

}  // namespace vanban::db
