#include "archive/database.hpp"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "base/error.hpp"

namespace vanban::archive {

using namespace Poco::Data::Keywords;

namespace {

constexpr const char* kSchemaVersion = "vanban-archive 1";
// Serializes schema creation on PostgreSQL (concurrent CREATE TABLE IF NOT EXISTS can collide).
constexpr const char* kSchemaLock = "SELECT pg_advisory_xact_lock(7102024)";

void register_connectors() {
  static std::once_flag once;
  std::call_once(once, [] {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::PostgreSQL::Connector::registerConnector();
  });
}

// The CREATE TABLE column list, from the one column table.
std::string column_definitions() {
  std::string out;
  for (const Column& column : columns()) {
    if (!out.empty()) out += ", ";
    out += column.name;
    const bool integer = std::holds_alternative<std::int64_t Record::*>(column.member);
    out += integer ? " BIGINT NOT NULL" : " TEXT NOT NULL";
    if (std::string_view(column.name) == "seq") out += " PRIMARY KEY";
  }
  return out;
}

std::string column_list() {
  std::string out;
  for (const Column& column : columns()) {
    if (!out.empty()) out += ", ";
    out += column.name;
  }
  return out;
}

void bind_all(Poco::Data::Statement& statement, const std::vector<Database::Value>& parameters) {
  for (const auto& value : parameters) {
    if (const auto* text = std::get_if<std::string>(&value)) statement, bind(*text);
    else statement, bind(static_cast<Poco::Int64>(std::get<std::int64_t>(value)));
  }
}

}  // namespace

Database::Database(const Location& location, bool create) : backend_(location.backend), display_(location.display) {
  register_connectors();
  if (backend_ == Backend::sqlite && !create && !std::filesystem::exists(location.database))
    throw Error("[E0760] không có cơ sở dữ liệu lưu trữ " + display_ + " (kho chưa được tạo: hãy dùng lệnh add)");
  try {
    if (backend_ == Backend::sqlite) {
      session_ = std::make_unique<Poco::Data::Session>("SQLite", location.database);
      // Another process may be writing: wait for it rather than fail.
      session_->setConnectionTimeout(60);
      // Switching a new file to WAL needs an exclusive lock, and SQLite does not wait for it through the busy
      // handler (waiting could deadlock): when another process is creating the archive too, try again.
      for (int attempt = 0;; ++attempt) {
        try {
          std::string mode;
          *session_ << "PRAGMA journal_mode=WAL", into(mode), now;
          break;
        } catch (const Poco::Data::SQLite::DBLockedException&) {
          if (attempt >= 3000) throw;
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
      }
      // Durable commits: the WAL is flushed at every commit.
      *session_ << "PRAGMA synchronous=FULL", now;
    } else {
      session_ = std::make_unique<Poco::Data::Session>("PostgreSQL", location.database);
      // Notices ("relation … already exists, skipping") are not for clerks.
      *session_ << "SET client_min_messages TO WARNING", now;
    }
  } catch (const std::exception& error) {
    fail("không mở được", error);
  }
}

Database::~Database() {
  if (in_transaction_) rollback();
}

void Database::fail(const std::string& what, const std::exception& error) const {
  std::string detail = error.what();
  if (const auto* poco = dynamic_cast<const Poco::Exception*>(&error)) detail = poco->displayText();
  while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
  if (dynamic_cast<const Poco::Data::SQLite::CorruptImageException*>(&error) != nullptr)
    throw Error("[E0761] cơ sở dữ liệu lưu trữ " + display_ + " bị hỏng hoặc không phải là SQLite (" + detail + ")");
  throw Error("[E0762] cơ sở dữ liệu lưu trữ " + display_ + ": " + what + ": " + detail);
}

std::string Database::dialect(const std::string& sql) const {
  if (backend_ == Backend::sqlite) return sql;
  // PostgreSQL numbers its placeholders.
  std::string out;
  int number = 0;
  bool quoted = false;
  for (const char c : sql) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) out += "$" + std::to_string(++number);
    else out += c;
  }
  return out;
}

void Database::execute(const std::string& sql, const std::vector<Value>& parameters) {
  try {
    Poco::Data::Statement statement(*session_);
    statement << dialect(sql);
    bind_all(statement, parameters);
    statement.execute();
  } catch (const std::exception& error) {
    fail("lệnh thất bại", error);
  }
}

bool Database::has_schema() {
  Poco::Int64 count = 0;
  try {
    if (backend_ == Backend::sqlite)
      *session_ << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'archive_record'", into(count),
          now;
    else
      *session_ << "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = 'archive_record' AND "
                   "schemaname = current_schema()",
          into(count), now;
  } catch (const std::exception& error) {
    fail("không đọc được", error);
  }
  return count > 0;
}

void Database::create_schema() {
  if (backend_ == Backend::sqlite) {
    execute("BEGIN IMMEDIATE");
  } else {
    execute("BEGIN");
    execute(kSchemaLock);
  }
  in_transaction_ = true;
  try {
    execute("CREATE TABLE IF NOT EXISTS archive_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
    execute("CREATE TABLE IF NOT EXISTS archive_record (" + column_definitions() + ")");
    execute("CREATE UNIQUE INDEX IF NOT EXISTS archive_record_hash ON archive_record (hash)");
    // One document record per PDF, one withdrawal per document, one trust record per anchor.
    execute("CREATE UNIQUE INDEX IF NOT EXISTS archive_record_content ON archive_record (kind, sha256)");
    execute("CREATE INDEX IF NOT EXISTS archive_record_case ON archive_record (case_id)");
    execute("CREATE INDEX IF NOT EXISTS archive_record_date ON archive_record (issued_date)");
    execute("CREATE INDEX IF NOT EXISTS archive_record_notation ON archive_record (notation_key)");
    execute("INSERT INTO archive_meta (name, value) VALUES ('schema', ?) ON CONFLICT DO NOTHING",
            {std::string(kSchemaVersion)});
    commit();
  } catch (...) {
    rollback();
    throw;
  }
}

void Database::check_schema() {
  std::vector<std::string> values;
  try {
    *session_ << "SELECT value FROM archive_meta WHERE name = 'schema'", into(values), now;
  } catch (const std::exception& error) {
    fail("không phải cơ sở dữ liệu lưu trữ của vanban", error);
  }
  if (values.size() != 1 || values.front() != kSchemaVersion)
    throw Error("[E0763] cơ sở dữ liệu " + display_ + " không phải kho lưu trữ vanban phiên bản \"" + kSchemaVersion +
                "\"");
}

void Database::begin_append() {
  if (backend_ == Backend::sqlite) {
    // IMMEDIATE takes the write lock now: a deferred transaction could not upgrade while another writes.
    execute("BEGIN IMMEDIATE");
  } else {
    execute("BEGIN");
    // Readers go on; appenders queue here.
    execute("LOCK TABLE archive_record IN EXCLUSIVE MODE");
  }
  in_transaction_ = true;
}

void Database::commit() {
  execute("COMMIT");
  in_transaction_ = false;
}

void Database::rollback() noexcept {
  try {
    Poco::Data::Statement statement(*session_);
    statement << "ROLLBACK";
    statement.execute();
  } catch (...) {
    // The connection may be gone; the server or SQLite discards the transaction then.
  }
  in_transaction_ = false;
}

void Database::insert(const Record& record) {
  std::string names;
  std::string marks;
  std::vector<Value> values;
  for (const Column& column : columns()) {
    names += (names.empty() ? "" : ", ") + std::string(column.name);
    marks += marks.empty() ? "?" : ", ?";
    if (const auto* text = std::get_if<std::string Record::*>(&column.member)) values.emplace_back(record.*(*text));
    else values.emplace_back(record.*std::get<std::int64_t Record::*>(column.member));
  }
  execute("INSERT INTO archive_record (" + names + ") VALUES (" + marks + ")", values);
}

std::vector<Record> Database::select(const std::string& condition, const std::vector<Value>& parameters) {
  const auto& list = columns();
  std::vector<std::vector<std::string>> texts(list.size());
  std::vector<std::vector<Poco::Int64>> integers(list.size());
  try {
    Poco::Data::Statement statement(*session_);
    statement << dialect("SELECT " + column_list() + " FROM archive_record WHERE " + condition);
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (std::holds_alternative<std::string Record::*>(list[i].member)) statement, into(texts[i]);
      else statement, into(integers[i]);
    }
    bind_all(statement, parameters);
    statement.execute();
  } catch (const std::exception& error) {
    fail("không đọc được bản ghi", error);
  }
  std::size_t rows = 0;
  for (std::size_t i = 0; i < list.size(); ++i) rows = std::max({rows, texts[i].size(), integers[i].size()});
  std::vector<Record> records(rows);
  for (std::size_t i = 0; i < list.size(); ++i) {
    for (std::size_t row = 0; row < rows; ++row) {
      if (const auto* text = std::get_if<std::string Record::*>(&list[i].member))
        records[row].*(*text) = std::move(texts[i].at(row));
      else
        records[row].*std::get<std::int64_t Record::*>(list[i].member) = integers[i].at(row);
    }
  }
  return records;
}

std::optional<std::pair<std::int64_t, std::string>> Database::tail() {
  std::vector<Poco::Int64> seqs;
  std::vector<std::string> hashes;
  try {
    *session_ << "SELECT seq, hash FROM archive_record ORDER BY seq DESC LIMIT 1", into(seqs), into(hashes), now;
  } catch (const std::exception& error) {
    fail("không đọc được bản ghi cuối", error);
  }
  if (seqs.empty()) return std::nullopt;
  return std::make_pair(static_cast<std::int64_t>(seqs.front()), hashes.front());
}

std::vector<std::string> Database::integrity_problems() {
  if (backend_ != Backend::sqlite) return {};
  std::vector<std::string> lines;
  try {
    *session_ << "PRAGMA integrity_check", into(lines), now;
  } catch (const std::exception& error) {
    const auto* poco = dynamic_cast<const Poco::Exception*>(&error);
    return {poco != nullptr ? poco->displayText() : std::string(error.what())};
  }
  if (lines.size() == 1 && lines.front() == "ok") return {};
  return lines;
}

}  // namespace vanban::archive
