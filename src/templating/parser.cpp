// Template syntax: tokens, then a tree. Every error names the template file, line and column.

#include <algorithm>
#include <set>

#include "templating/template.hpp"

namespace vanban::templating {

namespace {

struct Token {
  enum class Kind { text, field, open, clause, close, directive, comment, newline, style, cell };
  Kind kind = Kind::text;
  std::size_t offset = 0;  ///< where the token starts in the source
  std::size_t begin = 0;   ///< tag content (after the sigil) …
  std::size_t end = 0;     ///< … up to the closing brace
  std::string text;        ///< text after escapes; tag name; style name
  std::size_t line = 0;
};

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

const std::set<std::string, std::less<>> kBlocks = {"if",      "each",   "title",      "subject",   "basis", "article",
                                                    "heading", "center", "recipients", "addressee", "table"};
const std::set<std::string, std::less<>> kDirectives = {"include", "header",   "signature", "pagebreak",
                                                        "fail",    "document", "param"};

/// One option of a tag: `key="value"`, `key=path`, or a positional word or string.
struct Option {
  std::string key;
  std::string value;
  bool quoted = false;
  std::size_t offset = 0;
  std::size_t value_offset = 0;
  std::size_t value_end = 0;
};

}  // namespace

class TemplateParser {
 public:
  TemplateParser(Template& result, Diagnostics& diagnostics)
      : t_(result), source_(result.source_), index_(*result.index_), diagnostics_(diagnostics) {}

  bool run() {
    tokenize();
    if (failed_) return false;
    trim_silent_lines();
    std::size_t position = 0;
    t_.nodes_ = sequence(position, nullptr);
    return !failed_;
  }

 private:
  // ---- errors --------------------------------------------------------------------------------
  void fail(const char* code, std::size_t offset, const std::string& message) {
    diagnostics_.error(code, index_.locate(offset), message);
    failed_ = true;
  }

  // ---- tokens --------------------------------------------------------------------------------
  void flush_text(std::string& text, std::size_t& text_start, std::size_t line) {
    if (!text.empty()) tokens_.push_back({Token::Kind::text, text_start, 0, 0, std::move(text), line});
    text.clear();
  }

  void tokenize() {
    const std::size_t n = source_.size();
    std::string text;
    std::size_t text_start = 0;
    std::size_t line = 0;
    std::size_t i = 0;
    while (i < n) {
      const char c = source_[i];
      const char next = i + 1 < n ? source_[i + 1] : '\0';
      if (text.empty()) text_start = i;
      if (c == '\r' && next == '\n') {
        ++i;
        continue;
      }
      if (c == '\n') {
        flush_text(text, text_start, line);
        tokens_.push_back({Token::Kind::newline, i, i, i, {}, line});
        ++line;
        ++i;
        continue;
      }
      if (c == '{' && next == '{') {
        text += '{';
        i += 2;
        continue;
      }
      if (c == '}' && next == '}') {
        text += '}';
        i += 2;
        continue;
      }
      if (c == '}') {
        fail("E0405", i, "dấu \"}\" thừa; muốn in dấu ngoặc thì viết \"}}\"");
        ++i;
        continue;
      }
      if (c == '\\' && (next == '*' || next == '|' || next == '\\')) {
        text += next;
        i += 2;
        continue;
      }
      if (c == '*') {
        flush_text(text, text_start, line);
        const bool bold = next == '*';
        tokens_.push_back({Token::Kind::style, i, i, i, bold ? "bold" : "italic", line});
        i += bold ? 2 : 1;
        continue;
      }
      if (c == '|') {
        flush_text(text, text_start, line);
        tokens_.push_back({Token::Kind::cell, i, i, i, {}, line});
        ++i;
        continue;
      }
      if (c != '{') {
        text += c;
        ++i;
        continue;
      }
      flush_text(text, text_start, line);
      if (source_.compare(i, 3, "{--") == 0) {
        const std::size_t close = source_.find("--}", i + 3);
        if (close == std::string::npos) {
          fail("E0405", i, "chú thích \"{--\" chưa được đóng bằng \"--}\"");
          return;
        }
        for (std::size_t k = i; k < close; ++k)
          if (source_[k] == '\n') ++line;
        tokens_.push_back({Token::Kind::comment, i, i, close, {}, line});
        i = close + 3;
        continue;
      }
      // A tag ends at the first "}" outside quotes, on the same line.
      std::size_t close = i + 1;
      char quote = '\0';
      while (close < n && source_[close] != '\n') {
        const char d = source_[close];
        if (quote != '\0') {
          if (d == '\\') ++close;
          else if (d == quote) quote = '\0';
        } else if (d == '"' || d == '\'') {
          quote = d;
        } else if (d == '}') {
          break;
        }
        ++close;
      }
      if (close >= n || source_[close] != '}') {
        fail("E0405", i, "thiếu dấu \"}\" đóng trường hoặc thẻ (mỗi thẻ phải nằm trên một dòng)");
        i = close;
        continue;
      }
      Token token;
      token.offset = i;
      token.line = line;
      token.end = close;
      const char sigil = next;
      if (sigil == '#' || sigil == ':' || sigil == '/' || sigil == '@') {
        token.kind = sigil == '#'   ? Token::Kind::open
                     : sigil == ':' ? Token::Kind::clause
                     : sigil == '/' ? Token::Kind::close
                                    : Token::Kind::directive;
        std::size_t name_end = i + 2;
        while (name_end < close && is_name_char(source_[name_end])) ++name_end;
        token.text = source_.substr(i + 2, name_end - (i + 2));
        token.begin = name_end;
        if (token.text.empty()) fail("E0405", i + 2, "thiếu tên thẻ sau \"{" + std::string(1, sigil) + "\"");
      } else {
        token.kind = Token::Kind::field;
        token.begin = i + 1;
      }
      tokens_.push_back(std::move(token));
      i = close + 1;
    }
    flush_text(text, text_start, line);
    // The newline that ends the file is not content: an included part then fits inside a sentence.
    if (!tokens_.empty() && tokens_.back().kind == Token::Kind::newline) tokens_.pop_back();
  }

  static bool blank(const std::string& text) { return text.find_first_not_of(" \t") == std::string::npos; }

  // A line holding only tags (and spaces) produces nothing: no empty paragraph, no stray spaces.
  void trim_silent_lines() {
    std::vector<Token> kept;
    std::size_t start = 0;
    while (start < tokens_.size()) {
      std::size_t stop = start;
      while (stop < tokens_.size() && tokens_[stop].kind != Token::Kind::newline) ++stop;
      bool has_tag = false;
      bool has_output = false;
      for (std::size_t k = start; k < stop; ++k) {
        const Token& token = tokens_[k];
        switch (token.kind) {
          case Token::Kind::open:
          case Token::Kind::clause:
          case Token::Kind::close:
          case Token::Kind::directive:
            // An include produces text: its line is a paragraph like any other.
            if (token.text == "include") has_output = true;
            else has_tag = true;
            break;
          case Token::Kind::comment: has_tag = true; break;
          case Token::Kind::text: has_output = has_output || !blank(token.text); break;
          default: has_output = true; break;
        }
      }
      const bool silent = has_tag && !has_output;
      for (std::size_t k = start; k < stop; ++k)
        if (!(silent && tokens_[k].kind == Token::Kind::text)) kept.push_back(tokens_[k]);
      if (stop < tokens_.size() && !silent) kept.push_back(tokens_[stop]);
      start = stop + 1;
    }
    tokens_ = std::move(kept);
  }

  // ---- options -------------------------------------------------------------------------------
  std::vector<Option> options(std::size_t begin, std::size_t end) {
    std::vector<Option> out;
    std::size_t i = begin;
    while (true) {
      while (i < end && (source_[i] == ' ' || source_[i] == '\t')) ++i;
      if (i >= end) break;
      Option option;
      option.offset = i;
      std::size_t word_end = i;
      while (word_end < end && is_name_char(source_[word_end])) ++word_end;
      if (word_end > i && word_end < end && source_[word_end] == '=') {
        option.key = source_.substr(i, word_end - i);
        i = word_end + 1;
      }
      option.value_offset = i;
      if (i < end && (source_[i] == '"' || source_[i] == '\'')) {
        const char quote = source_[i];
        ++i;
        while (i < end && source_[i] != quote) {
          if (source_[i] == '\\' && i + 1 < end) ++i;
          option.value += source_[i++];
        }
        if (i >= end) {
          fail("E0405", option.value_offset, "chuỗi chưa đóng dấu " + std::string(1, quote));
          return out;
        }
        ++i;
        option.quoted = true;
      } else {
        const std::size_t value_start = i;
        while (i < end && source_[i] != ' ' && source_[i] != '\t') ++i;
        option.value = source_.substr(value_start, i - value_start);
      }
      option.value_end = i;
      out.push_back(std::move(option));
    }
    return out;
  }

  std::optional<Expr> expression(std::size_t begin, std::size_t end) {
    Diagnostics local;
    auto expr = parse_expression(source_, begin, end, index_, local);
    if (local.has_errors()) failed_ = true;
    diagnostics_.merge(local);
    return expr;
  }

  // Literal options become `options`; unquoted ones are paths in `expressions`.
  void keyed_options(Node& node, const Token& token, std::initializer_list<std::string_view> allowed) {
    for (auto& option : options(token.begin, token.end)) {
      if (option.key.empty() ||
          std::find(allowed.begin(), allowed.end(), std::string_view(option.key)) == allowed.end()) {
        std::string names;
        for (const auto name : allowed) names += (names.empty() ? "" : ", ") + std::string(name);
        fail("E0412", option.offset,
             "tùy chọn \"" + (option.key.empty() ? option.value : option.key) + "\" không dùng được với {" +
                 (token.kind == Token::Kind::open ? "#" : "@") + token.text + "}" +
                 (names.empty() ? " (thẻ này không có tùy chọn)" : " (có: " + names + ")"));
        continue;
      }
      if (option.quoted) {
        node.options[option.key] = option.value;
      } else if (auto expr = expression(option.value_offset, option.value_end)) {
        node.expressions[option.key] = std::move(*expr);
      }
    }
  }

  // ---- fields --------------------------------------------------------------------------------
  Node field(const Token& token) {
    Node node;
    node.kind = Node::Kind::field;
    node.loc = index_.locate(token.offset);
    // Split at "|" outside quotes: expression | filter args | filter …
    std::vector<std::pair<std::size_t, std::size_t>> parts;
    std::size_t part_start = token.begin;
    char quote = '\0';
    for (std::size_t i = token.begin; i < token.end; ++i) {
      const char c = source_[i];
      if (quote != '\0') {
        if (c == '\\') ++i;
        else if (c == quote) quote = '\0';
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '|') {
        parts.emplace_back(part_start, i);
        part_start = i + 1;
      }
    }
    parts.emplace_back(part_start, token.end);
    node.expr = expression(parts[0].first, parts[0].second);
    for (std::size_t p = 1; p < parts.size(); ++p) {
      auto words = options(parts[p].first, parts[p].second);
      if (words.empty() || words[0].quoted || !words[0].key.empty()) {
        fail("E0409", parts[p].first, "thiếu tên bộ lọc sau dấu \"|\"");
        continue;
      }
      FilterCall filter;
      filter.name = words[0].value;
      filter.loc = index_.locate(words[0].offset);
      for (std::size_t w = 1; w < words.size(); ++w) {
        const Option& word = words[w];
        if (word.quoted) {
          filter.arguments.push_back(Value::text(word.value));
        } else if (!word.value.empty() && word.value.find_first_not_of("0123456789") == std::string::npos &&
                   word.value.size() < 18) {
          filter.arguments.push_back(Value::number(std::stoll(word.value)));
        } else {
          fail("E0410", word.offset, "tham số của bộ lọc " + filter.name + " phải là chuỗi trong ngoặc kép hoặc số");
        }
      }
      node.filters.push_back(std::move(filter));
    }
    return node;
  }

  // ---- tree ----------------------------------------------------------------------------------
  // Parses nodes until the closing tag of `opener` (or the end when `opener` is null).
  std::vector<Node> sequence(std::size_t& position, const Token* opener) {
    std::vector<Node> nodes;
    while (position < tokens_.size()) {
      const Token& token = tokens_[position];
      switch (token.kind) {
        case Token::Kind::text: {
          Node node;
          node.kind = Node::Kind::text;
          node.loc = index_.locate(token.offset);
          node.text = token.text;
          nodes.push_back(std::move(node));
          ++position;
          break;
        }
        case Token::Kind::newline:
        case Token::Kind::cell:
        case Token::Kind::style: {
          Node node;
          node.kind = token.kind == Token::Kind::newline ? Node::Kind::newline
                      : token.kind == Token::Kind::cell  ? Node::Kind::cell
                                                         : Node::Kind::style;
          node.loc = index_.locate(token.offset);
          node.text = token.text;
          nodes.push_back(std::move(node));
          ++position;
          break;
        }
        case Token::Kind::comment: ++position; break;
        case Token::Kind::field:
          nodes.push_back(field(token));
          ++position;
          break;
        case Token::Kind::open:
          // The tree is built (and later walked) by recursion: nesting stops at the limit, and so does parsing.
          if (depth_ == kMaxBlockDepth) {
            fail("E0419", token.offset,
                 "các khối lồng nhau quá sâu (giới hạn " + std::to_string(kMaxBlockDepth) + " cấp)");
            abandoned_ = true;
            position = tokens_.size();
            break;
          }
          ++depth_;
          nodes.push_back(block(position));
          --depth_;
          break;
        case Token::Kind::directive:
          if (auto node = directive(token)) nodes.push_back(std::move(*node));
          ++position;
          break;
        case Token::Kind::clause:
          if (opener != nullptr && opener->text == "if" && (token.text == "elif" || token.text == "else")) return nodes;
          fail("E0408", token.offset,
               "{:" + token.text + "} không nằm trong khối {#if}" +
                   (token.text == "elif" || token.text == "else" ? "" : " (chỉ có {:elif …} và {:else})"));
          ++position;
          break;
        case Token::Kind::close:
          if (opener != nullptr && token.text == opener->text) return nodes;
          if (opener != nullptr) {
            const SourceLoc open_loc = index_.locate(opener->offset);
            fail("E0408", token.offset,
                 "gặp {/" + token.text + "} nhưng khối đang mở là {#" + opener->text + "} (dòng " +
                     std::to_string(open_loc.line) + ", cột " + std::to_string(open_loc.column) + ")");
          } else {
            fail("E0408", token.offset, "{/" + token.text + "} không có khối {#" + token.text + "} nào để đóng");
          }
          ++position;
          break;
      }
    }
    if (opener != nullptr && !abandoned_)
      fail("E0407", opener->offset, "khối {#" + opener->text + "} chưa được đóng bằng {/" + opener->text + "}");
    return nodes;
  }

  Node block(std::size_t& position) {
    const Token& token = tokens_[position++];
    Node node;
    node.loc = index_.locate(token.offset);
    node.text = token.text;
    if (!kBlocks.count(token.text)) {
      fail("E0406", token.offset,
           "không có khối {#" + token.text +
               "} (có: if, each, title, subject, basis, article, heading, center, recipients, addressee, table)");
    }
    if (token.text == "if") {
      node.kind = Node::Kind::condition;
      auto condition = expression(token.begin, token.end);
      auto body = sequence(position, &token);
      if (condition) node.branches.emplace_back(std::move(*condition), std::move(body));
      while (position < tokens_.size() && tokens_[position].kind == Token::Kind::clause) {
        const Token& clause = tokens_[position++];
        if (clause.text == "elif") {
          auto next_condition = expression(clause.begin, clause.end);
          auto next_body = sequence(position, &token);
          if (next_condition) node.branches.emplace_back(std::move(*next_condition), std::move(next_body));
        } else {
          if (options(clause.begin, clause.end).size() > 0)
            fail("E0412", clause.begin, "{:else} không nhận điều kiện; dùng {:elif điều kiện}");
          node.otherwise = sequence(position, &token);
          if (position < tokens_.size() && tokens_[position].kind == Token::Kind::clause) {
            fail("E0408", tokens_[position].offset, "{:" + tokens_[position].text + "} đứng sau {:else}");
          }
        }
      }
      ++position;  // the {/if}
      return node;
    }
    if (token.text == "each") {
      node.kind = Node::Kind::loop;
      const auto words = options(token.begin, token.end);
      if (words.size() < 3 || !words[0].key.empty() || words[0].quoted || words[1].value != "as" || words[1].quoted ||
          !words[2].key.empty() || words[2].quoted) {
        fail("E0412", token.begin, "cú pháp đúng: {#each danh-sách as tên [sep=\", \"] [last=\" và \"]}");
      } else {
        node.expr = expression(words[0].value_offset, words[0].value_end);
        node.variable = words[2].value;
        for (std::size_t w = 3; w < words.size(); ++w) {
          if ((words[w].key == "sep" || words[w].key == "last") && words[w].quoted)
            node.options[words[w].key] = words[w].value;
          else fail("E0412", words[w].offset, "tùy chọn của {#each} chỉ có sep=\"…\" và last=\"…\"");
        }
      }
      node.body = sequence(position, &token);
      ++position;
      return node;
    }
    node.kind = Node::Kind::block;
    if (token.text == "table") keyed_options(node, token, {"align"});
    else keyed_options(node, token, {});
    node.body = sequence(position, &token);
    ++position;
    return node;
  }

  std::optional<Node> directive(const Token& token) {
    Node node;
    node.loc = index_.locate(token.offset);
    node.text = token.text;
    node.kind = Node::Kind::directive;
    if (!kDirectives.count(token.text)) {
      fail("E0406", token.offset,
           "không có lệnh {@" + token.text + "} (có: include, header, signature, pagebreak, fail, document, param)");
      return std::nullopt;
    }
    if (token.text == "include" || token.text == "fail") {
      const auto words = options(token.begin, token.end);
      if (words.size() != 1 || !words[0].quoted || !words[0].key.empty()) {
        fail("E0412", token.begin,
             token.text == "include" ? "cú pháp đúng: {@include \"parts/tên-phần\"}"
                                     : "cú pháp đúng: {@fail \"thông báo cho người dùng\"}");
        return std::nullopt;
      }
      if (token.text == "include") node.kind = Node::Kind::include;
      node.options["value"] = words[0].value;
      return node;
    }
    if (token.text == "signature") {
      keyed_options(node, token, {"signer", "as", "for", "title"});
      if (const auto as = node.options.find("as"); as != node.options.end()) {
        static const std::set<std::string, std::less<>> kPrefixes = {"KT.", "Q.", "TL.", "TUQ.", "TM."};
        if (!kPrefixes.count(as->second))
          fail("E0412", token.begin, "as=\"" + as->second + "\" không hợp lệ (KT., Q., TL., TUQ. hoặc TM.)");
      }
      return node;
    }
    if (token.text == "document") {
      keyed_options(node, token, {"name", "code", "description", "applies", "dated"});
      if (t_.document_) {
        fail("E0413", token.offset, "mẫu chỉ được có một lệnh {@document}");
        return std::nullopt;
      }
      DocumentInfo info;
      info.loc = node.loc;
      info.type_name = node.options["name"];
      info.type_code = node.options["code"];
      info.description = node.options["description"];
      // code="" is allowed: a letter (công văn, thư) has no type code in its ký hiệu.
      if (info.type_name.empty() || !node.options.count("code"))
        fail("E0413", token.offset, "{@document} cần name=\"…\" (tên loại văn bản) và code=\"…\" (ký hiệu loại)");
      // The conditions sit inside quotes: parse each from its own position.
      const auto words = options(token.begin, token.end);
      for (const auto& word : words) {
        if (word.key == "applies" && word.quoted) {
          info.applies = expression(word.value_offset + 1, word.value_end - 1);
          info.applies_text = word.value;
        }
        if (word.key == "dated" && word.quoted) info.dated = expression(word.value_offset + 1, word.value_end - 1);
      }
      t_.document_ = std::move(info);
      return std::nullopt;
    }
    if (token.text == "param") {
      keyed_options(node, token, {"name", "type", "description", "example", "optional", "default"});
      Parameter parameter;
      parameter.loc = node.loc;
      parameter.name = node.options["name"];
      parameter.description = node.options["description"];
      parameter.example = node.options["example"];
      if (node.options.count("type")) parameter.type = node.options["type"];
      if (const auto given = node.options.find("default"); given != node.options.end())
        parameter.default_value = given->second;
      // A parameter with a default value need not be given.
      parameter.required =
          (!node.options.count("optional") || node.options["optional"] != "true") && !parameter.default_value;
      if (parameter.name.empty()) fail("E0412", token.offset, "{@param} cần name=\"…\"");
      static const std::set<std::string, std::less<>> kTypes = {"text", "date", "number", "money", "party", "list"};
      if (!kTypes.count(parameter.type))
        fail("E0412", token.offset,
             "kiểu tham số \"" + parameter.type + "\" không hợp lệ (text, date, number, money, party, list)");
      t_.parameters_.push_back(std::move(parameter));
      return std::nullopt;
    }
    keyed_options(node, token, {});
    return node;
  }

  Template& t_;
  const std::string& source_;
  const LineIndex& index_;
  Diagnostics& diagnostics_;
  std::vector<Token> tokens_;
  bool failed_ = false;
  std::size_t depth_ = 0;   ///< blocks open around the token being parsed
  bool abandoned_ = false;  ///< nesting beyond the limit: the rest of the template is not parsed
};

std::shared_ptr<Template> Template::parse(std::string name, FileName file, std::string source,
                                          Diagnostics& diagnostics) {
  auto result = std::make_shared<Template>();
  result->name_ = std::move(name);
  result->file_ = file;
  result->source_ = std::move(source);
  result->index_ = std::make_unique<LineIndex>(file, result->source_);
  TemplateParser parser(*result, diagnostics);
  if (!parser.run()) return nullptr;
  return result;
}

}  // namespace vanban::templating
