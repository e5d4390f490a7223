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

/// A selected value as text ("" for NULL or a number).
inline std::string text_of(const Value& value) {
  const auto* text = std::get_if<std::string>(&value);
  return text != nullptr ? *text : std::string();
}

/// A selected value as an integer (0 for NULL or text).
inline std::int64_t integer_of(const Value& value) {
  const auto* number = std::get_if<std::int64_t>(&value);
  return number != nullptr ? *number : 0;
}

}  // namespace vanban::db
