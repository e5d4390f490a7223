// vanban: the command-line front end. Parses arguments, reads the clock and the environment once,
// calls the pipeline, prints diagnostics. Exit codes: 0 ok, 1 input rejected, 2 usage, 3 environment.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/file_io.hpp"
#include "cli/arguments.hpp"
#include "cli/common.hpp"
#include "pipeline/engine.hpp"

#ifndef VANBAN_VERSION
#define VANBAN_VERSION "0.0.0"
#endif
#ifndef VANBAN_RESOURCE_DIR
#define VANBAN_RESOURCE_DIR "."
#endif

namespace vanban::cli {

void print(const Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics.list()) std::cerr << format_diagnostic(diagnostic) << '\n';
}

model::Date today_in_vietnam() {
  // Vietnam keeps UTC+7 all year.
  const auto now = std::chrono::system_clock::now() + std::chrono::hours(7);
  const auto days = std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
  return model::Date::from_days(days);
}

std::filesystem::path resource_root(const std::optional<std::string>& option) {
  if (option) return *option;
  if (const char* home = std::getenv("VANBAN_HOME"); home != nullptr && *home != '\0') return home;
  return VANBAN_RESOURCE_DIR;
}

std::unique_ptr<pipeline::Engine> load_engine(const std::filesystem::path& root) {
  Diagnostics diagnostics;
  auto engine = pipeline::Engine::load(pipeline::ResourcePaths::under(root), diagnostics);
  print(diagnostics);
  if (!engine) throw Error("the templates or the law data in " + root.string() + " have errors (see above)");
  return engine;
}

std::optional<Bytes> read_input(const std::string& path) {
  constexpr std::size_t kMaxCaseFile = 64U * 1024U * 1024U;
  std::string problem;
  auto bytes = read_file(path, kMaxCaseFile, problem);
  if (!bytes) std::cerr << path << ": error: [E0100] " << problem << '\n';
  return bytes;
}

text::RepairMode repair_mode(const Arguments& arguments) {
  return arguments.flag("--no-repair") ? text::RepairMode::keep : text::RepairMode::repair;
}

bool wants_help(const std::vector<std::string>& args) {
  for (const auto& arg : args)
    if (arg == "--help" || arg == "-h") return true;
  return false;
}

namespace {

// A decimal number written in full ("20", "1.5" or "1,5"), or nullopt.
std::optional<double> decimal(std::string text) {
  std::replace(text.begin(), text.end(), ',', '.');
  if (text.empty() || text.find_first_not_of("0123456789.") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return value;
}

// The page geometry from --margins, --line-spacing and --body-size, within the ranges of Nghị định 30.
}  // namespace

layout::Profile layout_profile(const Arguments& arguments) {
  layout::Profile profile;
  if (const auto margins = arguments.value("--margins")) {
    std::vector<double> values;
    for (std::size_t start = 0; start <= margins->size();) {
      const std::size_t comma = std::min(margins->find(',', start), margins->size());
      const auto value = decimal(margins->substr(start, comma - start));
      if (!value) break;
      values.push_back(*value);
      start = comma + 1;
    }
    if (values.size() != 4)
      throw UsageError{"--margins \"" + *margins + "\" phải là bốn số (mm) trên,dưới,trái,phải, ví dụ 20,20,30,15"};
    profile.margin_top = layout::mm(values[0]);
    profile.margin_bottom = layout::mm(values[1]);
    profile.margin_left = layout::mm(values[2]);
    profile.margin_right = layout::mm(values[3]);
  }
  const auto number = [&](const char* option, double& target) {
    if (const auto text = arguments.value(option)) {
      const auto value = decimal(*text);
      if (!value) throw UsageError{std::string(option) + " \"" + *text + "\" không phải là số"};
      target = *value;
    }
  };
  number("--line-spacing", profile.line_spacing);
  number("--body-size", profile.body_size);
  const auto problems = pipeline::profile_problems(profile);
  if (!problems.empty()) {
    std::string message = "bố cục trang không đúng Nghị định 30/2020/NĐ-CP:";
    for (const auto& problem : problems) message += " " + problem + ";";
    message.back() = '.';
    throw UsageError{message};
  }
  return profile;
}

pipeline::RenderOptions render_options(const Arguments& arguments, model::Date today) {
  pipeline::RenderOptions options;
  options.template_name = arguments.required("--template");
  options.today = today;
  if (const auto date = arguments.value("--date")) {
    options.date = model::Date::parse_iso(*date);
    if (!options.date) throw UsageError{"--date \"" + *date + "\" không phải ngày hợp lệ dạng YYYY-MM-DD"};
  }
  for (const auto& pair : arguments.values("--set")) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError{"--set \"" + pair + "\" phải có dạng khóa=giá-trị"};
    options.parameters[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  options.profile = layout_profile(arguments);
  return options;
}

namespace {

constexpr const char* kMainHelp =
    "vanban — lập văn bản thi hành án dân sự theo Nghị định 30/2020/NĐ-CP\n"
    "\n"
    "Cách dùng: vanban [--resources THƯ-MỤC] LỆNH [TÙY CHỌN]\n"
    "\n"
    "Lệnh:\n"
    "  render     lập một văn bản PDF từ hồ sơ XML\n"
    "  validate   kiểm tra tệp hồ sơ hoặc sổ XML\n"
    "  templates  liệt kê hoặc kiểm tra các mẫu văn bản\n"
    "  batch      lập một mẫu văn bản cho cả sổ hoặc cả thư mục hồ sơ, song song\n"
    "  archive    kho lưu trữ văn bản đã ký: lưu, lấy ra, tìm, kiểm tra, xuất hồ sơ giao nộp\n"
    "\n"
    "Tùy chọn chung:\n"
    "  --resources DIR  thư mục chứa templates/, fonts/, rules/ (mặc định: biến VANBAN_HOME,\n"
    "                   nếu không có thì thư mục cài đặt)\n"
    "  --help           hướng dẫn; \"vanban LỆNH --help\" cho từng lệnh\n"
    "  --version        phiên bản\n"
    "\n"
    "Mã thoát: 0 thành công, 1 dữ liệu bị từ chối, 2 sai cách dùng, 3 lỗi môi trường.\n";

constexpr const char* kRenderHelp =
    "Cách dùng: vanban render HỒ-SƠ.xml --template TÊN -o RA.pdf [--date YYYY-MM-DD] [--number N]\n"
    "                         [--signer MÃ] [--set khóa=giá-trị]... [--margins T,D,TR,PH]\n"
    "                         [--line-spacing X] [--body-size N]\n"
    "\n"
    "  --template TÊN   mẫu văn bản (xem: vanban templates)\n"
    "  -o, --output F   tệp PDF kết quả (ghi vào tệp tạm rồi đổi tên: không bao giờ để lại tệp dở dang)\n"
    "  --date NGÀY      ngày ban hành văn bản; mặc định là ngày quyết định trong hồ sơ, nếu không có thì hôm nay.\n"
    "                   Ngày này quyết định văn bản pháp luật được trích dẫn (trước/sau 01/07/2026)\n"
    "  --number N       số văn bản (để trống trong bản dự thảo: \"Số:      /QĐ-…\")\n"
    "  --signer MÃ      mã cán bộ ký (officer id); mặc định là người ký quyết định trong hồ sơ, nếu không có\n"
    "                   thì thủ trưởng\n"
    "  --set K=V        tham số mẫu không có trong hồ sơ (xem: vanban templates --describe TÊN)\n"
    "  --margins T,D,TR,PH  lề trên, dưới, trái, phải (mm); mặc định 20,20,30,15; Nghị định 30 cho phép\n"
    "                   trên và dưới 20–25, trái 30–35, phải 15–20\n"
    "  --line-spacing X giãn dòng của nội dung, từ 1 (dòng đơn, mặc định) đến 1,5 dòng\n"
    "  --body-size N    cỡ chữ nội dung, 13 hoặc 14 (mặc định 14)\n"
    "  --no-repair      không tự chuyển chữ mã cũ (TCVN3, VNI, Windows-1258) sang Unicode\n"
    "  --dump-layout F  ghi bản mô tả dàn trang (văn bản) thay vì PDF, dùng cho kiểm thử\n";

constexpr const char* kValidateHelp =
    "Cách dùng: vanban validate [--no-repair] TỆP.xml...\n"
    "\n"
    "Kiểm tra từng tệp hồ sơ (<case>) hoặc sổ (<register>) theo schemas/case.xsd và các quy tắc nghiệp vụ,\n"
    "in mọi lỗi và cảnh báo dạng TỆP:DÒNG:CỘT: error|warning: [MÃ] nội dung.\n"
    "Chữ mã cũ (TCVN3, VNI, Windows-1258) được tự chuyển sang Unicode kèm cảnh báo W0120.\n"
    "\n"
    "  --no-repair      không tự chuyển chữ mã cũ (vẫn chuẩn hóa NFC và khoảng trắng)\n"
    "\n"
    "Mã thoát 0 khi không có lỗi (có thể có cảnh báo), 1 khi có lỗi.\n";
constexpr const char* kTemplatesHelp =
    "Cách dùng: vanban templates [--for HỒ-SƠ.xml] [--check] [--describe TÊN]\n"
    "\n"
    "  (không tùy chọn)  mỗi dòng một mẫu: tên rồi mô tả\n"
    "  --for HỒ-SƠ.xml   chỉ tên các mẫu dùng được cho hồ sơ này\n"
    "  --check           kiểm tra mọi mẫu và dữ liệu pháp luật; mã thoát 1 khi có lỗi\n"
    "  --describe TÊN    mô tả một mẫu và các tham số --set của nó; dòng cuối \"example: …\" là các\n"
    "                    tùy chọn --set dùng được để lập văn bản thử\n";

// The value as a shell word: quoted when it holds anything but letters, digits and -_./:.
std::string shell_word(const std::string& value) {
  const bool plain = !value.empty() && value.find_first_not_of(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:") == std::string::npos;
  if (plain) return value;
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"' || c == '\\' || c == '$' || c == '`') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string_view type_name(const std::string& type) {
  if (type == "date") return "ngày YYYY-MM-DD";
  if (type == "number") return "số";
  if (type == "money") return "số tiền (đồng)";
  if (type == "party") return "mã đương sự, hoặc debtor/creditor";
  if (type == "list") return "danh sách, các mục ngăn bởi dấu ;";
  return "văn bản";
}

}  // namespace

int run_render(const std::vector<std::string>& args, const std::filesystem::path& root) {
  if (wants_help(args)) {
    std::cout << kRenderHelp;
    return kOk;
  }
  OptionSpec spec;
  spec.with_value = {"--template", "--output", "--date",         "--number",       "--signer",
                     "--set",      "--dump-layout", "--margins", "--line-spacing", "--body-size"};
  spec.flags = {"--no-repair"};
  spec.repeatable = {"--set"};
  spec.aliases = {{"-o", "--output"}};
  const Arguments arguments = Arguments::parse(args, spec);
  if (arguments.positional().size() != 1) throw UsageError{"cần đúng một tệp hồ sơ (xem vanban render --help)"};
  const std::string case_path = arguments.positional().front();
  const std::string template_name = arguments.required("--template");
  const auto dump_path = arguments.value("--dump-layout");
  const auto output = dump_path ? std::optional<std::string>() : arguments.value("--output");
  if (!dump_path && !output) throw UsageError{"thiếu tùy chọn bắt buộc -o (tệp PDF kết quả)"};

  pipeline::RenderOptions options = render_options(arguments, today_in_vietnam());
  if (const auto number = arguments.value("--number")) {
    if (number->empty() || number->size() > 9 || number->find_first_not_of("0123456789") != std::string::npos)
      throw UsageError{"--number \"" + *number + "\" phải là số nguyên dương"};
    options.number = *number;
  }
  options.signer_id = arguments.value("--signer");

  const auto engine = load_engine(root);
  if (!engine->has_template(template_name))
    throw UsageError{"không có mẫu văn bản \"" + template_name + "\" (xem: vanban templates)"};
  const auto bytes = read_input(case_path);
  if (!bytes) return kInputRejected;
  Diagnostics diagnostics;
  const auto the_case = engine->read_single_case(*bytes, case_path, diagnostics, repair_mode(arguments));
  if (!the_case) {
    print(diagnostics);
    return kInputRejected;
  }
  if (dump_path) {
    const auto dump = engine->layout_dump(*the_case, options, diagnostics);
    print(diagnostics);
    if (!dump) return kInputRejected;
    write_file_atomically(*dump_path, *dump);
    return kOk;
  }
  const auto pdf = engine->render(*the_case, options, diagnostics);
  print(diagnostics);
  if (!pdf) return kInputRejected;
  write_file_atomically(*output, *pdf);
  return kOk;
}

int run_validate(const std::vector<std::string>& args, const std::filesystem::path& root) {
  if (wants_help(args)) {
    std::cout << kValidateHelp;
    return kOk;
  }
  OptionSpec spec;
  spec.flags = {"--no-repair"};
  const Arguments arguments = Arguments::parse(args, spec);
  if (arguments.positional().empty()) throw UsageError{"cần ít nhất một tệp để kiểm tra"};
  const auto engine = load_engine(root);
  bool rejected = false;
  for (const auto& path : arguments.positional()) {
    const auto bytes = read_input(path);
    if (!bytes) {
      rejected = true;
      continue;
    }
    Diagnostics diagnostics;
    const auto cases = engine->read_cases(*bytes, path, diagnostics, repair_mode(arguments));
    print(diagnostics);
    if (!cases) {
      rejected = true;
      continue;
    }
    std::cout << path << ": hợp lệ, " << cases->cases.size() << " hồ sơ\n";
  }
  return rejected ? kInputRejected : kOk;
}

int run_templates(const std::vector<std::string>& args, const std::filesystem::path& root) {
  if (wants_help(args)) {
    std::cout << kTemplatesHelp;
    return kOk;
  }
  OptionSpec spec;
  spec.with_value = {"--for", "--describe"};
  spec.flags = {"--check"};
  const Arguments arguments = Arguments::parse(args, spec);
  if (!arguments.positional().empty()) throw UsageError{"lệnh templates không nhận tham số vị trí"};
  if (arguments.flag("--check")) {
    Diagnostics diagnostics;
    const auto engine = pipeline::Engine::load(pipeline::ResourcePaths::under(root), diagnostics);
    if (engine) engine->check_for_year(today_in_vietnam().year(), diagnostics);
    print(diagnostics);
    if (!engine) return kInputRejected;
    std::cout << "mẫu văn bản và dữ liệu pháp luật hợp lệ: " << engine->templates().size() << " mẫu\n";
    return kOk;
  }
  const auto engine = load_engine(root);
  if (const auto name = arguments.value("--describe")) {
    const auto info = engine->describe(*name);
    if (!info) throw UsageError{"không có mẫu văn bản \"" + *name + "\" (xem: vanban templates)"};
    std::cout << info->name << "  " << info->description << '\n';
    std::string example;
    if (info->parameters.empty()) std::cout << "tham số: không có\n";
    else std::cout << "tham số (--set tên=giá-trị):\n";
    for (const auto& parameter : info->parameters) {
      std::cout << "  " << parameter.name << " (" << type_name(parameter.type) << ", "
                << (parameter.required ? "bắt buộc" : "không bắt buộc")
                << (parameter.default_value.empty() ? "" : ", mặc định " + parameter.default_value) << "): "
                << parameter.description << '\n';
      if (parameter.required) example += " --set " + parameter.name + "=" + shell_word(parameter.example);
    }
    std::cout << "example:" << example << '\n';
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

namespace {

int run(std::vector<std::string> args) {
  std::optional<std::string> resources;
  if (args.size() >= 2 && args[0] == "--resources") {
    resources = args[1];
    args.erase(args.begin(), args.begin() + 2);
  }
  if (args.empty()) {
    std::cerr << kMainHelp;
    return kUsage;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kMainHelp;
    return kOk;
  }
  if (command == "--version") {
    std::cout << "vanban " << VANBAN_VERSION << '\n';
    return kOk;
  }
  const std::filesystem::path root = resource_root(resources);
  if (command == "render") return run_render(args, root);
  if (command == "validate") return run_validate(args, root);
  if (command == "templates") return run_templates(args, root);
  if (command == "batch") return run_batch(args, root);
  if (command == "archive") return run_archive(args, root);
  throw UsageError{"không có lệnh \"" + command + "\" (các lệnh: render, validate, templates, batch, archive)"};
}

}  // namespace
}  // namespace vanban::cli

int main(int argc, char** argv) {
  try {
    return vanban::cli::run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const vanban::cli::UsageError& error) {
    std::cerr << "vanban: lỗi cách dùng: " << error.message << '\n';
    return vanban::cli::kUsage;
  } catch (const vanban::Error& error) {
    std::cerr << "vanban: environment error: " << error.what() << '\n';
    return vanban::cli::kEnvironment;
  } catch (const std::exception& error) {
    std::cerr << "vanban: internal error: " << error.what() << '\n';
    return vanban::cli::kEnvironment;
  }
}
