#pragma once
// The statistics report and the list of what is due, as workflows every front end runs: the request checked once
// (RequestError names the option), the cases read and checked as `validate` reads them, counted by reports over the
// rules in force, and the outputs (text, csv with a BOM, a BÁO CÁO as PDF/A-1b, an xlsx workbook with formulas).

#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/bytes.hpp"
#include "base/diagnostics.hpp"
#include "pipeline/engine.hpp"
#include "pipeline/request.hpp"
#include "reports/deadlines.hpp"
#include "reports/statistics.hpp"

namespace vanban::pipeline {

/// The output formats of the report and deadline commands.
enum class OutputFormat { text, csv, json, pdf, xlsx };

/// A report request as the front end received it (absent: not given).
struct ReportRequest {
  std::optional<std::string> from;                ///< --from: dd/mm/yyyy or yyyy-mm-dd
  std::optional<std::string> to;                  ///< --to
  std::optional<std::string> year;                ///< --year: the statistics year (01/10 of the year before to 30/09)
  std::optional<std::string> months;              ///< --months 3|6|10|12 (default 12)
  std::optional<std::string> target_cases;        ///< --target-cases P: the target rate in việc, 0–100
  std::optional<std::string> target_money;        ///< --target-money P: the target rate in tiền, 0–100
  std::optional<std::string> by;                  ///< --by officer|kind|month
  std::optional<std::string> format;              ///< --format text|csv|json|pdf|xlsx
  std::optional<std::string> date;                ///< --date: the report's date (default today)
  OptionStyle style = OptionStyle::command_line;  ///< how messages name the options
};

/// What a report is asked for, checked.
struct ReportOptions {
  reports::Period period;
  std::optional<std::int64_t> target_cases;  ///< hundredths of a percent
  std::optional<std::int64_t> target_money;
  reports::Grouping grouping = reports::Grouping::none;
  OutputFormat format = OutputFormat::text;
  model::Date date;  ///< the report's date (the BÁO CÁO's place and date line)
};

/// Checks a report request; `today` is the front end's clock. Throws RequestError naming the option: a period that
/// ends before it starts, both --from/--to and --year, a target outside 0–100, an unknown grouping or format.
ReportOptions report_options(const ReportRequest& request, model::Date today);

/// A format option (`option`, "--format" unless said); `allowed` lists the formats the command writes. Throws
/// RequestError.
OutputFormat parse_format(const std::optional<std::string>& text, const std::vector<OutputFormat>& allowed,
                          const std::string& option = "--format");

/// What takes the cases of the input files: each case in file order; before each file a checkpoint, and a rollback
/// to it when the reader takes back the cases of the file it is reading (it starts that file again).
struct CaseConsumer {
  std::function<void(const model::Case&)> visit;
  std::function<void()> checkpoint;
  std::function<void()> rollback;
};

/// The cases of the input files (files, registers, folders), read and checked as `validate` reads them, each completed
/// from the office profile as on `date` (pipeline/office.hpp: E0317, E0318, W0319), and streamed to `consumer` (a
/// large register is never held whole). Every problem goes to `diagnostics`; returns false (after reading every file)
/// when a file was refused or a case could not be completed.
bool for_each_case(const Engine& engine, const std::vector<std::filesystem::path>& inputs, model::Date date,
                   const CaseConsumer& consumer, Diagnostics& diagnostics,
                   text::RepairMode repair = text::RepairMode::repair);

/// The cases of one file's bytes (a case or a register, named `file` in diagnostics and in the cases' locations), read,
/// completed and streamed as for_each_case does for each input file: a checkpoint first, a rollback when the reader
/// starts again. False when the file was refused or a case could not be completed.
bool for_each_case_in(const Engine& engine, std::string_view bytes, const std::string& file, model::Date date,
                      const CaseConsumer& consumer, Diagnostics& diagnostics,
                      text::RepairMode repair = text::RepairMode::repair);

/// Where a report's cases come from (input files, the case store): streams each case, completed as on `date`, to the
/// consumer; false when one was refused (its problems in `diagnostics`).
using CaseSource = std::function<bool(model::Date date, const CaseConsumer& consumer, Diagnostics& diagnostics)>;

/// The input files (files, registers, folders) as a case source (for_each_case).
CaseSource input_cases(const Engine& engine, std::vector<std::filesystem::path> inputs,
                       text::RepairMode repair = text::RepairMode::repair);

/// The agency and head of the office a report speaks for: the office profile's on the report's date, else the first
/// case's.
struct Office {
  model::Agency agency;
  std::optional<model::Officer> head;
  std::string procuracy;  ///< the procuracy the report goes to, when the office profile names it
};

/// A finished statistics report with what its document needs.
struct StatisticsReport {
  reports::Statistics statistics;
  ReportOptions options;
  std::optional<Office> office;
};

/// Reads the inputs and counts every case under the statistics regime in force on the period's last day. nullopt with
/// diagnostics when a file is refused (no report is made of a register with errors), when no regime covers the
/// period (E0905), or when a sum of the rules does not add up (E0906).
std::optional<StatisticsReport> run_statistics(const Engine& engine, const std::vector<std::filesystem::path>& inputs,
                                               const ReportOptions& options, Diagnostics& diagnostics,
                                               text::RepairMode repair = text::RepairMode::repair);
/// The same over the cases of `cases` (the case store's, for the service).
std::optional<StatisticsReport> run_statistics(const Engine& engine, const CaseSource& cases,
                                               const ReportOptions& options, Diagnostics& diagnostics);

/// The report as plain text (UTF-8), one figure per line, for a terminal.
std::string statistics_text(const StatisticsReport& report);
/// The report as CSV with a UTF-8 BOM (Excel reads Vietnamese): one line per row, việc then tiền for each column,
/// then the rates.
std::string statistics_csv(const StatisticsReport& report);
/// The report as a BÁO CÁO in the Nghị định 30 layout (PDF/A-1b): header, Số …/BC-…, the opening paragraph in the
/// office's own wording, the tables, a chart of the rates, signature and nơi nhận.
Bytes statistics_pdf(const Engine& engine, const StatisticsReport& report, Diagnostics& diagnostics);
/// The report as an xlsx workbook with the form's columns and formulas for the sums and rates. `scratch` is a file
/// name libxlsxwriter may write (it writes only to a named file); it is removed.
Bytes statistics_xlsx(const StatisticsReport& report, const std::filesystem::path& scratch);

/// A deadline request as the front end received it.
struct DeadlineRequest {
  std::optional<std::string> as_of;    ///< --as-of: dd/mm/yyyy or yyyy-mm-dd (required)
  std::optional<std::string> within;   ///< --within N working days (default 0: only what is overdue or due today)
  std::optional<std::string> officer;  ///< --officer: an officer id, card number or name
  std::optional<std::string> format;   ///< --format text|csv|json|pdf
  OptionStyle style = OptionStyle::command_line;  ///< how messages name the options
};

/// What a deadline list is asked for, checked.
struct DeadlineOptions {
  model::Date as_of;
  int within = 0;
  std::optional<std::string> officer;
  OutputFormat format = OutputFormat::text;
};

/// Checks a deadline request. Throws RequestError naming the option.
DeadlineOptions deadline_options(const DeadlineRequest& request);

/// One line of the list: the step and the case file it came from (due_command gives the command that drafts it).
struct DueItem {
  reports::Deadline deadline;
  std::string file;
};

/// The lines of a deadline list, held compactly (a register of 100,000 cases lists about 180,000): each text of a line
/// (case id, debtor, step, label, basis, officer, template, file) kept once however many lines share it, a line its
/// texts' indices, dates and flags; each line made whole (a DueItem) as it is read.
class DueLines {
 public:
  /// Reads the lines in order, each made whole.
  class const_iterator {
   public:
    using value_type = DueItem;
    using difference_type = std::ptrdiff_t;
    const_iterator() = default;
    const_iterator(const DueLines* lines, std::size_t at) : lines_(lines), at_(at) {}
    DueItem operator*() const { return (*lines_)[at_]; }
    const_iterator& operator++() {
      ++at_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++at_;
      return before;
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.at_ == b.at_; }

   private:
    const DueLines* lines_ = nullptr;
    std::size_t at_ = 0;
  };

  DueLines() = default;
  // A copy's index would view the texts of the original: the lines are moved, never copied.
  DueLines(const DueLines&) = delete;
  DueLines& operator=(const DueLines&) = delete;
  DueLines(DueLines&&) = default;  // a deque's elements keep their places when it is moved
  DueLines& operator=(DueLines&&) = default;

  /// Adds a line at the end, its texts kept once.
  void push_back(const DueItem& item);
  /// Line `at` made whole.
  DueItem operator[](std::size_t at) const;
  [[nodiscard]] std::size_t size() const { return lines_.size(); }
  [[nodiscard]] bool empty() const { return lines_.empty(); }
  [[nodiscard]] const_iterator begin() const { return {this, 0}; }
  [[nodiscard]] const_iterator end() const { return {this, lines_.size()}; }
  /// How many distinct texts the lines keep.
  [[nodiscard]] std::size_t texts() const { return texts_.size(); }
  /// Keeps the first `count` lines (the texts they no longer use stay).
  void truncate(std::size_t count);
  /// Orders the lines by reports::DeadlineKey, lines of the same key in the order they were added: in place, without
  /// a second copy of the lines.
  void sort();

 private:
  using Text = std::uint32_t;  // a text's index in texts_
  struct Line {
    Text case_id, debtor, step, label, basis, officer, template_name, file;
    model::Date trigger, due;
    std::int64_t days;
    std::uint32_t order;
    bool confirmed, candidate, unrecorded;
  };
  Text keep(const std::string& text);
  std::deque<Line> lines_;
  std::deque<std::string> texts_;                     // never moved: index_'s keys view them
  std::unordered_map<std::string_view, Text> index_;  // a text → its index
};

/// The list of what is due, a line per step: the lines held compactly, and what their commands need kept once, not a
/// command per line.
struct DeadlineList {
  DeadlineOptions options;
  DueLines items;
  std::optional<Office> office;
  std::map<std::string, std::size_t> cases_per_file;  ///< file → how many cases it holds (a register's need --case)
  std::map<std::string, std::string> parameters;      ///< template → its required parameters, " --set NAME=…" each
};

/// The command that drafts an item's document ("vanban render FILE [--case ID] --template T … -o ID-T.pdf"); "" when
/// no template drafts it.
std::string due_command(const DeadlineList& list, const DueItem& item);

/// Reads the inputs and lists every step overdue or due within the window, most overdue first. nullopt with
/// diagnostics when a file is refused.
std::optional<DeadlineList> run_deadlines(const Engine& engine, const std::vector<std::filesystem::path>& inputs,
                                          const DeadlineOptions& options, Diagnostics& diagnostics,
                                          text::RepairMode repair = text::RepairMode::repair);
/// The same over the cases of `cases` (the case store's, for the service).
std::optional<DeadlineList> run_deadlines(const Engine& engine, const CaseSource& cases, const DeadlineOptions& options,
                                          Diagnostics& diagnostics);

/// Where a long output goes a piece at a time (never held whole).
using TextSink = std::function<void(std::string_view)>;
/// A sink that puts each piece on `out`.
TextSink stream_sink(std::ostream& out);

/// The list as text, one line per step, handed to `write` a line at a time.
void write_deadlines_text(const DeadlineList& list, const TextSink& write);
/// The list as text, one line per step.
std::string deadlines_text(const DeadlineList& list);
/// The list as CSV with a BOM, handed to `write` a line at a time.
void write_deadlines_csv(const DeadlineList& list, const TextSink& write);
/// The list as CSV with a BOM.
std::string deadlines_csv(const DeadlineList& list);
/// The list as a BÁO CÁO with one table (PDF/A-1b).
Bytes deadlines_pdf(const Engine& engine, const DeadlineList& list, Diagnostics& diagnostics);

/// "52,87" from hundredths of a percent; "-" when absent.
std::string percent_text(const std::optional<std::int64_t>& hundredths);

}  // namespace vanban::pipeline
