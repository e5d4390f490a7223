// The signing workflows every front end runs: a key on a PKCS#11 token (SoftHSM2), B-T with a TSA on loopback, B-LT
// with revocation data given or fetched, two steps, a document signed elsewhere accepted or refused, trust anchors
// from a folder. Every refusal carries its code and leaves no output.

#include "pipeline/signing.hpp"

#include <gtest/gtest.h>

#include "pipeline/acceptance.hpp"
#include "pipeline/request.hpp"
#include "pipeline/signer_name.hpp"
#include "pipeline/trust.hpp"
#include "pipeline/verification.hpp"
#include "support/refusal.hpp"
#include "support/soft_token.hpp"
#include "support/test_tsa.hpp"
#include "support/tiny_pdf.hpp"

namespace vanban::pipeline {
namespace {

const sign::Moment kSigningTime = *sign::Moment::parse_iso("2026-07-01T14:41:19+07:00");

std::filesystem::path pki(const char* name) { return test::test_pki() / name; }
std::string pki_text(const char* name) { return test::read_text(pki(name)); }

sign::PassphraseSource pin(const char* value, int* asked = nullptr) {
  return [value, asked]() -> std::optional<std::string> {
    if (asked != nullptr) ++*asked;
    return std::string(value);
  };
}

SigningRequest file_keys(const char* key = "officer.key", const char* cert = "officer.pem") {
  SigningRequest request;
  request.keys.key = pki(key);
  request.keys.certificate = pki(cert);
  return request;
}

SigningRequest token_keys(const std::string& object) {
  SigningRequest request;
  request.keys.pkcs11 = test::SoftToken::uri(object);
  request.keys.pkcs11_module = test::SoftToken::kModule;
  return request;
}

using test::refusal;

// Signs the test page with `request`; the diagnostics go to `diagnostics`.
std::optional<Bytes> sign_page(const SigningRequest& request, Diagnostics& diagnostics,
                               const sign::PassphraseSource& passphrase = pin(test::SoftToken::kPin)) {
  const auto identity = load_identity(request.keys, passphrase, diagnostics);
  if (!identity) return std::nullopt;
  return sign_document(test::one_page_pdf(), "trang.pdf", *identity, request, kSigningTime,
                       ResourcePaths::under(test::source_dir()), diagnostics);
}

// Verified now-ish against the test root.
Verification verified(std::string_view pdf) {
  sign::VerifyOptions options;
  options.trusted_roots_pem = {pki_text("ca.pem")};
  options.now = sign::Moment::from_unix(4102444800, 420);  // 2100: after every time-stamp
  Diagnostics diagnostics;
  auto verification = verify_document(pdf, options, SourceLoc{}, diagnostics);
  EXPECT_TRUE(verification) << diagnostics.to_string();
  return std::move(*verification);
}

TEST(TokenSigning, RsaAndEcdsaKeysOnATokenSignWithTheTokensChain) {
  const test::SoftToken token("pipeline-token");
  token.use();
  for (const char* object : {"officer", "agency"}) {
    Diagnostics diagnostics;
    int asked = 0;
    const auto signed_pdf = sign_page(token_keys(object), diagnostics, pin(test::SoftToken::kPin, &asked));
    ASSERT_TRUE(signed_pdf) << object << ": " << diagnostics.to_string();
    EXPECT_EQ(asked, 1);
    const auto verification = verified(*signed_pdf);
    EXPECT_TRUE(verification.holds()) << verification.verdict.to_string();
    EXPECT_EQ(verification.report.signatures[0].chain, sign::Check::passed);
  }
  // The RSA key on the token signs what the same key in a file signs, chain included: the same bytes.
  Diagnostics diagnostics;
  SigningRequest with_chain = file_keys();
  with_chain.keys.chain = pki("ca.pem");
  EXPECT_EQ(sign_page(token_keys("officer"), diagnostics), sign_page(with_chain, diagnostics));
}

TEST(TokenSigning, EveryTokenProblemIsToldWithItsCode) {
  const test::SoftToken token("pipeline-token-problems");
  token.use();
  const auto fails_with = [](const SigningRequest& request, const char* code, const sign::PassphraseSource& source) {
    Diagnostics diagnostics;
    EXPECT_FALSE(sign_page(request, diagnostics, source)) << code;
    EXPECT_TRUE(diagnostics.contains(code)) << diagnostics.to_string();
  };
  int asked = 0;
  fails_with(token_keys("officer"), "E0674", pin("0000", &asked));
  EXPECT_EQ(asked, 1) << "a wrong PIN is never tried again";
  fails_with(token_keys("officer"), "E0676", [] { return std::optional<std::string>(); });
  fails_with(token_keys("nobody"), "E0673", pin(test::SoftToken::kPin));
  SigningRequest absent = token_keys("officer");
  absent.keys.pkcs11 = "pkcs11:token=Absent;object=officer";
  fails_with(absent, "E0671", pin(test::SoftToken::kPin));
  SigningRequest no_module = token_keys("officer");
  no_module.keys.pkcs11_module = "/nonexistent/pkcs11.so";
  fails_with(no_module, "E0670", pin(test::SoftToken::kPin));
  // A key without its certificate on the token; a certificate that is not the key's.
  fails_with(token_keys("other"), "E0677", pin(test::SoftToken::kPin));
  SigningRequest mismatch = token_keys("officer");
  mismatch.keys.certificate = pki("agency.pem");
  fails_with(mismatch, "E0612", pin(test::SoftToken::kPin));
}

TEST(TokenSigning, ATokenRemovedMidSignatureWritesNothing) {
  const test::SoftToken token("pipeline-token-removed");
  token.use();
  Diagnostics diagnostics;
  const SigningRequest request = token_keys("officer");
  const auto identity = load_identity(request.keys, pin(test::SoftToken::kPin), diagnostics);
  ASSERT_TRUE(identity) << diagnostics.to_string();
  token.remove();
  EXPECT_FALSE(sign_document(test::one_page_pdf(), "trang.pdf", *identity, request, kSigningTime,
                             ResourcePaths::under(test::source_dir()), diagnostics));
  EXPECT_TRUE(diagnostics.contains("E0672")) << diagnostics.to_string();
}

TEST(TokenSigning, APinIsNeverTakenFromTheRequest) {
  SigningRequest request = token_keys("officer");
  request.keys.pkcs11 = "pkcs11:token=Vanban%20Test;object=officer?pin-value=1234";
  EXPECT_NE(refusal([&] { check_signing_request(request); }).find("mã PIN"), std::string::npos);
  request.keys.pkcs11 = "pkcs11:token=Vanban%20Test;object=officer";
  request.keys.pkcs11_module.reset();
  EXPECT_NE(refusal([&] { check_signing_request(request); }).find("--pkcs11-module"), std::string::npos);
  request.keys.pkcs11_module = test::SoftToken::kModule;
  request.keys.key = pki("officer.key");
  EXPECT_NE(refusal([&] { check_signing_request(request); }), "");
}

TEST(LongTermSigning, BTAndBLTWithATsaOnLoopback) {
  const auto dir = test::scratch_dir("pipeline-blt");
  const test::TestTsa tsa(dir, test::TestTsa::Mode::good);
  SigningRequest request = file_keys();
  request.tsa = tsa.url();
  Diagnostics diagnostics;
  const auto bt = sign_page(request, diagnostics);
  ASSERT_TRUE(bt) << diagnostics.to_string();
  EXPECT_EQ(verified(*bt).report.signatures[0].level, "B-T");
  EXPECT_EQ(tsa.requests(), 1);

  request.level = "B-LT";
  request.crl_files = {pki("crl.pem")};
  request.trust.files = {pki("ca.pem")};
  const auto blt = sign_page(request, diagnostics);
  ASSERT_TRUE(blt) << diagnostics.to_string();
  const auto verification = verified(*blt);
  EXPECT_TRUE(verification.holds()) << verification.verdict.to_string();
  EXPECT_EQ(verification.report.signatures[0].level, "B-LT");
  // An OCSP response serves as well.
  request.crl_files.clear();
  request.ocsp_files = {pki("officer-ocsp.der")};
  const auto by_ocsp = sign_page(request, diagnostics);
  ASSERT_TRUE(by_ocsp) << diagnostics.to_string();
  EXPECT_EQ(verified(*by_ocsp).report.signatures[0].level, "B-LT");
}

TEST(LongTermSigning, RevocationDataFetchedFromTheCertificatesDistributionPoint) {
  const auto dir = test::scratch_dir("pipeline-blt-fetch");
  const test::TestTsa tsa(dir, test::TestTsa::Mode::good);
  const std::string crl = test::read_text(pki("crl.pem"));
  const test::LoopbackServer distribution([&](const std::string&, const std::string&, const std::string&) {
    return test::LoopbackServer::Answer{200, "application/pkix-crl", crl, false};
  });
  // A certificate of the test root that names this distribution point.
  const auto ext = dir / "cdp.cnf";
  test::write_text(ext, "keyUsage = critical, digitalSignature, nonRepudiation\ncrlDistributionPoints = URI:" +
                            distribution.url("/ca.crl") + "\n");
  const auto key = (dir / "fetch.key").string();
  const auto cert = (dir / "fetch.pem").string();
  const auto made =
      test::run("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out " + test::quote(key) +
                " && openssl req -new -key " + test::quote(key) + " -subj '/CN=Cán bộ có CDP' -out " +
                test::quote(cert + ".csr") + " && openssl x509 -req -in " + test::quote(cert + ".csr") + " -CA " +
                test::quote(pki("ca.pem").string()) + " -CAkey " + test::quote(pki("ca.key").string()) +
                " -set_serial 4242 -days 3650 -extfile " + test::quote(ext.string()) + " -out " + test::quote(cert));
  ASSERT_EQ(made.exit_code, 0) << made.err;
  SigningRequest request;
  request.keys.key = key;
  request.keys.certificate = cert;
  request.tsa = tsa.url();
  request.level = "B-LT";
  request.trust.files = {pki("ca.pem")};
  Diagnostics diagnostics;
  const auto identity = load_identity(request.keys, pin(""), diagnostics);
  ASSERT_TRUE(identity) << diagnostics.to_string();
  const auto signed_pdf = sign_document(test::one_page_pdf(), "trang.pdf", *identity, request,
                                        sign::Moment::from_unix(std::time(nullptr), 420),
                                        ResourcePaths::under(test::source_dir()), diagnostics);
  ASSERT_TRUE(signed_pdf) << diagnostics.to_string();
  EXPECT_EQ(distribution.requests(), 1);
  EXPECT_EQ(verified(*signed_pdf).report.signatures[0].level, "B-LT");
}

TEST(LongTermSigning, EveryProblemRefusesWithItsCode) {
  const auto dir = test::scratch_dir("pipeline-blt-problems");
  const auto refused = [](const SigningRequest& request, const char* code) {
    Diagnostics diagnostics;
    EXPECT_FALSE(sign_page(request, diagnostics)) << code;
    EXPECT_TRUE(diagnostics.contains(code)) << code << ": " << diagnostics.to_string();
  };
  for (const auto& [mode, code] : {std::pair{test::TestTsa::Mode::garbage, "E0681"},
                                   {test::TestTsa::Mode::error, "E0681"},
                                   {test::TestTsa::Mode::silent, "E0680"}}) {
    const test::TestTsa tsa(dir, mode);
    SigningRequest request = file_keys();
    request.tsa = tsa.url();
    request.timeout = "1";
    refused(request, code);
  }
  SigningRequest nowhere = file_keys();
  nowhere.tsa = "http://127.0.0.1:9/tsa";  // discard: nothing listens
  nowhere.timeout = "1";
  refused(nowhere, "E0680");

  const test::TestTsa tsa(dir, test::TestTsa::Mode::good);
  SigningRequest revoked = file_keys("revoked.key", "revoked.pem");
  revoked.tsa = tsa.url();
  revoked.level = "B-LT";
  revoked.crl_files = {pki("crl.pem")};
  refused(revoked, "E0682");
  SigningRequest uncovered = file_keys();
  uncovered.tsa = tsa.url();
  uncovered.level = "B-LT";
  refused(uncovered, "E0683");  // no data given, and the certificate names no distribution point
  SigningRequest untrusted = uncovered;
  untrusted.crl_files = {pki("crl.pem")};
  untrusted.trust.files = {pki("untrusted-ca.pem")};
  refused(untrusted, "E0684");
  SigningRequest not_a_crl = uncovered;
  not_a_crl.crl_files = {pki("ca.pem")};
  refused(not_a_crl, "E0679");

  SigningRequest no_tsa = file_keys();
  no_tsa.level = "B-T";
  EXPECT_NE(refusal([&] { check_signing_request(no_tsa); }).find("--tsa"), std::string::npos);
  SigningRequest crl_at_bt = file_keys();
  crl_at_bt.tsa = tsa.url();
  crl_at_bt.crl_files = {pki("crl.pem")};
  EXPECT_NE(refusal([&] { check_signing_request(crl_at_bt); }).find("--crl"), std::string::npos);
  SigningRequest bad_timeout = crl_at_bt;
  bad_timeout.crl_files.clear();
  bad_timeout.timeout = "0";
  EXPECT_NE(refusal([&] { check_signing_request(bad_timeout); }).find("--timeout"), std::string::npos);
}

TEST(TwoStepSigning, PreparedThenCompletedWithATimestamp) {
  const auto dir = test::scratch_dir("pipeline-two-steps");
  const test::TestTsa tsa(dir, test::TestTsa::Mode::good);
  SigningRequest prepare = file_keys();
  prepare.keys.key.reset();
  prepare.level = "B-T";
  check_signing_request(prepare, SigningStep::prepare);
  Diagnostics diagnostics;
  const auto certificates = load_certificates(prepare.keys, diagnostics);
  ASSERT_TRUE(certificates);
  const auto prepared = prepare_document(test::one_page_pdf(), "trang.pdf", *certificates, prepare, kSigningTime,
                                         ResourcePaths::under(test::source_dir()), diagnostics);
  ASSERT_TRUE(prepared) << diagnostics.to_string();
  const DataToSign data = data_to_sign(*prepared);
  EXPECT_EQ(data.digest.size(), 64U);
  EXPECT_EQ(data.to_be_signed.size(), prepared->to_be_signed.size() * 2);
  // Elsewhere: the key signs.
  const auto identity = load_identity(file_keys().keys, pin(""), diagnostics);
  const Bytes signature = identity->key().sign_sha256(prepared->to_be_signed).value();
  SigningRequest complete;
  complete.tsa = tsa.url();
  const auto signed_pdf = complete_document(prepared->pdf, "trang.pdf", signature, complete, diagnostics);
  ASSERT_TRUE(signed_pdf) << diagnostics.to_string();
  EXPECT_EQ(verified(*signed_pdf).report.signatures[0].level, "B-T");
  // Options that belong to the first step are refused at the second.
  complete.appearance = "agency";
  EXPECT_NE(refusal([&] { check_signing_request(complete, SigningStep::complete); }), "");
  EXPECT_NE(refusal([&] { check_signing_request(file_keys(), SigningStep::prepare); }).find("--prepare"),
            std::string::npos);
}

TEST(Acceptance, TheDraftSignedElsewhereIsAcceptedAndForgeriesRefused) {
  const std::string draft = test::one_page_pdf();
  Diagnostics diagnostics;
  const auto signed_pdf = sign_page(file_keys(), diagnostics);
  ASSERT_TRUE(signed_pdf);
  AcceptanceRequest request;
  request.verify.trusted_roots_pem = {pki_text("ca.pem")};
  request.verify.now = kSigningTime;
  request.expected_signers = {pki_text("officer.pem")};
  const auto accepted = accept_signed_document(*signed_pdf, "da-ky.pdf", draft, request, diagnostics);
  ASSERT_TRUE(accepted) << diagnostics.to_string();
  EXPECT_EQ(accepted->report.signatures.size(), 1U);

  const auto refused = [&](std::string_view candidate, std::string_view original, const char* code,
                           const AcceptanceRequest& with = AcceptanceRequest{}) {
    Diagnostics found;
    const AcceptanceRequest& used =
        with.expected_signers.empty() && with.verify.trusted_roots_pem.empty() ? request : with;
    EXPECT_FALSE(accept_signed_document(candidate, "da-ky.pdf", original, used, found)) << code;
    EXPECT_TRUE(found.contains(code)) << code << ": " << found.to_string();
  };
  // Another document; the draft changed before it was signed.
  refused(*signed_pdf, test::pdf_from_objects({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] >>"}),
          "E0690");
  Bytes changed_draft = draft;
  changed_draft.replace(changed_draft.find("Quyet dinh"), 5, "QUYET");
  refused(*signed_pdf, changed_draft, "E0690");
  // Content changed after the signature, in an update of its own.
  const std::string content = "BT /F1 12 Tf 72 770 Td (Quyet dinh khac) Tj ET";
  refused(test::append_update(*signed_pdf, {{4, "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" +
                                                    content + "\nendstream"}}),
          draft, "E0691");
  // Nothing signed.
  refused(test::append_update(draft, {{90, "(nothing)"}}), draft, "E0692");
  // Signed by another certificate than expected.
  const auto by_agency = sign_page(file_keys("agency.key", "agency.pem"), diagnostics);
  refused(*by_agency, draft, "E0693");
  // A signature that does not verify: a byte of the signed part changed.
  Bytes broken = *signed_pdf;
  const std::size_t at = broken.find("(Signature1)", draft.size());
  ASSERT_NE(at, std::string::npos);
  broken[at + 10] = '2';
  refused(broken, draft, "E0694");
  // Intact, but nobody says who signed: no trust anchor and no expected certificate.
  AcceptanceRequest unanchored;
  unanchored.verify.now = kSigningTime;
  Diagnostics unknown;
  EXPECT_FALSE(accept_signed_document(*signed_pdf, "da-ky.pdf", draft, unanchored, unknown));
  EXPECT_TRUE(unknown.contains("E0698")) << unknown.to_string();
  // The certificate the office expects identifies the signer without an anchor.
  unanchored.expected_signers = {pki_text("officer.pem")};
  Diagnostics pinned;
  EXPECT_TRUE(accept_signed_document(*signed_pdf, "da-ky.pdf", draft, unanchored, pinned)) << pinned.to_string();
}

TEST(SigningDefaults, TheConfigurationFillsWhatTheRequestLeavesOut) {
  Configuration configuration;
  configuration.settings.signing_tsa = "http://tsa.example.vn";
  configuration.settings.signing_timeout = "45";
  configuration.settings.signing_pkcs11_module = "/usr/lib/pkcs11/vgca.so";
  configuration.settings.trust_anchors = test::source_dir().string();  // any readable folder
  SigningRequest request = file_keys();
  apply_defaults(request, configuration);
  EXPECT_EQ(request.tsa, "http://tsa.example.vn");
  EXPECT_EQ(request.timeout, "45");
  EXPECT_FALSE(request.keys.pkcs11_module) << "no token, no module";
  EXPECT_TRUE(request.trust.folders.empty()) << "B-T needs no anchors";
  EXPECT_EQ(requested_level(request), Level::b_t) << "a configured TSA time-stamps";
  // The options win; B-LT takes the configured anchors when none are given.
  SigningRequest token = token_keys("officer");
  token.tsa = "http://127.0.0.1:3180";
  token.timeout = "5";
  token.level = "B-LT";
  apply_defaults(token, configuration);
  EXPECT_EQ(token.tsa, "http://127.0.0.1:3180");
  EXPECT_EQ(token.timeout, "5");
  EXPECT_EQ(token.keys.pkcs11_module, std::filesystem::path(test::SoftToken::kModule));
  EXPECT_EQ(token.trust.folders, std::vector<std::filesystem::path>{test::source_dir()});
  token.keys.pkcs11_module.reset();
  token.trust = TrustSources{{pki("ca.pem")}, {}};
  apply_defaults(token, configuration);
  EXPECT_EQ(token.keys.pkcs11_module, std::filesystem::path("/usr/lib/pkcs11/vgca.so"));
  EXPECT_TRUE(token.trust.folders.empty()) << "--trust replaces [trust] anchors";
  // Without a configuration, a token still needs its module and B-T its TSA.
  SigningRequest bare = token_keys("officer");
  bare.keys.pkcs11_module.reset();
  apply_defaults(bare, Configuration{});
  EXPECT_THROW(check_signing_request(bare, SigningStep::one_step), RequestError);
}

TEST(TrustAnchors, FilesAndFoldersOfCertificates) {
  const auto dir = test::scratch_dir("pipeline-trust");
  std::filesystem::copy_file(pki("ca.pem"), dir / "ban-co-yeu.pem");
  const auto der = test::run("openssl x509 -in " + test::quote(pki("untrusted-ca.pem").string()) +
                             " -outform DER -out " + test::quote((dir / "khac.cer").string()));
  ASSERT_EQ(der.exit_code, 0);
  test::write_text(dir / "README.txt", "not a certificate, not read");
  Diagnostics diagnostics;
  const auto anchors = read_trust_anchors({{}, {dir}}, diagnostics);
  ASSERT_TRUE(anchors) << diagnostics.to_string();
  ASSERT_EQ(anchors->size(), 2U);
  EXPECT_NE(anchors->at(1).pem.find("BEGIN CERTIFICATE"), std::string::npos) << "DER becomes PEM";
  EXPECT_EQ(anchors->at(0).pem, pki_text("ca.pem")) << "PEM is kept as written";

  test::write_text(dir / "hong.cer", "không phải chứng thư");
  Diagnostics bad;
  EXPECT_FALSE(read_trust_anchors({{}, {dir}}, bad));
  EXPECT_TRUE(bad.contains("E0678"));
  Diagnostics missing;
  EXPECT_FALSE(read_trust_anchors({{}, {dir / "khong-co"}}, missing));
  EXPECT_TRUE(missing.contains("E0678"));
  Diagnostics unreadable;
  EXPECT_FALSE(read_trust_anchors({{dir / "khong-co.pem"}, {}}, unreadable));
  EXPECT_TRUE(unreadable.contains("E0100"));
}

// Issue 18: `sign` and `archive add` warn (W0619) when the certificate's holder is not the signer the document names:
// the name in NFC, case and diacritics exact; the agency (for its seal) with its case aside.
TEST(SignerName, TheCertificatesHolderIsTheSignerTheDocumentNames) {
  model::DocumentMetadata metadata;
  metadata.signer_name = "Hoàng Minh Đức";
  metadata.organ_name = "CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUỲ HỢP";
  EXPECT_FALSE(signer_mismatch("Hoàng Minh Đức", metadata));
  EXPECT_FALSE(
      signer_mismatch("Hoa\xCC\x80ng Minh \xC4\x90u\xCC\x9B\xCC\x81"
                      "c",
                      metadata))
      << "NFD is the same name";
  EXPECT_FALSE(signer_mismatch("Chi cục Thi hành án dân sự huyện Quỳ Hợp", metadata)) << "the agency's seal";
  const auto other = signer_mismatch("Cán bộ bị thu hồi", metadata);
  ASSERT_TRUE(other);
  EXPECT_NE(other->find("\"Cán bộ bị thu hồi\""), std::string::npos) << *other;
  EXPECT_NE(other->find("\"Hoàng Minh Đức\""), std::string::npos) << *other;
  EXPECT_TRUE(signer_mismatch("HOÀNG MINH ĐỨC", metadata)) << "case exact";
  EXPECT_TRUE(signer_mismatch("Hoàng Minh Đúc", metadata)) << "diacritics exact";
  EXPECT_TRUE(signer_mismatch("Hoang Minh Duc", metadata));
  EXPECT_TRUE(signer_mismatch("Chi cục Thi hành án dân sự huyện Quỳ Hơp", metadata));
  EXPECT_FALSE(signer_mismatch("Cán bộ bị thu hồi", model::DocumentMetadata{})) << "a document that names no signer";
}

}  // namespace
}  // namespace vanban::pipeline
