#pragma once
// Internal to the xml module: parse untrusted XML bytes with pugixml, safely and with positions.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "base/diagnostics.hpp"
#include "base/line_index.hpp"
#include "xml/limits.hpp"

namespace vanban::xml {

/// Whether the bytes still have to be checked for valid UTF-8 and scanned (scan_markup), or are a piece of a file in
/// which both found nothing.
enum class Scanned { no, already };

/// A parsed document that still owns its (in-place parsed) buffer, so node and attribute pointers map
/// back to line and column. Not for use by several threads at once.
class ParsedXml {
 public:
  ParsedXml(FileName file, std::string buffer);
  ParsedXml(const ParsedXml&) = delete;
  ParsedXml& operator=(const ParsedXml&) = delete;

  [[nodiscard]] pugi::xml_node root() const { return document_.document_element(); }
  [[nodiscard]] SourceLoc loc(pugi::xml_node node) const;
  [[nodiscard]] SourceLoc loc(pugi::xml_attribute attribute) const;
  /// Location of an attribute's value (falls back to the attribute).
  [[nodiscard]] SourceLoc value_loc(pugi::xml_attribute attribute) const;
  /// Location of the text content of an element (falls back to the element).
  [[nodiscard]] SourceLoc text_loc(pugi::xml_node node) const;
  /// Location of a pointer into the parsed buffer (a name or value), or `fallback` when it points elsewhere.
  [[nodiscard]] SourceLoc at(const char* pointer, const SourceLoc& fallback) const;
  /// The offset in the parsed bytes of a pointer into the parsed buffer (a name or value); nullopt elsewhere.
  [[nodiscard]] std::optional<std::size_t> offset(const char* pointer) const;
  /// The line of an element, without computing its column (cheap on very long lines).
  [[nodiscard]] std::uint32_t line(pugi::xml_node node) const;
  [[nodiscard]] const FileName& file() const { return index_.file(); }
  /// The bytes as given.
  [[nodiscard]] std::string_view original() const { return original_; }

 private:
  friend std::unique_ptr<ParsedXml> parse_safely(std::string_view, const FileName&, const Limits&, Diagnostics&,
                                                 Scanned);
  std::string original_;  // the bytes as given: positions are counted here
  std::string buffer_;    // a copy pugixml parses in place (decoding references shifts text within it)
  LineIndex index_;
  mutable LineCursor cursor_;  // the last location: a ParsedXml is read by one thread
  pugi::xml_document document_;
};

/// Parses bytes declared or expected to be UTF-8. Rejects (with positions): empty input, too large,
/// UTF-16/32, a declared encoding other than UTF-8, invalid UTF-8, any DOCTYPE (so no entity can be
/// declared or expanded and nothing is fetched), malformed XML and nesting beyond the limit.
std::unique_ptr<ParsedXml> parse_safely(std::string_view bytes, const FileName& file, const Limits& limits,
                                        Diagnostics& diagnostics, Scanned scanned = Scanned::no);

}  // namespace vanban::xml
