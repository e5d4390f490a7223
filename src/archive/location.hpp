#pragma once
// Where an archive lives: its database (an SQLite file or a PostgreSQL server, db's business) and the folder of
// stored files (the archive's).

#include <filesystem>
#include <optional>
#include <string>

#include "db/location.hpp"

namespace vanban::archive {

struct Location {
  db::DatabaseLocation database;  ///< the records
  std::filesystem::path store;    ///< the store folder: objects/, the chain head, and the SQLite file by default
};

/// The SQLite file's name inside the store folder when --db is not given.
inline constexpr const char* kDefaultDatabaseName = "archive.sqlite";

/// The location from --db (see db::parse_location; without it, the SQLite file kDefaultDatabaseName in the store
/// folder) and the store folder. nullopt with `problem` (Vietnamese) when the database reference cannot be used.
std::optional<Location> make_location(const std::optional<std::string>& database, const std::filesystem::path& store,
                                      std::string& problem);

}  // namespace vanban::archive
