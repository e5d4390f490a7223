#include <gtest/gtest.h>

#include "support/cases.hpp"
#include "support/law.hpp"
#include "templating/template_set.hpp"
#include "xml/case_reader.hpp"

namespace vanban::templating {
namespace {

const char* kCase = R"(<case xmlns="urn:vanban:case:1" id="C1">
  <agency><parent>CỤC A</parent><name>CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN B</name><code>CCTHADS</code><place>Quỳ Hợp</place></agency>
  <officers>
    <officer id="h" position="Chi cục trưởng">Hoàng Minh Đức</officer>
    <officer id="d" position="Phó Chi cục trưởng">Vi Thị Thu Hường</officer>
    <officer id="c" position="Chấp hành viên">Lữ Văn Thắng</officer>
  </officers>
  <judgments><judgment id="j" kind="Bản án" number="1/2024/HS-ST" date="2024-01-02" court="Tòa án nhân dân huyện B"/></judgments>
  <parties>
    <person id="p" role="debtor"><name>Lương Văn Tường</name><gender>male</gender></person>
    <person id="q" role="debtor"><name>Trần Thị Mai</name><gender>female</gender></person>
    <person id="r" role="debtor"><name>Lò Văn Pọm</name></person>
  </parties>
  <obligations>
    <obligation id="o1" kind="fine" debtor="p" judgment="j"><text>Phạt {tiền}</text><amount>15000000</amount></obligation>
    <obligation id="o2" kind="court-fee" debtor="q" judgment="j"><text>Án phí</text><amount>200000</amount></obligation>
  </obligations>
  <enforcement mode="ex-officio" officer="c"><decision date="2024-03-05" signer="d"/></enforcement>
</case>)";

class Rendering : public ::testing::Test {
 protected:
  void SetUp() override {
    law_ = test::load_law();
    cases_ = test::read_test_cases(kCase);
    ASSERT_TRUE(cases_);
  }

  // Renders a template body and returns the paragraphs' text, one per line.
  std::string render(const std::string& body, Diagnostics& diagnostics, const std::string& date = "2024-03-05") {
    std::vector<TemplateSource> sources;
    sources.push_back({"t", make_file_name("t.vbt"), "{@document name=\"Quyết định\" code=\"QĐ\"}\n" + body});
    auto set = TemplateSet::parse(std::move(sources), diagnostics);
    if (!set) return {};
    RenderInput input{model::Ledger::of(cases_->cases.front(), *model::Date::parse_iso(date))};
    const auto document = set->render(*set->find("t"), input, *law_, diagnostics);
    if (!document) return {};
    std::string out;
    for (const auto& block : document->blocks) {
      if (const auto* paragraph = std::get_if<doc::Paragraph>(&block)) out += doc::plain_text(paragraph->runs) + "\n";
      if (const auto* header = std::get_if<doc::Header>(&block)) {
        out += header->number_line + " | " + header->place_date + "\n";
        for (const auto& line : header->letter_subject) out += line + "\n";
      }
      if (const auto* signature = std::get_if<doc::Signature>(&block)) {
        for (const auto& line : signature->authority_lines) out += line + " / ";
        out += signature->signer_name + "\n";
        for (const auto& line : signature->recipients) out += line + "\n";
      }
    }
    return out;
  }

  std::optional<rules::Law> law_;
  std::optional<model::Register> cases_;
};

TEST_F(Rendering, FieldsFiltersAndLoops) {
  Diagnostics diagnostics;
  const std::string text = render(
      "{#each debtors as d sep=\", \" last=\" và \"}{d.addressed}{/each}\n"
      "{debtor_names}\n"
      "{#each obligations as o}\n"
      "{loop.index}. {o.text}: {o.amount | money} ({o.amount | words}){#if loop.last}.{:else};{/if}\n"
      "{/each}\n"
      "{judgment.date | date}; {judgment.date | short}; {agency.name | lower}\n",
      diagnostics);
  EXPECT_EQ(text,
            "ông Lương Văn Tường, bà Trần Thị Mai và Lò Văn Pọm\n"
            "ông Lương Văn Tường, bà Trần Thị Mai và Lò Văn Pọm\n"
            "1. Phạt {tiền}: 15.000.000 đồng (Mười lăm triệu đồng);\n"
            "2. Án phí: 200.000 đồng (Hai trăm nghìn đồng).\n"
            "ngày 02 tháng 01 năm 2024; 02/01/2024; chi cục thi hành án dân sự huyện b\n")
      << diagnostics.to_string();
}

TEST_F(Rendering, StructuralBlocks) {
  Diagnostics diagnostics;
  const std::string text = render(
      "{@header}\n{#basis}\nCăn cứ một,\nCăn cứ hai;\n{/basis}\n{#article}\nNội dung\nđoạn hai\n{/article}\n"
      "{#recipients}\nNhư Điều 3\nLưu: VT\n{/recipients}\n{@signature}\n",
      diagnostics);
  EXPECT_EQ(text,
            "Số:       /QĐ-CCTHADS | Quỳ Hợp, ngày 05 tháng 3 năm 2024\n"
            "Căn cứ một;\n"
            "Căn cứ hai.\n"
            "Điều 1. Nội dung\n"
            "đoạn hai\n"
            "KT. CHI CỤC TRƯỞNG / PHÓ CHI CỤC TRƯỞNG / Vi Thị Thu Hường\n"
            "- Như Điều 3;\n"
            "- Lưu: VT.\n")
      << diagnostics.to_string();
}

// A công văn's trích yếu goes under Số as "V/v …" (Nghị định 30, ô 5b); the metadata keep "Về việc …".
TEST_F(Rendering, LetterSubjectGoesIntoTheHeader) {
  Diagnostics diagnostics;
  EXPECT_EQ(render("{@header}\n{#subject}\ntự nguyện thi hành án\n{/subject}\nNội dung\n", diagnostics),
            "Số:       /QĐ-CCTHADS | Quỳ Hợp, ngày 05 tháng 3 năm 2024\n"
            "V/v tự nguyện thi hành án\n"
            "Nội dung\n")
      << diagnostics.to_string();
  Diagnostics misplaced;
  render("Nội dung\n{#subject}\ntự nguyện thi hành án\n{/subject}\n", misplaced);
  EXPECT_EQ(misplaced.to_string(),
            "t.vbt:3:1: lỗi: [E0418] khối {#subject} (trích yếu công văn) phải đặt ngay sau {@header}\n");
}

TEST_F(Rendering, TheDocumentDatePicksTheRegime) {
  Diagnostics diagnostics;
  const std::string before = render("{regime.citation.law}\n", diagnostics, "2026-06-30");
  const std::string after = render("{regime.citation.law}\n", diagnostics, "2026-07-01");
  EXPECT_EQ(before, "Luật Thi hành án dân sự\n");
  EXPECT_EQ(after, "Luật Thi hành án dân sự số 106/2025/QH15\n");
}

TEST_F(Rendering, AMissingValueIsAnInputErrorNamingTheField) {
  Diagnostics diagnostics;
  EXPECT_EQ(render("Sinh năm {debtor.birth_year}\n", diagnostics), "");
  ASSERT_EQ(diagnostics.error_count(), 1U) << diagnostics.to_string();
  EXPECT_EQ(format_diagnostic(diagnostics.list().front()),
            "c.xml:10:5: lỗi: [E0310] thiếu dữ liệu cho trường \"debtor.birth_year\" mà mẫu t cần (t.vbt:2:10)");
}

TEST_F(Rendering, UnknownFieldsAndFiltersAreTemplateErrors) {
  Diagnostics diagnostics;
  render("{debtor.nickname}\n", diagnostics);
  EXPECT_TRUE(diagnostics.contains("E0402")) << diagnostics.to_string();
  Diagnostics more;
  render("{debtor.name | shout}\n", more);
  EXPECT_TRUE(more.contains("E0409")) << more.to_string();
  Diagnostics wrong;
  render("{debtor.name | money}\n", wrong);
  EXPECT_TRUE(wrong.contains("E0410")) << wrong.to_string();
}

TEST_F(Rendering, ValuesArePrintedNeverEvaluated) {
  Diagnostics diagnostics;
  // The obligation text holds "{tiền}": it must come out as written.
  EXPECT_EQ(render("{#each obligations as o}{#if loop.first}{o.text}{/if}{/each}\n", diagnostics), "Phạt {tiền}\n");
}

}  // namespace
}  // namespace vanban::templating

namespace vanban::templating {
namespace {

TEST(Honorifics, FromGender) {
  EXPECT_EQ(honorific(model::Gender::male), "ông");
  EXPECT_EQ(honorific(model::Gender::female), "bà");
  EXPECT_EQ(honorific(model::Gender::unknown), "");  // never a placeholder: the name stands alone
  EXPECT_EQ(with_honorific(model::Gender::unknown, "Lê Văn A"), "Lê Văn A");
  EXPECT_EQ(with_honorific(model::Gender::female, "Lê Thị B"), "bà Lê Thị B");
}

struct AuthorityCase {
  const char* position;
  const char* prefix;
  const char* on_behalf_of;
  std::vector<std::string> lines;
};

class Authority : public ::testing::TestWithParam<AuthorityCase> {};

TEST_P(Authority, Lines) {
  EXPECT_EQ(authority_lines(GetParam().position, GetParam().prefix, GetParam().on_behalf_of), GetParam().lines);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Authority,
    ::testing::Values(
        AuthorityCase{"Chi cục trưởng", "", "", {"CHI CỤC TRƯỞNG"}},
        AuthorityCase{"Phó Chi cục trưởng", "", "", {"KT. CHI CỤC TRƯỞNG", "PHÓ CHI CỤC TRƯỞNG"}},
        AuthorityCase{"Quyền Chi cục trưởng", "", "", {"Q. CHI CỤC TRƯỞNG"}},
        AuthorityCase{"Chánh Văn phòng", "TL.", "Cục trưởng", {"TL. CỤC TRƯỞNG", "CHÁNH VĂN PHÒNG"}},
        AuthorityCase{"Trưởng phòng Nghiệp vụ", "TUQ.", "Cục trưởng", {"TUQ. CỤC TRƯỞNG", "TRƯỞNG PHÒNG NGHIỆP VỤ"}},
        AuthorityCase{"Chủ tịch Hội đồng",
                      "TM.",
                      "Hội đồng tiêu hủy vật chứng",
                      {"TM. HỘI ĐỒNG TIÊU HỦY VẬT CHỨNG", "CHỦ TỊCH HỘI ĐỒNG"}},
        AuthorityCase{"Trưởng Thi hành án dân sự tỉnh", "", "", {"TRƯỞNG THI HÀNH ÁN DÂN SỰ TỈNH"}}));

TEST_F(Rendering, ParametersAreCheckedAndTyped) {
  const std::string body =
      "{@param name=\"gio\" type=\"text\" description=\"giờ làm việc\" example=\"08 giờ 00\"}\n"
      "{@param name=\"ngay\" type=\"date\" description=\"ngày làm việc\"}\n"
      "{@param name=\"ghi-chu\" type=\"text\" description=\"ghi chú\" optional=\"true\"}\n"
      "Vào lúc {params.gio} {params.ngay}{#if params.ghi-chu}, {params.ghi-chu}{/if}\n";
  std::vector<TemplateSource> sources;
  sources.push_back({"t", make_file_name("t.vbt"), "{@document name=\"Giấy mời\" code=\"GM\"}\n" + body});
  Diagnostics diagnostics;
  auto set = TemplateSet::parse(std::move(sources), diagnostics);
  ASSERT_TRUE(set) << diagnostics.to_string();
  const auto render_with = [&](std::map<std::string, std::string, std::less<>> parameters, Diagnostics& out) {
    RenderInput input{model::Ledger::of(cases_->cases.front(), *model::Date::parse_iso("2024-03-05"))};
    input.parameters = std::move(parameters);
    const auto document = set->render(*set->find("t"), input, *law_, out);
    return document ? doc::plain_text(std::get<doc::Paragraph>(document->blocks.front()).runs) : std::string();
  };
  Diagnostics ok;
  EXPECT_EQ(render_with({{"gio", "08 giờ 00"}, {"ngay", "2024-03-12"}}, ok),
            "Vào lúc 08 giờ 00 ngày 12 tháng 3 năm 2024")
      << ok.to_string();
  Diagnostics missing;
  render_with({{"gio", "8 giờ"}}, missing);
  EXPECT_TRUE(missing.contains("E0312"));
  EXPECT_NE(missing.to_string().find("thiếu tham số --set ngay=… (ngày làm việc)"), std::string::npos)
      << missing.to_string();
  Diagnostics bad_date;
  render_with({{"gio", "8 giờ"}, {"ngay", "12/3/2024"}}, bad_date);
  EXPECT_NE(bad_date.to_string().find("cần một ngày dạng YYYY-MM-DD"), std::string::npos) << bad_date.to_string();
  Diagnostics unknown;
  render_with({{"gio", "8 giờ"}, {"ngay", "2024-03-12"}, {"phong", "1"}}, unknown);
  EXPECT_NE(unknown.to_string().find("không dùng tham số \"phong\" (các tham số: gio, ngay, ghi-chu)"),
            std::string::npos)
      << unknown.to_string();
}

TEST_F(Rendering, SigningParameterOverridesTheAuthority) {
  Diagnostics diagnostics;
  std::vector<TemplateSource> sources;
  sources.push_back({"t", make_file_name("t.vbt"), "{@document name=\"Quyết định\" code=\"QĐ\"}\n{@signature}\n"});
  auto set = TemplateSet::parse(std::move(sources), diagnostics);
  RenderInput input{model::Ledger::of(cases_->cases.front(), *model::Date::parse_iso("2024-03-05"))};
  input.signer_id = "c";
  input.parameters = {{"signing", "TL."}};
  const auto document = set->render(*set->find("t"), input, *law_, diagnostics);
  ASSERT_TRUE(document) << diagnostics.to_string();
  const auto& signature = std::get<doc::Signature>(document->blocks.front());
  EXPECT_EQ(signature.authority_lines, (std::vector<std::string>{"TL. CHI CỤC TRƯỞNG", "CHẤP HÀNH VIÊN"}));
}

// Static checking walks every branch, so a mistake in a branch no sample case reaches is still found.
TEST_F(Rendering, CheckFindsMistakesInEveryBranch) {
  std::vector<TemplateSource> sources;
  sources.push_back({"t", make_file_name("t.vbt"),
                     "{@document name=\"Quyết định\" code=\"QĐ\"}\n"
                     "{#if enforcement.is_on_request}\n"
                     "{enforcement.request.by.nmae}\n"
                     "{:else}\n"
                     "{#each assets as a}{a.value | date}{/each}\n"
                     "{params.gio}\n"
                     "{debtor.name | shout}\n"
                     "{/if}\n"});
  Diagnostics diagnostics;
  auto set = TemplateSet::parse(std::move(sources), diagnostics);
  ASSERT_TRUE(set) << diagnostics.to_string();
  set->check(*law_, diagnostics);
  EXPECT_EQ(diagnostics.to_string(),
            "t.vbt:3:2: lỗi: [E0402] \"enforcement.request.by\" không có trường \"nmae\"\n"
            "t.vbt:5:31: lỗi: [E0410] bộ lọc date dùng cho ngày, không dùng được cho số tiền\n"
            "t.vbt:6:2: lỗi: [E0402] \"params\" không có trường \"gio\"\n"
            "t.vbt:7:16: lỗi: [E0409] không có bộ lọc \"shout\" (có: money, number, words, date, short, upper, "
            "lower, capitalize, title, two-digits, percent, join, default)\n");
}

TEST_F(Rendering, DeadlinesComeFromTheLawAndTheCalendar) {
  Diagnostics diagnostics;
  EXPECT_EQ(render("{deadlines.voluntary | default \"chưa thông báo\"}\n", diagnostics), "chưa thông báo\n")
      << diagnostics.to_string();
}

}  // namespace
}  // namespace vanban::templating
