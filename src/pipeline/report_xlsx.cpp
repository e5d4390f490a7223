// The statistics report as an xlsx workbook: the form's columns (việc and tiền for each), one line per unit and a
// total line; columns the rules define as sums are Excel formulas over the same line, the total line sums the units
// (when units add up: officers and kinds, not months), and the rates are formulas, so that a province can add the
// sheets of its offices up and every figure follows.

#include "pipeline/report.hpp"
#include "text/dates.hpp"
#include "xlsx/workbook.hpp"

namespace vanban::pipeline {

namespace {

constexpr std::size_t kHeaderRows = 4;  // title, period, regime, column headings

// The sheet column of a form column: việc at 1 + 2c, tiền next to it.
std::size_t cases_column(std::size_t c) { return 1 + 2 * c; }

class SheetBuilder {
 public:
  explicit SheetBuilder(const StatisticsReport& report)
      : report_(report), statistics_(report.statistics), regime_(*report.statistics.regime) {}

  xlsx::Workbook build() {
    xlsx::Workbook book;
    book.title = "Báo cáo kết quả thi hành án dân sự";
    book.author = report_.office ? report_.office->agency.name.value : std::string("vanban");
    book.year = report_.options.date.year();
    book.month = report_.options.date.month();
    book.day = report_.options.date.day();
    xlsx::Sheet sheet;
    sheet.name = "Bieu " + sanitize(regime_.form_code);
    sheet.frozen_rows = kHeaderRows;
    const auto& period = statistics_.period;
    sheet.rows.push_back({xlsx::Cell::of_text(
        "BÁO CÁO KẾT QUẢ THI HÀNH ÁN DÂN SỰ" + (report_.office ? " - " + report_.office->agency.name.value : ""),
        true)});
    sheet.rows.push_back({xlsx::Cell::of_text(
        "Kỳ báo cáo: từ " + text::short_date(period.from.year(), period.from.month(), period.from.day()) + " đến " +
        text::short_date(period.to.year(), period.to.month(), period.to.day()))});
    sheet.rows.push_back(
        {xlsx::Cell::of_text("Chế độ: " + regime_.name + "; biểu " + regime_.form_code + " (cột: chưa xác nhận)")});
    std::vector<xlsx::Cell> heading{xlsx::Cell::of_text("Đơn vị", true)};
    for (const auto& column : regime_.columns) {
      heading.push_back(xlsx::Cell::of_text(column.number + ". " + column.label + " (việc)", true));
      heading.push_back(xlsx::Cell::of_text(column.number + ". " + column.label + " (tiền, đồng)", true));
    }
    for (const auto& rate : regime_.rates) heading.push_back(xlsx::Cell::of_text(rate.label + " (%)", true));
    sheet.rows.push_back(std::move(heading));
    sheet.column_widths.assign(1 + 2 * regime_.columns.size() + regime_.rates.size(), 16);
    sheet.column_widths[0] = 32;

    const std::size_t first = sheet.rows.size();
    for (const auto& row : statistics_.rows) sheet.rows.push_back(line(row, sheet.rows.size(), false, 0, 0));
    const std::size_t last = sheet.rows.size();  // one past the units
    // Units add up to the total for officers and kinds; months are periods of their own.
    const bool sums = !statistics_.rows.empty() && statistics_.grouping != reports::Grouping::month;
    sheet.rows.push_back(line(statistics_.total, sheet.rows.size(), sums, first, last));
    book.sheets.push_back(std::move(sheet));
    return book;
  }

 private:
  static std::string sanitize(const std::string& name) {
    std::string out;
    for (const char c : name)
      out += (c == '/' || c == '\\' || c == '[' || c == ']' || c == ':' || c == '*' || c == '?') ? '-' : c;
    return out.substr(0, 25);
  }

  // One line: the unit's label, each column's việc and tiền (numbers, sums of the units, or formulas), the rates.
  std::vector<xlsx::Cell> line(const reports::Row& row, std::size_t at, bool sums, std::size_t first,
                               std::size_t last) const {
    const bool total = &row == &statistics_.total;
    std::vector<xlsx::Cell> cells{xlsx::Cell::of_text(row.label, total)};
    for (std::size_t c = 0; c < regime_.columns.size(); ++c) {
      const auto& column = regime_.columns[c];
      for (const bool money : {false, true}) {
        const std::size_t sheet_column = cases_column(c) + (money ? 1 : 0);
        const double value = static_cast<double>(money ? row.figures[c].money : row.figures[c].cases);
        if (column.kind == rules::Column::Kind::formula) {
          std::string formula = "=";
          for (std::size_t t = 0; t < column.terms.size(); ++t) {
            const auto& term = column.terms[t];
            if (t > 0 || term.minus) formula += term.minus ? "-" : "+";
            formula += xlsx::cell_name(at, cases_column(term.column) + (money ? 1 : 0));
          }
          cells.push_back(xlsx::Cell::of_formula(formula, value, xlsx::NumberFormat::thousands, total));
        } else if (sums) {
          cells.push_back(xlsx::Cell::of_formula(
              "=SUM(" + xlsx::cell_name(first, sheet_column) + ":" + xlsx::cell_name(last - 1, sheet_column) + ")",
              value, xlsx::NumberFormat::thousands, total));
        } else {
          cells.push_back(xlsx::Cell::of_number(value, xlsx::NumberFormat::thousands, total));
        }
      }
    }
    const auto values = statistics_.rates(row);
    for (std::size_t r = 0; r < regime_.rates.size(); ++r) {
      const auto& rate = regime_.rates[r];
      const std::size_t offset = rate.of == rules::Measure::money ? 1 : 0;
      const std::string numerator = xlsx::cell_name(at, cases_column(rate.numerator) + offset);
      const std::string denominator = xlsx::cell_name(at, cases_column(rate.denominator) + offset);
      const double value = values[r].hundredths ? static_cast<double>(*values[r].hundredths) / 100.0 : 0.0;
      cells.push_back(
          xlsx::Cell::of_formula("=IF(" + denominator + "=0,0,ROUND(" + numerator + "/" + denominator + "*100,2))",
                                 value, xlsx::NumberFormat::percent_value, total));
    }
    return cells;
  }

  const StatisticsReport& report_;
  const reports::Statistics& statistics_;
  const rules::StatisticsRegime& regime_;
};

}  // namespace

Bytes statistics_xlsx(const StatisticsReport& report, const std::filesystem::path& scratch) {
  return xlsx::write(SheetBuilder(report).build(), scratch);
}

}  // namespace vanban::pipeline
