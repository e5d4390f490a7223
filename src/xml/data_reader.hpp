#pragma once
// Reads the project's own XML data files (law data) into a plain tree with positions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"

namespace vanban::xml {

struct Attribute {
  std::string name;
  std::string value;  ///< normalized (NFC, white space collapsed)
  SourceLoc loc;
  SourceLoc value_loc;
};

/// An element of a data file: name, attributes, normalized text and child elements.
struct Element {
  std::string name;
  SourceLoc loc;
  std::vector<Attribute> attributes;
  std::string text;
  SourceLoc text_loc;
  std::vector<Element> children;

  [[nodiscard]] const Attribute* find_attribute(std::string_view attribute_name) const;
  [[nodiscard]] const Element* find_child(std::string_view child_name) const;
};

/// Parses a data file safely (same limits and refusals as case files); the root element must be in
/// `expected_namespace`. nullopt (with diagnostics) on any problem.
std::optional<Element> read_data_file(std::string_view bytes, const FileName& file, std::string_view expected_namespace,
                                      Diagnostics& diagnostics);

}  // namespace vanban::xml
