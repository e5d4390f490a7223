// Static checking of templates: every branch of every document template walked against the context of the
// reference case (every field present, every list non-empty), under every legal regime.

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "templating/filters.hpp"
#include "templating/reference_case.hpp"
#include "templating/template_set.hpp"

namespace vanban::templating {

namespace {

class Checker {
 public:
  Checker(const TemplateSet& set, Diagnostics& diagnostics) : set_(set), diagnostics_(diagnostics) {}

  void check(const Template& document_template, const Value& context) {
    Scope scope(context);
    if (document_template.document() && document_template.document()->applies)
      evaluate(*document_template.document()->applies, scope, diagnostics_);
    if (document_template.document() && document_template.document()->dated) {
      const Expr& dated = *document_template.document()->dated;
      const Value value = evaluate(dated, scope, diagnostics_);
      if (!value.is_absent() && value.kind() != Value::Kind::date)
        diagnostics_.error(
            "E0410", dated.loc,
            "dated=\"…\" phải là một ngày của hồ sơ, không phải " + std::string(kind_name(value.kind())));
    }
    visiting_.clear();
    walk(document_template.nodes(), scope);
  }

 private:
  void walk(const std::vector<Node>& nodes, Scope& scope) {
    for (const auto& node : nodes) visit(node, scope);
  }

  void visit(const Node& node, Scope& scope) {
    switch (node.kind) {
      case Node::Kind::field: {
        if (!node.expr) return;
        Value value = evaluate(*node.expr, scope, diagnostics_);
        for (const auto& filter : node.filters) {
          // An absent reference value cannot be typed: check the filter's name and arguments only.
          if (value.is_absent() && filter_exists(filter.name)) continue;
          auto next = apply_filter(filter, value, diagnostics_);
          if (!next) return;
          value = std::move(*next);
        }
        if (!value.is_absent() && !to_document_text(value))
          diagnostics_.error("E0410", node.loc,
                             "trường \"" + node.expr->path_text() + "\" là " + std::string(kind_name(value.kind())) +
                                 "; dùng {#each} hoặc bộ lọc join để in danh sách");
        return;
      }
      case Node::Kind::condition:
        for (const auto& [test, body] : node.branches) {
          evaluate(test, scope, diagnostics_);
          walk(body, scope);
        }
        walk(node.otherwise, scope);
        return;
      case Node::Kind::loop: {
        if (!node.expr) return;
        const Value list = evaluate(*node.expr, scope, diagnostics_);
        Value item;
        if (list.kind() == Value::Kind::list) {
          if (!list.as_list().empty()) item = list.as_list().front();
        } else if (list.kind() == Value::Kind::object) {
          item = list;  // one object is a list of one
        } else if (!list.is_absent()) {
          diagnostics_.error("E0415", node.loc,
                             "\"" + node.expr->path_text() + "\" là " + std::string(kind_name(list.kind())) +
                                 ", không phải danh sách để lặp");
        }
        const Value* outer = scope.lookup(node.variable);
        const std::optional<Value> saved = outer ? std::optional<Value>(*outer) : std::nullopt;
        const Value* outer_loop = scope.lookup("loop");
        const std::optional<Value> saved_loop = outer_loop ? std::optional<Value>(*outer_loop) : std::nullopt;
        scope.bind(node.variable, item);
        scope.bind("loop", Value::object({{"index", Value::number(1)},
                                          {"first", Value::boolean(true)},
                                          {"last", Value::boolean(true)},
                                          {"count", Value::number(1)}}));
        walk(node.body, scope);
        restore(scope, node.variable, saved);
        restore(scope, "loop", saved_loop);
        return;
      }
      case Node::Kind::block: walk(node.body, scope); return;
      case Node::Kind::directive:
        for (const auto& [name, expr] : node.expressions) evaluate(expr, scope, diagnostics_);
        return;
      case Node::Kind::include: {
        const std::string& target = node.options.at("value");
        const Template* part = set_.find(target);
        if (part == nullptr || !visiting_.insert(target).second) return;
        walk(part->nodes(), scope);
        visiting_.erase(target);
        return;
      }
      default: return;
    }
  }

  static void restore(Scope& scope, const std::string& name, const std::optional<Value>& saved) {
    if (saved) scope.bind(name, *saved);
    else scope.unbind(name);
  }

  const TemplateSet& set_;
  Diagnostics& diagnostics_;
  std::set<std::string> visiting_;
};

}  // namespace

namespace {

// The reference case's contexts, one per legal regime: the fields no template changes are built once per regime, then
// each template adds its own.
class ReferenceContexts {
 public:
  explicit ReferenceContexts(const rules::Law& law) {
    static const model::Case reference = reference_case();
    static const model::OfficeProfile office = reference_office();
    for (const auto& regime : law.regimes.regimes()) {
      RenderInput input{model::Ledger::of(reference, regime.from)};
      input.number = "1";
      input.office = &office;
      Diagnostics ignored;
      regimes_.push_back(std::make_unique<CaseContext>(std::move(input), law, ignored));
    }
  }

  // Runs `visit` once per legal regime with the reference context of `document_template`, keeping each diagnostic
  // once.
  template <typename Visit>
  void for_each(const TemplateSet& set, const Template& document_template, Diagnostics& diagnostics,
                const Visit& visit) {
    // Declared parameters get their example (or a neutral) value, so `params.x` is known.
    const auto parameters = set.parameters_of(document_template);
    std::map<std::string, std::string, std::less<>> values;
    for (const auto& parameter : parameters)
      values[parameter.name] = parameter.type == "date"                                  ? "2024-01-01"
                               : parameter.type == "number" || parameter.type == "money" ? "1"
                               : parameter.type == "party"                               ? "debtor"
                               : parameter.example.empty()                               ? "x"
                                                                                         : parameter.example;
    Diagnostics found;
    for (const auto& regime : regimes_) {
      Diagnostics ignored;
      const Value context = regime->for_template(document_template, parameters, values, ignored);
      Diagnostics walk;
      visit(context, walk);
      for (const auto& diagnostic : walk.list()) {
        const bool seen = std::any_of(found.list().begin(), found.list().end(), [&](const Diagnostic& d) {
          return d.code == diagnostic.code && d.loc.to_string() == diagnostic.loc.to_string() &&
                 d.message == diagnostic.message;
        });
        if (!seen) found.add(diagnostic);
      }
    }
    diagnostics.merge(found);
  }

 private:
  std::vector<std::unique_ptr<CaseContext>> regimes_;
};

}  // namespace

void TemplateSet::check(const rules::Law& law, Diagnostics& diagnostics) const {
  ReferenceContexts contexts(law);
  for (const Template* document_template : documents())
    contexts.for_each(*this, *document_template, diagnostics, [&](const Value& context, Diagnostics& found) {
      Checker(*this, found).check(*document_template, context);
    });
}

void TemplateSet::check_expression(const Expr& expression, const Template& document_template, const rules::Law& law,
                                   Diagnostics& diagnostics) const {
  ReferenceContexts(law).for_each(*this, document_template, diagnostics, [&](const Value& context, Diagnostics& found) {
    const Scope scope(context);
    evaluate(expression, scope, found);
  });
}

}  // namespace vanban::templating
