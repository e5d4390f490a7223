#include "xml/case_edit.hpp"

#include <functional>

#include "xml/register_cut.hpp"
#include "xml/safe_parse.hpp"

namespace vanban::xml {

namespace {

// Where an element sits in the text: its '<', the end of its start tag, its end tag's '<' and its end.
struct Span {
  std::size_t start = 0;
  std::size_t start_tag_end = 0;  // after the start tag's '>'
  std::size_t end_tag = 0;        // the end tag's '<' (== start_tag_end's position for <empty/>)
  std::size_t end = 0;            // after the element's last '>'
  bool empty = false;             // written <name .../>
};

// The end of the markup that starts at `at` ('<'); the text was parsed safely before, so every construct is closed
// (the text's end otherwise).
std::size_t closed_markup_end(std::string_view text, std::size_t at) {
  const std::size_t end = markup_end(text, at);
  return end == std::string_view::npos ? text.size() : end;
}

// The span of the element whose '<' is at `start`.
Span span_at(std::string_view text, std::size_t start) {
  Span span;
  span.start = start;
  span.start_tag_end = closed_markup_end(text, start);
  span.empty = span.start_tag_end >= 2 && text[span.start_tag_end - 2] == '/';
  if (span.empty) {
    span.end_tag = span.start_tag_end;
    span.end = span.start_tag_end;
    return span;
  }
  int depth = 1;
  std::size_t at = span.start_tag_end;
  while (at < text.size()) {
    const auto next = text.find('<', at);
    if (next == std::string_view::npos) break;
    const std::size_t end = closed_markup_end(text, next);
    const bool special = text.compare(next, 2, "<!") == 0 || text.compare(next, 2, "<?") == 0;
    if (!special) {
      if (text[next + 1] == '/') {
        if (--depth == 0) {
          span.end_tag = next;
          span.end = end;
          return span;
        }
      } else if (text[end - 2] != '/') {
        ++depth;
      }
    }
    at = end;
  }
  span.end_tag = span.end = text.size();
  return span;
}

// An element's name always points into the parsed buffer, at the same offset as in the bytes as given.
Span span_of(const ParsedXml& xml, pugi::xml_node node) {
  return span_at(xml.original(), *xml.offset(node.name()) - 1);
}

// The white space that indents the element starting at `start` on its line ("" when something else precedes it).
std::string indent_of(std::string_view text, std::size_t start) {
  const auto line_start = text.rfind('\n', start == 0 ? 0 : start - 1);
  const std::size_t from = line_start == std::string_view::npos ? 0 : line_start + 1;
  const std::string_view before = text.substr(from, start - from);
  if (before.find_first_not_of(" \t") != std::string_view::npos) return "";
  return std::string(before);
}

std::string escaped(std::string_view value) {
  std::string out;
  for (const char c : value) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "&#10;"; break;
      case '\t': out += "&#9;"; break;
      case '\r': out += "&#13;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string element_text(const ElementText& element) {
  std::string out = "<" + element.name;
  for (const auto& [name, value] : element.attributes) out += " " + name + "=\"" + escaped(value) + "\"";
  if (element.text.empty()) return out + "/>";
  return out + ">" + escaped(element.text) + "</" + element.name + ">";
}

// `text` with the element `make(indent)` makes (given its line's indentation) appended as the last child of `parent`,
// on a line of its own: indented as the parent's last child, else two spaces more than the parent.
std::string append_child(std::string_view text, const ParsedXml& xml, pugi::xml_node parent,
                         const std::function<std::string(const std::string&)>& make) {
  const Span span = span_of(xml, parent);
  const std::string parent_indent = indent_of(text, span.start);
  pugi::xml_node last;
  for (auto child = parent.first_child(); child; child = child.next_sibling())
    if (child.type() == pugi::node_element) last = child;
  std::string out(text);
  if (last) {
    const Span child = span_of(xml, last);
    const std::string indent = indent_of(text, child.start);
    return out.insert(child.end, "\n" + indent + make(indent));
  }
  const std::string indent = parent_indent + "  ";
  if (span.empty) {
    // <name …/> becomes <name …> child </name>.
    const std::string body = ">\n" + indent + make(indent) + "\n" + parent_indent + "</" + parent.name() + ">";
    return out.replace(span.start_tag_end - 2, 2, body);
  }
  return out.insert(span.start_tag_end, "\n" + indent + make(indent));
}

}  // namespace

bool is_format_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() < 'a' || name.front() > 'z') return false;
  for (const char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

namespace {

// The case files of a parsed register's <case> children, each handed to `visit`: the element's bytes, with the
// register's namespace declarations (which the case inherited there) on the case itself, under an XML declaration.
void register_case_texts(const ParsedXml& parsed, const std::function<void(CaseText&&)>& visit) {
  const pugi::xml_node root = parsed.root();
  const std::string_view text = parsed.original();
  for (const pugi::xml_node node : root.children("case")) {
    const Span span = span_of(parsed, node);
    std::string element(text.substr(span.start, span.end - span.start));
    std::string declarations;
    for (const pugi::xml_attribute attribute : root.attributes()) {
      const std::string_view attribute_name = attribute.name();
      const bool declares = attribute_name == "xmlns" || attribute_name.rfind("xmlns:", 0) == 0;
      if (declares && !node.attribute(attribute.name()))
        declarations += " " + std::string(attribute_name) + "=\"" + escaped(attribute.value()) + "\"";
    }
    element.insert(1 + std::string_view("case").size(), declarations);
    visit({node.attribute("id").value(), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element + "\n"});
  }
}

}  // namespace

std::optional<std::vector<CaseText>> split_cases(std::string_view bytes, const FileName& file, const Limits& limits,
                                                 Diagnostics& diagnostics) {
  const auto parsed = parse_safely(bytes, file, limits, diagnostics);
  if (!parsed) return std::nullopt;
  const pugi::xml_node root = parsed->root();
  const std::string_view name = root.name();
  if (name == "case") return std::vector<CaseText>{{root.attribute("id").value(), std::string(bytes)}};
  if (name != "register") {
    diagnostics.error("E0108", parsed->loc(root),
                      "phần tử gốc phải là <case> hoặc <register>, không phải <" + std::string(name) + ">");
    return std::nullopt;
  }
  std::vector<CaseText> out;
  register_case_texts(*parsed, [&](CaseText&& text) { out.push_back(std::move(text)); });
  return out;
}

bool for_each_case_text(std::string_view bytes, const FileName& file, const Limits& limits, Diagnostics& diagnostics,
                        const std::function<void(CaseText&&)>& visit) {
  const std::size_t bom = bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  const auto cut = cut_register(bytes.substr(bom));
  if (!cut) {
    auto parts = split_cases(bytes, file, limits, diagnostics);
    if (!parts) return false;
    for (auto& part : *parts) visit(std::move(part));
    return true;
  }
  // Each case parsed under the root's start tag alone (as the file's prolog and root have it).
  const std::string_view head = bytes.substr(0, bom + cut->root_tag_end);
  std::string piece;
  for (const auto& [begin, end] : cut->cases) {
    piece.assign(head);
    piece += '\n';
    piece.append(bytes.substr(bom + begin, end - begin));
    piece += "</register>";
    const auto parsed = parse_safely(piece, file, limits, diagnostics);
    if (!parsed) return false;
    register_case_texts(*parsed, visit);
  }
  return true;
}

std::optional<std::string> append_event(std::string_view case_xml, const ElementText& event, const FileName& file,
                                        const Limits& limits, Diagnostics& diagnostics) {
  const auto parsed = parse_safely(case_xml, file, limits, diagnostics);
  if (!parsed) return std::nullopt;
  const pugi::xml_node root = parsed->root();
  if (std::string_view(root.name()) != "case") {
    diagnostics.error("E0108", parsed->loc(root), "diễn biến chỉ thêm được vào tệp một hồ sơ (<case>)");
    return std::nullopt;
  }
  bool names_ok = is_format_name(event.name);
  if (!names_ok)
    diagnostics.error("E0203", SourceLoc{file}, "diễn biến \"" + event.name + "\" không có trong định dạng");
  for (const auto& attribute : event.attributes) {
    if (is_format_name(attribute.first)) continue;
    names_ok = false;
    diagnostics.error("E0204", SourceLoc{file}, "thuộc tính \"" + attribute.first + "\" không có trong định dạng");
  }
  if (!names_ok) return std::nullopt;
  const pugi::xml_node enforcement = root.child("enforcement");
  if (!enforcement) {
    diagnostics.error("E0201", parsed->loc(root), "hồ sơ thiếu phần tử <enforcement>: không thể ghi diễn biến");
    return std::nullopt;
  }
  const std::string element = element_text(event);
  if (const pugi::xml_node events = enforcement.child("events"))
    return append_child(parsed->original(), *parsed, events, [&](const std::string&) { return element; });
  return append_child(parsed->original(), *parsed, enforcement, [&](const std::string& indent) {
    return "<events>\n" + indent + "  " + element + "\n" + indent + "</events>";
  });
}

}  // namespace vanban::xml
