#pragma once
// The values that go into and come out of a database.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace vanban::db {

/// A bound parameter or a selected value: NULL, UTF-8 text or a 64-bit integer.
using Value = std::variant<std::monostate, std::string, std::int64_t>;

/// One selected row: a value per selected column.
using Row = std::vector<Value>;

/// What a selected column holds (SQLite types each value, not the column, so the caller says what it reads).
enum class Type { text, integer };

}  // namespace vanban::db
