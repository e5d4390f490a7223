// `vanban sign` with the keys offices really hold and signatures that outlive their certificates, checked by real
// tools: a SoftHSM2 token, `openssl pkeyutl` for the second step, `openssl ts` behind a TSA on loopback, the test
// root's CRL, poppler's pdfsig (which also signs the draft "elsewhere"), and the archive.

#include <gtest/gtest.h>

#include <ctime>
#include <regex>

#include "support/decision.hpp"
#include "support/paths.hpp"
#include "support/preflight.hpp"
#include "support/process.hpp"
#include "support/soft_token.hpp"
#include "support/test_pki.hpp"
#include "support/test_tsa.hpp"
#include "support/tiny_pdf.hpp"

namespace vanban {
namespace {

using test::quote;
using test::run;
using test::vanban;

std::string pki(const char* name) { return quote((test::test_pki() / name).string()); }

// The clock as the CLI would read it: the TSA stamps today, so signing times are today's too.
std::string now_option() {
  char text[32];
  const std::time_t seconds = std::time(nullptr) + 7 * 3600;
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S+07:00", std::gmtime(&seconds));
  return std::string(" --time ") + text;
}

bool exists(const std::string& path) { return std::filesystem::exists(path); }

std::string token_options(const std::string& object) {
  return " --pkcs11 " + quote(test::SoftToken::uri(object)) + " --pkcs11-module " + quote(test::SoftToken::kModule) +
         " --pass-env VANBAN_PIN";
}

// pdfsig's verdict on every signature.
void expect_pdfsig_valid(const std::string& pdf, std::size_t signatures) {
  const auto pdfsig = run("pdfsig " + quote(pdf));
  EXPECT_EQ(pdfsig.err, "") << "poppler complained";
  std::size_t valid = 0;
  for (std::size_t at = pdfsig.out.find("Signature is Valid"); at != std::string::npos;
       at = pdfsig.out.find("Signature is Valid", at + 1))
    ++valid;
  EXPECT_EQ(valid, signatures) << pdfsig.out;
}

TEST(TokenCli, RsaAndEcdsaKeysOnATokenSignForVerifyAndPdfsig) {
  const auto dir = test::scratch_dir("e2e-token");
  const test::SoftToken token("e2e-token-softhsm");
  const std::string draft = test::render_decision(dir, "--number 123");
  const std::string once = (dir / "once.pdf").string();
  const std::string twice = (dir / "twice.pdf").string();
  const std::string env = token.env() + " VANBAN_PIN=" + test::SoftToken::kPin + " ";
  auto result = test::run(env + quote(test::binary().string()) + " sign " + quote(draft) + " -o " + quote(once) +
                          token_options("officer") + " --time 2026-07-01T14:41:19+07:00");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "") << "nothing printed by the token's libraries";
  result = test::run(env + quote(test::binary().string()) + " sign " + quote(once) + " -o " + quote(twice) +
                     token_options("agency") + " --time 2026-07-01T15:02:00+07:00");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto verify =
      vanban("verify " + quote(twice) + " --trust " + pki("ca.pem") + " --time 2026-07-02T09:00:00+07:00");
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("Người ký:          Hoàng Minh Đức"), std::string::npos);
  EXPECT_NE(verify.out.find("Người ký:          Chi cục Thi hành án dân sự huyện Quỳ Hợp"), std::string::npos);
  expect_pdfsig_valid(twice, 2);
}

TEST(TokenCli, AWrongPinOrAPinOnTheCommandLineWritesNothing) {
  const auto dir = test::scratch_dir("e2e-token-pin");
  const test::SoftToken token("e2e-token-pin-softhsm");
  const std::string draft = test::render_decision(dir);
  const std::string out = (dir / "out.pdf").string();
  auto result = test::run(token.env() + " VANBAN_PIN=0000 " + quote(test::binary().string()) + " sign " + quote(draft) +
                          " -o " + quote(out) + token_options("officer"));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("lỗi: [E0674]"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("không tự thử lại"), std::string::npos);
  EXPECT_FALSE(exists(out));
  // No PIN in the environment and no terminal: nothing asked, nothing tried.
  result = test::run(token.env() + " " + quote(test::binary().string()) + " sign " + quote(draft) + " -o " +
                     quote(out) + " --pkcs11 " + quote(test::SoftToken::uri("officer")) + " --pkcs11-module " +
                     quote(test::SoftToken::kModule) + " </dev/null");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("[E0676]"), std::string::npos) << result.err;
  // A PIN in the URI is refused before anything happens.
  result = vanban("sign " + quote(draft) + " -o " + quote(out) + " --pkcs11 " +
                  quote(test::SoftToken::uri("officer") + "?pin-value=1234") + " --pkcs11-module " +
                  quote(test::SoftToken::kModule));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("mã PIN"), std::string::npos) << result.err;
  EXPECT_FALSE(exists(out));
}

// The data to sign a --prepare printed, as bytes.
std::string digest_of(const std::string& printed) {
  const std::string label = "Băm SHA-256 cần ký: ";
  const auto at = printed.find(label);
  EXPECT_NE(at, std::string::npos) << printed;
  const std::string hex = printed.substr(at + label.size(), 64);
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

// The raw signature `openssl pkeyutl` makes with the test PKI's `key` of the digest `prepare` printed, as a file.
std::filesystem::path signed_elsewhere(const std::string& printed, const char* key, const std::filesystem::path& dir) {
  const auto digest = dir / "digest.bin";
  const auto signature = dir / "signature.bin";
  test::write_text(digest, digest_of(printed));
  const auto result = run("openssl pkeyutl -sign -inkey " + pki(key) + " -pkeyopt digest:sha256 -in " +
                          quote(digest.string()) + " -out " + quote(signature.string()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return signature;
}

TEST(TwoStepCli, PrepareThenPkeyutlThenCompleteIsByteForByteOneStep) {
  const auto dir = test::scratch_dir("e2e-two-steps");
  const std::string draft = test::render_decision(dir);
  const std::string time = " --time 2026-07-01T14:41:19+07:00";
  const std::string one = (dir / "one.pdf").string();
  ASSERT_EQ(vanban("sign " + quote(draft) + " -o " + quote(one) + " --key " + pki("officer.key") + " --cert " +
                   pki("officer.pem") + time)
                .exit_code,
            0);
  for (const auto& [key, cert, options] :
       {std::tuple{"officer.key", "officer.pem", " -pkeyopt digest:sha256"}, {"agency.key", "agency.pem", ""}}) {
    const std::string prepared = (dir / (std::string(key) + ".prepared.pdf")).string();
    const auto prepare =
        vanban("sign " + quote(draft) + " --prepare -o " + quote(prepared) + " --cert " + pki(cert) + time);
    ASSERT_EQ(prepare.exit_code, 0) << prepare.err;
    EXPECT_NE(prepare.out.find("Dữ liệu cần ký (DER): 31"), std::string::npos) << "a DER SET OF" << prepare.out;
    const auto digest = dir / "digest.bin";
    const auto signature = dir / "signature.bin";
    test::write_text(digest, digest_of(prepare.out));
    const auto signed_elsewhere = run("openssl pkeyutl -sign -inkey " + pki(key) + options + " -in " +
                                      quote(digest.string()) + " -out " + quote(signature.string()));
    ASSERT_EQ(signed_elsewhere.exit_code, 0) << signed_elsewhere.err;
    const std::string two = (dir / (std::string(key) + ".two.pdf")).string();
    const auto complete = vanban("sign " + quote(prepared) + " --complete --signature " + quote(signature.string()) +
                                 " -o " + quote(two));
    ASSERT_EQ(complete.exit_code, 0) << complete.err;
    EXPECT_EQ(complete.err.find("W0619"), std::string::npos) << "the holder is the named signer: " << complete.err;
    if (std::string(key) == "officer.key") {
      EXPECT_EQ(test::read_text(two), test::read_text(one)) << "RSA PKCS#1 v1.5 is deterministic: the same bytes";
    }
    EXPECT_EQ(vanban("verify " + quote(two) + " --trust " + pki("ca.pem") + time).exit_code, 0);
    expect_pdfsig_valid(two, 1);
  }
  // A signature of something else, or by another key, is not embedded.
  const std::string prepared = (dir / "officer.key.prepared.pdf").string();
  const auto wrong = dir / "wrong.bin";
  test::write_text(dir / "other.bin", std::string(32, 'x'));
  ASSERT_EQ(run("openssl pkeyutl -sign -inkey " + pki("officer.key") + " -pkeyopt digest:sha256 -in " +
                quote((dir / "other.bin").string()) + " -out " + quote(wrong.string()))
                .exit_code,
            0);
  const std::string refused = (dir / "refused.pdf").string();
  const auto complete =
      vanban("sign " + quote(prepared) + " --complete --signature " + quote(wrong.string()) + " -o " + quote(refused));
  EXPECT_EQ(complete.exit_code, 1);
  EXPECT_NE(complete.err.find("[E0696]"), std::string::npos) << complete.err;
  EXPECT_FALSE(exists(refused));
}

// Issue 18: the certificate's holder is checked against the signer the document names when the signature is prepared
// and again when it is completed elsewhere (W0619 from the certificate the prepared file holds).
TEST(TwoStepCli, CompletingWarnsWhenTheHolderIsNotTheNamedSigner) {
  const auto dir = test::scratch_dir("e2e-two-steps-holder");
  const std::string draft = test::render_decision(dir);
  const std::string time = " --time 2026-07-01T14:41:19+07:00";
  const std::string prepared = (dir / "prepared.pdf").string();
  const auto prepare =
      vanban("sign " + quote(draft) + " --prepare -o " + quote(prepared) + " --cert " + pki("revoked.pem") + time);
  ASSERT_EQ(prepare.exit_code, 0) << prepare.err;
  EXPECT_NE(prepare.err.find("[W0619]"), std::string::npos) << prepare.err;
  const auto signature = signed_elsewhere(prepare.out, "revoked.key", dir);
  const std::string out = (dir / "signed.pdf").string();
  const auto complete =
      vanban("sign " + quote(prepared) + " --complete --signature " + quote(signature.string()) + " -o " + quote(out));
  ASSERT_EQ(complete.exit_code, 0) << complete.err;
  EXPECT_NE(complete.err.find("cảnh báo: [W0619] chứng thư số mang tên \"Cán bộ bị thu hồi\""), std::string::npos)
      << complete.err;
}

// A one-page PDF of exactly `size` bytes, its page's content a stream of spaces.
std::string pdf_of_size(std::size_t size) {
  const auto pdf = [](std::size_t fill) {
    return test::pdf_from_objects(
        {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.276 841.89] /Contents 4 0 R >>",
         "<< /Length " + std::to_string(fill) + " >>\nstream\n" + std::string(fill, ' ') + "\nendstream"});
  };
  // The length's and startxref's digits grow with the fill: a few tries.
  std::size_t fill = size - pdf(0).size();
  std::string out = pdf(fill);
  for (int tries = 0; out.size() != size && tries < 8; ++tries) {
    fill = fill + size - out.size();
    out = pdf(fill);
  }
  EXPECT_EQ(out.size(), size);
  return out;
}

// Issue 18: a document at the input cap (64 MiB) takes the signatures that follow its first, in the room kept above the
// cap: the agency's countersignature after the officer's, a prepared signature completed; both verified. A document
// without signature one byte over the cap is refused with E0608, nothing written.
TEST(TwoStepCli, ADocumentAtTheCapTakesTheSignaturesThatFollowItsFirst) {
  constexpr std::size_t kCap = 64U * 1024U * 1024U;  // pipeline::kMaxInputFile
  const auto dir = test::scratch_dir("e2e-sign-at-cap");
  const std::string time = " --time 2026-07-01T14:41:19+07:00";
  const std::string at_cap = (dir / "cap.pdf").string();
  test::write_text(at_cap, pdf_of_size(kCap));
  const std::string once = (dir / "once.pdf").string();
  auto result = vanban("sign " + quote(at_cap) + " -o " + quote(once) + " --key " + pki("officer.key") + " --cert " +
                       pki("officer.pem") + time);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_GT(std::filesystem::file_size(once), kCap);
  const std::string twice = (dir / "twice.pdf").string();
  result = vanban("sign " + quote(once) + " -o " + quote(twice) + " --key " + pki("agency.key") + " --cert " +
                  pki("agency.pem") + " --time 2026-07-01T15:02:00+07:00");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  result = vanban("verify " + quote(twice) + " --trust " + pki("ca.pem") + time);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;

  const std::string prepared = (dir / "prepared.pdf").string();
  result =
      vanban("sign " + quote(at_cap) + " --prepare -o " + quote(prepared) + " --cert " + pki("officer.pem") + time);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_GT(std::filesystem::file_size(prepared), kCap);
  const auto signature = signed_elsewhere(result.out, "officer.key", dir);
  const std::string completed = (dir / "completed.pdf").string();
  result = vanban("sign " + quote(prepared) + " --complete --signature " + quote(signature.string()) + " -o " +
                  quote(completed));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(test::read_text(completed) == test::read_text(once)) << "completed as signed in one step";
  std::filesystem::remove(prepared);
  std::filesystem::remove(completed);
  std::filesystem::remove(twice);

  const std::string over = (dir / "over.pdf").string();
  test::write_text(over, pdf_of_size(kCap + 1));
  const std::string refused = (dir / "refused.pdf").string();
  result = vanban("sign " + quote(over) + " -o " + quote(refused) + " --key " + pki("officer.key") + " --cert " +
                  pki("officer.pem") + time);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, over + ": lỗi: [E0608] tệp PDF chưa có chữ ký lớn 67108865 byte, quá giới hạn 67108864 byte " +
                            "của văn bản để ký (phần trên giới hạn này dành cho các chữ ký ký sau)\n");
  EXPECT_FALSE(exists(refused));
}

TEST(LongTermCli, BTAndBLTVerifiedYearsLaterOffline) {
  const auto dir = test::scratch_dir("e2e-blt");
  const test::TestTsa tsa(dir, test::TestTsa::Mode::good);
  const std::string draft = test::render_decision(dir, "--number 123");
  const std::string keys = " --key " + pki("officer.key") + " --cert " + pki("officer.pem");
  const std::string bt = (dir / "bt.pdf").string();
  auto result = vanban("sign " + quote(draft) + " -o " + quote(bt) + keys + " --tsa " + tsa.url() + now_option());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto verify = vanban("verify " + quote(bt) + " --trust " + pki("ca.pem"));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("Mức PAdES:         B-T"), std::string::npos) << verify.out;
  EXPECT_NE(verify.out.find("Dấu thời gian:     "), std::string::npos);
  EXPECT_NE(verify.out.find(", đơn vị cấp \"Vanban Test TSA\""), std::string::npos);
  expect_pdfsig_valid(bt, 1);

  // B-LT with the root's CRL, the root from a folder of CA certificates (DER, as CAs publish them), then a second
  // signature on top (the agency's, B-LT too).
  const auto anchors = dir / "anchors";
  std::filesystem::create_directories(anchors);
  ASSERT_EQ(run("openssl x509 -in " + pki("ca.pem") + " -outform DER -out " + quote((anchors / "root.cer").string()))
                .exit_code,
            0);
  const std::string blt = (dir / "blt.pdf").string();
  const std::string long_term =
      " --tsa " + tsa.url() + " --level B-LT --crl " + pki("crl.pem") + " --trust-dir " + quote(anchors.string());
  result = vanban("sign " + quote(draft) + " -o " + quote(blt) + keys + long_term + now_option());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string both = (dir / "both.pdf").string();
  result = vanban("sign " + quote(blt) + " -o " + quote(both) + " --key " + pki("agency.key") + " --cert " +
                  pki("agency.pem") + long_term + now_option());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // In 2044 (the certificates ended in 2040; the root lasts until 2045), offline: each signature proven then.
  verify =
      vanban("verify " + quote(both) + " --trust-dir " + quote(anchors.string()) + " --time 2044-01-01T00:00:00+07:00");
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  std::size_t levels = 0;
  for (std::size_t at = verify.out.find("Mức PAdES:         B-LT"); at != std::string::npos;
       at = verify.out.find("Mức PAdES:         B-LT", at + 1))
    ++levels;
  EXPECT_EQ(levels, 2U) << verify.out;
  EXPECT_NE(verify.out.find("Thu hồi (DSS):     chưa bị thu hồi tại thời điểm ký"), std::string::npos);
  EXPECT_NE(verify.out.find("[W0657]"), std::string::npos) << "expired since, valid when it signed";
  EXPECT_NE(verify.out.find("Sau chữ ký cuối: dữ liệu kiểm tra dài hạn (DSS)"), std::string::npos);
  expect_pdfsig_valid(both, 2);
  EXPECT_EQ(run("qpdf --check " + quote(both)).exit_code, 0);
  EXPECT_EQ(test::preflight_problems({bt, blt, both}, dir), "") << "still PDF/A-1b with time-stamps and a DSS";

  // The archive records each signature's level.
  const auto store = dir / "archive";
  const auto added = vanban("archive --store " + quote(store.string()) + " add " + quote(both) + " --trust " +
                            pki("ca.pem") + " --require-trusted" + now_option());
  EXPECT_EQ(added.exit_code, 0) << added.err;
  const auto found = vanban("archive --store " + quote(store.string()) + " search --json");
  EXPECT_NE(test::flat(found.out).find("\"levels\": [ \"B-LT\", \"B-LT\" ]"), std::string::npos) << found.out;
}

TEST(LongTermCli, TheTsaTheModuleAndTheTrustAnchorsComeFromTheConfiguration) {
  const auto dir = test::scratch_dir("e2e-signing-config");
  const test::TestTsa tsa(dir, test::TestTsa::Mode::good);
  std::filesystem::create_directories(dir / "trust");
  std::filesystem::copy_file(test::test_pki() / "ca.pem", dir / "trust" / "ca.pem");
  const auto config = dir / "vanban.conf";
  test::write_text(config, "[trust]\nanchors = \"trust\"\n[signing]\ntsa = \"" + tsa.url() +
                               "\"\ntimeout = 20\npkcs11_module = \"" + test::SoftToken::kModule + "\"\n");
  const std::string with = "--config " + quote(config.string()) + " ";
  const std::string draft = test::render_decision(dir, "--number 123");
  // B-LT with neither --tsa nor --trust nor --trust-dir: the TSA and the anchors are the file's.
  const std::string blt = (dir / "blt.pdf").string();
  auto result = vanban(with + "sign " + quote(draft) + " -o " + quote(blt) + " --key " + pki("officer.key") +
                       " --cert " + pki("officer.pem") + " --level B-LT --crl " + pki("crl.pem") + now_option());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_GE(tsa.requests(), 1);
  auto verify = vanban(with + "verify " + quote(blt));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("Mức PAdES:         B-LT"), std::string::npos) << verify.out;
  // The chain must reach the file's anchors: a folder holding another CA refuses the same signature.
  std::filesystem::create_directories(dir / "other");
  std::filesystem::copy_file(test::test_pki() / "untrusted-ca.pem", dir / "other" / "ca.pem");
  const auto other = dir / "other.conf";
  test::write_text(other, "[trust]\nanchors = \"other\"\n[signing]\ntsa = \"" + tsa.url() + "\"\n");
  const std::string refused = (dir / "refused.pdf").string();
  result = vanban("--config " + quote(other.string()) + " sign " + quote(draft) + " -o " + quote(refused) + " --key " +
                  pki("officer.key") + " --cert " + pki("officer.pem") + " --level B-LT --crl " + pki("crl.pem") +
                  now_option());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("[E0684]"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("(OpenSSL: "), std::string::npos) << "the library's words marked as its own";
  EXPECT_FALSE(exists(refused));
  // A token with no --pkcs11-module: the file's module.
  const test::SoftToken token("e2e-signing-config-softhsm");
  const std::string on_token = (dir / "token.pdf").string();
  result = test::run(token.env() + " VANBAN_PIN=" + test::SoftToken::kPin + " " + quote(test::binary().string()) + " " +
                     with + "sign " + quote(draft) + " -o " + quote(on_token) + " --pkcs11 " +
                     quote(test::SoftToken::uri("officer")) + " --pass-env VANBAN_PIN --level B-B" + now_option());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  verify = vanban(with + "verify " + quote(on_token));
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("Mức PAdES:         B-B"), std::string::npos) << verify.out;
  // Without the file, the same command lacks its module.
  result = test::run(token.env() + " VANBAN_PIN=" + test::SoftToken::kPin + " " + quote(test::binary().string()) +
                     " sign " + quote(draft) + " -o " + quote(on_token + ".2") + " --pkcs11 " +
                     quote(test::SoftToken::uri("officer")) + " --pass-env VANBAN_PIN");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("[signing] pkcs11_module"), std::string::npos) << result.err;
}

TEST(LongTermCli, ARevokedCertificateOrATsaThatFailsWritesNothing) {
  const auto dir = test::scratch_dir("e2e-blt-refused");
  const std::string draft = test::render_decision(dir);
  const std::string out = (dir / "out.pdf").string();
  const test::TestTsa good(dir, test::TestTsa::Mode::good);
  auto result = vanban("sign " + quote(draft) + " -o " + quote(out) + " --key " + pki("revoked.key") + " --cert " +
                       pki("revoked.pem") + " --tsa " + good.url() + " --level B-LT --crl " + pki("crl.pem") +
                       " --trust " + pki("ca.pem") + now_option());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("[E0682]"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("đã bị thu hồi lúc 2025-06-01T07:00:00+07:00"), std::string::npos) << result.err;
  EXPECT_FALSE(exists(out));
  for (const auto& [mode, code] :
       {std::pair{test::TestTsa::Mode::garbage, "[E0681]"}, {test::TestTsa::Mode::silent, "[E0680]"}}) {
    const test::TestTsa tsa(dir, mode);
    result = vanban("sign " + quote(draft) + " -o " + quote(out) + " --key " + pki("officer.key") + " --cert " +
                    pki("officer.pem") + " --tsa " + tsa.url() + " --timeout 1" + now_option());
    EXPECT_EQ(result.exit_code, 1) << code;
    EXPECT_NE(result.err.find(code), std::string::npos) << result.err;
    EXPECT_FALSE(exists(out));
  }
}

// An NSS database holding the officer's key, for pdfsig to sign with.
std::string nss_database(const std::filesystem::path& dir) {
  const auto nss = dir / "nss";
  std::filesystem::create_directories(nss);
  const auto made =
      run("certutil -N -d sql:" + quote(nss.string()) + " --empty-password && pk12util -i " + pki("officer.p12") +
          " -d sql:" + quote(nss.string()) + " -W " + test::kTestPassphrase + " -K '' >/dev/null");
  EXPECT_EQ(made.exit_code, 0) << made.err;
  return "sql:" + nss.string();
}

TEST(AcceptCli, TheDraftSignedByAnotherToolIsAcceptedAndForgeriesRefused) {
  const auto dir = test::scratch_dir("e2e-accept");
  const std::string draft = test::render_decision(dir, "--number 123");
  const std::string nss = nss_database(dir);
  const auto sign_elsewhere = [&](const std::string& in, const std::string& out) {
    // pdfsig fills the empty signature field "signer" that vanban render leaves, as the desktop signing tool does.
    const auto signed_by_pdfsig =
        run("pdfsig -nssdir " + quote(nss) + " -nick 'Hoàng Minh Đức - Vanban tests' -sign signer " + quote(in) + " " +
            quote(out) + " 2>/dev/null");
    EXPECT_TRUE(exists(out)) << signed_by_pdfsig.err;
  };
  const std::string elsewhere = (dir / "elsewhere.pdf").string();
  sign_elsewhere(draft, elsewhere);
  const std::string accepted = (dir / "accepted.pdf").string();
  const std::string check = " --cert " + pki("officer.pem") + " --trust " + pki("ca.pem");
  auto result =
      vanban("sign --accept " + quote(elsewhere) + " --original " + quote(draft) + check + " -o " + quote(accepted));
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("Chấp nhận: "), std::string::npos) << result.out;
  EXPECT_EQ(test::read_text(accepted), test::read_text(elsewhere));

  const auto refused = [&](const std::string& candidate, const std::string& original, const char* code,
                           const std::string& options) {
    const std::string out = (dir / "refused.pdf").string();
    const auto r =
        vanban("sign --accept " + quote(candidate) + " --original " + quote(original) + options + " -o " + quote(out));
    EXPECT_EQ(r.exit_code, 1) << code;
    EXPECT_NE(r.err.find(code), std::string::npos) << code << ": " << r.err;
    EXPECT_FALSE(exists(out));
  };
  // Another document: the same decision with another number, signed elsewhere.
  const auto other_dir = dir / "other";
  std::filesystem::create_directories(other_dir);
  const std::string other = test::render_decision(other_dir, "--number 124");
  const std::string other_signed = (dir / "other-signed.pdf").string();
  sign_elsewhere(other, other_signed);
  refused(other_signed, draft, "[E0690]", check);
  // Content changed after signing, by an update of its own: the page redefined (cropped to a corner).
  const std::string signed_text = test::read_text(elsewhere);
  const std::regex page_object(R"((\d+) 0 obj\s*<<\s*/Type /Page\b)");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(signed_text, match, page_object));
  const std::size_t body_at = static_cast<std::size_t>(match.position(0) + match[1].length()) + 6;
  std::string body = signed_text.substr(body_at, signed_text.find("endobj", body_at) - body_at);
  body.replace(body.find("/Type /Page"), 11, "/Type /Page /CropBox [0 0 100 100]");
  const std::string cropped = (dir / "cropped.pdf").string();
  test::write_text(cropped, test::append_update(signed_text, {{std::stoul(match[1]), body}}));
  refused(cropped, draft, "[E0691]", check);
  // Bytes appended after the last signature, even harmless ones.
  const std::string appended = (dir / "appended.pdf").string();
  test::write_text(appended, test::append_update(signed_text, {{999, "(appended)"}}));
  refused(appended, draft, "[E0694]", check);
  // A signature that does not verify: a byte of what it signs changed.
  std::string broken = test::read_text(elsewhere);
  const std::size_t at = broken.find("/T (signer)", test::read_text(draft).size());
  ASSERT_NE(at, std::string::npos);
  broken[at + 4] = 'S';
  const std::string broken_path = (dir / "broken.pdf").string();
  test::write_text(broken_path, broken);
  refused(broken_path, draft, "[E0694]", check);
  // Signed by someone else than the certificate expected.
  refused(elsewhere, draft, "[E0693]", " --cert " + pki("agency.pem") + " --trust " + pki("ca.pem"));
}

}  // namespace
}  // namespace vanban
