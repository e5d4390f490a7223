#include "pipeline/verification.hpp"

#include <algorithm>

namespace vanban::pipeline {

namespace {

Diagnostics verdict_on(const sign::VerificationReport& report, const SourceLoc& file) {
  Diagnostics verdict;
  if (report.signatures.empty()) verdict.error("E0640", file, "tệp không có chữ ký số nào");
  for (std::size_t i = 0; i < report.signatures.size(); ++i) {
    const auto& s = report.signatures[i];
    if (s.valid()) continue;
    std::string why;
    for (const auto& problem : s.problems) why += (why.empty() ? "" : "; ") + format_finding(problem);
    verdict.error("E0641", file,
                  "chữ ký " + std::to_string(i + 1) + " (\"" + s.field_name + "\") không hợp lệ" +
                      (why.empty() ? "" : ": " + why));
  }
  for (const auto& update : report.updates)
    for (const auto& problem : update.problems)
      verdict.error("E0638", file, "thay đổi PAdES không cho phép: " + format_finding(problem));
  if (report.appended_bytes != 0)
    verdict.error("E0642", file, "có " + std::to_string(report.appended_bytes) + " byte được thêm vào sau chữ ký cuối");
  if (!verdict.has_errors())
    for (std::size_t i = 0; i < report.signatures.size(); ++i)
      if (!report.signatures[i].trusted())
        verdict.warning("W0639", file,
                        "chữ ký " + std::to_string(i + 1) + " (\"" + report.signatures[i].field_name +
                            "\") còn nguyên vẹn, nhưng CHƯA XÁC ĐỊNH được người ký: chứng thư không được kiểm tra "
                            "tới một gốc tin cậy (cho gốc tin cậy bằng --trust, --trust-dir hoặc [trust] anchors "
                            "trong tệp cấu hình); ai cũng có thể tự làm một chứng thư mang tên bất kỳ");
  return verdict;
}

}  // namespace

bool Verification::signer_known() const {
  return holds() && std::all_of(report.signatures.begin(), report.signatures.end(),
                                [](const sign::SignatureReport& s) { return s.trusted(); });
}

std::optional<Verification> verify_document(std::string_view pdf, const sign::VerifyOptions& options,
                                            const SourceLoc& file, Diagnostics& diagnostics) {
  auto report = sign::verify_pdf(pdf, options, file, diagnostics);
  if (!report) return std::nullopt;
  Verification verification{std::move(*report), {}};
  verification.verdict = verdict_on(verification.report, file);
  return verification;
}

}  // namespace vanban::pipeline
