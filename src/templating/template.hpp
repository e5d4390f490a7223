#pragma once
// A parsed template: Vietnamese prose with {fields}, {#blocks}…{/blocks} and {@directives}.
// The language is documented in templates/README.md; its grammar is schemas/template.ebnf.

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/line_index.hpp"
#include "templating/expression.hpp"

namespace vanban::templating {

/// Deepest nesting of blocks ({#if} inside {#each} inside …) in one template; deeper is E0419.
inline constexpr std::size_t kMaxBlockDepth = 32;
/// Longest chain of includes (a part that includes a part …); longer is E0419.
inline constexpr std::size_t kMaxIncludeDepth = 16;

struct FilterCall {
  std::string name;
  std::vector<Value> arguments;  ///< literal arguments
  SourceLoc loc;
};

/// A node of the template tree.
struct Node {
  enum class Kind {
    text,       ///< literal text (`text`)
    field,      ///< {expr | filter …}
    newline,    ///< end of a paragraph
    cell,       ///< "|" between table cells
    style,      ///< ** (text = "bold") or * (text = "italic") toggles
    condition,  ///< {#if}…{:elif}…{:else}…{/if}
    loop,       ///< {#each list as item}…{/each}
    block,      ///< {#title}, {#subject}, {#basis}, {#article}, {#heading}, {#center}, {#recipients}, {#addressee},
                ///< {#table}
    directive,  ///< {@header}, {@signature}, {@pagebreak}, {@fail "…"}
    include,    ///< {@include "parts/…"}
  };
  Kind kind = Kind::text;
  SourceLoc loc;
  std::string text;                                          ///< text; style; block or directive name; include target
  std::optional<Expr> expr;                                  ///< field; loop list
  std::vector<FilterCall> filters;                           ///< field
  std::vector<std::pair<Expr, std::vector<Node>>> branches;  ///< condition
  std::vector<Node> otherwise;                               ///< condition: {:else}
  std::vector<Node> body;                                    ///< loop, block
  std::string variable;                                      ///< loop
  std::map<std::string, std::string, std::less<>> options;   ///< literal key="value" options
  std::map<std::string, Expr, std::less<>> expressions;      ///< key=path options (e.g. signer=officer)
};

/// What {@param} declares: a value the case does not hold, given with --set key=value.
struct Parameter {
  std::string name;
  std::string type = "text";  ///< text, date, number, money, party (a party id), list (items separated by ";")
  std::string description;
  std::string example;
  std::optional<std::string> default_value;  ///< used when the parameter is not given
  bool required = true;
  SourceLoc loc;
};

/// What {@document} declares about the document a template makes.
struct DocumentInfo {
  std::string type_name;        ///< "Quyết định"
  std::string type_code;        ///< "QĐ"
  std::string description;      ///< one line for `vanban templates`
  std::optional<Expr> applies;  ///< which cases the template is meant for
  std::string applies_text;     ///< the applies="…" condition as written, for messages
  std::optional<Expr> dated;    ///< the case date the document bears when none is given (e.g. a verification's)
  SourceLoc loc;
};

/// One template file, parsed. Includes are resolved by TemplateSet.
class Template {
 public:
  /// Parses `source`; nullopt with diagnostics (template file, line, column) on any syntax error.
  static std::shared_ptr<Template> parse(std::string name, FileName file, std::string source, Diagnostics& diagnostics);

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] const std::vector<Node>& nodes() const { return nodes_; }
  [[nodiscard]] const std::optional<DocumentInfo>& document() const { return document_; }
  [[nodiscard]] const std::vector<Parameter>& parameters() const { return parameters_; }
  [[nodiscard]] const FileName& file() const { return file_; }

 private:
  friend class TemplateParser;
  std::string name_;
  FileName file_;
  std::string source_;
  std::unique_ptr<LineIndex> index_;
  std::vector<Node> nodes_;
  std::optional<DocumentInfo> document_;
  std::vector<Parameter> parameters_;
};

}  // namespace vanban::templating
