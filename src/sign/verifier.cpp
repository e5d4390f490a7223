// Verification: every signature field of the newest revision, checked against the bytes it signs.

#include <algorithm>

#include "crypto/cms.hpp"
#include "sign/byte_range.hpp"
#include "sign/revisions.hpp"
#include "sign/validation_data.hpp"
#include "sign/verification.hpp"

namespace vanban::sign {

bool SignatureReport::valid() const {
  return problems.empty() && integrity == Check::passed && signature == Check::passed && covers_revision &&
         chain != Check::failed;
}

bool VerificationReport::all_valid() const {
  if (signatures.empty() || appended_bytes != 0) return false;
  return std::all_of(signatures.begin(), signatures.end(), [](const SignatureReport& s) { return s.valid(); });
}

namespace {

std::string text_of(const Dict& dict, std::string_view key) {
  const Object* value = find(dict, key);
  if (value == nullptr || value->string() == nullptr) return "";
  return decode_text_string(value->string()->value);
}

// Whether `end` closes a revision: the bytes before it are "%%EOF" and at most an end of line.
bool ends_revision(std::string_view file, std::size_t end) {
  std::size_t at = end;
  for (int i = 0; i < 2 && at > 0 && (file[at - 1] == '\n' || file[at - 1] == '\r'); ++i) --at;
  return at >= 5 && file.substr(at - 5, 5) == "%%EOF";
}

std::size_t count_revisions(std::string_view tail) {
  std::size_t count = 0;
  for (std::size_t at = tail.find("%%EOF"); at != std::string_view::npos; at = tail.find("%%EOF", at + 5)) ++count;
  return count;
}

std::string named(const std::string& name) { return "\"" + name + "\""; }

void check_one(const PdfFile& file, const SignatureField& field, const VerifyOptions& options,
               const ValidationData& validation, SignatureReport& report) {
  const std::string_view bytes = file.bytes();
  const auto dict_object = signature_dictionary(file, field);
  if (!dict_object) {
    report.problems.push_back({"E0643", "không đọc được từ điển chữ ký (/V)"});
    return;
  }
  const Dict& dict = *dict_object->dict();
  if (const Object* sub = find(dict, "SubFilter"); sub != nullptr && sub->name() != nullptr)
    report.sub_filter = sub->name()->value;
  report.reason = text_of(dict, "Reason");
  report.location = text_of(dict, "Location");
  if (const Object* m = find(dict, "M"); m != nullptr && m->string() != nullptr)
    report.time = Moment::parse_pdf(decode_text_string(m->string()->value));

  Finding problem;
  const auto range = read_byte_range(dict, bytes, problem);
  if (!range) {
    report.problems.push_back(problem);
    return;
  }
  report.signed_end = range->end;
  report.covers_whole_file = range->end == bytes.size();
  report.covers_revision = ends_revision(bytes, range->end);
  if (!report.covers_revision)
    report.problems.push_back({"E0648", "phạm vi ký không kết thúc ở cuối một phiên bản (%%EOF)"});
  // The gap must be this dictionary's own /Contents: nothing else may escape the signature.
  const Bytes gap = gap_contents(bytes, *range);
  const Object* contents = find(dict, "Contents");
  const auto span = field.value ? file.object_span(*field.value) : std::nullopt;
  if (!span || range->gap_start < span->first || range->gap_end > span->second || contents == nullptr ||
      contents->string() == nullptr || contents->string()->value != gap)
    report.problems.push_back({"E0649", "phần không được ký không phải là /Contents của chính chữ ký này"});

  if (report.sub_filter != "ETSI.CAdES.detached" && report.sub_filter != "adbe.pkcs7.detached") {
    report.problems.push_back({"E0650", "kiểu chữ ký /SubFilter /" + report.sub_filter + " chưa được hỗ trợ"});
    return;
  }
  const std::size_t der_size = crypto::der_length(gap);
  const std::string content = signed_bytes(bytes, *range);
  const std::int64_t now = options.now.unix_seconds();
  const std::int64_t claimed = report.time ? report.time->unix_seconds() : now;
  crypto::CmsCheck check;
  check.roots = options.trusted_roots_pem;
  check.claimed_at = claimed;
  check.now = now;
  check.more = validation.certificates;
  if (!validation.empty()) check.revocation = &validation.revocation;
  const crypto::CmsFindings cms = crypto::check_cms(std::string_view(gap).substr(0, der_size), content, check);
  if (!cms.parsed) {
    report.problems.push_back({"E0651", "không đọc được chữ ký CMS trong /Contents"});
    return;
  }
  report.signer = cms.signer;
  report.integrity = cms.integrity;
  report.signature = cms.signature;
  report.chain = cms.chain;
  if (!report.time && cms.signing_time) report.time = Moment::from_unix(*cms.signing_time, 420);
  report.pades_baseline = report.sub_filter == "ETSI.CAdES.detached" && cms.signing_certificate_v2 && !cms.signing_time;

  if (cms.integrity != Check::passed)
    report.problems.push_back(
        {"E0652", "nội dung đã bị thay đổi sau khi ký (giá trị băm " + cms.digest + " không khớp)"});
  if (cms.signature != Check::passed) report.problems.push_back({"E0653", "chữ ký CMS không hợp lệ"});
  if (cms.chain == Check::failed)
    report.problems.push_back(
        {std::string(kUntrustedChain), "chứng thư không dẫn tới gốc tin cậy (" + cms.chain_problem + ")"});
  if (cms.chain == Check::not_checked)
    report.warnings.push_back({"W0656", "chưa kiểm tra chuỗi chứng thư (không có --trust)"});
  if (cms.expired_now)
    report.warnings.push_back({"W0657", "chứng thư đã hết hạn, nhưng còn hiệu lực tại thời điểm ký"});
  // The time-stamp: it must stamp this signature; a TSA outside the trust anchors proves no time.
  if (cms.timestamp) {
    const crypto::TimestampFindings& stamp = *cms.timestamp;
    report.tsa = stamp.tsa;
    if (!stamp.parsed || stamp.imprint != Check::passed || stamp.signature != Check::passed)
      report.problems.push_back({"E0662", "dấu thời gian không hợp lệ hoặc không phải của chữ ký này"});
    else if (stamp.chain == Check::failed)
      report.warnings.push_back({"W0663", "chứng thư của đơn vị cấp dấu thời gian không dẫn tới gốc tin cậy (" +
                                              stamp.chain_problem + "): thời điểm ký chưa được chứng minh"});
    if (cms.time_proven) report.timestamp = Moment::from_unix(stamp.time, options.now.offset_minutes);
  }
  // The certificate at the time proven by the time-stamp, else at the time the document claims.
  const std::int64_t at = cms.checked_at;
  if (!report.time && !cms.time_proven) {
    report.warnings.push_back({"W0658", "chữ ký không ghi thời điểm ký"});
  } else if (cms.signer && (at < cms.signer->not_before || at > cms.signer->not_after)) {
    report.problems.push_back({"E0655", "chứng thư không có hiệu lực tại thời điểm ký"});
  } else if (at > now + 300) {
    report.warnings.push_back({"W0659", "thời điểm ký ở sau thời điểm kiểm tra"});
  }
  report.revocation = cms.revocation;
  if (cms.revocation == Check::failed) {
    const std::string when = Moment::from_unix(cms.revoked_at, options.now.offset_minutes).iso8601();
    report.problems.push_back(
        {"E0664", cms.revoked_at <= at
                      ? "chứng thư " + named(cms.revoked) + " đã bị thu hồi lúc " + when + ", trước thời điểm ký"
                      : "chứng thư " + named(cms.revoked) + " đã bị thu hồi lúc " + when +
                            "; không có dấu thời gian chứng minh chữ ký có trước đó"});
  } else if (!validation.empty() && cms.revocation == Check::not_checked) {
    report.warnings.push_back({"W0665",
                               "dữ liệu kiểm tra dài hạn (DSS) không có thông tin thu hồi còn hiệu lực cho "
                               "chứng thư " +
                                   named(cms.not_covered) + ": chưa đạt mức B-LT"});
  }
  if (report.sub_filter == "ETSI.CAdES.detached" && cms.signing_time)
    report.warnings.push_back({"W0660", "CMS có thuộc tính signing-time, PAdES baseline không cho phép"});
  if (report.sub_filter == "ETSI.CAdES.detached" && !cms.signing_certificate_v2)
    report.warnings.push_back({"W0661", "CMS thiếu thuộc tính signingCertificateV2 của PAdES"});
  if (report.pades_baseline) report.level = !cms.time_proven ? "B-B" : cms.revocation == Check::passed ? "B-LT" : "B-T";
}

// Whether the revisions after `end` only add validation data.
bool only_validation_data(const PdfFile& file, std::size_t end) {
  OpenProblem ignored;
  const auto before = PdfFile::open(file.bytes().substr(0, end), ignored);
  return before && disallowed_changes(*before, file, UpdatePolicy::validation_data).empty();
}

}  // namespace

std::optional<std::vector<std::string>> changes_beyond_signatures(std::string_view draft, std::string_view signed_pdf,
                                                                  const SourceLoc& file, Diagnostics& diagnostics) {
  const auto before = open_pdf(draft, file, diagnostics);
  const auto after = before ? open_pdf(signed_pdf, file, diagnostics) : std::nullopt;
  if (!after) return std::nullopt;
  return disallowed_changes(*before, *after, UpdatePolicy::signatures);
}

std::optional<VerificationReport> verify_pdf(std::string_view pdf, const VerifyOptions& options, const SourceLoc& file,
                                             Diagnostics& diagnostics) {
  const auto opened = open_pdf(pdf, file, diagnostics);
  if (!opened) return std::nullopt;
  VerificationReport report;
  report.file_size = pdf.size();
  const ValidationData validation = read_validation_data(*opened);
  report.has_validation_data = !validation.empty();
  for (const auto& field : opened->signature_fields()) {
    if (!field.is_signed()) {
      report.empty_fields.push_back(field.name);
      continue;
    }
    SignatureReport one;
    one.field_name = field.name;
    check_one(*opened, field, options, validation, one);
    report.signatures.push_back(std::move(one));
  }
  std::stable_sort(report.signatures.begin(), report.signatures.end(),
                   [](const SignatureReport& a, const SignatureReport& b) { return a.signed_end < b.signed_end; });
  if (!report.signatures.empty()) {
    const std::size_t end = report.signatures.back().signed_end;
    if (end < pdf.size() && only_validation_data(*opened, end)) {
      report.validation_bytes = pdf.size() - end;
      report.validation_revisions = count_revisions(pdf.substr(end));
    } else if (end < pdf.size()) {
      report.appended_bytes = pdf.size() - end;
      report.appended_revisions = count_revisions(pdf.substr(end));
    }
  }
  return report;
}

}  // namespace vanban::sign
