#pragma once
// A neutral table with formulas, written as an Excel workbook (.xlsx) by libxlsxwriter: sheets of rows of cells, each
// empty, a text, a number or a formula with its computed value (so a reader that does not recalculate shows it).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/bytes.hpp"

namespace vanban::xlsx {

/// How a number is shown.
enum class NumberFormat { general, thousands, percent_value };

/// One cell.
struct Cell {
  enum class Kind { empty, text, number, formula };
  Kind kind = Kind::empty;
  std::string text;   ///< the text, or the formula ("=B5+C5")
  double number = 0;  ///< the number, or the formula's computed value
  bool bold = false;
  NumberFormat format = NumberFormat::general;

  static Cell of_text(std::string value, bool bold = false);
  static Cell of_number(double value, NumberFormat format = NumberFormat::thousands, bool bold = false);
  static Cell of_formula(std::string formula, double value, NumberFormat format = NumberFormat::thousands,
                         bool bold = false);
};

/// One worksheet.
struct Sheet {
  std::string name;  ///< at most 31 characters, none of []:*?/\ (Excel's rules)
  std::vector<std::vector<Cell>> rows;
  std::vector<double> column_widths;  ///< in characters; missing columns keep Excel's default
  std::size_t frozen_rows = 0;        ///< header rows kept in view when scrolling
};

/// A workbook and its document properties.
struct Workbook {
  std::vector<Sheet> sheets;
  std::string title;
  std::string author;
  int year = 1980, month = 1, day = 1;  ///< the creation date in the properties (never the clock)
};

/// A cell's name in A1 notation from 0-based row and column: (4, 1) → "B5".
std::string cell_name(std::size_t row, std::size_t column);

/// The workbook's bytes. libxlsxwriter writes only to a named file: `scratch` is that file (its folder also takes
/// libxlsxwriter's temporary files), removed afterwards. Throws vanban::Error (E0803) when it cannot be written.
Bytes write(const Workbook& workbook, const std::filesystem::path& scratch);

}  // namespace vanban::xlsx
