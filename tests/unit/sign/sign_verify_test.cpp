// Signing and verifying through the module's API, with keys made by openssl for the test.

#include <gtest/gtest.h>

#include "pdfobj/pdf_file.hpp"
#include "support/png_writer.hpp"
#include "support/signing.hpp"
#include "support/tiny_pdf.hpp"

namespace vanban::sign {
namespace {

using pdfobj::OpenProblem;
using pdfobj::PdfFile;

using namespace helpers;

// A one-page PDF with an empty signature field "signer" over [300 500 500 570], as vanban render makes.
std::string pdf_with_empty_field() {
  return test::pdf_from_objects(
      {"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.276 841.89] /Annots [4 0 R] >>",
       "<< /Type /Annot /Subtype /Widget /FT /Sig /T (signer) /F 4 /Rect [300 500 500 570] /P 3 0 R >>"},
      "/ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]");
}

TEST(Sign, InvisibleSignatureVerifies) {
  const std::string pdf = test::one_page_pdf();
  const Bytes signed_pdf = sign(pdf, officer(), request());
  ASSERT_FALSE(signed_pdf.empty());
  EXPECT_EQ(signed_pdf.compare(0, pdf.size(), pdf), 0) << "every original byte is kept";
  EXPECT_NE(signed_pdf.find("/SubFilter /ETSI.CAdES.detached"), std::string::npos);
  EXPECT_NE(signed_pdf.find("/M (D:20260701144119+07'00')"), std::string::npos);
  const auto report = verify(signed_pdf);
  ASSERT_EQ(report.signatures.size(), 1U);
  const auto& s = report.signatures[0];
  EXPECT_TRUE(report.all_valid()) << (s.problems.empty() ? "" : format_finding(s.problems.front()));
  EXPECT_EQ(s.field_name, "Signature1");
  EXPECT_EQ(s.integrity, Check::passed);
  EXPECT_EQ(s.signature, Check::passed);
  EXPECT_EQ(s.chain, Check::passed);
  EXPECT_TRUE(s.covers_whole_file);
  EXPECT_TRUE(s.pades_baseline) << "signingCertificateV2 present, no signing-time";
  ASSERT_TRUE(s.signer.has_value());
  EXPECT_EQ(s.signer->common_name, "Hoàng Minh Đức");
  ASSERT_TRUE(s.time.has_value());
  EXPECT_EQ(s.time->iso8601(), "2026-07-01T14:41:19+07:00");
  EXPECT_EQ(s.reason, "Ký ban hành");
  EXPECT_EQ(s.location, "Quỳ Hợp, Nghệ An");
  // Same input, same time, an RSA key: the same bytes.
  EXPECT_EQ(sign(pdf, officer(), request()), signed_pdf);
}

TEST(Sign, SecondSignatureKeepsTheFirstValid) {
  const Bytes once = sign(test::one_page_pdf(), officer(), request());
  const Bytes twice = sign(once, agency(), request());
  EXPECT_EQ(twice.compare(0, once.size(), once), 0);
  const auto report = verify(twice);
  ASSERT_EQ(report.signatures.size(), 2U);
  EXPECT_TRUE(report.all_valid());
  EXPECT_TRUE(report.signatures[0].valid());
  EXPECT_TRUE(report.signatures[0].covers_revision);
  EXPECT_FALSE(report.signatures[0].covers_whole_file);
  EXPECT_EQ(report.signatures[0].signed_end, once.size());
  EXPECT_TRUE(report.signatures[1].covers_whole_file);
  EXPECT_EQ(report.signatures[1].signer->common_name, "Chi cục Thi hành án dân sự huyện Quỳ Hợp");
  EXPECT_EQ(report.signatures[1].field_name, "Signature2");
}

TEST(Verify, TamperingIsDetected) {
  const Bytes signed_pdf = sign(test::one_page_pdf(), officer(), request());
  // One byte changed inside the signed range (in the page's text).
  Bytes changed = signed_pdf;
  changed[changed.find("Quyet dinh")] = 'X';
  auto report = verify(changed);
  ASSERT_EQ(report.signatures.size(), 1U);
  EXPECT_EQ(report.signatures[0].integrity, Check::failed);
  EXPECT_FALSE(report.all_valid());
  // A revision appended after signing.
  const std::string appended =
      test::append_update(signed_pdf, {{5, "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"}});
  report = verify(appended);
  ASSERT_EQ(report.signatures.size(), 1U);
  EXPECT_TRUE(report.signatures[0].valid()) << "the signature itself still holds for its revision";
  EXPECT_GT(report.appended_bytes, 0U);
  EXPECT_EQ(report.appended_revisions, 1U);
  EXPECT_FALSE(report.all_valid());
  // A truncated file: unreadable, or its signature does not cover the file.
  Diagnostics diagnostics;
  VerifyOptions options;
  options.now = kLater;
  EXPECT_FALSE(verify_pdf(signed_pdf.substr(0, signed_pdf.size() - 100), options, {}, diagnostics).has_value());
  EXPECT_TRUE(diagnostics.contains("E0603")) << diagnostics.to_string();
}

TEST(Verify, ChainAgainstTrustedRoots) {
  const Bytes signed_pdf = sign(test::one_page_pdf(), officer(), request());
  EXPECT_EQ(verify(signed_pdf, false).signatures[0].chain, Check::not_checked);
  EXPECT_TRUE(verify(signed_pdf, false).all_valid()) << "no --trust: the chain is reported as not checked";
  VerifyOptions options;
  options.now = kLater;
  options.trusted_roots_pem.push_back(pki("untrusted-ca.pem"));
  Diagnostics diagnostics;
  const auto report = verify_pdf(signed_pdf, options, {}, diagnostics);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->signatures[0].chain, Check::failed);
  EXPECT_FALSE(report->all_valid());
}

TEST(Verify, UnsignedAndBrokenFiles) {
  EXPECT_FALSE(verify(test::one_page_pdf()).all_valid()) << "no signature at all is not a pass";
  Diagnostics diagnostics;
  VerifyOptions options;
  EXPECT_FALSE(verify_pdf("not a pdf", options, {}, diagnostics).has_value());
  EXPECT_TRUE(diagnostics.contains("E0600"));
}

TEST(Sign, BadKeysAndCertificates) {
  Diagnostics mismatch;
  EXPECT_FALSE(load("other.key", "officer.pem", mismatch));
  EXPECT_TRUE(mismatch.contains("E0612")) << mismatch.to_string();
  Diagnostics missing;
  EXPECT_FALSE(load("officer-enc.key", "officer.pem", missing));
  EXPECT_TRUE(missing.contains("E0615")) << missing.to_string();
  Diagnostics wrong;
  EXPECT_FALSE(load("officer-enc.key", "officer.pem", wrong, [] { return std::optional<std::string>("sai"); }));
  EXPECT_TRUE(wrong.contains("E0611")) << wrong.to_string();
  Diagnostics right;
  int asked = 0;
  EXPECT_TRUE(load("officer-enc.key", "officer.pem", right, [&] {
    ++asked;
    return std::optional<std::string>(test::kTestPassphrase);
  })) << right.to_string();
  EXPECT_EQ(asked, 1) << "the passphrase is asked for once";
  Diagnostics not_a_key;
  EXPECT_FALSE(load("officer.pem", "officer.pem", not_a_key));
  EXPECT_TRUE(not_a_key.contains("E0610"));
  Diagnostics not_a_cert;
  EXPECT_FALSE(load("officer.key", "officer.key", not_a_cert));
  EXPECT_TRUE(not_a_cert.contains("E0614"));
  // PKCS#12 with its password, and with a wrong one.
  const std::string p12 = pki("officer.p12");
  Diagnostics p12_good;
  const auto from_p12 = Identity::from_pkcs12(
      p12, [] { return std::optional<std::string>(test::kTestPassphrase); }, {}, p12_good);
  ASSERT_TRUE(from_p12) << p12_good.to_string();
  EXPECT_EQ(from_p12->certificate().common_name, "Hoàng Minh Đức");
  Diagnostics p12_wrong;
  EXPECT_FALSE(Identity::from_pkcs12(
      p12, [] { return std::optional<std::string>("sai"); }, {}, p12_wrong));
  EXPECT_TRUE(p12_wrong.contains("E0611"));
}

TEST(Sign, ExpiredCertificateIsRejectedOrWarned) {
  Diagnostics loaded;
  const auto expired = load("expired.key", "expired.pem", loaded);
  ASSERT_TRUE(expired) << loaded.to_string();
  Diagnostics rejected;
  EXPECT_FALSE(sign_pdf(test::one_page_pdf(), *expired, request(), nullptr, {}, rejected).has_value());
  EXPECT_TRUE(rejected.contains("E0613"));
  auto lenient = request();
  lenient.expired = ExpiredCertificate::warn;
  Diagnostics warned;
  EXPECT_TRUE(sign_pdf(test::one_page_pdf(), *expired, lenient, nullptr, {}, warned).has_value());
  EXPECT_FALSE(warned.has_errors());
  EXPECT_EQ(warned.warning_count(), 1U);
  // Issue 18: a warning carries a W code, never an E code.
  EXPECT_TRUE(warned.contains("W0618")) << warned.to_string();
  for (const auto& d : warned.list()) EXPECT_EQ(d.code.front(), 'W') << d.code;
}

// Issue 18: a certificate whose key usage allows neither digitalSignature nor nonRepudiation is refused (it was a
// warning carrying an E code, and the document was signed).
TEST(Sign, ACertificateNotForSigningIsRefused) {
  Diagnostics loaded;
  const auto encipher = load("encipher.key", "encipher.pem", loaded);
  ASSERT_TRUE(encipher) << loaded.to_string();
  Diagnostics refused;
  EXPECT_FALSE(sign_pdf(test::one_page_pdf(), *encipher, request(), nullptr, {}, refused).has_value());
  EXPECT_TRUE(refused.contains("E0617")) << refused.to_string();
  EXPECT_TRUE(refused.has_errors());
}

TEST(Sign, RefusesBrokenInput) {
  Diagnostics not_pdf;
  EXPECT_FALSE(sign_pdf("%!PS-Adobe", officer(), request(), nullptr, {}, not_pdf));
  EXPECT_TRUE(not_pdf.contains("E0600"));
  // An existing signature whose /ByteRange points past the end of the file.
  Bytes broken = sign(test::one_page_pdf(), officer(), request());
  const std::size_t range = broken.find("/ByteRange [0 ");
  broken.replace(broken.find(' ', range + 14), 1, "9");
  Diagnostics existing;
  EXPECT_FALSE(sign_pdf(broken, agency(), request(), nullptr, {}, existing));
  EXPECT_TRUE(existing.contains("E0604")) << existing.to_string();
  // A signer image needs a place between title and name.
  auto with_image = request(Appearance::signer);
  with_image.image = test::signature_png();
  Diagnostics no_place;
  EXPECT_FALSE(sign_pdf(test::one_page_pdf(), officer(), with_image, nullptr, {}, no_place));
  EXPECT_TRUE(no_place.contains("E0631"));
  with_image.image = "\x89PNG\r\n\x1A\n garbage";
  Diagnostics bad_image;
  EXPECT_FALSE(sign_pdf(pdf_with_empty_field(), officer(), with_image, nullptr, {}, bad_image));
  EXPECT_TRUE(bad_image.contains("E0620"));
  // A field that is already signed.
  auto named = request();
  named.field_name = "Signature1";
  Diagnostics taken;
  EXPECT_FALSE(sign_pdf(sign(test::one_page_pdf(), officer(), request()), agency(), named, nullptr, {}, taken));
  EXPECT_TRUE(taken.contains("E0630"));
}

// Issue 18: a document that holds no signature is signed up to one limit, one that holds some up to another, so that
// the room between them is left for the signatures that follow; over either, E0608.
TEST(Sign, TheSizeLimitLeavesRoomForTheSignaturesThatFollow) {
  const std::string pdf = test::one_page_pdf();
  auto limited = request();
  limited.max_unsigned_size = pdf.size();
  const Bytes once = sign(pdf, officer(), limited);
  ASSERT_FALSE(once.empty()) << "a document at the limit is signed";
  ASSERT_GT(once.size(), pdf.size());
  // Signed, it is over the limit of a document without signature, not over that of a signed one.
  limited.max_signed_size = once.size();
  const Bytes twice = sign(once, agency(), limited);
  ASSERT_FALSE(twice.empty()) << "the countersignature has its room";
  EXPECT_TRUE(verify(twice).all_valid());
  // One byte over either limit: refused before anything else, with the sizes.
  limited.max_unsigned_size = pdf.size() - 1;
  Diagnostics unsigned_over;
  EXPECT_FALSE(sign_pdf(pdf, officer(), limited, nullptr, {}, unsigned_over));
  ASSERT_EQ(unsigned_over.list().size(), 1U) << unsigned_over.to_string();
  EXPECT_EQ(unsigned_over.list()[0].code, "E0608");
  EXPECT_EQ(unsigned_over.list()[0].message,
            "tệp PDF chưa có chữ ký lớn " + std::to_string(pdf.size()) + " byte, quá giới hạn " +
                std::to_string(pdf.size() - 1) +
                " byte của văn bản để ký (phần trên giới hạn này dành cho các chữ ký ký sau)");
  limited.max_signed_size = once.size() - 1;
  Diagnostics signed_over;
  EXPECT_FALSE(sign_pdf(once, agency(), limited, nullptr, {}, signed_over));
  ASSERT_EQ(signed_over.list().size(), 1U) << signed_over.to_string();
  EXPECT_EQ(signed_over.list()[0].message, "tệp PDF đã có chữ ký lớn " + std::to_string(once.size()) +
                                               " byte, quá giới hạn " + std::to_string(once.size() - 1) +
                                               " byte của văn bản để ký tiếp");
}

TEST(Sign, SignerImageFillsTheEmptyFieldAndTheSealCoversItsLeftThird) {
  auto officer_request = request(Appearance::signer);
  officer_request.image = test::signature_png();
  const Bytes once = sign(pdf_with_empty_field(), officer(), officer_request);
  auto agency_request = request(Appearance::agency);
  agency_request.image = test::seal_png();
  const Bytes twice = sign(once, agency(), agency_request);
  EXPECT_TRUE(verify(twice).all_valid());
  OpenProblem problem;
  const auto file = PdfFile::open(twice, problem);
  ASSERT_TRUE(file.has_value());
  const auto fields = file->signature_fields();
  ASSERT_EQ(fields.size(), 2U);
  const auto& signer = fields[0].name == "signer" ? fields[0] : fields[1];
  const auto& seal = fields[0].name == "signer" ? fields[1] : fields[0];
  EXPECT_EQ(seal.name, "agency");
  // The 600 × 200 image fits the 200 × 70 box: 210 × 70 is too wide, so 200 × 66.67, centred.
  EXPECT_NEAR(signer.rect[0], 300, 0.01);
  EXPECT_NEAR(signer.rect[2], 500, 0.01);
  EXPECT_NEAR(signer.rect[3] - signer.rect[1], 200.0 / 3, 0.01);
  EXPECT_NEAR((signer.rect[1] + signer.rect[3]) / 2, 535, 0.01);
  // The seal: 425 px at 300 dpi = 102 pt, its right edge a third into the signature, centred on it.
  EXPECT_NEAR(seal.rect[2] - seal.rect[0], 425 * 72.0 / 300, 0.01);
  EXPECT_NEAR(seal.rect[2], 300 + 200.0 / 3, 0.01);
  EXPECT_NEAR((seal.rect[1] + seal.rect[3]) / 2, 535, 0.01);
  EXPECT_EQ(seal.page, signer.page);
  // PDF/A-1: no soft mask, a stencil /Mask instead.
  EXPECT_EQ(twice.find("/SMask"), std::string::npos);
  EXPECT_NE(twice.find("/ImageMask true"), std::string::npos);
}

}  // namespace
}  // namespace vanban::sign
