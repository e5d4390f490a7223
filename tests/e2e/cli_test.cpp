// The CLI on real files: exit codes, messages, and the PDF checked by real tools (poppler, qpdf).

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <regex>
#include <sstream>
#include <string>

#include "support/decision.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/reorganised.hpp"

namespace vanban {
namespace {

using test::decision_case;
using test::flat;
using test::quote;
using test::render_decision;
using test::run;
using test::vanban;

TEST(Cli, RendersTheDecisionWithExactText) {
  const auto dir = test::scratch_dir("e2e_render");
  const std::string pdf = render_decision(dir, "--number 123");
  const auto text = run("pdftotext -enc UTF-8 " + quote(pdf) + " -");
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_EQ(text.err, "") << "poppler warned";
  const bool shared = decision_case().filename() == "chu-dong-hinh-su.xml";
  const std::vector<std::string> expected =
      shared ? std::vector<std::string>{"QUYẾT ĐỊNH",
                                        "Lương Văn Tường",
                                        "200.000 đồng",
                                        "15.000.000 đồng",
                                        "4.350.000 đồng",
                                        "48/2023/HS-ST",
                                        "CHI CỤC THI HÀNH ÁN DÂN SỰ",
                                        "Số: 123/QĐ-CCTHADS",
                                        "Hai trăm nghìn đồng",
                                        "Mười lăm triệu đồng",
                                        "Căn cứ điểm a khoản 1 Điều 23",
                                        "Hoàng Minh Đức",
                                        "Nơi nhận:"}
             : std::vector<std::string>{"QUYẾT ĐỊNH",    "Hà Văn Hưởng",       "5.000.000 đồng",
                                        "62/2024/HS-ST", "Số: 123/QĐ-CCTHADS", "KT. CHI CỤC TRƯỞNG"};
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

// render --format svg: one page file per PDF page in the folder -o names (page-001.svg, …), each well-formed and
// standing alone (its fonts as data: URLs, nothing else referred to); a page left by a longer document is removed,
// the same input gives the same bytes, and a format other than pdf or svg is a usage error.
TEST(Cli, RenderSvgWritesOneStandAlonePagePerPdfPage) {
  const auto dir = test::scratch_dir("render_svg");
  const auto out = dir / "trang";
  const std::string arguments = "render " + quote(decision_case().string()) +
                                " --template qd-tha-chu-dong --date 24/06/2024 --format svg -o " + quote(out.string());
  const auto result = vanban(arguments);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto info = run("pdfinfo " + quote(render_decision(dir, "--date 24/06/2024"))).out;
  const auto at = info.find("Pages:");
  ASSERT_NE(at, std::string::npos) << info;
  const std::size_t pages = std::stoul(info.substr(at + 6));
  ASSERT_GE(pages, 1U);
  const auto page_file = [&](std::size_t n) {
    char name[32];
    std::snprintf(name, sizeof name, "page-%03zu.svg", n);
    return out / name;
  };
  for (std::size_t n = 1; n <= pages; ++n) {
    const auto page = page_file(n);
    ASSERT_TRUE(std::filesystem::exists(page)) << page;
    EXPECT_EQ(run("xmllint --noout --nonet " + quote(page.string())).exit_code, 0) << page;
    const std::string svg = test::read_text(page);
    EXPECT_EQ(svg.find("href"), std::string::npos) << page;
    std::size_t urls = 0;
    for (std::size_t url = svg.find("url("); url != std::string::npos; url = svg.find("url(", url + 1), ++urls)
      EXPECT_EQ(svg.compare(url, 26, "url(\"data:font/ttf;base64,"), 0) << page;
    EXPECT_GE(urls, 1U) << page;
  }
  EXPECT_FALSE(std::filesystem::exists(page_file(pages + 1)));
  // Again into the same folder, where a longer document left a page: the same bytes, and the stale page gone.
  const std::string first = test::read_text(page_file(1));
  test::write_text(page_file(pages + 1), "stale");
  ASSERT_EQ(vanban(arguments).exit_code, 0);
  EXPECT_EQ(test::read_text(page_file(1)), first);
  EXPECT_FALSE(std::filesystem::exists(page_file(pages + 1)));
  EXPECT_EQ(vanban("render " + quote(decision_case().string()) + " --template qd-tha-chu-dong --format png -o " +
                   quote(out.string()))
                .exit_code,
            2);
  // The pages go into a folder: never standard output, never over a file (the case file least of all); nothing written.
  const auto case_copy = dir / "ho-so.xml";
  std::filesystem::copy_file(decision_case(), case_copy, std::filesystem::copy_options::overwrite_existing);
  const std::string before = test::read_text(case_copy);
  for (const std::string& target : {std::string("-"), case_copy.string()}) {
    const auto refused = vanban("render " + quote(case_copy.string()) +
                                " --template qd-tha-chu-dong --date 24/06/2024 --format svg -o " + quote(target));
    EXPECT_EQ(refused.exit_code, 2) << target << refused.err;
    EXPECT_NE(refused.err.find("-o: "), std::string::npos) << refused.err;
    EXPECT_TRUE(refused.out.empty()) << target;
  }
  EXPECT_EQ(test::read_text(case_copy), before);
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
  const auto result =
      vanban("render " + quote(truncated.string()) + " --template qd-tha-chu-dong -o " + quote(pdf.string()));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find(truncated.string() + ":"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(": lỗi: [E0102]"), std::string::npos) << result.err;
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
  EXPECT_EQ(vanban("render " + quote(decision_case().string()) +
                   " --template qd-tha-chu-dong -o /tmp/x.pdf --date 2024-02-30")
                .exit_code,
            2);
}

// Geometry within the ranges of Nghị định 30 is honoured; outside them it is a usage error naming the value.
TEST(Cli, LayoutGeometryOptions) {
  const auto dir = test::scratch_dir("e2e_geometry");
  const auto dump = dir / "wide.layout";
  const auto ok = vanban("render " + quote(decision_case().string()) + " --template qd-tha-chu-dong --dump-layout " +
                         quote(dump.string()) + " --margins 25,25,35,20 --line-spacing 1,5 --body-size 13");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  // Every text inside the narrower text area: x from 35 mm, right edge to 190 mm, in points.
  std::istringstream lines(test::read_text(dump));
  std::size_t texts = 0, body_13 = 0;
  for (std::string line; std::getline(lines, line);) {
    double x = 0, baseline = 0, size = 0, width = 0;
    char face[3] = {};
    if (std::sscanf(line.c_str(), "p%*d text %lf %lf %2s %lf w=%lf", &x, &baseline, face, &size, &width) != 5) continue;
    ++texts;
    EXPECT_GE(x, 35 * 72 / 25.4 - 0.01) << line;
    EXPECT_LE(x + width, 190 * 72 / 25.4 + 0.01) << line;
    // The body is 13 pt: no regular text is 14 pt (the default body size) any more.
    EXPECT_FALSE(std::string(face) == "R" && size == 14) << line;
    body_13 += std::string(face) == "R" && size == 13 && baseline > 200 ? 1U : 0U;
  }
  EXPECT_GT(texts, 30U);
  EXPECT_GE(body_13, 5U);
  const std::string base =
      "render " + quote(decision_case().string()) + " --template qd-tha-chu-dong -o " + quote((dir / "x.pdf").string());
  const auto narrow = vanban(base + " --margins 10,20,30,15");
  EXPECT_EQ(narrow.exit_code, 2);
  EXPECT_NE(narrow.err.find("lề trên phải trong khoảng 20.00–25.00 mm (đang là 10.00)"), std::string::npos)
      << narrow.err;
  const auto spacing = vanban(base + " --line-spacing 2");
  EXPECT_EQ(spacing.exit_code, 2);
  EXPECT_NE(spacing.err.find("giãn dòng"), std::string::npos) << spacing.err;
  EXPECT_EQ(vanban(base + " --body-size 12").exit_code, 2);
  EXPECT_EQ(vanban(base + " --margins 20,20,30").exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir / "x.pdf"));
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
  // The form library: one line per template, its name first.
  std::vector<std::string> names;
  std::istringstream lines(templates.out);
  for (std::string line; std::getline(lines, line);) names.push_back(line.substr(0, line.find(' ')));
  EXPECT_EQ(names, (std::vector<std::string>{"bb-giai-quyet",
                                             "bb-giao-nhan-tai-san",
                                             "bb-ke-bien",
                                             "bb-tieu-huy",
                                             "bb-xac-minh",
                                             "de-nghi-mien-giam",
                                             "giay-moi",
                                             "giay-trieu-tap",
                                             "qd-bien-phap-bao-dam",
                                             "qd-chua-co-dieu-kien",
                                             "qd-cuong-che",
                                             "qd-dinh-chi-tha",
                                             "qd-giai-toa-ke-bien",
                                             "qd-hoan-tha",
                                             "qd-hoi-dong-tieu-huy",
                                             "qd-khau-tru-tai-khoan",
                                             "qd-tam-dinh-chi",
                                             "qd-tha-chu-dong",
                                             "qd-tha-theo-yeu-cau",
                                             "qd-thu-hoi",
                                             "qd-tiep-tuc",
                                             "qd-tru-thu-nhap",
                                             "qd-uy-thac",
                                             "tb-cuong-che",
                                             "tb-gui-lai-yeu-cau",
                                             "tb-ket-qua-tham-dinh-gia",
                                             "tb-ket-qua-xac-minh",
                                             "tb-nhan-tien",
                                             "thong-bao-tha",
                                             "thu-van-dong"}))
      << templates.out;
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

TEST(Cli, RefusesFilesItShouldNotReadAtAll) {
  // A sparse file over the limit is refused from its size, a device from its kind: neither is read.
  const auto dir = test::scratch_dir("e2e_refuse");
  const auto huge = dir / "huge.xml";
  test::write_text(huge, "<case/>");
  std::filesystem::resize_file(huge, 65U * 1024U * 1024U);
  const auto big = vanban("validate " + quote(huge.string()));
  EXPECT_EQ(big.exit_code, 1);
  EXPECT_EQ(big.err, huge.string() + ": lỗi: [E0100] tệp quá lớn (68157440 byte, giới hạn 67108864 byte)\n");
  const auto device = vanban("validate /dev/zero");
  EXPECT_EQ(device.exit_code, 1);
  EXPECT_EQ(device.err, "/dev/zero: lỗi: [E0100] không phải là tệp thông thường\n");
}

TEST(Cli, RefusesACaseOfTooManyTinyElementsBeforeReadingIt) {
  // 65,537 empty elements in the sample case. Refused by the raw scan, nothing drafted.
  const auto dir = test::scratch_dir("e2e_tiny");
  const auto flooded = dir / "case.xml";
  std::string text = test::read_text(decision_case());
  std::string tiny;
  for (int i = 0; i < 65'537; ++i) tiny += "<a/>";
  text.insert(text.rfind("</case>"), tiny);
  test::write_text(flooded, text);
  const std::string message = "[E0111] hồ sơ có quá nhiều phần tử và thuộc tính (giới hạn 65536 cho mỗi hồ sơ)\n";
  const auto validated = vanban("validate " + quote(flooded.string()));
  EXPECT_EQ(validated.exit_code, 1);
  EXPECT_TRUE(validated.out.empty());
  EXPECT_NE(validated.err.find(message), std::string::npos) << validated.err;
  EXPECT_EQ(validated.err.find("[E0111]"), validated.err.rfind("[E"));
  const auto pdf = dir / "decision.pdf";
  const auto rendered =
      vanban("render " + quote(flooded.string()) + " --template qd-tha-chu-dong -o " + quote(pdf.string()));
  EXPECT_EQ(rendered.exit_code, 1);
  EXPECT_EQ(rendered.err, validated.err);
  EXPECT_FALSE(std::filesystem::exists(pdf));
}

TEST(Cli, NoRepairIsAcceptedByValidateAndRender) {
  const auto dir = test::scratch_dir("e2e_no_repair");
  const auto legacy = dir / "legacy.xml";
  // The decision case with its debtor's name in TCVN3 read as Windows-1252.
  std::string text = test::read_text(decision_case());
  const std::string name = decision_case().filename() == "chu-dong-hinh-su.xml" ? "Lương Văn Tường" : "Hà Văn Hưởng";
  const std::string misread =
      name == "Lương Văn Tường" ? "L\u00AD\u00ACng V\u00A8n T\u00AD\u00EAng" : "H\u00B5 V\u00A8n H\u00AD\u00EBng";
  text.replace(text.find("<name>" + name), name.size() + 6, "<name>" + misread);
  test::write_text(legacy, text);
  const auto repaired = vanban("validate " + quote(legacy.string()));
  EXPECT_EQ(repaired.exit_code, 0) << repaired.err;
  EXPECT_NE(repaired.err.find("cảnh báo: [W0120] <name>: văn bản mã TCVN3 (ABC)"), std::string::npos) << repaired.err;
  EXPECT_NE(repaired.err.find("đã chuyển thành \"" + name + "\""), std::string::npos) << repaired.err;
  const auto kept = vanban("validate --no-repair " + quote(legacy.string()));
  EXPECT_EQ(kept.exit_code, 0);
  EXPECT_EQ(kept.err, "");
  const auto pdf = dir / "decision.pdf";
  const auto rendered =
      vanban("render " + quote(legacy.string()) + " --template qd-tha-chu-dong --no-repair -o " + quote(pdf.string()));
  EXPECT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_TRUE(std::filesystem::exists(pdf));
}

TEST(Cli, MissingResourcesAreAnEnvironmentError) {
  const auto result = run(quote(test::binary().string()) + " --resources /nonexistent templates");
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("vanban: lỗi môi trường: [E0801]"), std::string::npos) << result.err;
}

TEST(Cli, DocumentDateCitesTheLawInForce) {
  const auto dir = test::scratch_dir("e2e_regime");
  const auto before = dir / "before.pdf";
  const auto after = dir / "after.pdf";
  const auto moved = dir / "case.xml";  // both dates are after the 2025 reorganisation: its bodies (E0320 otherwise)
  test::write_text(moved, test::reorganised(test::read_text(decision_case())));
  const std::string base = "render " + quote(moved.string()) + " --template qd-tha-chu-dong -o ";
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

namespace vanban {
namespace {

// A copy of the resources with one broken template: --check names the file, line and column; render refuses
// to start (environment error) rather than half-render.
TEST(Cli, TemplateCheckReportsPositions) {
  const auto root = test::scratch_dir("e2e_check");
  for (const char* folder : {"fonts", "rules", "schemas", "templates"})
    std::filesystem::copy(test::source_dir() / folder, root / folder, std::filesystem::copy_options::recursive);
  test::write_text(root / "templates" / "hong.vbt",
                   "{@document name=\"Thông báo\" code=\"TB\"}\n{#if debtor.is_person}\n{debtor.nmae}\n{/if}\n");
  const auto check = test::run(test::quote(test::binary().string()) + " --resources " + test::quote(root.string()) +
                               " templates --check");
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.err.find((root / "templates" / "hong.vbt").string() + ":3:2: lỗi: [E0402]"), std::string::npos)
      << check.err;
  const auto render = test::run(test::quote(test::binary().string()) + " --resources " + test::quote(root.string()) +
                                " render x.xml --template hong -o " + test::quote((root / "x.pdf").string()));
  EXPECT_EQ(render.exit_code, 3);
  EXPECT_FALSE(std::filesystem::exists(root / "x.pdf"));
}

}  // namespace
}  // namespace vanban

namespace vanban {
namespace {

// For every template: `templates --describe` ends with "ví dụ: …", and those options render the template
// for a sample case it applies to.
TEST(Cli, DescribeGivesAWorkingExampleForEveryTemplate) {
  const auto dir = test::scratch_dir("e2e_describe");
  const auto list = vanban("templates");
  ASSERT_EQ(list.exit_code, 0);
  std::istringstream lines(list.out);
  std::string line;
  int rendered = 0;
  test::TemplatesFor templates_for;
  while (std::getline(lines, line)) {
    const std::string name = line.substr(0, line.find(' '));
    const auto description = vanban("templates --describe " + name);
    ASSERT_EQ(description.exit_code, 0) << name;
    const std::string label = "ví dụ:";
    const auto at = description.out.rfind(label);
    ASSERT_NE(at, std::string::npos) << description.out;
    std::string example = description.out.substr(at + label.size());
    while (!example.empty() && (example.back() == '\n')) example.pop_back();
    ASSERT_EQ(description.out.substr(at).find('\n'), description.out.size() - at - 1) << "not the last line";
    const auto path = templates_for.first_case(test::all_sample_cases(), name);
    const bool done = !path.empty();
    if (done) {
      const auto pdf = dir / (name + ".pdf");
      const auto result =
          vanban("render " + quote(path.string()) + " --template " + name + " -o " + quote(pdf.string()) + example);
      EXPECT_EQ(result.exit_code, 0) << name << " " << path << example << "\n" << result.err;
      ++rendered;
    }
    EXPECT_TRUE(done) << "no sample case for " << name;
  }
  EXPECT_GT(rendered, 0);
}

}  // namespace
}  // namespace vanban

namespace vanban {
namespace {

// Issue 18: -o replaced whatever was at the path (rename() replaces a link, a FIFO, a device node) and could overwrite
// the case file itself. One rule for every command: a target that exists must be a regular file (a symbolic link is
// refused, not followed), never an input, in a folder that exists (never created); "-" streams to standard output.
TEST(Cli, OutputIsARegularFileNeverTheInputOrStandardOutput) {
  const auto dir = test::scratch_dir("e2e_output_rule");
  const auto input = dir / "case.xml";
  std::filesystem::copy_file(test::decision_case(), input);
  const auto kept = test::read_text(input);
  const auto render = [&](const std::string& output) {
    return vanban("render " + quote(input.string()) + " --template qd-tha-chu-dong -o " + quote(output));
  };
  // The input is never the output, under its own name or through a hard link.
  auto result = render(input.string());
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("-o: " + input.string() + " là tệp đầu vào"), std::string::npos) << result.err;
  std::filesystem::create_hard_link(input, dir / "same.pdf");
  EXPECT_EQ(render((dir / "same.pdf").string()).exit_code, 2);
  EXPECT_EQ(test::read_text(input), kept);
  // A symbolic link is refused and left as it is, and so is what it points at.
  const auto target = dir / "target.pdf";
  test::write_text(target, "kept");
  std::filesystem::create_symlink(target, dir / "link.pdf");
  result = render((dir / "link.pdf").string());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("là một liên kết tượng trưng, không phải tệp thông thường"), std::string::npos)
      << result.err;
  EXPECT_TRUE(std::filesystem::is_symlink(dir / "link.pdf"));
  EXPECT_EQ(test::read_text(target), "kept");
  // A FIFO is refused (and never opened: the command does not hang).
  ASSERT_EQ(::mkfifo((dir / "fifo.pdf").c_str(), 0600), 0);
  EXPECT_EQ(render((dir / "fifo.pdf").string()).exit_code, 2);
  EXPECT_TRUE(std::filesystem::is_fifo(dir / "fifo.pdf"));
  // A missing folder is named in Vietnamese, and not created.
  result = render((dir / "khong-co" / "qd.pdf").string());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("thư mục " + (dir / "khong-co").string() + " không tồn tại"), std::string::npos)
      << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "khong-co"));
  // "-" streams the PDF to standard output; a regular file is still written whole or not at all.
  result = render("-");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.substr(0, 8), "%PDF-1.4");
  EXPECT_EQ(result.out.size(), std::filesystem::file_size(render_decision(dir)));
  // Standard output on a full disk: a Vietnamese message, exit 3.
  if (std::filesystem::exists("/dev/full")) {
    result = test::run(quote(test::binary().string()) + " --resources " + quote(test::source_dir().string()) +
                       " render " + quote(input.string()) + " --template qd-tha-chu-dong -o - > /dev/full");
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("không ghi được ra đầu ra chuẩn: ổ đĩa đã đầy (ENOSPC)"), std::string::npos)
        << result.err;
  }
}

// sign and archive get follow the same rule: the PDF being signed is never replaced by its signed copy.
TEST(Cli, SignNeverWritesOverItsInput) {
  const auto dir = test::scratch_dir("e2e_output_sign");
  const std::string pdf = render_decision(dir);
  const auto kept = test::read_text(pdf);
  const auto result = vanban("sign " + quote(pdf) + " -o " + quote(pdf) + " --key k.pem --cert c.pem");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("là tệp đầu vào"), std::string::npos) << result.err;
  EXPECT_EQ(test::read_text(pdf), kept);
}

// The commands of issues 21 and 22 write through the same rule: report and deadlines never write over the cases they
// read, sign's two steps and --accept never over the PDF, the signature or the draft they read.
TEST(Cli, ReportsAndSigningStepsNeverWriteOverTheirInputs) {
  const auto dir = test::scratch_dir("e2e_output_later_commands");
  const auto input = dir / "case.xml";
  std::filesystem::copy_file(test::decision_case(), input);
  const auto kept_case = test::read_text(input);
  const std::string pdf = render_decision(dir);
  const auto kept_pdf = test::read_text(pdf);
  test::write_text(dir / "s.bin", "signature");
  const std::string in = quote(input.string());
  for (const std::string& command :
       {"report " + in + " --year 2024 -o " + in, "report " + in + " --year 2024 --format csv -o " + in,
        "deadlines " + in + " --as-of 2024-10-15 -o " + in,
        "sign " + quote(pdf) + " --prepare --cert c.pem -o " + quote(pdf),
        "sign " + quote(pdf) + " --complete --signature " + quote((dir / "s.bin").string()) + " -o " +
            quote((dir / "s.bin").string()),
        "sign --accept " + quote(pdf) + " --original " + in + " -o " + in}) {
    const auto result = vanban(command);
    EXPECT_EQ(result.exit_code, 2) << command << "\n" << result.err;
    EXPECT_NE(result.err.find("là tệp đầu vào"), std::string::npos) << command << "\n" << result.err;
  }
  EXPECT_EQ(test::read_text(input), kept_case);
  EXPECT_EQ(test::read_text(pdf), kept_pdf);
  EXPECT_EQ(test::read_text(dir / "s.bin"), "signature");
  // "-" is standard output for them too.
  const auto result = vanban("report " + in + " --year 2024 --format csv -o -");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_FALSE(std::filesystem::exists("-"));
}

}  // namespace
}  // namespace vanban

namespace vanban {
namespace {

// Issue 18: control characters given with --set were echoed raw to the terminal (an ESC sequence could recolour it or
// move the cursor). A --set value must be text: refused with the character shown as <U+001B>.
TEST(Cli, ControlCharactersFromSetAreRefusedAndNeverEchoedRaw) {
  const auto dir = test::scratch_dir("e2e_set_controls");
  for (const std::string& value : {std::string("\x1b[2J\x1b[31mđỏ"),
                                   std::string("a\x07"
                                               "b"),
                                   std::string("\xe2\x80\xae"
                                               "abc")}) {
    const auto result =
        vanban("render " + quote(test::decision_case().string()) + " --template qd-tha-chu-dong --set " +
               quote("ghi-chu=" + value) + " -o " + quote((dir / "x.pdf").string()));
    EXPECT_EQ(result.exit_code, 2) << result.err;
    for (const char c : result.err) EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 && c != '\n') << result.err;
    EXPECT_EQ(result.err.find("\xe2\x80\xae"), std::string::npos) << "a bidi override reached the terminal";
    EXPECT_NE(result.err.find("chứa ký tự điều khiển"), std::string::npos) << result.err;
  }
  const auto esc = vanban("render " + quote(test::decision_case().string()) + " --template qd-tha-chu-dong --set " +
                          quote("ghi-chu=\x1b[31m") + " -o " + quote((dir / "x.pdf").string()));
  EXPECT_NE(esc.err.find("ghi-chu=<U+001B>[31m"), std::string::npos) << esc.err;
  // A value longer than a field may be is refused too.
  const auto long_value =
      vanban("render " + quote(test::decision_case().string()) + " --template qd-tha-chu-dong --set " +
             quote("ghi-chu=" + std::string(10001, 'x')) + " -o " + quote((dir / "x.pdf").string()));
  EXPECT_EQ(long_value.exit_code, 2);
  EXPECT_NE(long_value.err.find("quá giới hạn 10000 ký tự"), std::string::npos) << long_value.err;
}

// The CLI's conventions (issue 17): versions, dates, -o, --case, and "did you mean" for what was mistyped.
TEST(CliConventions, VersionNamesTheRevisionAndThePdfTheVersion) {
  const auto version = vanban("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_TRUE(
      std::regex_match(version.out, std::regex("vanban [0-9]+\\.[0-9]+\\.[0-9]+ \\(git ([0-9a-f]{7,}|không rõ)\\)\n")))
      << version.out;
  const std::string number = version.out.substr(7, version.out.find(' ', 7) - 7);
  const auto pdf = test::render_decision(test::scratch_dir("e2e_producer"));
  const auto info = run("pdfinfo " + quote(pdf));
  EXPECT_TRUE(std::regex_search(info.out, std::regex("Producer: +vanban " + number + "\n"))) << info.out;
}

TEST(CliConventions, DatesAsClerksWriteThem) {
  const auto dir = test::scratch_dir("e2e_dates");
  const std::string base = "render " + quote(decision_case().string()) + " --template qd-tha-chu-dong --dump-layout ";
  ASSERT_EQ(vanban(base + quote((dir / "iso.txt").string()) + " --date 2024-07-05").exit_code, 0);
  ASSERT_EQ(vanban(base + quote((dir / "dmy.txt").string()) + " --date 05/07/2024").exit_code, 0);
  EXPECT_EQ(test::read_text(dir / "iso.txt"), test::read_text(dir / "dmy.txt"));
  const auto wrong = vanban(base + quote((dir / "x.txt").string()) + " --date 31/06/2024");
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find("--date \"31/06/2024\" không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)"),
            std::string::npos)
      << wrong.err;
}

TEST(CliConventions, RenderTakesOneCaseOutOfARegister) {
  const auto dir = test::scratch_dir("e2e_register_case");
  const auto register_file = test::source_dir() / "examples" / "so-thu-ly-thuong-xuan.xml";
  const auto pdf = dir / "603.pdf";
  const auto one =
      vanban("render " + quote(register_file.string()) + " --case THA-2024-000603 --template thu-van-dong " +
             "--date 15/10/2024 -o " + quote(pdf.string()));
  EXPECT_EQ(one.exit_code, 0) << one.err;
  EXPECT_TRUE(std::filesystem::exists(pdf));
  const auto without =
      vanban("render " + quote(register_file.string()) + " --template thu-van-dong -o " + quote(pdf.string()));
  EXPECT_EQ(without.exit_code, 1);
  EXPECT_NE(without.err.find("[E0421]"), std::string::npos) << without.err;
  EXPECT_NE(without.err.find("--case"), std::string::npos) << without.err;
  const auto unknown = vanban("render " + quote(register_file.string()) +
                              " --case THA-2024-000630 --template "
                              "thu-van-dong -o " +
                              quote(pdf.string()));
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("lỗi: [E0422] tệp không có hồ sơ mã \"THA-2024-000630\" (có phải ý bạn là "
                             "\"THA-2024-000603\"?)"),
            std::string::npos)
      << unknown.err;
}

TEST(CliConventions, DidYouMeanForACommandAnOptionOrATemplate) {
  const auto command = vanban("rendr x.xml");
  EXPECT_EQ(command.exit_code, 2);
  EXPECT_NE(command.err.find("không có lệnh \"rendr\" (có phải ý bạn là \"render\"?)"), std::string::npos)
      << command.err;
  const auto option = vanban("render x.xml --tempalte qd-tha-chu-dong -o x.pdf");
  EXPECT_EQ(option.exit_code, 2);
  EXPECT_NE(option.err.find("không có tùy chọn --tempalte (có phải ý bạn là \"--template\"?)"), std::string::npos)
      << option.err;
  const auto name = vanban("render " + quote(decision_case().string()) + " --template qd-tha-chu-dongg -o x.pdf");
  EXPECT_EQ(name.exit_code, 2);
  EXPECT_NE(name.err.find("không có mẫu văn bản \"qd-tha-chu-dongg\" (có phải ý bạn là \"qd-tha-chu-dong\"?)"),
            std::string::npos)
      << name.err;
  const auto sub = vanban("archive --store /tmp/x serch abc");
  EXPECT_EQ(sub.exit_code, 2);
  EXPECT_NE(sub.err.find("(có phải ý bạn là \"search\"?)"), std::string::npos) << sub.err;
  const auto described = vanban("templates --describe giay-trieu-tapp");
  EXPECT_EQ(described.exit_code, 2);
  EXPECT_NE(described.err.find("(có phải ý bạn là \"giay-trieu-tap\"?)"), std::string::npos) << described.err;
}

TEST(CliConventions, TheManPageAndTheCompletionAreTheBuiltOnes) {
  // The build wrote them with the same commands (src/cli/CMakeLists.txt); they are what gets installed.
  const auto man = vanban("--man");
  EXPECT_EQ(man.exit_code, 0);
  EXPECT_EQ(man.out, test::read_text(test::binary().parent_path() / "vanban.1"));
  const auto completion = vanban("--completion bash");
  EXPECT_EQ(completion.out, test::read_text(test::binary().parent_path() / "vanban.bash-completion"));
  // The completion script is valid bash and completes commands and options.
  const auto completed =
      run("bash -c " + quote("source " + quote((test::binary().parent_path() / "vanban.bash-completion").string()) +
                             "; COMP_WORDS=(vanban ren); COMP_CWORD=1; _vanban; echo ${COMPREPLY[@]}; "
                             "COMP_WORDS=(vanban sign --appe); COMP_CWORD=2; _vanban; echo ${COMPREPLY[@]}; "
                             "COMP_WORDS=(vanban sign --appearance a); COMP_CWORD=3; _vanban; echo ${COMPREPLY[@]}"));
  EXPECT_EQ(completed.out, "render\n--appearance\nagency\n") << completed.err;
}

}  // namespace
}  // namespace vanban
