#include "templating/expression.hpp"

#include <charconv>

namespace vanban::templating {

std::string Expr::path_text() const {
  std::string out;
  for (const auto& name : path) {
    if (!out.empty()) out += '.';
    out += name;
  }
  return out;
}

const Value* Scope::lookup(std::string_view name) const {
  if (const auto it = locals_.find(name); it != locals_.end()) return &it->second;
  return root_.find(name);
}

namespace {

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9') || c == '-'; }

class ExpressionParser {
 public:
  ExpressionParser(std::string_view source, std::size_t begin, std::size_t end, const LineIndex& index,
                   Diagnostics& diagnostics)
      : source_(source), at_(begin), end_(end), index_(index), diagnostics_(diagnostics) {}

  std::optional<Expr> parse() {
    skip_space();
    if (at_ >= end_) {
      fail("thiếu biểu thức");
      return std::nullopt;
    }
    auto expr = parse_or();
    skip_space();
    if (expr && at_ < end_) {
      fail("không hiểu \"" + std::string(source_.substr(at_, end_ - at_)) + "\" sau biểu thức");
      return std::nullopt;
    }
    return failed_ ? std::nullopt : expr;
  }

 private:
  void fail(const std::string& message) {
    if (!failed_) diagnostics_.error("E0401", index_.locate(at_), message);
    failed_ = true;
  }
  void skip_space() {
    while (at_ < end_ && (source_[at_] == ' ' || source_[at_] == '\t')) ++at_;
  }
  bool accept(std::string_view token) {
    skip_space();
    if (source_.substr(at_, token.size()) != token || at_ + token.size() > end_) return false;
    // Keywords must not run into a name: "order" is not "or".
    if (is_name_char(token.back()) && at_ + token.size() < end_ && is_name_char(source_[at_ + token.size()]))
      return false;
    at_ += token.size();
    return true;
  }
  Expr make(Expr::Op op, std::size_t offset) {
    Expr expr;
    expr.op = op;
    expr.loc = index_.locate(offset);
    return expr;
  }

  // One level deeper (a parenthesis, a "not", a call's arguments); false, with E0419 at `offset`, beyond the limit.
  bool descend(std::size_t offset) {
    if (++depth_ <= kMaxExpressionDepth) return true;
    if (!failed_)
      diagnostics_.error("E0419", index_.locate(offset),
                         "biểu thức lồng nhau quá sâu (giới hạn " + std::to_string(kMaxExpressionDepth) + " cấp)");
    failed_ = true;
    return false;
  }

  // "a or b or c" is one node with three operands, so that a long chain costs no depth.
  std::optional<Expr> parse_or() { return parse_chain("or", Expr::Op::logical_or, &ExpressionParser::parse_and); }
  std::optional<Expr> parse_and() { return parse_chain("and", Expr::Op::logical_and, &ExpressionParser::parse_not); }
  std::optional<Expr> parse_chain(std::string_view keyword, Expr::Op op,
                                  std::optional<Expr> (ExpressionParser::*operand)()) {
    auto first = (this->*operand)();
    if (!first) return std::nullopt;
    if (!accept(keyword)) return first;
    Expr node = make(op, 0);
    node.loc = first->loc;
    node.operands.push_back(std::move(*first));
    do {
      auto next = (this->*operand)();
      if (!next) return std::nullopt;
      node.operands.push_back(std::move(*next));
    } while (accept(keyword));
    return node;
  }
  std::optional<Expr> parse_not() {
    skip_space();
    const std::size_t start = at_;
    if (accept("not")) {
      if (!descend(start)) return std::nullopt;
      auto operand = parse_not();
      --depth_;
      if (!operand) return std::nullopt;
      Expr node = make(Expr::Op::logical_not, start);
      node.operands.push_back(std::move(*operand));
      return node;
    }
    return parse_comparison();
  }
  std::optional<Expr> parse_comparison() {
    auto left = parse_primary();
    if (!left) return std::nullopt;
    skip_space();
    static constexpr std::pair<std::string_view, Expr::Op> kOperators[] = {
        {"==", Expr::Op::equal},         {"!=", Expr::Op::not_equal}, {"<=", Expr::Op::less_equal},
        {">=", Expr::Op::greater_equal}, {"<", Expr::Op::less},       {">", Expr::Op::greater}};
    for (const auto& [token, op] : kOperators) {
      if (source_.substr(at_, token.size()) == token) {
        const std::size_t start = at_;
        at_ += token.size();
        auto right = parse_primary();
        if (!right) return std::nullopt;
        Expr node = make(op, start);
        node.operands = {std::move(*left), std::move(*right)};
        return node;
      }
    }
    if (source_.substr(at_, 1) == "=") {
      fail("dùng \"==\" để so sánh bằng");
      return std::nullopt;
    }
    return left;
  }
  std::optional<Expr> parse_primary() {
    skip_space();
    if (at_ >= end_) {
      fail("thiếu giá trị ở cuối biểu thức");
      return std::nullopt;
    }
    const std::size_t start = at_;
    const char c = source_[at_];
    if (c == '(') {
      if (!descend(at_)) return std::nullopt;
      ++at_;
      auto inner = parse_or();
      --depth_;
      skip_space();
      if (!inner) return std::nullopt;
      if (at_ >= end_ || source_[at_] != ')') {
        fail("thiếu dấu \")\"");
        return std::nullopt;
      }
      ++at_;
      return inner;
    }
    if (c == '"' || c == '\'') return parse_text_literal();
    if (c >= '0' && c <= '9') {
      std::size_t stop = at_;
      while (stop < end_ && source_[stop] >= '0' && source_[stop] <= '9') ++stop;
      Expr node = make(Expr::Op::number, start);
      const auto [ptr, error] = std::from_chars(source_.data() + at_, source_.data() + stop, node.number);
      if (error != std::errc() || ptr != source_.data() + stop) {
        fail("số quá lớn");
        return std::nullopt;
      }
      at_ = stop;
      return node;
    }
    if (!is_name_start(c)) {
      fail(std::string("không hiểu ký tự \"") + c + "\" trong biểu thức");
      return std::nullopt;
    }
    Expr node = make(Expr::Op::path, start);
    while (true) {
      const std::size_t name_start = at_;
      while (at_ < end_ && is_name_char(source_[at_])) ++at_;
      node.path.emplace_back(source_.substr(name_start, at_ - name_start));
      if (at_ < end_ && source_[at_] == '.' && at_ + 1 < end_ && is_name_start(source_[at_ + 1])) {
        ++at_;
        continue;
      }
      break;
    }
    if (node.path.size() == 1 && (node.path[0] == "true" || node.path[0] == "false")) {
      Expr literal = make(Expr::Op::boolean, start);
      literal.boolean = node.path[0] == "true";
      return literal;
    }
    skip_space();
    if (node.path.size() == 1 && at_ < end_ && source_[at_] == '(') {
      if (!descend(at_)) return std::nullopt;
      ++at_;
      node.op = Expr::Op::call;
      skip_space();
      if (at_ < end_ && source_[at_] == ')') {
        ++at_;
        --depth_;
        return node;
      }
      while (true) {
        auto argument = parse_or();
        if (!argument) return std::nullopt;
        node.operands.push_back(std::move(*argument));
        skip_space();
        if (at_ < end_ && source_[at_] == ',') {
          ++at_;
          continue;
        }
        if (at_ < end_ && source_[at_] == ')') {
          ++at_;
          --depth_;
          break;
        }
        fail("thiếu dấu \")\" sau tham số của " + node.path[0]);
        return std::nullopt;
      }
    }
    return node;
  }
  std::optional<Expr> parse_text_literal() {
    const std::size_t start = at_;
    const char quote = source_[at_];
    ++at_;
    Expr node = make(Expr::Op::text, start);
    while (at_ < end_ && source_[at_] != quote) {
      if (source_[at_] == '\\' && at_ + 1 < end_) ++at_;
      node.text += source_[at_++];
    }
    if (at_ >= end_) {
      at_ = start;
      fail(std::string("chuỗi chưa đóng dấu ") + quote);
      return std::nullopt;
    }
    ++at_;
    return node;
  }

  std::string_view source_;
  std::size_t at_;
  std::size_t end_;
  const LineIndex& index_;
  Diagnostics& diagnostics_;
  bool failed_ = false;
  std::size_t depth_ = 0;
};

// Numbers and money compare by value; dates with dates or "YYYY-MM-DD"; texts and booleans for equality.
std::optional<int> compare(const Value& a, const Value& b) {
  using Kind = Value::Kind;
  const auto numeric = [](const Value& v) -> std::optional<std::int64_t> {
    if (v.kind() == Kind::number) return v.as_number();
    if (v.kind() == Kind::money) return v.as_money().dong;
    return std::nullopt;
  };
  const auto as_date = [](const Value& v) -> std::optional<model::Date> {
    if (v.kind() == Kind::date) return v.as_date();
    if (v.kind() == Kind::text) return model::Date::parse_iso(v.as_text());
    return std::nullopt;
  };
  const auto order = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  if (const auto x = numeric(a), y = numeric(b); x && y) return order(*x, *y);
  if (a.kind() == Kind::date || b.kind() == Kind::date) {
    const auto x = as_date(a);
    const auto y = as_date(b);
    if (x && y) return order(*x, *y);
    return std::nullopt;
  }
  if (a.kind() == Kind::text && b.kind() == Kind::text)
    return a.as_text().compare(b.as_text()) < 0 ? -1 : (a.as_text() == b.as_text() ? 0 : 1);
  if (a.kind() == Kind::boolean && b.kind() == Kind::boolean) return order(a.as_boolean(), b.as_boolean());
  return std::nullopt;
}

bool present(const Value& value) {
  if (value.kind() == Value::Kind::list) {
    for (const auto& item : value.as_list())
      if (present(item)) return true;
    return false;
  }
  return value.truthy() || value.kind() == Value::Kind::boolean || value.kind() == Value::Kind::number ||
         value.kind() == Value::Kind::money;
}

}  // namespace

std::optional<Expr> parse_expression(std::string_view source, std::size_t begin, std::size_t end,
                                     const LineIndex& index, Diagnostics& diagnostics) {
  return ExpressionParser(source, begin, end, index, diagnostics).parse();
}

Value resolve_path(const Expr& path, const Scope& scope, Diagnostics& diagnostics) {
  const Value* first = scope.lookup(path.path.front());
  if (first == nullptr) {
    diagnostics.error("E0402", path.loc, "không có trường \"" + path.path.front() + "\" trong dữ liệu mẫu văn bản");
    return Value::absent();
  }
  Value current = *first;
  std::string walked = path.path.front();
  for (std::size_t i = 1; i < path.path.size(); ++i) {
    const std::string& name = path.path[i];
    if (current.kind() == Value::Kind::list) {
      List mapped;
      for (const auto& item : current.as_list()) {
        const Value* field = item.find(name);
        if (field == nullptr) {
          diagnostics.error("E0402", path.loc, "phần tử của \"" + walked + "\" không có trường \"" + name + "\"");
          return Value::absent();
        }
        if (field->kind() == Value::Kind::list)
          mapped.insert(mapped.end(), field->as_list().begin(), field->as_list().end());
        else mapped.push_back(*field);
      }
      current = Value::list(std::move(mapped), current.loc());
    } else if (current.kind() == Value::Kind::object) {
      const Value* field = current.find(name);
      if (field == nullptr) {
        diagnostics.error("E0402", path.loc, "\"" + walked + "\" không có trường \"" + name + "\"");
        return Value::absent();
      }
      current = *field;
    } else if (current.is_absent()) {
      return current;  // a missing parent: the whole path is missing
    } else {
      diagnostics.error(
          "E0402", path.loc,
          "\"" + walked + "\" là " + std::string(kind_name(current.kind())) + ", không có trường \"" + name + "\"");
      return Value::absent();
    }
    walked += '.';
    walked += name;
  }
  return current;
}

Value evaluate(const Expr& expr, const Scope& scope, Diagnostics& diagnostics) {
  switch (expr.op) {
    case Expr::Op::path: return resolve_path(expr, scope, diagnostics);
    case Expr::Op::text: return Value::text(expr.text);
    case Expr::Op::number: return Value::number(expr.number);
    case Expr::Op::boolean: return Value::boolean(expr.boolean);
    case Expr::Op::logical_not: return Value::boolean(!evaluate(expr.operands[0], scope, diagnostics).truthy());
    case Expr::Op::logical_and:
    case Expr::Op::logical_or: {
      // Left to right, stopping at the first operand that decides.
      const bool wanted = expr.op == Expr::Op::logical_or;
      for (const auto& operand : expr.operands)
        if (evaluate(operand, scope, diagnostics).truthy() == wanted) return Value::boolean(wanted);
      return Value::boolean(!wanted);
    }
    case Expr::Op::call: {
      const std::string& name = expr.path.front();
      if ((name == "has" || name == "count") && expr.operands.size() != 1) {
        diagnostics.error("E0403", expr.loc, "hàm " + name + " cần đúng một tham số");
        return Value::absent();
      }
      if (name == "has") return Value::boolean(present(evaluate(expr.operands[0], scope, diagnostics)));
      if (name == "count") {
        const Value value = evaluate(expr.operands[0], scope, diagnostics);
        if (value.kind() == Value::Kind::list) return Value::number(static_cast<std::int64_t>(value.as_list().size()));
        return Value::number(present(value) ? 1 : 0);
      }
      diagnostics.error("E0403", expr.loc, "không có hàm \"" + name + "\" (có: has, count)");
      return Value::absent();
    }
    default: break;
  }
  const Value left = evaluate(expr.operands[0], scope, diagnostics);
  const Value right = evaluate(expr.operands[1], scope, diagnostics);
  if (expr.op == Expr::Op::equal || expr.op == Expr::Op::not_equal) {
    bool equal = false;
    if (left.is_absent() || right.is_absent()) equal = left.is_absent() && right.is_absent();
    else if (const auto order = compare(left, right)) equal = *order == 0;
    return Value::boolean(expr.op == Expr::Op::equal ? equal : !equal);
  }
  if (left.is_absent() || right.is_absent()) return Value::boolean(false);
  const auto order = compare(left, right);
  if (!order) {
    diagnostics.error(
        "E0404", expr.loc,
        "không so sánh được " + std::string(kind_name(left.kind())) + " với " + std::string(kind_name(right.kind())));
    return Value::absent();
  }
  switch (expr.op) {
    case Expr::Op::less: return Value::boolean(*order < 0);
    case Expr::Op::less_equal: return Value::boolean(*order <= 0);
    case Expr::Op::greater: return Value::boolean(*order > 0);
    case Expr::Op::greater_equal: return Value::boolean(*order >= 0);
    default: return Value::absent();
  }
}

}  // namespace vanban::templating
