#include "pipeline/verification.hpp"

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
  if (report.appended_bytes != 0)
    verdict.error("E0642", file, "có " + std::to_string(report.appended_bytes) + " byte được thêm vào sau chữ ký cuối");
  return verdict;
}

}  // namespace

std::optional<Verification> verify_document(std::string_view pdf, const sign::VerifyOptions& options,
                                            const SourceLoc& file, Diagnostics& diagnostics) {
  auto report = sign::verify_pdf(pdf, options, file, diagnostics);
  if (!report) return std::nullopt;
  Verification verification{std::move(*report), {}};
  verification.verdict = verdict_on(verification.report, file);
  return verification;
}

}  // namespace vanban::pipeline
