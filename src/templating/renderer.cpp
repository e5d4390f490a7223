#include "templating/renderer.hpp"

#include <set>

#include "base/utf8.hpp"
#include "templating/filters.hpp"
#include "templating/template_set.hpp"
#include "text/case_mapping.hpp"
#include "text/dates.hpp"

namespace vanban::templating {

namespace {

enum class ContainerKind { body, title, subject, basis, article, heading, center, recipients, addressee, table };

struct Container {
  ContainerKind kind = ContainerKind::body;
  SourceLoc loc;
  std::vector<std::vector<doc::Run>> paragraphs;
  std::vector<std::vector<doc::Run>> current_row;  ///< table: cells of the row being written
  std::vector<std::vector<std::vector<doc::Run>>> rows;
  std::string align;  ///< table option
};

ContainerKind container_kind(const std::string& name) {
  if (name == "title") return ContainerKind::title;
  if (name == "subject") return ContainerKind::subject;
  if (name == "basis") return ContainerKind::basis;
  if (name == "article") return ContainerKind::article;
  if (name == "heading") return ContainerKind::heading;
  if (name == "center") return ContainerKind::center;
  if (name == "recipients") return ContainerKind::recipients;
  if (name == "addressee") return ContainerKind::addressee;
  return ContainerKind::table;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Trims the paragraph's ends and collapses runs of spaces, also across run boundaries.
std::vector<doc::Run> tidy(std::vector<doc::Run> runs) {
  std::vector<doc::Run> out;
  bool last_was_space = true;  // drops leading spaces
  for (auto& run : runs) {
    std::string text;
    for (const char c : run.text) {
      if (is_space(c)) {
        if (!last_was_space) text += ' ';
        last_was_space = true;
      } else {
        text += c;
        last_was_space = false;
      }
    }
    run.text = std::move(text);
    if (!run.text.empty()) out.push_back(std::move(run));
  }
  while (!out.empty()) {
    std::string& text = out.back().text;
    while (!text.empty() && text.back() == ' ') text.pop_back();
    if (!text.empty()) break;
    out.pop_back();
  }
  return out;
}

// Replaces trailing punctuation: each căn cứ ends with ";", the last with "."; recipients likewise.
std::vector<doc::Run> with_final_mark(std::vector<doc::Run> runs, char mark) {
  while (!runs.empty()) {
    std::string& text = runs.back().text;
    while (!text.empty() && (text.back() == ';' || text.back() == '.' || text.back() == ',' || text.back() == ' '))
      text.pop_back();
    if (!text.empty()) break;
    runs.pop_back();
  }
  if (!runs.empty()) runs.back().text += mark;
  return runs;
}

class Renderer {
 public:
  Renderer(const TemplateSet& set, const Template& root, const Value& context, const RenderInput& input,
           Diagnostics& diagnostics)
      : set_(set),
        root_(root),
        case_(input.ledger.the_case()),
        context_(context),
        scope_(context),
        input_(input),
        diagnostics_(diagnostics) {
    stack_.push_back(Container{});
  }

  std::optional<doc::Document> run() {
    include_stack_.push_back(root_.name());
    current_file_ = root_.file();
    nodes(root_.nodes());
    if (stopped_) {
      // The document cannot fit: the blocks written so far (the open one was closed as the nodes unwound) go to layout,
      // which refuses them at the field where their text crosses the limit, as it would the whole document.
      fill_metadata();
      if (diagnostics_.has_errors()) return std::nullopt;
      return std::move(document_);
    }
    end_paragraph(SourceLoc{root_.file()});
    if (!pending_recipients_.empty() && !attach_recipients())
      error_template("E0417", pending_recipients_loc_, "khối {#recipients} (nơi nhận) phải đi cùng {@signature}");
    fill_metadata();
    if (diagnostics_.has_errors()) return std::nullopt;
    return std::move(document_);
  }

 private:
  // ---- messages ------------------------------------------------------------------------------
  void error_template(const char* code, const SourceLoc& loc, const std::string& message) {
    diagnostics_.error(code, loc, message);
  }
  void missing_value(const Node& node, const Value& value) {
    const std::string field = node.expr ? node.expr->path_text() : std::string("?");
    SourceLoc where = value.loc().line > 0 ? value.loc() : case_.loc;
    diagnostics_.error(
        "E0310", where,
        "thiếu dữ liệu cho trường \"" + field + "\" mà mẫu " + root_.name() + " cần (" + node.loc.to_string() + ")");
  }

  // W0331, once per limit, when the document prints a time limit (or a date derived from it) that rules/law.xml marks
  // UNCONFIRMED and the office has not confirmed: the clerk reviews it before signing.
  void unconfirmed(const std::string& key, const Value& value, const Node& node) {
    if (!warned_.insert(key).second) return;
    diagnostics_.warning("W0331", value.loc().line > 0 ? value.loc() : node.loc,
                         "văn bản ghi thời hạn \"" + key +
                             "\" mà dữ liệu pháp luật (rules/law.xml) đánh dấu chưa xác nhận với văn bản chính thức: "
                             "rà soát trước khi ký; cơ quan đã đối chiếu thì ghi \"" +
                             key + "\" trong confirmed_limits của [office] (tệp cấu hình)");
  }

  // ---- output --------------------------------------------------------------------------------
  void emit(std::string text, const SourceLoc& loc, std::string field) {
    if (text.empty()) return;
    if (!runs_.empty() && runs_.back().bold == bold_ && runs_.back().italic == italic_ && runs_.back().field.empty() &&
        field.empty()) {
      runs_.back().text += text;
      return;
    }
    runs_.push_back(doc::Run{std::move(text), bold_, italic_, loc, std::move(field)});
  }

  Container& top() { return stack_.back(); }

  void end_paragraph(const SourceLoc& loc) {
    if (bold_ || italic_) {
      error_template("E0416", loc, std::string("thiếu dấu ") + (bold_ ? "**" : "*") + " đóng kiểu chữ trong đoạn");
      bold_ = italic_ = false;
    }
    Container& container = top();
    if (container.kind == ContainerKind::table) {
      end_cell();
      bool empty_row = true;
      for (const auto& cell : container.current_row) empty_row = empty_row && cell.empty();
      for (const auto& cell : container.current_row) count(cell, false);
      if (!empty_row) container.rows.push_back(std::move(container.current_row));
      container.current_row.clear();
      return;
    }
    auto runs = tidy(std::move(runs_));
    runs_.clear();
    if (runs.empty()) return;
    // Recipients are laid out only when a signature takes them; the other paragraphs always are.
    if (container.kind != ContainerKind::recipients) count(runs, true);
    switch (container.kind) {
      case ContainerKind::body: add_paragraph(doc::ParagraphRole::body, std::move(runs), loc); break;
      case ContainerKind::heading: add_paragraph(doc::ParagraphRole::heading, std::move(runs), loc); break;
      case ContainerKind::center: add_paragraph(doc::ParagraphRole::centered, std::move(runs), loc); break;
      default: container.paragraphs.push_back(std::move(runs)); break;
    }
  }

  // Counts a finished paragraph (or cell) towards input_.stop_beyond_characters: its characters are a sure lower bound
  // of what layout counts for it (a căn cứ's trailing marks, which a final mark replaces, are left out). Past the
  // limit the document cannot fit, and rendering stops, unless a signature is written already: recipients written
  // later still join it, and the blocks so far would not be the whole document's.
  void count(const std::vector<doc::Run>& runs, bool final_mark) {
    if (input_.stop_beyond_characters == 0 || signed_) return;
    std::size_t characters = 0;
    for (const auto& run : runs) characters += utf8::length(run.text);
    if (final_mark) {
      for (auto run = runs.rbegin(); run != runs.rend(); ++run) {
        const std::size_t kept = run->text.find_last_not_of(";., ");
        characters -= kept == std::string::npos ? run->text.size() : run->text.size() - kept - 1;
        if (kept != std::string::npos) break;
      }
    }
    counted_ += characters;
    if (counted_ > input_.stop_beyond_characters) stopped_ = true;
  }

  void end_cell() {
    auto runs = tidy(std::move(runs_));
    runs_.clear();
    top().current_row.push_back(std::move(runs));
  }

  void add_paragraph(doc::ParagraphRole role, std::vector<doc::Run> runs, const SourceLoc& loc) {
    document_.blocks.emplace_back(doc::Paragraph{role, std::move(runs), loc});
  }

  void open_container(const Node& node) {
    end_paragraph(node.loc);
    if (top().kind != ContainerKind::body) {
      error_template("E0414", node.loc, "khối {#" + node.text + "} không được đặt bên trong một khối khác");
      return;
    }
    Container container;
    container.kind = container_kind(node.text);
    container.loc = node.loc;
    if (const auto align = node.options.find("align"); align != node.options.end()) container.align = align->second;
    stack_.push_back(std::move(container));
  }

  void close_container(const Node& node) {
    end_paragraph(node.loc);
    if (stack_.size() < 2) return;
    Container container = std::move(stack_.back());
    stack_.pop_back();
    auto& paragraphs = container.paragraphs;
    switch (container.kind) {
      case ContainerKind::title: {
        doc::Title title;
        title.loc = container.loc;
        title.type_name = text::to_upper(document_info().type_name);
        for (const auto& paragraph : paragraphs) title.subject_lines.push_back(doc::plain_text(paragraph));
        if (title.subject_lines.empty())
          error_template("E0415", container.loc, "khối {#title} cần ít nhất một dòng trích yếu");
        subject_ = join_lines(title.subject_lines);
        document_.blocks.emplace_back(std::move(title));
        break;
      }
      case ContainerKind::subject: {
        // A công văn has no type name and title: its trích yếu, "V/v …", goes under Số in the header.
        doc::Header* header = document_.blocks.empty() ? nullptr : std::get_if<doc::Header>(&document_.blocks.back());
        if (header == nullptr) {
          error_template("E0418", container.loc, "khối {#subject} (trích yếu công văn) phải đặt ngay sau {@header}");
          break;
        }
        for (const auto& paragraph : paragraphs) header->letter_subject.push_back(doc::plain_text(paragraph));
        if (header->letter_subject.empty()) {
          error_template("E0415", container.loc, "khối {#subject} cần ít nhất một dòng trích yếu");
          break;
        }
        subject_ = "Về việc " + join_lines(header->letter_subject);  // "V/v" abbreviates "Về việc"
        header->letter_subject.front().insert(0, "V/v ");
        break;
      }
      case ContainerKind::basis:
        for (std::size_t i = 0; i < paragraphs.size(); ++i)
          add_paragraph(doc::ParagraphRole::basis,
                        with_final_mark(std::move(paragraphs[i]), i + 1 == paragraphs.size() ? '.' : ';'),
                        container.loc);
        break;
      case ContainerKind::article: {
        ++article_number_;
        for (std::size_t i = 0; i < paragraphs.size(); ++i) {
          auto runs = std::move(paragraphs[i]);
          if (i == 0)
            runs.insert(runs.begin(),
                        doc::Run{"Điều " + std::to_string(article_number_) + ". ", true, false, container.loc, {}});
          add_paragraph(i == 0 ? doc::ParagraphRole::article : doc::ParagraphRole::body, std::move(runs),
                        container.loc);
        }
        if (paragraphs.empty()) error_template("E0415", container.loc, "khối {#article} không có nội dung");
        break;
      }
      case ContainerKind::recipients:
        pending_recipients_.clear();
        for (std::size_t i = 0; i < paragraphs.size(); ++i) {
          std::string line =
              doc::plain_text(with_final_mark(std::move(paragraphs[i]), i + 1 == paragraphs.size() ? '.' : ';'));
          if (line.rfind("- ", 0) != 0) line = "- " + line;
          pending_recipients_.push_back(std::move(line));
        }
        pending_recipients_loc_ = container.loc;
        if (!pending_recipients_.empty()) attach_recipients();
        break;
      case ContainerKind::addressee: {
        doc::Addressee addressee;
        addressee.loc = container.loc;
        addressee.lines = std::move(paragraphs);
        document_.blocks.emplace_back(std::move(addressee));
        break;
      }
      case ContainerKind::table: close_table(container); break;
      default: break;
    }
  }

  void close_table(Container& container) {
    doc::Table table;
    table.loc = container.loc;
    if (container.rows.empty()) {
      error_template("E0415", container.loc, "bảng {#table} cần ít nhất dòng tiêu đề");
      return;
    }
    std::vector<std::string> aligns;
    for (std::size_t start = 0; start < container.align.size();) {
      const std::size_t space = container.align.find(' ', start);
      const std::size_t stop = space == std::string::npos ? container.align.size() : space;
      if (stop > start) aligns.push_back(container.align.substr(start, stop - start));
      start = stop + 1;
    }
    const auto& header = container.rows.front();
    for (std::size_t c = 0; c < header.size(); ++c) {
      doc::TableColumn column;
      column.header = doc::plain_text(header[c]);
      if (c < aligns.size()) {
        if (aligns[c] == "right") column.align = doc::CellAlign::right;
        else if (aligns[c] == "center") column.align = doc::CellAlign::center;
        else if (aligns[c] != "left")
          error_template("E0412", container.loc, "căn lề cột \"" + aligns[c] + "\" không hợp lệ (left, center, right)");
      }
      table.columns.push_back(std::move(column));
    }
    for (std::size_t r = 1; r < container.rows.size(); ++r) {
      auto row = std::move(container.rows[r]);
      if (row.size() != table.columns.size()) {
        error_template("E0415", container.loc,
                       "dòng " + std::to_string(r) + " của bảng có " + std::to_string(row.size()) + " ô, tiêu đề có " +
                           std::to_string(table.columns.size()) + " cột");
        continue;
      }
      table.rows.push_back(std::move(row));
    }
    document_.blocks.emplace_back(std::move(table));
  }

  bool attach_recipients() {
    for (auto it = document_.blocks.rbegin(); it != document_.blocks.rend(); ++it) {
      if (auto* signature = std::get_if<doc::Signature>(&*it)) {
        signature->recipients = std::move(pending_recipients_);
        pending_recipients_.clear();
        return true;
      }
    }
    return false;
  }

  static std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines) out += (out.empty() ? "" : " ") + line;
    return out;
  }

  const DocumentInfo& document_info() const { return *root_.document(); }

  // ---- evaluation ----------------------------------------------------------------------------
  void nodes(const std::vector<Node>& list) {
    for (const auto& node : list) {
      if (stopped_) return;
      this->node(node);
    }
  }

  void node(const Node& node) {
    switch (node.kind) {
      case Node::Kind::text: emit(node.text, node.loc, {}); break;
      case Node::Kind::newline: end_paragraph(node.loc); break;
      case Node::Kind::cell:
        if (top().kind == ContainerKind::table) end_cell();
        else emit("|", node.loc, {});
        break;
      case Node::Kind::style:
        if (node.text == "bold") bold_ = !bold_;
        else italic_ = !italic_;
        break;
      case Node::Kind::field: field(node); break;
      case Node::Kind::condition: condition(node); break;
      case Node::Kind::loop: loop(node); break;
      case Node::Kind::block:
        open_container(node);
        nodes(node.body);
        close_container(node);
        break;
      case Node::Kind::directive: directive(node); break;
      case Node::Kind::include: include(node); break;
    }
  }

  void field(const Node& node) {
    if (!node.expr) return;
    Value value = evaluate(*node.expr, scope_, diagnostics_);
    if (const std::string* key = value.unconfirmed_key()) unconfirmed(*key, value, node);
    for (const auto& filter : node.filters) {
      auto next = apply_filter(filter, value, diagnostics_);
      if (!next) return;
      value = std::move(*next);
    }
    if (value.is_absent()) {
      missing_value(node, value);
      return;
    }
    auto text = to_document_text(value);
    if (!text) {
      error_template("E0410", node.loc,
                     "trường \"" + node.expr->path_text() + "\" là " + std::string(kind_name(value.kind())) +
                         "; dùng {#each} hoặc bộ lọc join để in danh sách");
      return;
    }
    emit(std::move(*text), value.loc().line > 0 ? value.loc() : node.loc,
         node.expr->op == Expr::Op::path ? node.expr->path_text() : std::string());
  }

  void condition(const Node& node) {
    for (const auto& [test, body] : node.branches) {
      if (evaluate(test, scope_, diagnostics_).truthy()) {
        nodes(body);
        return;
      }
    }
    nodes(node.otherwise);
  }

  void loop(const Node& node) {
    if (!node.expr) return;
    Value list = evaluate(*node.expr, scope_, diagnostics_);
    if (list.is_absent()) return;
    // One object is a list of one: {#each enforcement.request.by as p} binds p for a shared part.
    if (list.kind() == Value::Kind::object) list = Value::list({list}, list.loc());
    if (list.kind() != Value::Kind::list) {
      error_template("E0415", node.loc,
                     "\"" + node.expr->path_text() + "\" là " + std::string(kind_name(list.kind())) +
                         ", không phải danh sách để lặp");
      return;
    }
    const Value* outer_item = scope_.lookup(node.variable);
    const std::optional<Value> saved_item = outer_item ? std::optional<Value>(*outer_item) : std::nullopt;
    const Value* outer_loop = scope_.lookup("loop");
    const std::optional<Value> saved_loop = outer_loop ? std::optional<Value>(*outer_loop) : std::nullopt;
    const auto& items = list.as_list();
    const auto sep = node.options.find("sep");
    const auto last = node.options.find("last");
    for (std::size_t i = 0; i < items.size() && !stopped_; ++i) {
      if (i > 0) {
        if (i + 1 == items.size() && last != node.options.end()) emit(last->second, node.loc, {});
        else if (sep != node.options.end()) emit(sep->second, node.loc, {});
      }
      scope_.bind(node.variable, items[i]);
      scope_.bind("loop", Value::object({{"index", Value::number(static_cast<std::int64_t>(i + 1))},
                                         {"first", Value::boolean(i == 0)},
                                         {"last", Value::boolean(i + 1 == items.size())},
                                         {"count", Value::number(static_cast<std::int64_t>(items.size()))}}));
      nodes(node.body);
    }
    restore(node.variable, saved_item);
    restore("loop", saved_loop);
  }

  void restore(const std::string& name, const std::optional<Value>& saved) {
    if (saved) scope_.bind(name, *saved);
    else scope_.unbind(name);
  }

  void include(const Node& node) {
    const std::string& target = node.options.at("value");
    const Template* part = set_.find(target);
    if (part == nullptr || include_stack_.size() > kMaxIncludeDepth) {
      error_template("E0411", node.loc, "không chèn được phần mẫu \"" + target + "\"");
      return;
    }
    include_stack_.push_back(target);
    nodes(part->nodes());
    include_stack_.pop_back();
  }

  void directive(const Node& node) {
    end_paragraph(node.loc);
    if (node.text == "header") {
      header(node);
    } else if (node.text == "signature") {
      signature(node);
    } else if (node.text == "pagebreak") {
      document_.blocks.emplace_back(doc::PageBreak{node.loc});
    } else if (node.text == "fail") {
      diagnostics_.error("E0311", case_.loc,
                         "hồ sơ " + case_.id + " không lập được " + root_.name() + ": " + node.options.at("value"));
    }
  }

  std::string lookup_text(std::initializer_list<std::string_view> path) {
    const Value* value = &context_;
    for (const auto name : path) {
      value = value->find(name);
      if (value == nullptr) return {};
    }
    return value->kind() == Value::Kind::text ? value->as_text() : std::string();
  }

  std::string notation() { return lookup_text({"document", "notation"}); }

  // Whether `nodes` hold a {@signature} of the agency's signer (no signer=, title= or as=), in any branch.
  static bool signed_for_agency(const std::vector<Node>& nodes) {
    for (const auto& node : nodes) {
      if (node.kind == Node::Kind::directive && node.text == "signature" && node.expressions.empty() &&
          node.options.find("title") == node.options.end() && node.options.find("as") == node.options.end())
        return true;
      if (signed_for_agency(node.body) || signed_for_agency(node.otherwise)) return true;
      for (const auto& branch : node.branches)
        if (signed_for_agency(branch.second)) return true;
    }
    return false;
  }

  void header(const Node& node) {
    doc::Header header;
    header.loc = node.loc;
    // Issuer = authority = signer's body: a document the agency's signer signs ({@signature} without signer=) is
    // issued by the body that signer decides for.
    const std::string_view issuer = signed_for_agency(root_.nodes()) ? "issuing" : "agency";
    const std::string parent =
        issuer == "agency" ? lookup_text({"agency", "parent"}) : lookup_text({"agency", "issuing", "parent"});
    if (!parent.empty()) header.parent_agency = text::to_upper(parent);
    header.agency = text::to_upper(issuer == "agency" ? lookup_text({"agency", "name"})
                                                      : lookup_text({"agency", "issuing", "name"}));
    header.number_line = "Số: " + lookup_text({"document", "reference"});
    header.place_date = lookup_text({"agency", "place"}) + ", " +
                        text::long_date(input_.date().year(), input_.date().month(), input_.date().day());
    document_.blocks.emplace_back(std::move(header));
  }

  void signature(const Node& node) {
    Value signer;
    if (const auto option = node.expressions.find("signer"); option != node.expressions.end())
      signer = evaluate(option->second, scope_, diagnostics_);
    else if (const Value* found = context_.find("signer")) signer = *found;
    // The signer is an officer, a party (object with a name) or a bare name (text, e.g. a parameter).
    const Value* name = signer.kind() == Value::Kind::text ? &signer : signer.find("name");
    const Value* position = signer.find("position");
    if (position != nullptr && position->kind() != Value::Kind::text) position = nullptr;
    // title="…" is literal; title=path is a field of the case, e.g. a witness's capacity.
    std::optional<std::string> title;
    if (const auto literal = node.options.find("title"); literal != node.options.end()) title = literal->second;
    if (const auto field = node.expressions.find("title"); field != node.expressions.end()) {
      const Value value = evaluate(field->second, scope_, diagnostics_);
      if (value.kind() == Value::Kind::text) title = value.as_text();
    }
    if (name == nullptr || name->kind() != Value::Kind::text || (position == nullptr && !title)) {
      diagnostics_.error("E0310", case_.loc, "không xác định được người ký văn bản (cần <officer> có chức vụ)");
      return;
    }
    doc::Signature block;
    block.loc = node.loc;
    block.signer_name = name->as_text();
    const auto as = node.options.find("as");
    if (as != node.options.end()) {
      // A template-defined authority, e.g. a council: {@signature as="TM." for="Hội đồng" title="Chủ tịch Hội đồng"}.
      const auto on_behalf_of = node.options.find("for");
      block.authority_lines =
          authority_lines(title ? *title : position->as_text(), as->second,
                          on_behalf_of != node.options.end() ? on_behalf_of->second : std::string());
    } else if (title) {
      // A capacity in a record, e.g. {@signature signer=debtor title="Người phải thi hành án"}.
      block.authority_lines.push_back(text::to_upper(*title));
    } else if (const Value* lines = signer.find("authority_lines"); lines && lines->kind() == Value::Kind::list) {
      for (const auto& line : lines->as_list()) block.authority_lines.push_back(line.as_text());
    } else {
      block.authority_lines.push_back(text::to_upper(position->as_text()));
    }
    // The document's signer (metadata) is the first officer who signs; parties and witnesses sign records too.
    if (signer_name_.empty() && position != nullptr && signer.find("authority") != nullptr) {
      signer_name_ = block.signer_name;
      signer_position_ = position->as_text();
    }
    document_.blocks.emplace_back(std::move(block));
    signed_ = true;
    if (!pending_recipients_.empty()) attach_recipients();
  }

  void fill_metadata() {
    model::DocumentMetadata& m = document_.metadata;
    m.type_name = document_info().type_name;
    m.subject = subject_;
    // "Quyết định về việc thi hành án": the type, then the trích yếu with its first letter in lower case.
    m.title = m.subject.empty() ? m.type_name : m.type_name + " " + text::lowercase_first(m.subject);
    m.code_number = input_.number;
    m.code_notation = notation();
    m.issued_date = input_.date();
    m.organ_name = lookup_text({"agency", "name"});
    m.signer_name = signer_name_;
    m.signer_position = signer_position_;
    m.case_id = case_.id;
    m.keywords = m.case_id + ", " + m.code_number + "/" + m.code_notation;
    for (const auto& party : case_.parties)
      m.parties.emplace_back(std::string(model::role_code(party.role)), party.name.value);
  }

  const TemplateSet& set_;
  const Template& root_;
  const model::Case& case_;
  const Value& context_;
  Scope scope_;
  const RenderInput& input_;
  Diagnostics& diagnostics_;
  std::set<std::string, std::less<>> warned_;  ///< unconfirmed limits already warned about (W0331)
  doc::Document document_;
  std::vector<Container> stack_;
  std::vector<doc::Run> runs_;
  bool bold_ = false;
  bool italic_ = false;
  int article_number_ = 0;
  std::vector<std::string> pending_recipients_;
  SourceLoc pending_recipients_loc_;
  std::vector<std::string> include_stack_;
  FileName current_file_;
  std::string subject_;
  std::string signer_name_;
  std::string signer_position_;
  std::size_t counted_ = 0;  ///< characters of the finished paragraphs (count)
  bool signed_ = false;      ///< a signature block is written
  bool stopped_ = false;     ///< the document cannot fit: nothing more is written
};

}  // namespace

std::optional<doc::Document> render_document(const TemplateSet& set, const Template& document_template,
                                             const Value& context, const RenderInput& input, Diagnostics& diagnostics) {
  return Renderer(set, document_template, context, input, diagnostics).run();
}

}  // namespace vanban::templating
