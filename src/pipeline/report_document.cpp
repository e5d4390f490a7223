// The statistics report and the deadline list as BÁO CÁO documents, through doc → layout → pdf: the Nghị
// định 30 header, Số …/BC-…, the opening paragraph in the office's own wording, tables whose header row repeats on
// every page, a bar chart of the rates, the signature and nơi nhận.

#include <map>

#include "base/utf8.hpp"
#include "doc/document.hpp"
#include "layout/layout.hpp"
#include "layout/profile.hpp"
#include "pipeline/office.hpp"
#include "pipeline/report.hpp"
#include "rules/law.hpp"
#include "templating/context.hpp"
#include "text/case_mapping.hpp"
#include "text/dates.hpp"
#include "text/numbers.hpp"

namespace vanban::pipeline {

namespace {

std::string short_date(model::Date date) { return text::short_date(date.year(), date.month(), date.day()); }

doc::Run run(std::string text, bool bold = false, bool italic = false) {
  return doc::Run{std::move(text), bold, italic, {}, {}};
}

doc::Paragraph paragraph(std::vector<doc::Run> runs, doc::ParagraphRole role = doc::ParagraphRole::body) {
  return doc::Paragraph{role, std::move(runs), {}};
}

std::vector<std::vector<doc::Run>> cells(const std::vector<std::string>& values) {
  std::vector<std::vector<doc::Run>> out;
  for (const auto& value : values) out.push_back({run(value)});
  return out;
}

// The header, title and metadata every report document shares; `code` is the type code in the ký hiệu ("BC").
doc::Document opening(const std::optional<Office>& office, model::Date date, const std::string& type_name,
                      const std::string& code, const std::string& subject) {
  doc::Document document;
  doc::Header header;
  std::string agency_code = "THADS";
  if (office) {
    if (office->agency.parent) header.parent_agency = office->agency.parent->value;
    header.agency = office->agency.name.value;
    agency_code = office->agency.code.value;
    header.place_date = office->agency.place.value + ", " + text::long_date(date.year(), date.month(), date.day());
  } else {
    header.agency = "CƠ QUAN THI HÀNH ÁN DÂN SỰ";
    header.place_date = text::long_date(date.year(), date.month(), date.day());
  }
  // A draft: the number is given when the report is registered (Nghị định 30: Số:      /BC-…).
  header.number_line = "Số:      /" + code + "-" + agency_code;
  document.blocks.emplace_back(std::move(header));
  document.blocks.emplace_back(doc::Title{text::to_upper(type_name), {subject}, {}});
  auto& metadata = document.metadata;
  metadata.title = type_name + " " + subject;
  metadata.type_name = type_name;
  metadata.code_notation = code + "-" + agency_code;
  metadata.issued_date = date;
  metadata.organ_name = office ? office->agency.name.value : std::string();
  metadata.subject = subject;
  return document;
}

// The head's signature with nơi nhận.
void closing(doc::Document& document, const std::optional<Office>& office, std::vector<std::string> recipients) {
  doc::Signature signature;
  if (office && office->head) {
    signature.authority_lines = templating::authority_lines(office->head->position.value);
    signature.signer_name = office->head->name.value;
    document.metadata.signer_position = office->head->position.value;
    document.metadata.signer_name = office->head->name.value;
  } else {
    signature.authority_lines = {"THỦ TRƯỞNG CƠ QUAN"};
  }
  for (std::size_t i = 0; i < recipients.size(); ++i)
    signature.recipients.push_back("- " + recipients[i] + (i + 1 == recipients.size() ? "." : ";"));
  document.blocks.emplace_back(std::move(signature));
}

// "12 tháng năm 2024 (từ ngày 01/10/2023 đến ngày 30/9/2024)" for a period of the statistics year, else the dates.
std::string period_words(const reports::Period& period) {
  const std::string dates = "từ ngày " + short_date(period.from) + " đến ngày " + short_date(period.to);
  for (const int months : {3, 6, 10, 12}) {
    for (const int year : {period.to.year(), period.to.year() + 1}) {
      const auto standard = reports::statistics_period(year, months);
      if (standard && standard->from == period.from && standard->to == period.to)
        return std::to_string(months) + " tháng năm " + std::to_string(year) + " (" + dates + ")";
    }
  }
  return dates;
}

class StatisticsDocument {
 public:
  // `recipients`: the agency above the office and its procuracy, named.
  StatisticsDocument(const StatisticsReport& report, std::vector<std::string> recipients)
      : report_(report),
        statistics_(report.statistics),
        regime_(*report.statistics.regime),
        recipients_(std::move(recipients)) {}

  doc::Document build() {
    const std::string subject = "Kết quả thi hành án dân sự " + period_words(statistics_.period);
    doc::Document document = opening(report_.office, report_.options.date, "Báo cáo", "BC", subject);
    auto& blocks = document.blocks;
    blocks.emplace_back(paragraph({run("I. KẾT QUẢ THI HÀNH ÁN DÂN SỰ", true)}));
    for (auto& sentence : sentences()) blocks.emplace_back(paragraph({run(std::move(sentence))}));
    blocks.emplace_back(paragraph({run("II. SỐ LIỆU THEO BIỂU " + regime_.form_code, true)}));
    blocks.emplace_back(paragraph({run("Chế độ thống kê: " + regime_.name + ".", false, true)}));
    blocks.emplace_back(figures_table());
    if (!statistics_.rows.empty()) {
      blocks.emplace_back(paragraph({run("III. KẾT QUẢ THEO " + grouping_title(), true)}));
      blocks.emplace_back(rows_table());
      blocks.emplace_back(chart());
    }
    std::vector<std::string> recipients = recipients_;
    recipients.emplace_back("Lưu: VT, HSTK");
    closing(document, report_.office, std::move(recipients));
    document.metadata.keywords =
        regime_.form_code + ", " + short_date(statistics_.period.from) + "–" + short_date(statistics_.period.to);
    return document;
  }

 private:
  std::optional<reports::Figure> figure(std::string_view id) const {
    const auto index = regime_.column_index(id);
    if (!index) return std::nullopt;
    return statistics_.total.figures[*index];
  }

  std::optional<std::int64_t> rate(std::string_view id) const {
    for (const auto& value : statistics_.rates(statistics_.total))
      if (value.rate->id == id) return value.hundredths;
    return std::nullopt;
  }

  static std::string cases_and_money(const reports::Figure& f) {
    return text::group_thousands(f.cases) + " việc, tương ứng số tiền " + text::money_in_units(f.money);
  }

  // ", vượt 5,37 % so với chỉ tiêu 47,50 %", or "" without a target.
  static std::string versus(const std::optional<std::int64_t>& value, const std::optional<std::int64_t>& target) {
    if (!value || !target) return "";
    const std::int64_t difference = *value - *target;
    const std::string goal = " so với chỉ tiêu " + percent_text(target) + " %";
    if (difference > 0) return ", vượt " + percent_text(difference) + " %" + goal;
    if (difference < 0) return ", thấp hơn " + percent_text(-difference) + " %" + goal;
    return ", đạt đúng chỉ tiêu " + percent_text(target) + " %";
  }

  // The office's own wording (DOMAIN.md §4: "… đã ban hành 979 quyết định thi hành án, trong đó 909 quyết định thi
  // hành án chủ động, 70 quyết định thi hành án theo yêu cầu …").
  std::vector<std::string> sentences() const {
    std::vector<std::string> out;
    const std::string period = "Trong kỳ báo cáo (" + period_words(statistics_.period) + ")";
    const auto fresh = figure("moi"), ex_officio = figure("moi-chu-dong"), on_request = figure("moi-theo-yeu-cau");
    if (fresh && ex_officio && on_request)
      out.push_back(period + ", đơn vị đã ban hành " + text::group_thousands(fresh->cases) +
                    " quyết định thi hành án, trong đó " + text::group_thousands(ex_officio->cases) +
                    " quyết định thi hành án chủ động, " + text::group_thousands(on_request->cases) +
                    " quyết định thi hành án theo yêu cầu.");
    const auto total = figure("tong-thu-ly"), old = figure("cu");
    if (total && old && fresh)
      out.push_back("Tổng số thụ lý " + cases_and_money(*total) + " (cũ chuyển sang " + cases_and_money(*old) +
                    "; thụ lý mới " + cases_and_money(*fresh) + ").");
    const auto due = figure("phai-thi-hanh"), able = figure("co-dieu-kien"), unable = figure("chua-co-dieu-kien");
    if (due && able && unable)
      out.push_back("Tổng số phải thi hành " + cases_and_money(*due) + "; trong đó có điều kiện thi hành " +
                    cases_and_money(*able) + ", chưa có điều kiện thi hành " + cases_and_money(*unable) + ".");
    const auto done = figure("xong");
    if (done)
      out.push_back("Số thi hành xong " + text::group_thousands(done->cases) + " việc, đạt " +
                    percent_text(rate("ty-le-viec")) + " %" + versus(rate("ty-le-viec"), report_.options.target_cases) +
                    "; số tiền thi hành xong " + text::money_in_units(done->money) + ", đạt " +
                    percent_text(rate("ty-le-tien")) + " %" + versus(rate("ty-le-tien"), report_.options.target_money) +
                    ".");
    const auto next = figure("chuyen-ky-sau");
    if (next)
      out.push_back("Chuyển kỳ sau " + cases_and_money(*next) + "; số tiền có điều kiện chuyển kỳ sau chiếm " +
                    percent_text(rate("ty-le-tien-chuyen-ky-sau")) + " %.");
    return out;
  }

  std::string grouping_title() const {
    switch (statistics_.grouping) {
      case reports::Grouping::officer: return "CHẤP HÀNH VIÊN";
      case reports::Grouping::kind: return "LOẠI VIỆC";
      case reports::Grouping::month: return "THÁNG";
      case reports::Grouping::none: break;
    }
    return "";
  }

  doc::Table figures_table() const {
    doc::Table table;
    table.columns = {{"Số", doc::CellAlign::center},
                     {"Chỉ tiêu", doc::CellAlign::left},
                     {"Việc", doc::CellAlign::right},
                     {"Tiền (đồng)", doc::CellAlign::right}};
    for (std::size_t c = 0; c < regime_.columns.size(); ++c) {
      const auto& column = regime_.columns[c];
      const auto& f = statistics_.total.figures[c];
      table.rows.push_back(
          cells({column.number, column.label, text::group_thousands(f.cases), text::group_thousands(f.money)}));
    }
    for (const auto& value : statistics_.rates(statistics_.total))
      table.rows.push_back(cells({"", value.rate->label + " (%)",
                                  value.rate->of == rules::Measure::cases ? percent_text(value.hundredths) : "",
                                  value.rate->of == rules::Measure::money ? percent_text(value.hundredths) : ""}));
    return table;
  }

  doc::Table rows_table() const {
    doc::Table table;
    const auto able = regime_.column_index("co-dieu-kien"), done = regime_.column_index("xong");
    table.columns = {{"STT", doc::CellAlign::center},
                     {"Đơn vị", doc::CellAlign::left},
                     {"Có điều kiện (việc)", doc::CellAlign::right},
                     {"Xong (việc)", doc::CellAlign::right},
                     {"Tỷ lệ việc (%)", doc::CellAlign::right},
                     {"Có điều kiện (tiền, đồng)", doc::CellAlign::right},
                     {"Xong (tiền, đồng)", doc::CellAlign::right},
                     {"Tỷ lệ tiền (%)", doc::CellAlign::right}};
    std::size_t number = 0;
    for (const auto& row : statistics_.rows) {
      const reports::Figure a = able ? row.figures[*able] : reports::Figure{};
      const reports::Figure d = done ? row.figures[*done] : reports::Figure{};
      table.rows.push_back(
          cells({std::to_string(++number), row.label, text::group_thousands(a.cases), text::group_thousands(d.cases),
                 percent_text(reports::rate_hundredths(d.cases, a.cases)), text::group_thousands(a.money),
                 text::group_thousands(d.money), percent_text(reports::rate_hundredths(d.money, a.money))}));
    }
    return table;
  }

  doc::BarChart chart() const {
    doc::BarChart chart;
    chart.title = "Tỷ lệ thi hành xong về việc theo " + text::to_lower(grouping_title()) + " (%)";
    const auto able = regime_.column_index("co-dieu-kien"), done = regime_.column_index("xong");
    for (const auto& row : statistics_.rows) {
      const auto value =
          able && done ? reports::rate_hundredths(row.figures[*done].cases, row.figures[*able].cases) : std::nullopt;
      // Under a bar there is room for "3/2024", not for "Tháng 3/2024" (the key is "2024-03").
      const std::string label = statistics_.grouping == reports::Grouping::month
                                    ? std::to_string(std::stoi(row.key.substr(5))) + "/" + row.key.substr(0, 4)
                                    : row.label;
      chart.bars.push_back({label, value ? static_cast<double>(*value) / 100.0 : 0.0, percent_text(value)});
    }
    if (report_.options.target_cases) {
      chart.target = static_cast<double>(*report_.options.target_cases) / 100.0;
      chart.target_label = "Chỉ tiêu " + percent_text(report_.options.target_cases) + " %";
    }
    return chart;
  }

  const StatisticsReport& report_;
  const reports::Statistics& statistics_;
  const rules::StatisticsRegime& regime_;
  const std::vector<std::string> recipients_;
};

}  // namespace

Bytes statistics_pdf(const Engine& engine, const StatisticsReport& report, Diagnostics& diagnostics) {
  // The BÁO CÁO's issuer is a body that exists on its date, as a document's is (E0320, naming what exists instead): a
  // case's Chi cục of before 07/2025 does not issue a report dated after it.
  if (report.office) {
    model::Case issuer;
    issuer.agency = report.office->agency;
    if (report.office->head) issuer.officers.push_back(*report.office->head);
    if (!check_bodies(issuer, engine.law().regimes, nullptr, report.options.date, diagnostics)) return Bytes();
  }
  // It goes to the agency above the office and to its procuracy, each named (never "cấp trên", "cùng cấp"): the
  // procuracy configured, else the one of the agency's level on the date; the agency above from the law data.
  const std::string date = report.options.date.to_dmy();
  std::string superior, procuracy = report.office ? report.office->procuracy : std::string();
  if (report.office) {
    superior = templating::superior_agency(report.office->agency, engine.law().regimes, report.options.date);
    if (procuracy.empty())
      procuracy = templating::level_bodies(report.office->agency, engine.law().regimes, report.options.date).procuracy;
  }
  if (superior.empty())
    diagnostics.error("E0908", SourceLoc{},
                      "chưa xác định được cơ quan thi hành án cấp trên nhận Báo cáo vào ngày " + date +
                          ": ghi cơ quan chủ quản (parent trong [[office.names]] của tệp cấu hình, hoặc <parent> "
                          "của <agency> trong hồ sơ)");
  if (procuracy.empty())
    diagnostics.error("E0908", SourceLoc{},
                      "chưa xác định được Viện kiểm sát nhận Báo cáo vào ngày " + date +
                          ": ghi procuracy trong [office] của tệp cấu hình");
  if (superior.empty() || procuracy.empty()) return Bytes();
  const auto bytes =
      engine.render_document(StatisticsDocument(report, {superior, procuracy}).build(), layout::Profile{}, diagnostics);
  return bytes.value_or(Bytes());
}

Bytes deadlines_pdf(const Engine& engine, const DeadlineList& list, Diagnostics& diagnostics) {
  const auto& options = list.options;
  std::string subject = "Các việc đến hạn, quá hạn ngày " + short_date(options.as_of);
  if (options.within > 0) subject += " và đến hạn trong " + std::to_string(options.within) + " ngày làm việc tới";
  doc::Document document = opening(list.office, options.as_of, "Báo cáo", "BC", subject);
  auto& blocks = document.blocks;
  blocks.emplace_back(
      paragraph({run("Danh sách các bước thi hành án đã quá hạn hoặc sắp đến hạn theo thời hạn luật "
                     "định (tính theo ngày làm việc), và các hồ sơ đề xuất xét miễn, giảm hoặc vận "
                     "động, thuyết phục; việc quá hạn lâu nhất ở đầu danh sách. Tổng số: " +
                     std::to_string(list.items.size()) + " việc.")}));
  doc::Table table;
  table.columns = {{"Mức độ", doc::CellAlign::left},       {"Hồ sơ", doc::CellAlign::left},
                   {"Việc cần làm", doc::CellAlign::left}, {"Hạn", doc::CellAlign::center},
                   {"Căn cứ", doc::CellAlign::left},       {"Chấp hành viên", doc::CellAlign::left}};
  // Rows past the document's limit of characters are not made: layout refuses the document where its text passes the
  // limit (E0503, before any layout), whatever follows, and a long list's rows would be held for nothing.
  std::size_t characters = 0;
  for (const auto& item : list.items) {
    if (characters > layout::kMaxDocumentCharacters) break;
    const auto& d = item.deadline;
    const std::string urgency = d.days < 0    ? "Quá hạn " + std::to_string(-d.days) + " ngày"
                                : d.days == 0 ? "Đến hạn hôm nay"
                                              : "Còn " + std::to_string(d.days) + " ngày";
    table.rows.push_back(cells({urgency, d.case_id + " (" + d.debtor + ")",
                                d.label + (d.template_name.empty() ? "" : " (mẫu " + d.template_name + ")"),
                                short_date(d.due), d.basis + (d.confirmed ? "" : " (chưa xác nhận)"), d.officer}));
    for (const auto& cell : table.rows.back())
      for (const auto& run : cell) characters += utf8::length(run.text);
  }
  if (!table.rows.empty()) blocks.emplace_back(std::move(table));
  closing(document, list.office, {"Các Chấp hành viên", "Lưu: VT"});
  const auto bytes = engine.render_document(document, layout::Profile{}, diagnostics);
  return bytes.value_or(Bytes());
}

}  // namespace vanban::pipeline
