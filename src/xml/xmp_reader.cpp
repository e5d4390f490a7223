#include "xml/xmp_reader.hpp"

#include <charconv>
#include <map>
#include <string>
#include <vector>

#include "text/normalize.hpp"
#include "xml/safe_parse.hpp"

namespace vanban::xml {

namespace {

constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kDc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kPdf = "http://ns.adobe.com/pdf/1.3/";

// Namespace prefixes in scope: each element's declarations pushed on entry, popped on exit.
class Scope {
 public:
  void enter(pugi::xml_node node) {
    std::vector<std::pair<std::string, std::string>> declared;
    for (pugi::xml_attribute attribute : node.attributes()) {
      const std::string_view name = attribute.name();
      if (name == "xmlns") declared.emplace_back("", attribute.value());
      else if (name.substr(0, 6) == "xmlns:") declared.emplace_back(std::string(name.substr(6)), attribute.value());
    }
    for (auto& [prefix, uri] : declared) {
      auto& stack = bindings_[prefix];
      stack.push_back(uri);
    }
    frames_.push_back(std::move(declared));
  }
  void leave() {
    for (const auto& [prefix, uri] : frames_.back()) bindings_[prefix].pop_back();
    frames_.pop_back();
  }
  // The namespace URI and local name of a qualified name ("nd30:TypeName"); the URI is "" when unbound.
  [[nodiscard]] std::pair<std::string, std::string> resolve(std::string_view qualified) const {
    const auto colon = qualified.find(':');
    const std::string prefix = colon == std::string_view::npos ? "" : std::string(qualified.substr(0, colon));
    const std::string local(colon == std::string_view::npos ? qualified : qualified.substr(colon + 1));
    const auto it = bindings_.find(prefix);
    if (it == bindings_.end() || it->second.empty()) return {"", local};
    return {it->second.back(), local};
  }

 private:
  std::map<std::string, std::vector<std::string>> bindings_;
  std::vector<std::vector<std::pair<std::string, std::string>>> frames_;
};

// The text of a property element: its own text, or that of the first rdf:li of an rdf:Alt/Seq/Bag inside it
// (the x-default entry when there is one).
std::string property_value(pugi::xml_node node, Scope& scope) {
  for (pugi::xml_node container = node.first_child(); container; container = container.next_sibling()) {
    if (container.type() != pugi::node_element) continue;
    scope.enter(container);
    const auto [uri, local] = scope.resolve(container.name());
    std::string chosen;
    bool found = false;
    if (uri == kRdf && (local == "Alt" || local == "Seq" || local == "Bag")) {
      for (pugi::xml_node item = container.first_child(); item; item = item.next_sibling()) {
        if (item.type() != pugi::node_element) continue;
        const bool is_default = std::string_view(item.attribute("xml:lang").value()) == "x-default";
        if (!found || is_default) chosen = item.child_value();
        found = true;
        if (is_default) break;
      }
    }
    scope.leave();
    if (found) return text::normalize_field(chosen);
  }
  return text::normalize_field(node.child_value());
}

struct Reader {
  model::DocumentMetadata metadata;
  Scope scope;

  void set(const std::string& uri, const std::string& local, const std::string& value) {
    if (value.empty()) return;
    auto& m = metadata;
    if (uri == kDc && local == "title") m.title = value;
    else if (uri == kPdf && local == "Keywords") m.keywords = value;
    else if (uri == kNd30Namespace) {
      if (local == "TypeName") m.type_name = value;
      else if (local == "CodeNumber") m.code_number = value;
      else if (local == "CodeNotation") m.code_notation = value;
      else if (local == "IssuedDate") m.issued_date = model::Date::parse_iso(value.substr(0, 10));
      else if (local == "OrganName") m.organ_name = value;
      else if (local == "Subject") m.subject = value;
      else if (local == "PageAmount") {
        int pages = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), pages);
        if (error == std::errc() && end == value.data() + value.size() && pages >= 0) m.page_amount = pages;
      }
    } else if (uri == kNd30SignerNamespace) {
      if (local == "Position") m.signer_position = value;
      else if (local == "FullName") m.signer_name = value;
    } else if (uri == kXmpCaseNamespace && local == "CaseId") {
      m.case_id = value;
    }
  }

  // vbcase:Parties: an rdf:Bag of parseType="Resource" items, each a vbparty:Role and a vbparty:Name.
  void parties(pugi::xml_node node) {
    for (pugi::xml_node bag = node.first_child(); bag; bag = bag.next_sibling()) {
      if (bag.type() != pugi::node_element) continue;
      scope.enter(bag);
      for (pugi::xml_node item = bag.first_child(); item; item = item.next_sibling()) {
        if (item.type() != pugi::node_element) continue;
        scope.enter(item);
        std::string role, name;
        for (pugi::xml_node field = item.first_child(); field; field = field.next_sibling()) {
          if (field.type() != pugi::node_element) continue;
          scope.enter(field);
          const auto [uri, local] = scope.resolve(field.name());
          if (uri == kPartyNamespace && local == "Role") role = text::normalize_field(field.child_value());
          if (uri == kPartyNamespace && local == "Name") name = text::normalize_field(field.child_value());
          scope.leave();
        }
        if (!name.empty()) metadata.parties.emplace_back(std::move(role), std::move(name));
        scope.leave();
      }
      scope.leave();
    }
  }

  // A property element of an rdf:Description (or of a parseType="Resource" structure such as SignerInfo).
  void property(pugi::xml_node node) {
    scope.enter(node);
    const auto [uri, local] = scope.resolve(node.name());
    const bool resource = std::string_view(node.attribute("rdf:parseType").value()) == "Resource";
    if (uri == kXmpCaseNamespace && local == "Parties") {
      parties(node);
    } else if (resource) {
      for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling())
        if (child.type() == pugi::node_element) property(child);
    } else {
      set(uri, local, property_value(node, scope));
    }
    scope.leave();
  }

  void description(pugi::xml_node node) {
    for (pugi::xml_attribute attribute : node.attributes()) {
      const std::string_view name = attribute.name();
      if (name == "xmlns" || name.substr(0, 6) == "xmlns:") continue;
      const auto [uri, local] = scope.resolve(name);
      if (uri == kRdf) continue;
      set(uri, local, text::normalize_field(attribute.value()));
    }
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling())
      if (child.type() == pugi::node_element) property(child);
  }

  // Walks down to every rdf:Description.
  void walk(pugi::xml_node node) {
    scope.enter(node);
    const auto [uri, local] = scope.resolve(node.name());
    if (uri == kRdf && local == "Description") {
      description(node);
    } else {
      for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling())
        if (child.type() == pugi::node_element) walk(child);
    }
    scope.leave();
  }
};

// vanban writes "CASE-ID, NUMBER/NOTATION" into the keywords: the case id is the part before the số/ký hiệu.
std::string case_id_from_keywords(const model::DocumentMetadata& m) {
  const auto comma = m.keywords.find(", ");
  if (comma == std::string::npos || comma == 0) return "";
  const std::string rest = m.keywords.substr(comma + 2);
  if (!m.code_notation.empty() && rest != m.code_number + "/" + m.code_notation) return "";
  return m.keywords.substr(0, comma);
}

}  // namespace

std::optional<model::DocumentMetadata> read_xmp_metadata(std::string_view packet, const FileName& file,
                                                         Diagnostics& diagnostics) {
  const auto parsed = parse_safely(packet, file, Limits{}, diagnostics);
  if (!parsed) return std::nullopt;
  Reader reader;
  reader.walk(parsed->root());
  if (reader.metadata.case_id.empty()) reader.metadata.case_id = case_id_from_keywords(reader.metadata);
  return std::move(reader.metadata);
}

}  // namespace vanban::xml
