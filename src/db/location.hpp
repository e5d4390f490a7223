#pragma once
// Where a database lives: an SQLite file, or a PostgreSQL server named by a postgresql:// URI.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace vanban::db {

enum class Backend { sqlite, postgresql };

/// A database to connect to, parsed once; its display form is the only one that may reach a message.
struct DatabaseLocation {
  Backend backend = Backend::sqlite;
  std::string connection;  ///< SQLite: the file path; PostgreSQL: libpq "key=value" parameters (password too)
  std::string display;     ///< for messages: the file path, or the URI without its password
};

/// The SQLite file `file`.
DatabaseLocation sqlite_location(const std::filesystem::path& file);

/// A database reference: an SQLite file path, or postgresql://[user[:password]@][host][:port][/database]
/// [?key=value&…] (postgres:// too; values %XX-decoded). nullopt with `problem` (Vietnamese) when it cannot be used.
std::optional<DatabaseLocation> parse_location(std::string_view reference, std::string& problem);

}  // namespace vanban::db
