#include "templating/template_set.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "templating/renderer.hpp"
#include "text/dates.hpp"

namespace vanban::templating {

namespace {
void collect_includes(const std::vector<Node>& nodes, std::vector<const Node*>& out) {
  for (const auto& node : nodes) {
    if (node.kind == Node::Kind::include) out.push_back(&node);
    for (const auto& [condition, body] : node.branches) collect_includes(body, out);
    collect_includes(node.otherwise, out);
    collect_includes(node.body, out);
  }
}

// Whether an applies="…" condition reads what the request adds to the case: its parameters (`params`) or the signer
// (whose authority lines `--set signing` changes). Such a condition is evaluated on a context without them.
bool reads_request(const Expr& expression) {
  if (expression.op == Expr::Op::path && !expression.path.empty() &&
      (expression.path.front() == "params" || expression.path.front() == "signer"))
    return true;
  return std::any_of(expression.operands.begin(), expression.operands.end(), reads_request);
}

// Whether `condition` holds in `context`; a condition that cannot be evaluated does not hold.
bool holds(const Expr& condition, const Value& context) {
  Diagnostics ignored;
  const Scope scope(context);
  return evaluate(condition, scope, ignored).truthy() && !ignored.has_errors();
}

}  // namespace

std::optional<TemplateSet> TemplateSet::parse(std::vector<TemplateSource> sources, Diagnostics& diagnostics) {
  TemplateSet set;
  Diagnostics local;
  for (auto& source : sources) {
    auto parsed = Template::parse(source.name, source.file, std::move(source.text), local);
    if (!parsed) continue;
    const bool part = source.name.rfind("parts/", 0) == 0;
    if (!part && !parsed->document())
      local.error("E0413", SourceLoc{source.file, 1, 1},
                  "mẫu văn bản phải khai báo {@document name=\"…\" code=\"…\"} (các phần dùng chung đặt trong parts/)");
    if (part && parsed->document())
      local.error("E0413", parsed->document()->loc, "phần dùng chung trong parts/ không khai báo {@document}");
    set.templates_[source.name] = std::move(parsed);
  }
  // Includes must resolve, and must not loop.
  for (const auto& [name, item] : set.templates_) {
    std::vector<const Node*> includes;
    collect_includes(item->nodes(), includes);
    for (const Node* include : includes) {
      const std::string& target = include->options.at("value");
      if (!set.find(target))
        local.error("E0411", include->loc,
                    "không tìm thấy phần mẫu \"" + target + "\" (tệp templates/" + target + ".vbt)");
    }
  }
  std::function<bool(const Template&, std::vector<std::string>&)> cyclic = [&](const Template& t,
                                                                               std::vector<std::string>& stack) {
    std::vector<const Node*> includes;
    collect_includes(t.nodes(), includes);
    for (const Node* include : includes) {
      const std::string& target = include->options.at("value");
      if (std::find(stack.begin(), stack.end(), target) != stack.end()) {
        local.error("E0411", include->loc, "phần mẫu \"" + target + "\" tự chèn lại chính nó (vòng lặp include)");
        return true;
      }
      if (stack.size() > kMaxIncludeDepth) {
        local.error("E0419", include->loc,
                    "các phần mẫu chèn lồng nhau quá sâu (giới hạn " + std::to_string(kMaxIncludeDepth) + " cấp)");
        return true;
      }
      if (const Template* next = set.find(target)) {
        stack.push_back(target);
        if (cyclic(*next, stack)) return true;
        stack.pop_back();
      }
    }
    return false;
  };
  for (const auto& [name, item] : set.templates_) {
    std::vector<std::string> stack{name};
    if (cyclic(*item, stack)) break;
  }
  diagnostics.merge(local);
  if (local.has_errors()) return std::nullopt;
  return set;
}

const Template* TemplateSet::find(std::string_view name) const {
  const auto it = templates_.find(name);
  return it == templates_.end() ? nullptr : it->second.get();
}

std::vector<const Template*> TemplateSet::documents() const {
  std::vector<const Template*> out;
  for (const auto& [name, item] : templates_)
    if (item->document()) out.push_back(item.get());
  return out;
}

std::vector<Parameter> TemplateSet::parameters_of(const Template& document_template) const {
  std::vector<Parameter> out = document_template.parameters();
  std::vector<const Node*> includes;
  collect_includes(document_template.nodes(), includes);
  for (const Node* include : includes) {
    if (const Template* part = find(include->options.at("value"))) {
      for (const auto& parameter : parameters_of(*part)) {
        const bool known =
            std::any_of(out.begin(), out.end(), [&](const Parameter& p) { return p.name == parameter.name; });
        if (!known) out.push_back(parameter);
      }
    }
  }
  return out;
}

std::optional<doc::Document> TemplateSet::render(const Template& document_template, const RenderInput& input,
                                                 const rules::Law& law, Diagnostics& diagnostics) const {
  Diagnostics local;
  const Value context = build_context(input, law, document_template, parameters_of(document_template), local);
  std::optional<doc::Document> result;
  if (!local.has_errors()) result = render_document(*this, document_template, context, input, local);
  // The template's own refusals ({@fail}) name what the case lacks; a case that passes them but not the applies="…"
  // rule is refused too: the rule decides which cases a template is for (a letter urging payment of 0 đồng is not).
  // The rule is evaluated on the document's own context unless it reads what the request adds (one context per
  // document: a case's long texts are never listed twice at once).
  const auto& info = document_template.document();
  const bool own_context = info && info->applies && !reads_request(*info->applies);
  if (!local.has_errors() && !(own_context ? holds(*info->applies, context) : applies(document_template, input, law))) {
    const model::Case& the_case = input.ledger.the_case();
    const model::Date date = input.date();
    local.error("E0311", the_case.loc,
                "mẫu " + document_template.name() + " không dùng cho hồ sơ " + the_case.id + " vào ngày " +
                    text::short_date(date.year(), date.month(), date.day()) + ": điều kiện \"" +
                    document_template.document()->applies_text + "\" không thỏa");
  }
  diagnostics.merge(local);
  if (local.has_errors()) return std::nullopt;
  return result;
}

Value TemplateSet::context_for(const Template& document_template, const RenderInput& input, const rules::Law& law,
                               Diagnostics& diagnostics) const {
  return build_context(input, law, document_template, parameters_of(document_template), diagnostics);
}

model::Date TemplateSet::document_date(const Template& document_template, const model::Case& the_case,
                                       model::Date fallback, const rules::Law& law) const {
  const auto& info = document_template.document();
  if (!info || !info->dated) return fallback;
  // The case as it stands at the end of its history: the named date may lie after the fallback.
  const RenderInput input{model::Ledger::at_end(the_case)};
  Diagnostics ignored;
  const Value context = build_context(input, law, document_template, {}, ignored);
  const Scope scope(context);
  const Value value = evaluate(*info->dated, scope, ignored);
  return value.kind() == Value::Kind::date ? value.as_date() : fallback;
}

bool TemplateSet::applies(const Template& document_template, const RenderInput& input, const rules::Law& law) const {
  const auto& info = document_template.document();
  if (!info || !info->applies) return true;
  // The condition may only use the case (and the office): the request's parameters are left out.
  RenderInput case_only{input.ledger};
  case_only.number = input.number;
  case_only.signer_id = input.signer_id;
  case_only.office = input.office;
  Diagnostics ignored;
  return holds(*info->applies, build_context(case_only, law, document_template, {}, ignored)) && !ignored.has_errors();
}

}  // namespace vanban::templating
