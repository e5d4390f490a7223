// Two-step signing, time-stamps (B-T), validation data (B-LT) and what may be appended after a signature, through
// the sign module's API with the test PKI, `openssl ts` and crafted updates.

#include <gtest/gtest.h>

#include <map>

#include "crypto/random.hpp"
#include "crypto/timestamp.hpp"
#include "sign/validation_data.hpp"
#include "support/signing.hpp"
#include "support/test_tsa.hpp"
#include "support/tiny_pdf.hpp"

namespace vanban::sign {
namespace {

using namespace helpers;

const SourceLoc kFile{make_file_name("in.pdf")};

// Verification now-ish: the time-stamps the test TSA makes are of today.
VerifyOptions today(bool trust = true) {
  VerifyOptions options = verify_options(trust);
  options.now = Moment::from_unix(4102444800, 420);  // 2100-01-01: every time-stamp is before
  return options;
}

// A time-stamp token from the test TSA over `signature`.
Bytes timestamp_token(const std::filesystem::path& dir, std::string_view signature, const std::string& tsa = "tsa") {
  const Bytes query = crypto::timestamp_request(crypto::sha256(signature), crypto::random_bytes(8));
  const auto answer = crypto::read_timestamp_answer(test::timestamp_reply(dir, query, tsa), query);
  EXPECT_FALSE(answer.problem) << answer.detail;
  return answer.token;
}

// `pdf` signed by `identity` in two steps, time-stamped by the test TSA (`tsa`, or none when empty).
Bytes signed_at_bt(const std::filesystem::path& dir, std::string_view pdf, const Identity& identity,
                   const std::string& tsa = "tsa", SignRequest r = request()) {
  r.timestamp_room = true;
  Diagnostics diagnostics;
  const auto prepared = prepare_signature(pdf, identity.certificates(), r, nullptr, kFile, diagnostics);
  EXPECT_TRUE(prepared) << diagnostics.to_string();
  const Bytes signature = identity.key().sign_sha256(prepared->to_be_signed).value();
  const Bytes token = tsa.empty() ? Bytes() : timestamp_token(dir, signature, tsa);
  auto out = complete_signature(prepared->pdf, signature, token, kFile, diagnostics);
  EXPECT_TRUE(out) << diagnostics.to_string();
  return out.value_or(Bytes());
}

ValidationData root_and_crl() {
  return {{crypto::read_certificates(pki("ca.pem"))}, {{*crypto::read_crl(pki("crl.pem"))}, {}}};
}

Bytes with_validation_data(std::string_view pdf, const ValidationData& data) {
  Diagnostics diagnostics;
  auto out = add_validation_data(pdf, data, kFile, diagnostics);
  EXPECT_TRUE(out) << diagnostics.to_string();
  return out.value_or(Bytes());
}

bool has(const std::vector<Finding>& findings, std::string_view code) {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.code == code; });
}

TEST(TwoSteps, PrepareSignCompleteIsByteForByteOneStep) {
  const std::string pdf = test::one_page_pdf();
  Diagnostics diagnostics;
  const auto prepared = prepare_signature(pdf, officer().certificates(), request(), nullptr, kFile, diagnostics);
  ASSERT_TRUE(prepared) << diagnostics.to_string();
  // The prepared document tells what to sign, and for which certificate.
  const auto pending = read_prepared(prepared->pdf, kFile, diagnostics);
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->to_be_signed, prepared->to_be_signed);
  EXPECT_TRUE(pending->signer.certificate.same_as(officer().signing_certificate()));
  const Bytes signature = officer().key().sign_sha256(prepared->to_be_signed).value();
  const auto completed = complete_signature(prepared->pdf, signature, {}, kFile, diagnostics);
  ASSERT_TRUE(completed) << diagnostics.to_string();
  EXPECT_EQ(*completed, sign(pdf, officer(), request()));
  EXPECT_TRUE(verify(*completed).all_valid());
  // ECDSA signatures differ each time, but complete the same way.
  const auto ecdsa = prepare_signature(pdf, agency().certificates(), request(), nullptr, kFile, diagnostics);
  const auto ecdsa_completed =
      complete_signature(ecdsa->pdf, agency().key().sign_sha256(ecdsa->to_be_signed).value(), {}, kFile, diagnostics);
  ASSERT_TRUE(ecdsa_completed) << diagnostics.to_string();
  EXPECT_TRUE(verify(*ecdsa_completed).all_valid());
}

TEST(TwoSteps, WhatCannotBeCompletedIsRefused) {
  const std::string pdf = test::one_page_pdf();
  Diagnostics diagnostics;
  const auto prepared = prepare_signature(pdf, officer().certificates(), request(), nullptr, kFile, diagnostics);
  ASSERT_TRUE(prepared);
  const Bytes signature = officer().key().sign_sha256(prepared->to_be_signed).value();

  Diagnostics not_prepared;
  EXPECT_FALSE(complete_signature(pdf, signature, {}, kFile, not_prepared));
  EXPECT_TRUE(not_prepared.contains("E0695")) << not_prepared.to_string();
  Diagnostics done;
  EXPECT_FALSE(complete_signature(sign(pdf, officer(), request()), signature, {}, kFile, done));
  EXPECT_TRUE(done.contains("E0695")) << done.to_string();

  Diagnostics wrong_key;
  EXPECT_FALSE(complete_signature(prepared->pdf, agency().key().sign_sha256(prepared->to_be_signed).value(), {}, kFile,
                                  wrong_key));
  EXPECT_TRUE(wrong_key.contains("E0696")) << wrong_key.to_string();
  Diagnostics wrong_data;
  EXPECT_FALSE(complete_signature(prepared->pdf, officer().key().sign_sha256("khác").value(), {}, kFile, wrong_data));
  EXPECT_TRUE(wrong_data.contains("E0696"));
  // Content changed between the steps: the signature no longer matches what is to be signed.
  Bytes changed = prepared->pdf;
  changed.replace(changed.find("Quyet dinh"), 5, "QUYET");
  Diagnostics tampered;
  EXPECT_FALSE(complete_signature(changed, signature, {}, kFile, tampered));
  EXPECT_TRUE(tampered.contains("E0696")) << tampered.to_string();

  // A time-stamp larger than the room prepared (none was asked for).
  const Bytes huge = "\x30\x82\x4e\x20" + Bytes(0x4e20, '\0');
  Diagnostics too_large;
  EXPECT_FALSE(complete_signature(prepared->pdf, signature, huge, kFile, too_large));
  EXPECT_TRUE(too_large.contains("E0697")) << too_large.to_string();
}

// Signing a large file completes its prepared copy in place (issue 18: a document held at most twice): the same bytes
// as completing a copy, and a refusal leaves the prepared bytes as they were.
TEST(TwoSteps, CompletingInPlaceIsCompletingACopyAndARefusalChangesNothing) {
  const std::string pdf = test::one_page_pdf();
  Diagnostics diagnostics;
  const auto prepared = prepare_signature(pdf, officer().certificates(), request(), nullptr, kFile, diagnostics);
  ASSERT_TRUE(prepared) << diagnostics.to_string();
  const Bytes signature = officer().key().sign_sha256(prepared->to_be_signed).value();
  for (const Bytes& refused : {agency().key().sign_sha256(prepared->to_be_signed).value(), Bytes("khác")}) {
    Bytes unchanged = prepared->pdf;
    Diagnostics wrong;
    EXPECT_FALSE(complete_signature_in_place(unchanged, refused, {}, kFile, wrong));
    EXPECT_TRUE(wrong.contains("E0696")) << wrong.to_string();
    EXPECT_EQ(unchanged, prepared->pdf);
  }
  Bytes too_large = prepared->pdf;
  Diagnostics no_room;
  EXPECT_FALSE(
      complete_signature_in_place(too_large, signature, "\x30\x82\x4e\x20" + Bytes(0x4e20, '\0'), kFile, no_room));
  EXPECT_TRUE(no_room.contains("E0697")) << no_room.to_string();
  EXPECT_EQ(too_large, prepared->pdf);

  Bytes in_place = prepared->pdf;
  ASSERT_TRUE(complete_signature_in_place(in_place, signature, {}, kFile, diagnostics)) << diagnostics.to_string();
  EXPECT_EQ(in_place, complete_signature(prepared->pdf, signature, {}, kFile, diagnostics).value());
  EXPECT_EQ(in_place, sign(pdf, officer(), request()));
  EXPECT_EQ(in_place.size(), prepared->pdf.size());
}

TEST(LongTerm, ATimestampMakesBTAndProvesTheTime) {
  const auto dir = test::scratch_dir("sign-bt");
  const Bytes signed_pdf = signed_at_bt(dir, test::one_page_pdf(), officer());
  const auto report = verify(signed_pdf, today());
  ASSERT_EQ(report.signatures.size(), 1U);
  const auto& s = report.signatures[0];
  EXPECT_TRUE(report.all_valid()) << (s.problems.empty() ? "" : format_finding(s.problems.front()));
  EXPECT_EQ(s.level, "B-T");
  ASSERT_TRUE(s.timestamp);
  ASSERT_TRUE(s.tsa);
  EXPECT_EQ(s.tsa->common_name, "Vanban Test TSA");
  // Without a time-stamp the same signature is B-B.
  EXPECT_EQ(verify(signed_at_bt(dir, test::one_page_pdf(), officer(), ""), today()).signatures[0].level, "B-B");
}

TEST(LongTerm, ValidationDataAppendedAfterTheSignatureMakesBLT) {
  const auto dir = test::scratch_dir("sign-blt");
  const Bytes bt = signed_at_bt(dir, test::one_page_pdf(), officer());
  const Bytes blt = with_validation_data(bt, root_and_crl());
  EXPECT_EQ(blt.compare(0, bt.size(), bt), 0);
  const auto report = verify(blt, today());
  ASSERT_EQ(report.signatures.size(), 1U);
  const auto& s = report.signatures[0];
  EXPECT_TRUE(report.all_valid()) << (s.problems.empty() ? "" : format_finding(s.problems.front()));
  EXPECT_EQ(s.level, "B-LT");
  EXPECT_EQ(s.revocation, Check::passed);
  EXPECT_TRUE(report.has_validation_data);
  EXPECT_EQ(report.appended_bytes, 0U);
  EXPECT_EQ(report.validation_bytes, blt.size() - bt.size());
  EXPECT_EQ(report.validation_revisions, 1U);
  // Years later, offline, after the certificate expired (2040): still valid at the time the time-stamp proves.
  VerifyOptions later = today();
  later.now = Moment::from_unix(2524608000, 420);  // 2050
  const auto years_on = verify(blt, later);
  EXPECT_TRUE(years_on.all_valid());
  EXPECT_EQ(years_on.signatures[0].level, "B-LT");
  EXPECT_TRUE(has(years_on.signatures[0].warnings, "W0657"));
  // The DSS grows, nothing repeated: adding the same data again writes no new stream.
  const Bytes again = with_validation_data(blt, root_and_crl());
  EXPECT_EQ(again.find("stream", blt.size()), std::string::npos);
  EXPECT_EQ(verify(again, today()).signatures[0].level, "B-LT");
}

TEST(LongTerm, ARevokedCertificateFailsAndMissingDataIsNotBLT) {
  const auto dir = test::scratch_dir("sign-revoked");
  const Identity& revoked = identity("revoked.key", "revoked.pem");
  // Revoked on 2025-06-01, time-stamped today: revoked before the signing time.
  const Bytes blt = with_validation_data(signed_at_bt(dir, test::one_page_pdf(), revoked), root_and_crl());
  const auto report = verify(blt, today());
  ASSERT_EQ(report.signatures.size(), 1U);
  EXPECT_FALSE(report.all_valid());
  EXPECT_TRUE(has(report.signatures[0].problems, "E0664"));
  EXPECT_EQ(report.signatures[0].revocation, Check::failed);
  // The same with the root's OCSP response instead of the CRL.
  const ValidationData ocsp{{crypto::read_certificates(pki("ca.pem"))}, {{}, {pki("revoked-ocsp.der")}}};
  EXPECT_TRUE(has(verify(with_validation_data(signed_at_bt(dir, test::one_page_pdf(), revoked), ocsp), today())
                      .signatures[0]
                      .problems,
                  "E0664"));

  // A DSS without revocation data for the officer: B-T, and said why.
  const ValidationData certificates_only{{crypto::read_certificates(pki("ca.pem"))}, {}};
  const auto incomplete =
      verify(with_validation_data(signed_at_bt(dir, test::one_page_pdf(), officer()), certificates_only), today());
  EXPECT_TRUE(incomplete.all_valid());
  EXPECT_EQ(incomplete.signatures[0].level, "B-T");
  EXPECT_TRUE(has(incomplete.signatures[0].warnings, "W0665"));
}

TEST(LongTerm, AForgedOrUntrustedTimestampProvesNothing) {
  const auto dir = test::scratch_dir("sign-forged-timestamp");
  const std::string pdf = test::one_page_pdf();
  SignRequest r = request();
  r.timestamp_room = true;
  Diagnostics diagnostics;
  const auto prepared = prepare_signature(pdf, officer().certificates(), r, nullptr, kFile, diagnostics);
  ASSERT_TRUE(prepared);
  const Bytes signature = officer().key().sign_sha256(prepared->to_be_signed).value();
  // A genuine token, over another signature.
  const auto forged =
      complete_signature(prepared->pdf, signature, timestamp_token(dir, "chữ ký khác"), kFile, diagnostics);
  ASSERT_TRUE(forged);
  const auto report = verify(*forged, today());
  EXPECT_TRUE(has(report.signatures[0].problems, "E0662"));
  EXPECT_EQ(report.signatures[0].level, "B-B");
  // A token from a TSA outside the trust anchors.
  const auto untrusted = verify(signed_at_bt(dir, pdf, officer(), "untrusted-tsa"), today());
  EXPECT_TRUE(has(untrusted.signatures[0].warnings, "W0663"));
  EXPECT_EQ(untrusted.signatures[0].level, "B-B");
}

TEST(LongTerm, OnlyValidationDataMayFollowTheLastSignature) {
  const auto dir = test::scratch_dir("sign-after-dss");
  const Bytes blt = with_validation_data(signed_at_bt(dir, test::one_page_pdf(), officer()), root_and_crl());
  // After the DSS, the page's content replaced: appended, not validation data.
  const std::string content = "BT /F1 12 Tf 72 770 Td (Quyet dinh da bi sua) Tj ET";
  const auto changed = verify(test::append_update(blt, {{4, "<< /Length " + std::to_string(content.size()) +
                                                                " >>\nstream\n" + content + "\nendstream"}}),
                              today());
  EXPECT_GT(changed.appended_bytes, 0U);
  EXPECT_EQ(changed.validation_bytes, 0U);
  EXPECT_FALSE(changed.all_valid());
  // An annotation that is not a signature, added to the page.
  const auto annotated =
      verify(test::append_update(
                 blt, {{3,
                        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.276 841.89] /Contents 4 0 R "
                        "/Resources << /Font << /F1 5 0 R >> >> /Annots [90 0 R] >>"},
                       {90, "<< /Type /Annot /Subtype /FreeText /Rect [72 760 300 780] /Contents (Da sua) >>"}}),
             today());
  EXPECT_GT(annotated.appended_bytes, 0U);
}

TEST(LongTerm, ADocumentSignedElsewhereChangesOnlySignatures) {
  const std::string draft = test::one_page_pdf();
  Diagnostics diagnostics;
  // Our own signer (a new field and widget, the page's /Annots, the catalog's /AcroForm): only signatures.
  const auto clean = changes_beyond_signatures(draft, sign(draft, officer(), request()), kFile, diagnostics);
  ASSERT_TRUE(clean);
  EXPECT_TRUE(clean->empty()) << clean->front();
  // With validation data too.
  const auto dir = test::scratch_dir("sign-elsewhere");
  const auto with_dss = changes_beyond_signatures(
      draft, with_validation_data(signed_at_bt(dir, draft, officer()), root_and_crl()), kFile, diagnostics);
  ASSERT_TRUE(with_dss);
  EXPECT_TRUE(with_dss->empty());
  // The content stream rewritten, another annotation, the page resized: each told.
  const auto changes_by = [&](const std::map<std::size_t, std::string>& update) {
    const auto changes = changes_beyond_signatures(draft, test::append_update(draft, update), kFile, diagnostics);
    EXPECT_TRUE(changes);
    return changes.value_or(std::vector<std::string>()).size();
  };
  const std::string content = "BT /F1 12 Tf 72 770 Td (Quyet dinh khac) Tj ET";
  const std::string page = "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> ";
  EXPECT_EQ(
      changes_by({{4, "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream"}}),
      1U);
  EXPECT_EQ(changes_by({{3, page + "/MediaBox [0 0 595.276 841.89] /Annots [90 0 R] >>"},
                        {90, "<< /Type /Annot /Subtype /FreeText /Rect [72 760 300 780] >>"}}),
            1U);
  EXPECT_EQ(changes_by({{3, page + "/MediaBox [0 0 300 300] >>"}}), 1U);
}

}  // namespace
}  // namespace vanban::sign
