// Time-stamps, revocation data, certificate paths and DER certificates, with the test PKI and `openssl ts`.

#include <gtest/gtest.h>

#include "crypto/cms.hpp"
#include "crypto/key.hpp"
#include "crypto/random.hpp"
#include "crypto/revocation.hpp"
#include "crypto/timestamp.hpp"
#include "support/test_tsa.hpp"

namespace vanban::crypto {
namespace {

constexpr std::int64_t kIn2026 = 1782891679;  // 2026-07-01T07:41:19Z
constexpr std::int64_t kIn2024 = 1717200000;  // 2024-06-01, before the revoked certificate was revoked (2025-06-01)

std::string pki(const char* name) { return test::read_text(test::test_pki() / name); }
Certificate certificate(const char* name) { return read_certificates(pki(name)).at(0); }

PrivateKey key(const char* name) {
  KeyProblem problem{};
  return *read_private_key(
      pki(name), [] { return std::optional<std::string>(); }, problem);
}

// A token from the test TSA over `stamped`, and the request it answers.
struct Stamp {
  Bytes request;
  Bytes answer;
};
Stamp stamp(const std::filesystem::path& dir, std::string_view stamped, const std::string& signer = "tsa") {
  Stamp out;
  out.request = timestamp_request(sha256(stamped), random_bytes(8));
  out.answer = test::timestamp_reply(dir, out.request, signer);
  return out;
}

TEST(Timestamp, AnAnswerIsReadAndItsTokenChecked) {
  const auto dir = test::scratch_dir("crypto-timestamp");
  const Stamp made = stamp(dir, "giá trị chữ ký");
  const TimestampAnswer answer = read_timestamp_answer(made.answer, made.request);
  ASSERT_FALSE(answer.problem) << answer.detail;
  EXPECT_GT(answer.time, kIn2024);

  const TrustStore roots({pki("ca.pem")});
  const TimestampFindings findings = check_timestamp(answer.token, "giá trị chữ ký", &roots);
  EXPECT_TRUE(findings.parsed);
  EXPECT_EQ(findings.imprint, Check::passed);
  EXPECT_EQ(findings.signature, Check::passed);
  EXPECT_EQ(findings.chain, Check::passed) << findings.chain_problem;
  EXPECT_EQ(findings.time, answer.time);
  ASSERT_TRUE(findings.tsa);
  EXPECT_EQ(findings.tsa->common_name, "Vanban Test TSA");

  // Another signature value; another root; no root.
  EXPECT_EQ(check_timestamp(answer.token, "chữ ký khác", &roots).imprint, Check::failed);
  const TrustStore elsewhere({pki("untrusted-ca.pem")});
  EXPECT_EQ(check_timestamp(answer.token, "giá trị chữ ký", &elsewhere).chain, Check::failed);
  EXPECT_EQ(check_timestamp(answer.token, "giá trị chữ ký", nullptr).chain, Check::not_checked);
  EXPECT_FALSE(check_timestamp("rác", "giá trị chữ ký", &roots).parsed);
  // A certificate without the time-stamping usage cannot stamp, even under a trusted root.
  EXPECT_FALSE(certificate("officer.pem").allows_timestamping());
  EXPECT_TRUE(certificate("tsa.pem").allows_timestamping());
}

TEST(Timestamp, AnswersThatCannotBeUsedAreTold) {
  const auto dir = test::scratch_dir("crypto-timestamp-bad");
  const Stamp made = stamp(dir, "giá trị chữ ký");
  EXPECT_EQ(read_timestamp_answer("<html>lỗi</html>", made.request).problem, TimestampProblem::unreadable);
  // An answer to another request (another imprint and nonce).
  const Stamp other = stamp(dir, "chữ ký khác");
  EXPECT_EQ(read_timestamp_answer(other.answer, made.request).problem, TimestampProblem::mismatch);
  // A refusal: status 2 (rejection), as a TSA that does not know the digest answers.
  const std::string rejection("\x30\x05\x30\x03\x02\x01\x02", 7);
  EXPECT_EQ(read_timestamp_answer(rejection, made.request).problem, TimestampProblem::rejected);
}

TEST(Timestamp, AnyNonceMakesAValidRequest) {
  // Random nonces start with zero bytes, or a high bit, now and then: the INTEGER stays DER either way.
  const auto dir = test::scratch_dir("crypto-timestamp-nonce");
  for (const std::string& nonce : {std::string("\0\0\x01\x02\x03\x04\x05\x06", 8), std::string("\0\x7f\0\0\0\0\0\0", 8),
                                   std::string("\x80\0\0\0\0\0\0\0", 8), std::string(8, '\0')}) {
    const Bytes request = timestamp_request(sha256("giá trị chữ ký"), nonce);
    const auto answer = read_timestamp_answer(test::timestamp_reply(dir, request), request);
    EXPECT_FALSE(answer.problem) << answer.detail;
  }
}

TEST(PadesCms, TheTimestampTravelsAsAnUnsignedAttribute) {
  const auto dir = test::scratch_dir("crypto-cms-timestamp");
  PadesCms cms(certificate("officer.pem"), {certificate("ca.pem")}, sha256("nội dung"));
  const Bytes signature = key("officer.key").sign_sha256(cms.to_be_signed()).value();
  const Stamp made = stamp(dir, signature);
  const TimestampAnswer answer = read_timestamp_answer(made.answer, made.request);
  ASSERT_FALSE(answer.problem);
  const Bytes der = cms.finish(signature, answer.token);
  EXPECT_EQ(cms_signature_value(der), signature);

  CmsCheck check;
  check.roots = {pki("ca.pem")};
  check.claimed_at = kIn2026;
  check.now = kIn2026;
  const CmsFindings findings = check_cms(der, "nội dung", check);
  ASSERT_TRUE(findings.timestamp);
  EXPECT_TRUE(findings.time_proven);
  EXPECT_EQ(findings.checked_at, answer.time);
  EXPECT_EQ(findings.signature, Check::passed);
  EXPECT_EQ(findings.chain, Check::passed);

  // The same token over another signature proves nothing; a TSA under another root proves no time.
  const Bytes forged = cms.finish(key("officer.key").sign_sha256("khác").value(), answer.token);
  const CmsFindings forged_findings = check_cms(forged, "nội dung", check);
  EXPECT_EQ(forged_findings.timestamp->imprint, Check::failed);
  EXPECT_FALSE(forged_findings.time_proven);
  const Stamp untrusted = stamp(dir, signature, "untrusted-tsa");
  const CmsFindings untrusted_findings = check_cms(
      cms.finish(signature, read_timestamp_answer(untrusted.answer, untrusted.request).token), "nội dung", check);
  EXPECT_EQ(untrusted_findings.timestamp->chain, Check::failed);
  EXPECT_FALSE(untrusted_findings.time_proven);
  EXPECT_EQ(untrusted_findings.checked_at, kIn2026);
  // Finishing again without a token drops it.
  EXPECT_FALSE(check_cms(cms.finish(signature), "nội dung", check).timestamp);
}

TEST(Revocation, CrlsAndOcspResponsesSayWhatTheyKnow) {
  const Certificate root = certificate("ca.pem");
  const Certificate officer = certificate("officer.pem");
  const Certificate revoked = certificate("revoked.pem");
  const auto crl = read_crl(pki("crl.pem"));
  ASSERT_TRUE(crl);
  EXPECT_EQ(read_crl(*crl), crl);  // DER reads as well
  EXPECT_FALSE(read_crl("không phải CRL"));
  RevocationData from_crl{{*crl}, {}};
  EXPECT_EQ(revocation_status(officer, root, from_crl, kIn2026).state, Revocation::good);
  const RevocationStatus status = revocation_status(revoked, root, from_crl, kIn2026);
  EXPECT_EQ(status.state, Revocation::revoked);
  EXPECT_EQ(status.revoked_at, 1748736000);  // 2025-06-01T00:00:00Z
  // Data signed by another issuer, or no data, covers nothing.
  EXPECT_EQ(revocation_status(officer, certificate("untrusted-ca.pem"), from_crl, kIn2026).state, Revocation::unknown);
  EXPECT_EQ(revocation_status(officer, root, {}, kIn2026).state, Revocation::unknown);
  // Data no longer current at that time covers nothing (the CRL's next update is 20 years on).
  EXPECT_EQ(revocation_status(officer, root, from_crl, kIn2026 + 30LL * 365 * 86400).state, Revocation::unknown);

  ASSERT_TRUE(is_ocsp_response(pki("officer-ocsp.der")));
  EXPECT_FALSE(is_ocsp_response(*crl));
  RevocationData from_ocsp{{}, {pki("officer-ocsp.der"), pki("revoked-ocsp.der")}};
  EXPECT_EQ(revocation_status(officer, root, from_ocsp, kIn2026).state, Revocation::good);
  EXPECT_EQ(revocation_status(revoked, root, from_ocsp, kIn2026).state, Revocation::revoked);
  EXPECT_FALSE(ocsp_request(officer, root).empty());
}

TEST(Certificates, ReadFromDerAndFollowedToTheirRoot) {
  const Certificate officer = certificate("officer.pem");
  const auto from_der = read_certificates(officer.der());
  ASSERT_EQ(from_der.size(), 1U);
  EXPECT_TRUE(from_der[0].same_as(officer));
  EXPECT_TRUE(read_certificates(officer.der() + "x").empty());  // nothing may follow a DER certificate
  EXPECT_EQ(read_certificates(officer.pem()).size(), 1U);

  const Certificate root = certificate("ca.pem");
  EXPECT_TRUE(officer.issued_by(root));
  EXPECT_FALSE(officer.issued_by(certificate("untrusted-ca.pem")));
  EXPECT_TRUE(root.self_signed());
  EXPECT_FALSE(officer.self_signed());
  const auto path = issuer_path(officer, {certificate("agency.pem"), root});
  ASSERT_EQ(path.size(), 2U);
  EXPECT_TRUE(path[1].same_as(root));
  EXPECT_EQ(issuer_path(officer, {}).size(), 1U);

  const TrustStore store({pki("ca.pem")});
  const ChainVerdict verdict = store.verify(officer, {}, kIn2026);
  ASSERT_TRUE(verdict.valid);
  ASSERT_EQ(verdict.path.size(), 2U);
  EXPECT_TRUE(verdict.path[1].same_as(root));
  EXPECT_FALSE(store.empty());
  EXPECT_TRUE(TrustStore({}).empty());

  // A signature made elsewhere, checked against the certificate.
  const Bytes signature = key("officer.key").sign_sha256("dữ liệu").value();
  EXPECT_TRUE(officer.verifies_sha256("dữ liệu", signature));
  EXPECT_FALSE(officer.verifies_sha256("dữ liệu khác", signature));
  EXPECT_FALSE(certificate("agency.pem").verifies_sha256("dữ liệu", signature));
}

}  // namespace
}  // namespace vanban::crypto
