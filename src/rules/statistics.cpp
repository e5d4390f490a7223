#include "rules/statistics.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "rules/data_fields.hpp"
#include "xml/data_reader.hpp"

namespace vanban::rules {

const std::vector<CaseFactInfo>& case_facts() {
  static const std::vector<CaseFactInfo> kFacts = {
      {CaseFact::ex_officio, "ex-officio"},
      {CaseFact::on_request, "on-request"},
      {CaseFact::has_means, "has-means"},
      {CaseFact::no_means, "no-means"},
      {CaseFact::completed, "completed"},
      {CaseFact::terminated, "terminated"},
      {CaseFact::in_progress, "in-progress"},
      {CaseFact::postponed, "postponed"},
      {CaseFact::suspended, "suspended"},
      {CaseFact::money, "money"},
      {CaseFact::owes, "owes"},
      {CaseFact::paid_in_period, "paid-in-period"},
      {CaseFact::delegated_out, "delegated-out"},
      {CaseFact::withdrawn, "withdrawn"},
      {CaseFact::reduced, "reduced"},
      {CaseFact::exempted, "exempted"},
      {CaseFact::separate_register, "separate-register"},
      {CaseFact::returned, "returned"},
  };
  return kFacts;
}

// ---- conditions ---------------------------------------------------------------------------------

namespace {

std::vector<std::string> tokens_of(std::string_view text) {
  std::vector<std::string> tokens;
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) tokens.push_back(std::move(word));
    word.clear();
  };
  for (const char c : text) {
    if (c == '(' || c == ')') {
      flush();
      tokens.emplace_back(1, c);
    } else if (c == ' ' || c == '\t' || c == '\n') {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return tokens;
}

}  // namespace

std::optional<Condition> Condition::parse(std::string_view text, std::string& problem) {
  const std::vector<std::string> tokens = tokens_of(text);
  Condition condition;
  std::size_t at = 0;
  const auto peek = [&]() -> std::string_view { return at < tokens.size() ? tokens[at] : std::string_view(); };
  // Recursive descent: or → and ("or" and)*; and → unary ("and" unary)*; unary → "not" unary | "(" or ")" | fact.
  std::function<bool()> either;
  std::function<bool()> unary = [&]() -> bool {
    const std::string_view token = peek();
    if (token == "not") {
      ++at;
      if (!unary()) return false;
      condition.program_.push_back({Op::negate, {}});
      return true;
    }
    if (token == "(") {
      ++at;
      if (!either()) return false;
      if (peek() != ")") {
        problem = "thiếu dấu \")\"";
        return false;
      }
      ++at;
      return true;
    }
    if (token == "always" && tokens.size() == 1) {
      ++at;
      condition.program_.push_back({Op::always, {}});
      return true;
    }
    for (const auto& info : case_facts()) {
      if (info.name == token) {
        ++at;
        condition.program_.push_back({Op::fact, info.fact});
        return true;
      }
    }
    problem =
        token.empty() ? "điều kiện bị thiếu ở cuối" : "\"" + std::string(token) + "\" không phải là dữ kiện của hồ sơ";
    return false;
  };
  // operand (word operand)*: each further operand joined by `op`.
  const auto chain = [&](std::string_view word, Op op, const std::function<bool()>& operand) {
    if (!operand()) return false;
    while (peek() == word) {
      ++at;
      if (!operand()) return false;
      condition.program_.push_back({op, {}});
    }
    return true;
  };
  const std::function<bool()> both = [&] { return chain("and", Op::both, unary); };
  either = [&] { return chain("or", Op::either, both); };
  if (!either()) return std::nullopt;
  if (at != tokens.size()) {
    problem = "thừa \"" + tokens[at] + "\" trong điều kiện";
    return std::nullopt;
  }
  return condition;
}

bool Condition::holds(const FactSet& facts) const {
  bool stack[32];
  std::size_t depth = 0;
  for (const Step& step : program_) {
    switch (step.op) {
      case Op::always: stack[depth++] = true; break;
      case Op::fact: stack[depth++] = facts.test(static_cast<std::size_t>(step.fact)); break;
      case Op::negate: stack[depth - 1] = !stack[depth - 1]; break;
      case Op::both:
        --depth;
        stack[depth - 1] = stack[depth - 1] && stack[depth];
        break;
      case Op::either:
        --depth;
        stack[depth - 1] = stack[depth - 1] || stack[depth];
        break;
    }
  }
  return depth == 1 && stack[0];
}

// ---- the rules file -----------------------------------------------------------------------------

const Column* StatisticsRegime::find_column(std::string_view column_id) const {
  for (const auto& column : columns)
    if (column.id == column_id) return &column;
  return nullptr;
}

std::optional<std::size_t> StatisticsRegime::column_index(std::string_view column_id) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].id == column_id) return i;
  return std::nullopt;
}

namespace {

constexpr std::string_view kStatisticsNamespace = "urn:vanban:statistics:1";
constexpr std::size_t kMaxConditionTokens = 32;  // Condition::holds keeps a stack of 32 values

constexpr const char* kStatisticsRegime = "chế độ thống kê";

class StatisticsReader {
 public:
  explicit StatisticsReader(Diagnostics& diagnostics) : fields_(diagnostics, "E0904") {}

  std::vector<StatisticsRegime> read(const xml::Element& root) {
    std::vector<StatisticsRegime> regimes;
    if (root.name != "statistics") {
      error(root.loc, "phần tử gốc của quy tắc thống kê phải là <statistics>");
      return regimes;
    }
    for (const auto& child : root.children) {
      if (child.name == "regime") regimes.push_back(read_regime(child));
      else error(child.loc, "phần tử <" + child.name + "> không thuộc quy tắc thống kê");
    }
    fields_.order_regimes(regimes, kStatisticsRegime);
    if (regimes.empty()) error(root.loc, "quy tắc thống kê không có chế độ <regime> nào");
    return regimes;
  }

 private:
  void error(const SourceLoc& loc, std::string message) { fields_.error(loc, std::move(message)); }
  std::string attribute(const xml::Element& element, std::string_view name) { return fields_.attribute(element, name); }
  static bool confirmed(const xml::Element& element) { return FieldReader::confirmed(element); }
  model::Date date(const xml::Element& element, std::string_view name) { return fields_.date(element, name); }

  // "a + b - c" as terms over the regime's columns (resolved once every column is read).
  struct PendingTerms {
    std::vector<std::pair<std::string, bool>> names;  ///< id, minus
    SourceLoc loc;
  };
  PendingTerms terms_of(const std::string& text, const SourceLoc& loc) {
    PendingTerms pending{{}, loc};
    bool minus = false, expect_name = true;
    for (const auto& token : tokens_of(text)) {
      if (!expect_name && (token == "+" || token == "-")) {
        minus = token == "-";
        expect_name = true;
      } else if (expect_name && token != "+" && token != "-") {
        pending.names.emplace_back(token, minus);
        expect_name = false;
      } else {
        error(loc, "công thức \"" + text + "\" phải có dạng cột + cột - cột");
        return pending;
      }
    }
    if (expect_name) error(loc, "công thức \"" + text + "\" phải có dạng cột + cột - cột");
    return pending;
  }

  std::vector<Term> resolve(const StatisticsRegime& regime, const PendingTerms& pending) {
    std::vector<Term> terms;
    for (const auto& [name, minus] : pending.names) {
      const auto index = regime.column_index(name);
      if (!index) error(pending.loc, "không có cột \"" + name + "\" trong chế độ \"" + regime.id + "\"");
      else terms.push_back({*index, minus});
    }
    return terms;
  }

  std::optional<std::size_t> outcome_index(const StatisticsRegime& regime, const std::string& id,
                                           const SourceLoc& loc) {
    for (std::size_t i = 0; i < regime.outcomes.size(); ++i)
      if (regime.outcomes[i].id == id) return i;
    error(loc, "không có kết quả <outcome id=\"" + id + "\"> trong chế độ \"" + regime.id + "\"");
    return std::nullopt;
  }

  Outcome read_outcome(const xml::Element& element) {
    Outcome outcome;
    outcome.loc = element.loc;
    outcome.id = attribute(element, "id");
    outcome.label = attribute(element, "label");
    outcome.basis = attribute(element, "basis");
    outcome.confirmed = confirmed(element);
    const std::string carries = attribute(element, "carries");
    if (carries != "true" && carries != "false") error(element.loc, "carries phải là \"true\" hoặc \"false\"");
    outcome.carries = carries == "true";
    const auto* when = element.find_attribute("when");
    if (when == nullptr) {
      error(element.loc, "thiếu thuộc tính \"when\" của <outcome>");
      return outcome;
    }
    if (tokens_of(when->value).size() > kMaxConditionTokens) {
      error(when->value_loc, "điều kiện \"" + when->value + "\" quá dài");
      return outcome;
    }
    std::string problem;
    if (auto parsed = Condition::parse(when->value, problem)) outcome.when = std::move(*parsed);
    else error(when->value_loc, "điều kiện \"" + when->value + "\" không hợp lệ: " + problem);
    return outcome;
  }

  StatisticsRegime read_regime(const xml::Element& element) {
    StatisticsRegime regime;
    regime.loc = element.loc;
    regime.id = attribute(element, "id");
    regime.from = date(element, "from");
    if (element.find_attribute("until")) regime.until = date(element, "until");
    regime.confirmed = confirmed(element);
    std::vector<std::pair<std::size_t, PendingTerms>> formulas;
    std::vector<std::pair<std::string, SourceLoc>> column_outcomes;  // per outcome column: its outcome id
    std::vector<std::tuple<std::string, std::string, std::string, const xml::Element*>> rates;
    std::vector<std::pair<std::string, PendingTerms>> checks;
    const xml::Element* money = nullptr;
    for (const auto& child : element.children) {
      if (child.name == "name") {
        regime.name = child.text;
      } else if (child.name == "source") {
        regime.source = child.text;
      } else if (child.name == "form") {
        regime.form_code = attribute(child, "code");
        regime.form_title = attribute(child, "title");
      } else if (child.name == "outcome") {
        regime.outcomes.push_back(read_outcome(child));
      } else if (child.name == "money") {
        money = &child;
      } else if (child.name == "column") {
        Column column;
        column.loc = child.loc;
        column.id = attribute(child, "id");
        column.number = attribute(child, "number");
        column.label = attribute(child, "label");
        column.confirmed = confirmed(child);
        if (regime.find_column(column.id)) error(child.loc, "cột \"" + column.id + "\" bị khai báo hai lần");
        if (const auto* intake = child.find_attribute("intake")) {
          column.kind = Column::Kind::intake;
          if (intake->value == "carried-over") column.intake = Intake::carried_over;
          else if (intake->value == "new-ex-officio") column.intake = Intake::new_ex_officio;
          else if (intake->value == "new-on-request") column.intake = Intake::new_on_request;
          else
            error(intake->value_loc,
                  "intake \"" + intake->value + "\" không hợp lệ (carried-over, new-ex-officio, new-on-request)");
        } else if (const auto* outcome = child.find_attribute("outcome")) {
          column.kind = Column::Kind::outcome;
          column_outcomes.emplace_back(outcome->value, outcome->value_loc);
        } else if (const auto* formula = child.find_attribute("formula")) {
          column.kind = Column::Kind::formula;
          formulas.emplace_back(regime.columns.size(), terms_of(formula->value, formula->value_loc));
        } else {
          error(child.loc, "cột \"" + column.id + "\" cần một trong intake, outcome hoặc formula");
        }
        if (column.kind != Column::Kind::outcome) column_outcomes.emplace_back("", SourceLoc{});
        regime.columns.push_back(std::move(column));
      } else if (child.name == "rate") {
        rates.emplace_back(attribute(child, "numerator"), attribute(child, "denominator"), attribute(child, "of"),
                           &child);
      } else if (child.name == "check") {
        const auto* equals = child.find_attribute("equals");
        checks.emplace_back(attribute(child, "column"),
                            equals ? terms_of(equals->value, equals->value_loc) : PendingTerms{{}, child.loc});
        if (equals == nullptr) error(child.loc, "thiếu thuộc tính \"equals\" của <check>");
      } else {
        error(child.loc, "phần tử <" + child.name + "> không thuộc <regime> của quy tắc thống kê");
      }
    }
    fields_.check_regime(regime, kStatisticsRegime);
    if (regime.outcomes.empty() || !regime.outcomes.back().when.always())
      error(element.loc, "kết quả cuối cùng của chế độ \"" + regime.id + "\" phải có when=\"always\"");
    for (std::size_t i = 0; i < regime.columns.size(); ++i)
      if (regime.columns[i].kind == Column::Kind::outcome)
        if (const auto index = outcome_index(regime, column_outcomes[i].first, column_outcomes[i].second))
          regime.columns[i].outcome = *index;
    if (money == nullptr) {
      error(element.loc, "chế độ \"" + regime.id + "\" thiếu <money paid=\"…\" remitted=\"…\" delegated=\"…\"/>");
    } else {
      // Where each part of a case's money goes: paid, exempted or reduced in the period, delegated out.
      const auto place = [&](std::string_view name, std::size_t& where) {
        if (const auto index = outcome_index(regime, attribute(*money, name), money->loc)) where = *index;
      };
      place("paid", regime.paid_outcome);
      place("remitted", regime.remitted_outcome);
      place("delegated", regime.delegated_outcome);
    }
    for (const auto& [index, pending] : formulas) regime.columns[index].terms = resolve(regime, pending);
    order_formulas(regime);
    for (const auto& [numerator, denominator, of, child] : rates) {
      Rate rate;
      rate.id = attribute(*child, "id");
      rate.label = attribute(*child, "label");
      rate.confirmed = confirmed(*child);
      if (of == "cases") rate.of = Measure::cases;
      else if (of == "money") rate.of = Measure::money;
      else error(child->loc, "of=\"" + of + "\" không hợp lệ (cases, money)");
      const auto n = regime.column_index(numerator), d = regime.column_index(denominator);
      if (!n || !d) error(child->loc, "tỷ lệ \"" + rate.id + "\" nêu cột không có");
      rate.numerator = n.value_or(0);
      rate.denominator = d.value_or(0);
      regime.rates.push_back(std::move(rate));
    }
    for (const auto& [column, pending] : checks) {
      const auto index = regime.column_index(column);
      if (!index) error(pending.loc, "không có cột \"" + column + "\" trong chế độ \"" + regime.id + "\"");
      regime.checks.push_back({index.value_or(0), resolve(regime, pending), pending.loc});
    }
    return regime;
  }

  // Formula columns in an order where each comes after the columns it sums; a cycle is an error.
  void order_formulas(StatisticsRegime& regime) {
    enum class Mark : std::uint8_t { none, visiting, done };
    std::vector<Mark> marks(regime.columns.size(), Mark::none);
    std::function<void(std::size_t)> visit = [&](std::size_t c) {
      if (marks[c] == Mark::done) return;
      if (marks[c] == Mark::visiting) {
        error(regime.columns[c].loc, "công thức của cột \"" + regime.columns[c].id + "\" tự tham chiếu vòng");
        return;
      }
      marks[c] = Mark::visiting;
      for (const auto& term : regime.columns[c].terms) visit(term.column);
      marks[c] = Mark::done;
      if (regime.columns[c].kind == Column::Kind::formula) regime.formula_order.push_back(c);
    };
    for (std::size_t c = 0; c < regime.columns.size(); ++c) visit(c);
  }

  FieldReader fields_;
};

}  // namespace

std::optional<StatisticsBook> StatisticsBook::parse(std::string_view bytes, const FileName& file,
                                                    Diagnostics& diagnostics) {
  Diagnostics local;
  const auto root = xml::read_data_file(bytes, file, kStatisticsNamespace, local);
  StatisticsBook book;
  if (root) book.regimes_ = StatisticsReader(local).read(*root);
  diagnostics.merge(local);
  if (local.has_errors() || !root) return std::nullopt;
  return book;
}

const StatisticsRegime* StatisticsBook::regime_on(model::Date date) const {
  for (const auto& regime : regimes_)
    if (regime.from <= date && (!regime.until || date <= *regime.until)) return &regime;
  return nullptr;
}

}  // namespace vanban::rules
