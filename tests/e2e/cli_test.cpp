// The CLI on real files: exit codes, messages, and the PDF checked by real tools (poppler, qpdf).

#include <gtest/gtest.h>

#include "support/decision.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"

namespace vanban {
namespace {

using test::quote;
using test::run;
using test::vanban;

// Text with every run of white space (line ends included) as one space, for searching phrases.
std::string flat(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

using test::decision_case;
using test::render_decision;

TEST(Cli, RendersTheDecisionWithExactText) {
  const auto dir = test::scratch_dir("e2e_render");
  const std::string pdf = render_decision(dir, "--number 123");
  const auto text = run("pdftotext -enc UTF-8 " + quote(pdf) + " -");
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_EQ(text.err, "") << "poppler warned";
  const bool shared = decision_case().filename() == "chu-dong-hinh-su.xml";
  const std::vector<std::string> expected =
      shared ? std::vector<std::string>{"QUYẾT ĐỊNH", "Lương Văn Tường", "200.000 đồng", "15.000.000 đồng",
                                        "4.350.000 đồng", "48/2023/HS-ST", "CHI CỤC THI HÀNH ÁN DÂN SỰ",
                                        "Số: 123/QĐ-CCTHADS", "Hai trăm nghìn đồng", "Mười lăm triệu đồng",
                                        "Căn cứ điểm a khoản 1 Điều 23", "Hoàng Minh Đức", "Nơi nhận:"}
             : std::vector<std::string>{"QUYẾT ĐỊNH", "Hà Văn Hưởng", "5.000.000 đồng", "62/2024/HS-ST",
                                        "Số: 123/QĐ-CCTHADS", "KT. CHI CỤC TRƯỞNG"};
  const std::string flat_text = flat(text.out);
  for (const auto& piece : expected) EXPECT_NE(flat_text.find(piece), std::string::npos) << piece << "\n" << text.out;
  // Nothing decomposed: every mark is precomposed (NFC).
  for (const char* mark : {"\xCC\x80", "\xCC\x81", "\xCC\x83", "\xCC\x89", "\xCC\xA3"})
    EXPECT_EQ(text.out.find(mark), std::string::npos);
}

TEST(Cli, EveryFontIsEmbeddedAndTheFileIsSound) {
  const auto dir = test::scratch_dir("e2e_fonts");
  const std::string pdf = render_decision(dir);
  const auto fonts = run("pdffonts " + quote(pdf));
  ASSERT_EQ(fonts.exit_code, 0);
  EXPECT_EQ(fonts.err, "");
  std::istringstream lines(fonts.out);
  std::string line;
  int rows = 0;
  while (std::getline(lines, line)) {
    if (line.find("LiberationSerif") == std::string::npos) continue;
    ++rows;
    EXPECT_NE(line.find("yes yes yes"), std::string::npos) << line;  // embedded, subset, ToUnicode
  }
  EXPECT_GE(rows, 3);
  const auto check = run("qpdf --check " + quote(pdf));
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  const auto info = run("pdfinfo " + quote(pdf));
  EXPECT_EQ(info.err, "");
  EXPECT_NE(info.out.find("Page size:       595.276 x 841.89 pts (A4)"), std::string::npos) << info.out;
  const auto image = run("pdftoppm -png -r 30 -f 1 -l 1 " + quote(pdf) + " " + quote((dir / "page").string()));
  EXPECT_EQ(image.exit_code, 0);
  EXPECT_EQ(image.err, "");
}

TEST(Cli, SameInputSameBytes) {
  const auto first = test::read_text(render_decision(test::scratch_dir("e2e_det1")));
  const auto second = test::read_text(render_decision(test::scratch_dir("e2e_det2")));
  EXPECT_FALSE(first.empty());
  EXPECT_EQ(first, second);
}

TEST(Cli, MalformedXmlIsRejectedWithPositionAndNoOutput) {
  const auto dir = test::scratch_dir("e2e_malformed");
  const std::string full = test::read_text(decision_case());
  const auto truncated = dir / "truncated.xml";
  test::write_text(truncated, full.substr(0, full.size() / 2));
  const auto pdf = dir / "out.pdf";
  const auto result = vanban("render " + quote(truncated.string()) + " --template qd-tha-chu-dong -o " +
                             quote(pdf.string()));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find(truncated.string() + ":"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(": error: [E0102]"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(pdf));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1U) << "a temporary file was left behind";
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(vanban("").exit_code, 2);
  EXPECT_EQ(vanban("frobnicate").exit_code, 2);
  EXPECT_EQ(vanban("render x.xml").exit_code, 2);
  EXPECT_EQ(vanban("render " + quote(decision_case().string()) + " --template khong-co -o /tmp/x.pdf").exit_code, 2);
  EXPECT_EQ(vanban("render " + quote(decision_case().string()) + " --template qd-tha-chu-dong -o /tmp/x.pdf --date 2024-02-30")
                .exit_code,
            2);
}

TEST(Cli, HelpVersionAndTemplates) {
  const auto version = vanban("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("vanban ", 0), 0U);
  for (const char* command : {"--help", "render --help", "validate --help", "templates --help"}) {
    const auto help = vanban(command);
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("Cách dùng"), std::string::npos) << command;
  }
  const auto templates = vanban("templates");
  EXPECT_EQ(templates.exit_code, 0);
  EXPECT_EQ(templates.out.rfind("qd-tha-chu-dong ", 0), 0U) << templates.out;
  EXPECT_EQ(vanban("templates --check").exit_code, 0);
}

TEST(Cli, ValidateReportsAndExits) {
  const auto dir = test::scratch_dir("e2e_validate");
  const auto good = vanban("validate " + quote(decision_case().string()));
  EXPECT_EQ(good.exit_code, 0) << good.err;
  const auto bad = dir / "bad.xml";
  test::write_text(bad, "<case xmlns=\"urn:vanban:case:1\" id=\"x\"/>");
  const auto result = vanban("validate " + quote(bad.string()));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("[E0201]"), std::string::npos) << result.err;
  EXPECT_EQ(vanban("validate /nonexistent.xml").exit_code, 1);
}

TEST(Cli, MissingResourcesAreAnEnvironmentError) {
  const auto result = run(quote(test::binary().string()) + " --resources /nonexistent templates");
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("environment error"), std::string::npos);
}

TEST(Cli, DocumentDateCitesTheLawInForce) {
  const auto dir = test::scratch_dir("e2e_regime");
  const auto before = dir / "before.pdf";
  const auto after = dir / "after.pdf";
  const std::string base = "render " + quote(decision_case().string()) + " --template qd-tha-chu-dong -o ";
  ASSERT_EQ(vanban(base + quote(before.string()) + " --date 2026-06-30").exit_code, 0);
  ASSERT_EQ(vanban(base + quote(after.string()) + " --date 2026-07-01").exit_code, 0);
  const auto old_text = flat(run("pdftotext -enc UTF-8 " + quote(before.string()) + " -").out);
  const auto new_text = flat(run("pdftotext -enc UTF-8 " + quote(after.string()) + " -").out);
  EXPECT_NE(old_text.find("khoản 2 Điều 36 Luật Thi hành án dân sự"), std::string::npos);
  EXPECT_EQ(old_text.find("106/2025/QH15"), std::string::npos);
  EXPECT_NE(new_text.find("Điều 33 Luật Thi hành án dân sự số 106/2025/QH15"), std::string::npos) << new_text;
}

}  // namespace
}  // namespace vanban
