#pragma once
// One connection to a database through Poco::Data, the same calls on SQLite and on PostgreSQL: statements with
// bound parameters, rows of values, write transactions, the engine's own integrity check. Every library failure
// becomes vanban::Error naming the database, never its password: [E0760] an SQLite file that is not there,
// [E0761] a corrupt SQLite file, [E0762] anything else (unreachable server, failed statement).

#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "db/location.hpp"
#include "db/value.hpp"

namespace Poco::Data {
class Session;
}

namespace vanban::db {

enum class OpenMode {
  existing,  ///< an SQLite file must be there already
  create     ///< a missing SQLite file is created (its folder must exist)
};

class Session {
 public:
  /// Connects. SQLite: WAL, synchronous=FULL (a commit is on disk when it returns), waits up to a minute for
  /// another writer. Messages name the database as `subject` ("cơ sở dữ liệu lưu trữ") and its display form.
  Session(const DatabaseLocation& location, OpenMode mode, std::string subject = "cơ sở dữ liệu");
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  [[nodiscard]] Backend backend() const { return backend_; }
  /// "cơ sở dữ liệu lưu trữ /srv/kho/archive.sqlite": the subject and the display form, for messages.
  [[nodiscard]] std::string name() const { return subject_ + " " + display_; }

  /// Runs one statement; `?` marks a parameter on both backends.
  void execute(std::string_view sql, const std::vector<Value>& parameters = {});
  /// The rows of a query, each value read as its column's `columns` type (NULL stays std::monostate).
  std::vector<Row> select(std::string_view sql, const std::vector<Value>& parameters, const std::vector<Type>& columns);
  /// Whether a table of this name exists (in the current schema on PostgreSQL).
  [[nodiscard]] bool has_table(std::string_view name);
  /// What the engine finds wrong with its own file (SQLite integrity_check); empty when sound, always on PostgreSQL.
  std::vector<std::string> integrity_problems();

 private:
  // Throws the Error that names this database for a library failure while doing `what` (Vietnamese).
  [[noreturn]] void fail(const std::string& what, const std::exception& error) const;

  Backend backend_;
  std::string display_;
  std::string subject_;
  std::string password_;  // kept only to blank it out of the library's messages
  std::unique_ptr<Poco::Data::Session> session_;
};

/// A LIKE pattern matching any text that contains `text`, to be used with `LIKE ? ESCAPE '\\'` (%, _ and \\ escaped).
std::string contains_pattern(std::string_view text);

/// A write transaction on a session; rolled back unless committed (a thrown Error on the way rolls it back).
class Transaction {
 public:
  /// Begins a write transaction: SQLite takes its one write lock now (BEGIN IMMEDIATE). With `queue_on`, a table
  /// named in code, PostgreSQL also locks that table IN EXCLUSIVE MODE: readers go on, every other transaction
  /// queued on it waits until this one ends (appenders to a chain).
  explicit Transaction(Session& session, std::string_view queue_on = {});
  /// Begins a transaction that changes the schema: one at a time in the whole database, on both backends.
  static Transaction schema_change(Session& session);
  /// Rolls back unless committed; never throws.
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  /// Makes the changes durable; throws Error (and the transaction is rolled back) when the database refuses.
  void commit();

 private:
  Transaction(Session& session, const std::vector<std::string>& begin);
  void rollback() noexcept;
  Session& session_;
  bool open_ = false;
};

}  // namespace vanban::db
