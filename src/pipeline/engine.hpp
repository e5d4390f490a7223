#pragma once
// The pipeline: case XML → model → document → pages → PDF. Resources (templates, law data, fonts) are
// loaded once; rendering is const and safe to call from several threads at once.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "base/diagnostics.hpp"
#include "layout/profile.hpp"
#include "model/case.hpp"
#include "text/repair.hpp"

namespace vanban::templating {
class TemplateSet;
}
namespace vanban::rules {
class LawBook;
}
namespace vanban::pdf {
class FontSet;
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
  /// The standard layout under one root: templates/, fonts/, rules/, schemas/.
  static ResourcePaths under(const std::filesystem::path& root);
};

/// What to render besides the case.
struct RenderOptions {
  std::string template_name;
  std::optional<model::Date> date;        ///< document date; default: the case's decision date, else `today`
  model::Date today;                      ///< taken once by the front end
  std::string number;                     ///< số, digits only; "" in a draft
  std::optional<std::string> signer_id;
  std::map<std::string, std::string, std::less<>> parameters;  ///< --set key=value
};

/// A description of one document template, for `vanban templates`.
struct TemplateInfo {
  std::string name;
  std::string description;
};

class Engine {
 public:
  /// Loads and checks every template, the law data, the case schema and the fonts. Bad templates or law data are
  /// reported in `diagnostics` (nullptr returned); a missing, unreadable or broken resource throws vanban::Error.
  static std::unique_ptr<Engine> load(const ResourcePaths& paths, Diagnostics& diagnostics);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Reads and checks a case or register file against schemas/case.xsd and the format's rules; text in a
  /// legacy encoding is repaired unless `repair` says keep.
  [[nodiscard]] std::optional<model::Register> read_cases(std::string_view bytes, const std::string& file,
                                                          Diagnostics& diagnostics,
                                                          text::RepairMode repair = text::RepairMode::repair) const;

  /// Renders one case to PDF bytes; nullopt (with diagnostics) when the case or the request is wrong.
  [[nodiscard]] std::optional<Bytes> render(const model::Case& the_case, const RenderOptions& options,
                                            Diagnostics& diagnostics) const;

  /// Reads a single-case file and renders it.
  [[nodiscard]] std::optional<Bytes> render_file(std::string_view bytes, const std::string& file,
                                                 const RenderOptions& options, Diagnostics& diagnostics) const;

  /// The layout dump (golden text) of one case, for tests and `vanban render --dump-layout`.
  [[nodiscard]] std::optional<std::string> layout_dump(const model::Case& the_case, const RenderOptions& options,
                                                       Diagnostics& diagnostics) const;

  [[nodiscard]] std::vector<TemplateInfo> templates() const;
  [[nodiscard]] bool has_template(const std::string& name) const;
  /// Templates meant for this case (their {@document applies} condition holds).
  [[nodiscard]] std::vector<std::string> templates_for(const model::Case& the_case, model::Date today) const;

 private:
  Engine();
  struct Rendered;
  [[nodiscard]] std::optional<Rendered> lay_out(const model::Case& the_case, const RenderOptions& options,
                                                Diagnostics& diagnostics) const;

  std::unique_ptr<templating::TemplateSet> templates_;
  std::unique_ptr<rules::LawBook> law_;
  std::shared_ptr<const pdf::FontSet> fonts_;
  std::shared_ptr<const xml::CaseSchema> case_schema_;
  layout::Profile profile_;
};

/// The document date a rendering uses: the option, else the case's decision date, else today.
model::Date document_date(const model::Case& the_case, const RenderOptions& options);

}  // namespace vanban::pipeline
