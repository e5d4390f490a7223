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
#include "pipeline/acceptance.hpp"
#include "pipeline/engine.hpp"
#include "pipeline/office.hpp"
#include "pipeline/signing.hpp"
#include "pipeline/verification.hpp"

namespace vanban::cli {

namespace {

// Reads a line from the terminal with echo off; nullopt when there is no terminal.
std::optional<std::string> prompt_passphrase(const char* prompt) {
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
  std::fputs(prompt, tty);
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
    if (s.timestamp)
      std::cout << "  Dấu thời gian:     " << s.timestamp->iso8601()
                << (s.tsa ? ", đơn vị cấp \"" + s.tsa->common_name + "\"" : "") << '\n';
    if (!s.reason.empty()) std::cout << "  Lý do:             " << s.reason << '\n';
    if (!s.location.empty()) std::cout << "  Nơi ký:            " << s.location << '\n';
    std::cout << "  Kiểu chữ ký:       " << (s.sub_filter.empty() ? "?" : s.sub_filter) << '\n';
    std::cout << "  Mức PAdES:         " << (s.level.empty() ? "không theo mức cơ bản nào của PAdES" : s.level) << '\n';
    std::cout << "  Phạm vi ký:        byte 0–" << s.signed_end << " trên " << report.file_size << ": "
              << (s.covers_whole_file
                      ? "toàn bộ tệp"
                      : (s.covers_revision ? "một phiên bản trước (có phần thêm sau)" : "KHÔNG đúng một phiên bản"))
              << '\n';
    std::cout << "  Toàn vẹn (băm):    " << yes_no(s.integrity, "đúng", "SAI — nội dung đã bị thay đổi") << '\n'
              << "  Chữ ký CMS:        " << yes_no(s.signature, "hợp lệ", "KHÔNG hợp lệ") << '\n'
              << "  Chuỗi chứng thư:   " << yes_no(s.chain, "tới gốc tin cậy", "KHÔNG tới gốc tin cậy") << '\n';
    if (report.has_validation_data)
      std::cout << "  Thu hồi (DSS):     " << yes_no(s.revocation, "chưa bị thu hồi tại thời điểm ký", "ĐÃ BỊ THU HỒI")
                << '\n';
    for (const auto& warning : s.warnings) std::cout << "  Cảnh báo: " << format_finding(warning) << '\n';
    for (const auto& problem : s.problems) std::cout << "  Lỗi: " << format_finding(problem) << '\n';
    std::cout << "  Kết quả: "
              << (s.trusted() ? "HỢP LỆ"
                  : s.valid() ? "NGUYÊN VẸN, NHƯNG CHƯA XÁC ĐỊNH ĐƯỢC NGƯỜI KÝ (chứng thư không tới gốc tin cậy nào)"
                              : "KHÔNG HỢP LỆ")
              << '\n';
  }
  for (const auto& update : report.updates) {
    if (update.after_last) continue;
    std::cout << "\nGiữa chữ ký " << update.after << " và chữ ký " << update.after + 1 << " (byte " << update.from
              << "–" << update.to << ", " << update.revisions
              << " phiên bản): " << (update.changes.empty() ? "không thay đổi gì" : update.changes) << '\n';
    for (const auto& problem : update.problems) std::cout << "  Lỗi: " << format_finding(problem) << '\n';
  }
  std::cout << '\n';
  for (const auto& name : report.empty_fields) std::cout << "Ô chữ ký chưa ký: \"" << name << "\"\n";
  if (!report.signatures.empty()) {
    if (report.validation_bytes != 0)
      std::cout << "Sau chữ ký cuối: dữ liệu kiểm tra dài hạn (DSS), " << report.validation_bytes << " byte ("
                << report.validation_revisions << " phiên bản)\n";
    else if (report.appended_bytes == 0) std::cout << "Sau chữ ký cuối: không có gì được thêm\n";
    if (report.appended_bytes != 0)
      std::cout << "Sau chữ ký cuối: có " << report.appended_bytes << " byte được thêm (" << report.appended_revisions
                << " phiên bản)\n";
    if (!report.updates.empty() && report.updates.back().after_last && !report.updates.back().changes.empty())
      std::cout << "  Thay đổi sau chữ ký cuối: " << report.updates.back().changes << '\n';
  }
  std::cout << "Kết luận: "
            << (verification.signer_known()
                    ? "mọi chữ ký hợp lệ, chữ ký cuối phủ toàn bộ tệp (trừ dữ liệu kiểm tra dài hạn)"
                : verification.holds()
                    ? "tệp nguyên vẹn như khi ký, nhưng CHƯA XÁC ĐỊNH ĐƯỢC NGƯỜI KÝ (không có gốc tin cậy)"
                    : "KHÔNG đạt")
            << '\n';
}

std::optional<std::filesystem::path> path_option(const Arguments& arguments, const char* option) {
  if (const auto value = arguments.value(option)) return std::filesystem::path(*value);
  return std::nullopt;
}

std::vector<std::filesystem::path> paths_option(const Arguments& arguments, const char* option) {
  std::vector<std::filesystem::path> out;
  for (const auto& value : arguments.values(option)) out.emplace_back(value);
  return out;
}

// `vanban sign --accept SIGNED.pdf --original DRAFT.pdf`: the draft signed elsewhere, checked.
int run_accept(const Arguments& arguments, Invocation& invocation) {
  if (!arguments.positional().empty())
    throw UsageError{"--accept không nhận tệp vị trí: cho tệp đã ký bằng --accept, bản nháp bằng --original"};
  const std::string signed_path = arguments.required("--accept");
  const std::string draft_path = arguments.required("--original");
  pipeline::AcceptanceRequest request;
  request.verify.now = read_clock(arguments);
  const auto anchors = read_trust(arguments, invocation);
  if (anchors) request.verify.trusted_roots_pem = pipeline::anchor_texts(*anchors);
  std::optional<Bytes> expected = Bytes();
  if (const auto cert = arguments.value("--cert")) expected = read_input(*cert);
  const auto output = arguments.value("--output");
  if (output) {
    std::vector<std::filesystem::path> inputs{signed_path, draft_path};
    if (const auto cert = arguments.value("--cert")) inputs.emplace_back(*cert);
    pipeline::check_output("-o", *output, inputs);
  }
  const auto signed_pdf = read_input(signed_path, pipeline::kMaxSignedPdf);
  const auto draft = read_input(draft_path);
  if (!anchors || !expected || !signed_pdf || !draft) return kInputRejected;
  if (!expected->empty()) request.expected_signers.push_back(*expected);
  Diagnostics acceptance;
  const auto verification = pipeline::accept_signed_document(*signed_pdf, signed_path, *draft, request, acceptance);
  print(acceptance);
  if (!verification) return kInputRejected;
  print_report(signed_path, *verification, request.verify.now.offset_minutes);
  std::cout << "Chấp nhận: tệp là bản nháp " << draft_path << " được nối thêm chữ ký, không thay đổi gì khác\n";
  if (output) write_output(*output, *signed_pdf, {signed_path, draft_path});
  return kOk;
}

}  // namespace

sign::PassphraseSource passphrase_source(const std::optional<std::string>& variable, const char* prompt) {
  if (variable) {
    const char* value = std::getenv(variable->c_str());
    if (value == nullptr) throw UsageError{"biến môi trường " + *variable + " (--pass-env) không có"};
    return [name = *variable]() -> std::optional<std::string> {
      const char* text = std::getenv(name.c_str());
      return text != nullptr ? std::optional<std::string>(text) : std::nullopt;
    };
  }
  return [prompt] { return prompt_passphrase(prompt); };
}

int run_sign(const std::vector<std::string>& args, Invocation& invocation) {
  if (print_help(args, "sign")) return kOk;
  const Arguments arguments = parse(args, "sign");
  if (arguments.value("--accept")) return run_accept(arguments, invocation);
  if (arguments.value("--original")) throw UsageError{"--original chỉ dùng với --accept"};
  const bool prepare = arguments.flag("--prepare");
  const bool complete = arguments.flag("--complete");
  if (prepare && complete) throw UsageError{"--prepare và --complete là hai bước riêng"};
  if (arguments.value("--signature") && !complete) throw UsageError{"--signature chỉ dùng với --complete"};
  if (arguments.positional().size() != 1) throw UsageError{"cần đúng một tệp PDF để ký (xem vanban sign --help)"};
  const std::string input = arguments.positional().front();
  const std::string output = arguments.required("--output");
  pipeline::SigningRequest request;
  request.keys = {path_option(arguments, "--key"),   path_option(arguments, "--cert"),
                  path_option(arguments, "--chain"), path_option(arguments, "--p12"),
                  arguments.value("--pkcs11"),       path_option(arguments, "--pkcs11-module")};
  request.appearance = arguments.value("--appearance");
  request.image = path_option(arguments, "--image");
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
  request.level = arguments.value("--level");
  request.tsa = arguments.value("--tsa");
  request.timeout = arguments.value("--timeout");
  request.crl_files = paths_option(arguments, "--crl");
  request.ocsp_files = paths_option(arguments, "--ocsp");
  request.trust = given_trust(arguments);
  pipeline::apply_defaults(request, invocation.configuration());
  const auto step = prepare    ? pipeline::SigningStep::prepare
                    : complete ? pipeline::SigningStep::complete
                               : pipeline::SigningStep::one_step;
  pipeline::check_signing_request(request, step);
  std::vector<std::filesystem::path> inputs{input};
  for (const auto& file : {request.keys.key, request.keys.certificate, request.keys.chain, request.keys.pkcs12,
                           request.image, path_option(arguments, "--signature")})
    if (file) inputs.push_back(*file);
  inputs.insert(inputs.end(), request.crl_files.begin(), request.crl_files.end());
  inputs.insert(inputs.end(), request.ocsp_files.begin(), request.ocsp_files.end());
  pipeline::check_output("-o", output, inputs);
  const auto time = read_clock(arguments);

  if (complete) {
    const auto signature_path = arguments.value("--signature");
    if (!signature_path) throw UsageError{"--complete cần --signature TỆP (chữ ký thô làm ở nơi khác)"};
    auto prepared = read_input(input, pipeline::kMaxSignedPdf);
    const auto signature = read_input(*signature_path);
    if (!prepared || !signature) return kInputRejected;
    Diagnostics diagnostics;
    const auto signed_pdf = pipeline::complete_document(std::move(*prepared), input, *signature, request, diagnostics);
    print(diagnostics);
    if (!signed_pdf) return kInputRejected;
    write_output(output, *signed_pdf, inputs);
    return kOk;
  }
  // Up to the signed PDF's limit: one that holds no signature yet is refused over kMaxInputFile when signed (E0608).
  auto pdf = read_input(input, pipeline::kMaxSignedPdf);
  if (prepare) {
    Diagnostics diagnostics;
    const auto certificates = pipeline::load_certificates(request.keys, diagnostics);
    const auto prepared = pdf && certificates ? pipeline::prepare_document(*pdf, input, *certificates, request, time,
                                                                           invocation.resources(), diagnostics)
                                              : std::nullopt;
    print(diagnostics);
    if (!prepared) return kInputRejected;
    write_output(output, prepared->pdf, inputs);
    const auto data = pipeline::data_to_sign(*prepared);
    std::cout << "Băm SHA-256 cần ký: " << data.digest << '\n' << "Dữ liệu cần ký (DER): " << data.to_be_signed << '\n';
    return kOk;
  }
  const auto passphrase =
      passphrase_source(arguments.value("--pass-env"), request.keys.pkcs11 ? "Mã PIN của thẻ ký số: " : "Mật khẩu: ");
  Diagnostics diagnostics;
  const auto identity = pdf ? pipeline::load_identity(request.keys, passphrase, diagnostics) : nullptr;
  print(diagnostics);
  if (!pdf || !identity) return kInputRejected;
  Diagnostics signing;
  const auto signed_pdf =
      pipeline::sign_document(std::move(*pdf), input, *identity, request, time, invocation.resources(), signing);
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
  const auto anchors = read_trust(arguments, invocation);
  if (anchors) options.trusted_roots_pem = pipeline::anchor_texts(*anchors);
  const auto pdf = read_input(path, pipeline::kMaxSignedPdf);
  if (!pdf || !anchors) return kInputRejected;
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
  if (!verification->holds()) return kInputRejected;
  return verification->signer_known() ? kOk : kSignerUnknown;
}

}  // namespace vanban::cli
