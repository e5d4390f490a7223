#include "xml/data_reader.hpp"

#include "text/normalize.hpp"
#include "xml/safe_parse.hpp"

namespace vanban::xml {

const Attribute* Element::find_attribute(std::string_view attribute_name) const {
  for (const auto& attribute : attributes)
    if (attribute.name == attribute_name) return &attribute;
  return nullptr;
}

const Element* Element::find_child(std::string_view child_name) const {
  for (const auto& child : children)
    if (child.name == child_name) return &child;
  return nullptr;
}

namespace {
Element convert(const ParsedXml& xml, pugi::xml_node node) {
  Element element;
  element.name = node.name();
  element.loc = xml.loc(node);
  for (pugi::xml_attribute attribute : node.attributes()) {
    if (std::string_view(attribute.name()) == "xmlns") continue;
    element.attributes.push_back(
        {attribute.name(), text::normalize_field(attribute.value()), xml.loc(attribute), xml.value_loc(attribute)});
  }
  std::string text;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element) element.children.push_back(convert(xml, child));
    else if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) text += child.value();
  }
  element.text = text::normalize_field(text);
  element.text_loc = xml.text_loc(node);
  return element;
}
}  // namespace

std::optional<Element> read_data_file(std::string_view bytes, const FileName& file, std::string_view expected_namespace,
                                      Diagnostics& diagnostics) {
  const auto parsed = parse_safely(bytes, file, Limits{}, diagnostics);
  if (!parsed) return std::nullopt;
  const pugi::xml_node root = parsed->root();
  const pugi::xml_attribute ns = root.attribute("xmlns");
  if (!ns || std::string_view(ns.value()) != expected_namespace) {
    diagnostics.error("E0108", parsed->loc(root),
                      "không gian tên của tệp dữ liệu phải là \"" + std::string(expected_namespace) + "\"");
    return std::nullopt;
  }
  return convert(*parsed, root);
}

}  // namespace vanban::xml
