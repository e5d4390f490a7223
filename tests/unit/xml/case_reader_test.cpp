#include "xml/case_reader.hpp"

#include <gtest/gtest.h>

#include "support/paths.hpp"

namespace vanban::xml {
namespace {

std::optional<model::Register> read(const std::string& text, Diagnostics& diagnostics) {
  return read_register(text, make_file_name("case.xml"), ReadOptions{}, diagnostics);
}

const char* kMinimal = R"(<?xml version="1.0" encoding="UTF-8"?>
<case xmlns="urn:vanban:case:1" id="C1">
  <agency><name>CHI CỤC A</name><code>CCTHADS</code><place>Quỳ Hợp</place></agency>
  <officers><officer id="h" position="Chi cục trưởng">Hoàng  Minh   Đức</officer></officers>
  <judgments><judgment id="j" kind="Bản án" number="1/2024/HS-ST" date="2024-01-02" court="Tòa án nhân dân huyện A"/></judgments>
  <parties><person id="p" role="debtor"><name>Vie&#x323;&#x302;t</name><gender>female</gender></person></parties>
  <obligations><obligation id="o" kind="fine" debtor="p" judgment="j"><text>Phạt</text><amount>15000000</amount></obligation></obligations>
  <enforcement mode="ex-officio" officer="h"/>
</case>
)";

TEST(CaseReader, ReadsEverySampleCase) {
  for (const auto& path : test::all_sample_cases()) {
    Diagnostics diagnostics;
    const auto cases = read_register(test::read_text(path), make_file_name(path.string()), ReadOptions{}, diagnostics);
    EXPECT_TRUE(cases.has_value()) << path << "\n" << diagnostics.to_string();
    EXPECT_EQ(diagnostics.error_count(), 0U) << diagnostics.to_string();
  }
}

TEST(CaseReader, BuildsTheTypedCaseWithNormalizedText) {
  Diagnostics diagnostics;
  const auto cases = read(kMinimal, diagnostics);
  ASSERT_TRUE(cases) << diagnostics.to_string();
  const model::Case& c = cases->cases.at(0);
  EXPECT_EQ(c.id, "C1");
  EXPECT_EQ(c.officers.at(0).name.value, "Hoàng Minh Đức");
  EXPECT_EQ(c.parties.at(0).name.value, "Việt");  // NFC
  EXPECT_EQ(c.parties.at(0).gender, model::Gender::female);
  EXPECT_EQ(c.obligations.at(0).amount->dong, 15000000);
  EXPECT_EQ(c.parties.at(0).name.loc.to_string(), "case.xml:6:47");
}

struct BadCase {
  const char* name;
  std::string text;
  const char* expected;  ///< the first diagnostic, formatted
};

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

class BadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadInput, IsRejectedWithPosition) {
  Diagnostics diagnostics;
  EXPECT_FALSE(read(GetParam().text, diagnostics).has_value());
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_EQ(format_diagnostic(diagnostics.list().front()), GetParam().expected) << diagnostics.to_string();
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadInput,
    ::testing::Values(
        BadCase{"empty", "", "case.xml: error: [E0101] tệp rỗng, không có dữ liệu hồ sơ"},
        BadCase{"truncated", std::string(kMinimal).substr(0, std::string(kMinimal).find("<obligations>")),
                "case.xml:7:3: error: [E0102] XML không hợp lệ: tệp kết thúc giữa chừng, các thẻ chưa được đóng (tệp bị "
                "cắt cụt?)"},
        BadCase{"doctype",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">]>\n<case xmlns=\"urn:vanban:case:1\"/>",
                "case.xml:2:11: error: [E0105] không chấp nhận khai báo DOCTYPE (thực thể và DTD bị cấm vì lý do an "
                "toàn)"},
        BadCase{"not utf-8", "<case>Ninh B\xD7nh</case>",
                "case.xml:1:13: error: [E0103] tệp không phải UTF-8 (có thể là TCVN3, VNI hoặc Windows-1258)"},
        BadCase{"wrong namespace", replace(kMinimal, "urn:vanban:case:1", "urn:other"),
                "case.xml:2:14: error: [E0108] không gian tên phải là \"urn:vanban:case:1\", không phải \"urn:other\""},
        BadCase{"dangling debtor", replace(kMinimal, "debtor=\"p\"", "debtor=\"p9\""),
                "case.xml:7:16: error: [E0208] thuộc tính debtor=\"p9\" không trỏ tới đương sự nào trong hồ sơ"},
        BadCase{"impossible date", replace(kMinimal, "2024-01-02", "2024-02-30"),
                "case.xml:5:73: error: [E0205] ngày \"2024-02-30\" không phải là ngày hợp lệ (dạng YYYY-MM-DD)"},
        BadCase{"amount with separators", replace(kMinimal, "15000000", "15.000.000"),
                "case.xml:7:96: error: [E0206] số tiền \"15.000.000\" không hợp lệ: phải là số nguyên đồng không "
                "âm, không có dấu phân cách, nhỏ hơn 10^15"},
        BadCase{"missing agency name", replace(kMinimal, "<name>CHI CỤC A</name>", ""),
                "case.xml:3:3: error: [E0201] thiếu phần tử bắt buộc <name> trong <agency>"},
        BadCase{"no debtor", replace(kMinimal, "role=\"debtor\"", "role=\"creditor\""),
                "case.xml:2:1: error: [E0301] hồ sơ phải có ít nhất một người phải thi hành án (role=\"debtor\")"}),
    [](const auto& param_info) {
      std::string name = param_info.param.name;
      for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

TEST(CaseReader, ReportsEveryProblemInOneRun) {
  std::string text = replace(kMinimal, "debtor=\"p\"", "debtor=\"x\"");
  text = replace(text, "2024-01-02", "2024-99-99");
  text = replace(text, "kind=\"fine\"", "kind=\"bribe\"");
  Diagnostics diagnostics;
  EXPECT_FALSE(read(text, diagnostics).has_value());
  EXPECT_EQ(diagnostics.error_count(), 3U) << diagnostics.to_string();
}

}  // namespace
}  // namespace vanban::xml
