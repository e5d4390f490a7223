#include "pipeline/long_term.hpp"

#include <algorithm>

#include "crypto/http.hpp"
#include "crypto/random.hpp"
#include "crypto/timestamp.hpp"
#include "sign/time.hpp"
#include "sign/validation_data.hpp"

namespace vanban::pipeline {

namespace {

constexpr std::size_t kMaxTimestampAnswer = 1024U * 1024U;

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

// Why an exchange failed, for a clerk.
std::string http_failure(const crypto::HttpRequest& http, crypto::HttpProblem problem, const std::string& detail) {
  switch (problem) {
    case crypto::HttpProblem::bad_url: return http.url + ": địa chỉ không dùng được (chỉ nhận http://)";
    case crypto::HttpProblem::no_answer:
      return http.url + ": không có trả lời trong " + std::to_string(http.timeout_seconds) + " giây";
    case crypto::HttpProblem::refused: return http.url + ": máy chủ trả lời lỗi (" + detail + ")";
  }
  return http.url;
}

// Fetches what `certificate`'s issuer publishes about it until something covers it at `at`: its CRLs, then its OCSP
// responders. What was fetched joins `data`; what failed is described in `failures`.
crypto::RevocationStatus fetch_until_covered(const crypto::Certificate& certificate, const crypto::Certificate& issuer,
                                             std::int64_t at, const LongTermRequest& request,
                                             crypto::RevocationData& data, std::vector<std::string>& failures) {
  auto status = crypto::revocation_status(certificate, issuer, data, at);
  const auto fetch = [&](crypto::HttpRequest http, bool crl) {
    http.timeout_seconds = request.timeout_seconds;
    crypto::HttpProblem problem{};
    std::string detail;
    auto answer = crypto::http_exchange(http, problem, detail);
    if (!answer) {
      failures.push_back(http_failure(http, problem, detail));
      return;
    }
    if (crl) {
      if (auto der = crypto::read_crl(*answer)) data.crls.push_back(std::move(*der));
      else failures.push_back(http.url + ": không phải danh sách thu hồi (CRL)");
    } else if (crypto::is_ocsp_response(*answer)) {
      data.ocsp_responses.push_back(std::move(*answer));
    } else {
      failures.push_back(http.url + ": không phải trả lời OCSP thành công");
    }
    status = crypto::revocation_status(certificate, issuer, data, at);
  };
  for (const auto& url : certificate.crl_urls()) {
    if (status.state != crypto::Revocation::unknown) break;
    fetch({url, "", {}, 0}, true);
  }
  for (const auto& url : certificate.ocsp_urls()) {
    if (status.state != crypto::Revocation::unknown) break;
    fetch({url, "application/ocsp-request", crypto::ocsp_request(certificate, issuer), 0}, false);
  }
  if (certificate.crl_urls().empty() && certificate.ocsp_urls().empty())
    failures.push_back("chứng thư không ghi địa chỉ CRL hay OCSP nào");
  return status;
}

void add_unique(std::vector<crypto::Certificate>& list, const crypto::Certificate& certificate) {
  if (std::none_of(list.begin(), list.end(), [&](const crypto::Certificate& c) { return c.same_as(certificate); }))
    list.push_back(certificate);
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : "; ") + part;
  return out;
}

}  // namespace

std::optional<Bytes> fetch_timestamp(const LongTermRequest& request, std::string_view signature, const SourceLoc& file,
                                     Diagnostics& diagnostics) {
  const Bytes query = crypto::timestamp_request(crypto::sha256(signature), crypto::random_bytes(8));
  const crypto::HttpRequest http{request.tsa_url, "application/timestamp-query", query, request.timeout_seconds,
                                 kMaxTimestampAnswer};
  crypto::HttpProblem problem{};
  std::string detail;
  const auto answer = crypto::http_exchange(http, problem, detail);
  if (!answer) {
    const bool silent = problem != crypto::HttpProblem::refused;
    diagnostics.error(
        silent ? "E0680" : "E0681", file,
        "đơn vị cấp dấu thời gian " + http_failure(http, problem, detail) + "; không có tệp nào được ghi");
    return std::nullopt;
  }
  const crypto::TimestampAnswer read = crypto::read_timestamp_answer(*answer, query);
  if (read.problem) {
    const char* why = *read.problem == crypto::TimestampProblem::unreadable ? "không phải trả lời RFC 3161"
                      : *read.problem == crypto::TimestampProblem::rejected ? "từ chối cấp dấu thời gian"
                                                                            : "trả lời không khớp với yêu cầu";
    diagnostics.error("E0681", file,
                      "đơn vị cấp dấu thời gian " + request.tsa_url + ": " + why +
                          (read.detail.empty() ? "" : " (" + read.detail + ")") + "; không có tệp nào được ghi");
    return std::nullopt;
  }
  return read.token;
}

std::optional<Bytes> add_long_term_data(std::string_view signed_pdf, const sign::SignerCertificates& signer,
                                        std::string_view signature, std::string_view token,
                                        const LongTermRequest& request, const SourceLoc& file,
                                        Diagnostics& diagnostics) {
  const crypto::TimestampFindings stamp = crypto::check_timestamp(token, signature, nullptr);
  const std::int64_t at = stamp.time;
  std::vector<crypto::Certificate> candidates = signer.chain;
  for (const auto& certificate : stamp.certificates) add_unique(candidates, certificate);
  for (const auto& pem : request.anchors)
    for (const auto& certificate : crypto::read_certificates(pem)) add_unique(candidates, certificate);
  const std::string name = signer.certificate.describe().common_name;

  // The signer's path: to a trust anchor when there are some, else as far as a root.
  std::vector<crypto::Certificate> path;
  if (!request.anchors.empty()) {
    const crypto::TrustStore store(request.anchors);
    const crypto::ChainVerdict verdict = store.verify(signer.certificate, candidates, at);
    if (!verdict.valid) {
      diagnostics.error("E0684", file,
                        "chuỗi chứng thư của " + quoted(name) + " không dẫn tới gốc tin cậy nào (" + verdict.problem +
                            "); không có tệp nào được ghi");
      return std::nullopt;
    }
    path = verdict.path;
  } else {
    path = crypto::issuer_path(signer.certificate, candidates);
    if (!path.back().self_signed()) {
      diagnostics.error(
          "E0684", file,
          "chuỗi chứng thư của " + quoted(name) +
              " không đủ tới chứng thư gốc: cho thêm --chain hoặc --trust-dir; không có tệp nào được ghi");
      return std::nullopt;
    }
  }

  // Revocation data for each certificate of the path but the root, current at the time-stamp's time.
  crypto::RevocationData data = request.given;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    std::vector<std::string> failures;
    const auto status = fetch_until_covered(path[i], path[i + 1], at, request, data, failures);
    const std::string subject = quoted(path[i].describe().common_name);
    if (status.state == crypto::Revocation::revoked && status.revoked_at <= at) {
      diagnostics.error("E0682", file,
                        "chứng thư " + subject + " đã bị thu hồi lúc " +
                            sign::Moment::from_unix(status.revoked_at, 7 * 60).iso8601() +
                            ", trước thời điểm ký; không có tệp nào được ghi");
      return std::nullopt;
    }
    if (status.state == crypto::Revocation::unknown) {
      diagnostics.error("E0683", file,
                        "không có dữ liệu thu hồi còn hiệu lực cho chứng thư " + subject + " (" + joined(failures) +
                            "); cho tệp --crl hoặc --ocsp; không có tệp nào được ghi");
      return std::nullopt;
    }
  }
  // The TSA's path and what covers it, as far as can be had.
  std::vector<crypto::Certificate> certificates = path;
  if (!stamp.certificates.empty()) {
    const auto tsa_path = crypto::issuer_path(stamp.certificates.front(), candidates);
    for (std::size_t i = 0; i < tsa_path.size(); ++i) {
      add_unique(certificates, tsa_path[i]);
      std::vector<std::string> ignored;
      if (i + 1 < tsa_path.size()) fetch_until_covered(tsa_path[i], tsa_path[i + 1], at, request, data, ignored);
    }
  }
  return sign::add_validation_data(signed_pdf, sign::ValidationData{certificates, data}, file, diagnostics);
}

}  // namespace vanban::pipeline
