#pragma once
// Editing case files as text, for the case store: a register split into case files of their own, and an event
// appended to a case. Every byte outside the edit is kept, so a version differs from the one before by its edit
// alone; the result is a file like any other and is read (validated) again by the caller.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostics.hpp"
#include "xml/limits.hpp"

namespace vanban::xml {

/// One case of a file as a case file of its own.
struct CaseText {
  std::string id;   ///< its id attribute ("" when it has none: reading it reports that)
  std::string xml;  ///< a case file: the file itself, or the <case> element of a register with its namespace
};

/// The cases of a case file (itself, byte for byte) or of a register (each <case> element's bytes, under an XML
/// declaration, with the register's namespace declared on it). nullopt with diagnostics when the bytes cannot be
/// parsed safely or the root is neither; a file that parses is not yet valid (the caller reads each case).
std::optional<std::vector<CaseText>> split_cases(std::string_view bytes, const FileName& file, const Limits& limits,
                                                 Diagnostics& diagnostics);

/// The cases of a file already read without errors, as split_cases makes them, handed to `visit` one at a time: a
/// register is cut by its markup and each case parsed on its own (never a tree of the whole file), anything else is
/// split whole. False with diagnostics (some cases may have been handed over) when split_cases would refuse it.
bool for_each_case_text(std::string_view bytes, const FileName& file, const Limits& limits, Diagnostics& diagnostics,
                        const std::function<void(CaseText&&)>& visit);

/// An element to add to a case: a name and attributes in the exchange format's words, and its text (may be "").
struct ElementText {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;
};

/// Whether `name` can stand as an element or attribute name in a case file: a-z, then a-z, 0-9 or '-' (at most 64).
bool is_format_name(std::string_view name);

/// `case_xml` with `event` as the last child of <enforcement>'s <events> (made when missing), on its own line and
/// indented as its siblings; values escaped. nullopt with diagnostics when the bytes cannot be parsed, the root is not
/// <case>, there is no <enforcement> (E0201), or a name is not a format name (E0203, E0204).
std::optional<std::string> append_event(std::string_view case_xml, const ElementText& event, const FileName& file,
                                        const Limits& limits, Diagnostics& diagnostics);

}  // namespace vanban::xml
