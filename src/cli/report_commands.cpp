// vanban report and vanban deadlines: the statistics in the legal form, and the list of what is late today.

#include <functional>
#include <iostream>

#include "api/answers.hpp"
#include "base/file_io.hpp"
#include "cli/common.hpp"
#include "pipeline/report.hpp"

namespace vanban::cli {

namespace {

constexpr const char* kReportHelp =
    "Cách dùng: vanban report HỒ-SƠ... (--from NGÀY --to NGÀY | --year NĂM [--months 3|6|10|12])\n"
    "                         [--target-cases P] [--target-money P] [--by officer|kind|month]\n"
    "                         [--format text|csv|json|pdf|xlsx] [-o TỆP] [--date NGÀY]\n"
    "\n"
    "Thống kê kết quả thi hành án dân sự theo biểu mẫu pháp định (rules/statistics.xml), bằng việc và bằng tiền,\n"
    "mỗi hồ sơ được xét như tại ngày cuối kỳ (diễn biến sau ngày đó coi như chưa có).\n"
    "\n"
    "  HỒ-SƠ            tệp hồ sơ, tệp sổ (<register>) hoặc thư mục các tệp .xml\n"
    "  --from, --to     kỳ báo cáo (YYYY-MM-DD, cả hai ngày đều tính)\n"
    "  --year NĂM       năm thống kê: từ 01/10 năm trước đến 30/9 năm NĂM\n"
    "  --months N       kỳ lũy kế 3 (đến 31/12), 6 (31/3), 10 (31/7) hoặc 12 tháng (30/9, mặc định)\n"
    "  --target-cases P chỉ tiêu tỷ lệ xong về việc (0–100, ví dụ 80 hoặc 47,5)\n"
    "  --target-money P chỉ tiêu tỷ lệ xong về tiền (0–100)\n"
    "  --by X           thêm số liệu theo chấp hành viên (officer), loại việc (kind) hoặc tháng (month);\n"
    "                   báo cáo PDF mặc định theo chấp hành viên\n"
    "  --format F       text (mặc định), csv (có BOM cho Excel), json, pdf (BÁO CÁO theo Nghị định 30), xlsx\n"
    "  -o, --output F   tệp kết quả (bắt buộc với pdf và xlsx; mặc định in ra màn hình)\n"
    "  --date NGÀY      ngày của báo cáo (mặc định hôm nay)\n"
    "  --no-repair      không tự chuyển chữ mã cũ sang Unicode\n"
    "\n"
    "Hồ sơ có lỗi được báo như vanban validate và không lập báo cáo (mã thoát 1).\n";

constexpr const char* kDeadlinesHelp =
    "Cách dùng: vanban deadlines HỒ-SƠ... --as-of NGÀY [--within N] [--officer MÃ]\n"
    "                            [--format text|csv|json|pdf] [-o TỆP]\n"
    "\n"
    "Mọi bước của mọi hồ sơ đã quá hạn hoặc đến hạn trong N ngày làm việc tới, theo thời hạn của pháp luật có\n"
    "hiệu lực vào ngày phát sinh bước đó (rules/law.xml, lịch ngày làm việc rules/calendar.xml); cùng các hồ sơ\n"
    "đề xuất xét miễn, giảm và vận động người có tài sản thế chấp. Mỗi dòng: mức độ (số ngày quá hạn hoặc còn\n"
    "lại), mã hồ sơ, người phải thi hành án, việc cần làm, hạn, căn cứ, chấp hành viên, mẫu văn bản và lệnh lập.\n"
    "\n"
    "  --as-of NGÀY     ngày xét (YYYY-MM-DD)\n"
    "  --within N       thêm các việc đến hạn trong N ngày làm việc tới (mặc định 0)\n"
    "  --officer MÃ     chỉ hồ sơ của một chấp hành viên (mã, số thẻ hoặc họ tên)\n"
    "  --format F       text (mặc định), csv, json, pdf\n"
    "  -o, --output F   tệp kết quả (bắt buộc với pdf)\n";

// Text answers go to the output file, or to standard output.
void emit(const std::optional<std::string>& output, const Bytes& bytes) {
  if (output) write_file_atomically(*output, bytes);
  else std::cout << bytes;
}

// A PDF the pipeline makes, written to the output; exit 1 with the diagnostics when it cannot be made.
int emit_pdf(const std::optional<std::string>& output, const std::function<Bytes(Diagnostics&)>& make) {
  Diagnostics rendering;
  const Bytes pdf = make(rendering);
  print(rendering);
  if (pdf.empty()) return kInputRejected;
  emit(output, pdf);
  return kOk;
}

std::optional<std::string> required_output(const Arguments& arguments, bool needed) {
  const auto output = arguments.value("--output");
  if (needed && !output) throw UsageError{"định dạng này cần tùy chọn -o (tệp kết quả)"};
  return output;
}

}  // namespace

int run_report(const std::vector<std::string>& args, const std::filesystem::path& root) {
  if (wants_help(args)) {
    std::cout << kReportHelp;
    return kOk;
  }
  OptionSpec spec;
  spec.with_value = {"--from",         "--to", "--year",   "--months", "--target-cases",
                     "--target-money", "--by", "--format", "--output", "--date"};
  spec.flags = {"--no-repair"};
  spec.aliases = {{"-o", "--output"}};
  const Arguments arguments = Arguments::parse(args, spec);
  if (arguments.positional().empty()) throw UsageError{"cần ít nhất một tệp hồ sơ, tệp sổ hoặc thư mục"};
  pipeline::ReportRequest request;
  request.from = arguments.value("--from");
  request.to = arguments.value("--to");
  request.year = arguments.value("--year");
  request.months = arguments.value("--months");
  request.target_cases = arguments.value("--target-cases");
  request.target_money = arguments.value("--target-money");
  request.by = arguments.value("--by");
  request.format = arguments.value("--format");
  request.date = arguments.value("--date");
  const pipeline::ReportOptions options = pipeline::report_options(request, today_in_vietnam());
  const bool binary = options.format == pipeline::OutputFormat::pdf || options.format == pipeline::OutputFormat::xlsx;
  const auto output = required_output(arguments, binary);
  const auto engine = load_engine(root);
  std::vector<std::filesystem::path> inputs(arguments.positional().begin(), arguments.positional().end());
  Diagnostics diagnostics;
  const auto report = pipeline::run_statistics(*engine, inputs, options, diagnostics, repair_mode(arguments));
  print(diagnostics);
  if (!report) return kInputRejected;
  switch (options.format) {
    case pipeline::OutputFormat::text: emit(output, pipeline::statistics_text(*report)); break;
    case pipeline::OutputFormat::csv: emit(output, pipeline::statistics_csv(*report)); break;
    case pipeline::OutputFormat::json: emit(output, api::statistics(*report)); break;
    case pipeline::OutputFormat::pdf:
      return emit_pdf(output, [&](Diagnostics& d) { return pipeline::statistics_pdf(*engine, *report, d); });
    case pipeline::OutputFormat::xlsx: emit(output, pipeline::statistics_xlsx(*report, *output + ".tmp-xlsx")); break;
  }
  return kOk;
}

int run_deadlines(const std::vector<std::string>& args, const std::filesystem::path& root) {
  if (wants_help(args)) {
    std::cout << kDeadlinesHelp;
    return kOk;
  }
  OptionSpec spec;
  spec.with_value = {"--as-of", "--within", "--officer", "--format", "--output"};
  spec.flags = {"--no-repair"};
  spec.aliases = {{"-o", "--output"}};
  const Arguments arguments = Arguments::parse(args, spec);
  if (arguments.positional().empty()) throw UsageError{"cần ít nhất một tệp hồ sơ, tệp sổ hoặc thư mục"};
  pipeline::DeadlineRequest request;
  request.as_of = arguments.value("--as-of");
  request.within = arguments.value("--within");
  request.officer = arguments.value("--officer");
  request.format = arguments.value("--format");
  const pipeline::DeadlineOptions options = pipeline::deadline_options(request);
  const auto output = required_output(arguments, options.format == pipeline::OutputFormat::pdf);
  const auto engine = load_engine(root);
  std::vector<std::filesystem::path> inputs(arguments.positional().begin(), arguments.positional().end());
  Diagnostics diagnostics;
  engine->check_for_year(options.as_of.year(), diagnostics);  // W0903: deadlines need the year's holidays
  const auto list = pipeline::run_deadlines(*engine, inputs, options, diagnostics, repair_mode(arguments));
  print(diagnostics);
  if (!list) return kInputRejected;
  switch (options.format) {
    case pipeline::OutputFormat::text: emit(output, pipeline::deadlines_text(*list)); break;
    case pipeline::OutputFormat::csv: emit(output, pipeline::deadlines_csv(*list)); break;
    case pipeline::OutputFormat::json: emit(output, api::deadlines(*list)); break;
    case pipeline::OutputFormat::pdf:
      return emit_pdf(output, [&](Diagnostics& d) { return pipeline::deadlines_pdf(*engine, *list, d); });
    case pipeline::OutputFormat::xlsx: break;  // refused by deadline_options
  }
  return kOk;
}

}  // namespace vanban::cli
