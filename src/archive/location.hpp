#pragma once
// Where an archive lives: the database (an SQLite file or a PostgreSQL server) and the folder of stored files.

#include <filesystem>
#include <optional>
#include <string>

namespace vanban::archive {

enum class Backend { sqlite, postgresql };

struct Location {
  Backend backend = Backend::sqlite;
  std::string database;          ///< SQLite: the file path; PostgreSQL: libpq "key=value" parameters
  std::string display;           ///< for messages: the file path, or the URI without its password
  std::filesystem::path store;   ///< the store folder: objects/, the chain head, and the SQLite file by default
};

/// The SQLite file's name inside the store folder when --db is not given.
inline constexpr const char* kDefaultDatabaseName = "archive.sqlite";

/// The location from --db (a file path, or postgresql://[user[:password]@][host][:port][/database][?key=value&…])
/// and the store folder. nullopt with `problem` (Vietnamese) when the URI cannot be used.
std::optional<Location> make_location(const std::optional<std::string>& database, const std::filesystem::path& store,
                                      std::string& problem);

}  // namespace vanban::archive
