#include "pipeline/acceptance.hpp"

#include <algorithm>

#include "crypto/x509.hpp"

namespace vanban::pipeline {

std::optional<Verification> accept_signed_document(std::string_view signed_pdf, const std::string& file,
                                                   std::string_view draft, const AcceptanceRequest& request,
                                                   Diagnostics& diagnostics) {
  const SourceLoc loc{make_file_name(file)};
  if (signed_pdf.size() <= draft.size() || signed_pdf.substr(0, draft.size()) != draft) {
    diagnostics.error("E0690", loc,
                      "tệp đã ký không bắt đầu bằng đúng các byte của bản nháp: đây là tài liệu khác, hoặc bản nháp "
                      "đã bị sửa trước khi ký; không nhận");
    return std::nullopt;
  }
  auto verification = verify_document(signed_pdf, request.verify, loc, diagnostics);
  const auto changes =
      verification ? sign::changes_beyond_signatures(draft, signed_pdf, loc, diagnostics) : std::nullopt;
  if (!verification || !changes) return std::nullopt;
  bool accepted = true;
  if (!changes->empty()) {
    std::string list;
    for (const auto& change : *changes) list += (list.empty() ? "" : "; ") + change;
    diagnostics.error("E0691", loc, "phần được thêm sau bản nháp thay đổi cả nội dung, không chỉ thêm chữ ký: " + list);
    accepted = false;
  }
  // The signatures added to the draft, and who made them.
  std::vector<std::string> expected;
  for (const auto& text : request.expected_signers)
    for (const auto& certificate : crypto::read_certificates(text)) expected.push_back(certificate.describe().sha256);
  std::size_t added = 0;
  for (const auto& signature : verification->report.signatures) {
    if (signature.signed_end <= draft.size()) continue;
    ++added;
    const std::string fingerprint = signature.signer ? signature.signer->sha256 : "";
    if (!expected.empty() && std::find(expected.begin(), expected.end(), fingerprint) == expected.end()) {
      diagnostics.error("E0693", loc,
                        "chữ ký \"" + signature.field_name + "\" do chứng thư \"" +
                            (signature.signer ? signature.signer->common_name : std::string("?")) +
                            "\" ký, không phải chứng thư được chờ; không nhận");
      accepted = false;
    }
  }
  if (added == 0) {
    diagnostics.error("E0692", loc, "tệp không có chữ ký nào được thêm vào bản nháp; không nhận");
    accepted = false;
  }
  if (!verification->holds()) {
    diagnostics.error("E0694", loc, "chữ ký trong tệp không đạt kiểm tra (xem dưới); không nhận");
    diagnostics.merge(verification->verdict);
    accepted = false;
  }
  // Intact bytes prove nothing about who signed: the signer is known from a trust anchor or from the certificate
  // the office expects (--cert), never from the file alone.
  if (verification->holds() && request.expected_signers.empty() && !verification->signer_known()) {
    diagnostics.error("E0698", loc,
                      "chưa xác định được người ký: không có chứng thư gốc tin cậy nào (--trust, --trust-dir, [trust] "
                      "anchors) xác nhận chứng thư đã ký, và không có chứng thư được chờ (--cert); không nhận");
    accepted = false;
  }
  if (!accepted) return std::nullopt;
  return verification;
}

}  // namespace vanban::pipeline
