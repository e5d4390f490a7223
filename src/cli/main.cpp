// vanban: the command-line front end. Parses arguments, reads the clock and the environment once,
// calls the pipeline, prints diagnostics. Exit codes: 0 ok, 1 input rejected, 2 usage, 3 environment, 4 verify: signer
// unknown.

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/file_io.hpp"
#include "base/suggest.hpp"
#include "cli/arguments.hpp"
#include "cli/common.hpp"
#include "cli/options.hpp"
#include "pipeline/engine.hpp"
#include "pipeline/installation.hpp"

#ifndef VANBAN_VERSION
#define VANBAN_VERSION "0.0.0"
#endif
#ifndef VANBAN_REVISION
#define VANBAN_REVISION "unknown"
#endif

namespace vanban::cli {

namespace {

// The value as a shell word: quoted when it holds anything but letters, digits and -_./:.
std::string shell_word(const std::string& value) {
  const bool plain = !value.empty() &&
                     value.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:") ==
                         std::string::npos;
  if (plain) return value;
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"' || c == '\\' || c == '$' || c == '`') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string_view type_name(const std::string& type) {
  if (type == "date") return "ngày dd/mm/yyyy";
  if (type == "number") return "số";
  if (type == "money") return "số tiền (đồng)";
  if (type == "party") return "mã đương sự, hoặc debtor/creditor";
  if (type == "list") return "danh sách, các mục ngăn bởi dấu ;";
  return "văn bản";
}

}  // namespace

int run_render(const std::vector<std::string>& args, Invocation& invocation) {
  if (print_help(args, "render")) return kOk;
  const Arguments arguments = parse(args, "render");
  if (arguments.positional().size() != 1) throw UsageError{"cần đúng một tệp hồ sơ (xem vanban render --help)"};
  const std::string case_path = arguments.positional().front();
  const auto dump_path = arguments.value("--dump-layout");
  const auto output = dump_path ? std::optional<std::string>() : arguments.value("--output");
  if (!dump_path && !output) (void)arguments.required("--output");
  const std::string format = arguments.value("--format").value_or("pdf");
  if (format != "pdf" && format != "svg")
    throw UsageError{"--format phải là pdf hoặc svg, không phải \"" + format + "\""};
  const std::string target = dump_path ? *dump_path : *output;
  // SVG pages go into a folder (each page by a temporary file and a rename); a PDF or a layout dump is one file.
  if (format == "svg" && !dump_path) pipeline::check_output_folder("-o", target);
  else pipeline::check_output(dump_path ? "--dump-layout" : "-o", target, {case_path});

  const auto engine = load_engine(invocation);
  const pipeline::RenderOptions options =
      render_options(arguments, *engine, today_in_vietnam(), invocation.configuration().settings);
  Diagnostics diagnostics;
  bool readable = true;
  // The file's bytes are handed to the reader, which parses them in place when it can and frees them once the case
  // is read (the case holds its texts): a case near the input cap is never held twice.
  const auto the_case = [&]() -> std::optional<model::Case> {
    auto bytes = read_input(case_path);
    readable = bytes.has_value();
    if (!bytes) return std::nullopt;
    return engine->read_single_case(std::move(*bytes), case_path, diagnostics, repair_mode(arguments),
                                    arguments.value("--case"));
  }();
  if (!readable) return kInputRejected;
  if (!the_case) {
    print(diagnostics);
    return kInputRejected;
  }
  if (dump_path) {
    const auto dump = engine->layout_dump(*the_case, options, diagnostics);
    print(diagnostics);
    if (!dump) return kInputRejected;
    write_output(target, *dump, {case_path});
    return kOk;
  }
  if (format == "svg") {
    const auto pages = engine->render_svg(*the_case, options, diagnostics, pipeline::font_data_url);
    print(diagnostics);
    if (!pages) return kInputRejected;
    pipeline::write_svg_pages(*output, pages->pages);
    return kOk;
  }
  const auto pdf = engine->render(*the_case, options, diagnostics);
  print(diagnostics);
  if (!pdf) return kInputRejected;
  write_output(target, *pdf, {case_path});
  return kOk;
}

int run_validate(const std::vector<std::string>& args, Invocation& invocation) {
  if (print_help(args, "validate")) return kOk;
  const Arguments arguments = parse(args, "validate");
  if (arguments.positional().empty()) throw UsageError{"cần ít nhất một tệp để kiểm tra"};
  const auto engine = load_engine(invocation);
  bool rejected = false;
  for (const auto& path : arguments.positional()) {
    auto bytes = read_input(path);
    if (!bytes) {
      rejected = true;
      continue;
    }
    Diagnostics diagnostics;
    // Streamed: a large register is checked a chunk at a time, never held whole; the bytes are handed over (a
    // large case is then parsed in place, not copied).
    std::size_t count = 0;
    const bool read = engine->validate_cases(
        std::move(*bytes), path, diagnostics, [&](model::Case&&) { ++count; }, [&] { count = 0; },
        repair_mode(arguments));
    print(diagnostics);
    if (!read) {
      rejected = true;
      continue;
    }
    std::cout << path << ": hợp lệ, " << count << " hồ sơ\n";
  }
  return rejected ? kInputRejected : kOk;
}

int run_templates(const std::vector<std::string>& args, Invocation& invocation) {
  if (print_help(args, "templates")) return kOk;
  const Arguments arguments = parse(args, "templates");
  if (!arguments.positional().empty()) throw UsageError{"lệnh templates không nhận tham số vị trí"};
  if (arguments.flag("--check")) {
    Diagnostics diagnostics;
    const auto& paths = invocation.resources();
    const auto engine = pipeline::Engine::load(paths, diagnostics, invocation.configuration().settings.office);
    if (engine) engine->check_for_year(today_in_vietnam().year(), diagnostics);
    print(diagnostics);
    if (!engine) return kInputRejected;
    std::cout << "mẫu văn bản và dữ liệu pháp luật hợp lệ: " << engine->templates().size() << " mẫu\n";
    if (paths.override_templates)
      std::cout << "mẫu riêng của cơ quan: " << engine->override_count() << " tệp trong "
                << paths.override_templates->string() << '\n';
    if (paths.override_calendar) std::cout << "lịch riêng của cơ quan: " << paths.override_calendar->string() << '\n';
    return kOk;
  }
  const auto engine = load_engine(invocation);
  if (const auto name = arguments.value("--describe")) {
    const auto info = engine->describe(*name);
    if (!info) pipeline::require_document_template(*engine, *name);
    std::cout << info->name << "  " << info->description << '\n';
    std::string example;
    if (info->parameters.empty()) std::cout << "tham số: không có\n";
    else std::cout << "tham số (--set tên=giá-trị):\n";
    for (const auto& parameter : info->parameters) {
      std::cout << "  " << parameter.name << " (" << type_name(parameter.type) << ", "
                << (parameter.required ? "bắt buộc" : "không bắt buộc")
                << (parameter.default_value.empty() ? "" : ", mặc định " + parameter.default_value)
                << "): " << parameter.description << '\n';
      if (parameter.required) example += " --set " + parameter.name + "=" + shell_word(parameter.example);
    }
    std::cout << "ví dụ:" << example << '\n';
    return kOk;
  }
  if (const auto case_path = arguments.value("--for")) {
    const auto bytes = read_input(*case_path);
    if (!bytes) return kInputRejected;
    Diagnostics diagnostics;
    const auto the_case = engine->read_single_case(*bytes, *case_path, diagnostics);
    print(diagnostics);
    if (!the_case) return kInputRejected;
    for (const auto& name : engine->templates_for(*the_case, today_in_vietnam())) std::cout << name << '\n';
    return kOk;
  }
  for (const auto& info : engine->templates()) std::cout << info.name << "  " << info.description << '\n';
  return kOk;
}

int run_serve(const std::vector<std::string>& args, Invocation& invocation) {
  if (print_help(args, "serve")) return kOk;
  (void)parse(args, "serve");
  // The service is a program of its own (server module), run in this process's place with the same arguments and
  // the global options this run read, as git runs its helpers.
  const auto program = pipeline::server_program(invocation.surroundings());
  std::vector<std::string> words = {program.string()};
  if (const auto& config = invocation.surroundings().config_option)
    words.insert(words.end(), {"--config", config->string()});
  if (const auto& resources = invocation.surroundings().resources_option)
    words.insert(words.end(), {"--resources", resources->string()});
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--config" || args[i] == "--resources") {
      ++i;
      continue;
    }
    if (args[i].rfind("--config=", 0) == 0 || args[i].rfind("--resources=", 0) == 0) continue;
    words.push_back(args[i]);
  }
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  ::execv(program.c_str(), argv.data());
  throw Error(errors::kResource, "không chạy được chương trình dịch vụ " + program.string(), program.string());
}

namespace {

int run(std::vector<std::string> args) {
  Invocation invocation(args);
  // The global options may stand before the command; each command's parser accepts them after it too.
  while (!args.empty()) {
    const std::string& first = args.front();
    if ((first == "--resources" || first == "--config") && args.size() >= 2) args.erase(args.begin(), args.begin() + 2);
    else if (first.rfind("--resources=", 0) == 0 || first.rfind("--config=", 0) == 0) args.erase(args.begin());
    else break;
  }
  if (args.empty()) {
    std::cerr << main_help();
    return kUsage;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << main_help();
    return kOk;
  }
  if (command == "--version") {
    const std::string revision = VANBAN_REVISION;
    std::cout << "vanban " << VANBAN_VERSION << " (git " << (revision == "unknown" ? "không rõ" : revision) << ")\n";
    return kOk;
  }
  // Hidden: the build writes the installed man page and completion with these, from the option table.
  if (command == "--man" || command == "--completion") {
    if (command == "--completion" && (args.empty() || args.front() != "bash"))
      throw UsageError{"--completion chỉ có cho bash"};
    if (command == "--completion") args.erase(args.begin());
    const std::string text = command == "--man" ? man_page(VANBAN_VERSION) : bash_completion();
    if (args.size() > 1) throw UsageError{command + " nhận nhiều nhất một tệp"};
    if (args.empty()) std::cout << text;
    else write_file_atomically(args.front(), text);
    return kOk;
  }
  if (command == "render") return run_render(args, invocation);
  if (command == "validate") return run_validate(args, invocation);
  if (command == "templates") return run_templates(args, invocation);
  if (command == "batch") return run_batch(args, invocation);
  if (command == "sign") return run_sign(args, invocation);
  if (command == "verify") return run_verify(args, invocation);
  if (command == "archive") return run_archive(args, invocation);
  if (command == "report") return run_report(args, invocation);
  if (command == "deadlines") return run_deadlines(args, invocation);
  if (command == "serve") return run_serve(args, invocation);
  std::vector<std::string> names;
  std::string listed;
  for (const auto& known : commands()) {
    if (known.name.find(' ') != std::string::npos) continue;
    names.push_back(known.name);
    listed += (listed.empty() ? "" : ", ") + known.name;
  }
  throw UsageError{"không có lệnh \"" + command + "\"" + did_you_mean(command, names) + " (các lệnh: " + listed + ")"};
}

}  // namespace
}  // namespace vanban::cli

int main(int argc, char** argv) {
  try {
    return vanban::cli::run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const vanban::cli::UsageError& error) {
    std::cerr << "vanban: lỗi cách dùng: " << error.message << '\n';
    return vanban::cli::kUsage;
  } catch (const vanban::pipeline::RequestError& error) {
    std::cerr << "vanban: lỗi cách dùng: " << error.what() << '\n';
    return vanban::cli::kUsage;
  } catch (const vanban::Error& error) {
    std::cerr << "vanban: lỗi môi trường: " << error.what() << '\n';
    return vanban::cli::kEnvironment;
  } catch (const std::exception& error) {
    std::cerr << "vanban: lỗi nội bộ: " << error.what() << '\n';
    return vanban::cli::kEnvironment;
  }
}
