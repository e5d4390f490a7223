// What makes a document signable unedited (issue 19), checked on every sample case.
//
// Issuer = authority = signer's body (DOMAIN.md §6: who decides what under each regime): for every sample case ×
// every template meant for it, the body the header names as issuer is the body whose head the deciding-authority line
// and the signature block name. Since 07/2025 the provincial head decides for a Phòng khu vực: the header then names
// the provincial agency, never the Phòng under a provincial authority.

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "doc/document.hpp"
#include "pipeline/engine.hpp"
#include "support/engine.hpp"
#include "support/paths.hpp"

namespace vanban {
namespace {

const pipeline::Engine& engine() { return test::shared_engine(); }

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The head's title a signature's first authority line names, without its signing prefix ("KT. CHI CỤC TRƯỞNG" →
// "CHI CỤC TRƯỞNG"), or "" when it names no head (a Chấp hành viên, a party).
std::string head_title(const doc::Signature& signature) {
  if (signature.authority_lines.empty()) return {};
  std::string line = signature.authority_lines.front();
  for (const char* prefix : {"KT. ", "Q. ", "TL. ", "TUQ. ", "TM. "})
    if (starts_with(line, prefix)) line = line.substr(std::string(prefix).size());
  return line.find("TRƯỞNG") != std::string::npos ? line : std::string();
}

// Whether a head titled `title` heads the body `issuer`: "CHI CỤC TRƯỞNG" heads a "CHI CỤC …", "TRƯỞNG THI HÀNH ÁN
// DÂN SỰ TỈNH" a "THI HÀNH ÁN DÂN SỰ TỈNH …".
bool heads(const std::string& title, const std::string& issuer) {
  static const std::string kHead = "TRƯỞNG";
  if (starts_with(title, kHead + " ")) return starts_with(issuer, title.substr(kHead.size() + 1));
  if (ends_with(title, " " + kHead)) return starts_with(issuer, title.substr(0, title.size() - kHead.size()));
  return false;
}

// Every paragraph's text of a document, one per line.
std::string text_of(const doc::Document& document) {
  std::string out;
  for (const auto& block : document.blocks)
    if (const auto* paragraph = std::get_if<doc::Paragraph>(&block)) out += doc::plain_text(paragraph->runs) + "\n";
  return out;
}

// Every word a reader sees: paragraphs, the addressee, table cells and the Nơi nhận lines, one per line.
std::string all_text(const doc::Document& document) {
  std::string out = text_of(document);
  for (const auto& block : document.blocks) {
    if (const auto* addressee = std::get_if<doc::Addressee>(&block))
      for (const auto& line : addressee->lines) out += doc::plain_text(line) + "\n";
    if (const auto* table = std::get_if<doc::Table>(&block))
      for (const auto& row : table->rows)
        for (const auto& cell : row) out += doc::plain_text(cell) + "\n";
    if (const auto* signature = std::get_if<doc::Signature>(&block))
      for (const auto& line : signature->recipients) out += line + "\n";
  }
  return out;
}

// Every sample case's document from every template meant for it (the `--describe` examples for its parameters), with
// `check` called on each; a document that cannot be made fails the test.
void each_sample_document(
    const std::function<void(const std::string& where, const model::Case&, const doc::Document&)>& check) {
  const model::Date today = *model::Date::parse_iso("2024-10-15");
  for (const auto& path : test::all_sample_cases()) {
    Diagnostics read;
    const auto cases = engine().read_cases(test::read_text(path), path.string(), read);
    if (!cases || cases->cases.size() != 1) continue;
    const model::Case& the_case = cases->cases.front();
    for (const auto& name : engine().templates_for(the_case, today)) {
      pipeline::RenderOptions options;
      options.template_name = name;
      options.today = today;
      if (const auto described = engine().describe(name))
        for (const auto& parameter : described->parameters)
          if (parameter.required) options.parameters[parameter.name] = parameter.example;
      Diagnostics diagnostics;
      const auto document = engine().document(the_case, options, diagnostics);
      ASSERT_TRUE(document) << path << " " << name << "\n" << diagnostics.to_string();
      check(path.filename().string() + " × " + name, the_case, *document);
    }
  }
}

TEST(Issuer, TheHeaderTheAuthorityAndTheSignerNameOneBodyInEveryDocument) {
  int checked = 0;
  each_sample_document([&](const std::string& where, const model::Case&, const doc::Document& document) {
    const doc::Header* header = nullptr;
    bool after_title = false;
    for (const auto& block : document.blocks) {
      if (const auto* found = std::get_if<doc::Header>(&block)) header = found;
      if (std::holds_alternative<doc::Title>(block)) after_title = true;
      ASSERT_NE(header, nullptr) << where;
      if (const auto* paragraph = std::get_if<doc::Paragraph>(&block);
          paragraph && after_title && paragraph->role == doc::ParagraphRole::heading) {
        // The deciding authority under the title: "CHI CỤC TRƯỞNG CHI CỤC …", "TRƯỞNG THI HÀNH ÁN DÂN SỰ TỈNH …".
        const std::string authority = doc::plain_text(paragraph->runs);
        after_title = false;
        if (authority.find("TRƯỞNG") == std::string::npos) continue;
        EXPECT_TRUE(ends_with(authority, header->agency))
            << where << ": header " << header->agency << ", authority " << authority;
        ++checked;
      }
      if (const auto* signature = std::get_if<doc::Signature>(&block)) {
        const std::string title = head_title(*signature);
        if (title.empty()) continue;
        EXPECT_TRUE(heads(title, header->agency)) << where << ": header " << header->agency << ", signed " << title;
        ++checked;
      }
    }
  });
  EXPECT_GT(checked, 40);
}

// An organisation signs a record through its representative, as "ĐẠI DIỆN …": its name is never the signer's.
TEST(Signatures, NoOrganisationSignsInItsOwnName) {
  int checked = 0;
  each_sample_document([&](const std::string& where, const model::Case& the_case, const doc::Document& document) {
    for (const auto& block : document.blocks) {
      const auto* signature = std::get_if<doc::Signature>(&block);
      if (signature == nullptr) continue;
      ++checked;
      for (const auto& party : the_case.parties) {
        if (party.kind == model::PartyKind::organization) {
          EXPECT_NE(signature->signer_name, party.name.value) << where;
        }
      }
    }
  });
  EXPECT_GT(checked, 40);
}

// No placeholder a clerk would have to fill: a person of unknown gender is named without an honorific, never
// "ông/bà".
TEST(Placeholders, NoHonorificPlaceholderInAnyDocument) {
  int checked = 0;
  each_sample_document([&](const std::string& where, const model::Case&, const doc::Document& document) {
    std::string text = text_of(document);
    for (const auto& block : document.blocks)
      if (const auto* addressee = std::get_if<doc::Addressee>(&block))
        for (const auto& line : addressee->lines) text += doc::plain_text(line) + "\n";
    EXPECT_EQ(text.find("ông/bà"), std::string::npos) << where;
    EXPECT_EQ(text.find("Ông/bà"), std::string::npos) << where;
    EXPECT_EQ(text.find("Ông/Bà"), std::string::npos) << where;
    ++checked;
  });
  EXPECT_GT(checked, 100);
}

// No body left unnamed as a template has it ("Ủy ban nhân dân cấp xã nơi có tài sản", "Cơ quan Công an cùng cấp"): it
// is named from the case (the commune of the asset, the debtor's residence) or the office, or the template refuses.
TEST(Placeholders, NoUnnamedBodyInAnyDocument) {
  int checked = 0;
  each_sample_document([&](const std::string& where, const model::Case&, const doc::Document& document) {
    const std::string text = all_text(document);
    for (const char* placeholder : {"cấp xã nơi", "cùng cấp", "nơi có tài sản", "nơi tổ chức cưỡng chế"})
      EXPECT_EQ(text.find(placeholder), std::string::npos) << where << ": " << placeholder << "\n" << text;
    ++checked;
  });
  EXPECT_GT(checked, 100);
}

// A ground states the limb that applies in the case's terms (the event's reason, the verification's findings) and cites
// the law's point, clause and article (the 2025 law's where confirmed): never the statute's either/or text, nor a
// "Trường hợp …" fragment pasted after the reason.
TEST(Grounds, EveryGroundStatesTheCasesLimbAndCitesItsPoint) {
  int checked = 0;
  each_sample_document([&](const std::string& where, const model::Case&, const doc::Document& document) {
    for (const auto& block : document.blocks) {
      const auto* paragraph = std::get_if<doc::Paragraph>(&block);
      if (paragraph == nullptr) continue;
      const std::string text = doc::plain_text(paragraph->runs);
      if (text.rfind("Lý do", 0) != 0) continue;
      ++checked;
      EXPECT_EQ(text.find(". Trường hợp"), std::string::npos) << where << ": " << text;
      EXPECT_EQ(text.find("hoặc có thu nhập chỉ bảo đảm"), std::string::npos) << where << ": " << text;
      if (text.find("số 106/2025/QH15") == std::string::npos && text.find(" Luật ") != std::string::npos) {
        EXPECT_NE(text.find("khoản "), std::string::npos) << where << ": " << text;
      }
    }
  });
  EXPECT_GE(checked, 8);
}

// The shared case of the new regime: a Phòng khu vực whose decision the provincial head signs is issued by the
// province, with the province's parent line.
TEST(Issuer, AProvincialHeadsDecisionForAPhongIsIssuedByTheProvince) {
  const auto path = test::shared_cases_dir() / "che-do-moi-2026.xml";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no shared cases";
  Diagnostics diagnostics;
  const auto cases = engine().read_cases(test::read_text(path), path.string(), diagnostics);
  ASSERT_TRUE(cases);
  pipeline::RenderOptions options;
  options.template_name = "qd-tha-theo-yeu-cau";
  options.today = *model::Date::parse_iso("2026-07-24");
  const auto document = engine().document(cases->cases.front(), options, diagnostics);
  ASSERT_TRUE(document) << diagnostics.to_string();
  const auto& header = std::get<doc::Header>(document->blocks.front());
  EXPECT_EQ(header.agency, "THI HÀNH ÁN DÂN SỰ TỈNH NGHỆ AN");
  EXPECT_EQ(header.parent_agency.value_or(""), "CỤC QUẢN LÝ THI HÀNH ÁN DÂN SỰ");
  // A document the Chấp hành viên signs stays the Phòng's.
  options.template_name = "giay-trieu-tap";
  options.parameters["thoi-gian"] = "08 giờ 00 phút ngày 30 tháng 7 năm 2026";
  const auto summons = engine().document(cases->cases.front(), options, diagnostics);
  ASSERT_TRUE(summons) << diagnostics.to_string();
  EXPECT_EQ(std::get<doc::Header>(summons->blocks.front()).agency, "PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 9");
}

// The ex-officio decision carries every part of the judgment it enforces: each evidence item the judgment confiscates,
// destroys or gives back is in it (a destruction council's decision later cites it).
TEST(Evidence, EveryEvidenceItemOfTheJudgmentIsInTheExOfficioDecision) {
  int checked = 0;
  for (const auto& path : test::all_sample_cases()) {
    Diagnostics read;
    const auto cases = engine().read_cases(test::read_text(path), path.string(), read);
    if (!cases) continue;
    for (const auto& the_case : cases->cases) {
      if (the_case.evidence.empty() || the_case.enforcement.mode != model::EnforcementMode::ex_officio) continue;
      pipeline::RenderOptions options;
      options.template_name = "qd-tha-chu-dong";
      options.today = *model::Date::parse_iso("2024-10-15");
      Diagnostics diagnostics;
      const auto document = engine().document(the_case, options, diagnostics);
      ASSERT_TRUE(document) << path << "\n" << diagnostics.to_string();
      const std::string text = text_of(*document);
      for (const auto& item : the_case.evidence) {
        EXPECT_NE(text.find("- " + item.text.value), std::string::npos) << path << ": " << item.text.value;
        ++checked;
      }
      if (the_case.evidence.front().disposition == model::Disposition::destroy) {
        EXPECT_NE(text.find("Tịch thu tiêu hủy các vật chứng, tài sản:"), std::string::npos) << path;
      }
    }
  }
  EXPECT_GE(checked, 3);
}

// A document of an example case's XML after `edit`, dated `date`; nullopt with the diagnostics in `problems`.
std::optional<doc::Document> edited_document(const std::string& example, const std::string& template_name,
                                             const std::function<std::string(std::string)>& edit,
                                             std::optional<model::Date> date, std::string& problems,
                                             const std::map<std::string, std::string, std::less<>>& parameters = {}) {
  const auto path = test::source_dir() / "examples" / (example + ".xml");
  Diagnostics diagnostics;
  const auto cases = engine().read_cases(edit(test::read_text(path)), path.string(), diagnostics);
  if (!cases) {
    problems = diagnostics.to_string();
    return std::nullopt;
  }
  pipeline::RenderOptions options;
  options.template_name = template_name;
  options.today = *model::Date::parse_iso("2024-10-15");
  options.date = date;
  if (const auto described = engine().describe(template_name))
    for (const auto& parameter : described->parameters)
      if (parameter.required) options.parameters[parameter.name] = parameter.example;
  for (const auto& [name, value] : parameters) options.parameters[name] = value;
  auto document = engine().document(cases->cases.front(), options, diagnostics);
  problems = diagnostics.to_string();
  return document;
}

// A document of an example case with `parameters`, or nullopt with the diagnostics in `problems`.
std::optional<doc::Document> document_of(const std::string& example, const std::string& template_name,
                                         const std::map<std::string, std::string, std::less<>>& parameters,
                                         std::string& problems) {
  return edited_document(
      example, template_name, [](std::string xml) { return xml; }, std::nullopt, problems, parameters);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// The bodies a coercion names come from the case and the agency's level: the commune of the asset (else of its
// owner), the police of the agency's district while it exists; what is not known is refused, naming what is missing.
TEST(Placeholders, TheCommuneAndThePoliceAreNamedOrTheDocumentIsRefused) {
  const auto same = [](std::string xml) { return xml; };
  std::string problems;
  const auto decision = edited_document("ke-bien-dau-gia", "qd-cuong-che", same, std::nullopt, problems);
  ASSERT_TRUE(decision) << problems;
  const std::string text = all_text(*decision);
  EXPECT_NE(text.find("Ủy ban nhân dân xã Vũ Quý, huyện Kiến Xương, tỉnh Thái Bình"), std::string::npos) << text;
  EXPECT_NE(text.find("Công an huyện Kiến Xương, tỉnh Thái Bình (phối hợp bảo vệ cưỡng chế)"), std::string::npos)
      << text;
  // The district police ended before the Chi cục did (rules/law.xml): refused, naming the configuration key.
  EXPECT_FALSE(
      edited_document("ke-bien-dau-gia", "qd-cuong-che", same, model::Date::parse_iso("2025-04-01"), problems));
  EXPECT_NE(problems.find("E0311"), std::string::npos) << problems;
  EXPECT_NE(problems.find("ghi police trong [office]"), std::string::npos) << problems;
  // No commune in the asset's description nor in its owner's address.
  const auto nowhere = [](std::string xml) {
    return replaced(replaced(xml, "thôn Trung Tiến, xã Vũ Quý, ", ""), "Thôn Trung Tiến, xã Vũ Quý, ", "");
  };
  EXPECT_FALSE(edited_document("ke-bien-dau-gia", "qd-cuong-che", nowhere, std::nullopt, problems));
  EXPECT_NE(problems.find("không xác định được xã, phường nơi có tài sản"), std::string::npos) << problems;
  EXPECT_FALSE(edited_document("ke-bien-dau-gia", "tb-cuong-che", nowhere, std::nullopt, problems));
  EXPECT_NE(problems.find("không xác định được xã, phường nơi có tài sản"), std::string::npos) << problems;
}

// Dates checked against each other where the document's date is known: a document dated before the judgment it
// enforces (W0324, at the judgment), before the decision or the event it records (W0325) is doubtful, and a
// deadline it sets cannot fall before it (E0326).
TEST(Dates, TheDocumentsDateComesAfterWhatItReliesOn) {
  const auto same = [](std::string xml) { return xml; };
  std::string problems;
  edited_document("ke-bien-dau-gia", "thong-bao-tha", same, model::Date::parse_iso("2023-12-01"), problems);
  EXPECT_NE(problems.find("ke-bien-dau-gia.xml:19:"), std::string::npos) << problems;
  EXPECT_NE(problems.find("[W0324] ngày văn bản 01/12/2023 trước ngày Bản án số 31/2023/DS-ST"), std::string::npos)
      << problems;
  // After the judgment, before the decision it rests on: made, with a warning at the decision.
  EXPECT_TRUE(
      edited_document("ke-bien-dau-gia", "thong-bao-tha", same, model::Date::parse_iso("2024-03-01"), problems));
  EXPECT_NE(problems.find("ke-bien-dau-gia.xml:63:"), std::string::npos) << problems;
  EXPECT_NE(problems.find("[W0325] ngày văn bản 01/03/2024 trước ngày quyết định thi hành án"), std::string::npos)
      << problems;
  // A record dated (--date) before the event it records.
  edited_document("ke-bien-dau-gia", "bb-ke-bien", same, model::Date::parse_iso("2024-05-01"), problems);
  EXPECT_NE(problems.find("[W0325] ngày văn bản 01/05/2024 trước ngày của diễn biến mà văn bản ghi (27/05/2024)"),
            std::string::npos)
      << problems;
  // Its own date: no warning.
  EXPECT_TRUE(edited_document("ke-bien-dau-gia", "thong-bao-tha", same, std::nullopt, problems));
  EXPECT_EQ(problems.find("W0325"), std::string::npos) << problems;
}

TEST(Dates, ADeadlineCannotFallBeforeTheDocumentThatSetsIt) {
  std::string problems;
  EXPECT_FALSE(document_of("ke-bien-dau-gia", "bb-giai-quyet", {{"han", "2024-01-31"}}, problems));
  EXPECT_NE(problems.find("[E0326] --set han=\"2024-01-31\": thời hạn thực hiện thỏa thuận 31/01/2024 trước ngày "
                          "văn bản (15/04/2024)"),
            std::string::npos)
      << problems;
  EXPECT_NE(problems.find("templates/bb-giai-quyet.vbt:9:"), std::string::npos) << problems;
  EXPECT_TRUE(document_of("ke-bien-dau-gia", "bb-giai-quyet", {{"han", "2024-06-30"}}, problems)) << problems;
}

// The no-means decision's ground is the verification's finding under the point that applies; an either/or point with no
// reason in the case is refused rather than pasted whole.
TEST(Grounds, TheLimbComesFromTheCase) {
  std::string problems;
  const auto no_means =
      document_of("chua-co-dieu-kien-dia-chi", "qd-chua-co-dieu-kien", {{"truong-hop", "a"}}, problems);
  ASSERT_TRUE(no_means) << problems;
  EXPECT_NE(text_of(*no_means).find("Lý do (điểm a khoản 1 Điều 44a Luật Thi hành án dân sự): Người phải thi hành án "
                                    "không có tài sản, không có thu nhập ổn định"),
            std::string::npos)
      << text_of(*no_means);
  const auto postponed = document_of("hoan-dong-y", "qd-hoan-tha", {{"truong-hop", "c"}}, problems);
  ASSERT_TRUE(postponed) << problems;
  EXPECT_NE(text_of(*postponed)
                .find("Lý do hoãn (điểm c khoản 1 Điều 48 Luật Thi hành án dân sự): Người được thi "
                      "hành án và người phải thi hành án có văn bản thỏa thuận"),
            std::string::npos)
      << text_of(*postponed);
  const auto no_reason = [](std::string xml) {
    const std::size_t at = xml.find(" reason=\"Người được thi hành án và người phải thi hành án có văn bản");
    return at == std::string::npos ? xml : xml.erase(at, xml.find('"', xml.find('"', at) + 1) + 1 - at);
  };
  EXPECT_TRUE(edited_document("hoan-dong-y", "qd-hoan-tha", no_reason, std::nullopt, problems, {{"truong-hop", "c"}}));
  EXPECT_FALSE(edited_document("hoan-dong-y", "qd-hoan-tha", no_reason, std::nullopt, problems, {{"truong-hop", "a"}}));
  EXPECT_NE(problems.find("ghi lý do hoãn theo hồ sơ"), std::string::npos) << problems;
}

// The postponement's end, when the case knows it, is printed as a date; the law's wording only when it does not.
TEST(Postponement, TheAgreedDateIsPrinted) {
  const auto same = [](std::string xml) { return xml; };
  std::string problems;
  const auto dated = edited_document("hoan-dong-y", "qd-hoan-tha", same, std::nullopt, problems, {{"truong-hop", "c"}});
  ASSERT_TRUE(dated) << problems;
  EXPECT_NE(text_of(*dated).find("Thời hạn hoãn: đến hết ngày 05 tháng 12 năm 2024."), std::string::npos)
      << text_of(*dated);
  EXPECT_EQ(text_of(*dated).find("theo thời hạn các đương sự đã thỏa thuận"), std::string::npos) << text_of(*dated);
  const auto undated = edited_document("hoan-dong-y", "qd-hoan-tha",
                                       [](std::string xml) { return replaced(xml, " until=\"2024-12-05\"", ""); },
                                       std::nullopt, problems, {{"truong-hop", "c"}});
  ASSERT_TRUE(undated) << problems;
  EXPECT_NE(text_of(*undated).find("Thời hạn hoãn: theo thời hạn các đương sự đã thỏa thuận bằng văn bản."),
            std::string::npos)
      << text_of(*undated);
}

// The remission of a fine is requested by the procuracy (Luật THADS 2008 Điều 62): the office sends the file to the
// procuracy; the office's own request to the court is for the other State revenue only.
TEST(Remission, AFineGoesToTheProcuracyOtherStateRevenueToTheCourt) {
  std::string problems;
  const auto fine = document_of("mien-giam-tien-phat", "de-nghi-mien-giam", {}, problems);
  ASSERT_TRUE(fine) << problems;
  std::string addressee;
  for (const auto& block : fine->blocks)
    if (const auto* found = std::get_if<doc::Addressee>(&block))
      for (const auto& line : found->lines) addressee += doc::plain_text(line);
  EXPECT_EQ(addressee, "Viện trưởng Viện kiểm sát nhân dân huyện Hương Khê, tỉnh Hà Tĩnh");
  const std::string text = text_of(*fine);
  EXPECT_NE(text.find("việc đề nghị xét miễn, giảm khoản tiền phạt do Viện trưởng Viện kiểm sát thực hiện"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Số tiền phạt còn phải thi hành: 3.500.000 đồng"), std::string::npos) << text;
  EXPECT_EQ(text.find("Đề nghị Tòa án"), std::string::npos) << text;
  EXPECT_EQ(text.find("Án phí"), std::string::npos) << text;  // paid, and not the procuracy's to request
  // The office asks the court only for what is not a fine: here nothing is left.
  EXPECT_FALSE(document_of("mien-giam-tien-phat", "de-nghi-mien-giam", {{"khoan", "khac"}}, problems));
  EXPECT_NE(problems.find("không còn khoản thu nào khác cho Nhà nước"), std::string::npos) << problems;
}

// A representative's gender, when the case gives it, is the honorific before the name (none without it).
TEST(Placeholders, ARepresentativesGenderGivesTheHonorific) {
  std::string problems;
  const auto letter = document_of("doanh-nghiep-no-hang", "qd-tha-theo-yeu-cau", {}, problems);
  ASSERT_TRUE(letter) << problems;
  EXPECT_NE(text_of(*letter).find("người đại diện: ông Lưu Quang Vũ"), std::string::npos) << text_of(*letter);
}

// The law's interval between verifications: at least every 6 months, but once a year when the address is unknown
// (Luật THADS 2008 khoản 2 Điều 44).
TEST(NoMeans, AnUnknownAddressIsVerifiedAgainOnceAYear) {
  std::string problems;
  const auto address =
      document_of("chua-co-dieu-kien-dia-chi", "qd-chua-co-dieu-kien", {{"truong-hop", "c"}}, problems);
  ASSERT_TRUE(address) << problems;
  EXPECT_NE(text_of(*address).find("ít nhất 12 tháng một lần"), std::string::npos) << text_of(*address);
  const auto means = document_of("chua-co-dieu-kien-dia-chi", "qd-chua-co-dieu-kien", {{"truong-hop", "a"}}, problems);
  ASSERT_TRUE(means) << problems;
  EXPECT_NE(text_of(*means).find("ít nhất 06 tháng một lần"), std::string::npos) << text_of(*means);
}

}  // namespace
}  // namespace vanban
