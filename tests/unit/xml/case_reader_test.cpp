#include "xml/case_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "model/ledger.hpp"
#include "support/paths.hpp"
#include "text/repair.hpp"
#include "xml/safe_parse.hpp"

namespace vanban::xml {
namespace {

std::shared_ptr<const CaseSchema> schema() {
  static const auto compiled =
      CaseSchema::compile(test::read_text(test::source_dir() / "schemas" / "case.xsd"), "case.xsd");
  return compiled;
}

ReadOptions with_schema() {
  ReadOptions options;
  options.schema = schema();
  return options;
}

std::optional<model::Register> read(const std::string& text, Diagnostics& diagnostics,
                                    ReadOptions options = with_schema()) {
  return read_register(text, make_file_name("case.xml"), options, diagnostics);
}

// The first error, formatted ("" when there is none).
std::string first_error(const Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics.list())
    if (diagnostic.severity == Severity::error) return format_diagnostic(diagnostic);
  return "";
}

// `count` empty elements.
std::string tiny_elements(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += "<a/>";
  return out;
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

TEST(CaseReader, ReadsEverySampleCaseCleanly) {
  // The samples validate unchanged against the schema, without a single warning.
  for (const auto& path : test::all_sample_cases()) {
    Diagnostics diagnostics;
    const auto cases = read_register(test::read_text(path), make_file_name(path.string()), with_schema(), diagnostics);
    EXPECT_TRUE(cases.has_value()) << path << "\n" << diagnostics.to_string();
    EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_string();
  }
}

// Format 1.1: refunds and the events statistics count are typed model data with their dates and documents.
TEST(CaseReader, ReadsRefundsAndEventsAsTypedData) {
  Diagnostics diagnostics;
  const auto refund =
      read(test::read_text(test::source_dir() / "examples" / "tra-lai-tam-ung-an-phi.xml"), diagnostics);
  ASSERT_TRUE(refund) << diagnostics.to_string();
  const model::Obligation& advance = refund->cases.front().obligations.front();
  EXPECT_TRUE(advance.is_refund());
  EXPECT_EQ(advance.debtor_id, "");
  EXPECT_EQ(advance.creditor_id, "nd");
  ASSERT_TRUE(advance.origin);
  EXPECT_EQ(advance.origin->kind, model::OriginKind::receipt);
  EXPECT_EQ(advance.origin->number.value, "AA/2023/0004512");
  EXPECT_EQ(advance.origin->date.to_iso(), "2023-11-02");
  EXPECT_EQ(model::enforcement_kind(advance), model::EnforcementKind::refund);

  const auto auction = read(test::read_text(test::source_dir() / "examples" / "ke-bien-dau-gia.xml"), diagnostics);
  ASSERT_TRUE(auction) << diagnostics.to_string();
  std::map<model::EventKind, std::vector<const model::Event*>> by_kind;
  for (const auto& event : auction->cases.front().enforcement.events) by_kind[event.kind].push_back(&event);
  const model::Event& secured = *by_kind[model::EventKind::secured].at(0);
  EXPECT_EQ(secured.measure, model::SecurityMeasure::stop_transfer);
  EXPECT_EQ(secured.asset_id, "dat");
  EXPECT_EQ(secured.number->value, "8");
  const model::Event& valued = *by_kind[model::EventKind::valued].at(0);
  EXPECT_EQ(valued.price, model::Money{1'050'000'000});
  EXPECT_EQ(valued.body->value, "Công ty cổ phần Thẩm định giá Hồng Hà");
  const auto& sales = by_kind[model::EventKind::auctioned];
  ASSERT_EQ(sales.size(), 2U);
  EXPECT_EQ(sales[0]->sale, model::AuctionResult::unsold);
  EXPECT_EQ(sales[1]->sale, model::AuctionResult::sold);
  EXPECT_EQ(sales[1]->price, model::Money{980'000'000});
  EXPECT_EQ(sales[1]->starting_price, model::Money{945'000'000});
  EXPECT_EQ(by_kind[model::EventKind::handed_over].at(0)->recipient->value, "Đinh Thị Mai");
  EXPECT_EQ(by_kind[model::EventKind::released].at(0)->ground, "b");

  const auto delegated = read(test::read_text(test::source_dir() / "examples" / "uy-thac.xml"), diagnostics);
  ASSERT_TRUE(delegated) << diagnostics.to_string();
  const model::Event& out = delegated->cases.front().enforcement.events.back();
  EXPECT_EQ(out.kind, model::EventKind::delegated_out);
  EXPECT_EQ(out.body->value, "Chi cục Thi hành án dân sự thành phố Vinh, tỉnh Nghệ An");
  EXPECT_TRUE(out.obligation_ids.empty());  // the whole decision

  const auto remitted = read(test::read_text(test::source_dir() / "examples" / "so-theo-doi-rieng.xml"), diagnostics);
  ASSERT_TRUE(remitted) << diagnostics.to_string();
  bool found = false;
  for (const auto& event : remitted->cases.front().enforcement.events)
    if (event.kind == model::EventKind::remission) {
      found = true;
      EXPECT_EQ(event.remission, model::RemissionKind::reduction);
      EXPECT_EQ(event.amount, model::Money{4'000'000});
      EXPECT_EQ(event.obligation_id, "k1");
    }
  EXPECT_TRUE(found);
  EXPECT_EQ(model::event_kind_code(model::EventKind::to_separate_register), "to-separate-register");
}

// The examples' events as the ledger applies them: what leaves the office's count, the separate register, a
// remission, a resumption.
TEST(CaseReader, TheExamplesEventsGiveTheLedgerItsStatus) {
  const auto example = [](const char* name) {
    Diagnostics diagnostics;
    auto cases = read(test::read_text(test::source_dir() / "examples" / name), diagnostics);
    EXPECT_TRUE(cases) << name << diagnostics.to_string();
    return std::move(cases->cases.front());
  };
  const auto day = [](const char* iso) { return *model::Date::parse_iso(iso); };
  const model::Case cancelled = example("huy-quyet-dinh.xml");
  EXPECT_TRUE(model::Ledger::of(cancelled, day("2024-06-19")).counts_for_office());
  EXPECT_EQ(model::Ledger::at_end(cancelled).result(), model::StatusResult::withdrawn);
  EXPECT_FALSE(model::Ledger::at_end(cancelled).counts_for_office());
  const model::Case delegated = example("uy-thac.xml");
  EXPECT_EQ(model::Ledger::at_end(delegated).result(), model::StatusResult::delegated);
  const model::Case returned = example("gui-lai-yeu-cau.xml");
  EXPECT_EQ(model::Ledger::at_end(returned).result(), model::StatusResult::returned);
  const model::Case separate = example("so-theo-doi-rieng.xml");
  EXPECT_TRUE(model::Ledger::of(separate, day("2020-01-01")).separate_register());
  EXPECT_FALSE(model::Ledger::at_end(separate).separate_register());
  EXPECT_EQ(model::Ledger::at_end(separate).totals().remitted, model::Money{4'000'000});
  EXPECT_EQ(model::Ledger::at_end(separate).totals().outstanding, model::Money{16'000'000});
  const model::Case resumed = example("tam-dinh-chi-pha-san.xml");
  EXPECT_EQ(model::Ledger::of(resumed, day("2024-12-31")).result(), model::StatusResult::suspended);
  EXPECT_EQ(model::Ledger::at_end(resumed).result(), model::StatusResult::in_progress);
  const model::Case sold = example("ke-bien-dau-gia.xml");
  EXPECT_EQ(model::Ledger::at_end(sold).result(), model::StatusResult::completed);
  EXPECT_TRUE(model::Ledger::of(sold, day("2024-09-09")).under_seizure("xe"));
  EXPECT_FALSE(model::Ledger::at_end(sold).under_seizure("xe"));
  EXPECT_FALSE(model::Ledger::at_end(sold).under_seizure("dat"));  // handed to the buyer
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
  EXPECT_EQ(diagnostics.to_string(),
            "case.xml:6:47: cảnh báo: [W0121] <name>: chữ viết bằng Unicode tổ hợp (NFD), đã chuyển sang dạng dựng sẵn "
            "(NFC)\n");
}

// The same text in two fields is repaired once (the reader remembers it) but warned about, and shown to the field
// check, in each field: a warning names the field it is about.
TEST(CaseReader, EveryFieldGetsItsOwnWarningsAndCheckEvenForARepeatedText) {
  std::string text = kMinimal;
  const std::string repeated = "Vie&#x323;&#x302;t&#x200B;";
  text.replace(text.find("Vie&#x323;&#x302;t"), std::string("Vie&#x323;&#x302;t").size(), repeated);
  text.replace(text.find("Quỳ Hợp"), std::string("Quỳ Hợp").size(), repeated);
  ReadOptions options = with_schema();
  std::multimap<std::string, std::string> checked;  // field → value
  options.check_field = [&](std::string_view value, const SourceLoc& loc, const std::string& field, Diagnostics&) {
    checked.emplace(field + "@" + loc.to_string(), std::string(value));
  };
  Diagnostics diagnostics;
  const auto cases = read(text, diagnostics, options);
  ASSERT_TRUE(cases) << diagnostics.to_string();
  EXPECT_EQ(cases->cases.at(0).agency.place.value, "Việt");
  EXPECT_EQ(cases->cases.at(0).parties.at(0).name.value, "Việt");
  std::map<std::string, int> warned;  // "code field" → count
  for (const auto& diagnostic : diagnostics.list())
    warned[diagnostic.code + " " + diagnostic.message.substr(0, diagnostic.message.find(':'))]++;
  EXPECT_EQ(warned, (std::map<std::string, int>{
                        {"W0121 <name>", 1}, {"W0121 <place>", 1}, {"W0122 <name>", 1}, {"W0122 <place>", 1}}))
      << diagnostics.to_string();
  EXPECT_EQ(checked.count("<place>@case.xml:3:60"), 1U);
  EXPECT_EQ(checked.count("<name>@case.xml:6:47"), 1U);
  for (const auto& [field, value] : checked) EXPECT_EQ(field.find("thuộc tính id "), std::string::npos) << field;
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
  EXPECT_EQ(first_error(diagnostics), GetParam().expected) << diagnostics.to_string();
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadInput,
    ::testing::Values(
        BadCase{"empty", "", "case.xml: lỗi: [E0101] tệp rỗng, không có dữ liệu hồ sơ"},
        BadCase{"truncated", std::string(kMinimal).substr(0, std::string(kMinimal).find("<obligations>")),
                "case.xml:7:3: lỗi: [E0102] XML không hợp lệ: tệp kết thúc giữa chừng, các thẻ chưa được đóng (tệp bị "
                "cắt cụt?)"},
        BadCase{"doctype",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">]>\n<case xmlns=\"urn:vanban:case:1\"/>",
                "case.xml:2:11: lỗi: [E0105] không chấp nhận khai báo DOCTYPE (thực thể và DTD bị cấm vì lý do an "
                "toàn)"},
        BadCase{"not utf-8", "<case>Ninh B\xD7nh</case>",
                "case.xml:1:13: lỗi: [E0103] tệp không phải UTF-8 (có thể là TCVN3, VNI hoặc Windows-1258)"},
        BadCase{"wrong namespace", replace(kMinimal, "urn:vanban:case:1", "urn:other"),
                "case.xml:2:14: lỗi: [E0108] không gian tên phải là \"urn:vanban:case:1\", không phải \"urn:other\""},
        BadCase{"dangling debtor", replace(kMinimal, "debtor=\"p\"", "debtor=\"p9\""),
                "case.xml:7:16: lỗi: [E0208] thuộc tính debtor=\"p9\" không trỏ tới đương sự nào trong hồ sơ"},
        BadCase{"impossible date", replace(kMinimal, "2024-01-02", "2024-02-30"),
                "case.xml:5:73: lỗi: [E0205] ngày \"2024-02-30\" không phải là ngày hợp lệ (dạng YYYY-MM-DD)"},
        BadCase{"amount with separators", replace(kMinimal, "15000000", "15.000.000"),
                "case.xml:7:96: lỗi: [E0206] số tiền \"15.000.000\" không hợp lệ: phải là số nguyên đồng không "
                "âm, không có dấu phân cách, nhỏ hơn 10^15"},
        BadCase{"missing agency name", replace(kMinimal, "<name>CHI CỤC A</name>", ""),
                "case.xml:3:3: lỗi: [E0201] thiếu phần tử bắt buộc <name> trong <agency>"},
        BadCase{"no debtor", replace(kMinimal, "role=\"debtor\"", "role=\"creditor\""),
                "case.xml:2:1: lỗi: [E0301] hồ sơ phải có ít nhất một người phải thi hành án (role=\"debtor\")"},
        // Hostile input: refused before any tree exists, nothing fetched.
        BadCase{"billion laughs",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol2 "
                "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n]>\n<case "
                "xmlns=\"urn:vanban:case:1\">&lol2;</case>",
                "case.xml:2:11: lỗi: [E0105] không chấp nhận khai báo DOCTYPE (thực thể và DTD bị cấm vì lý do an "
                "toàn)"},
        BadCase{"external entity",
                "<!DOCTYPE case [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><case "
                "xmlns=\"urn:vanban:case:1\">&xxe;</case>",
                "case.xml:1:11: lỗi: [E0105] không chấp nhận khai báo DOCTYPE (thực thể và DTD bị cấm vì lý do an "
                "toàn)"},
        BadCase{"undeclared entity", replace(kMinimal, "<text>Phạt</text>", "<text>Phạt &xxe;</text>"),
                "case.xml:7:82: lỗi: [E0109] tham chiếu thực thể &xxe; không được khai báo (chỉ dùng được &lt; "
                "&gt; &amp; &apos; &quot; và &#…;)"},
        BadCase{"bare ampersand", replace(kMinimal, "CHI CỤC A", "CHI CỤC A & B"),
                "case.xml:3:27: lỗi: [E0109] ký tự & phải viết là &amp; (hoặc mở đầu một tham chiếu như &lt;)"},
        BadCase{"control character", replace(kMinimal, "Phạt", "Ph\x01ạt"),
                "case.xml:7:79: lỗi: [E0110] ký tự U+0001 không được phép trong XML (ký tự điều khiển)"},
        BadCase{"character reference to a control character", replace(kMinimal, "Phạt", "Ph&#x1;ạt"),
                "case.xml:7:79: lỗi: [E0110] tham chiếu ký tự &#x1; không chỉ tới ký tự XML hợp lệ"},
        BadCase{"duplicate attribute", replace(kMinimal, "id=\"C1\"", "id=\"C1\" id=\"C2\""),
                "case.xml:2:41: lỗi: [E0102] XML không hợp lệ: thuộc tính \"id\" lặp lại trong <case>"},
        BadCase{"two roots", std::string(kMinimal) + "<case/>\n",
                "case.xml:10:1: lỗi: [E0102] XML không hợp lệ: chỉ được có một phần tử gốc"},
        BadCase{"absurd nesting",
                "<case xmlns=\"urn:vanban:case:1\">" + std::string(40, 'x') +
                    "<a><a><a><a><a><a><a>"
                    "<a><a><a><a><a><a><a><a><a><a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></"
                    "a></case>",
                "case.xml:1:118: lỗi: [E0107] các phần tử lồng nhau quá sâu (giới hạn 16 cấp)"},
        BadCase{"invalid UTF-8 in a file declared UTF-8",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<case>Vi\xE1\xBB</case>",
                "case.xml:2:9: lỗi: [E0103] tệp khai báo UTF-8 nhưng chứa chuỗi byte không hợp lệ"},
        BadCase{
            "declared Latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<case/>",
            "case.xml:1:1: lỗi: [E0104] tệp khai báo mã hóa \"ISO-8859-1\"; chỉ chấp nhận UTF-8 (hãy chuyển tệp sang "
            "UTF-8)"},
        BadCase{"UTF-16", std::string("\xFF\xFE<\0c\0/\0>\0", 10),
                "case.xml:1:1: lỗi: [E0104] tệp được mã hóa UTF-16/UTF-32; chỉ chấp nhận UTF-8"},
        // Found by the schema only.
        BadCase{"text between elements", replace(kMinimal, "<officers>", "<officers>cán bộ:"),
                "case.xml:4:13: lỗi: [E0214] <officers> chỉ chứa các phần tử con, không chứa văn bản"},
        // Beyond the schema.
        BadCase{"short CCCD",
                replace(kMinimal, "<gender>female</gender>",
                        "<gender>female</gender><id-number kind=\"CCCD\">04019000332</id-number>"),
                "case.xml:6:118: lỗi: [E0213] số CCCD \"04019000332\" phải có đúng 12 chữ số"},
        BadCase{"decision before judgment",
                replace(kMinimal, "<enforcement mode=\"ex-officio\" officer=\"h\"/>",
                        "<enforcement mode=\"ex-officio\" officer=\"h\"><decision date=\"2023-12-30\"/></enforcement>"),
                "case.xml:8:62: lỗi: [E0216] ngày quyết định thi hành án 2023-12-30 trước ngày của Bản án số "
                "1/2024/HS-ST (2024-01-02)"},
        BadCase{"born after the judgment",
                replace(kMinimal, "<gender>female</gender>", "<gender>female</gender><birth-year>2025</birth-year>"),
                "case.xml:6:107: lỗi: [E0215] năm sinh 2025 sau ngày bản án đầu tiên (2024-01-02)"}),
    [](const auto& param_info) {
      std::string name = param_info.param.name;
      for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

TEST(CaseReader, RefusesOversizedAndFloodedInputBeforeParsing) {
  ReadOptions options = with_schema();
  options.limits.max_bytes = 1000;
  Diagnostics diagnostics;
  EXPECT_FALSE(read(std::string(kMinimal) + std::string(1000, ' '), diagnostics, options));
  EXPECT_EQ(first_error(diagnostics), "case.xml: lỗi: [E0106] tệp quá lớn (1722 byte, giới hạn 1000 byte)");

  options = with_schema();
  options.limits.max_nodes = 1000;
  std::string flood = "<case xmlns=\"urn:vanban:case:1\">";
  for (int i = 0; i < 2000; ++i) flood += "<a/>";
  diagnostics = Diagnostics{};
  EXPECT_FALSE(read(flood + "</case>", diagnostics, options));
  EXPECT_EQ(first_error(diagnostics),
            "case.xml:1:4025: lỗi: [E0111] tệp có quá nhiều phần tử và thuộc tính (giới hạn 1000)");

  // Many attributes on one element (libxml2 2.9 checks duplicates in quadratic time).
  std::string crowded = "<case xmlns=\"urn:vanban:case:1\"";
  for (int i = 0; i < 1'000'000; ++i) crowded += " a" + std::to_string(i) + "=\"\"";
  diagnostics = Diagnostics{};
  EXPECT_FALSE(read(crowded + "/>", diagnostics));
  EXPECT_EQ(first_error(diagnostics), "case.xml:1:1: lỗi: [E0111] phần tử có quá nhiều thuộc tính (giới hạn 64)");

  // A million levels: the scan stops at level 17, no tree is built.
  std::string deep;
  for (int i = 0; i < 1'000'000; ++i) deep += "<a>";
  diagnostics = Diagnostics{};
  EXPECT_FALSE(read(deep, diagnostics));
  EXPECT_EQ(first_error(diagnostics), "case.xml:1:49: lỗi: [E0107] các phần tử lồng nhau quá sâu (giới hạn 16 cấp)");
}

// A case's tree is not bounded by its bytes (pugixml keeps 64 bytes a node): the raw scan counts the elements and
// attributes of each case (the root, or each child of a <register> root) and refuses one over the limit before any
// tree, at the element or attribute that crosses it.
TEST(CaseReader, RefusesACaseOfTooManyElementsAndAttributesBeforeAnyTree) {
  ReadOptions options = with_schema();
  options.limits.max_case_nodes = 35;  // kMinimal's 18 elements and 17 attributes, its xmlns among them
  Diagnostics diagnostics;
  EXPECT_TRUE(read(kMinimal, diagnostics, options)) << diagnostics.to_string();
  options.limits.max_case_nodes = 34;
  diagnostics = Diagnostics{};
  EXPECT_FALSE(read(kMinimal, diagnostics, options));
  EXPECT_EQ(diagnostics.to_string(),
            "case.xml:8:34: lỗi: [E0111] hồ sơ có quá nhiều phần tử và thuộc tính (giới hạn 34 cho mỗi hồ sơ)\n");

  // In a register each case counts on its own: two cases of 34, 68 together, with the register's root apart.
  std::string one = std::string(kMinimal).substr(std::string(kMinimal).find("<case"));
  one.replace(0, one.find('>') + 1, "<case id=\"C1\">");
  std::string two = one;
  two.replace(0, two.find('>') + 1, "<case id=\"C2\">");
  const std::string head =
      "<register xmlns=\"urn:vanban:case:1\" period-start=\"2024-01-01\" period-end=\"2024-12-31\">\n";
  diagnostics = Diagnostics{};
  const auto both = read(head + one + two + "</register>\n", diagnostics, options);
  ASSERT_TRUE(both) << diagnostics.to_string();
  EXPECT_EQ(both->cases.size(), 2U);
  // One element more in the second case (lines 10 to 17): refused there.
  two.insert(two.rfind("</case>"), "<a/>");
  diagnostics = Diagnostics{};
  EXPECT_FALSE(read(head + one + two + "</register>\n", diagnostics, options));
  EXPECT_EQ(diagnostics.to_string(),
            "case.xml:17:1: lỗi: [E0111] hồ sơ có quá nhiều phần tử và thuộc tính (giới hạn 34 cho mỗi hồ sơ)\n");

  // The limit of every read: 65,536, a case of 4,500 obligations having 31,575.
  std::string flood = kMinimal;
  flood.insert(flood.rfind("</case>"), tiny_elements(65'536));
  diagnostics = Diagnostics{};
  EXPECT_FALSE(read(flood, diagnostics));
  EXPECT_EQ(diagnostics.to_string(), "case.xml:9:" + std::to_string(1 + 4 * (65'536 - 35)) +
                                         ": lỗi: [E0111] hồ sơ có quá nhiều phần tử và thuộc tính (giới hạn 65536 "
                                         "cho mỗi hồ sơ)\n");
}

TEST(CaseReader, RepairsLegacyTextAndSaysWhere) {
  const std::string tcvn3 = text::read_as_windows_1252(*text::encode_legacy("Hà Văn Hưởng", text::TextOrigin::tcvn3));
  const std::string text = replace(kMinimal, "Vie&#x323;&#x302;t", tcvn3);
  Diagnostics diagnostics;
  const auto cases = read(text, diagnostics);
  ASSERT_TRUE(cases) << diagnostics.to_string();
  EXPECT_EQ(cases->cases.at(0).parties.at(0).name.value, "Hà Văn Hưởng");
  EXPECT_EQ(diagnostics.to_string(),
            "case.xml:6:47: cảnh báo: [W0120] <name>: văn bản mã TCVN3 (ABC) bị đọc nhầm thành \"Hµ V¨n H­ëng\", đã "
            "chuyển thành \"Hà Văn Hưởng\"\n");

  // --no-repair: the text stays as it came (normalized: the soft hyphen is dropped), and nothing is said.
  ReadOptions keep = with_schema();
  keep.repair = text::RepairMode::keep;
  diagnostics = Diagnostics{};
  const auto kept = read(text, diagnostics, keep);
  ASSERT_TRUE(kept) << diagnostics.to_string();
  EXPECT_EQ(kept->cases.at(0).parties.at(0).name.value, "Hµ V¨n Hëng");
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_string();
}

TEST(CaseReader, ShortFieldsFollowTheFilesEncoding) {
  // "Quú Hîp" alone is too little to go on; with the rest of the file in TCVN3 it is Quỳ Hợp.
  const auto tcvn3 = [](const char* utf8) {
    return text::read_as_windows_1252(*text::encode_legacy(utf8, text::TextOrigin::tcvn3));
  };
  std::string text = replace(kMinimal, "<place>Quỳ Hợp</place>", "<place>" + tcvn3("Quỳ Hợp") + "</place>");
  text = replace(text, "Hoàng  Minh   Đức", tcvn3("Hoàng Minh Đức"));
  text = replace(text, "Tòa án nhân dân huyện A", tcvn3("Tòa án nhân dân huyện A"));
  text = replace(text, "Vie&#x323;&#x302;t", tcvn3("Hà Văn Hưởng"));
  text = replace(text, "Bản án", tcvn3("Bản án"));
  text = replace(text, "CHI CỤC A", "CHI CUC A");
  text = replace(text, "Chi cục trưởng", tcvn3("Chi cục trưởng"));
  text = replace(text, "Phạt", tcvn3("Phạt"));
  Diagnostics diagnostics;
  const auto cases = read(text, diagnostics);
  ASSERT_TRUE(cases) << diagnostics.to_string();
  EXPECT_EQ(cases->cases.at(0).agency.place.value, "Quỳ Hợp") << diagnostics.to_string();
  EXPECT_EQ(cases->cases.at(0).officers.at(0).name.value, "Hoàng Minh Đức");
  EXPECT_EQ(cases->cases.at(0).obligations.at(0).text.value, "Phạt");
}

TEST(CaseReader, StopsAfterAThousandErrors) {
  // A hopeless file: two thousand unknown elements. The first thousand are reported, then a note.
  std::string text = replace(
      kMinimal, "<agency>", std::string("<agency>") + [] {
        std::string junk;
        for (int i = 0; i < 2000; ++i) junk += "<x/>";
        return junk;
      }());
  Diagnostics diagnostics;
  EXPECT_FALSE(read(text, diagnostics));
  EXPECT_EQ(diagnostics.error_count(), 1000U);
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_EQ(format_diagnostic(diagnostics.list().back()),
            "case.xml: ghi chú: dừng kiểm tra sau 1000 lỗi, phần còn lại của tệp chưa được kiểm tra");
}

TEST(CaseReader, ReportsEveryProblemInOneRun) {
  std::string text = replace(kMinimal, "debtor=\"p\"", "debtor=\"x\"");
  text = replace(text, "2024-01-02", "2024-99-99");
  text = replace(text, "kind=\"fine\"", "kind=\"bribe\"");
  Diagnostics diagnostics;
  EXPECT_FALSE(read(text, diagnostics).has_value());
  EXPECT_EQ(diagnostics.error_count(), 3U) << diagnostics.to_string();
}

// Plain ASCII fields skip repair and normalization; white space around or doubled inside an ASCII field still does
// not, and is collapsed as in any other field.
TEST(CaseReader, AsciiFieldsAreCollapsedLikeAnyOther) {
  for (const auto& [written, read_as] : std::vector<std::pair<std::string, std::string>>{{"CCTHADS", "CCTHADS"},
                                                                                         {"CC THADS", "CC THADS"},
                                                                                         {"CC  THADS", "CC THADS"},
                                                                                         {" CCTHADS", "CCTHADS"},
                                                                                         {"CCTHADS ", "CCTHADS"},
                                                                                         {"CC\tTHADS", "CC THADS"},
                                                                                         {"CC\nTHADS", "CC THADS"}}) {
    Diagnostics diagnostics;
    const auto cases = read(replace(kMinimal, "<code>CCTHADS</code>", "<code>" + written + "</code>"), diagnostics);
    ASSERT_TRUE(cases) << diagnostics.to_string();
    EXPECT_EQ(cases->cases.front().agency.code.value, read_as) << "[" << written << "]";
  }
}

// A field's lone text is read in place; a text in pieces (around a comment, with CDATA) is read whole, and an element
// inside a field is refused.
TEST(CaseReader, AFieldsTextInPiecesIsReadWhole) {
  for (const auto& [written, read_as] :
       std::vector<std::pair<std::string, std::string>>{{"CCTHADS", "CCTHADS"},
                                                        {"CC<!-- x -->THADS", "CCTHADS"},
                                                        {"<![CDATA[CC]]>THADS", "CCTHADS"},
                                                        {"CC<![CDATA[TH]]>ADS", "CCTHADS"}}) {
    Diagnostics diagnostics;
    const auto cases =
        read(replace(kMinimal, "<code>CCTHADS</code>", "<code>" + written + "</code>"), diagnostics, ReadOptions{});
    ASSERT_TRUE(cases) << diagnostics.to_string();
    EXPECT_EQ(cases->cases.front().agency.code.value, read_as) << "[" << written << "]";
  }
  for (const std::string written : {"CC<b/>THADS", "<b/>"}) {
    Diagnostics diagnostics;
    read(replace(kMinimal, "<code>CCTHADS</code>", "<code>" + written + "</code>"), diagnostics, ReadOptions{});
    const auto& list = diagnostics.list();
    EXPECT_TRUE(std::any_of(list.begin(), list.end(), [](const Diagnostic& item) { return item.code == "E0203"; }))
        << written << diagnostics.to_string();
  }
}

// Ids, references and choices are kept only as text, and located only when something about them is reported: a plain
// value is taken as it is; white space, decomposed text and an empty value still take the located path, with its
// diagnostics; `vanban validate`'s field check still sees the choices (not the ids).
TEST(CaseReader, AnAttributeKeptOnlyAsTextIsReadLikeAnyOther) {
  const std::string plain = replace(kMinimal, "Vie&#x323;&#x302;t", "Việt");
  const auto read_with = [&](const std::string& from, const std::string& to, Diagnostics& diagnostics) {
    return read(replace(plain, from, to), diagnostics, ReadOptions{});
  };
  for (const auto& [written, read_as] : std::vector<std::pair<std::string, std::string>>{
           {"debtor=\"p\"", "p"}, {"debtor=\" p\"", "p"}, {"debtor=\"p \"", "p"}}) {
    Diagnostics diagnostics;
    const auto cases = read_with("debtor=\"p\"", written, diagnostics);
    ASSERT_TRUE(cases) << written << diagnostics.to_string();
    EXPECT_EQ(cases->cases.front().obligations.front().debtor_id, read_as) << written;
    EXPECT_EQ(diagnostics.to_string(), "") << written;
  }
  {
    Diagnostics diagnostics;
    std::string text = replace(plain, "id=\"p\"", "id=\"pé\"");
    text = replace(text, "debtor=\"p\"", "debtor=\"pe&#x301;\"");
    const auto cases = read(text, diagnostics, ReadOptions{});
    ASSERT_TRUE(cases) << diagnostics.to_string();
    EXPECT_EQ(cases->cases.front().obligations.front().debtor_id, "pé");
    EXPECT_EQ(diagnostics.list().size(), 1U) << diagnostics.to_string();
    EXPECT_EQ(diagnostics.list().front().code, "W0121");
    EXPECT_EQ(diagnostics.list().front().loc.to_string(), "case.xml:7:55");
  }
  {
    Diagnostics diagnostics;
    EXPECT_FALSE(read_with("debtor=\"p\"", "debtor=\"\"", diagnostics));
    EXPECT_EQ(first_error(diagnostics), "case.xml:7:55: lỗi: [E0210] thuộc tính \"debtor\" không được để trống");
  }
  {
    Diagnostics diagnostics;
    EXPECT_FALSE(read_with("role=\"debtor\"", "role=\"debtors\"", diagnostics));
    EXPECT_NE(diagnostics.to_string().find("case.xml:6:33: lỗi: [E0211] vai trò \"debtors\" không hợp lệ"),
              std::string::npos)
        << diagnostics.to_string();
  }
  {
    Diagnostics diagnostics;
    const auto cases = read_with("role=\"debtor\"", "role=\" debtor \"", diagnostics);
    ASSERT_TRUE(cases) << diagnostics.to_string();
    EXPECT_EQ(cases->cases.front().parties.front().role, model::Role::debtor);
  }
  ReadOptions options;
  std::set<std::string> checked;
  options.check_field = [&](std::string_view, const SourceLoc& loc, const std::string& field, Diagnostics&) {
    checked.insert(field + "@" + loc.to_string());
  };
  Diagnostics diagnostics;
  ASSERT_TRUE(read(plain, diagnostics, options)) << diagnostics.to_string();
  EXPECT_EQ(checked.count("thuộc tính role của <person>@case.xml:6:33"), 1U);
  EXPECT_EQ(checked.count("thuộc tính kind của <obligation>@case.xml:7:41"), 1U);
  EXPECT_EQ(checked.count("thuộc tính mode của <enforcement>@case.xml:8:22"), 1U);
  for (const auto& field : checked) {
    EXPECT_EQ(field.find("thuộc tính id "), std::string::npos) << field;
    EXPECT_EQ(field.find("thuộc tính debtor "), std::string::npos) << field;
  }
}

// Attribute and element names are compared whole: one that only begins like a name of the format is unknown, and a
// namespace declaration (xmlns, xmlns:x) is XML's business.
TEST(CaseReader, ANameThatOnlyBeginsLikeOneOfTheFormatIsUnknown) {
  const auto codes = [](const std::string& text) {
    Diagnostics diagnostics;
    read(text, diagnostics, ReadOptions{});
    std::string out;
    for (const auto& diagnostic : diagnostics.list())
      if (diagnostic.severity == Severity::error) out += diagnostic.code + " ";
    return out;
  };
  EXPECT_EQ(codes(replace(kMinimal, "role=\"debtor\"", "role=\"debtor\" xmlns:x=\"urn:x\"")), "");
  EXPECT_EQ(codes(replace(kMinimal, "role=\"debtor\"", "role=\"debtor\" roles=\"x\"")), "E0204 ");
  EXPECT_EQ(codes(replace(kMinimal, "role=\"debtor\"", "role=\"debtor\" xmlnsx=\"x\"")), "E0204 ");
  EXPECT_EQ(codes(replace(kMinimal, "role=\"debtor\"", "role=\"debtor\" i=\"x\"")), "E0204 ");
  EXPECT_EQ(codes(replace(kMinimal, "<gender>female</gender>", "<gender>female</gender><genders>x</genders>")),
            "E0203 ");
  EXPECT_EQ(codes(replace(kMinimal, "<gender>female</gender>", "<gender>female</gender><gende>x</gende>")), "E0203 ");
}

// A case id repeated in a register is reported at every repeat (and only there), however many cases come between.
TEST(CaseReader, ACaseIdRepeatedInARegisterIsReportedAtEachRepeat) {
  const std::string minimal = kMinimal;
  const std::string open = "<case xmlns=\"urn:vanban:case:1\" id=\"C1\">";
  const std::size_t from = minimal.find(open) + open.size();
  const std::string body = minimal.substr(from, minimal.find("</case>") - from);
  std::string text = "<register xmlns=\"urn:vanban:case:1\">\n";
  for (int i = 1; i <= 60; ++i) {
    const int id = i == 25 || i == 50 ? 7
                   : i == 60          ? 1
                                      : i;  // each case on 8 lines: R7 again on 194 and 394, R1 on 474
    text += "<case id=\"R" + std::to_string(id) + "\">" + body + "</case>\n";
  }
  text += "</register>\n";
  Diagnostics diagnostics;
  EXPECT_FALSE(read(text, diagnostics, ReadOptions{}));
  std::vector<std::string> errors;
  for (const auto& diagnostic : diagnostics.list())
    if (diagnostic.severity == Severity::error) errors.push_back(format_diagnostic(diagnostic));
  EXPECT_EQ(errors, (std::vector<std::string>{"case.xml:194:1: lỗi: [E0207] mã hồ sơ \"R7\" bị trùng trong sổ",
                                              "case.xml:394:1: lỗi: [E0207] mã hồ sơ \"R7\" bị trùng trong sổ",
                                              "case.xml:474:1: lỗi: [E0207] mã hồ sơ \"R1\" bị trùng trong sổ"}))
      << diagnostics.to_string();
}

// An id used again inside a case is reported at each later use, in the order written, however many ids the case has.
TEST(CaseReader, AnIdUsedAgainInACaseIsReportedAtEachLaterUse) {
  std::string officers;
  for (int i = 0; i < 40; ++i) {
    const int id = i % 3 == 2 ? i / 2 : i;  // every third officer repeats an earlier id
    officers += "\n<officer id=\"h" + std::to_string(id) + "\" position=\"Chấp hành viên\">A</officer>";
  }
  const std::string text = replace(replace(kMinimal, "Vie&#x323;&#x302;t", "Việt"),
                                   "<officer id=\"h\" position=\"Chi cục trưởng\">Hoàng  Minh   Đức</officer>",
                                   "<officer id=\"h\" position=\"Chi cục trưởng\">A</officer>" + officers);
  Diagnostics diagnostics;
  EXPECT_FALSE(read(text, diagnostics, ReadOptions{}));
  std::string expected;
  std::map<int, int> seen;
  for (int i = 0; i < 40; ++i) {
    const int id = i % 3 == 2 ? i / 2 : i;
    if (seen[id]++ > 0)
      expected += "case.xml:" + std::to_string(5 + i) + ":1: lỗi: [E0207] mã định danh \"h" + std::to_string(id) +
                  "\" bị trùng trong hồ sơ C1\n";
  }
  EXPECT_EQ(diagnostics.to_string(), expected);
}

// Events of one day are checked in the order written, however many there are: of a delegation and withdrawals on one
// day, the one written first is what a later event is said to come after.
TEST(CaseReader, EventsOfOneDayAreCheckedInTheOrderWritten) {
  for (const bool delegation_first : {true, false}) {
    std::string events;
    for (int i = 0; i < 30; ++i) {
      const bool delegation = delegation_first ? i == 0 : i == 29;
      events += delegation ? "\n<delegated-out date=\"2024-03-01\" number=\"1\" to=\"Chi cục B\"/>"
                           : "\n<withdrawn date=\"2024-03-01\" number=\"" + std::to_string(i) + "\"/>";
    }
    events += "\n<payment date=\"2024-03-05\" amount=\"1000\" obligation=\"o\"/>";
    const std::string text =
        replace(kMinimal, "<enforcement mode=\"ex-officio\" officer=\"h\"/>",
                "<enforcement mode=\"ex-officio\" officer=\"h\"><events>" + events + "\n</events></enforcement>");
    Diagnostics diagnostics;
    read(text, diagnostics, ReadOptions{});
    const std::string after = delegation_first ? "sau khi đã ủy thác thi hành án đi ngày 2024-03-01"
                                               : "sau khi quyết định thi hành án bị thu hồi, hủy ngày 2024-03-01";
    EXPECT_NE(diagnostics.to_string().find("[W0228] <payment> ngày 2024-03-05 " + after), std::string::npos)
        << diagnostics.to_string();
  }
}

// The raw scan passes over eight bytes at a time where none is a control character or the lead of U+FFFE/U+FFFF:
// each is still found wherever it is in the text (column 79 + its offset in the obligation's text).
TEST(CaseReader, AControlCharacterOrNonCharacterIsFoundAtEveryOffset) {
  const std::string before = "<text>Phạt</text>";
  ASSERT_NE(std::string(kMinimal).find(before), std::string::npos);
  for (const std::string& bad : {std::string("\x01"), std::string("\x1F"), std::string("\xEF\xBF\xBE")}) {
    for (std::size_t at = 0; at < 24; ++at) {
      std::string words(24, 'x');
      words.insert(at, bad);
      Diagnostics diagnostics;
      EXPECT_FALSE(read(replace(kMinimal, before, "<text>Ph" + words + "</text>"), diagnostics));
      const std::string code = bad.size() == 1 ? (bad == "\x01" ? "U+0001" : "U+001F") : "U+FFFE";
      EXPECT_EQ(first_error(diagnostics), "case.xml:7:" + std::to_string(79 + at) + ": lỗi: [E0110] ký tự " + code +
                                              " không được phép trong XML (ký tự điều khiển)")
          << at;
    }
  }
}

}  // namespace
}  // namespace vanban::xml

namespace vanban::xml {
namespace {

// A case with faults the reader finds, a fault only libxml2 finds ("--" in a comment: libxml2 then reads the bytes
// before they are parsed in place, the comment keeping the shortcut from vouching), a tab and a line end in attribute
// values (pugixml turns them into spaces in place) and multi-byte text before the faults on their lines.
std::string faulty_case(bool ampersand) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- Hồ sơ mẫu -- có lỗi -->
<case xmlns="urn:vanban:case:1" id="C1">
  <agency><name>CHI CỤC Ả</name><code>CCTHADS</code><place>Quỳ Hợp</place><extra>Đà Nẵng</extra></agency>
  <officers><officer id="h" position="Chi cục	trưởng">Hoàng  Minh   Đức</officer></officers>
  <judgments><judgment id="j" kind="Bản án" number="1/2024/HS-ST" date="2024-13-02" court="Tòa án
 nhân dân huyện A" bogus="ý"/></judgments>
  <parties><person id="p" role="debtor"><name>)") +
         (ampersand ? "Vi&#x1EC7;t &amp; Nam" : "Việt và Nam") + R"(</name><gender>nữ</gender></person></parties>
  <obligations><obligation id="o" kind="fine" debtor="q" judgment="j"><text>Phạt</text><amount>15.000.000</amount></obligation></obligations>
  <enforcement mode="ex-officio" officer="h"/><unknown/>
</case>
)";
}

std::string diagnostics_of(InputBytes bytes, const ReadOptions& options) {
  Diagnostics diagnostics;
  EXPECT_FALSE(read_register(std::move(bytes), make_file_name("case.xml"), options, diagnostics));
  return diagnostics.to_string();
}

// The faulty case with its line ends made CRLF (`lone`: a lone CR).
std::string with_returns(std::string text, bool lone) {
  std::string out;
  for (const char c : text) out += c == '\n' ? (lone ? "\r" : "\r\n") : std::string(1, c);
  return out;
}

// The faulty case as it is, with references (a character's and "&amp;", before other fields on the same line), with
// CRLF and with lone CR line ends: pugixml moves text in the last three.
std::vector<std::string> faulty_cases() {
  return {faulty_case(false), faulty_case(true), with_returns(faulty_case(true), false),
          with_returns(faulty_case(false), true)};
}

// Bytes handed over are parsed in place (references decoded and CRs folded move text, but no name or value start):
// every diagnostic, line and column is what reading borrowed bytes (a copy parsed) gives.
TEST(CaseReader, BytesHandedOverGiveTheSameDiagnosticsParsedInPlaceOrCopied) {
  for (const std::string& text : faulty_cases()) {
    ASSERT_TRUE(parses_in_place(text, Limits{}));
    for (const ReadOptions& options : {with_schema(), ReadOptions{}}) {
      const std::string borrowed = diagnostics_of(text, options);
      EXPECT_EQ(diagnostics_of(std::string(text), options), borrowed) << text;
      // (libxml2 counts no line at a lone CR: its E0102 is on line 1 there.)
      if (options.schema && text.find("\r<") == std::string::npos) {
        // The reader's faults and the schema's (E0102: "bogus" and the element order are libxml2's to find).
        for (const char* expected : {"case.xml:2:", "[E0102]", "case.xml:4:75: lỗi: [E0203]",
                                     "case.xml:6:73: lỗi: [E0205]", "case.xml:7:20: lỗi: [E0204]"})
          EXPECT_NE(borrowed.find(expected), std::string::npos) << expected << "\n" << borrowed;
      }
    }
  }
}

// Parsed in place, no copy is made, and every element, attribute and text is where the copy's parse puts it.
void located_alike(const std::string& text) {
  Diagnostics copied_diagnostics;
  const auto copied = parse_safely(text, make_file_name("case.xml"), Limits{}, copied_diagnostics);
  ASSERT_TRUE(copied) << copied_diagnostics.to_string();
  std::string bytes = text;
  const char* const data = bytes.data();
  std::string seen;
  Diagnostics diagnostics;
  const auto in_place = parse_safely_in_place(std::move(bytes), make_file_name("case.xml"), Limits{}, diagnostics,
                                              [&](std::string_view raw) { seen = raw; });
  ASSERT_TRUE(in_place) << diagnostics.to_string();
  EXPECT_EQ(in_place->original().data(), data);
  EXPECT_EQ(seen, text);  // before the parse wrote over it
  const auto where = [](const ParsedXml& parsed) {
    std::string out;
    const auto add = [&](const SourceLoc& loc) { out += loc.to_string() + " "; };
    std::vector<pugi::xml_node> stack{parsed.root()};
    while (!stack.empty()) {
      const pugi::xml_node node = stack.back();
      stack.pop_back();
      add(parsed.loc(node));
      add(parsed.text_loc(node));
      out += std::to_string(parsed.line(node)) + " ";
      for (const pugi::xml_attribute attribute : node.attributes()) {
        add(parsed.loc(attribute));
        add(parsed.value_loc(attribute));
        out += std::string(attribute.value()) + "|";
      }
      for (pugi::xml_node child : node.children())
        if (child.type() == pugi::node_element) stack.push_back(child);
    }
    return out;
  };
  EXPECT_EQ(where(*in_place), where(*copied));
}

TEST(CaseReader, AParseInPlaceLocatesEveryNodeAsTheCopysParse) {
  for (const std::string& text : faulty_cases()) located_alike(text);
}

// A field past the limit, which the checks after the parse refuse, is not read by libxml2 first: the bytes are copied.
TEST(CaseReader, AFieldPastTheLimitKeepsTheBytesFromBeingParsedInPlace) {
  Limits limits;
  limits.max_field_length = 100;
  // From one '<' to the next: "a>" and the text, at most 4 bytes for each of 100 characters and 4096 more.
  EXPECT_TRUE(parses_in_place("<a>" + std::string(400 + 4096 - 2, 'x') + "</a>", limits));
  EXPECT_FALSE(parses_in_place("<a>" + std::string(400 + 4096 - 1, 'x') + "</a>", limits));
  EXPECT_FALSE(parses_in_place("<a b=\"" + std::string(401 + 4096, 'x') + "\"/>", limits));
  EXPECT_TRUE(parses_in_place("<a>x &amp; y</a>", limits));
  EXPECT_TRUE(parses_in_place("<a>x\r\ny</a>", limits));
}

// A file that stops midway is told apart from other faults the same way when its bytes are parsed in place.
TEST(CaseReader, ATruncatedFileIsToldApartParsedInPlace) {
  const std::string text = faulty_case(false);
  for (const std::size_t cut : {text.rfind("</case>"), text.size() - 3, text.size() / 2}) {
    const std::string part = text.substr(0, cut) + "\n  \n";
    EXPECT_EQ(diagnostics_of(std::string(part), with_schema()), diagnostics_of(part, with_schema())) << cut;
  }
}

}  // namespace
}  // namespace vanban::xml
