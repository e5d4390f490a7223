#include "archive/database.hpp"

#include "base/error.hpp"

namespace vanban::archive {

namespace {

constexpr const char* kSchemaMarker = "vanban-archive 1";

bool is_integer(const Column& column) { return std::holds_alternative<std::int64_t Record::*>(column.member); }

// A column's SQL type.
std::string column_type(const Column& column) { return is_integer(column) ? "BIGINT NOT NULL" : "TEXT NOT NULL"; }

// The CREATE TABLE column list of the first schema version, from the one column table.
std::string column_definitions() {
  std::string out;
  for (const Column& column : columns()) {
    if (column.since != 1) continue;
    if (!out.empty()) out += ", ";
    out += column.name;
    out += " " + column_type(column);
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

db::Schema make_schema() {
  db::Migration first;
  first.statements = {
      "CREATE TABLE archive_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
      "CREATE TABLE archive_record (" + column_definitions() + ")",
      "CREATE UNIQUE INDEX archive_record_hash ON archive_record (hash)",
      // One document record per PDF, one withdrawal per document, one trust record per anchor.
      "CREATE UNIQUE INDEX archive_record_content ON archive_record (kind, sha256)",
      "CREATE INDEX archive_record_case ON archive_record (case_id)",
      "CREATE INDEX archive_record_date ON archive_record (issued_date)",
      "CREATE INDEX archive_record_notation ON archive_record (notation_key)",
      "INSERT INTO archive_meta (name, value) VALUES ('schema', '" + std::string(kSchemaMarker) + "')",
  };
  // Version 2: each signature's PAdES level (B-B, B-T, B-LT); records made before have none.
  db::Migration second;
  for (const Column& column : columns())
    if (column.since == 2)
      second.statements.emplace_back("ALTER TABLE archive_record ADD COLUMN " + std::string(column.name) + " " +
                                     column_type(column) + (is_integer(column) ? " DEFAULT 0" : " DEFAULT ''"));
  // Archives made before schema versions were recorded have exactly the first version's tables.
  return db::Schema{"archive", {first, second}, "archive_record"};
}

}  // namespace

Database::Database(const db::DatabaseLocation& location, db::OpenMode mode)
    : session_(location, mode, "cơ sở dữ liệu lưu trữ") {}

const db::Schema& Database::schema() {
  static const db::Schema schema = make_schema();
  return schema;
}

int Database::schema_version() { return db::schema_version(session_, schema()); }

void Database::migrate() { db::migrate(session_, schema()); }

void Database::check_schema() {
  const auto rows = session_.select("SELECT value FROM archive_meta WHERE name = 'schema'", {}, {db::Type::text});
  if (rows.size() != 1 || rows.front().front() != db::Value(std::string(kSchemaMarker)))
    throw Error("E0771", session_.name() + " không phải kho lưu trữ vanban phiên bản \"" + kSchemaMarker + "\"");
}

db::Transaction Database::begin_append() {
  // Readers go on; appenders queue on the record table.
  return db::Transaction(session_, "archive_record");
}

void Database::insert(const Record& record) {
  std::string marks;
  std::vector<db::Value> values;
  for (const Column& column : columns()) {
    marks += marks.empty() ? "?" : ", ?";
    if (const auto* text = std::get_if<std::string Record::*>(&column.member)) values.emplace_back(record.*(*text));
    else values.emplace_back(record.*std::get<std::int64_t Record::*>(column.member));
  }
  session_.execute("INSERT INTO archive_record (" + column_list() + ") VALUES (" + marks + ")", values);
}

std::vector<Record> Database::select(const std::string& condition, const std::vector<db::Value>& parameters) {
  const auto& list = columns();
  std::vector<db::Type> types;
  for (const Column& column : list) types.push_back(is_integer(column) ? db::Type::integer : db::Type::text);
  auto rows = session_.select("SELECT " + column_list() + " FROM archive_record WHERE " + condition, parameters, types);
  std::vector<Record> records(rows.size());
  for (std::size_t row = 0; row < rows.size(); ++row) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto& value = rows[row][i];
      if (const auto* text = std::get_if<std::string Record::*>(&list[i].member)) {
        if (auto* got = std::get_if<std::string>(&value)) records[row].*(*text) = std::move(*got);
      } else if (const auto* got = std::get_if<std::int64_t>(&value)) {
        records[row].*std::get<std::int64_t Record::*>(list[i].member) = *got;
      }
    }
  }
  return records;
}

std::optional<std::pair<std::int64_t, std::string>> Database::tail() {
  const auto rows = session_.select("SELECT seq, hash FROM archive_record ORDER BY seq DESC LIMIT 1", {},
                                    {db::Type::integer, db::Type::text});
  if (rows.empty()) return std::nullopt;
  return std::make_pair(std::get<std::int64_t>(rows.front()[0]), std::get<std::string>(rows.front()[1]));
}

std::vector<std::string> Database::integrity_problems() { return session_.integrity_problems(); }

}  // namespace vanban::archive
