// vanban sign and vanban verify: PAdES signing by incremental update, and the report on a signed PDF.

#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>

#include "api/answers.hpp"
#include "base/file_io.hpp"
#include "cli/arguments.hpp"
#include "cli/common.hpp"
#include "pipeline/engine.hpp"
#include "pipeline/office.hpp"
#include "pipeline/signing.hpp"
#include "pipeline/verification.hpp"

namespace vanban::cli {

namespace {

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

std::string yes_no(sign::Check check, const char* passed, const char* failed) {
  switch (check) {
    case sign::Check::passed: return passed;
    case sign::Check::failed: return failed;
    case sign::Check::not_checked: return "chưa kiểm tra";
  }
  return "";
}

void print_report(const std::string& path, const pipeline::Verification& verification, int offset_minutes) {
  const sign::VerificationReport& report = verification.report;
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
              << (s.covers_whole_file
                      ? "toàn bộ tệp"
                      : (s.covers_revision ? "một phiên bản trước (có phần thêm sau)" : "KHÔNG đúng một phiên bản"))
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
    if (report.appended_bytes == 0) std::cout << "Sau chữ ký cuối: không có gì được thêm\n";
    else
      std::cout << "Sau chữ ký cuối: có " << report.appended_bytes << " byte được thêm (" << report.appended_revisions
                << " phiên bản)\n";
  }
  std::cout << "Kết luận: " << (verification.holds() ? "mọi chữ ký hợp lệ, chữ ký cuối phủ toàn bộ tệp" : "KHÔNG đạt")
            << '\n';
}

}  // namespace

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

int run_sign(const std::vector<std::string>& args, Invocation& invocation) {
  if (print_help(args, "sign")) return kOk;
  const Arguments arguments = parse(args, "sign");
  if (arguments.positional().size() != 1) throw UsageError{"cần đúng một tệp PDF để ký (xem vanban sign --help)"};
  const std::string input = arguments.positional().front();
  const std::string output = arguments.required("--output");
  pipeline::SigningRequest request;
  const auto path = [&](const char* option) -> std::optional<std::filesystem::path> {
    if (const auto value = arguments.value(option)) return std::filesystem::path(*value);
    return std::nullopt;
  };
  request.keys = {path("--key"), path("--cert"), path("--chain"), path("--p12")};
  request.appearance = arguments.value("--appearance");
  request.image = path("--image");
  // The office's images from the configuration, instead of a path on the command line.
  if (arguments.flag("--seal") || arguments.value("--officer")) {
    if (request.image || (arguments.flag("--seal") && arguments.value("--officer")))
      throw UsageError{"--image, --seal và --officer: chỉ dùng một"};
    const auto& settings = invocation.configuration().settings;
    request.image = pipeline::office_image(settings.office ? &*settings.office : nullptr, arguments.flag("--seal"),
                                           arguments.value("--officer"));
    if (!request.appearance && arguments.flag("--seal")) request.appearance = "agency";
  }
  request.field = arguments.value("--field").value_or("");
  request.reason = arguments.value("--reason").value_or("");
  request.location = arguments.value("--location").value_or("");
  request.document_number = arguments.value("--number").value_or("");
  request.allow_expired = arguments.flag("--allow-expired");
  pipeline::check_signing_request(request);
  std::vector<std::filesystem::path> inputs{input};
  for (const auto& file :
       {request.keys.key, request.keys.certificate, request.keys.chain, request.keys.pkcs12, request.image})
    if (file) inputs.push_back(*file);
  pipeline::check_output("-o", output, inputs);
  const auto time = read_clock(arguments);

  const auto passphrase = passphrase_source(arguments.value("--pass-env"));
  Diagnostics diagnostics;
  const auto pdf = read_input(input);
  const auto identity = pipeline::load_identity(request.keys, passphrase, diagnostics);
  print(diagnostics);
  if (!pdf || !identity) return kInputRejected;
  Diagnostics signing;
  const auto signed_pdf =
      pipeline::sign_document(*pdf, input, *identity, request, time, invocation.resources(), signing);
  print(signing);
  if (!signed_pdf) return kInputRejected;
  write_output(output, *signed_pdf, inputs);
  return kOk;
}

int run_verify(const std::vector<std::string>& args, Invocation& invocation) {
  if (print_help(args, "verify")) return kOk;
  const Arguments arguments = parse(args, "verify");
  if (arguments.positional().size() != 1) throw UsageError{"cần đúng một tệp PDF để kiểm tra"};
  const std::string path = arguments.positional().front();
  sign::VerifyOptions options;
  options.now = read_clock(arguments);
  bool readable = true;
  std::vector<std::string> trust_files = arguments.values("--trust");
  if (trust_files.empty())
    for (const auto& file : pipeline::configured_trust_anchors(invocation.configuration()))
      trust_files.push_back(file.string());
  for (const auto& trust : trust_files) {
    auto pem = read_input(trust);
    readable = readable && pem.has_value();
    if (pem) options.trusted_roots_pem.push_back(std::move(*pem));
  }
  const auto pdf = read_input(path);
  if (!pdf || !readable) return kInputRejected;
  Diagnostics diagnostics;
  const auto verification = pipeline::verify_document(*pdf, options, SourceLoc{make_file_name(path)}, diagnostics);
  print(diagnostics);
  if (!verification) return kInputRejected;
  if (arguments.flag("--json")) {
    std::cout << api::verification(path, *verification, options.now.offset_minutes);
  } else {
    print_report(path, *verification, options.now.offset_minutes);
    print(verification->verdict);
  }
  return verification->holds() ? kOk : kInputRejected;
}

}  // namespace vanban::cli
