#include "db/dialect.hpp"

namespace vanban::db::dialect {

namespace {

// The lock key every vanban binary takes for a schema change (since the archive's first schema).
constexpr const char* kSchemaLock = "SELECT pg_advisory_xact_lock(7102024)";

}  // namespace

std::string placeholders(Backend backend, std::string_view sql) {
  if (backend == Backend::sqlite) return std::string(sql);
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

std::vector<std::string> begin_write(Backend backend, std::string_view queue_on) {
  // IMMEDIATE takes the write lock now: a deferred transaction could not upgrade while another writes.
  if (backend == Backend::sqlite) return {"BEGIN IMMEDIATE"};
  if (queue_on.empty()) return {"BEGIN"};
  return {"BEGIN", "LOCK TABLE " + std::string(queue_on) + " IN EXCLUSIVE MODE"};
}

std::vector<std::string> begin_schema_change(Backend backend) {
  if (backend == Backend::sqlite) return {"BEGIN IMMEDIATE"};
  return {"BEGIN", kSchemaLock};
}

std::string count_tables(Backend backend) {
  if (backend == Backend::sqlite) return "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?";
  return "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = ? AND schemaname = current_schema()";
}

}  // namespace vanban::db::dialect
