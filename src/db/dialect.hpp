#pragma once
// Internal to db: every difference between the SQL of SQLite and of PostgreSQL, in one place.

#include <string>
#include <string_view>
#include <vector>

#include "db/location.hpp"

namespace vanban::db::dialect {

/// `sql` with its ? placeholders (outside quotes) as the backend numbers them: PostgreSQL's $1, $2, …
std::string placeholders(Backend backend, std::string_view sql);

/// The statements that begin a write transaction; with `queue_on` (a table), PostgreSQL also locks that table so
/// that readers go on and every other transaction queued on it waits. SQLite takes its one write lock at once.
std::vector<std::string> begin_write(Backend backend, std::string_view queue_on);

/// The statements that begin a transaction changing the schema: one at a time in the whole database
/// (concurrent CREATE TABLE IF NOT EXISTS can collide on PostgreSQL).
std::vector<std::string> begin_schema_change(Backend backend);

/// A query counting the tables named by its one parameter (in the current schema on PostgreSQL).
std::string count_tables(Backend backend);

}  // namespace vanban::db::dialect
