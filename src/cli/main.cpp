// vanban: the command-line front end. Parses arguments, reads the clock and the environment once,
// calls the pipeline, prints diagnostics. Exit codes: 0 ok, 1 input rejected, 2 usage, 3 environment.

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
    "  batch      lập một mẫu văn bản cho cả sổ hoặc cả thư mục hồ sơ, song song\n"
    "  sign       ký số tệp PDF (PAdES), người có thẩm quyền rồi cơ quan\n"
    "  verify     kiểm tra các chữ ký số trong tệp PDF\n"
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
    "  -o, --output F   tệp PDF kết quả (ghi vào tệp tạm rồi đổi tên: không bao giờ để lại tệp dở dang);\n"
    "                   \"-\" ghi ra đầu ra chuẩn. Không ghi đè liên kết tượng trưng, thiết bị hay tệp hồ sơ\n"
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
  spec.with_value = {"--template", "--output",      "--date",    "--number",       "--signer",
                     "--set",      "--dump-layout", "--margins", "--line-spacing", "--body-size"};
  spec.flags = {"--no-repair"};
  spec.repeatable = {"--set"};
  spec.aliases = {{"-o", "--output"}};
  const Arguments arguments = Arguments::parse(args, spec);
  if (arguments.positional().size() != 1) throw UsageError{"cần đúng một tệp hồ sơ (xem vanban render --help)"};
  const std::string case_path = arguments.positional().front();
  const auto dump_path = arguments.value("--dump-layout");
  const auto output = dump_path ? std::optional<std::string>() : arguments.value("--output");
  if (!dump_path && !output) throw UsageError{"thiếu tùy chọn bắt buộc -o (tệp PDF kết quả)"};
  const std::string target = dump_path ? *dump_path : *output;
  pipeline::check_output(dump_path ? "--dump-layout" : "-o", target, {case_path});

  const auto engine = load_engine(root);
  const pipeline::RenderOptions options = render_options(arguments, *engine, today_in_vietnam());
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
    write_output(target, *dump, {case_path});
    return kOk;
  }
  const auto pdf = engine->render(*the_case, options, diagnostics);
  print(diagnostics);
  if (!pdf) return kInputRejected;
  write_output(target, *pdf, {case_path});
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
    const auto cases = engine->validate_cases(*bytes, path, diagnostics, repair_mode(arguments));
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
                << (parameter.default_value.empty() ? "" : ", mặc định " + parameter.default_value)
                << "): " << parameter.description << '\n';
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
  if (command == "sign") return run_sign(args, root);
  if (command == "verify") return run_verify(args);
  if (command == "archive") return run_archive(args, root);
  throw UsageError{"không có lệnh \"" + command +
                   "\" (các lệnh: render, validate, templates, batch, sign, verify, archive)"};
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
    std::cerr << "vanban: environment error: " << error.what() << '\n';
    return vanban::cli::kEnvironment;
  } catch (const std::exception& error) {
    std::cerr << "vanban: internal error: " << error.what() << '\n';
    return vanban::cli::kEnvironment;
  }
}
