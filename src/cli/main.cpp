// vanban: the command-line front end. Parses arguments, reads the clock and the environment once,
// calls the pipeline, prints diagnostics. Exit codes: 0 ok, 1 input rejected, 2 usage, 3 environment.

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
#include "cli/signing_commands.hpp"
#include "pipeline/engine.hpp"

#ifndef VANBAN_VERSION
#define VANBAN_VERSION "0.0.0"
#endif
#ifndef VANBAN_RESOURCE_DIR
#define VANBAN_RESOURCE_DIR "."
#endif

namespace vanban::cli {
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
    "  sign       ký số tệp PDF (PAdES), người có thẩm quyền rồi cơ quan\n"
    "  verify     kiểm tra các chữ ký số trong tệp PDF\n"
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
    "                         [--signer MÃ] [--set khóa=giá-trị]...\n"
    "\n"
    "  --template TÊN   mẫu văn bản (xem: vanban templates)\n"
    "  -o, --output F   tệp PDF kết quả (ghi vào tệp tạm rồi đổi tên: không bao giờ để lại tệp dở dang)\n"
    "  --date NGÀY      ngày ban hành văn bản; mặc định là ngày quyết định trong hồ sơ, nếu không có thì hôm nay.\n"
    "                   Ngày này quyết định văn bản pháp luật được trích dẫn (trước/sau 01/07/2026)\n"
    "  --number N       số văn bản (để trống trong bản dự thảo: \"Số:      /QĐ-…\")\n"
    "  --signer MÃ      mã cán bộ ký (officer id); mặc định là người ký quyết định trong hồ sơ, nếu không có\n"
    "                   thì thủ trưởng\n"
    "  --set K=V        tham số mẫu không có trong hồ sơ (xem: vanban templates --describe TÊN)\n"
    "  --dump-layout F  ghi bản mô tả dàn trang (văn bản) thay vì PDF, dùng cho kiểm thử\n";

constexpr const char* kValidateHelp =
    "Cách dùng: vanban validate TỆP.xml...\n"
    "\n"
    "Kiểm tra từng tệp hồ sơ (<case>) hoặc sổ (<register>) và in mọi lỗi dạng TỆP:DÒNG:CỘT.\n"
    "Mã thoát 0 khi không có lỗi, 1 khi có lỗi.\n";

constexpr const char* kTemplatesHelp =
    "Cách dùng: vanban templates [--for HỒ-SƠ.xml] [--check]\n"
    "\n"
    "  (không tùy chọn)  mỗi dòng một mẫu: tên rồi mô tả\n"
    "  --for HỒ-SƠ.xml   chỉ tên các mẫu dùng được cho hồ sơ này\n"
    "  --check           kiểm tra mọi mẫu và dữ liệu pháp luật; mã thoát 1 khi có lỗi\n";

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

int run_render(const std::vector<std::string>& args, const std::filesystem::path& root) {
  if (wants_help(args)) {
    std::cout << kRenderHelp;
    return kOk;
  }
  OptionSpec spec;
  spec.with_value = {"--template", "--output", "--date", "--number", "--signer", "--set", "--dump-layout"};
  spec.repeatable = {"--set"};
  spec.aliases = {{"-o", "--output"}};
  const Arguments arguments = Arguments::parse(args, spec);
  if (arguments.positional().size() != 1) throw UsageError{"cần đúng một tệp hồ sơ (xem vanban render --help)"};
  const std::string case_path = arguments.positional().front();
  const std::string template_name = arguments.required("--template");
  const auto dump_path = arguments.value("--dump-layout");
  const auto output = dump_path ? std::optional<std::string>() : arguments.value("--output");
  if (!dump_path && !output) throw UsageError{"thiếu tùy chọn bắt buộc -o (tệp PDF kết quả)"};

  pipeline::RenderOptions options;
  options.template_name = template_name;
  options.today = today_in_vietnam();
  if (const auto date = arguments.value("--date")) {
    options.date = model::Date::parse_iso(*date);
    if (!options.date) throw UsageError{"--date \"" + *date + "\" không phải ngày hợp lệ dạng YYYY-MM-DD"};
  }
  if (const auto number = arguments.value("--number")) {
    if (number->empty() || number->size() > 9 || number->find_first_not_of("0123456789") != std::string::npos)
      throw UsageError{"--number \"" + *number + "\" phải là số nguyên dương"};
    options.number = *number;
  }
  options.signer_id = arguments.value("--signer");
  for (const auto& pair : arguments.values("--set")) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError{"--set \"" + pair + "\" phải có dạng khóa=giá-trị"};
    options.parameters[pair.substr(0, eq)] = pair.substr(eq + 1);
  }

  const auto engine = load_engine(root);
  if (!engine->has_template(template_name))
    throw UsageError{"không có mẫu văn bản \"" + template_name + "\" (xem: vanban templates)"};
  const auto bytes = read_input(case_path);
  if (!bytes) return kInputRejected;
  Diagnostics diagnostics;
  auto cases = engine->read_cases(*bytes, case_path, diagnostics);
  if (cases && cases->cases.size() != 1) {
    diagnostics.error("E0421", SourceLoc{make_file_name(case_path)},
                      "tệp có " + std::to_string(cases->cases.size()) +
                          " hồ sơ; lệnh render lập văn bản cho một hồ sơ (dùng vanban batch cho cả sổ)");
    cases.reset();
  }
  if (!cases) {
    print(diagnostics);
    return kInputRejected;
  }
  if (dump_path) {
    const auto dump = engine->layout_dump(cases->cases.front(), options, diagnostics);
    print(diagnostics);
    if (!dump) return kInputRejected;
    write_file_atomically(*dump_path, *dump);
    return kOk;
  }
  const auto pdf = engine->render(cases->cases.front(), options, diagnostics);
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
  const Arguments arguments = Arguments::parse(args, OptionSpec{});
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
    const auto cases = engine->read_cases(*bytes, path, diagnostics);
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
  spec.with_value = {"--for"};
  spec.flags = {"--check"};
  const Arguments arguments = Arguments::parse(args, spec);
  if (!arguments.positional().empty()) throw UsageError{"lệnh templates không nhận tham số vị trí"};
  if (arguments.flag("--check")) {
    Diagnostics diagnostics;
    const auto engine = pipeline::Engine::load(pipeline::ResourcePaths::under(root), diagnostics);
    print(diagnostics);
    if (!engine) return kInputRejected;
    std::cout << "mẫu văn bản và dữ liệu pháp luật hợp lệ: " << engine->templates().size() << " mẫu\n";
    return kOk;
  }
  const auto engine = load_engine(root);
  if (const auto case_path = arguments.value("--for")) {
    const auto bytes = read_input(*case_path);
    if (!bytes) return kInputRejected;
    Diagnostics diagnostics;
    const auto cases = engine->read_cases(*bytes, *case_path, diagnostics);
    print(diagnostics);
    if (!cases || cases->cases.size() != 1) return kInputRejected;
    for (const auto& name : engine->templates_for(cases->cases.front(), today_in_vietnam())) std::cout << name << '\n';
    return kOk;
  }
  for (const auto& info : engine->templates()) std::cout << info.name << "  " << info.description << '\n';
  return kOk;
}

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
  if (command == "sign") return run_sign(args, root);
  if (command == "verify") return run_verify(args);
  throw UsageError{"không có lệnh \"" + command + "\" (các lệnh: render, validate, templates, sign, verify)"};
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
