#include "db/session.hpp"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "base/error.hpp"
#include "db/dialect.hpp"

namespace vanban::db {

using namespace Poco::Data::Keywords;

namespace {

void register_connectors() {
  static std::once_flag once;
  std::call_once(once, [] {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::PostgreSQL::Connector::registerConnector();
  });
}

// The value of "password=…" among libpq's "key=value" words, "" without one.
std::string password_of(const std::string& connection) {
  constexpr std::string_view kKey = "password=";
  std::size_t at = 0;
  while (at < connection.size()) {
    const auto end = std::min(connection.find(' ', at), connection.size());
    const std::string_view word = std::string_view(connection).substr(at, end - at);
    if (word.substr(0, kKey.size()) == kKey) return std::string(word.substr(kKey.size()));
    at = end + 1;
  }
  return "";
}

void bind_all(Poco::Data::Statement& statement, const std::vector<Value>& parameters) {
  for (const auto& value : parameters) {
    if (const auto* text = std::get_if<std::string>(&value)) statement, bind(*text);
    else if (const auto* number = std::get_if<std::int64_t>(&value)) statement, bind(Poco::Int64{*number});
    else statement, use(null);
  }
}

}  // namespace

Session::Session(const DatabaseLocation& location, OpenMode mode, std::string subject)
    : backend_(location.backend),
      display_(location.display),
      subject_(std::move(subject)),
      password_(location.backend == Backend::postgresql ? password_of(location.connection) : "") {
  register_connectors();
  if (backend_ == Backend::sqlite && mode == OpenMode::existing && !std::filesystem::exists(location.connection))
    throw Error("E0760", "không có " + name() + " (tệp chưa được tạo)");
  try {
    if (backend_ == Backend::sqlite) {
      session_ = std::make_unique<Poco::Data::Session>("SQLite", location.connection);
      // Another process may be writing: wait for it rather than fail.
      session_->setConnectionTimeout(60);
      // Switching a new file to WAL needs an exclusive lock, and SQLite does not wait for it through the busy
      // handler (waiting could deadlock): when another process is creating the database too, try again.
      for (int attempt = 0;; ++attempt) {
        try {
          std::string journal;
          *session_ << "PRAGMA journal_mode=WAL", into(journal), now;
          break;
        } catch (const Poco::Data::SQLite::DBLockedException&) {
          if (attempt >= 3000) throw;
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
      }
      // Durable commits: the WAL is flushed at every commit.
      *session_ << "PRAGMA synchronous=FULL", now;
    } else {
      session_ = std::make_unique<Poco::Data::Session>("PostgreSQL", location.connection);
      // Notices ("relation … already exists, skipping") are not for clerks.
      *session_ << "SET client_min_messages TO WARNING", now;
    }
  } catch (const std::exception& error) {
    fail("không mở được", error);
  }
}

Session::~Session() = default;

void Session::fail(const std::string& what, const std::exception& error) const {
  std::string detail = error.what();
  if (const auto* poco = dynamic_cast<const Poco::Exception*>(&error)) detail = poco->displayText();
  while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
  // libpq does not repeat the password, but nothing here relies on it.
  if (!password_.empty()) {
    for (auto at = detail.find(password_); at != std::string::npos; at = detail.find(password_, at + 3))
      detail.replace(at, password_.size(), "***");
  }
  // The library's own words (English) stay, marked with the library's name, after vanban's.
  const std::string library = backend_ == Backend::sqlite ? "SQLite" : "PostgreSQL";
  if (dynamic_cast<const Poco::Data::SQLite::CorruptImageException*>(&error) != nullptr)
    throw Error("E0761", name() + " bị hỏng hoặc không phải là SQLite (" + library + ": " + detail + ")");
  throw Error("E0762", name() + ": " + what + " (" + library + ": " + detail + ")");
}

void Session::execute(std::string_view sql, const std::vector<Value>& parameters) {
  try {
    Poco::Data::Statement statement(*session_);
    statement << dialect::placeholders(backend_, sql);
    bind_all(statement, parameters);
    statement.execute();
  } catch (const std::exception& error) {
    fail("lệnh thất bại", error);
  }
}

std::vector<Row> Session::select(std::string_view sql, const std::vector<Value>& parameters,
                                 const std::vector<Type>& columns) {
  std::vector<std::vector<Poco::Nullable<std::string>>> texts(columns.size());
  std::vector<std::vector<Poco::Nullable<Poco::Int64>>> integers(columns.size());
  try {
    Poco::Data::Statement statement(*session_);
    statement << dialect::placeholders(backend_, sql);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] == Type::text) statement, into(texts[i]);
      else statement, into(integers[i]);
    }
    bind_all(statement, parameters);
    statement.execute();
  } catch (const std::exception& error) {
    fail("không đọc được", error);
  }
  std::size_t count = 0;
  for (std::size_t i = 0; i < columns.size(); ++i) count = std::max({count, texts[i].size(), integers[i].size()});
  std::vector<Row> rows(count, Row(columns.size()));
  for (std::size_t i = 0; i < columns.size(); ++i) {
    for (std::size_t row = 0; row < count; ++row) {
      if (columns[i] == Type::text) {
        auto& value = texts[i].at(row);
        if (!value.isNull()) rows[row][i] = std::move(value.value());
      } else {
        const auto& value = integers[i].at(row);
        if (!value.isNull()) rows[row][i] = static_cast<std::int64_t>(value.value());
      }
    }
  }
  return rows;
}

bool Session::has_table(std::string_view name) {
  const auto rows = select(dialect::count_tables(backend_), {std::string(name)}, {Type::integer});
  return !rows.empty() && std::get<std::int64_t>(rows.front().front()) > 0;
}

std::vector<std::string> Session::integrity_problems() {
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

Transaction::Transaction(Session& session, std::string_view queue_on)
    : Transaction(session, dialect::begin_write(session.backend(), queue_on)) {}

Transaction Transaction::schema_change(Session& session) {
  return Transaction(session, dialect::begin_schema_change(session.backend()));
}

Transaction::Transaction(Session& session, const std::vector<std::string>& begin) : session_(session) {
  session_.execute(begin.front());
  open_ = true;
  try {
    for (std::size_t i = 1; i < begin.size(); ++i) session_.execute(begin[i]);
  } catch (...) {
    rollback();
    throw;
  }
}

Transaction::~Transaction() { rollback(); }

void Transaction::rollback() noexcept {
  if (!open_) return;
  open_ = false;
  try {
    session_.execute("ROLLBACK");
  } catch (...) {
    // The connection may be gone; the server or SQLite discards the transaction then.
  }
}

void Transaction::commit() {
  session_.execute("COMMIT");
  open_ = false;
}

std::string contains_pattern(std::string_view text) {
  std::string out = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace vanban::db
