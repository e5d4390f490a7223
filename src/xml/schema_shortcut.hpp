#pragma once
// Internal to the xml module: a quick check, on the pugixml tree the reader has already built, that libxml2 would find
// nothing wrong with a document, so that its validation (a second parse into a tree of its own, then the schema's
// automata and identity constraints) can be skipped for the clean files that are nearly all of them.
//
// It is conservative by construction: it understands a subset of XML Schema (derived from the XSD's own text, never
// written out by hand), and it vouches for a document only when every element, attribute and value is one it can
// decide exactly; anything else (a comment, CDATA, a namespace prefix, white space it cannot see, a construct of the
// schema it does not know) means "not sure", and libxml2 validates as before. So diagnostics cannot change.

#include <memory>
#include <string_view>

#include "xml/safe_parse.hpp"

namespace vanban::xml {

/// What an XSD says, in the subset the shortcut decides; immutable once derived, safe to share between threads.
class SchemaShortcut {
 public:
  /// Derives the shortcut from the XSD's text. A schema with anything outside the subset gives a shortcut that never
  /// vouches (`usable()` false); never throws for that.
  static std::unique_ptr<const SchemaShortcut> derive(std::string_view xsd);
  ~SchemaShortcut();
  SchemaShortcut(const SchemaShortcut&) = delete;
  SchemaShortcut& operator=(const SchemaShortcut&) = delete;

  /// Whether the whole schema was understood (false: `vouches_for` is always false).
  [[nodiscard]] bool usable() const;
  /// True only when validating `bytes` (accepted by parse_safely as `parsed`) against the schema with libxml2 would
  /// report no problem at all; false when it would, or when that cannot be decided here.
  [[nodiscard]] bool vouches_for(std::string_view bytes, const ParsedXml& parsed) const;
  /// False when `vouches_for` is false for `bytes` whatever their tree (too large, markup it cannot see through).
  [[nodiscard]] bool may_vouch_for(std::string_view bytes) const;

  struct Model;

 private:
  explicit SchemaShortcut(std::unique_ptr<Model> model);
  std::unique_ptr<Model> model_;
};

}  // namespace vanban::xml
