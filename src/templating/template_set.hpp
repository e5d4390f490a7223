#pragma once
// All templates of a deployment, parsed and linked once (at start-up), then rendered many times.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "doc/document.hpp"
#include "model/case.hpp"
#include "rules/law.hpp"
#include "templating/context.hpp"
#include "templating/template.hpp"

namespace vanban::templating {

/// A template file's name (relative to templates/, without extension), path for messages, and text.
struct TemplateSource {
  std::string name;  ///< "qd-tha-chu-dong", "parts/header"
  FileName file;
  std::string text;
};

class TemplateSet {
 public:
  /// Parses every source and checks that each include names an existing template, without cycles.
  /// Document templates (top level, not under parts/) must declare {@document}.
  static std::optional<TemplateSet> parse(std::vector<TemplateSource> sources, Diagnostics& diagnostics);

  /// The template of that name, or nullptr.
  [[nodiscard]] const Template* find(std::string_view name) const;
  /// Templates that make documents (those with {@document}), sorted by name.
  [[nodiscard]] std::vector<const Template*> documents() const;

  /// Renders a document template for the case of `input` (as it stood on the document's date). Template and input
  /// errors are reported; nullopt on any error, so nothing half-rendered ever leaves this function. A case that passes
  /// the template's own refusals ({@fail}) but not its applies="…" condition on that date is refused (E0311).
  [[nodiscard]] std::optional<doc::Document> render(const Template& document_template, const RenderInput& input,
                                                    const rules::Law& law, Diagnostics& diagnostics) const;

  /// Whether the template's {@document applies="…"} condition holds for the case of `input` (true without one).
  [[nodiscard]] bool applies(const Template& document_template, const RenderInput& input, const rules::Law& law) const;

  /// The context a template sees for the case of `input` (for batch filters); problems go to `diagnostics`. It refers
  /// to the case's texts, so it must not outlive the case.
  [[nodiscard]] Value context_for(const Template& document_template, const RenderInput& input, const rules::Law& law,
                                  Diagnostics& diagnostics) const;

  /// Checks an expression (a batch filter) against the context any case can produce for this template:
  /// unknown fields, functions and comparisons of unrelated kinds are reported at their position.
  void check_expression(const Expr& expression, const Template& document_template, const rules::Law& law,
                        Diagnostics& diagnostics) const;

  /// The date a document bears when the request gives none: the case date named by {@document dated="…"} (read
  /// from the whole history of the case) when the case has it, else `fallback`.
  [[nodiscard]] model::Date document_date(const Template& document_template, const model::Case& the_case,
                                          model::Date fallback, const rules::Law& law) const;

  /// The {@param} declarations of a template and of every part it includes, in order of appearance.
  [[nodiscard]] std::vector<Parameter> parameters_of(const Template& document_template) const;

  /// Checks every document template without a case: each field, filter, condition and loop in every branch
  /// is checked against the context a case can produce, under every regime of `law`. Template errors (E04xx)
  /// are reported with their template position.
  void check(const rules::Law& law, Diagnostics& diagnostics) const;

 private:
  std::map<std::string, std::shared_ptr<Template>, std::less<>> templates_;
};

}  // namespace vanban::templating
