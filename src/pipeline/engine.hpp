#pragma once
// The pipeline: case XML → model → document → pages → PDF. Resources (templates, law data, fonts) are
// loaded once; rendering is const and safe to call from several threads at once.

#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "base/diagnostics.hpp"
#include "base/input_bytes.hpp"
#include "layout/font_metrics.hpp"
#include "layout/profile.hpp"
#include "model/case.hpp"
#include "model/ledger.hpp"
#include "model/office.hpp"
#include "text/repair.hpp"

namespace vanban::templating {
class TemplateSet;
class Template;
}  // namespace vanban::templating
namespace vanban::rules {
struct Law;
}
namespace vanban::pdf {
class FontSet;
}
namespace vanban::doc {
struct Document;
}
namespace vanban::layout {
class FontMetrics;
}
namespace vanban::xml {
class CaseSchema;
}

namespace vanban::pipeline {

/// Where the resources live; the front end decides (never read from the environment here).
struct ResourcePaths {
  std::filesystem::path templates;
  std::filesystem::path fonts;
  std::filesystem::path rules;
  std::filesystem::path schemas;
  /// The office's own templates (/etc/vanban/templates): one of the same name replaces the installed one.
  std::optional<std::filesystem::path> override_templates;
  /// The office's own working-day calendar (/etc/vanban/calendar.xml), read instead of rules/calendar.xml.
  std::optional<std::filesystem::path> override_calendar;
  /// The standard layout under one root: templates/, fonts/, rules/, schemas/.
  static ResourcePaths under(const std::filesystem::path& root);
};

/// What to render besides the case.
struct RenderOptions {
  std::string template_name;
  std::optional<model::Date> date;  ///< document date; default: see Engine::resolve
  model::Date today;                ///< taken once by the front end
  std::string number;               ///< số, digits only; "" in a draft
  std::optional<std::string> signer_id;
  std::map<std::string, std::string, std::less<>> parameters;  ///< --set key=value
  layout::Profile profile;  ///< page geometry and type sizes; must pass profile_problems()
};

/// A parameter a template takes from --set, for `vanban templates --describe`.
struct ParameterInfo {
  std::string name;
  std::string type;  ///< text, date, number, money
  std::string description;
  std::string example;        ///< a value that renders (the declared example, else one of the right type)
  std::string default_value;  ///< used when not given ("" when none)
  bool required = true;
};

/// A description of one document template, for `vanban templates`.
struct TemplateInfo {
  std::string name;
  std::string description;
  std::vector<ParameterInfo> parameters;
};

/// A document as SVG pages (svg/writer.hpp), for the preview and `render --format svg`.
struct SvgPages {
  std::vector<std::string> pages;  ///< one SVG document per page
  /// The TrueType web font of each face the document draws (the subset its PDF embeds, pdf::FontSet::web_font);
  /// empty for a face it does not draw. The pages name them by the URLs the caller gave.
  std::array<Bytes, layout::kFaceCount> fonts;
};

/// Names where an SVG page finds a font, given the face, the characters it draws (ascending, each once) and the
/// font's bytes: a data: URL, or a route of the service.
using FontUrl =
    std::function<std::string(layout::Face face, const std::vector<char32_t>& code_points, const Bytes& font)>;

/// A data: URL holding the font (base64): a page that stands alone, as `render --format svg` writes it.
std::string font_data_url(layout::Face face, const std::vector<char32_t>& code_points, const Bytes& font);

/// The file name of page `index` (from 0) of a document written as SVG pages: "page-001.svg", …
std::string svg_page_name(std::size_t index);

/// Writes the pages into `directory` (made when missing) as page-001.svg, …, each written to a temporary file and
/// renamed (never a half-written page); a page-NNN.svg of an earlier, longer document is removed. Throws Error.
void write_svg_pages(const std::filesystem::path& directory, const std::vector<std::string>& pages);

class Engine {
 public:
  /// Loads and checks every template (the office's overrides included), the law data, the case schema and the fonts.
  /// Bad templates or law data are reported in `diagnostics` (nullptr returned); a missing, unreadable or broken
  /// resource throws vanban::Error. `office` fills the cases that omit their agency or officers, and is `office.*`
  /// in templates.
  static std::unique_ptr<Engine> load(const ResourcePaths& paths, Diagnostics& diagnostics,
                                      std::optional<model::OfficeProfile> office = std::nullopt);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Reads and checks a case or register file against schemas/case.xsd and the format's rules; text in a
  /// legacy encoding is repaired unless `repair` says keep. Bytes handed over (std::move) are freed once read, and a
  /// large file is then not copied to be parsed (xml::read_register); the diagnostics are the same.
  [[nodiscard]] std::optional<model::Register> read_cases(InputBytes bytes, const std::string& file,
                                                          Diagnostics& diagnostics,
                                                          text::RepairMode repair = text::RepairMode::repair) const;

  /// Reads and checks a case or register file like read_cases, with the same diagnostics, handing each case to
  /// `visit` as soon as it is read: a large register is read a chunk at a time and never held whole. Returns false
  /// when the file is refused (nothing then counts: a case handed over before the refusal is taken back by
  /// `restart`, called first).
  bool for_each_case(InputBytes bytes, const std::string& file, Diagnostics& diagnostics,
                     const std::function<void(model::Case&&)>& visit, const std::function<void()>& restart,
                     text::RepairMode repair = text::RepairMode::repair) const;

  /// for_each_case, and also every character of a shown field that the fonts cannot show (E0501, as render would
  /// report when it draws it): what `vanban validate` checks.
  bool validate_cases(InputBytes bytes, const std::string& file, Diagnostics& diagnostics,
                      const std::function<void(model::Case&&)>& visit, const std::function<void()>& restart,
                      text::RepairMode repair = text::RepairMode::repair) const;

  /// A request for one case resolved once: its template, the document's date, and the case as it stood on that
  /// date. Every stage of that document (the context, the filter, the manifest) reads these.
  struct Resolved {
    const templating::Template* document_template = nullptr;
    model::Ledger ledger;  ///< the case on the document's date (ledger.as_of())
    bool applies = true;   ///< the template's {@document applies="…"} holds for the case on that date
    /// The case completed from the office profile (agency, officers), when it needed it; the ledger reads it.
    std::shared_ptr<const model::Case> completed;
  };
  /// Resolves the request for one case. The document's date is the option, else the case date the template names
  /// ({@document dated="…"}: a verification record bears the verification's date), else the decision date, else
  /// `options.today`. A case without its agency or officers takes those of the office profile on that date (E0317
  /// when there is none, E0318 for an officer the profile does not have); a case whose own disagree with the profile
  /// gets W0319. Whether the template applies is decided on that date, for the completed case. nullopt with E0420
  /// when the template is not a document template.
  [[nodiscard]] std::optional<Resolved> resolve(const model::Case& the_case, const RenderOptions& options,
                                                Diagnostics& diagnostics) const;

  /// Renders one case to PDF bytes; nullopt (with diagnostics) when the case or the request is wrong, or the
  /// template does not apply to the case on the document's date (E0311: a letter to a debtor who owes nothing).
  [[nodiscard]] std::optional<Bytes> render(const model::Case& the_case, const RenderOptions& options,
                                            Diagnostics& diagnostics) const;
  /// Renders a resolved request (the ledger's case) with the rest of `options`.
  [[nodiscard]] std::optional<Bytes> render(const Resolved& request, const RenderOptions& options,
                                            Diagnostics& diagnostics) const;

  /// Renders one case as SVG pages, glyph for glyph where its PDF puts them, with the same font subsets (named by
  /// `font_url`); nullopt (with diagnostics) when the case or the request is wrong.
  [[nodiscard]] std::optional<SvgPages> render_svg(const model::Case& the_case, const RenderOptions& options,
                                                   Diagnostics& diagnostics, const FontUrl& font_url) const;

  /// The web font of `face` drawing `code_points` (ascending, each once): the subset a PDF drawing them embeds.
  [[nodiscard]] Bytes web_font(layout::Face face, const std::vector<char32_t>& code_points) const;

  /// Reads a file that must hold exactly one case (a register of several is refused with E0421), or the case `case_id`
  /// of a register (E0422 when it has none of that id).
  [[nodiscard]] std::optional<model::Case> read_single_case(
      InputBytes bytes, const std::string& file, Diagnostics& diagnostics,
      text::RepairMode repair = text::RepairMode::repair,
      const std::optional<std::string>& case_id = std::nullopt) const;

  /// Reads a single-case file and renders it.
  [[nodiscard]] std::optional<Bytes> render_file(std::string_view bytes, const std::string& file,
                                                 const RenderOptions& options, Diagnostics& diagnostics) const;

  /// The layout dump (golden text) of one case, for tests and `vanban render --dump-layout`.
  [[nodiscard]] std::optional<std::string> layout_dump(const model::Case& the_case, const RenderOptions& options,
                                                       Diagnostics& diagnostics) const;

  /// The document a template makes of one case, before layout (for benchmarks and tools); nullopt with
  /// diagnostics when the case or the request is wrong.
  [[nodiscard]] std::optional<doc::Document> document(const model::Case& the_case, const RenderOptions& options,
                                                      Diagnostics& diagnostics) const;
  /// The metrics layout measures text with: those of the fonts the PDF embeds.
  [[nodiscard]] const layout::FontMetrics& font_metrics() const;

  [[nodiscard]] std::vector<TemplateInfo> templates() const;
  [[nodiscard]] bool has_template(const std::string& name) const;
  /// One template's description and parameters, or nullopt when there is no such document template.
  [[nodiscard]] std::optional<TemplateInfo> describe(const std::string& name) const;
  /// Templates meant for this case (their {@document applies} condition holds).
  [[nodiscard]] std::vector<std::string> templates_for(const model::Case& the_case, model::Date today) const;

  /// A parsed batch filter over the case context.
  struct Filter;
  /// Parses and checks a filter for one template; errors at "--where:1:COLUMN"; nullptr when it is wrong.
  [[nodiscard]] std::shared_ptr<const Filter> parse_filter(const std::string& text, const std::string& template_name,
                                                           Diagnostics& diagnostics) const;
  /// Whether the resolved request's case passes the filter (a case whose context cannot be built does not); the
  /// filter sees the case exactly as the document will.
  [[nodiscard]] bool matches(const Filter& filter, const Resolved& request, const RenderOptions& options) const;

  /// The most pages of one combined PDF (render_combined) by default: it is laid out and written whole, so its memory
  /// grows with its pages (bench/README.md, issue 18n).
  static constexpr std::size_t kMaxCombinedPages = 3000;
  /// The refusal of a combined PDF (E0322, at "--combined"): `why` (Vietnamese), then what is still made and what to
  /// do.
  [[nodiscard]] static Diagnostic combined_refusal(const std::string& why);
  /// One PDF of many documents, in order, each starting on a new page (on an odd page when `duplex`);
  /// cases that cannot be rendered are left out (the batch reports them). nullopt with E0322 (at "--combined") as
  /// soon as the documents pass `max_pages` pages: nothing of it is made.
  [[nodiscard]] std::optional<Bytes> render_combined(const std::vector<const Resolved*>& requests,
                                                     const RenderOptions& options, bool duplex, std::size_t max_pages,
                                                     Diagnostics& diagnostics) const;

  /// The law data the engine loaded: the regimes, the calendar and the statistics' counting rules.
  [[nodiscard]] const rules::Law& law() const;

  /// Lays out and writes a document made outside the templates (a report, the statement of a chain head), as
  /// PDF/A-1b; nullopt with diagnostics when it cannot be laid out (E0501, a character the font cannot show).
  [[nodiscard]] std::optional<Bytes> render_document(const doc::Document& document, const layout::Profile& profile,
                                                     Diagnostics& diagnostics) const;

  /// Warnings about the installed data that depend on the date: a year the holiday calendar does not cover yet.
  void check_for_year(int year, Diagnostics& diagnostics) const;

  /// The compiled case schema every read uses (the case store reads with it too).
  [[nodiscard]] std::shared_ptr<const xml::CaseSchema> case_schema() const { return case_schema_; }
  /// The office profile the engine fills cases from, or nullptr.
  [[nodiscard]] const model::OfficeProfile* office() const { return office_ ? &*office_ : nullptr; }
  /// How many document templates come from the office's override folder.
  [[nodiscard]] std::size_t override_count() const { return override_count_; }

 private:
  Engine();
  struct Rendered;
  [[nodiscard]] std::optional<Rendered> lay_out(const Resolved& request, const RenderOptions& options,
                                                Diagnostics& diagnostics) const;
  /// The document of a resolved request; writing stops once its text passes `stop_beyond_characters` (0: never).
  [[nodiscard]] std::optional<doc::Document> document(const Resolved& request, const RenderOptions& options,
                                                      Diagnostics& diagnostics,
                                                      std::size_t stop_beyond_characters) const;

  std::unique_ptr<templating::TemplateSet> templates_;
  std::unique_ptr<rules::Law> law_;
  std::shared_ptr<const pdf::FontSet> fonts_;
  std::shared_ptr<const xml::CaseSchema> case_schema_;
  std::optional<model::OfficeProfile> office_;
  std::size_t override_count_ = 0;
};

/// Why a layout profile is not allowed (Vietnamese, one message per value outside the ranges of Nghị định 30);
/// empty when it is. A rendering with such a profile is refused with E0502.
std::vector<std::string> profile_problems(const layout::Profile& profile);

}  // namespace vanban::pipeline
