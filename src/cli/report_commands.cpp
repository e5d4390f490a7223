// vanban report and vanban deadlines: the statistics in the legal form, and the list of what is late today. Their
// options are rows of the option table (options.cpp); pipeline checks the request and does the work.

#include <functional>
#include <iostream>
#include <ostream>

#include "api/answers.hpp"
#include "base/file_io.hpp"
#include "cli/common.hpp"
#include "pipeline/report.hpp"
#include "pipeline/request.hpp"

namespace vanban::cli {

namespace {

// Text answers go to the output (checked by required_output: "-" is standard output too), or to standard output.
void emit(const std::optional<std::string>& output, const Bytes& bytes) {
  if (output) write_output(*output, bytes);
  else std::cout << bytes;
}

// A long answer written a piece at a time, never held whole: straight to standard output, or to the output (written
// whole or not at all: a file under a temporary name renamed, "-" through a temporary file).
void emit_stream(const std::optional<std::string>& output, const std::function<void(std::ostream&)>& write) {
  if (!output) {
    write(std::cout);
    return;
  }
  write_output(*output, [&](std::ostream& out) {
    write(out);
    return true;
  });
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

// The output, checked by the one rule of every command's -o (never one of the inputs) before any work is done.
std::optional<std::string> required_output(const Arguments& arguments, bool needed,
                                           const std::vector<std::filesystem::path>& inputs) {
  const auto output = arguments.value("--output");
  if (needed && !output) throw UsageError{"định dạng này cần tùy chọn -o (tệp kết quả)"};
  if (output) pipeline::check_output("-o", *output, inputs);
  return output;
}

std::vector<std::filesystem::path> inputs_of(const Arguments& arguments) {
  if (arguments.positional().empty()) throw UsageError{"cần ít nhất một tệp hồ sơ, tệp sổ hoặc thư mục"};
  return {arguments.positional().begin(), arguments.positional().end()};
}

}  // namespace

int run_report(const std::vector<std::string>& args, Invocation& invocation) {
  if (print_help(args, "report")) return kOk;
  const Arguments arguments = parse(args, "report");
  const auto inputs = inputs_of(arguments);
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
  const auto output = required_output(arguments, binary, inputs);
  const auto engine = load_engine(invocation);
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

int run_deadlines(const std::vector<std::string>& args, Invocation& invocation) {
  if (print_help(args, "deadlines")) return kOk;
  const Arguments arguments = parse(args, "deadlines");
  const auto inputs = inputs_of(arguments);
  pipeline::DeadlineRequest request;
  request.as_of = arguments.value("--as-of");
  request.within = arguments.value("--within");
  request.officer = arguments.value("--officer");
  request.format = arguments.value("--format");
  const pipeline::DeadlineOptions options = pipeline::deadline_options(request);
  const auto output = required_output(arguments, options.format == pipeline::OutputFormat::pdf, inputs);
  const auto engine = load_engine(invocation);
  Diagnostics diagnostics;
  engine->check_for_year(options.as_of.year(), diagnostics);  // W0903: deadlines need the year's holidays
  const auto list = pipeline::run_deadlines(*engine, inputs, options, diagnostics, repair_mode(arguments));
  print(diagnostics);
  if (!list) return kInputRejected;
  switch (options.format) {
    case pipeline::OutputFormat::text:
      emit_stream(output,
                  [&](std::ostream& out) { pipeline::write_deadlines_text(*list, pipeline::stream_sink(out)); });
      break;
    case pipeline::OutputFormat::csv:
      emit_stream(output, [&](std::ostream& out) { pipeline::write_deadlines_csv(*list, pipeline::stream_sink(out)); });
      break;
    case pipeline::OutputFormat::json:
      emit_stream(output, [&](std::ostream& out) { api::write_deadlines(out, *list); });
      break;
    case pipeline::OutputFormat::pdf:
      return emit_pdf(output, [&](Diagnostics& d) { return pipeline::deadlines_pdf(*engine, *list, d); });
    case pipeline::OutputFormat::xlsx: break;  // refused by deadline_options
  }
  return kOk;
}

}  // namespace vanban::cli
