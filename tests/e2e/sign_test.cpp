// `vanban sign` and `vanban verify` on rendered decisions, checked by real tools: poppler's pdfsig, openssl cms,
// qpdf, PDFBox Preflight, and the rendered page.

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "support/decision.hpp"
#include "support/paths.hpp"
#include "support/png_writer.hpp"
#include "support/preflight.hpp"
#include "support/process.hpp"
#include "support/test_pki.hpp"
#include "support/tiny_pdf.hpp"

namespace vanban {
namespace {

using test::quote;
using test::run;
using test::vanban;

constexpr const char* kTime = " --time 2026-07-01T14:41:19+07:00";

std::string pki(const char* name) { return quote((test::test_pki() / name).string()); }
std::string officer_keys() { return " --key " + pki("officer.key") + " --cert " + pki("officer.pem"); }
std::string agency_keys() { return " --key " + pki("agency.key") + " --cert " + pki("agency.pem"); }

// The images, written once per scratch folder.
std::string image(const std::filesystem::path& dir, const char* name, const std::string& png) {
  const auto path = dir / name;
  if (!std::filesystem::exists(path)) test::write_text(path, png);
  return quote(path.string());
}

test::RunResult sign(const std::string& in, const std::string& out, const std::string& options) {
  return vanban("sign " + quote(in) + " -o " + quote(out) + options);
}

// Officer with the signature image, then agency with the seal: the decision as issued.
struct Issued {
  std::string unsigned_pdf, once, twice;
};
Issued issue(const std::filesystem::path& dir) {
  Issued issued;
  issued.unsigned_pdf = test::render_decision(dir, "--number 123");
  issued.once = (dir / "once.pdf").string();
  issued.twice = (dir / "twice.pdf").string();
  const auto first = sign(issued.unsigned_pdf, issued.once,
                          officer_keys() + " --image " + image(dir, "sig.png", test::signature_png()) +
                              " --reason 'Ký ban hành' --location 'Quỳ Hợp'" + kTime);
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.err, "");
  const auto second = sign(issued.once, issued.twice,
                           agency_keys() + " --appearance agency --image " + image(dir, "seal.png", test::seal_png()) +
                               " --time 2026-07-01T15:02:00+07:00");
  EXPECT_EQ(second.exit_code, 0) << second.err;
  return issued;
}

std::size_t count(const std::string& text, const std::string& piece) {
  std::size_t n = 0;
  for (std::size_t at = text.find(piece); at != std::string::npos; at = text.find(piece, at + 1)) ++n;
  return n;
}

// The page as pixels (PPM from pdftoppm), to check what is drawn where.
struct Pixels {
  int width = 0, height = 0;
  std::string rgb;
  // Counts pixels in the rectangle (PDF points from the bottom left, page height `page_height`) matching `test`.
  template <typename Test>
  int count_in(double x1, double y1, double x2, double y2, double scale, double page_height, Test test) const {
    int n = 0;
    for (int y = static_cast<int>((page_height - y2) * scale); y < static_cast<int>((page_height - y1) * scale); ++y)
      for (int x = static_cast<int>(x1 * scale); x < static_cast<int>(x2 * scale); ++x) {
        if (x < 0 || y < 0 || x >= width || y >= height) continue;
        const auto at =
            (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 3;
        if (test(static_cast<unsigned char>(rgb[at]), static_cast<unsigned char>(rgb[at + 1]),
                 static_cast<unsigned char>(rgb[at + 2])))
          ++n;
      }
    return n;
  }
};

Pixels render_page(const std::string& pdf, int page, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  const auto prefix = dir / ("page" + std::to_string(page));
  const auto result = run("pdftoppm -r 72 -f " + std::to_string(page) + " -l " + std::to_string(page) +
                          " -singlefile " + quote(pdf) + " " + quote(prefix.string()));
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.err, "") << "poppler complained";
  const std::string ppm = test::read_text(prefix.string() + ".ppm");
  Pixels pixels;
  std::istringstream header(ppm);
  std::string magic;
  int max = 0;
  header >> magic >> pixels.width >> pixels.height >> max;
  const auto start = static_cast<std::size_t>(header.tellg()) + 1;
  pixels.rgb = ppm.substr(start);
  EXPECT_EQ(magic, "P6");
  EXPECT_EQ(pixels.rgb.size(), static_cast<std::size_t>(pixels.width * pixels.height * 3));
  return pixels;
}

bool blue(unsigned char r, unsigned char g, unsigned char b) { return b > 150 && r < 100 && g < 120; }
bool red(unsigned char r, unsigned char g, unsigned char b) { return r > 150 && g < 100 && b < 100; }
bool dark(unsigned char r, unsigned char g, unsigned char b) { return r < 100 && g < 100 && b < 100; }

TEST(Sign, OfficerThenAgencyAreBothValidForPdfsigAndVerify) {
  const auto dir = test::scratch_dir("e2e_sign_issue");
  const Issued issued = issue(dir);
  const std::string original = test::read_text(issued.unsigned_pdf);
  const std::string once = test::read_text(issued.once);
  const std::string twice = test::read_text(issued.twice);
  EXPECT_EQ(once.compare(0, original.size(), original), 0) << "every original byte is kept";
  EXPECT_EQ(twice.compare(0, once.size(), once), 0);

  const auto pdfsig = run("pdfsig " + quote(issued.twice));
  EXPECT_EQ(pdfsig.exit_code, 0);
  EXPECT_EQ(pdfsig.err, "") << "poppler complained";
  EXPECT_EQ(count(pdfsig.out, "Signature Validation: Signature is Valid."), 2U) << pdfsig.out;
  EXPECT_EQ(count(pdfsig.out, "Signature Type: ETSI.CAdES.detached"), 2U);
  EXPECT_EQ(count(pdfsig.out, "Signing Hash Algorithm: SHA-256"), 2U);
  EXPECT_EQ(count(pdfsig.out, "Not total document signed"), 1U);
  EXPECT_EQ(count(pdfsig.out, "- Total document signed"), 1U);
  EXPECT_NE(pdfsig.out.find("Signer Certificate Common Name: Hoàng Minh Đức"), std::string::npos) << pdfsig.out;
  EXPECT_NE(pdfsig.out.find("Signing Time: Jul 01 2026 07:41:19"), std::string::npos) << "/M, in UTC";

  const auto check = run("qpdf --check " + quote(issued.twice));
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;

  const auto verify = vanban("verify " + quote(issued.twice) + " --trust " + pki("ca.pem") + kTime);
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  // The same report as JSON, through the api module: every signature with its checks, and the verdict.
  const auto json = vanban("verify " + quote(issued.twice) + " --json --trust " + pki("ca.pem") + kTime);
  EXPECT_EQ(json.exit_code, 0) << json.err;
  {
    Poco::JSON::Parser parser;
    const auto report = parser.parse(json.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_TRUE(report->getValue<bool>("holds"));
    EXPECT_EQ(report->getValue<std::string>("file"), issued.twice);
    const auto signatures = report->getArray("signatures");
    ASSERT_EQ(signatures->size(), 2U);
    const auto first = signatures->getObject(0);
    EXPECT_EQ(first->getValue<std::string>("field"), "signer");
    EXPECT_EQ(first->getValue<std::string>("integrity"), "passed");
    EXPECT_EQ(first->getValue<std::string>("chain"), "passed");
    EXPECT_TRUE(first->getValue<bool>("valid"));
    EXPECT_EQ(first->getObject("signer")->getValue<std::string>("common_name"), "Hoàng Minh Đức");
    EXPECT_EQ(first->getValue<std::string>("time"), "2026-07-01T14:41:19+07:00");
    EXPECT_EQ(report->getArray("verdict")->size(), 0U);
  }
  EXPECT_EQ(count(verify.out, "Kết quả: HỢP LỆ"), 2U) << verify.out;
  EXPECT_NE(verify.out.find("Người ký:          Hoàng Minh Đức"), std::string::npos);
  EXPECT_NE(verify.out.find("Thời điểm ký:      2026-07-01T14:41:19+07:00"), std::string::npos);
  EXPECT_NE(verify.out.find("Thời điểm ký:      2026-07-01T15:02:00+07:00"), std::string::npos);
  EXPECT_NE(verify.out.find("Mức PAdES:         B-B"), std::string::npos);
  EXPECT_NE(verify.out.find("Lý do:             Ký ban hành"), std::string::npos);
  EXPECT_NE(verify.out.find("một phiên bản trước"), std::string::npos);
  EXPECT_NE(verify.out.find("toàn bộ tệp"), std::string::npos);
  EXPECT_NE(verify.out.find("Kết luận: mọi chữ ký hợp lệ"), std::string::npos);

  // Same input, same time: the same bytes (RSA signatures are deterministic).
  const auto again = (dir / "once-again.pdf").string();
  ASSERT_EQ(sign(issued.unsigned_pdf, again,
                 officer_keys() + " --image " + image(dir, "sig.png", "") +
                     " --reason 'Ký ban hành' --location 'Quỳ Hợp'" + kTime)
                .exit_code,
            0);
  EXPECT_EQ(test::read_text(again), once);
}

// Each signature's signed bytes and CMS (from /ByteRange and the hex /Contents), written as files.
struct Extracted {
  std::filesystem::path content;
  std::filesystem::path cms;
};
std::vector<Extracted> extract_signatures(const std::string& pdf, const std::filesystem::path& dir) {
  std::vector<Extracted> out;
  const std::regex byte_range(R"(/ByteRange \[0 (\d+) (\d+) (\d+) *\])");
  for (auto it = std::sregex_iterator(pdf.begin(), pdf.end(), byte_range); it != std::sregex_iterator(); ++it) {
    const std::size_t a = std::stoul((*it)[1]);
    const std::size_t b = std::stoul((*it)[2]);
    const std::size_t c = std::stoul((*it)[3]);
    const std::string n = std::to_string(out.size());
    Extracted one{dir / ("content" + n), dir / ("cms" + n + ".der")};
    test::write_text(one.content, pdf.substr(0, a) + pdf.substr(b, c));
    const std::string hex = pdf.substr(a + 1, b - a - 2);
    std::string bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
      bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    test::write_text(one.cms, bytes);
    out.push_back(one);
  }
  return out;
}

TEST(Sign, OpensslAcceptsTheExtractedCms) {
  const auto dir = test::scratch_dir("e2e_sign_cms");
  const Issued issued = issue(dir);
  const auto signatures = extract_signatures(test::read_text(issued.twice), dir);
  ASSERT_EQ(signatures.size(), 2U);
  for (const auto& signature : signatures) {
    const auto verified = run("openssl cms -verify -binary -inform DER -in " + quote(signature.cms.string()) +
                              " -content " + quote(signature.content.string()) + " -CAfile " + pki("ca.pem") +
                              " -purpose any -attime 1782900000 -out /dev/null");
    EXPECT_EQ(verified.exit_code, 0) << verified.err;
    EXPECT_NE(verified.err.find("Verification successful"), std::string::npos) << verified.err;
    const auto printed = run("openssl cms -cmsout -print -inform DER -in " + quote(signature.cms.string()));
    EXPECT_NE(printed.out.find("signingCertificateV2"), std::string::npos);
    EXPECT_EQ(printed.out.find("signingTime"), std::string::npos) << "PAdES baseline forbids signing-time";
  }
}

TEST(Sign, AppearanceFollowsNghiDinh30) {
  const auto dir = test::scratch_dir("e2e_sign_look");
  const Issued issued = issue(dir);
  // The signature block is on the last page: the empty field "signer" lies between the title and the name.
  const auto info = run("pdfinfo " + quote(issued.unsigned_pdf));
  const int pages = std::stoi(info.out.substr(info.out.find("Pages:") + 6));
  const auto before = render_page(issued.unsigned_pdf, pages, dir / "before");
  const auto after = render_page(issued.twice, pages, dir / "after");
  // Field rectangle from the unsigned file (pdf module): find it through qpdf's JSON-free dump.
  const auto dump = run("qpdf --qdf --object-streams=disable " + quote(issued.unsigned_pdf) + " -");
  const std::regex rect(R"(/FT /Sig[\s\S]*?/Rect \[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\])");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(dump.out, m, rect)) << "vanban render makes an empty signature field";
  const double x1 = std::stod(m[1]), y1 = std::stod(m[2]), x2 = std::stod(m[3]), y2 = std::stod(m[4]);
  const double h = 841.89;
  EXPECT_EQ(before.count_in(x1, y1, x2, y2, 1, h, blue), 0);
  EXPECT_EQ(before.count_in(x1, y1, x2, y2, 1, h, dark), 0) << "the box between title and name is empty";
  EXPECT_GT(after.count_in(x1, y1, x2, y2, 1, h, blue), 200) << "the signature is drawn in the box";
  // The seal: red, over the left part of the signature, at real size (36 mm ≈ 102 pt) around the box's middle.
  const double middle = (y1 + y2) / 2;
  EXPECT_GT(after.count_in(x1 - 60, middle - 51, x1 + (x2 - x1) / 2, middle + 51, 1, h, red), 500);
  EXPECT_EQ(after.count_in(x1 + (x2 - x1) * 0.6, y1, x2, y2, 1, h, red), 0) << "the seal stays on the left";
}

TEST(Sign, AttachmentGetsTheTextBlockTopRight) {
  const auto dir = test::scratch_dir("e2e_sign_attachment");
  const std::string pdf = test::render_decision(dir);
  const auto out = (dir / "attachment.pdf").string();
  const auto result = sign(pdf, out, agency_keys() + " --appearance agency --number 123/QĐ-CCTHADS" + kTime);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto pdfsig = run("pdfsig " + quote(out));
  EXPECT_NE(pdfsig.out.find("Signature is Valid"), std::string::npos) << pdfsig.out;
  EXPECT_NE(pdfsig.out.find("Total document signed"), std::string::npos);
  const auto fonts = run("pdffonts " + quote(out));
  EXPECT_EQ(fonts.err, "");
  EXPECT_EQ(count(fonts.out, "yes yes yes"), count(run("pdffonts " + quote(pdf)).out, "yes yes yes") + 1)
      << "one more embedded subset, with ToUnicode" << fonts.out;
  const auto page = render_page(out, 1, dir);
  const auto plain = render_page(pdf, 1, dir / "plain");
  // Top right, inside the 20 mm top margin: black text only after signing.
  EXPECT_GT(page.count_in(380, 841.89 - 50, 580, 841.89, 1, 841.89, dark), 50);
  EXPECT_EQ(plain.count_in(380, 841.89 - 50, 580, 841.89, 1, 841.89, dark), 0);
  EXPECT_EQ(page.count_in(0, 841.89 - 50, 300, 841.89, 1, 841.89, dark), 0) << "nothing at the top left";
}

TEST(Sign, StaysValidPdfA1bAfterEachKindOfSignature) {
  const auto dir = test::scratch_dir("e2e_sign_preflight");
  const Issued issued = issue(dir);
  // The text block of an attachment, then an invisible signature over it.
  const auto attachment = (dir / "attachment.pdf").string();
  ASSERT_EQ(
      sign(issued.unsigned_pdf, attachment, agency_keys() + " --appearance agency --number 5/QĐ" + kTime).exit_code, 0);
  const auto invisible = (dir / "invisible.pdf").string();
  ASSERT_EQ(sign(attachment, invisible, officer_keys() + " --appearance none" + kTime).exit_code, 0);
  EXPECT_EQ(test::preflight_problems({issued.unsigned_pdf, issued.once, issued.twice, attachment, invisible}, dir), "");
}

TEST(Verify, TamperingIsRejectedByVerifyAndPdfsig) {
  const auto dir = test::scratch_dir("e2e_sign_tamper");
  const Issued issued = issue(dir);
  const std::string twice = test::read_text(issued.twice);
  const std::string verify_options = " --trust " + pki("ca.pem") + kTime;
  // One byte changed inside the signed range (in the original document's bytes).
  std::string changed = twice;
  changed[twice.size() / 3] = static_cast<char>(changed[twice.size() / 3] ^ 0x01);
  const auto changed_path = (dir / "changed.pdf").string();
  test::write_text(changed_path, changed);
  auto verify = vanban("verify " + quote(changed_path) + verify_options);
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_NE(verify.err.find("[E0641]"), std::string::npos) << verify.err;
  // Each problem is shown with its code, in the report and in the verdict.
  EXPECT_NE(verify.out.find("  Lỗi: [E0652] nội dung đã bị thay đổi sau khi ký"), std::string::npos) << verify.out;
  EXPECT_NE(verify.err.find("không hợp lệ: [E0652] nội dung đã bị thay đổi"), std::string::npos) << verify.err;
  // No signature at all.
  verify = vanban("verify " + quote(issued.unsigned_pdf) + verify_options);
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_NE(verify.err.find("lỗi: [E0640]"), std::string::npos) << verify.err;
  // Warnings carry their codes too (no --trust: the chain is not checked).
  verify = vanban("verify " + quote(issued.twice) + kTime);
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_NE(verify.out.find("  Cảnh báo: [W0656] chưa kiểm tra chuỗi chứng thư"), std::string::npos) << verify.out;
  EXPECT_EQ(run("pdfsig " + quote(changed_path)).out.find("Signature is Valid"), std::string::npos);
  // A revision appended after signing (qpdf would rewrite the file; append by hand).
  const std::string appended = test::append_update(twice, {{999, "(appended)"}});
  const auto appended_path = (dir / "appended.pdf").string();
  test::write_text(appended_path, appended);
  verify = vanban("verify " + quote(appended_path) + verify_options);
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_NE(verify.err.find("[E0642]"), std::string::npos) << verify.err;
  EXPECT_NE(verify.out.find("Sau chữ ký cuối: có "), std::string::npos) << verify.out;
  const auto pdfsig = run("pdfsig " + quote(appended_path));
  EXPECT_EQ(pdfsig.out.find("- Total document signed"), std::string::npos) << pdfsig.out;
  EXPECT_EQ(count(pdfsig.out, "Not total document signed"), 2U) << pdfsig.out;
  // Truncated files: at the end, and in the middle of the last update.
  for (const std::size_t cut : {twice.size() - 10, (test::read_text(issued.once).size() + twice.size()) / 2}) {
    const auto path = (dir / ("truncated-" + std::to_string(cut) + ".pdf")).string();
    test::write_text(path, twice.substr(0, cut));
    verify = vanban("verify " + quote(path) + verify_options);
    EXPECT_EQ(verify.exit_code, 1);
    EXPECT_NE(verify.err.find("[E0603]"), std::string::npos) << verify.err;
    // pdfsig reads what it can: never both signatures valid, never the whole document signed.
    const auto truncated = run("pdfsig " + quote(path));
    EXPECT_LT(count(truncated.out, "Signature is Valid"), 2U) << truncated.out;
    EXPECT_EQ(count(truncated.out, "- Total document signed"), 0U) << truncated.out;
  }
}

TEST(Sign, BadInputIsRejectedWithoutOutput) {
  const auto dir = test::scratch_dir("e2e_sign_bad");
  const std::string pdf = test::render_decision(dir);
  const auto out = dir / "out.pdf";
  const auto rejected = [&](const std::string& input, const std::string& options, const char* code,
                            const std::string& env = "") {
    const auto result =
        run(env + quote(test::binary().string()) + " --resources " + quote(test::source_dir().string()) + " sign " +
            quote(input) + " -o " + quote(out.string()) + options);
    EXPECT_EQ(result.exit_code, 1) << code << ": " << result.err;
    EXPECT_NE(result.err.find(std::string("[") + code + "]"), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(out)) << code;
    EXPECT_EQ(result.err.find("BEGIN"), std::string::npos) << "no key material in messages";
    EXPECT_EQ(result.err.find(test::kTestPassphrase), std::string::npos) << "no passphrase in messages";
    return result;
  };
  const auto not_pdf = (dir / "not.pdf").string();
  test::write_text(not_pdf, "<html>not a PDF</html>");
  rejected(not_pdf, officer_keys() + kTime, "E0600");
  const auto encrypted = (dir / "encrypted.pdf").string();
  ASSERT_EQ(run("qpdf --encrypt u o 256 -- " + quote(pdf) + " " + quote(encrypted)).exit_code, 0);
  rejected(encrypted, officer_keys() + kTime, "E0601");
  // An already-signed file whose /ByteRange was broken.
  const auto signed_path = (dir / "signed.pdf").string();
  ASSERT_EQ(sign(pdf, signed_path, officer_keys() + kTime).exit_code, 0);
  std::string broken = test::read_text(signed_path);
  broken.replace(broken.find("/ByteRange [0 ") + 11, 3, "[7 ");
  const auto broken_path = (dir / "broken.pdf").string();
  test::write_text(broken_path, broken);
  rejected(broken_path, agency_keys() + kTime, "E0604");
  rejected(pdf, " --p12 " + pki("officer.p12") + " --pass-env VANBAN_TEST_PASS" + kTime, "E0611",
           "VANBAN_TEST_PASS=sai ");
  rejected(
      pdf,
      " --key " + pki("officer-enc.key") + " --cert " + pki("officer.pem") + " --pass-env VANBAN_TEST_PASS" + kTime,
      "E0611", "VANBAN_TEST_PASS=sai ");
  // No passphrase and no terminal to ask on (setsid: no controlling terminal).
  const auto no_tty =
      run("setsid -w " + quote(test::binary().string()) + " sign " + quote(pdf) + " -o " + quote(out.string()) +
          " --key " + pki("officer-enc.key") + " --cert " + pki("officer.pem") + kTime + " </dev/null");
  EXPECT_EQ(no_tty.exit_code, 1) << no_tty.err;
  EXPECT_NE(no_tty.err.find("[E0615]"), std::string::npos) << no_tty.err;
  rejected(pdf, " --key " + pki("other.key") + " --cert " + pki("officer.pem") + kTime, "E0612");
  rejected(pdf, " --key " + pki("expired.key") + " --cert " + pki("expired.pem") + kTime, "E0613");
  rejected(pdf, officer_keys() + " --image " + quote(not_pdf) + kTime, "E0620");
  EXPECT_FALSE(std::filesystem::exists(out));
  // The expired certificate as a warning only, when asked for.
  const auto lenient = sign(
      pdf, out.string(), " --key " + pki("expired.key") + " --cert " + pki("expired.pem") + " --allow-expired" + kTime);
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
  EXPECT_NE(lenient.err.find("cảnh báo: [E0613]"), std::string::npos) << lenient.err;
}

TEST(Sign, PassphrasesComeOnlyFromTheEnvironmentOrAPrompt) {
  const auto dir = test::scratch_dir("e2e_sign_pass");
  const std::string pdf = test::render_decision(dir);
  const auto out = (dir / "out.pdf").string();
  EXPECT_EQ(sign(pdf, out, officer_keys() + " --pass " + test::kTestPassphrase + kTime).exit_code, 2);
  EXPECT_EQ(sign(pdf, out, " --p12 " + pki("officer.p12") + " --pass-env VANBAN_TEST_UNSET_VARIABLE" + kTime).exit_code,
            2);
  EXPECT_EQ(sign(pdf, out, officer_keys() + " --p12 " + pki("officer.p12") + kTime).exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(out));
  const auto p12 =
      run(std::string("VANBAN_TEST_PASS=") + test::kTestPassphrase + " " + quote(test::binary().string()) + " sign " +
          quote(pdf) + " -o " + quote(out) + " --p12 " + pki("officer.p12") + " --pass-env VANBAN_TEST_PASS" + kTime);
  EXPECT_EQ(p12.exit_code, 0) << p12.err;
  EXPECT_EQ(vanban("verify " + quote(out) + " --trust " + pki("ca.pem") + kTime).exit_code, 0);
}

TEST(Sign, FilesWithXrefStreamsFromOtherToolsAreSignedAndVerified) {
  const auto dir = test::scratch_dir("e2e_sign_xref_streams");
  const std::string pdf = test::render_decision(dir);
  const auto streams = (dir / "streams.pdf").string();
  ASSERT_EQ(run("qpdf --object-streams=generate " + quote(pdf) + " " + quote(streams)).exit_code, 0);
  ASSERT_NE(test::read_text(streams).find("/ObjStm"), std::string::npos);
  const auto once = (dir / "once.pdf").string();
  const auto twice = (dir / "twice.pdf").string();
  auto result =
      sign(streams, once, officer_keys() + " --image " + image(dir, "sig.png", test::signature_png()) + kTime);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  result = sign(once, twice,
                agency_keys() + " --appearance agency --image " + image(dir, "seal.png", test::seal_png()) + kTime);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(run("qpdf --check " + quote(twice)).exit_code, 0);
  const auto pdfsig = run("pdfsig " + quote(twice));
  EXPECT_EQ(count(pdfsig.out, "Signature is Valid"), 2U) << pdfsig.out << pdfsig.err;
  EXPECT_EQ(vanban("verify " + quote(twice) + " --trust " + pki("ca.pem") + kTime).exit_code, 0);
  // And a signed file rewritten by qpdf into object streams is still verified (its signatures no longer hold).
  const auto rewritten = (dir / "rewritten.pdf").string();
  ASSERT_EQ(run("qpdf --object-streams=generate " + quote(twice) + " " + quote(rewritten)).exit_code, 0);
  const auto verify = vanban("verify " + quote(rewritten) + kTime);
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_NE(verify.out.find("Chữ ký 2"), std::string::npos) << verify.out << verify.err;
}

TEST(Sign, TheChainTravelsInTheSignature) {
  const auto dir = test::scratch_dir("e2e_sign_chain");
  const std::string pdf = test::render_decision(dir);
  const auto out = (dir / "out.pdf").string();
  ASSERT_EQ(sign(pdf, out, officer_keys() + " --chain " + pki("ca.pem") + kTime).exit_code, 0);
  const auto signatures = extract_signatures(test::read_text(out), dir);
  ASSERT_EQ(signatures.size(), 1U);
  const auto certificates =
      run("openssl pkcs7 -inform DER -print_certs -noout -in " + quote(signatures[0].cms.string()));
  EXPECT_EQ(count(certificates.out, "subject="), 2U) << certificates.out << certificates.err;
  EXPECT_NE(certificates.out.find("Vanban Test Root CA"), std::string::npos);
}

TEST(Sign, HelpAndUsage) {
  EXPECT_EQ(vanban("sign --help").exit_code, 0);
  EXPECT_NE(vanban("sign --help").out.find("--pass-env"), std::string::npos);
  EXPECT_EQ(vanban("verify --help").exit_code, 0);
  EXPECT_EQ(vanban("sign").exit_code, 2);
  EXPECT_EQ(vanban("sign x.pdf").exit_code, 2);
  EXPECT_EQ(vanban("sign x.pdf -o y.pdf --key k").exit_code, 2);
  EXPECT_EQ(vanban("sign x.pdf -o y.pdf --p12 p --appearance sideways").exit_code, 2);
  EXPECT_EQ(vanban("sign x.pdf -o y.pdf --p12 p --appearance signer").exit_code, 2) << "signer needs --image";
  EXPECT_EQ(vanban("verify").exit_code, 2);
  EXPECT_EQ(vanban("verify /nonexistent.pdf").exit_code, 1);
}

}  // namespace
}  // namespace vanban
