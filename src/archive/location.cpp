#include "archive/location.hpp"

#include <utility>

namespace vanban::archive {

std::optional<Location> make_location(const std::optional<std::string>& database, const std::filesystem::path& store,
                                      std::string& problem) {
  Location location;
  location.store = store;
  if (!database) {
    location.database = db::sqlite_location(store / kDefaultDatabaseName);
    return location;
  }
  auto parsed = db::parse_location(*database, problem);
  if (!parsed) return std::nullopt;
  location.database = std::move(*parsed);
  return location;
}

}  // namespace vanban::archive
