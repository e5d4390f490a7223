// What a chấp hành viên signs unedited in the documents addressed to the debtor (issue 19): the payment instruction
// names the office's account, a time limit not yet confirmed against the official text is flagged for review, the
// persuasion letter speaks to its reader; and the smaller points of presentation a clerk would otherwise fix.

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>

#include "pipeline/engine.hpp"
#include "support/office.hpp"
#include "support/paths.hpp"
#include "support/printed.hpp"

namespace vanban {
namespace {

using test::omits;
using test::print;
using test::refused;
using test::says;

using test::engine_with;

// An office without a configuration file.
const pipeline::Engine& unconfigured() { return test::unconfigured_engine(); }

// The sample office, having checked the 2025 law's voluntary period and complaint limit against its text.
const pipeline::Engine& confirmed() {
  static const auto engine = [] {
    model::OfficeProfile office = test::sample_office();
    office.confirmed_limits = {"luat-2025/voluntary-period", "luat-2025/complaint"};
    return engine_with(std::move(office));
  }();
  return *engine;
}

bool warns(const test::Printed& printed, const std::string& code) {
  return printed.diagnostics.find("[" + code + "]") != std::string::npos;
}

// Under the 2025 law the decision tells the debtor where to pay: the office's account and bank, from the office
// profile; without one in the configuration file the decision is not drafted, and the message names the key.
TEST(Payment, TheNewRegimesInstructionNamesTheOfficesAccount) {
  const auto decision = print("che-do-moi-dinh-danh", "qd-tha-chu-dong");
  ASSERT_FALSE(decision.text.empty()) << decision.diagnostics;
  says(decision, {"hoặc nộp vào tài khoản số 3949.0.1055735.00000 của Cơ quan thi hành án dân sự tại Kho bạc Nhà "
                  "nước khu vực XI."});
  omits(decision, {"nộp qua tài khoản của cơ quan thi hành án dân sự"});
  const auto notice = print("che-do-moi-dinh-danh", "thong-bao-tha");
  says(notice, {"nộp vào tài khoản số 3949.0.1055735.00000"});
  const auto bare = print("che-do-moi-dinh-danh", "qd-tha-chu-dong", {}, std::nullopt, {}, unconfigured());
  refused(bare, "[office.account] với number (số tài khoản), holder (chủ tài khoản) và bank (nơi mở tài khoản)");
  // Under the 2008 law the decision carries no payment instruction: no configuration needed.
  const auto old = print("chu-dong-ma-tuy", "qd-tha-chu-dong", {}, std::nullopt, {}, unconfigured());
  EXPECT_FALSE(old.text.empty()) << old.diagnostics;
}

// The 2025 law's voluntary period is UNCONFIRMED in rules/law.xml: a document that prints it warns (W0331) until the
// office confirms it in its configuration file; the 2008 law's period is confirmed and never warns.
TEST(Payment, AnUnconfirmedVoluntaryPeriodWarnsUntilTheOfficeConfirmsIt) {
  const auto decision = print("che-do-moi-dinh-danh", "qd-tha-chu-dong");
  ASSERT_FALSE(decision.text.empty()) << decision.diagnostics;
  EXPECT_TRUE(warns(decision, "W0331")) << decision.diagnostics;
  EXPECT_NE(decision.diagnostics.find("\"luat-2025/voluntary-period\" trong confirmed_limits của [office]"),
            std::string::npos)
      << decision.diagnostics;
  EXPECT_NE(decision.diagnostics.find("rules/law.xml:"), std::string::npos) << decision.diagnostics;
  const auto reviewed = print("che-do-moi-dinh-danh", "qd-tha-chu-dong", {}, std::nullopt, {}, confirmed());
  ASSERT_FALSE(reviewed.text.empty()) << reviewed.diagnostics;
  EXPECT_FALSE(warns(reviewed, "W0331")) << reviewed.diagnostics;
  EXPECT_EQ(reviewed.text, decision.text);  // the warning is for review: the text stays
  const auto old = print("chu-dong-ma-tuy", "qd-tha-chu-dong");
  ASSERT_FALSE(old.text.empty()) << old.diagnostics;
  EXPECT_FALSE(warns(old, "W0331")) << old.diagnostics;
}

// A deduction from an account or from income is paid into the office's account (the configuration's), unless the
// decision names another; without either it is not drafted.
TEST(Payment, ADeductionIsPaidIntoTheOfficesAccount) {
  const auto account = print("khau-tru-thu-nhap", "qd-khau-tru-tai-khoan");
  says(account, {"chuyển số tiền đã khấu trừ vào tài khoản số 3949.0.1055735.00000 của Cơ quan thi hành án dân sự tại "
                 "Kho bạc Nhà nước khu vực XI"});
  const auto income = print("khau-tru-thu-nhap", "qd-tru-thu-nhap", {{"truong-hop", "khac"}});
  says(income, {"chuyển số tiền đã trừ vào tài khoản số 3949.0.1055735.00000"});
  const auto named = print("khau-tru-thu-nhap", "qd-khau-tru-tai-khoan", {{"tai-khoan-nhan", "tài khoản số 1"}});
  says(named, {"chuyển số tiền đã khấu trừ vào tài khoản số 1 ("});
  refused(print("khau-tru-thu-nhap", "qd-khau-tru-tai-khoan", {}, std::nullopt, {}, unconfigured()),
          "[office.account]");
}

// The persuasion letter speaks to its reader: "bà" for a woman (never "ông/bà", never "người phải thi hành án"), the
// date to pay by (the end of the voluntary period, else as long again from the letter's date; or the one given),
// where to pay (the office's account) and whom to call.
TEST(Letter, SpeaksToItsReaderWithADateToPayByAndWhereToPay) {
  const auto letter = print("hoan-dong-y", "thu-van-dong");
  ASSERT_FALSE(letter.text.empty()) << letter.diagnostics;
  says(letter, {"Kính gửi: Bà Ka Huệ", "thi hành Quyết định thi hành án số 615/QĐ-CCTHADS",
                "đối với bà, theo Bản án số 46/2024/DS-ST",
                "Thời hạn tự nguyện thi hành án đã kết thúc ngày 25 tháng 7 năm 2024 nhưng bà chưa thi hành xong.",
                "Đề nghị bà tự nguyện nộp đủ số tiền trên trước ngày 22 tháng 8 năm 2024",
                "nộp vào tài khoản số 3949.0.1055735.00000 của Cơ quan thi hành án dân sự tại Kho bạc Nhà nước",
                "đề nghị bà liên hệ Chấp hành viên Phan Đức Thịnh", "điện thoại: 0263 3870 118",
                "Rất mong nhận được sự hợp tác của bà./.", "thỏa thuận với bà Trần Thị Bích Ngọc về thời gian"});
  omits(letter, {"ông/bà", "người phải thi hành án tự nguyện", "người phải thi hành án có điều kiện",
                 "người phải thi hành án được"});
  const auto given = print("hoan-dong-y", "thu-van-dong", {{"han", "2024-08-31"}});
  says(given, {"Đề nghị bà tự nguyện nộp đủ số tiền trên trước ngày 31 tháng 8 năm 2024"});
  // Without the debtor's gender the letter names her, with no honorific.
  const auto unknown = print("hoan-dong-y", "thu-van-dong", {}, std::nullopt, [](std::string& xml) {
    test::replace(xml, "<name>Ka Huệ</name>\n      <birth-year>1986</birth-year>\n      <gender>female</gender>",
                  "<name>Ka Huệ</name>\n      <birth-year>1986</birth-year>");
  });
  says(unknown, {"Kính gửi: Ka Huệ", "Đề nghị Ka Huệ tự nguyện nộp", "sự hợp tác của Ka Huệ./."});
  omits(unknown, {"bà tự nguyện", "ông/bà"});
  // Without the office's account in the configuration file a letter under the 2025 law is not drafted; under the
  // 2008 law it names the office's premises only.
  refused(print("che-do-moi-dinh-danh", "thu-van-dong", {}, std::nullopt, {}, unconfigured()), "[office.account]");
  const auto premises = print("hoan-dong-y", "thu-van-dong", {}, std::nullopt, {}, unconfigured());
  says(premises, {"Tiền thi hành án nộp tại trụ sở Chi cục Thi hành án dân sự huyện Di Linh, Số 22 đường Nguyễn Văn "
                  "Trỗi, thị trấn Di Linh, huyện Di Linh, tỉnh Lâm Đồng. "});
  omits(premises, {"tài khoản số"});
}

// The letter fits one page: the office's premises are said once (where to pay), the date to pay by follows the sum
// owed in its paragraph; the letter of a Phòng khu vực (a long agency name and address) ran onto a second page with a
// quarter of the first left empty.
TEST(Letter, FitsOnePage) {
  const auto file = test::shared_cases_dir() / "che-do-moi-2026.xml";
  if (!test::have_shared_cases()) GTEST_SKIP() << "no shared cases";
  Diagnostics diagnostics;
  const auto cases = test::read_example(file.string(), diagnostics);
  ASSERT_TRUE(cases) << diagnostics.to_string();
  pipeline::RenderOptions options;
  options.template_name = "thu-van-dong";
  options.today = *model::Date::parse_iso("2024-10-15");
  const auto dump = test::shared_engine().layout_dump(cases->cases.front(), options, diagnostics);
  ASSERT_TRUE(dump) << diagnostics.to_string();
  EXPECT_EQ(dump->rfind("pages 1 ", 0), 0u) << *dump;
  EXPECT_NE(dump->find("Phòng Thi hành án dân sự khu vực"), std::string::npos);
  const auto letter = print(file.string(), "thu-van-dong");
  EXPECT_EQ(letter.text.find("trụ sở Phòng Thi hành án dân sự khu vực 9"),
            letter.text.rfind("trụ sở Phòng Thi hành án dân sự khu vực 9"))
      << letter.text;
}

// State revenue has no creditor to agree with; a debtor without any asset that can be seized hears nothing of
// seizure, mortgages or auctions (child support from a wage earner).
TEST(Letter, StateRevenueAndSupportWithoutAssetsHaveTheirOwnWords) {
  const auto state = print("chu-dong-ma-tuy", "thu-van-dong");
  ASSERT_FALSE(state.text.empty()) << state.diagnostics;
  says(state, {"ông được chủ động thu xếp việc nộp tiền; không phải chịu chi phí"});
  omits(state, {"thỏa thuận", "người được thi hành án"});
  const auto support = print("cap-duong", "thu-van-dong");
  ASSERT_FALSE(support.text.empty()) << support.diagnostics;
  says(support, {"Cấp dưỡng nuôi con chung", "khấu trừ tiền trong tài khoản; trừ vào thu nhập.",
                 "thỏa thuận với bà Nguyễn Thị Hoài Thương"});
  omits(support, {"kê biên", "đấu giá", "thế chấp", "cầm cố"});
  // A debtor with a house mortgaged to the bank is asked to hand it over for sale.
  const auto mortgaged = print("theo-yeu-cau-the-chap", "thu-van-dong");
  ASSERT_FALSE(mortgaged.text.empty()) << mortgaged.diagnostics;
  says(mortgaged, {"kê biên, xử lý tài sản", "tự nguyện giao tài sản này cho Chấp hành viên để bán đấu giá"});
}

// A letter to several debtors is addressed to each, and speaks to them by name.
TEST(Letter, IsAddressedToEveryDebtorItNames) {
  const auto letter = print("theo-yeu-cau-the-chap", "thu-van-dong");
  ASSERT_FALSE(letter.text.empty()) << letter.diagnostics;
  says(letter, {"- Ông Nguyễn Hữu Phước;", "- Bà Võ Thị Ánh Tuyết.",
                "Đề nghị ông Nguyễn Hữu Phước và bà Võ Thị Ánh Tuyết tự nguyện nộp"});
  omits(letter, {"ông/bà", "người phải thi hành án tự nguyện"});
}

// ---- presentation ------------------------------------------------------------------------------------------------

// Nơi nhận is one list without a blank line: where it runs on below the signature it goes on at the next line (every
// golden layout: the recipients at 11 pt on the left, one line apart).
TEST(Presentation, NoBlankLineInsideNoiNhan) {
  static const std::regex item(R"re(^p(\d+) text ([\d.]+) ([\d.]+) R 11\.00 w=[\d.]+(?: ws=[-\d.]+)? "(.*)"$)re");
  std::size_t lists = 0;
  for (const auto& entry : std::filesystem::directory_iterator(VANBAN_GOLDEN_DIR)) {
    if (entry.path().extension() != ".layout") continue;
    std::istringstream lines(test::read_text(entry.path()));
    int page = -1;
    double previous = 0;
    for (std::string line; std::getline(lines, line);) {
      std::smatch m;
      if (!std::regex_match(line, m, item) || std::stod(m[2]) > 100) continue;  // the left column only
      const double baseline = std::stod(m[3]);
      if (std::stoi(m[1]) == page && baseline > previous) {
        EXPECT_LE(baseline - previous, 12.7) << entry.path().filename() << ": a gap before \"" << m[4] << "\"";
      }
      if (std::stoi(m[1]) != page) ++lists;
      page = std::stoi(m[1]);
      previous = baseline;
    }
  }
  EXPECT_GT(lists, 100U);
}

// An agency's upper-case name written in a sentence: the place name in title case up to a joining word, which stays
// lower case; a place after a dash is a place.
TEST(Presentation, AnAgencyNameInASentenceKeepsItsJoiningWordsLowerCase) {
  const auto joined = print("chu-dong-ma-tuy", "thu-van-dong", {}, std::nullopt, [](std::string& xml) {
    test::replace(xml, "<name>CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN THƯỜNG XUÂN</name>",
                  "<name>CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUỲ HỢP VÀ CÁC XÃ CHÂU QUANG, CHÂU ĐÌNH</name>");
  });
  says(joined, {"Chi cục Thi hành án dân sự huyện Quỳ Hợp và các xã Châu Quang, Châu Đình đang tổ chức"});
  omits(joined, {"Và", "Các xã"});
  const auto dash = print("che-do-moi-dinh-danh", "thu-van-dong", {}, std::nullopt, [](std::string& xml) {
    test::replace(xml, "<name>PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 4</name>",
                  "<name>PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 4 - QUẢNG NGÃI</name>");
  });
  says(dash, {"Phòng Thi hành án dân sự khu vực 4 - Quảng Ngãi"});
}

// One date style in a document: the template writes its dates "ngày 25 tháng 8 năm 2025", as the date line does
// (Nghị định 30/2020/NĐ-CP), never "25/8/2025".
TEST(Presentation, ADocumentWritesItsDatesInOneStyle) {
  const std::regex short_date(R"([Nn]gày \d{1,2}/\d{1,2}/\d{4}, )");
  const auto returned = print("gui-lai-yeu-cau", "tb-gui-lai-yeu-cau");
  says(returned, {"Ngày 25 tháng 8 năm 2025, Thi hành án dân sự tỉnh Thanh Hóa đã ra Quyết định"});
  const auto verified = print("gui-lai-yeu-cau", "tb-ket-qua-xac-minh");
  says(verified, {"Ngày 25 tháng 8 năm 2025, Thi hành án dân sự tỉnh Thanh Hóa đã ra Quyết định"});
  const auto collected = print("uy-thac", "tb-nhan-tien");
  says(collected, {"ngày 15 tháng 7 năm 2024, Chi cục"});
  for (const auto* printed : {&returned, &verified, &collected}) {
    ASSERT_FALSE(printed->text.empty()) << printed->diagnostics;
    EXPECT_FALSE(std::regex_search(printed->text, short_date)) << printed->text;
  }
}

// No capital after a semicolon: the second party of a list keeps its honorific lower case, an identity document's
// kind is lower case.
TEST(Presentation, NoCapitalAfterASemicolon) {
  const auto decision = print("theo-yeu-cau-the-chap", "qd-tha-theo-yeu-cau");
  ASSERT_FALSE(decision.text.empty()) << decision.diagnostics;
  says(decision, {"Cho thi hành án đối với: Ông Nguyễn Hữu Phước, sinh năm 1980; căn cước công dân số",
                  "; bà Võ Thị Ánh Tuyết, sinh năm 1983; căn cước công dân số"});
  EXPECT_FALSE(std::regex_search(decision.text, std::regex("; (Ông|Bà|Căn cước|Số định danh)"))) << decision.text;
}

// The request for an exemption is a công văn: no type name above it, its trích yếu under the number, which carries
// only the agency's ký hiệu — the title and the number agree.
TEST(Presentation, TheExemptionRequestsTitleAndNumberAgree) {
  const auto request = print("mien-giam-tien-phat", "de-nghi-mien-giam");
  ASSERT_FALSE(request.text.empty()) << request.diagnostics;
  says(request, {"Số: /CCTHADS", "V/v đề nghị xét miễn, giảm khoản tiền phạt"});
  omits(request, {"VĂN BẢN ĐỀ NGHỊ", "Về việc đề nghị"});
}

}  // namespace
}  // namespace vanban
