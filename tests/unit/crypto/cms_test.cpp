// The PAdES CMS in two steps, keys and certificates, with the test PKI made by openssl.

#include "crypto/cms.hpp"

#include <gtest/gtest.h>

#include "crypto/key.hpp"
#include "support/test_pki.hpp"

namespace vanban::crypto {
namespace {

constexpr std::int64_t kIn2026 = 1782891679;  // 2026-07-01T07:41:19Z, inside every test certificate but expired's
constexpr std::int64_t kIn2041 = 2253484800;  // 2041-05-30, after the officer's certificate ends (2040)

std::string pki(const char* name) { return test::read_text(test::test_pki() / name); }

PassphraseSource none() {
  return [] { return std::optional<std::string>(); };
}

PrivateKey key(const char* name) {
  KeyProblem problem{};
  auto loaded = read_private_key(pki(name), none(), problem);
  if (!loaded) throw std::runtime_error(std::string("cannot read ") + name);
  return *loaded;
}

Certificate certificate(const char* name) { return read_certificates(pki(name)).at(0); }

// Checks a CMS against roots at a claimed time, verified at `now`.
CmsFindings check(std::string_view der, std::string_view content, const std::vector<Bytes>& roots, std::int64_t at,
                  std::int64_t now) {
  CmsCheck what;
  what.roots = roots;
  what.claimed_at = at;
  what.now = now;
  return check_cms(der, content, what);
}

// A CMS over `content` signed in two steps by `signer` with the key in `key_file`.
Bytes two_step(const char* key_file, const char* cert_file, std::string_view content) {
  PadesCms cms(certificate(cert_file), {certificate("ca.pem")}, sha256(content));
  return cms.finish(key(key_file).sign_sha256(cms.to_be_signed()).value());
}

TEST(PadesCms, TwoStepsMakeAValidBaselineSignature) {
  const std::vector<Bytes> roots = {pki("ca.pem")};
  for (const auto& [key_file, cert_file] : {std::pair{"officer.key", "officer.pem"}, {"agency.key", "agency.pem"}}) {
    const Bytes der = two_step(key_file, cert_file, "nội dung");
    EXPECT_EQ(der_length(der), der.size());
    const CmsFindings findings = check(der, "nội dung", roots, kIn2026, kIn2026);
    ASSERT_TRUE(findings.parsed) << key_file;
    EXPECT_EQ(findings.integrity, Check::passed) << key_file;
    EXPECT_EQ(findings.signature, Check::passed) << key_file;
    EXPECT_EQ(findings.chain, Check::passed) << key_file;
    EXPECT_TRUE(findings.signing_certificate_v2);
    EXPECT_FALSE(findings.signing_time.has_value());  // PAdES baseline: no signing-time attribute
    EXPECT_EQ(findings.digest, "SHA256");
    EXPECT_EQ(findings.signer->common_name, certificate(cert_file).describe().common_name);
  }
}

TEST(PadesCms, WhatDoesNotMatchFails) {
  const std::vector<Bytes> roots = {pki("ca.pem")};
  const Bytes der = two_step("officer.key", "officer.pem", "nội dung");
  EXPECT_EQ(check(der, "nội dung khác", roots, kIn2026, kIn2026).integrity, Check::failed);
  EXPECT_EQ(check(der, "nội dung", {pki("untrusted-ca.pem")}, kIn2026, kIn2026).chain, Check::failed);
  EXPECT_EQ(check(der, "nội dung", {}, kIn2026, kIn2026).chain, Check::not_checked);
  const CmsFindings later = check(der, "nội dung", roots, kIn2026, kIn2041);
  EXPECT_EQ(later.chain, Check::passed);
  EXPECT_TRUE(later.expired_now);

  // A signature made over something else than the signed attributes.
  PadesCms cms(certificate("officer.pem"), {}, sha256("nội dung"));
  const Bytes forged = cms.finish(key("officer.key").sign_sha256("khác").value());
  EXPECT_EQ(check(forged, "nội dung", roots, kIn2026, kIn2026).signature, Check::failed);
  EXPECT_FALSE(check("not DER", "nội dung", roots, kIn2026, kIn2026).parsed);
}

TEST(PadesCms, TheLongestSignatureBoundsTheSize) {
  for (const auto& [key_file, cert_file] : {std::pair{"officer.key", "officer.pem"}, {"agency.key", "agency.pem"}}) {
    PadesCms cms(certificate(cert_file), {}, sha256("x"));
    const std::size_t longest = cms.finish(Bytes(certificate(cert_file).max_signature_size(), '\0')).size();
    for (int i = 0; i < 20; ++i)  // ECDSA signatures vary in length
      EXPECT_GE(longest, cms.finish(key(key_file).sign_sha256(cms.to_be_signed()).value()).size()) << key_file;
  }
}

TEST(Keys, ProblemsAreTold) {
  KeyProblem problem{};
  EXPECT_FALSE(read_private_key("not a key", none(), problem));
  EXPECT_EQ(problem, KeyProblem::unreadable);
  EXPECT_FALSE(read_private_key(pki("officer-enc.key"), none(), problem));
  EXPECT_EQ(problem, KeyProblem::passphrase_missing);
  int asked = 0;
  const PassphraseSource wrong = [&] {
    ++asked;
    return std::optional<std::string>("sai");
  };
  EXPECT_FALSE(read_private_key(pki("officer-enc.key"), wrong, problem));
  EXPECT_EQ(problem, KeyProblem::passphrase_wrong);
  EXPECT_EQ(asked, 1);
  const PassphraseSource right = [] { return std::optional<std::string>(test::kTestPassphrase); };
  const auto officer = read_private_key(pki("officer-enc.key"), right, problem);
  ASSERT_TRUE(officer);
  EXPECT_EQ(officer->algorithm(), PrivateKey::Algorithm::rsa);
  EXPECT_TRUE(officer->matches(certificate("officer.pem")));
  EXPECT_FALSE(officer->matches(certificate("agency.pem")));
  EXPECT_EQ(key("agency.key").algorithm(), PrivateKey::Algorithm::ecdsa);

  EXPECT_FALSE(read_pkcs12("not PKCS#12", none(), problem));
  EXPECT_EQ(problem, KeyProblem::unreadable);
  const Bytes p12 = pki("officer.p12");
  EXPECT_FALSE(read_pkcs12(p12, none(), problem));
  EXPECT_EQ(problem, KeyProblem::passphrase_missing);
  EXPECT_FALSE(read_pkcs12(p12, wrong, problem));
  EXPECT_EQ(problem, KeyProblem::passphrase_wrong);
  const auto contents = read_pkcs12(p12, right, problem);
  ASSERT_TRUE(contents);
  EXPECT_TRUE(contents->key.matches(contents->certificate));
  ASSERT_EQ(contents->chain.size(), 1U);
  EXPECT_EQ(contents->chain[0].describe().sha256, certificate("ca.pem").describe().sha256);
}

TEST(Certificates, DescribedAndChainedAtATime) {
  const CertificateInfo officer = certificate("officer.pem").describe();
  EXPECT_EQ(officer.common_name, "Hoàng Minh Đức");
  EXPECT_EQ(officer.not_before, 1735689600);  // 2025-01-01T00:00:00Z
  EXPECT_EQ(officer.sha256.size(), 32U * 3 - 1);
  EXPECT_TRUE(certificate("officer.pem").allows_signing());
  EXPECT_FALSE(certificate("ca.pem").allows_signing());  // keyCertSign, cRLSign only
  EXPECT_TRUE(read_certificates("no certificate here").empty());
  EXPECT_EQ(read_certificates(pki("officer.pem") + pki("ca.pem")).size(), 2U);

  const TrustStore roots({pki("ca.pem")});
  EXPECT_TRUE(roots.verify(certificate("officer.pem"), {}, kIn2026).valid);
  const ChainVerdict expired = roots.verify(certificate("expired.pem"), {}, kIn2026);
  EXPECT_FALSE(expired.valid);
  EXPECT_TRUE(expired.expired);
  EXPECT_FALSE(expired.problem.empty());
  EXPECT_FALSE(TrustStore({pki("untrusted-ca.pem")}).verify(certificate("officer.pem"), {}, kIn2026).valid);
}

}  // namespace
}  // namespace vanban::crypto
