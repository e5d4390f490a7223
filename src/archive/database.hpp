#pragma once
// Internal to archive: the archive's tables on a db::Session (the same schema and SQL on SQLite and PostgreSQL),
// its schema as db migrations, and records in and out.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "archive/record.hpp"
#include "db/schema.hpp"
#include "db/session.hpp"

namespace vanban::archive {

class Database {
 public:
  /// Connects (see db::Session); with db::OpenMode::existing an SQLite file must be there. Throws Error naming the
  /// database when it cannot connect or the file is not a database.
  Database(const db::DatabaseLocation& location, db::OpenMode mode);

  /// The archive's schema: migration 1 is the record table as the first archives made it; migration 2 adds each
  /// signature's PAdES level.
  static const db::Schema& schema();
  /// The archive's schema version in this database; 0 when it holds no archive.
  [[nodiscard]] int schema_version();
  /// Creates the tables, or brings older ones to this binary's version; safe when several processes do it at once.
  /// Throws Error for a database newer than this binary.
  void migrate();
  /// Throws Error when the database is not a vanban archive.
  void check_schema();

  /// Starts a transaction that may append to the chain; another appender waits until it ends.
  db::Transaction begin_append();
  void insert(const Record& record);
  /// Records `WHERE condition` (SQL with ? placeholders, may end in ORDER BY / LIMIT).
  std::vector<Record> select(const std::string& condition, const std::vector<db::Value>& parameters = {});
  /// The last record's position and hash, nullopt when the chain is empty.
  std::optional<std::pair<std::int64_t, std::string>> tail();
  /// What the database engine finds wrong with its own file (SQLite integrity_check); empty when sound.
  std::vector<std::string> integrity_problems();

 private:
  db::Session session_;
};

}  // namespace vanban::archive
