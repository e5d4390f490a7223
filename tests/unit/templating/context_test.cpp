// The context fields the form library relies on, and the template-language features it added: dated=,
// parameter defaults, party and list parameters, {#each} over one object, signature titles, letters (code="").

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "layout/layout.hpp"
#include "support/cases.hpp"
#include "support/fixed_metrics.hpp"
#include "support/law.hpp"
#include "support/office.hpp"
#include "support/paths.hpp"
#include "templating/template_set.hpp"
#include "xml/case_reader.hpp"

namespace vanban::templating {
namespace {

// A bank's request against a couple with a mortgaged house; a court fee owed to the State; evidence; events.
const char* kCase = R"(<case xmlns="urn:vanban:case:1" id="C7">
  <agency><parent>CỤC THI HÀNH ÁN DÂN SỰ TỈNH ĐẮK LẮK</parent><name>CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN KRÔNG PẮC</name>
    <code>CCTHADS</code><place>Krông Pắc</place><address>Số 9 đường Giải Phóng</address></agency>
  <officers>
    <officer id="h" position="Chi cục trưởng">Y Bhăm Niê</officer>
    <officer id="c" position="Chấp hành viên" card="CHV-0906">Đỗ Thị Ngọc Quyên</officer>
  </officers>
  <judgments><judgment id="j" kind="Bản án" number="27/2024/KDTM-ST" date="2024-03-11" court="Tòa án nhân dân huyện Krông Pắc"/></judgments>
  <parties>
    <organization id="nh" role="creditor"><name>Ngân hàng A</name><representative position="Phó Giám đốc">Trịnh Xuân Lộc</representative></organization>
    <organization id="ct" role="related"><name>Công ty B</name></organization>
    <person id="ck" role="debtor"><name>Nguyễn Hữu Phước</name><gender>male</gender><id-number kind="CCCD">066080001234</id-number></person>
    <person id="vo" role="debtor"><name>Võ Thị Ánh Tuyết</name><gender>female</gender></person>
  </parties>
  <obligations>
    <obligation id="no" kind="debt" debtor="ck" creditor="nh" judgment="j"><text>Trả nợ</text><amount>1000000</amount><late-interest>true</late-interest></obligation>
    <obligation id="ap" kind="court-fee" debtor="ck" judgment="j"><text>Án phí</text><amount>50000</amount></obligation>
  </obligations>
  <assets>
    <asset id="nha" owner="ck" kind="house" mortgagee="nh"><text>Nhà ở</text><value>2000000</value></asset>
    <asset id="tk" owner="ck" kind="account"><text>Tài khoản</text></asset>
  </assets>
  <evidence>
    <item id="v1" judgment="j" disposition="destroy">Cân điện tử</item>
    <item id="v2" judgment="j" disposition="confiscate">Xe máy</item>
  </evidence>
  <enforcement mode="on-request" officer="c">
    <request date="2024-03-29" by="nh" channel="post"/>
    <decision number="342" date="2024-04-05" signer="h"/>
    <events>
      <notified date="2024-04-09" party="ck"/>
      <payment date="2024-04-20" amount="300000" obligation="no"/>
      <verification date="2024-05-06" result="has-means">Có nhà ở.</verification>
      <postponed date="2024-06-03" reason="Đương sự đồng ý hoãn"/>
      <destroyed date="2024-06-10" item="v1"/>
    </events>
  </enforcement>
</case>)";

class Context : public ::testing::Test {
 protected:
  void SetUp() override {
    law_ = test::load_law();
    cases_ = test::read_test_cases(kCase);
    ASSERT_TRUE(cases_);
  }

  const model::Case& the_case() const { return cases_->cases.front(); }

  // Parses one template "t" (plus optional parts), keeping the set for later calls.
  const Template* parse(const std::string& source, std::vector<TemplateSource> parts = {}) {
    parts.push_back({"t", make_file_name("t.vbt"), source});
    Diagnostics diagnostics;
    set_ = TemplateSet::parse(std::move(parts), diagnostics);
    EXPECT_TRUE(set_) << diagnostics.to_string();
    return set_ ? set_->find("t") : nullptr;
  }

  // Renders `body` under a {@document} line on `date`; returns every paragraph, header and signature as text.
  std::string render(const std::string& body, Diagnostics& diagnostics, const std::string& date = "2024-07-01",
                     std::map<std::string, std::string, std::less<>> parameters = {},
                     const std::string& document = "{@document name=\"Quyết định\" code=\"QĐ\"}") {
    const Template* t = parse(document + "\n" + body);
    if (t == nullptr) return {};
    RenderInput input{model::Ledger::of(the_case(), *model::Date::parse_iso(date))};
    input.parameters = std::move(parameters);
    const auto rendered = set_->render(*t, input, *law_, diagnostics);
    if (!rendered) return {};
    std::string out;
    for (const auto& block : rendered->blocks) {
      if (const auto* paragraph = std::get_if<doc::Paragraph>(&block)) out += doc::plain_text(paragraph->runs) + "\n";
      if (const auto* header = std::get_if<doc::Header>(&block)) out += header->number_line + "\n";
      if (const auto* signature = std::get_if<doc::Signature>(&block)) {
        for (const auto& line : signature->authority_lines) out += line + " / ";
        out += signature->signer_name + "\n";
      }
    }
    return out;
  }

  std::optional<rules::Law> law_;
  std::optional<model::Register> cases_;
  std::optional<TemplateSet> set_;
};

TEST_F(Context, AgencyNamesInRunningText) {
  Diagnostics diagnostics;
  EXPECT_EQ(render("{agency.name_in_text}; {agency.parent_in_text}; {agency.issuer}\n", diagnostics),
            "Chi cục Thi hành án dân sự huyện Krông Pắc; Cục Thi hành án dân sự tỉnh Đắk Lắk; Chi cục Thi hành án "
            "dân sự huyện Krông Pắc\n")
      << diagnostics.to_string();
}

TEST_F(Context, TheDecisionAndTheOfficersAuthority) {
  Diagnostics diagnostics;
  EXPECT_EQ(render("{enforcement.decision.reference}; {officer.authority}\n", diagnostics),
            "342/QĐ-CCTHADS; CHẤP HÀNH VIÊN CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN KRÔNG PẮC\n")
      << diagnostics.to_string();
}

// On request, the decision covers what is owed to the requester; the State's court fee is separate.
TEST_F(Context, EnforcedObligationsAndStateRevenue) {
  Diagnostics diagnostics;
  EXPECT_EQ(render("{#each enforced.obligations as o}{o.text} {/each}| {enforced.outstanding | number} | "
                   "{#each enforced.debtors as p}{p.name}{/each} | {state.total | number} {state.paid_any} | "
                   "{enforced.late_interest}\n",
                   diagnostics),
            "Trả nợ | 700.000 | Nguyễn Hữu Phước | 50.000 không | có\n")
      << diagnostics.to_string();
}

// A document sees the case as it stood on its date: a later payment or verification does not exist yet.
TEST_F(Context, EventsAfterTheDocumentDateAreNotSeen) {
  Diagnostics diagnostics;
  const std::string body =
      "{enforced.paid | number}; {enforcement.last_verification.date | default \"không\"}; "
      "{enforcement.postponement.reason | default \"không\"}\n";
  EXPECT_EQ(render(body, diagnostics, "2024-04-10"), "0; không; không\n") << diagnostics.to_string();
  EXPECT_EQ(render(body, diagnostics, "2024-07-01"), "300.000; ngày 06 tháng 5 năm 2024; Đương sự đồng ý hoãn\n")
      << diagnostics.to_string();
}

TEST_F(Context, AssetsEvidenceAndParties) {
  Diagnostics diagnostics;
  EXPECT_EQ(render("{#each seizable_assets as a}{a.text}{/each} | {#each mortgaged_to_creditor as a}{a.mortgagee.name}"
                   "{/each} | {#each evidence_to_destroy as e}{e.text} {e.destroyed | short} {e.judgment.number}{/each}"
                   " | {#each evidence_to_confiscate as e}{e.text}{/each} | {debtor.contact}; {creditor.contact} | "
                   "{#each debtor.mortgaged_assets as a}{a.text}{/each} | {debtor.role_name}; {debtor.notified | short}"
                   "\n",
                   diagnostics),
            "Nhà ở | Ngân hàng A | Cân điện tử 10/6/2024 27/2024/KDTM-ST | Xe máy | ông Nguyễn Hữu Phước; "
            "Trịnh Xuân Lộc, phó giám đốc Ngân hàng A | Nhà ở | người phải thi hành án; 09/4/2024\n")
      << diagnostics.to_string();
}

// From 01/07/2026 a citizen identity card number is the số định danh cá nhân (NĐ 152/2026 Điều 12).
TEST_F(Context, PersonalIdentificationFollowsTheRegime) {
  Diagnostics diagnostics;
  EXPECT_EQ(render("{debtor.id_label}\n", diagnostics, "2026-06-30"), "Căn cước công dân số\n");
  EXPECT_EQ(render("{debtor.id_label}\n", diagnostics, "2026-07-01"), "Số định danh cá nhân\n");
}

TEST_F(Context, BasisLinesAndLimitsOfTheTemplateUnderTheRegime) {
  Diagnostics diagnostics;
  // The template is named "t": it has no căn cứ of its own, so the list is empty (not missing).
  EXPECT_EQ(render("{count(document.can_cu)}; {regime.limits.resume.text}; {document.form | default \"không\"}\n",
                   diagnostics),
            "0; 05 ngày làm việc; không\n")
      << diagnostics.to_string();
}

// Form codes are data: a <form> line in the law file reaches the template as document.form.
TEST(ContextForms, FormCodeComesFromTheLawData) {
  const std::string law_text = R"(<law xmlns="urn:vanban:law:1"><regime id="r" from="2000-01-01"><name>R</name>
    <basis document="t"><line>Căn cứ X</line></basis><form document="t" code="D01-THADS"/></regime></law>)";
  Diagnostics diagnostics;
  auto book = rules::LawBook::parse(law_text, make_file_name("law.xml"), diagnostics);
  ASSERT_TRUE(book) << diagnostics.to_string();
  const rules::Law law{std::move(*book), test::load_rules_file<rules::Calendar>("calendar.xml"), {}};
  auto cases = xml::read_register(kCase, make_file_name("c.xml"), {}, diagnostics);
  std::vector<TemplateSource> sources{
      {"t", make_file_name("t.vbt"),
       "{@document name=\"Thư\" code=\"\"}\n{@header}\n{document.form}; {document.can_cu | join \"\"}\n"}};
  auto set = TemplateSet::parse(std::move(sources), diagnostics);
  ASSERT_TRUE(set) << diagnostics.to_string();
  RenderInput input{model::Ledger::of(cases->cases.front(), *model::Date::parse_iso("2024-07-01"))};
  input.number = "05";
  const auto document = set->render(*set->find("t"), input, law, diagnostics);
  ASSERT_TRUE(document) << diagnostics.to_string();
  // A letter (code="") bears the agency's code alone.
  EXPECT_EQ(std::get<doc::Header>(document->blocks.at(0)).number_line, "Số: 05/CCTHADS");
  EXPECT_EQ(doc::plain_text(std::get<doc::Paragraph>(document->blocks.at(1)).runs), "D01-THADS; Căn cứ X");
}

TEST_F(Context, DatedNamesTheCaseDateADocumentBears) {
  const Template* t = parse("{@document name=\"Biên bản\" code=\"BB\" dated=\"enforcement.last_verification.date\"}\n");
  ASSERT_NE(t, nullptr);
  const model::Date fallback = *model::Date::parse_iso("2024-04-05");
  // The verification lies after the decision date: the whole history is read.
  EXPECT_EQ(set_->document_date(*t, the_case(), fallback, *law_).to_iso(), "2024-05-06");
  const Template* none = parse("{@document name=\"Biên bản\" code=\"BB\" dated=\"enforcement.termination.date\"}\n");
  ASSERT_NE(none, nullptr);
  EXPECT_EQ(set_->document_date(*none, the_case(), fallback, *law_).to_iso(), "2024-04-05");
}

TEST_F(Context, DatedMustNameADate) {
  const Template* t = parse("{@document name=\"Biên bản\" code=\"BB\" dated=\"debtor.name\"}\n");
  ASSERT_NE(t, nullptr);
  Diagnostics diagnostics;
  set_->check(*law_, diagnostics);
  EXPECT_NE(diagnostics.to_string().find("t.vbt:1:"), std::string::npos) << diagnostics.to_string();
  EXPECT_NE(diagnostics.to_string().find("[E0410] dated=\"…\" phải là một ngày"), std::string::npos)
      << diagnostics.to_string();
}

TEST_F(Context, PartyParametersDefaultsAndChecks) {
  const std::string body =
      "{@param name=\"nguoi\" type=\"party\" default=\"debtor\" description=\"đương sự\"}\n"
      "{#each params.nguoi as p}{p.addressed}, {p.role}{/each}\n";
  Diagnostics by_default;
  EXPECT_EQ(render(body, by_default), "ông Nguyễn Hữu Phước, debtor\n") << by_default.to_string();
  Diagnostics by_id;
  EXPECT_EQ(render(body, by_id, "2024-07-01", {{"nguoi", "vo"}}), "bà Võ Thị Ánh Tuyết, debtor\n") << by_id.to_string();
  Diagnostics by_role;
  EXPECT_EQ(render(body, by_role, "2024-07-01", {{"nguoi", "creditor"}}), "Ngân hàng A, creditor\n");
  Diagnostics unknown;
  EXPECT_EQ(render(body, unknown, "2024-07-01", {{"nguoi", "x9"}}), "");
  EXPECT_NE(
      unknown.to_string().find("[E0312] --set nguoi=\"x9\": hồ sơ C7 không có đương sự này (các mã: nh, ct, ck, vo)"),
      std::string::npos)
      << unknown.to_string();
}

TEST_F(Context, ListParametersSplitIntoItems) {
  const std::string body =
      "{@param name=\"ds\" type=\"list\" description=\"thành viên\"}\n"
      "{#each params.ds as m sep=\" / \"}{m.name} [{m.detail | default \"-\"}]{/each}\n";
  Diagnostics diagnostics;
  EXPECT_EQ(render(body, diagnostics, "2024-07-01", {{"ds", " Lê Thị Hoa, Phó Trưởng phòng ;Nguyễn Văn Minh; "}}),
            "Lê Thị Hoa [Phó Trưởng phòng] / Nguyễn Văn Minh [-]\n")
      << diagnostics.to_string();
  Diagnostics empty;
  render(body, empty, "2024-07-01", {{"ds", " ; "}});
  EXPECT_NE(empty.to_string().find("cần ít nhất một mục"), std::string::npos) << empty.to_string();
}

TEST_F(Context, SignaturesOfPartiesAndWitnessesInARecord) {
  Diagnostics diagnostics;
  EXPECT_EQ(render("{@signature signer=debtor title=\"Người phải thi hành án\"}\n"
                   "{@signature signer=creditor.representative title=\"Đại diện người được thi hành án\"}\n"
                   "{@signature signer=debtor.name title=creditor.name}\n"
                   "{@signature signer=officer title=\"Chấp hành viên\"}\n",
                   diagnostics),
            "NGƯỜI PHẢI THI HÀNH ÁN / Nguyễn Hữu Phước\n"
            "ĐẠI DIỆN NGƯỜI ĐƯỢC THI HÀNH ÁN / Trịnh Xuân Lộc\n"
            "NGÂN HÀNG A / Nguyễn Hữu Phước\n"
            "CHẤP HÀNH VIÊN / Đỗ Thị Ngọc Quyên\n")
      << diagnostics.to_string();
  // A party cannot sign without a capacity.
  Diagnostics no_title;
  render("{@signature signer=debtor}\n", no_title);
  EXPECT_TRUE(no_title.contains("E0310")) << no_title.to_string();
}

TEST_F(Context, TheDocumentSignerIsTheOfficerNotAWitness) {
  const Template* t = parse(
      "{@document name=\"Biên bản\" code=\"BB\"}\n"
      "{@signature signer=creditor.representative title=\"Đại diện\"}\n"
      "{@signature signer=officer title=\"Chấp hành viên\"}\n");
  ASSERT_NE(t, nullptr);
  Diagnostics diagnostics;
  RenderInput input{model::Ledger::of(the_case(), *model::Date::parse_iso("2024-07-01"))};
  const auto document = set_->render(*t, input, *law_, diagnostics);
  ASSERT_TRUE(document) << diagnostics.to_string();
  EXPECT_EQ(document->metadata.signer_name, "Đỗ Thị Ngọc Quyên");
  EXPECT_EQ(document->metadata.signer_position, "Chấp hành viên");
}

TEST_F(Context, AFailNamesWhatTheCaseLacks) {
  Diagnostics diagnostics;
  EXPECT_EQ(render("{#if not has(creditor.phone)}{@fail \"thiếu số điện thoại\"}{/if}\n", diagnostics), "");
  ASSERT_EQ(diagnostics.error_count(), 1U) << diagnostics.to_string();
  EXPECT_NE(diagnostics.to_string().find("[E0311] hồ sơ C7 không lập được t: thiếu số điện thoại"), std::string::npos)
      << diagnostics.to_string();
}

// Issue 18: an obligation's text is held once, by the case. Every list of the context that names an obligation
// (obligations, enforced, a debtor's, an event's) shares one value, which refers to the case's text instead of
// copying it: 4,500 obligations of 10,000 characters once cost a copy per list and per context.
TEST_F(Context, ObligationsAreSharedAndTheirTextsAreTheCases) {
  const Template* t = parse("{@document name=\"Quyết định\" code=\"QĐ\"}\n");
  ASSERT_NE(t, nullptr);
  RenderInput input{model::Ledger::of(the_case(), *model::Date::parse_iso("2024-07-01"))};
  Diagnostics diagnostics;
  const Value context = set_->context_for(*t, input, *law_, diagnostics);
  ASSERT_FALSE(diagnostics.has_errors()) << diagnostics.to_string();
  const model::Obligation& debt = the_case().obligations.front();
  const Value& listed = context.find("obligations")->as_list().front();
  ASSERT_EQ(listed.find("id")->as_text(), debt.id);
  EXPECT_EQ(&listed.find("text")->as_text(), &debt.text.value);
  const Value& enforced = context.find("enforced")->find("obligations")->as_list().front();
  EXPECT_EQ(&enforced.as_object(), &listed.as_object());
  const Value& owed = context.find("debtor")->find("obligations")->as_list().front();
  EXPECT_EQ(&owed.as_object(), &listed.as_object());
  const List& by_debtor = context.find("enforced")->find("debtors")->as_list().front().find("obligations")->as_list();
  EXPECT_EQ(&by_debtor.front().as_object(), &listed.as_object());
  // A party's name is the case's too.
  EXPECT_EQ(&context.find("debtor")->find("name")->as_text(), &the_case().parties[2].name.value);
}

// The applies="…" rule is about the case, never the request: render evaluates it on the document's own context only
// when it reads neither `params` nor `signer`, else on a context without the request's parameters, as before (here
// --set signing=TL. gives the signer two authority lines; the case alone, one).
TEST_F(Context, AnAppliesRuleNeverSeesTheRequestsParameters) {
  Diagnostics given;
  EXPECT_EQ(render("Có\n", given, "2024-07-01", {{"signing", "TL."}},
                   "{@document name=\"Quyết định\" code=\"QĐ\" applies=\"count(signer.authority_lines) == 1\"}"),
            "Có\n")
      << given.to_string();
  // A rule on the case alone, evaluated on the document's context, still refuses.
  Diagnostics refused;
  EXPECT_EQ(render("Có\n", refused, "2024-07-01", {{"signing", "TL."}},
                   "{@document name=\"Quyết định\" code=\"QĐ\" applies=\"not has(debtors)\"}"),
            "");
  EXPECT_TRUE(refused.contains("E0311")) << refused.to_string();
}

// Two values are the same: kind, position, confirmation and content, field by field.
void expect_same(const Value& expected, const Value& actual, const std::string& path) {
  ASSERT_EQ(expected.kind(), actual.kind()) << path;
  EXPECT_EQ(expected.loc().to_string(), actual.loc().to_string()) << path;
  EXPECT_EQ(expected.unconfirmed_key() ? *expected.unconfirmed_key() : "-",
            actual.unconfirmed_key() ? *actual.unconfirmed_key() : "-")
      << path;
  switch (expected.kind()) {
    case Value::Kind::absent: return;
    case Value::Kind::boolean: EXPECT_EQ(expected.as_boolean(), actual.as_boolean()) << path; return;
    case Value::Kind::number: EXPECT_EQ(expected.as_number(), actual.as_number()) << path; return;
    case Value::Kind::money: EXPECT_EQ(expected.as_money(), actual.as_money()) << path; return;
    case Value::Kind::date: EXPECT_EQ(expected.as_date(), actual.as_date()) << path; return;
    case Value::Kind::text: EXPECT_EQ(expected.as_text(), actual.as_text()) << path; return;
    case Value::Kind::list:
      ASSERT_EQ(expected.as_list().size(), actual.as_list().size()) << path;
      for (std::size_t i = 0; i < expected.as_list().size(); ++i)
        expect_same(expected.as_list()[i], actual.as_list()[i], path + "[" + std::to_string(i) + "]");
      return;
    case Value::Kind::object: {
      std::vector<std::string> expected_keys, actual_keys;
      for (const auto& [key, value] : expected.as_object()) expected_keys.push_back(key);
      for (const auto& [key, value] : actual.as_object()) actual_keys.push_back(key);
      ASSERT_EQ(expected_keys, actual_keys) << path;
      for (const auto& [key, value] : expected.as_object()) expect_same(value, *actual.find(key), path + "." + key);
      return;
    }
  }
}

// The template check builds the fields no template changes once per regime (CaseContext): every installed template
// gets, under every regime, the context build_context gives it, whatever the template before it was given (here every
// other template is asked for with --set signing=TL., which changes the signer's authority lines).
TEST_F(Context, ACaseContextGivesEveryTemplateWhatBuildContextGives) {
  std::vector<TemplateSource> sources;
  const std::filesystem::path root = test::source_dir() / "templates";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".vbt") continue;
    const std::string name = std::filesystem::relative(entry.path(), root).replace_extension().generic_string();
    sources.push_back({name, make_file_name(entry.path().string()), test::read_text(entry.path())});
  }
  Diagnostics parsed;
  const auto set = TemplateSet::parse(std::move(sources), parsed);
  ASSERT_TRUE(set) << parsed.to_string();
  ASSERT_GT(set->documents().size(), 10U);
  const model::OfficeProfile office = test::sample_office();
  for (const auto& regime : law_->regimes.regimes()) {
    RenderInput input{model::Ledger::of(the_case(), std::max(regime.from, *model::Date::parse_iso("2024-07-01")))};
    input.number = "7";
    input.office = &office;
    Diagnostics shared_diagnostics;
    CaseContext shared(input, *law_, shared_diagnostics);
    bool signing = false;
    for (const Template* document_template : set->documents()) {
      const auto parameters = set->parameters_of(*document_template);
      input.parameters.clear();
      for (const auto& parameter : parameters) input.parameters[parameter.name] = "debtor";
      if ((signing = !signing)) input.parameters["signing"] = "TL.";
      Diagnostics expected_diagnostics, actual_diagnostics;
      const Value expected = build_context(input, *law_, *document_template, parameters, expected_diagnostics);
      const Value actual = shared.for_template(*document_template, parameters, input.parameters, actual_diagnostics);
      expect_same(expected, actual, regime.id + ": " + document_template->name());
      EXPECT_EQ(expected_diagnostics.to_string(), shared_diagnostics.to_string() + actual_diagnostics.to_string())
          << document_template->name();
    }
  }
}

// Issue 18: a document that cannot fit (E0503: more than 800,000 characters) stops being written where its finished
// paragraphs pass the limit, instead of writing every obligation of a 60 MB case; layout refuses what was written at
// the same field, with the same message, as it refuses the whole document. A document that fits is written whole.
class TextLimit : public ::testing::Test {
 protected:
  // The case of kCase with `count` fines more, whose texts are `length` letters each.
  void read_case(std::size_t count, std::size_t length) {
    const std::string text(kCase);
    const std::size_t end = text.find("</obligations>");
    std::string listed;
    for (std::size_t i = 0; i < count; ++i)
      listed += "<obligation id=\"k" + std::to_string(i) + "\" kind=\"fine\" debtor=\"ck\" judgment=\"j\"><text>" +
                std::string(length, 'a') + "</text><amount>1000</amount></obligation>\n";
    cases_ = test::read_test_cases(text.substr(0, end) + listed + text.substr(end));
    ASSERT_TRUE(cases_);
  }

  // Renders `body` for the case, stopping beyond `stop` characters (0: never).
  std::optional<doc::Document> render(const std::string& body, std::size_t stop) {
    Diagnostics diagnostics;
    set_ = TemplateSet::parse({{"t", make_file_name("t.vbt"), "{@document name=\"Quyết định\" code=\"QĐ\"}\n" + body}},
                              diagnostics);
    EXPECT_TRUE(set_) << diagnostics.to_string();
    if (!set_) return std::nullopt;
    RenderInput input{model::Ledger::of(cases_->cases.front(), *model::Date::parse_iso("2024-07-01"))};
    input.stop_beyond_characters = stop;
    auto document = set_->render(*set_->find("t"), input, *law_, diagnostics);
    EXPECT_TRUE(document) << diagnostics.to_string();
    return document;
  }

  // What layout says of a document: its one E0503, formatted, or "" when it lays the document out.
  static std::string refusal(const doc::Document& document) {
    Diagnostics diagnostics;
    const auto pages = layout::lay_out(document, test::FixedMetrics{}, layout::Profile{}, diagnostics);
    if (!diagnostics.has_errors()) return pages.pages.empty() ? "no pages" : "";
    return diagnostics.error_count() == 1 ? format_diagnostic(diagnostics.list().front()) : diagnostics.to_string();
  }

  static std::size_t paragraphs(const doc::Document& document) {
    return static_cast<std::size_t>(std::count_if(document.blocks.begin(), document.blocks.end(), [](const auto& b) {
      return std::holds_alternative<doc::Paragraph>(b);
    }));
  }

  std::optional<rules::Law> law_ = test::load_law();
  std::optional<model::Register> cases_;
  std::optional<TemplateSet> set_;
};

TEST_F(TextLimit, ADocumentThatCannotFitStopsWhereLayoutRefusesIt) {
  read_case(100, 9990);
  const std::string body =
      "{#basis}\nCăn cứ hồ sơ {case.id};\n{/basis}\n{#article}\n{#each obligations as o}\n- {o.text};\n{/each}\n"
      "{/article}\n{#center}\nHết\n{/center}\n";
  const auto whole = render(body, 0);
  const auto stopped = render(body, layout::kMaxDocumentCharacters);
  ASSERT_TRUE(whole && stopped);
  EXPECT_EQ(paragraphs(*whole), 1U + 2U + 100U + 1U);
  EXPECT_LT(paragraphs(*stopped), 1U + 2U + 81U + 1U);  // the article stops within a fine past the 80th
  const std::string expected = refusal(*whole);
  EXPECT_NE(expected.find("[E0503]"), std::string::npos) << expected;
  EXPECT_EQ(expected.rfind("c.xml:", 0), 0U) << expected;  // at an obligation's text in the case
  EXPECT_EQ(refusal(*stopped), expected);
}

TEST_F(TextLimit, ADocumentAtTheLimitIsWrittenWholeAndOneCharacterMoreIsRefusedInTheSamePlace) {
  read_case(80, 10000);  // 800,000 characters: exactly the limit
  const std::string body = "{#each obligations as o}\n{#if o.kind == \"fine\"}\n{o.text}\n{/if}\n{/each}\n";
  const auto fits = render(body + "{@pagebreak}\n", layout::kMaxDocumentCharacters);
  ASSERT_TRUE(fits);
  EXPECT_EQ(paragraphs(*fits), 80U);
  EXPECT_TRUE(std::holds_alternative<doc::PageBreak>(fits->blocks.back()));  // written to its end
  // Not refused for its text (these wide test metrics need more than 200 pages for it, a later check).
  EXPECT_EQ(refusal(*fits).find("nội dung vượt"), std::string::npos) << refusal(*fits);
  // One letter before them: 800,001 characters, refused at the last obligation whether writing stops or not.
  const auto whole = render("A\n" + body, 0);
  const auto stopped = render("A\n" + body, layout::kMaxDocumentCharacters);
  ASSERT_TRUE(whole && stopped);
  const std::string expected = refusal(*whole);
  EXPECT_NE(expected.find("[E0503]"), std::string::npos) << expected;
  EXPECT_EQ(refusal(*stopped), expected);
  EXPECT_EQ(paragraphs(*stopped), 81U);
}

}  // namespace
}  // namespace vanban::templating
