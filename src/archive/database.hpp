#pragma once
// Internal to archive: the record table through Poco::Data, the same schema and SQL on SQLite and PostgreSQL.
// Every library failure becomes vanban::Error with a message that names the database.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "archive/location.hpp"
#include "archive/record.hpp"

namespace Poco::Data {
class Session;
}

namespace vanban::archive {

class Database {
 public:
  /// A bound parameter.
  using Value = std::variant<std::string, std::int64_t>;

  /// Connects. SQLite: WAL, synchronous=FULL, waits up to a minute for a writer; the file must exist unless
  /// `create`. Throws Error (naming the database) when it cannot connect or the file is not a database.
  Database(const Location& location, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  [[nodiscard]] Backend backend() const { return backend_; }
  /// Whether the record table exists.
  [[nodiscard]] bool has_schema();
  /// Creates the tables and indexes that are missing; safe when several processes do it at once.
  void create_schema();
  /// Throws Error when the database is not a vanban archive of this version.
  void check_schema();

  /// Starts a transaction that may append to the chain; another appender waits until it ends.
  void begin_append();
  void commit();
  /// Ends the transaction without its changes (never throws).
  void rollback() noexcept;

  void insert(const Record& record);
  /// Records `WHERE condition` (SQL with ? placeholders, may end in ORDER BY / LIMIT).
  std::vector<Record> select(const std::string& condition, const std::vector<Value>& parameters = {});
  /// The last record's position and hash, nullopt when the chain is empty.
  std::optional<std::pair<std::int64_t, std::string>> tail();
  /// What the database engine finds wrong with its own file (SQLite integrity_check); empty when sound.
  std::vector<std::string> integrity_problems();

 private:
  void execute(const std::string& sql, const std::vector<Value>& parameters = {});
  [[nodiscard]] std::string dialect(const std::string& sql) const;
  [[noreturn]] void fail(const std::string& what, const std::exception& error) const;

  Backend backend_;
  std::string display_;
  std::unique_ptr<Poco::Data::Session> session_;
  bool in_transaction_ = false;
};

}  // namespace vanban::archive
