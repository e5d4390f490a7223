#include "pipeline/report.hpp"

#include <algorithm>
#include <map>
#include <ostream>

#include "base/decimal.hpp"
#include "base/utf8.hpp"
#include "pipeline/csv.hpp"
#include "pipeline/office.hpp"
#include "pipeline/request.hpp"
#include "rules/law.hpp"
#include "text/collation.hpp"
#include "text/dates.hpp"
#include "text/numbers.hpp"

namespace vanban::pipeline {

namespace {

// A percentage option (--target-cases 47,5): 0 to 100 with up to two decimals, in hundredths.
std::int64_t parse_target(const std::string& option, const std::string& text) {
  std::string value = text;
  std::replace(value.begin(), value.end(), ',', '.');
  const auto dot = value.find('.');
  const std::string whole = value.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : value.substr(dot + 1);
  const bool digits = !whole.empty() && whole.size() <= 3 && fraction.size() <= 2 &&
                      whole.find_first_not_of("0123456789") == std::string::npos &&
                      fraction.find_first_not_of("0123456789") == std::string::npos &&
                      (dot == std::string::npos || !fraction.empty());
  const std::int64_t hundredths =
      digits ? std::stoll(whole) * 100 + (fraction.empty() ? 0 : std::stoll(fraction) * (fraction.size() == 1 ? 10 : 1))
             : -1;
  if (hundredths < 0 || hundredths > 10000)
    throw RequestError(option + " \"" + text + "\" phải là tỷ lệ phần trăm từ 0 đến 100 (ví dụ 47,5)");
  return hundredths;
}

std::string short_date(model::Date date) { return text::short_date(date.year(), date.month(), date.day()); }

// Pads `text` with spaces to `width` code points (left or right aligned).
std::string pad(const std::string& text, std::size_t width, bool right) {
  const std::size_t length = utf8::length(text);
  if (length >= width) return text;
  const std::string spaces(width - length, ' ');
  return right ? spaces + text : text + spaces;
}

}  // namespace

std::string percent_text(const std::optional<std::int64_t>& hundredths) {
  if (!hundredths) return "-";
  // Exact: a whole number of hundredths is within far less than half a hundredth of its double.
  return decimal_comma(static_cast<double>(*hundredths) / 100.0, 2);
}

OutputFormat parse_format(const std::optional<std::string>& text, const std::vector<OutputFormat>& allowed,
                          const std::string& option) {
  static const std::pair<const char*, OutputFormat> kNames[] = {{"text", OutputFormat::text},
                                                                {"csv", OutputFormat::csv},
                                                                {"json", OutputFormat::json},
                                                                {"pdf", OutputFormat::pdf},
                                                                {"xlsx", OutputFormat::xlsx}};
  std::string names;
  for (const auto& [name, format] : kNames) {
    if (std::find(allowed.begin(), allowed.end(), format) == allowed.end()) continue;
    if (!text || *text == name) return format;
    names += (names.empty() ? "" : ", ") + std::string(name);
  }
  throw RequestError(option + " \"" + text.value_or("") + "\" không hợp lệ (" + names + ")");
}

ReportOptions report_options(const ReportRequest& request, model::Date today) {
  const auto name = [&request](std::string_view option) { return option_name(option, request.style); };
  ReportOptions options;
  const bool range = request.from || request.to;
  if (range && request.year) throw RequestError(name("year") + " không dùng cùng " + name("from") + ", " + name("to"));
  if (request.months && !request.year) throw RequestError(name("months") + " chỉ dùng cùng " + name("year"));
  if (range) {
    if (!request.from || !request.to) throw RequestError("thiếu " + name(request.from ? "to" : "from"));
    options.period = {parse_date(name("from"), *request.from), parse_date(name("to"), *request.to)};
    if (options.period.to < options.period.from)
      throw RequestError(name("to") + " \"" + *request.to + "\" trước " + name("from") + " \"" + *request.from +
                         "\": kỳ báo cáo kết thúc trước khi bắt đầu");
  } else if (request.year) {
    const int year = parse_year(*request.year, name("year"));
    const std::string months = request.months.value_or("12");
    const bool months_digits =
        !months.empty() && months.size() <= 2 && months.find_first_not_of("0123456789") == std::string::npos;
    const auto period = months_digits ? reports::statistics_period(year, std::stoi(months)) : std::nullopt;
    if (!period)
      throw RequestError(name("months") + " \"" + months + "\" phải là 3, 6, 10 hoặc 12 (số tháng lũy kế từ 01/10)");
    options.period = *period;
  } else {
    throw RequestError("cần kỳ báo cáo: " + name("from") + " NGÀY " + name("to") + " NGÀY, hoặc " + name("year") +
                       " NĂM [" + name("months") + " 3|6|10|12]");
  }
  if (request.target_cases) options.target_cases = parse_target(name("target-cases"), *request.target_cases);
  if (request.target_money) options.target_money = parse_target(name("target-money"), *request.target_money);
  if (request.by) {
    if (*request.by == "officer") options.grouping = reports::Grouping::officer;
    else if (*request.by == "kind") options.grouping = reports::Grouping::kind;
    else if (*request.by == "month") options.grouping = reports::Grouping::month;
    else throw RequestError(name("by") + " \"" + *request.by + "\" không hợp lệ (officer, kind, month)");
  }
  options.format =
      parse_format(request.format,
                   {OutputFormat::text, OutputFormat::csv, OutputFormat::json, OutputFormat::pdf, OutputFormat::xlsx},
                   name("format"));
  options.date = request.date ? parse_date(name("date"), *request.date) : today;
  // The BÁO CÁO's chart and second table are per officer unless another grouping is asked for.
  if (options.format == OutputFormat::pdf && !request.by) options.grouping = reports::Grouping::officer;
  return options;
}

DeadlineOptions deadline_options(const DeadlineRequest& request) {
  const auto name = [&request](std::string_view option) { return option_name(option, request.style); };
  DeadlineOptions options;
  if (!request.as_of)
    throw RequestError("thiếu tùy chọn bắt buộc " + name("as-of") + " (ngày xét, dd/mm/yyyy hoặc yyyy-mm-dd)");
  options.as_of = parse_date(name("as-of"), *request.as_of);
  if (request.within) {
    const std::string& within = *request.within;
    if (within.empty() || within.size() > 3 || within.find_first_not_of("0123456789") != std::string::npos)
      throw RequestError(name("within") + " \"" + within + "\" phải là số ngày làm việc từ 0 đến 999");
    options.within = std::stoi(within);
  }
  options.officer = request.officer;
  options.format = parse_format(
      request.format, {OutputFormat::text, OutputFormat::csv, OutputFormat::json, OutputFormat::pdf}, name("format"));
  return options;
}

bool for_each_case_in(const Engine& engine, std::string_view bytes, const std::string& file, model::Date date,
                      const CaseConsumer& consumer, Diagnostics& diagnostics, text::RepairMode repair) {
  Diagnostics local;
  Diagnostics completing;  // of the cases handed over, taken back with them when the reader starts again
  consumer.checkpoint();
  const auto visit = [&](model::Case&& the_case) {
    std::shared_ptr<const model::Case> completed;
    if (complete_case(the_case, engine.office(), date, completed, completing))
      consumer.visit(completed ? *completed : the_case);
  };
  const auto restart = [&] {
    completing = Diagnostics();
    consumer.rollback();
  };
  const bool read = engine.for_each_case(bytes, file, local, visit, restart, repair);
  diagnostics.merge(local);
  diagnostics.merge(completing);
  return read && !completing.has_errors();
}

bool for_each_case(const Engine& engine, const std::vector<std::filesystem::path>& inputs, model::Date date,
                   const CaseConsumer& consumer, Diagnostics& diagnostics, text::RepairMode repair) {
  bool all_read = true;
  for (const auto& input : inputs) {
    for (const auto& path : case_files(input)) {
      const auto bytes = read_input_file(path, diagnostics);
      if (!bytes || !for_each_case_in(engine, *bytes, path.string(), date, consumer, diagnostics, repair))
        all_read = false;
    }
  }
  return all_read;
}

CaseSource input_cases(const Engine& engine, std::vector<std::filesystem::path> inputs, text::RepairMode repair) {
  return [&engine, inputs = std::move(inputs), repair](model::Date date, const CaseConsumer& consumer,
                                                       Diagnostics& diagnostics) {
    return for_each_case(engine, inputs, date, consumer, diagnostics, repair);
  };
}

namespace {

// The office of `agency` with its head among `officers` (the first who is neither a deputy, a chấp hành viên nor a
// thư ký).
Office office_of(const model::Agency& agency, const std::vector<model::Officer>& officers) {
  Office office{agency, std::nullopt, {}};
  for (const auto& officer : officers) {
    const std::string& position = officer.position.value;
    if (position.find("Phó") != std::string::npos || position.find("Chấp hành viên") != std::string::npos ||
        position.find("Thư ký") != std::string::npos)
      continue;
    office.head = officer;
    break;
  }
  return office;
}

// The office a report dated `date` speaks for: the office profile's name and officers on that date, else the first
// case's.
std::optional<Office> report_office(const Engine& engine, model::Date date, const model::Case* first_case) {
  if (const model::OfficeProfile* profile = engine.office())
    if (auto agency = profile->agency_on(date)) {
      Office office = office_of(*agency, profile->officers_on(date));
      office.procuracy = profile->bodies_on(date).procuracy;
      return office;
    }
  if (first_case != nullptr) return office_of(first_case->agency, first_case->officers);
  return std::nullopt;
}

}  // namespace

std::optional<StatisticsReport> run_statistics(const Engine& engine, const std::vector<std::filesystem::path>& inputs,
                                               const ReportOptions& options, Diagnostics& diagnostics,
                                               text::RepairMode repair) {
  return run_statistics(engine, input_cases(engine, inputs, repair), options, diagnostics);
}

std::optional<StatisticsReport> run_statistics(const Engine& engine, const CaseSource& cases,
                                               const ReportOptions& options, Diagnostics& diagnostics) {
  const rules::StatisticsRegime* regime = engine.law().statistics.regime_on(options.period.to);
  if (regime == nullptr) {
    diagnostics.error("E0905", SourceLoc{},
                      "không có chế độ thống kê nào (rules/statistics.xml) áp dụng cho kỳ kết thúc ngày " +
                          short_date(options.period.to));
    return std::nullopt;
  }
  // The form's column numbers are not yet checked against the Thông tư (rules/statistics.xml confirmed="false"): the
  // clerk is told here, never on the page that is signed.
  if (!regime->confirmed || std::any_of(regime->columns.begin(), regime->columns.end(),
                                        [](const rules::Column& column) { return !column.confirmed; }))
    diagnostics.warning("W0907", SourceLoc{},
                        "số hiệu cột của biểu " + regime->form_code + " (" + regime->name +
                            ") chưa được đối chiếu với văn bản gốc: kiểm tra lại trước khi ký báo cáo");
  reports::Tally tally(*regime, options.period, options.grouping);
  std::optional<reports::Tally> saved;
  std::optional<model::Case> first;
  CaseConsumer consumer;
  consumer.visit = [&](const model::Case& the_case) {
    if (!first) first = the_case;
    tally.add(the_case);
  };
  consumer.checkpoint = [&] { saved = tally; };
  consumer.rollback = [&] { tally = *saved; };
  // Each case as it stood at the end of the period, with the officers serving then.
  const bool read = cases(options.period.to, consumer, diagnostics);
  if (!read) return std::nullopt;
  StatisticsReport report{tally.finish(), options, report_office(engine, options.date, first ? &*first : nullptr)};
  if (report.statistics.grouping == reports::Grouping::officer)  // officers in Vietnamese order of their names
    std::stable_sort(
        report.statistics.rows.begin(), report.statistics.rows.end(),
        [](const reports::Row& a, const reports::Row& b) { return text::compare_vietnamese(a.label, b.label) < 0; });
  for (const auto& failed : report.statistics.failed_checks())
    diagnostics.error("E0906", failed.check->loc,
                      "số liệu không khớp theo quy tắc thống kê: cột \"" + regime->columns[failed.check->column].id +
                          "\" của dòng \"" + failed.row + "\" là " + std::to_string(failed.column) +
                          " nhưng tổng các cột là " + std::to_string(failed.terms));
  if (diagnostics.has_errors()) return std::nullopt;
  return report;
}

// ---- text and csv -------------------------------------------------------------------------------

namespace {

// "vượt 5,37 %", "thấp hơn 2,00 %", "bằng" the target.
std::string against_target(const std::optional<std::int64_t>& rate, const std::optional<std::int64_t>& target) {
  if (!rate || !target) return "";
  const std::int64_t difference = *rate - *target;
  const std::string base = " (chỉ tiêu " + percent_text(target) + " %: ";
  if (difference > 0) return base + "vượt " + percent_text(difference) + " %)";
  if (difference < 0) return base + "thấp hơn " + percent_text(-difference) + " %)";
  return base + "đạt đúng chỉ tiêu)";
}

std::optional<std::int64_t> target_for(const ReportOptions& options, const rules::Rate& rate) {
  if (rate.id == "ty-le-viec") return options.target_cases;
  if (rate.id == "ty-le-tien") return options.target_money;
  return std::nullopt;
}

void text_table(std::string& out, const reports::Statistics& statistics, const reports::Row& row) {
  const auto& regime = *statistics.regime;
  std::size_t label_width = 8;
  for (const auto& column : regime.columns) label_width = std::max(label_width, utf8::length(column.label));
  out += pad("Số", 4, true) + "  " + pad("Chỉ tiêu", label_width, false) + "  " + pad("Việc", 8, true) + "  " +
         pad("Tiền (đồng)", 24, true) + "\n";
  for (std::size_t c = 0; c < regime.columns.size(); ++c) {
    const auto& column = regime.columns[c];
    const auto& figure = row.figures[c];
    out += pad(column.number, 4, true) + "  " + pad(column.label, label_width, false) + "  " +
           pad(text::group_thousands(figure.cases), 8, true) + "  " +
           pad(text::group_thousands(figure.money), 24, true) + "\n";
  }
}

void text_rates(std::string& out, const StatisticsReport& report, const reports::Row& row) {
  for (const auto& value : report.statistics.rates(row))
    out += value.rate->label + ": " + percent_text(value.hundredths) + (value.hundredths ? " %" : "") +
           against_target(value.hundredths, target_for(report.options, *value.rate)) + "\n";
}

}  // namespace

std::string statistics_text(const StatisticsReport& report) {
  const auto& statistics = report.statistics;
  const auto& regime = *statistics.regime;
  std::string out = "BÁO CÁO KẾT QUẢ THI HÀNH ÁN DÂN SỰ\n";
  if (report.office) out += "Cơ quan: " + report.office->agency.name.value + "\n";
  out += "Kỳ báo cáo: từ " + short_date(statistics.period.from) + " đến " + short_date(statistics.period.to) + "\n";
  out += "Chế độ thống kê: " + regime.name + (regime.confirmed ? "" : " (CHƯA XÁC NHẬN)") + "\n";
  out += "Biểu: " + regime.form_code + " " + regime.form_title + " (số và tên cột: CHƯA XÁC NHẬN)\n";
  out += "Hồ sơ đã đọc: " + std::to_string(statistics.cases_read) +
         "; được tính trong kỳ: " + std::to_string(statistics.cases_counted) + "\n\n";
  text_table(out, statistics, statistics.total);
  out += "\n";
  text_rates(out, report, statistics.total);
  for (const auto& row : statistics.rows) {
    out += "\n" + row.label + "\n";
    text_table(out, statistics, row);
    text_rates(out, report, row);
  }
  return out;
}

std::string statistics_csv(const StatisticsReport& report) {
  const auto& statistics = report.statistics;
  const auto& regime = *statistics.regime;
  std::string out(kCsvByteOrderMark);
  out += "Đơn vị";
  for (const auto& column : regime.columns)
    out += "," + csv_field(column.number + ". " + column.label + " (việc)") + "," +
           csv_field(column.number + ". " + column.label + " (tiền, đồng)");
  for (const auto& rate : regime.rates) out += "," + csv_field(rate.label + " (%)");
  out += "\r\n";
  const auto line = [&](const reports::Row& row) {
    out += csv_field(row.label);
    for (const auto& figure : row.figures)
      out += "," + std::to_string(figure.cases) + "," + std::to_string(figure.money);
    for (const auto& value : statistics.rates(row)) out += "," + csv_field(percent_text(value.hundredths));
    out += "\r\n";
  };
  line(statistics.total);
  for (const auto& row : statistics.rows) line(row);
  return out;
}

// ---- deadlines ----------------------------------------------------------------------------------

DueLines::Text DueLines::keep(const std::string& text) {
  if (const auto found = index_.find(text); found != index_.end()) return found->second;
  const auto index = static_cast<Text>(texts_.size());
  index_.emplace(texts_.emplace_back(text), index);
  return index;
}

void DueLines::push_back(const DueItem& item) {
  const reports::Deadline& d = item.deadline;
  lines_.push_back(Line{keep(d.case_id), keep(d.debtor), keep(d.step), keep(d.label), keep(d.basis), keep(d.officer),
                        keep(d.template_name), keep(item.file), d.trigger, d.due, d.days,
                        static_cast<std::uint32_t>(d.order), d.confirmed, d.candidate, d.unrecorded});
}

DueItem DueLines::operator[](std::size_t at) const {
  const Line& line = lines_[at];
  return DueItem{reports::Deadline{.case_id = texts_[line.case_id],
                                   .debtor = texts_[line.debtor],
                                   .step = texts_[line.step],
                                   .label = texts_[line.label],
                                   .trigger = line.trigger,
                                   .due = line.due,
                                   .days = line.days,
                                   .basis = texts_[line.basis],
                                   .confirmed = line.confirmed,
                                   .officer = texts_[line.officer],
                                   .template_name = texts_[line.template_name],
                                   .candidate = line.candidate,
                                   .unrecorded = line.unrecorded,
                                   .order = line.order},
                 texts_[line.file]};
}

void DueLines::truncate(std::size_t count) { lines_.resize(std::min(count, lines_.size())); }

void DueLines::sort() {
  const auto key = [this](const Line& line) {
    return reports::DeadlineKey{line.due, texts_[line.case_id], line.order};
  };
  std::vector<std::size_t> order(lines_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return key(lines_[a]) < key(lines_[b]); });
  // Line i takes the one read order[i]-th: each cycle of the permutation followed once, a line held aside at a time.
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (order[i] == i) continue;
    const Line aside = lines_[i];
    std::size_t at = i;
    while (order[at] != i) {
      const std::size_t from = order[at];
      lines_[at] = lines_[from];
      order[at] = at;
      at = from;
    }
    lines_[at] = aside;
    order[at] = at;
  }
}

std::optional<DeadlineList> run_deadlines(const Engine& engine, const std::vector<std::filesystem::path>& inputs,
                                          const DeadlineOptions& options, Diagnostics& diagnostics,
                                          text::RepairMode repair) {
  return run_deadlines(engine, input_cases(engine, inputs, repair), options, diagnostics);
}

std::optional<DeadlineList> run_deadlines(const Engine& engine, const CaseSource& cases, const DeadlineOptions& options,
                                          Diagnostics& diagnostics) {
  DeadlineList list;
  list.options = options;
  DueLines& all = list.items;  // in the order read, then ordered in place
  std::size_t kept = 0;        // items before the file being read
  std::string reading;         // the file being read, once one of its cases was seen
  std::optional<model::Case> first;
  CaseConsumer consumer;
  consumer.checkpoint = [&] {
    kept = all.size();
    reading.clear();
  };
  consumer.rollback = [&] {
    all.truncate(kept);
    list.cases_per_file.erase(reading);  // counted again as the file is read again
  };
  consumer.visit = [&](const model::Case& the_case) {
    if (!first) first = the_case;
    const std::string file(the_case.loc.file_name());
    ++list.cases_per_file[file];  // every case: a file of one case renders directly, see due_command
    reading = file;
    if (options.officer) {
      const model::Officer* officer = the_case.find_officer(the_case.enforcement.officer_id);
      const bool match = the_case.enforcement.officer_id == *options.officer ||
                         (officer && (officer->name.value == *options.officer ||
                                      (officer->card && officer->card->value == *options.officer)));
      if (!match) return;
    }
    auto due = reports::select_due(reports::deadlines_of(the_case, options.as_of, engine.law()), options.as_of,
                                   options.within, engine.law().calendar);
    for (auto& item : due) all.push_back(DueItem{std::move(item), file});
  };
  const bool read = cases(options.as_of, consumer, diagnostics);
  if (!read) return std::nullopt;
  list.office = report_office(engine, options.as_of, first ? &*first : nullptr);
  all.sort();
  for (const DueItem item : all) {
    const std::string& name = item.deadline.template_name;
    if (name.empty() || list.parameters.count(name) > 0) continue;
    // The template's required --set parameters, for the clerk to fill in.
    std::string& parameters = list.parameters[name];
    if (const auto info = engine.describe(name))
      for (const auto& parameter : info->parameters)
        if (parameter.required) parameters += " --set " + parameter.name + "=…";
  }
  return list;
}

std::string due_command(const DeadlineList& list, const DueItem& item) {
  const std::string& name = item.deadline.template_name;
  if (name.empty()) return "";
  const auto parameters = list.parameters.find(name);
  const auto cases = list.cases_per_file.find(item.file);
  // A file of one case renders as it is; a case of a register is picked out of it with --case.
  const bool alone = cases != list.cases_per_file.end() && cases->second == 1;
  return "vanban render " + item.file + (alone ? "" : " --case " + item.deadline.case_id) + " --template " + name +
         (parameters != list.parameters.end() ? parameters->second : "") + " -o " + item.deadline.case_id + "-" + name +
         ".pdf";
}

namespace {

std::string urgency(const reports::Deadline& deadline) {
  if (deadline.days < 0) return "quá hạn " + std::to_string(-deadline.days) + " ngày";
  if (deadline.days == 0) return "đến hạn hôm nay";
  return "còn " + std::to_string(deadline.days) + " ngày";
}

}  // namespace

TextSink stream_sink(std::ostream& out) {
  return [&out](std::string_view part) { out.write(part.data(), static_cast<std::streamsize>(part.size())); };
}

void write_deadlines_text(const DeadlineList& list, const TextSink& write) {
  std::string out = "DANH SÁCH VIỆC ĐẾN HẠN, QUÁ HẠN NGÀY " + short_date(list.options.as_of);
  if (list.options.within > 0)
    out += " (và đến hạn trong " + std::to_string(list.options.within) + " ngày làm việc tới)";
  out += "\n";
  if (list.items.empty()) out += "Không có việc nào đến hạn hoặc quá hạn.\n";
  write(out);
  for (const auto& item : list.items) {
    const auto& d = item.deadline;
    out = "\n" + urgency(d) + " | " + d.case_id + " | " + d.debtor + " | " + d.label + " | hạn " + short_date(d.due) +
          " | " + (d.basis.empty() ? "-" : d.basis) + (d.confirmed ? "" : " (CHƯA XÁC NHẬN)") + " | " + d.officer +
          (d.candidate ? " | đề xuất" : "") + "\n";
    if (const std::string command = due_command(list, item); !command.empty())
      out += "  mẫu " + d.template_name + ": " + command + "\n";
    write(out);
  }
}

std::string deadlines_text(const DeadlineList& list) {
  std::string out;
  write_deadlines_text(list, [&out](std::string_view part) { out += part; });
  return out;
}

void write_deadlines_csv(const DeadlineList& list, const TextSink& write) {
  write(std::string(kCsvByteOrderMark) +
        "Mức độ,Số ngày,Mã hồ sơ,Người phải thi hành án,Việc,Hạn,Căn cứ,Đã xác nhận,Chấp hành viên,Loại,Mẫu,Lệnh\r\n");
  for (const auto& item : list.items) {
    const auto& d = item.deadline;
    write(csv_field(urgency(d)) + "," + std::to_string(d.days) + "," + csv_field(d.case_id) + "," +
          csv_field(d.debtor) + "," + csv_field(d.label) + "," + d.due.to_iso() + "," + csv_field(d.basis) + "," +
          (d.confirmed ? "có" : "không") + "," + csv_field(d.officer) + "," + (d.candidate ? "đề xuất" : "thời hạn") +
          "," + csv_field(d.template_name) + "," + csv_field(due_command(list, item)) + "\r\n");
  }
}

std::string deadlines_csv(const DeadlineList& list) {
  std::string out;
  write_deadlines_csv(list, [&out](std::string_view part) { out += part; });
  return out;
}

}  // namespace vanban::pipeline
