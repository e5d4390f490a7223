#pragma once
// The small expression language of templates and batch filters:
//   debtor.outstanding > 0    has(assets.mortgagee)    status.condition == "no-means"    not a and (b or c)

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/line_index.hpp"
#include "templating/value.hpp"

namespace vanban::templating {

/// Deepest nesting of parentheses, "not" and calls in one expression; deeper is E0419 (the parser and the evaluator
/// recurse, and a hostile filter or template must not exhaust the stack).
inline constexpr std::size_t kMaxExpressionDepth = 32;

struct Expr {
  enum class Op {
    path,
    text,
    number,
    boolean,
    equal,
    not_equal,
    less,
    less_equal,
    greater,
    greater_equal,
    logical_and,
    logical_or,
    logical_not,
    call
  };
  Op op = Op::path;
  std::vector<std::string> path;  ///< path: the names; call: the function name in path[0]
  std::string text;               ///< text literal
  std::int64_t number = 0;        ///< number literal
  bool boolean = false;           ///< boolean literal
  std::vector<Expr> operands;     ///< operators (and, or: two or more) and call arguments
  SourceLoc loc;

  /// "debtor.name" for a path, for messages.
  [[nodiscard]] std::string path_text() const;
};

/// Parses `source[begin, end)` as one expression; positions are reported through `index`.
std::optional<Expr> parse_expression(std::string_view source, std::size_t begin, std::size_t end,
                                     const LineIndex& index, Diagnostics& diagnostics);

/// Names visible to an expression: loop variables over the root context.
class Scope {
 public:
  explicit Scope(const Value& root) : root_(root) {}
  void bind(std::string name, Value value) { locals_[std::move(name)] = std::move(value); }
  void unbind(const std::string& name) { locals_.erase(name); }
  /// The value of the first path segment, or nullptr when no such name exists.
  [[nodiscard]] const Value* lookup(std::string_view name) const;

 private:
  const Value& root_;
  std::map<std::string, Value, std::less<>> locals_;
};

/// Evaluates an expression. Unknown names and type mismatches are reported as template errors (E04xx)
/// at the expression's position; the result is then absent.
Value evaluate(const Expr& expr, const Scope& scope, Diagnostics& diagnostics);

/// Follows a path; through a list it maps over the elements (so `assets.mortgagee` lists every mortgagee).
Value resolve_path(const Expr& path, const Scope& scope, Diagnostics& diagnostics);

}  // namespace vanban::templating
