#include "xlsx/workbook.hpp"

#include <xlsxwriter.h>

#include <ctime>
#include <memory>

#include "base/error.hpp"
#include "base/file_io.hpp"

namespace vanban::xlsx {

Cell Cell::of_text(std::string value, bool bold) {
  return Cell{Kind::text, std::move(value), 0, bold, NumberFormat::general};
}

Cell Cell::of_number(double value, NumberFormat format, bool bold) {
  return Cell{Kind::number, {}, value, bold, format};
}

Cell Cell::of_formula(std::string formula, double value, NumberFormat format, bool bold) {
  return Cell{Kind::formula, std::move(formula), value, bold, format};
}

std::string cell_name(std::size_t row, std::size_t column) {
  std::string letters;
  for (std::size_t c = column + 1; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row + 1);
}

namespace {

constexpr std::size_t kMaxWorkbook = 256U * 1024U * 1024U;

struct WorkbookCloser {
  void operator()(lxw_workbook* book) const { workbook_close(book); }
};

void check(lxw_error status, const std::filesystem::path& file) {
  if (status != LXW_NO_ERROR)
    throw Error(errors::kWrite, std::string("không ghi được bảng tính: ") + lxw_strerror(status), file.string());
}

// The days from 1970-01-01 to a date (proleptic Gregorian), for a creation time that never comes from the clock.
std::time_t epoch_seconds(int year, int month, int day) {
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::time_t>(era * 146097 + doe - 719468) * 86400;
}

}  // namespace

Bytes write(const Workbook& workbook, const std::filesystem::path& scratch) {
  const std::string file = scratch.string();
  std::string tmpdir = scratch.parent_path().empty() ? std::string(".") : scratch.parent_path().string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = tmpdir.data();
  options.use_zip64 = LXW_FALSE;
  {
    std::unique_ptr<lxw_workbook, WorkbookCloser> book(workbook_new_opt(file.c_str(), &options));
    if (!book) throw Error(errors::kWrite, "không tạo được bảng tính", file);
    lxw_doc_properties properties{};
    std::string title = workbook.title, author = workbook.author;
    properties.title = title.data();
    properties.author = author.data();
    properties.created = epoch_seconds(workbook.year, workbook.month, workbook.day);
    check(workbook_set_properties(book.get(), &properties), scratch);
    // One format per (bold, number format).
    lxw_format* formats[2][3] = {};
    for (int bold = 0; bold < 2; ++bold)
      for (int kind = 0; kind < 3; ++kind) {
        lxw_format* format = workbook_add_format(book.get());
        if (bold) format_set_bold(format);
        if (kind == 1) format_set_num_format(format, "#,##0");
        if (kind == 2) format_set_num_format(format, "0.00");
        formats[bold][kind] = format;
      }
    for (const auto& sheet : workbook.sheets) {
      lxw_worksheet* worksheet = workbook_add_worksheet(book.get(), sheet.name.c_str());
      if (worksheet == nullptr) throw Error(errors::kWrite, "tên trang tính không hợp lệ: " + sheet.name, file);
      for (std::size_t c = 0; c < sheet.column_widths.size(); ++c)
        check(worksheet_set_column(worksheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                   sheet.column_widths[c], nullptr),
              scratch);
      if (sheet.frozen_rows > 0) worksheet_freeze_panes(worksheet, static_cast<lxw_row_t>(sheet.frozen_rows), 0);
      for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
        for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
          const Cell& cell = sheet.rows[r][c];
          lxw_format* format = formats[cell.bold ? 1 : 0][static_cast<int>(cell.format)];
          const auto row = static_cast<lxw_row_t>(r);
          const auto column = static_cast<lxw_col_t>(c);
          switch (cell.kind) {
            case Cell::Kind::empty: break;
            case Cell::Kind::text:
              check(worksheet_write_string(worksheet, row, column, cell.text.c_str(), format), scratch);
              break;
            case Cell::Kind::number:
              check(worksheet_write_number(worksheet, row, column, cell.number, format), scratch);
              break;
            case Cell::Kind::formula:
              check(worksheet_write_formula_num(worksheet, row, column, cell.text.c_str(), format, cell.number),
                    scratch);
              break;
          }
        }
      }
    }
    lxw_workbook* raw = book.release();
    check(workbook_close(raw), scratch);
  }
  std::string problem;
  auto bytes = read_file(scratch, kMaxWorkbook, problem);
  if (!bytes) throw Error(errors::kWrite, "không đọc lại được bảng tính: " + problem, file);
  std::error_code ignored;
  std::filesystem::remove(scratch, ignored);
  return std::move(*bytes);
}

}  // namespace vanban::xlsx
