#pragma once
// CSV as vanban writes it for spreadsheets, one way everywhere: the batch manifest, the statistics report and the
// deadline list.

#include <string>
#include <string_view>
#include <vector>

namespace vanban::pipeline {

/// The UTF-8 byte order mark every CSV file starts with: spreadsheet programs then read Vietnamese as UTF-8.
inline constexpr std::string_view kCsvByteOrderMark = "\xEF\xBB\xBF";

/// A field as written: in quotes (a quote doubled) when it holds a comma, a quote or a line break, else as it is.
std::string csv_field(std::string_view value);

/// The value a field written by csv_field holds: its exact inverse (a quoted field unquoted, its quotes undoubled).
std::string csv_value(std::string_view field);

/// The fields of one record (quotes and doubled quotes; a carriage return dropped; no line break inside a field).
std::vector<std::string> csv_fields(std::string_view line);

}  // namespace vanban::pipeline
