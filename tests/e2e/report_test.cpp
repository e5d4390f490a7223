// vanban report and vanban deadlines on a register whose figures are worked out by hand (docs/thong-ke.md): golden
// text, the csv's BOM, the JSON parsed, the BÁO CÁO checked like every document (qpdf, pdftotext, PDFBox Preflight
// for PDF/A-1b, a PNG to look at), the xlsx read back (its cells and formulas), and the usage errors.

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "support/paths.hpp"
#include "support/preflight.hpp"
#include "support/process.hpp"

namespace vanban {
namespace {

using test::quote;

const char* kRegister = "tests/e2e/report/so-thong-ke.xml";

// The CLI run from the source folder, so that file names in its output are the same everywhere.
test::RunResult vanban_here(const std::string& arguments) {
  return test::run("cd " + quote(test::source_dir().string()) + " && " + quote(test::binary().string()) +
                   " --resources . " + arguments);
}

// Compares with tests/e2e/report/NAME; UPDATE_GOLDEN=1 rewrites it.
void expect_golden(const std::string& name, const std::string& actual) {
  const auto path = test::source_dir() / "tests/e2e/report" / name;
  if (std::getenv("UPDATE_GOLDEN") != nullptr) test::write_text(path, actual);
  EXPECT_EQ(actual, test::read_text(path)) << "golden file " << path << " (UPDATE_GOLDEN=1 rewrites it)";
}

TEST(Report, GoldenTextOfTheYear) {
  const auto result = vanban_here(std::string("report ") + kRegister +
                                  " --year 2024 --target-cases 47,5 --target-money 50 --by officer");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  expect_golden("report-2024.txt", result.out);
  // The figures worked out in docs/thong-ke.md.
  EXPECT_NE(result.out.find("Tỷ lệ thi hành xong về việc: 50,00 % (chỉ tiêu 47,50 %: vượt 2,50 %)"), std::string::npos);
  EXPECT_NE(result.out.find("Tỷ lệ thi hành xong về tiền: 46,67 % (chỉ tiêu 50,00 %: thấp hơn 3,33 %)"),
            std::string::npos);
}

TEST(Report, GoldenDeadlineList) {
  // Dates as the clerk writes them (dd/mm/yyyy) or as ISO: the same.
  const auto result = vanban_here(std::string("deadlines ") + kRegister + " --as-of 15/10/2024 --within 3");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  expect_golden("deadlines-2024-10-15.txt", result.out);
  // Most overdue first.
  std::vector<long> late;
  const std::regex overdue("quá hạn ([0-9]+) ngày");
  for (std::sregex_iterator it(result.out.begin(), result.out.end(), overdue), end; it != end; ++it)
    late.push_back(std::stol((*it)[1]));
  ASSERT_GE(late.size(), 4U);
  for (std::size_t i = 1; i < late.size(); ++i) EXPECT_LE(late[i], late[i - 1]);
  // One officer's cases only.
  const auto nga = vanban_here(std::string("deadlines ") + kRegister + " --as-of 2024-10-15 --officer CHV-1190");
  EXPECT_EQ(nga.exit_code, 0);
  EXPECT_NE(nga.out.find("TK-008"), std::string::npos);
  EXPECT_EQ(nga.out.find("TK-001"), std::string::npos);
}

TEST(Report, CsvStartsWithABomAndJsonParses) {
  const auto csv = vanban_here(std::string("report ") + kRegister + " --year 2024 --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.out.find("Tổng số,1,8000000,6,16500000"), std::string::npos) << csv.out.substr(0, 400);
  EXPECT_NE(csv.out.find(",\"50,00\",\"46,67\",\"53,33\"\r\n"), std::string::npos);

  const auto json = vanban_here(std::string("report ") + kRegister + " --year 2024 --target-cases 47,5 --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto root = Poco::JSON::Parser().parse(json.out).extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(root->getValue<std::string>("regime"), "tt-05-2024");
  const auto figures = root->getObject("total")->getObject("figures");
  EXPECT_EQ(figures->getObject("xong")->getValue<Poco::Int64>("cases"), 3);
  EXPECT_EQ(figures->getObject("xong")->getValue<Poco::Int64>("money"), 10'500'000);
  const auto rate = root->getObject("total")->getObject("rates")->getObject("ty-le-viec");
  EXPECT_EQ(rate->getValue<std::string>("percent"), "50,00");
  EXPECT_EQ(rate->getValue<std::string>("difference"), "2,50");

  const auto due = vanban_here(std::string("deadlines ") + kRegister + " --as-of 2024-10-15 --format json");
  ASSERT_EQ(due.exit_code, 0) << due.err;
  const auto items = Poco::JSON::Parser().parse(due.out).extract<Poco::JSON::Object::Ptr>()->getArray("items");
  ASSERT_GT(items->size(), 3U);
  EXPECT_EQ(items->getObject(0)->getValue<std::string>("step"), "destruction-council");
  EXPECT_EQ(items->getObject(0)->getValue<std::string>("template"), "qd-hoi-dong-tieu-huy");
}

TEST(Report, TheBaoCaoIsAPdfA1bDocument) {
  const auto dir = test::scratch_dir("report_pdf");
  const auto pdf = dir / "bao-cao.pdf";
  const std::string arguments = std::string("report ") + kRegister +
                                " --year 2024 --target-cases 47,5 --target-money 50 --format pdf --date 05/10/2024 -o ";
  const auto result = vanban_here(arguments + quote(pdf.string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(test::run("qpdf --check " + quote(pdf.string())).exit_code, 0);
  const std::string text = test::flat(test::run("pdftotext -enc UTF-8 " + quote(pdf.string()) + " -").out);
  // The form's unconfirmed column numbers are the clerk's to know (a warning), not text on the signed page.
  EXPECT_NE(result.err.find("[W0907] số hiệu cột của biểu 01/TKLN-THADS"), std::string::npos) << result.err;
  EXPECT_EQ(text.find("chưa được đối chiếu"), std::string::npos) << text;
  for (const char* phrase :
       {"BÁO CÁO", "/BC-CCTHADS", "Thường Xuân, ngày 05 tháng 10 năm 2024",
        "đã ban hành 6 quyết định thi hành án, trong đó 3 quyết định thi hành án chủ động, 3 quyết định thi hành án "
        "theo yêu cầu",
        "tương ứng số tiền 24 triệu 500 nghìn đồng", "đạt 50,00 %, vượt 2,50 % so với chỉ tiêu 47,50 %",
        "Tỷ lệ thi hành xong về việc theo chấp hành viên (%)", "Chỉ tiêu 47,50 %", "Nơi nhận:", "CHI CỤC TRƯỞNG",
        "Lê Thị Thu Hằng",
        // The agency above the Chi cục and the procuracy of its level, named (no procuracy configured here).
        "- Cục Thi hành án dân sự tỉnh Thanh Hóa;", "- Viện kiểm sát nhân dân huyện Thường Xuân, tỉnh Thanh Hóa;"})
    EXPECT_NE(text.find(phrase), std::string::npos) << phrase << "\n" << text;
  for (const char* unnamed : {"cấp trên", "cùng cấp"}) EXPECT_EQ(text.find(unnamed), std::string::npos) << text;
  // The figures table crosses a page: its header row repeats.
  const auto pages = std::stoi(test::run("pdfinfo " + quote(pdf.string()) + " | awk '/^Pages:/ {print $2}'").out);
  EXPECT_GE(pages, 2);
  std::size_t headers = 0;
  for (std::size_t at = text.find("Tiền (đồng)"); at != std::string::npos; at = text.find("Tiền (đồng)", at + 1))
    ++headers;
  EXPECT_GE(headers, 2U) << text;
  EXPECT_EQ(test::preflight_problems({pdf}, dir), "");
  // Looked at as PNG (the pages are written for a person to open).
  EXPECT_EQ(test::run("pdftoppm -png -r 60 " + quote(pdf.string()) + " " + quote((dir / "page").string())).exit_code,
            0);
  EXPECT_TRUE(std::filesystem::exists(dir / "page-1.png"));
  // The same input gives the same bytes.
  const auto again = dir / "again.pdf";
  ASSERT_EQ(vanban_here(arguments + quote(again.string())).exit_code, 0);
  EXPECT_EQ(test::read_text(pdf), test::read_text(again));
}

// The BÁO CÁO goes to the agency above the office, named: an office whose superior is not known (a Chi cục without its
// Cục) is refused, naming what to write, and no PDF is written.
TEST(Report, TheBaoCaoNamesTheAgencyAboveOrIsRefused) {
  const auto dir = test::scratch_dir("report_superior");
  std::string xml = test::read_text(test::source_dir() / kRegister);
  for (auto at = xml.find("<parent>"); at != std::string::npos; at = xml.find("<parent>"))
    xml.erase(at, xml.find("</parent>", at) + std::string("</parent>").size() - at);
  const auto orphan = dir / "so-thong-ke.xml";
  test::write_text(orphan, xml);
  const auto pdf = dir / "bao-cao.pdf";
  const auto result = vanban_here("report " + quote(orphan.string()) +
                                  " --year 2024 --date 05/10/2024 --format pdf -o " + quote(pdf.string()));
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("[E0908] chưa xác định được cơ quan thi hành án cấp trên nhận Báo cáo"), std::string::npos)
      << result.err;
  EXPECT_FALSE(std::filesystem::exists(pdf));
}

// A report dated after the 2025 reorganisation is not issued by a case's Chi cục (E0320, naming what exists instead),
// as a document is not.
TEST(Report, TheIssuerExistsOnTheReportsDate) {
  const auto pdf = test::scratch_dir("report_issuer") / "bao-cao.pdf";
  const auto result = vanban_here(std::string("report ") + kRegister +
                                  " --year 2026 --date 05/10/2026 --format pdf -o " + quote(pdf.string()));
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("[E0320] cơ quan \"CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN THƯỜNG XUÂN\" không có vào"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("Phòng Thi hành án dân sự khu vực"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(pdf));
}

TEST(Report, TheDeadlineListAsPdf) {
  const auto dir = test::scratch_dir("deadlines_pdf");
  const auto pdf = dir / "danh-sach.pdf";
  const auto result =
      vanban_here(std::string("deadlines ") + kRegister + " --as-of 2024-10-15 --format pdf -o " + quote(pdf.string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string text = test::flat(test::run("pdftotext -enc UTF-8 " + quote(pdf.string()) + " -").out);
  EXPECT_NE(text.find("BÁO CÁO Các việc đến hạn, quá hạn ngày 15/10/2024"), std::string::npos) << text;
  // Table cells come out of pdftotext interleaved, word by word.
  for (const char* word : {"491", "TK-001", "qd-hoi-dong-tieu-huy", "12/6/2023", "Phạm"})
    EXPECT_NE(text.find(word), std::string::npos) << word << "\n" << text;
  EXPECT_EQ(test::preflight_problems({pdf}, dir), "");
}

// Issue 18m: the list is streamed into the file given with -o (never held whole): the same bytes as on standard output
// for each format; a write that fails midway (the file size limit) leaves the old file as it was and no temporary.
TEST(Report, TheDeadlineListToAFileIsWholeOrNone) {
  const auto dir = test::scratch_dir("deadlines_output");
  const auto out = dir / "danh-sach";
  for (const char* format : {"text", "csv", "json"}) {
    const std::string arguments = std::string("deadlines ") + kRegister + " --as-of 2024-10-15 --format " + format;
    const auto printed = vanban_here(arguments);
    ASSERT_EQ(printed.exit_code, 0) << printed.err;
    std::filesystem::remove(out);
    const auto written = vanban_here(arguments + " -o " + quote(out.string()));
    ASSERT_EQ(written.exit_code, 0) << written.err;
    EXPECT_EQ(written.out, "");
    EXPECT_EQ(test::read_text(out), printed.out) << format;
    EXPECT_EQ(vanban_here(arguments + " -o -").out, printed.out) << format;
    // Past 1 KB (two 512-byte blocks) the writes fail (SIGXFSZ ignored: EFBIG), after the first bytes went out.
    ASSERT_GT(printed.out.size(), 2048U) << format;
    test::write_text(out, "danh sách cũ\n");
    const auto cut =
        test::run("cd " + quote(test::source_dir().string()) + " && ulimit -f 2 && trap '' XFSZ && " +
                  quote(test::binary().string()) + " --resources . " + arguments + " -o " + quote(out.string()));
    EXPECT_EQ(cut.exit_code, 3) << format << ": " << cut.err;
    EXPECT_NE(cut.err.find("E0803"), std::string::npos) << cut.err;
    EXPECT_EQ(test::read_text(out), "danh sách cũ\n") << format;
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
    EXPECT_EQ(files, 1U) << format << ": a temporary file was left";
  }
}

// The text of one entry of the xlsx (a zip), through unzip.
std::string unzip_entry(const std::filesystem::path& xlsx, const std::string& entry) {
  const auto result = test::run("unzip -p " + quote(xlsx.string()) + " " + quote(entry));
  EXPECT_EQ(result.exit_code, 0) << "unzip " << entry << ": " << result.err;
  return result.out;
}

TEST(Report, TheWorkbookHasTheFormsColumnsWithFormulas) {
  const auto dir = test::scratch_dir("report_xlsx");
  const auto xlsx = dir / "bao-cao.xlsx";
  const std::string arguments =
      std::string("report ") + kRegister + " --year 2024 --by officer --format xlsx --date 2024-10-05 -o ";
  const auto result = vanban_here(arguments + quote(xlsx.string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string strings = unzip_entry(xlsx, "xl/sharedStrings.xml");
  for (const char* label : {"1. Cũ chuyển sang (việc)", "8. Tổng số phải thi hành (tiền, đồng)", "Lò Thị Nga",
                            "Phạm Quốc Khánh", "Tổng số"})
    EXPECT_NE(strings.find(label), std::string::npos) << label;
  const std::string sheet = unzip_entry(xlsx, "xl/worksheets/sheet1.xml");
  // Rows 5 and 6 are the officers, row 7 the total; column c of the form is việc in 1 + 2c (B, D, F, …), tiền next to
  // it. "moi" (c = 1, D) is "moi-chu-dong" (F) + "moi-theo-yeu-cau" (H) of its row, with its value.
  EXPECT_NE(sheet.find("<c r=\"D5\" s=\"2\"><f>F5+H5</f><v>3</v></c>"), std::string::npos) << sheet.substr(0, 3000);
  // The total line sums the officers: its "cu" việc (B) is 1, its tiền (C) 8.000.000.
  EXPECT_NE(sheet.find("<f>SUM(B5:B6)</f><v>1</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<f>SUM(C5:C6)</f><v>8000000</v>"), std::string::npos);
  // "phai-thi-hanh" (c = 7: P, Q) = tong-thu-ly (J, K) − uy-thac (L, M) − thu-hoi (N, O).
  EXPECT_NE(sheet.find("<f>J7-L7-N7</f><v>7</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<f>K7-M7-O7</f><v>24500000</v>"), std::string::npos);
  // The rates: xong (T, U) ÷ có điều kiện (R, S), rounded to two decimals.
  EXPECT_NE(sheet.find("<f>IF(R7=0,0,ROUND(T7/R7*100,2))</f><v>50</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<f>IF(S7=0,0,ROUND(U7/S7*100,2))</f><v>46.67</v>"), std::string::npos);
  // Same input, same bytes (the creation date is the report's, never the clock).
  const auto again = dir / "again.xlsx";
  ASSERT_EQ(vanban_here(arguments + quote(again.string())).exit_code, 0);
  EXPECT_EQ(test::read_text(xlsx), test::read_text(again));
  EXPECT_FALSE(std::filesystem::exists(dir / "bao-cao.xlsx.tmp-xlsx"));
}

TEST(Report, UsageErrorsNameTheOption) {
  const auto backwards = vanban_here(std::string("report ") + kRegister + " --from 2024-09-30 --to 2024-01-01");
  EXPECT_EQ(backwards.exit_code, 2);
  EXPECT_NE(backwards.err.find("--to \"2024-01-01\" trước --from"), std::string::npos) << backwards.err;
  const auto target = vanban_here(std::string("report ") + kRegister + " --year 2024 --target-cases 120");
  EXPECT_EQ(target.exit_code, 2);
  EXPECT_NE(target.err.find("--target-cases \"120\""), std::string::npos) << target.err;
  const auto money = vanban_here(std::string("report ") + kRegister + " --year 2024 --target-money -3");
  EXPECT_EQ(money.exit_code, 2);
  const auto months = vanban_here(std::string("report ") + kRegister + " --year 2024 --months 9");
  EXPECT_EQ(months.exit_code, 2);
  EXPECT_NE(months.err.find("--months"), std::string::npos);
  const auto no_period = vanban_here(std::string("report ") + kRegister);
  EXPECT_EQ(no_period.exit_code, 2);
  const auto pdf_without_output = vanban_here(std::string("report ") + kRegister + " --year 2024 --format pdf");
  EXPECT_EQ(pdf_without_output.exit_code, 2);
  const auto no_as_of = vanban_here(std::string("deadlines ") + kRegister);
  EXPECT_EQ(no_as_of.exit_code, 2);
  EXPECT_NE(no_as_of.err.find("--as-of"), std::string::npos);
  const auto xlsx_deadlines =
      vanban_here(std::string("deadlines ") + kRegister + " --as-of 2024-10-15 --format xlsx -o x.xlsx");
  EXPECT_EQ(xlsx_deadlines.exit_code, 2);
}

TEST(Report, CasesThatFailValidationGetTheirDiagnosticsAndNoReport) {
  const auto dir = test::scratch_dir("report_bad");
  std::string xml = test::read_text(test::source_dir() / kRegister);
  xml.replace(xml.find("date=\"2024-02-01\" signer"), 17, "date=\"2024-02-30\"");
  const auto bad = dir / "so.xml";
  test::write_text(bad, xml);
  const auto result = test::vanban("report " + quote(bad.string()) + " --year 2024");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find(bad.string() + ":"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("[E0205]"), std::string::npos) << result.err;
  const auto due = test::vanban("deadlines " + quote(bad.string()) + " --as-of 2024-10-15");
  EXPECT_EQ(due.exit_code, 1);
  EXPECT_EQ(due.out, "");
}

// The register without <agency> and <officers> in any case: they come from the office profile.
std::filesystem::path bare_register(const std::filesystem::path& dir) {
  std::string xml = test::read_text(test::source_dir() / kRegister);
  xml = std::regex_replace(xml, std::regex("<agency>.*?</agency>|<officers>.*?</officers>"), "");
  const auto path = dir / "so-khong-co-can-bo.xml";
  test::write_text(path, xml);
  return path;
}

// An office profile renamed by the 2025 reorganisation (01/07/2025), with its head, one chấp hành viên and the
// procuracy its reports go to.
std::filesystem::path office_config(const std::filesystem::path& dir) {
  const auto path = dir / "vanban.conf";
  test::write_text(path,
                   "[office]\n"
                   "place = \"Thường Xuân\"\n"
                   "procuracy = \"Viện kiểm sát nhân dân khu vực 7 - Thanh Hóa\"\n"
                   "[[office.names]]\n"
                   "name = \"CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN THƯỜNG XUÂN\"\n"
                   "code = \"CCTHADS\"\n"
                   "until = 2025-06-30\n"
                   "[[office.names]]\n"
                   "parent = \"THI HÀNH ÁN DÂN SỰ TỈNH THANH HÓA\"\n"
                   "name = \"PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 7 - THANH HÓA\"\n"
                   "code = \"PTHADS\"\n"
                   "from = 2025-07-01\n"
                   "[[office.officers]]\n"
                   "id = \"truong\"\n"
                   "name = \"Lê Thị Thu Hằng\"\n"
                   "position = \"Trưởng Thi hành án dân sự tỉnh\"\n"
                   "[[office.officers]]\n"
                   "id = \"chv\"\n"
                   "name = \"Phạm Quốc Khánh\"\n"
                   "position = \"Chấp hành viên\"\n"
                   "card = \"CHV-1187\"\n");
  return path;
}

TEST(Report, CasesWithoutAgencyAndOfficersTakeThemFromTheOfficeProfile) {
  const auto dir = test::scratch_dir("report_office");
  const auto bare = bare_register(dir);
  const auto config = office_config(dir);
  const std::string with_config = " --config " + quote(config.string());

  // The same figures as with the cases' own; every case is the profile's one chấp hành viên's.
  const auto text = test::vanban("report " + quote(bare.string()) + " --year 2024 --by officer" + with_config);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  const auto golden = test::read_text(test::source_dir() / "tests/e2e/report/report-2024.txt");
  const auto table = [](const std::string& report) {
    const auto from = report.find("   1  Cũ chuyển sang");
    return report.substr(from, report.find("\n\n", from) - from);
  };
  EXPECT_EQ(table(text.out), table(golden));
  EXPECT_NE(text.out.find("\nPhạm Quốc Khánh\n"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("Lò Thị Nga"), std::string::npos) << text.out;

  // The BÁO CÁO speaks for the office under the name it has on the report's date, and goes to its procuracy.
  const auto pdf = dir / "bao-cao.pdf";
  const auto made = test::vanban("report " + quote(bare.string()) + " --year 2024 --format pdf --date 05/10/2025 -o " +
                                 quote(pdf.string()) + with_config);
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string printed = test::flat(test::run("pdftotext -enc UTF-8 " + quote(pdf.string()) + " -").out);
  for (const char* phrase :
       {"PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 7", "/BC-PTHADS", "Thường Xuân, ngày 05 tháng 10 năm 2025",
        "Viện kiểm sát nhân dân khu vực 7", "Lê Thị Thu Hằng"})
    EXPECT_NE(printed.find(phrase), std::string::npos) << phrase << "\n" << printed;
  EXPECT_EQ(printed.find("CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN THƯỜNG XUÂN"), std::string::npos) << printed;

  // What is due names the profile's officer, and --officer finds the cases by the profile's card number.
  const auto due =
      test::vanban("deadlines " + quote(bare.string()) + " --as-of 15/10/2024 --officer CHV-1187" + with_config);
  ASSERT_EQ(due.exit_code, 0) << due.err;
  EXPECT_NE(due.out.find("| TK-008 | Bùi Văn Quý | Thông báo quyết định thi hành án"), std::string::npos) << due.out;
  EXPECT_NE(due.out.find("| Phạm Quốc Khánh"), std::string::npos) << due.out;
}

TEST(Report, CasesWithoutOfficersAndNoOfficeProfileAreRefusedWithTheirPosition) {
  const auto dir = test::scratch_dir("report_no_office");
  const auto bare = bare_register(dir);
  const auto empty = dir / "trong.conf";
  test::write_text(empty, "");
  for (const std::string& command :
       std::vector<std::string>{"report " + quote(bare.string()) + " --year 2024",
                                "deadlines " + quote(bare.string()) + " --as-of 15/10/2024"}) {
    const auto result = test::vanban(command + " --config " + quote(empty.string()));
    EXPECT_EQ(result.exit_code, 1) << command;
    EXPECT_EQ(result.out, "") << command;
    EXPECT_NE(result.err.find(bare.string() + ":5:"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("[E0317]"), std::string::npos) << result.err;
  }
}

}  // namespace
}  // namespace vanban
