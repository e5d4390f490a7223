#include "pipeline/engine.hpp"

#include <algorithm>

#include "base/base64.hpp"
#include "base/error.hpp"
#include "base/file_io.hpp"
#include "base/line_index.hpp"
#include "base/suggest.hpp"
#include "base/system_error.hpp"
#include "layout/layout.hpp"
#include "pdf/font_set.hpp"
#include "pdf/writer.hpp"
#include "pipeline/office.hpp"
#include "rules/law.hpp"
#include "svg/writer.hpp"
#include "templating/template_set.hpp"
#include "text/case_mapping.hpp"
#include "text/numbers.hpp"
#include "xml/case_reader.hpp"

namespace vanban::pipeline {

namespace {
constexpr std::size_t kMaxTemplateSize = 1024U * 1024U;
constexpr const char* kTemplateExtension = ".vbt";

Bytes read_resource(const std::filesystem::path& path) {
  std::string problem;
  auto bytes = read_file(path, 16U * 1024U * 1024U, problem);
  if (!bytes) throw Error(errors::kResource, "không đọc được tệp dữ liệu: " + problem, path.string());
  return std::move(*bytes);
}

std::vector<templating::TemplateSource> template_sources(const std::filesystem::path& root) {
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec))
    throw Error(errors::kResource, "không có thư mục mẫu văn bản " + root.string(), root.string());
  std::vector<templating::TemplateSource> sources;
  for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != kTemplateExtension) continue;
    std::string name = std::filesystem::relative(it->path(), root).replace_extension().generic_string();
    std::string problem;
    auto text = read_file(it->path(), kMaxTemplateSize, problem);
    if (!text) throw Error(errors::kResource, "không đọc được mẫu văn bản: " + problem, it->path().string());
    sources.push_back({std::move(name), make_file_name(it->path().string()), std::move(*text)});
  }
  if (ec)
    throw Error(errors::kResource, "không liệt kê được các mẫu trong " + root.string() + ": " + system_error_text(ec),
                root.string());
  // Directory order is not stable; parsing order must be.
  std::sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return sources;
}

std::vector<templating::TemplateSource> template_sources(const std::filesystem::path& root,
                                                         const std::optional<std::filesystem::path>& overrides,
                                                         std::size_t& overridden) {
  auto sources = template_sources(root);
  if (!overrides) return sources;
  // The office's own templates replace the installed ones of the same name, and may add new ones.
  for (auto& own : template_sources(*overrides)) {
    const auto same = std::find_if(sources.begin(), sources.end(), [&](const auto& s) { return s.name == own.name; });
    if (same != sources.end()) *same = std::move(own);
    else sources.push_back(std::move(own));
    ++overridden;
  }
  std::sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return sources;
}

}  // namespace

ResourcePaths ResourcePaths::under(const std::filesystem::path& root) {
  ResourcePaths paths;
  paths.templates = root / "templates";
  paths.fonts = root / "fonts";
  paths.rules = root / "rules";
  paths.schemas = root / "schemas";
  return paths;
}

struct Engine::Rendered {
  layout::PageSet pages;
  model::DocumentMetadata metadata;
};

struct Engine::Filter {
  std::string text;
  templating::Expr expression;
  const templating::Template* document_template = nullptr;
};

Engine::Engine() = default;
Engine::~Engine() = default;

std::unique_ptr<Engine> Engine::load(const ResourcePaths& paths, Diagnostics& diagnostics,
                                     std::optional<model::OfficeProfile> office) {
  std::unique_ptr<Engine> engine(new Engine());
  engine->office_ = std::move(office);
  const std::filesystem::path law_file = paths.rules / "law.xml";
  const std::filesystem::path calendar_file = paths.override_calendar.value_or(paths.rules / "calendar.xml");
  auto regimes = rules::LawBook::parse(read_resource(law_file), make_file_name(law_file.string()), diagnostics);
  auto calendar =
      rules::Calendar::parse(read_resource(calendar_file), make_file_name(calendar_file.string()), diagnostics);
  const std::filesystem::path statistics_file = paths.rules / "statistics.xml";
  auto statistics = rules::StatisticsBook::parse(read_resource(statistics_file),
                                                 make_file_name(statistics_file.string()), diagnostics);
  auto templates = templating::TemplateSet::parse(
      template_sources(paths.templates, paths.override_templates, engine->override_count_), diagnostics);
  if (!regimes || !calendar || !statistics || !templates) return nullptr;
  engine->law_ =
      std::make_unique<rules::Law>(rules::Law{std::move(*regimes), std::move(*calendar), std::move(*statistics)});
  // Every template is checked once here, so none can fail half-way through a rendering.
  Diagnostics checked;
  templates->check(*engine->law_, checked);
  diagnostics.merge(checked);
  if (checked.has_errors()) return nullptr;
  engine->templates_ = std::make_unique<templating::TemplateSet>(std::move(*templates));
  engine->fonts_ = pdf::FontSet::load(paths.fonts);
  const std::filesystem::path schema_file = paths.schemas / "case.xsd";
  engine->case_schema_ = xml::CaseSchema::compile(read_resource(schema_file), schema_file.string());
  return engine;
}

std::shared_ptr<const Engine::Filter> Engine::parse_filter(const std::string& text, const std::string& template_name,
                                                           Diagnostics& diagnostics) const {
  const templating::Template* document_template = templates_->find(template_name);
  if (document_template == nullptr) return nullptr;
  auto filter = std::make_shared<Filter>();
  filter->text = text;
  filter->document_template = document_template;
  const LineIndex index(make_file_name("--where"), filter->text);
  Diagnostics local;
  auto expression = templating::parse_expression(filter->text, 0, filter->text.size(), index, local);
  if (expression) templates_->check_expression(*expression, *document_template, *law_, local);
  diagnostics.merge(local);
  if (!expression || local.has_errors()) return nullptr;
  filter->expression = std::move(*expression);
  return filter;
}

bool Engine::matches(const Filter& filter, const Resolved& request, const RenderOptions& options) const {
  templating::RenderInput input{request.ledger};
  input.office = office();
  input.parameters = options.parameters;
  Diagnostics ignored;
  const templating::Value context = templates_->context_for(*filter.document_template, input, *law_, ignored);
  const templating::Scope scope(context);
  return templating::evaluate(filter.expression, scope, ignored).truthy();
}

std::optional<Bytes> Engine::render_combined(const std::vector<const Resolved*>& requests, const RenderOptions& options,
                                             bool duplex, std::size_t max_pages, Diagnostics& diagnostics) const {
  layout::PageSet all;
  all.width = options.profile.page_width;
  all.height = options.profile.page_height;
  for (const Resolved* request : requests) {
    Diagnostics ignored;
    auto rendered = lay_out(*request, options, ignored);
    if (!rendered) continue;
    for (auto& page : rendered->pages.pages) {
      page.signature_boxes.clear();  // a print file is signed by hand, on paper: no signature fields
      all.pages.push_back(std::move(page));
    }
    if (duplex && all.pages.size() % 2 == 1) all.pages.emplace_back();  // the next letter starts on a right-hand page
    if (all.pages.size() > max_pages) {
      diagnostics.add(
          combined_refusal("các văn bản vượt quá " + std::to_string(max_pages) + " trang của một tệp in gộp"));
      return std::nullopt;
    }
  }
  model::DocumentMetadata metadata;
  metadata.title = "Văn bản in hàng loạt: " + options.template_name;
  metadata.issued_date = options.date.value_or(options.today);
  return pdf::write_pdf(all, metadata, *fonts_);
}

Diagnostic Engine::combined_refusal(const std::string& why) {
  return {Severity::error, "E0322", SourceLoc{make_file_name("--combined"), 0, 0},
          why +
              ": không lập tệp in gộp (các văn bản riêng và manifest vẫn được lập); lập hàng loạt theo từng nhóm hồ "
              "sơ nhỏ hơn (--where) để in gộp"};
}

const rules::Law& Engine::law() const { return *law_; }

void Engine::check_for_year(int year, Diagnostics& diagnostics) const {
  for (const int y : {year, year + 1}) {
    if (!law_->calendar.covers(y))
      diagnostics.warning("W0903", SourceLoc{},
                          "lịch ngày nghỉ (rules/calendar.xml) chưa có năm " + std::to_string(y) +
                              ": thời hạn tính theo ngày làm việc chỉ trừ các ngày lễ cố định");
  }
}

namespace {

// How the engine reads every case file: against its compiled schema, repaired or kept as asked.
xml::ReadOptions read_options(const std::shared_ptr<const xml::CaseSchema>& schema, text::RepairMode repair) {
  xml::ReadOptions options;
  options.schema = schema;
  options.repair = repair;
  return options;
}

}  // namespace

std::optional<model::Register> Engine::read_cases(InputBytes bytes, const std::string& file, Diagnostics& diagnostics,
                                                  text::RepairMode repair) const {
  // Through the stream, so that a large register's trees never exist whole while its cases are collected.
  model::Register out;
  xml::CaseVisitor visitor;
  visitor.take = [&](model::Case&& the_case) { out.cases.push_back(std::move(the_case)); };
  visitor.restart = [&] { out.cases.clear(); };
  visitor.period = [&](std::optional<model::Date> start, std::optional<model::Date> end) {
    out.period_start = start;
    out.period_end = end;
  };
  if (!xml::read_cases(std::move(bytes), make_file_name(file), read_options(case_schema_, repair), diagnostics,
                       visitor))
    return std::nullopt;
  return out;
}

bool Engine::for_each_case(InputBytes bytes, const std::string& file, Diagnostics& diagnostics,
                           const std::function<void(model::Case&&)>& visit, const std::function<void()>& restart,
                           text::RepairMode repair) const {
  return xml::read_cases(std::move(bytes), make_file_name(file), read_options(case_schema_, repair), diagnostics,
                         xml::CaseVisitor{visit, restart});
}

bool Engine::validate_cases(InputBytes bytes, const std::string& file, Diagnostics& diagnostics,
                            const std::function<void(model::Case&&)>& visit, const std::function<void()>& restart,
                            text::RepairMode repair) const {
  xml::ReadOptions options = read_options(case_schema_, repair);
  options.check_field = [this](std::string_view value, const SourceLoc& loc, const std::string& field,
                               Diagnostics& found) {
    layout::check_characters(value, loc, "trong " + field, *fonts_, found);
  };
  return xml::read_cases(std::move(bytes), make_file_name(file), options, diagnostics,
                         xml::CaseVisitor{visit, restart});
}

std::vector<std::string> profile_problems(const layout::Profile& profile) { return layout::check_profile(profile); }

namespace {

// The document's date against what the document relies on: W0324 before a judgment it enforces (every document cites
// it; a warning, so that a batch over a register still makes the letters of the cases already judged), W0325 before
// the enforcement decision, and — a date given with --date — before the case's event the template
// is dated by (`dated_by`, the date the document bears without --date). Positions are those of the case's dates.
void check_document_date(const model::Case& the_case, model::Date date, std::optional<model::Date> dated_by,
                         Diagnostics& diagnostics) {
  const std::string shown = "ngày văn bản " + date.to_dmy();
  // The judgments enforced: those the obligations cite (a later remission decision is not one), else all.
  const auto enforced = [&](const model::Judgment& judgment) {
    return std::none_of(the_case.obligations.begin(), the_case.obligations.end(),
                        [](const model::Obligation& o) { return !o.judgment_id.empty(); }) ||
           std::any_of(the_case.obligations.begin(), the_case.obligations.end(),
                       [&](const model::Obligation& o) { return o.judgment_id == judgment.id; });
  };
  for (const auto& judgment : the_case.judgments)
    if (date < judgment.date && enforced(judgment))
      diagnostics.warning("W0324", judgment.loc,
                          shown + " trước ngày " + judgment.kind.value + " số " + judgment.number.value +
                              " mà văn bản thi hành (" + judgment.date.to_dmy() + ")");
  const auto& decision = the_case.enforcement.decision;
  if (decision && date < decision->date)
    diagnostics.warning(
        "W0325", decision->loc,
        shown + " trước ngày quyết định thi hành án (" + decision->date.to_dmy() + ") mà văn bản căn cứ");
  else if (dated_by && date < *dated_by)
    diagnostics.warning("W0325", the_case.enforcement.loc,
                        shown + " trước ngày của diễn biến mà văn bản ghi (" + dated_by->to_dmy() +
                            "): văn bản không thấy diễn biến đó");
}

}  // namespace

std::optional<Engine::Resolved> Engine::resolve(const model::Case& the_case, const RenderOptions& options,
                                                Diagnostics& diagnostics) const {
  const templating::Template* document_template = templates_->find(options.template_name);
  if (document_template == nullptr || !document_template->document()) {
    diagnostics.error("E0420", SourceLoc{},
                      "không có mẫu văn bản \"" + options.template_name + "\" (xem danh sách: vanban templates)");
    return std::nullopt;
  }
  const auto& decision = the_case.enforcement.decision;
  const model::Date fallback = decision ? decision->date : options.today;
  const model::Date own = templates_->document_date(*document_template, the_case, fallback, *law_);
  const model::Date date = options.date ? *options.date : own;
  check_document_date(the_case, date, options.date && own != fallback ? std::optional<model::Date>(own) : std::nullopt,
                      diagnostics);
  std::shared_ptr<const model::Case> completed;
  if (!complete_case(the_case, office(), date, completed, diagnostics)) return std::nullopt;
  const model::Case& seen = completed ? *completed : the_case;
  if (!check_bodies(seen, law_->regimes, office(), date, diagnostics)) return std::nullopt;
  Resolved resolved{document_template, model::Ledger::of(seen, date), true, completed};
  templating::RenderInput input{resolved.ledger};
  input.office = office();
  resolved.applies = templates_->applies(*document_template, input, *law_);
  return resolved;
}

std::optional<doc::Document> Engine::document(const model::Case& the_case, const RenderOptions& options,
                                              Diagnostics& diagnostics) const {
  const auto request = resolve(the_case, options, diagnostics);
  if (!request) return std::nullopt;
  return document(*request, options, diagnostics, 0);
}

std::optional<doc::Document> Engine::document(const Resolved& request, const RenderOptions& options,
                                              Diagnostics& diagnostics, std::size_t stop_beyond_characters) const {
  templating::RenderInput input{request.ledger};
  input.office = office();
  input.stop_beyond_characters = stop_beyond_characters;
  if (!options.number.empty()) {
    if (options.number.size() > 9 || options.number.find_first_not_of("0123456789") != std::string::npos) {
      diagnostics.error("E0315", SourceLoc{},
                        "số văn bản \"" + options.number + "\" phải là số nguyên dương (tối đa 9 chữ số)");
      return std::nullopt;
    }
    // Nghị định 30: a leading zero below 10 ("05").
    input.number = text::two_digits(std::stoll(options.number));
  }
  input.signer_id = options.signer_id;
  input.parameters = options.parameters;
  return templates_->render(*request.document_template, input, *law_, diagnostics);
}

const layout::FontMetrics& Engine::font_metrics() const { return *fonts_; }

std::optional<Bytes> Engine::render_document(const doc::Document& document, const layout::Profile& profile,
                                             Diagnostics& diagnostics) const {
  Diagnostics local;
  const layout::PageSet pages = layout::lay_out(document, *fonts_, profile, local);
  diagnostics.merge(local);
  if (local.has_errors()) return std::nullopt;
  return pdf::write_pdf(pages, document.metadata, *fonts_);
}

std::optional<Engine::Rendered> Engine::lay_out(const Resolved& request, const RenderOptions& options,
                                                Diagnostics& diagnostics) const {
  const auto problems = profile_problems(options.profile);
  for (const auto& problem : problems)
    diagnostics.error("E0502", SourceLoc{}, "bố cục trang không đúng Nghị định 30/2020/NĐ-CP: " + problem);
  if (!problems.empty()) return std::nullopt;
  Diagnostics local;
  // A document that cannot fit stops being written where its text passes the limit; layout refuses it there (E0503).
  auto document = this->document(request, options, local, layout::kMaxDocumentCharacters);
  std::optional<Rendered> result;
  if (document) {
    Rendered rendered;
    rendered.pages = layout::lay_out(*document, *fonts_, options.profile, local);
    rendered.metadata = std::move(document->metadata);
    result = std::move(rendered);
  }
  diagnostics.merge(local);
  if (local.has_errors()) return std::nullopt;
  return result;
}

std::optional<Bytes> Engine::render(const model::Case& the_case, const RenderOptions& options,
                                    Diagnostics& diagnostics) const {
  const auto request = resolve(the_case, options, diagnostics);
  if (!request) return std::nullopt;
  return render(*request, options, diagnostics);
}

std::optional<Bytes> Engine::render(const Resolved& request, const RenderOptions& options,
                                    Diagnostics& diagnostics) const {
  auto rendered = lay_out(request, options, diagnostics);
  if (!rendered) return std::nullopt;
  return pdf::write_pdf(rendered->pages, rendered->metadata, *fonts_);
}

std::string font_data_url(layout::Face, const std::vector<char32_t>&, const Bytes& font) {
  return "data:font/ttf;base64," + base64::encode(font);
}

Bytes Engine::web_font(layout::Face face, const std::vector<char32_t>& code_points) const {
  return fonts_->web_font(face, code_points);
}

std::string svg_page_name(std::size_t index) {
  std::string number = std::to_string(index + 1);
  if (number.size() < 3) number.insert(0, 3 - number.size(), '0');
  return "page-" + number + ".svg";
}

void write_svg_pages(const std::filesystem::path& directory, const std::vector<std::string>& pages) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) throw Error(errors::kWrite, "không tạo được thư mục: " + error.message(), directory.string());
  for (std::size_t i = 0; i < pages.size(); ++i)
    write_file_atomically(directory / svg_page_name(i), pages[i], Durability::deferred);
  for (std::size_t i = pages.size(); std::filesystem::exists(directory / svg_page_name(i), error); ++i)
    std::filesystem::remove(directory / svg_page_name(i), error);
  sync_filesystem(directory);
}

std::optional<SvgPages> Engine::render_svg(const model::Case& the_case, const RenderOptions& options,
                                           Diagnostics& diagnostics, const FontUrl& font_url) const {
  const auto request = resolve(the_case, options, diagnostics);
  if (!request) return std::nullopt;
  const auto rendered = lay_out(*request, options, diagnostics);
  if (!rendered) return std::nullopt;
  SvgPages out;
  svg::FontUrls urls;
  const auto used = layout::code_points_by_face(rendered->pages);
  for (std::size_t f = 0; f < used.size(); ++f) {
    if (used[f].empty()) continue;
    out.fonts[f] = fonts_->web_font(static_cast<layout::Face>(f), used[f]);
    urls[f] = font_url(static_cast<layout::Face>(f), used[f], out.fonts[f]);
  }
  out.pages = svg::write_svg(rendered->pages, *fonts_, urls);
  return out;
}

std::optional<model::Case> Engine::read_single_case(InputBytes bytes, const std::string& file, Diagnostics& diagnostics,
                                                    text::RepairMode repair,
                                                    const std::optional<std::string>& case_id) const {
  auto cases = read_cases(std::move(bytes), file, diagnostics, repair);
  if (!cases) return std::nullopt;
  if (case_id) {
    for (auto& item : cases->cases)
      if (item.id == *case_id) return std::move(item);
    std::vector<std::string> ids;
    for (const auto& item : cases->cases) ids.push_back(item.id);
    diagnostics.error("E0422", SourceLoc{make_file_name(file)},
                      "tệp không có hồ sơ mã \"" + *case_id + "\"" + did_you_mean(*case_id, ids));
    return std::nullopt;
  }
  if (cases->cases.size() != 1) {
    diagnostics.error(
        "E0421", SourceLoc{make_file_name(file)},
        "tệp có " + std::to_string(cases->cases.size()) +
            " hồ sơ; lệnh render lập văn bản cho một hồ sơ (chọn một bằng --case MÃ, hoặc dùng vanban batch "
            "cho cả sổ)");
    return std::nullopt;
  }
  return std::move(cases->cases.front());
}

std::optional<Bytes> Engine::render_file(std::string_view bytes, const std::string& file, const RenderOptions& options,
                                         Diagnostics& diagnostics) const {
  const auto the_case = read_single_case(bytes, file, diagnostics);
  if (!the_case) return std::nullopt;
  return render(*the_case, options, diagnostics);
}

std::optional<std::string> Engine::layout_dump(const model::Case& the_case, const RenderOptions& options,
                                               Diagnostics& diagnostics) const {
  const auto request = resolve(the_case, options, diagnostics);
  if (!request) return std::nullopt;
  auto rendered = lay_out(*request, options, diagnostics);
  if (!rendered) return std::nullopt;
  return layout::dump(rendered->pages);
}

std::vector<TemplateInfo> Engine::templates() const {
  std::vector<TemplateInfo> out;
  for (const auto* item : templates_->documents()) out.push_back(*describe(item->name()));
  return out;
}

std::optional<TemplateInfo> Engine::describe(const std::string& name) const {
  const auto* item = templates_->find(name);
  if (item == nullptr || !item->document()) return std::nullopt;
  TemplateInfo info{item->name(), item->document()->description, {}};
  for (const auto& parameter : templates_->parameters_of(*item)) {
    std::string example = parameter.example;
    if (example.empty())
      example = parameter.type == "date"                               ? "2024-01-15"
                : parameter.type == "party"                            ? "debtor"
                : parameter.type == "text" || parameter.type == "list" ? "…"
                                                                       : "1";
    info.parameters.push_back({parameter.name, parameter.type, parameter.description, example,
                               parameter.default_value.value_or(std::string()), parameter.required});
  }
  return info;
}

bool Engine::has_template(const std::string& name) const {
  const auto* item = templates_->find(name);
  return item != nullptr && item->document().has_value();
}

std::vector<std::string> Engine::templates_for(const model::Case& the_case, model::Date today) const {
  std::vector<std::string> out;
  for (const auto* item : templates_->documents()) {
    RenderOptions options;
    options.template_name = item->name();
    options.today = today;
    Diagnostics ignored;
    const auto request = resolve(the_case, options, ignored);
    if (request && request->applies) out.push_back(item->name());
  }
  return out;
}

}  // namespace vanban::pipeline
