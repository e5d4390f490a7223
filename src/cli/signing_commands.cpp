// vanban sign and vanban verify: PAdES signing by incremental update, and the report on a signed PDF.

#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>

#include "base/file_io.hpp"
#include "cli/arguments.hpp"
#include "cli/common.hpp"
#include "pipeline/engine.hpp"
#include "pipeline/signature_font.hpp"
#include "sign/signing.hpp"
#include "sign/verification.hpp"

namespace vanban::cli {

namespace {

constexpr const char* kSignHelp =
    "Cách dùng: vanban sign VÀO.pdf -o RA.pdf (--key KHÓA.pem --cert CHỨNG-THƯ.pem [--chain CHUỖI.pem]\n"
    "                    | --p12 TỆP.p12) [--pass-env BIẾN] [--reason LÝ-DO] [--location NƠI-KÝ]\n"
    "                    [--field TÊN] [--appearance signer|agency|none] [--image ẢNH.png]\n"
    "                    [--number SỐ/KÝ-HIỆU] [--allow-expired]\n"
    "\n"
    "Ký số PAdES (B-B: ETSI.CAdES.detached, SHA-256) bằng một bản cập nhật nối thêm: mọi byte của tệp gốc\n"
    "được giữ nguyên, chữ ký trước vẫn hợp lệ. Thứ tự theo Nghị định 30: người có thẩm quyền ký trước,\n"
    "cơ quan ký sau.\n"
    "\n"
    "  -o, --output F      tệp PDF đã ký (ghi vào tệp tạm rồi đổi tên; không ghi gì khi có lỗi)\n"
    "  --key, --cert       khóa riêng và chứng thư số (PEM); --chain: chứng thư trung gian (PEM)\n"
    "  --p12 TỆP           khóa và chứng thư trong một tệp PKCS#12 (.p12/.pfx)\n"
    "  --pass-env BIẾN     lấy mật khẩu từ biến môi trường BIẾN; không có thì hỏi (không hiện chữ khi gõ).\n"
    "                      Mật khẩu không bao giờ được đưa trên dòng lệnh\n"
    "  --appearance KIỂU   signer: ảnh chữ ký vào ô chữ ký trống, giữa chức vụ và họ tên;\n"
    "                      agency: ảnh con dấu trùm lên khoảng 1/3 ảnh chữ ký bên trái; không có --image thì\n"
    "                      khối chữ 10 pt ở góc trên bên phải trang đầu (văn bản kèm theo): số/ký hiệu và\n"
    "                      thời gian ký theo ISO 8601; none: chữ ký không hiển thị.\n"
    "                      Mặc định: signer khi có --image, nếu không thì none\n"
    "  --image ẢNH.png     ảnh chữ ký (xanh) hoặc con dấu (đỏ), nền trong suốt\n"
    "  --field TÊN         tên trường chữ ký (mặc định: ô trống \"signer\"/\"agency\" nếu có, nếu không tạo mới)\n"
    "  --number SỐ         số/ký hiệu in trong khối chữ của văn bản kèm theo, ví dụ 123/QĐ-CCTHADS\n"
    "  --reason, --location  lý do và nơi ký, ghi trong chữ ký\n"
    "  --allow-expired     chứng thư hết hạn (hoặc chưa có hiệu lực) chỉ là cảnh báo thay vì lỗi\n";

constexpr const char* kVerifyHelp =
    "Cách dùng: vanban verify TỆP.pdf [--trust GỐC.pem]...\n"
    "\n"
    "Liệt kê và kiểm tra mọi chữ ký số: người ký và chứng thư, thời điểm ký, phạm vi ký, tính toàn vẹn (giá\n"
    "trị băm), chữ ký CMS, chuỗi chứng thư tới gốc tin cậy (--trust, có thể lặp lại), và phần được thêm vào\n"
    "sau chữ ký cuối. Mã thoát 0 chỉ khi mọi chữ ký hợp lệ, phủ đúng phiên bản của nó, và chữ ký cuối phủ\n"
    "toàn bộ tệp.\n";

// Reads a line from the terminal with echo off; nullopt when there is no terminal.
std::optional<std::string> prompt_passphrase() {
  FILE* tty = std::fopen("/dev/tty", "r+");
  if (tty == nullptr) return std::nullopt;
  const int fd = ::fileno(tty);
  termios saved{};
  if (::tcgetattr(fd, &saved) != 0) {
    std::fclose(tty);
    return std::nullopt;
  }
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  ::tcsetattr(fd, TCSAFLUSH, &quiet);
  std::fputs("Mật khẩu: ", tty);
  std::fflush(tty);
  std::string line;
  for (int c = std::fgetc(tty); c != EOF && c != '\n'; c = std::fgetc(tty)) line += static_cast<char>(c);
  ::tcsetattr(fd, TCSAFLUSH, &saved);
  std::fputs("\n", tty);
  std::fclose(tty);
  return line;
}

sign::PassphraseSource passphrase_source(const std::optional<std::string>& variable) {
  if (variable) {
    const char* value = std::getenv(variable->c_str());
    if (value == nullptr) throw UsageError{"biến môi trường " + *variable + " (--pass-env) không có"};
    return [name = *variable]() -> std::optional<std::string> {
      const char* text = std::getenv(name.c_str());
      return text != nullptr ? std::optional<std::string>(text) : std::nullopt;
    };
  }
  return [] { return prompt_passphrase(); };
}

// Wipes a buffer that held secret material (the compiler may not drop this).
void wipe(Bytes& bytes) {
  ::explicit_bzero(bytes.data(), bytes.size());
  bytes.clear();
}

// Either --key and --cert (and maybe --chain), or --p12.
void check_key_options(const Arguments& arguments) {
  const bool pem = arguments.value("--key") || arguments.value("--cert") || arguments.value("--chain");
  if (arguments.value("--p12") && pem) throw UsageError{"--p12 không dùng chung với --key, --cert, --chain"};
  if (!arguments.value("--p12") && (!arguments.value("--key") || !arguments.value("--cert")))
    throw UsageError{"cần --key và --cert, hoặc --p12"};
}

std::unique_ptr<sign::Identity> load_identity(const Arguments& arguments, const sign::PassphraseSource& passphrase,
                                              Diagnostics& diagnostics) {
  const auto key = arguments.value("--key");
  const auto cert = arguments.value("--cert");
  const auto p12 = arguments.value("--p12");
  const auto chain = arguments.value("--chain");
  if (p12) {
    auto bytes = read_input(*p12);
    if (!bytes) return nullptr;
    auto identity = sign::Identity::from_pkcs12(*bytes, passphrase, SourceLoc{make_file_name(*p12)}, diagnostics);
    wipe(*bytes);
    return identity;
  }
  auto key_bytes = read_input(*key);
  const auto cert_bytes = read_input(*cert);
  const auto chain_bytes = chain ? read_input(*chain) : std::optional<Bytes>(Bytes());
  std::unique_ptr<sign::Identity> identity;
  if (key_bytes && cert_bytes && chain_bytes)
    identity = sign::Identity::from_pem(*key_bytes, *cert_bytes, *chain_bytes, passphrase,
                                        SourceLoc{make_file_name(*key)}, SourceLoc{make_file_name(*cert)},
                                        diagnostics);
  if (key_bytes) wipe(*key_bytes);
  return identity;
}

sign::Appearance appearance_option(const Arguments& arguments) {
  const auto value = arguments.value("--appearance");
  if (!value) return arguments.value("--image") ? sign::Appearance::signer : sign::Appearance::none;
  if (*value == "signer") return sign::Appearance::signer;
  if (*value == "agency") return sign::Appearance::agency;
  if (*value == "none") return sign::Appearance::none;
  throw UsageError{"--appearance \"" + *value + "\" phải là signer, agency hoặc none"};
}

std::string yes_no(sign::Check check, const char* passed, const char* failed) {
  switch (check) {
    case sign::Check::passed: return passed;
    case sign::Check::failed: return failed;
    case sign::Check::not_checked: return "chưa kiểm tra";
  }
  return "";
}

void print_report(const std::string& path, const sign::VerificationReport& report, int offset_minutes) {
  std::cout << path << ": " << report.signatures.size() << " chữ ký, " << report.file_size << " byte\n";
  for (std::size_t i = 0; i < report.signatures.size(); ++i) {
    const auto& s = report.signatures[i];
    std::cout << "\nChữ ký " << i + 1 << " — trường \"" << s.field_name << "\"\n";
    if (s.signer) {
      const auto from = sign::Moment::from_unix(s.signer->not_before, offset_minutes).iso8601();
      const auto to = sign::Moment::from_unix(s.signer->not_after, offset_minutes).iso8601();
      std::cout << "  Người ký:          " << s.signer->common_name << '\n'
                << "  Chứng thư:         " << s.signer->subject << '\n'
                << "  Cấp bởi:           " << s.signer->issuer << '\n'
                << "  Số hiệu:           " << s.signer->serial << '\n'
                << "  Hiệu lực:          " << from << " – " << to << '\n'
                << "  SHA-256:           " << s.signer->sha256 << '\n';
    }
    std::cout << "  Thời điểm ký:      " << (s.time ? s.time->iso8601() : std::string("không ghi")) << '\n';
    if (!s.reason.empty()) std::cout << "  Lý do:             " << s.reason << '\n';
    if (!s.location.empty()) std::cout << "  Nơi ký:            " << s.location << '\n';
    std::cout << "  Kiểu chữ ký:       " << (s.sub_filter.empty() ? "?" : s.sub_filter)
              << (s.pades_baseline ? " (PAdES B-B)" : "") << '\n';
    std::cout << "  Phạm vi ký:        byte 0–" << s.signed_end << " trên " << report.file_size << ": "
              << (s.covers_whole_file ? "toàn bộ tệp"
                                      : (s.covers_revision ? "một phiên bản trước (có phần thêm sau)"
                                                           : "KHÔNG đúng một phiên bản"))
              << '\n';
    std::cout << "  Toàn vẹn (băm):    " << yes_no(s.integrity, "đúng", "SAI — nội dung đã bị thay đổi") << '\n'
              << "  Chữ ký CMS:        " << yes_no(s.signature, "hợp lệ", "KHÔNG hợp lệ") << '\n'
              << "  Chuỗi chứng thư:   " << yes_no(s.chain, "tới gốc tin cậy", "KHÔNG tới gốc tin cậy") << '\n';
    for (const auto& warning : s.warnings) std::cout << "  Cảnh báo: " << format_finding(warning) << '\n';
    for (const auto& problem : s.problems) std::cout << "  Lỗi: " << format_finding(problem) << '\n';
    std::cout << "  Kết quả: " << (s.valid() ? "HỢP LỆ" : "KHÔNG HỢP LỆ") << '\n';
  }
  std::cout << '\n';
  for (const auto& name : report.empty_fields) std::cout << "Ô chữ ký chưa ký: \"" << name << "\"\n";
  if (!report.signatures.empty()) {
    if (report.appended_bytes == 0)
      std::cout << "Sau chữ ký cuối: không có gì được thêm\n";
    else
      std::cout << "Sau chữ ký cuối: có " << report.appended_bytes << " byte được thêm (" << report.appended_revisions
                << " phiên bản)\n";
  }
  std::cout << "Kết luận: "
            << (report.all_valid() ? "mọi chữ ký hợp lệ, chữ ký cuối phủ toàn bộ tệp" : "KHÔNG đạt") << '\n';
}

void report_failures(const std::string& path, const sign::VerificationReport& report) {
  Diagnostics diagnostics;
  const SourceLoc loc{make_file_name(path)};
  if (report.signatures.empty()) diagnostics.error("E0640", loc, "tệp không có chữ ký số nào");
  for (std::size_t i = 0; i < report.signatures.size(); ++i) {
    const auto& s = report.signatures[i];
    if (s.valid()) continue;
    std::string why;
    for (const auto& problem : s.problems) why += (why.empty() ? "" : "; ") + format_finding(problem);
    diagnostics.error("E0641", loc,
                      "chữ ký " + std::to_string(i + 1) + " (\"" + s.field_name + "\") không hợp lệ" +
                          (why.empty() ? "" : ": " + why));
  }
  if (report.appended_bytes != 0)
    diagnostics.error("E0642", loc,
                      "có " + std::to_string(report.appended_bytes) + " byte được thêm vào sau chữ ký cuối");
  print(diagnostics);
}

}  // namespace

int run_sign(const std::vector<std::string>& args, const std::filesystem::path& root) {
  if (wants_help(args)) {
    std::cout << kSignHelp;
    return kOk;
  }
  OptionSpec spec;
  spec.with_value = {"--output", "--key", "--cert", "--chain", "--p12", "--pass-env", "--reason", "--location",
                     "--field", "--appearance", "--image", "--number", "--time"};
  spec.flags = {"--allow-expired"};
  spec.aliases = {{"-o", "--output"}};
  const Arguments arguments = Arguments::parse(args, spec);
  if (arguments.positional().size() != 1) throw UsageError{"cần đúng một tệp PDF để ký (xem vanban sign --help)"};
  const std::string input = arguments.positional().front();
  const std::string output = arguments.required("--output");
  check_key_options(arguments);

  sign::SignRequest request;
  request.time = read_clock(arguments);
  request.appearance = appearance_option(arguments);
  request.field_name = arguments.value("--field").value_or("");
  request.reason = arguments.value("--reason").value_or("");
  request.location = arguments.value("--location").value_or("");
  request.document_number = arguments.value("--number").value_or("");
  request.expired = arguments.flag("--allow-expired") ? sign::ExpiredCertificate::warn : sign::ExpiredCertificate::reject;
  if (request.appearance == sign::Appearance::signer && !arguments.value("--image"))
    throw UsageError{"--appearance signer cần --image (ảnh chữ ký)"};
  if (request.appearance == sign::Appearance::none && arguments.value("--image"))
    throw UsageError{"--image không dùng với --appearance none"};

  const auto passphrase = passphrase_source(arguments.value("--pass-env"));
  Diagnostics diagnostics;
  const auto pdf = read_input(input);
  std::optional<Bytes> image;
  if (const auto image_path = arguments.value("--image")) image = read_input(*image_path);
  const auto identity = load_identity(arguments, passphrase, diagnostics);
  print(diagnostics);
  if (!pdf || !identity || (arguments.value("--image") && !image)) return kInputRejected;
  request.image = image;

  std::unique_ptr<pipeline::SignatureFont> fonts;
  if (request.appearance == sign::Appearance::agency && !request.image)
    fonts = std::make_unique<pipeline::SignatureFont>(pipeline::ResourcePaths::under(root).fonts);
  Diagnostics signing;
  const auto signed_pdf = sign::sign_pdf(*pdf, *identity, request, fonts.get(), SourceLoc{make_file_name(input)}, signing);
  print(signing);
  if (!signed_pdf) return kInputRejected;
  write_file_atomically(output, *signed_pdf);
  return kOk;
}

int run_verify(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::cout << kVerifyHelp;
    return kOk;
  }
  OptionSpec spec;
  spec.with_value = {"--trust", "--time"};
  spec.repeatable = {"--trust"};
  const Arguments arguments = Arguments::parse(args, spec);
  if (arguments.positional().size() != 1) throw UsageError{"cần đúng một tệp PDF để kiểm tra"};
  const std::string path = arguments.positional().front();
  sign::VerifyOptions options;
  options.now = read_clock(arguments);
  bool readable = true;
  for (const auto& trust : arguments.values("--trust")) {
    auto pem = read_input(trust);
    readable = readable && pem.has_value();
    if (pem) options.trusted_roots_pem.push_back(std::move(*pem));
  }
  const auto pdf = read_input(path);
  if (!pdf || !readable) return kInputRejected;
  Diagnostics diagnostics;
  const auto report = sign::verify_pdf(*pdf, options, SourceLoc{make_file_name(path)}, diagnostics);
  print(diagnostics);
  if (!report) return kInputRejected;
  print_report(path, *report, options.now.offset_minutes);
  if (report->all_valid()) return kOk;
  report_failures(path, *report);
  return kInputRejected;
}

}  // namespace vanban::cli
