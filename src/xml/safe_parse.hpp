#pragma once
// Internal to the xml module: parse untrusted XML bytes with pugixml, safely and with positions.

#include <cstddef>
#include <cstdint>
#include <functional>
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

/// Where a piece of a file sits in the file, so that positions in the piece are reported as the file's: its first
/// `head` bytes are the file's own first bytes, and from `from` on the piece holds the file's bytes from `file_from`,
/// starting on a line of its own (a line end comes just before `from`). No `file`: the bytes are the whole file.
struct Placement {
  const LineIndex* file = nullptr;  ///< the whole file's index (its bytes outlive the piece's parse)
  std::size_t head = 0;
  std::size_t from = 0;
  std::size_t file_from = 0;
};

/// Why parse_safely refused bytes, for a caller that asks: where pugixml itself stopped, or that only the checks of its
/// tree after the parse failed (and reported every fault they look for, in file order).
struct ParseFault {
  std::optional<std::size_t> parser;  ///< the offset in the bytes as given where pugixml stopped
  bool tree = false;  ///< only the tree's faults (a duplicate attribute, a name or field too long), all of them
};

/// A parsed document that still owns its (in-place parsed) buffer, so node and attribute pointers map
/// back to line and column. Positions are counted in the bytes as given: either the caller's, which must outlive it
/// (they are not copied: a large file is held once by the caller and once here), or, parsed in place, the buffer
/// itself, indexed before pugixml wrote over it. Not for use by several threads at once.
class ParsedXml {
 public:
  /// Parses a copy of `original`, which stays the caller's; positions are counted in the file `placement` says.
  ParsedXml(FileName file, std::string_view original, const Placement& placement = {});
  /// Parses `bytes` themselves, which must parse in place (`parses_in_place`).
  ParsedXml(FileName file, std::string&& bytes);
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
  /// The line of an element in the parsed bytes (as libxml2 counts them, reading the same bytes), without computing
  /// its column (cheap on very long lines).
  [[nodiscard]] std::uint32_t line(pugi::xml_node node) const;
  /// The file's line of a line of the parsed bytes (the same line unless they are a piece placed in the file); 0 stays
  /// 0 (no line).
  [[nodiscard]] std::uint32_t file_line(std::uint32_t line) const;
  [[nodiscard]] const FileName& file() const { return index_.file(); }
  /// The bytes as given (parsed in place: as pugixml left them, NULs over delimiters and a value's text moved up after
  /// a reference or CR; every name and value still starts at its offset).
  [[nodiscard]] std::string_view original() const { return original_; }

 private:
  friend std::unique_ptr<ParsedXml> parse_checked(std::string_view, std::string*, const FileName&, const Limits&,
                                                  Diagnostics&, Scanned, const Placement&,
                                                  const std::function<void(std::string_view)>&, ParseFault*);
  // The location of an offset in the parsed bytes, in the file.
  [[nodiscard]] SourceLoc locate(std::size_t offset) const;
  std::string_view original_;    // the bytes as given (the caller's, or buffer_ parsed in place): positions count here
  std::string buffer_;           // what pugixml parses in place: a copy of the caller's bytes, or the bytes handed over
  LineIndex index_;              // of the parsed bytes
  Placement placement_;          // where they are in the file, when they are a piece of it
  std::uint32_t from_line_ = 0;  // placed: the line of the parsed bytes at placement_.from
  std::uint32_t file_from_line_ = 0;  // and the file's line there
  mutable LineCursor cursor_;         // the last location: a ParsedXml is read by one thread
  pugi::xml_document document_;
};

/// Parses bytes declared or expected to be UTF-8 (they must outlive the result). Rejects (with positions): empty input,
/// too large, UTF-16/32, a declared encoding other than UTF-8, invalid UTF-8, any DOCTYPE (so no entity can be declared
/// or expanded and nothing is fetched), malformed XML and nesting beyond the limit.
/// With `placement`, the bytes are a piece of a file and every position is reported as the file's. With `fault`, it
/// says why the bytes were refused, when pugixml itself refused them or only the checks of its tree did (ParseFault),
/// and is left alone otherwise.
std::unique_ptr<ParsedXml> parse_safely(std::string_view bytes, const FileName& file, const Limits& limits,
                                        Diagnostics& diagnostics, Scanned scanned = Scanned::no,
                                        const Placement& placement = {}, ParseFault* fault = nullptr);

/// Whether `bytes` may be parsed in place rather than copied: whether no run of bytes without markup is long enough to
/// hold a field past the limit (refused only after the parse: what reads the bytes before it, libxml2, would read such
/// a field whole for nothing). Every name and value starts at its offset either way; where pugixml moves text (a
/// reference decoded, a CR folded), the line index keeps what it needs before the parse writes over the bytes.
bool parses_in_place(std::string_view bytes, const Limits& limits);

/// parse_safely on the bytes themselves, which must parse in place (`parses_in_place`): no copy is made, and nothing
/// may read them afterwards but through the result (pugixml writes NULs over delimiters). `before_parse` reads them
/// once the checks of the raw bytes (UTF-8, DOCTYPE, nesting, node counts) have accepted them, before pugixml parses.
std::unique_ptr<ParsedXml> parse_safely_in_place(std::string&& bytes, const FileName& file, const Limits& limits,
                                                 Diagnostics& diagnostics,
                                                 const std::function<void(std::string_view)>& before_parse);

}  // namespace vanban::xml
