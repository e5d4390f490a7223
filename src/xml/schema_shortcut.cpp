#include "xml/schema_shortcut.hpp"

#include <libxml/xmlregexp.h>
#include <libxml/xmlschemastypes.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/utf8.hpp"
#include "xml/markup_scan.hpp"
#include "xml/names.hpp"

namespace vanban::xml {

namespace {

constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema";
// libxml2 refuses a text node of 10,000,000 bytes or more without XML_PARSE_HUGE; documents under this size cannot
// hold one, and the streamed chunks are far smaller.
constexpr std::size_t kMaxBytes = 8U * 1024U * 1024U;
// Particles of one content model the walker counts without allocating; a schema with more is not in the subset.
constexpr std::size_t kMaxParticles = 32;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// "00120" → "120": digits without leading zeros, for comparing whole numbers of any length.
std::string_view without_leading_zeros(std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  return digits;
}

int compare_whole(std::string_view a, std::string_view b) {
  a = without_leading_zeros(a);
  b = without_leading_zeros(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b);
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A pattern of XML Schema made only of digits ([0-9], with a quantifier) and single non-digit characters, such as
// "[0-9]{4}-[0-9]{2}-[0-9]{2}" or "[0-9]+": matched here exactly, without libxml2's automaton. No two digit steps are
// adjacent, so taking as many digits as a step may is the only way to match.
class DigitPattern {
 public:
  // The pattern, or nullopt when it is not of that form.
  static std::optional<DigitPattern> parse(std::string_view text) {
    DigitPattern pattern;
    std::size_t at = 0;
    while (at < text.size()) {
      Step step;
      if (text.compare(at, 5, "[0-9]") == 0) {
        at += 5;
        step.digits = true;
        if (!pattern.steps_.empty() && pattern.steps_.back().digits) return std::nullopt;
        if (at < text.size() && (text[at] == '+' || text[at] == '*' || text[at] == '?')) {
          step.min = text[at] == '+' ? 1 : 0;
          step.max = text[at] == '?' ? 1 : kUnbounded;
          ++at;
        } else if (at < text.size() && text[at] == '{') {
          const std::size_t close = text.find('}', at);
          if (close == std::string_view::npos) return std::nullopt;
          const std::string_view bounds = text.substr(at + 1, close - at - 1);
          const std::size_t comma = bounds.find(',');
          const auto min = small_number(bounds.substr(0, comma));
          const auto max = comma == std::string_view::npos ? min
                           : comma + 1 == bounds.size()    ? std::optional<std::size_t>(kUnbounded)
                                                           : small_number(bounds.substr(comma + 1));
          if (!min || !max || *max < *min) return std::nullopt;
          step.min = *min;
          step.max = *max;
          at = close + 1;
        }
      } else {
        const char c = text[at];
        const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if (!letter && c != '-' && c != ':' && c != '/') return std::nullopt;  // anything else: libxml2's
        step.literal = c;
        ++at;
      }
      pattern.steps_.push_back(step);
    }
    return pattern;
  }

  [[nodiscard]] bool matches(std::string_view value) const {
    std::size_t at = 0;
    for (const Step& step : steps_) {
      if (!step.digits) {
        if (at == value.size() || value[at] != step.literal) return false;
        ++at;
        continue;
      }
      std::size_t count = 0;
      while (count < step.max && at + count < value.size() && value[at + count] >= '0' && value[at + count] <= '9')
        ++count;
      if (count < step.min) return false;
      at += count;
    }
    return at == value.size();
  }

 private:
  static constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();
  struct Step {
    bool digits = false;
    char literal = 0;
    std::size_t min = 1;
    std::size_t max = 1;
  };
  static std::optional<std::size_t> small_number(std::string_view text) {
    if (!all_digits(text) || text.size() > 4) return std::nullopt;
    return static_cast<std::size_t>(std::stoul(std::string(text)));
  }
  std::vector<Step> steps_;
};

// The built-in types whose valid values are told here for the plain forms the case format writes; any other form of
// a value (a sign, a time zone, a longer number) is still given to libxml2.
enum class KnownBuiltin { none, date, non_negative_integer, positive_integer };

// Whether `value` is certainly a value of `builtin` (false: not known here, ask libxml2).
bool certainly_valid(KnownBuiltin builtin, std::string_view value) {
  switch (builtin) {
    case KnownBuiltin::none: return false;
    case KnownBuiltin::date: {
      // YYYY-MM-DD with a year from 0001, a month and a day of that month (the proleptic Gregorian calendar).
      if (value.size() != 10 || value[4] != '-' || value[7] != '-') return false;
      if (!all_digits(value.substr(0, 4)) || !all_digits(value.substr(5, 2)) || !all_digits(value.substr(8, 2)))
        return false;
      const int year = (value[0] - '0') * 1000 + (value[1] - '0') * 100 + (value[2] - '0') * 10 + (value[3] - '0');
      const int month = (value[5] - '0') * 10 + (value[6] - '0');
      const int day = (value[8] - '0') * 10 + (value[9] - '0');
      if (year < 1 || month < 1 || month > 12 || day < 1) return false;
      static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      const int days = kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
      return day <= days;
    }
    case KnownBuiltin::non_negative_integer: return value.size() <= 18 && all_digits(value);
    case KnownBuiltin::positive_integer:
      return value.size() <= 18 && all_digits(value) && value.find_first_not_of('0') != std::string_view::npos;
  }
  return false;
}

struct RegexDeleter {
  void operator()(xmlRegexpPtr regex) const { xmlRegFreeRegexp(regex); }
};
using Regex = std::unique_ptr<xmlRegexp, RegexDeleter>;

}  // namespace

// ---- the subset of XML Schema ---------------------------------------------------------------------------------------

// A pattern facet: libxml2's compiled regular expression, and the same pattern matched here when it is simple enough.
struct Pattern {
  xmlRegexpPtr regex = nullptr;
  std::optional<DigitPattern> digits;

  [[nodiscard]] bool matches(std::string_view value) const {
    if (digits) return digits->matches(value);
    const std::string copy(value);  // libxml2 reads a NUL-terminated string
    return xmlRegexpExec(regex, reinterpret_cast<const xmlChar*>(copy.c_str())) == 1;
  }
};

struct SimpleType {
  xmlSchemaTypePtr builtin = nullptr;       // null: xs:string (every string of XML characters, white space preserved)
  KnownBuiltin known = KnownBuiltin::none;  // the builtin, when its plain values are told here
  bool whole_number = false;                // the builtin is one of the integer types: bounds compare as whole numbers
  std::vector<std::vector<Pattern>> patterns;          // every step's set must match one (patterns of a step are or'ed)
  std::vector<std::vector<std::string>> enumerations;  // likewise
  std::optional<std::size_t> min_length;
  std::optional<std::size_t> max_length;
  std::optional<std::string> min_inclusive;
  std::optional<std::string> max_inclusive;
  const SimpleType* list_item = nullptr;  // an xs:list of this item type (no facets of its own)

  /// Whether every check of a value is made here, without libxml2 (for a plain value): nothing worth remembering.
  /// Set from all_checked_here() once the model is derived.
  bool checked_here = false;

  [[nodiscard]] bool all_checked_here() const {
    return (builtin == nullptr || known != KnownBuiltin::none) &&
           std::all_of(patterns.begin(), patterns.end(), [](const std::vector<Pattern>& step) {
             return std::all_of(step.begin(), step.end(), [](const Pattern& pattern) { return pattern.digits; });
           });
  }

  [[nodiscard]] bool accepts(std::string_view value) const {
    if (list_item != nullptr) {
      // Items separated by single spaces, each accepted; any other white space (and an empty list) is left to libxml2.
      if (value.empty() || value.front() == ' ' || value.back() == ' ') return false;
      for (std::size_t start = 0; start <= value.size();) {
        const std::size_t end = std::min(value.find(' ', start), value.size());
        const std::string_view item = value.substr(start, end - start);
        if (item.empty() || !list_item->accepts(item)) return false;
        start = end + 1;
      }
      return true;
    }
    if (builtin != nullptr) {
      // libxml2 collapses white space first: a value that has any is left to it.
      if (std::any_of(value.begin(), value.end(), is_space)) return false;
      if (!certainly_valid(known, value)) {
        const std::string copy(value);
        if (xmlSchemaValidatePredefinedType(builtin, reinterpret_cast<const xmlChar*>(copy.c_str()), nullptr) != 0)
          return false;
      }
    }
    if (min_length || max_length) {
      if (builtin != nullptr) return false;  // length of a non-string type: not decided here
      const std::size_t length = utf8::length(value);
      if (min_length && length < *min_length) return false;
      if (max_length && length > *max_length) return false;
    }
    if (min_inclusive || max_inclusive) {
      if (!whole_number || !all_digits(value)) return false;
      if (min_inclusive && compare_whole(value, *min_inclusive) < 0) return false;
      if (max_inclusive && compare_whole(value, *max_inclusive) > 0) return false;
    }
    for (const auto& step : patterns)
      if (std::none_of(step.begin(), step.end(), [&](const Pattern& pattern) { return pattern.matches(value); }))
        return false;
    for (const auto& step : enumerations)
      if (std::find(step.begin(), step.end(), value) == step.end()) return false;
    return true;
  }
};

struct ElementDecl;

struct AttributeDecl {
  std::string name;
  const SimpleType* type = nullptr;
  bool required = false;
};

struct Particle {
  const ElementDecl* element = nullptr;
  std::size_t min = 1;
  std::size_t max = 1;
};

enum class Content { empty, simple, all, sequence, choice };

struct ComplexType {
  Content content = Content::empty;
  const SimpleType* simple = nullptr;  // Content::simple
  std::vector<Particle> particles;     // all, sequence, choice
  std::size_t choice_min = 1;          // how many times the choice repeats
  std::size_t choice_max = 1;
  std::vector<AttributeDecl> attributes;
};

// An identity constraint (xs:unique, xs:key, xs:keyref) whose selector is a union of child paths and whose one field
// is an attribute of the selected element.
struct IdentityConstraint {
  enum class Kind { unique, key, keyref } kind = Kind::unique;
  std::string name;
  std::string refer;                            // keyref: the key's name
  std::vector<std::vector<std::string>> paths;  // local names, child steps from the constrained element
  std::string field;                            // the attribute
  std::vector<std::size_t> path_indices;        // `paths` in ElementDecl::paths
  std::size_t refer_index = 0;                  // keyref: the key in ElementDecl::constraints
};

// One step of the selector paths of an element's constraints, merged by their common beginnings
// ("c:enforcement/c:events/ c:payment" and "c:enforcement/c:events/c:notified" share two steps), so that each child
// list is walked once.
struct SelectStep {
  std::string name;
  std::vector<std::size_t> ends;  // the paths (indices in ElementDecl::paths) that end at this step
  std::vector<SelectStep> next;
};

struct ElementDecl {
  std::string name;
  const ComplexType* complex = nullptr;
  const SimpleType* simple = nullptr;  // an element of a simple type: text only, no attributes
  std::vector<IdentityConstraint> constraints;
  std::vector<std::vector<std::string>> paths;  // every constraint's selector paths, each once
  std::vector<SelectStep> selection;            // `paths` merged into a tree of steps
};

struct SchemaShortcut::Model {
  bool usable = true;
  std::deque<SimpleType> simple_types;
  std::deque<ComplexType> complex_types;
  std::deque<ElementDecl> elements;
  std::vector<Regex> regexes;
  std::map<std::string, const ElementDecl*, std::less<>> roots;
  std::string target_namespace;
};

namespace {

// Reads the XSD's tree into the model; anything it does not know makes the model unusable.
class Deriver {
 public:
  explicit Deriver(SchemaShortcut::Model& model) : model_(model) {}

  void derive(pugi::xml_node schema) {
    model_.target_namespace = schema.attribute("targetNamespace").value();
    for (pugi::xml_attribute attribute : schema.attributes()) {
      const std::string_view name = attribute.name();
      if (name.substr(0, 6) == "xmlns:" && std::string_view(attribute.value()) == kXsd)
        xs_ = std::string(name.substr(6));
      if (name.substr(0, 6) == "xmlns:" && attribute.value() == model_.target_namespace)
        target_ = std::string(name.substr(6));
    }
    if (xs_.empty() || std::string_view(schema.attribute("elementFormDefault").value()) != "qualified") return fail();
    for (pugi::xml_node child : schema.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string kind = local(child.name());
      const std::string name = child.attribute("name").value();
      if (kind == "simpleType") simple_nodes_[name] = child;
      else if (kind == "complexType") complex_nodes_[name] = child;
      else if (kind == "element") element_nodes_[name] = child;
      else if (kind == "attributeGroup") attribute_group_nodes_[name] = child;
      else if (kind != "annotation") return fail();
    }
    for (const auto& [name, node] : element_nodes_) model_.roots[name] = global_element(name);
  }

 private:
  void fail() { model_.usable = false; }

  // "xs:all" → "all" for the XSD's own namespace, "" for anything else.
  [[nodiscard]] std::string local(std::string_view name) const {
    const std::size_t colon = name.find(':');
    if (colon == std::string_view::npos || name.substr(0, colon) != xs_) return {};
    return std::string(name.substr(colon + 1));
  }

  // A reference "c:Name" in the target namespace → "Name"; nullopt for another namespace.
  [[nodiscard]] std::optional<std::string> target_name(std::string_view reference) const {
    const std::size_t colon = reference.find(':');
    if (colon == std::string_view::npos) {
      if (!target_.empty()) return std::nullopt;
      return std::string(reference);
    }
    if (reference.substr(0, colon) != target_) return std::nullopt;
    return std::string(reference.substr(colon + 1));
  }

  // Attributes other than those named: a construct not in the subset.
  bool only(pugi::xml_node node, std::initializer_list<std::string_view> allowed) {
    for (pugi::xml_attribute attribute : node.attributes())
      if (std::find(allowed.begin(), allowed.end(), std::string_view(attribute.name())) == allowed.end()) {
        fail();
        return false;
      }
    return true;
  }

  std::vector<pugi::xml_node> children(pugi::xml_node node) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node child : node.children())
      if (child.type() == pugi::node_element && local(child.name()) != "annotation") out.push_back(child);
      else if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) fail();
    return out;
  }

  std::optional<std::size_t> occurs(pugi::xml_node node, const char* which) {
    const pugi::xml_attribute attribute = node.attribute(which);
    if (!attribute) return 1;
    const std::string_view value = attribute.value();
    if (value == "unbounded") return std::numeric_limits<std::size_t>::max();
    if (!all_digits(value) || value.size() > 9) {
      fail();
      return std::nullopt;
    }
    return std::stoul(std::string(value));
  }

  // ---- simple types ----

  const SimpleType* type_by_reference(std::string_view reference) {
    const std::size_t colon = reference.find(':');
    if (colon != std::string_view::npos && reference.substr(0, colon) == xs_)
      return builtin(reference.substr(colon + 1));
    const auto name = target_name(reference);
    if (!name) return fail(), nullptr;
    if (const auto done = simple_done_.find(*name); done != simple_done_.end()) return done->second;
    const auto node = simple_nodes_.find(*name);
    if (node == simple_nodes_.end() || !in_progress_.insert(*name).second) return fail(), nullptr;
    const SimpleType* type = simple_type(node->second);
    simple_done_[*name] = type;
    return type;
  }

  const SimpleType* builtin(std::string_view name) {
    SimpleType type;
    if (name != "string") {
      type.builtin = xmlSchemaGetPredefinedType(reinterpret_cast<const xmlChar*>(std::string(name).c_str()),
                                                reinterpret_cast<const xmlChar*>(kXsd.data()));
      if (type.builtin == nullptr) return fail(), nullptr;
      static const std::set<std::string_view> whole = {"integer", "nonNegativeInteger", "positiveInteger",
                                                       "nonPositiveInteger", "negativeInteger"};
      type.whole_number = whole.count(name) > 0;
      type.known = name == "date"                 ? KnownBuiltin::date
                   : name == "nonNegativeInteger" ? KnownBuiltin::non_negative_integer
                   : name == "positiveInteger"    ? KnownBuiltin::positive_integer
                                                  : KnownBuiltin::none;
    }
    return &model_.simple_types.emplace_back(std::move(type));
  }

  const SimpleType* simple_type(pugi::xml_node node) {
    if (!only(node, {"name"})) return nullptr;
    const auto parts = children(node);
    if (parts.size() == 1 && local(parts[0].name()) == "list") {
      if (!only(parts[0], {"itemType"}) || !children(parts[0]).empty()) return fail(), nullptr;
      const SimpleType* item = type_by_reference(parts[0].attribute("itemType").value());
      if (item == nullptr || item->list_item != nullptr) return fail(), nullptr;
      SimpleType list;
      list.list_item = item;
      return &model_.simple_types.emplace_back(std::move(list));
    }
    if (parts.size() != 1 || local(parts[0].name()) != "restriction" || !only(parts[0], {"base"}))
      return fail(), nullptr;
    const SimpleType* base = type_by_reference(parts[0].attribute("base").value());
    if (base == nullptr || base->list_item != nullptr) return fail(), nullptr;  // facets of a list: not in the subset
    SimpleType type = *base;
    std::vector<Pattern> patterns;
    std::vector<std::string> enumerations;
    for (pugi::xml_node facet : children(parts[0])) {
      const std::string kind = local(facet.name());
      if (!only(facet, {"value"})) return nullptr;
      const std::string value = facet.attribute("value").value();
      if (kind == "pattern") {
        xmlRegexpPtr regex = xmlRegexpCompile(reinterpret_cast<const xmlChar*>(value.c_str()));
        if (regex == nullptr) return fail(), nullptr;
        model_.regexes.emplace_back(regex);
        patterns.push_back(Pattern{regex, DigitPattern::parse(value)});
      } else if (kind == "enumeration") {
        if (type.builtin != nullptr) return fail(), nullptr;  // compared as values, not strings
        enumerations.push_back(value);
      } else if (kind == "minLength" && all_digits(value) && value.size() < 9) {
        type.min_length = std::max(type.min_length.value_or(0), std::stoul(value));
      } else if (kind == "maxLength" && all_digits(value) && value.size() < 9) {
        type.max_length = std::min(type.max_length.value_or(std::stoul(value)), std::stoul(value));
      } else if (kind == "maxInclusive" && type.whole_number && all_digits(value) && !type.max_inclusive) {
        type.max_inclusive = value;
      } else if (kind == "minInclusive" && type.whole_number && all_digits(value) && !type.min_inclusive) {
        type.min_inclusive = value;
      } else {
        return fail(), nullptr;
      }
    }
    if (!patterns.empty()) type.patterns.push_back(std::move(patterns));
    if (!enumerations.empty()) type.enumerations.push_back(std::move(enumerations));
    return &model_.simple_types.emplace_back(std::move(type));
  }

  // ---- complex types and elements ----

  const ComplexType* complex_by_reference(std::string_view reference) {
    const std::size_t colon = reference.find(':');
    if (colon != std::string_view::npos && reference.substr(0, colon) == xs_) return nullptr;  // a builtin type
    const auto name = target_name(reference);
    if (!name) return fail(), nullptr;
    if (const auto done = complex_done_.find(*name); done != complex_done_.end()) return done->second;
    const auto node = complex_nodes_.find(*name);
    if (node == complex_nodes_.end()) return nullptr;  // maybe a simple type
    ComplexType& type = model_.complex_types.emplace_back();
    complex_done_[*name] = &type;  // before its particles, which may refer back to it
    fill_complex(node->second, type);
    return &type;
  }

  // An attribute with a named type, or with its own anonymous simple type.
  void attribute(pugi::xml_node node, std::vector<AttributeDecl>& out) {
    if (!only(node, {"name", "type", "use"})) return;
    const std::string_view use = node.attribute("use").value();
    if (!use.empty() && use != "required" && use != "optional") return fail();
    const auto inner = children(node);
    const SimpleType* type = nullptr;
    if (node.attribute("type")) {
      if (!inner.empty()) return fail();
      type = type_by_reference(node.attribute("type").value());
    } else if (inner.size() == 1 && local(inner[0].name()) == "simpleType") {
      type = simple_type(inner[0]);
    }
    if (type == nullptr) return fail();
    out.push_back(AttributeDecl{node.attribute("name").value(), type, use == "required"});
  }

  // An attribute, or the attributes of a named group (`<xs:attributeGroup ref="c:Step"/>`) in its place.
  void attribute_or_group(pugi::xml_node node, std::vector<AttributeDecl>& out) {
    const std::string kind = local(node.name());
    if (kind == "attribute") return attribute(node, out);
    if (kind != "attributeGroup" || !only(node, {"ref"}) || !children(node).empty()) return fail();
    const auto name = target_name(node.attribute("ref").value());
    const auto group = name ? attribute_group_nodes_.find(*name) : attribute_group_nodes_.end();
    if (group == attribute_group_nodes_.end() || !only(group->second, {"name"})) return fail();
    for (pugi::xml_node item : children(group->second)) {
      if (local(item.name()) != "attribute") return fail();  // groups within groups: not in the subset
      attribute(item, out);
    }
  }

  void fill_complex(pugi::xml_node node, ComplexType& type) {
    if (!only(node, {"name"})) return;
    for (pugi::xml_node part : children(node)) {
      const std::string kind = local(part.name());
      if (kind == "attribute" || kind == "attributeGroup") {
        attribute_or_group(part, type.attributes);
      } else if (kind == "simpleContent") {
        const auto inner = children(part);
        if (type.content != Content::empty || inner.size() != 1 || local(inner[0].name()) != "extension" ||
            !only(inner[0], {"base"}))
          return fail();
        type.content = Content::simple;
        type.simple = type_by_reference(inner[0].attribute("base").value());
        if (type.simple == nullptr) return fail();
        for (pugi::xml_node item : children(inner[0])) attribute_or_group(item, type.attributes);
      } else if (kind == "all" || kind == "sequence" || kind == "choice") {
        if (type.content != Content::empty) return fail();
        type.content = kind == "all" ? Content::all : kind == "sequence" ? Content::sequence : Content::choice;
        if (kind == "choice") {
          if (!only(part, {"minOccurs", "maxOccurs"})) return;
          type.choice_min = occurs(part, "minOccurs").value_or(1);
          type.choice_max = occurs(part, "maxOccurs").value_or(1);
        } else if (!only(part, {})) {
          return;
        }
        for (pugi::xml_node item : children(part)) {
          if (local(item.name()) != "element") return fail();
          Particle particle;
          particle.min = occurs(item, "minOccurs").value_or(1);
          particle.max = occurs(item, "maxOccurs").value_or(1);
          if (kind == "choice" && (particle.min != 1 || particle.max != 1)) return fail();
          if (kind == "all" && particle.max != 1) return fail();
          if (const pugi::xml_attribute ref = item.attribute("ref")) {
            if (!only(item, {"ref", "minOccurs", "maxOccurs"})) return;
            const auto name = target_name(ref.value());
            if (!name || element_nodes_.count(*name) == 0) return fail();
            particle.element = global_element(*name);
          } else {
            if (!only(item, {"name", "type", "minOccurs", "maxOccurs"})) return;
            particle.element = local_element(item);
          }
          if (particle.element == nullptr || type.particles.size() == kMaxParticles) return fail();
          type.particles.push_back(particle);
        }
      } else {
        return fail();
      }
    }
  }

  const ElementDecl* global_element(const std::string& name) {
    if (const auto done = element_done_.find(name); done != element_done_.end()) return done->second;
    ElementDecl& element = model_.elements.emplace_back();
    element_done_[name] = &element;
    const pugi::xml_node node = element_nodes_.at(name);
    if (!only(node, {"name", "type"})) return nullptr;
    element.name = name;
    typed(node, element);
    for (pugi::xml_node part : children(node)) {
      const std::string kind = local(part.name());
      if (kind == "complexType") continue;  // read by typed()
      if (kind != "unique" && kind != "key" && kind != "keyref") return fail(), nullptr;
      element.constraints.push_back(constraint(part, kind));
    }
    // Each path is walked once per element, whatever the number of constraints that select it.
    for (IdentityConstraint& item : element.constraints) {
      for (const auto& path : item.paths) {
        auto known = std::find(element.paths.begin(), element.paths.end(), path);
        if (known == element.paths.end()) known = element.paths.insert(element.paths.end(), path);
        item.path_indices.push_back(static_cast<std::size_t>(known - element.paths.begin()));
      }
      if (item.kind != IdentityConstraint::Kind::keyref) continue;
      const auto key = std::find_if(element.constraints.begin(), element.constraints.end(), [&](const auto& other) {
        return other.kind != IdentityConstraint::Kind::keyref && other.name == item.refer;
      });
      if (key == element.constraints.end()) return fail(), nullptr;
      item.refer_index = static_cast<std::size_t>(key - element.constraints.begin());
    }
    for (std::size_t i = 0; i < element.paths.size(); ++i) {
      std::vector<SelectStep>* steps = &element.selection;
      for (std::size_t at = 0; at < element.paths[i].size(); ++at) {
        const std::string& step_name = element.paths[i][at];
        auto step =
            std::find_if(steps->begin(), steps->end(), [&](const SelectStep& item) { return item.name == step_name; });
        if (step == steps->end()) step = steps->insert(steps->end(), SelectStep{step_name, {}, {}});
        if (at + 1 == element.paths[i].size()) step->ends.push_back(i);
        steps = &step->next;
      }
    }
    return &element;
  }

  const ElementDecl* local_element(pugi::xml_node node) {
    ElementDecl& element = model_.elements.emplace_back();
    element.name = node.attribute("name").value();
    typed(node, element);
    for (pugi::xml_node part : children(node))
      if (local(part.name()) != "complexType") fail();
    return &element;
  }

  // The element's type: its type= attribute (complex or simple) or one anonymous complex type inside it.
  void typed(pugi::xml_node node, ElementDecl& element) {
    if (const pugi::xml_attribute type = node.attribute("type")) {
      element.complex = complex_by_reference(type.value());
      if (element.complex == nullptr) element.simple = type_by_reference(type.value());
      if (element.complex == nullptr && element.simple == nullptr) fail();
      return;
    }
    const pugi::xml_node inner = node.find_child([&](pugi::xml_node child) {
      return child.type() == pugi::node_element && local(child.name()) == "complexType";
    });
    if (!inner) return fail();
    ComplexType& type = model_.complex_types.emplace_back();
    fill_complex(inner, type);
    element.complex = &type;
  }

  IdentityConstraint constraint(pugi::xml_node node, const std::string& kind) {
    IdentityConstraint out;
    out.kind = kind == "unique" ? IdentityConstraint::Kind::unique
               : kind == "key"  ? IdentityConstraint::Kind::key
                                : IdentityConstraint::Kind::keyref;
    if (!only(node, {"name", "refer"})) return out;
    out.name = node.attribute("name").value();
    if (out.kind == IdentityConstraint::Kind::keyref) {
      const auto refer = target_name(node.attribute("refer").value());
      if (!refer) return fail(), out;
      out.refer = *refer;
    }
    const auto parts = children(node);
    if (parts.size() != 2 || local(parts[0].name()) != "selector" || local(parts[1].name()) != "field" ||
        !only(parts[0], {"xpath"}) || !only(parts[1], {"xpath"}))
      return fail(), out;
    // The selector: steps "c:a/c:b", alternatives separated by '|'.
    const std::string selector = parts[0].attribute("xpath").value();
    std::size_t start = 0;
    while (start <= selector.size()) {
      std::size_t bar = selector.find('|', start);
      if (bar == std::string::npos) bar = selector.size();
      std::string alternative = selector.substr(start, bar - start);
      alternative.erase(std::remove_if(alternative.begin(), alternative.end(), is_space), alternative.end());
      std::vector<std::string> steps;
      std::size_t from = 0;
      while (from <= alternative.size()) {
        std::size_t slash = alternative.find('/', from);
        if (slash == std::string::npos) slash = alternative.size();
        const auto step = target_name(alternative.substr(from, slash - from));
        if (!step || step->empty() || step->find_first_of("*.@:[(") != std::string::npos) return fail(), out;
        steps.push_back(*step);
        from = slash + 1;
      }
      out.paths.push_back(std::move(steps));
      start = bar + 1;
    }
    const std::string field = parts[1].attribute("xpath").value();
    if (field.size() < 2 || field[0] != '@' || field.find_first_of("/|:*[( ") != std::string::npos) return fail(), out;
    out.field = field.substr(1);
    return out;
  }

  SchemaShortcut::Model& model_;
  std::string xs_;
  std::string target_;
  std::map<std::string, pugi::xml_node> simple_nodes_;
  std::map<std::string, pugi::xml_node> complex_nodes_;
  std::map<std::string, pugi::xml_node> attribute_group_nodes_;
  std::map<std::string, pugi::xml_node> element_nodes_;
  std::map<std::string, const SimpleType*> simple_done_;
  std::map<std::string, const ComplexType*> complex_done_;
  std::map<std::string, const ElementDecl*> element_done_;
  std::set<std::string> in_progress_;
};

// ---- the document ---------------------------------------------------------------------------------------------------

// Markup pugixml and libxml2 treat differently: CDATA, processing instructions and DOCTYPE, a comment with "--"
// inside, "]]>" in text (errors for libxml2, not for pugixml), an XML declaration other than the plain ones. Any of
// them: not sure. (Comments themselves are fine: where they could change a value, raw_content sees them.)
bool plain_markup(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t from = 0;
  if (text.substr(0, 5) == "<?xml") {
    // version="1.0" [encoding="UTF-8"] [standalone="yes|no"], each quoted either way.
    std::size_t at = 5;
    const auto pseudo = [&](std::string_view name, std::initializer_list<std::string_view> values) {
      std::size_t i = at;
      if (i >= text.size() || !is_space(text[i])) return false;
      while (i < text.size() && is_space(text[i])) ++i;
      if (text.compare(i, name.size(), name) != 0) return false;
      i += name.size();
      while (i < text.size() && is_space(text[i])) ++i;
      if (i >= text.size() || text[i] != '=') return false;
      ++i;
      while (i < text.size() && is_space(text[i])) ++i;
      if (i >= text.size() || (text[i] != '"' && text[i] != '\'')) return false;
      const char quote = text[i];
      const std::size_t close = text.find(quote, i + 1);
      if (close == std::string_view::npos) return false;
      const std::string_view value = text.substr(i + 1, close - i - 1);
      if (std::find(values.begin(), values.end(), value) == values.end()) return false;
      at = close + 1;
      return true;
    };
    if (!pseudo("version", {"1.0"})) return false;
    pseudo("encoding", {"UTF-8", "utf-8"});
    pseudo("standalone", {"yes", "no"});
    while (at < text.size() && is_space(text[at])) ++at;
    if (text.compare(at, 2, "?>") != 0) return false;
    from = at + 2;
  }
  for (std::size_t at = text.find('<', from); at != std::string_view::npos; at = text.find('<', at + 1)) {
    if (at + 1 >= text.size() || (text[at + 1] != '!' && text[at + 1] != '?')) continue;
    // A comment is the one such markup allowed: libxml2 refuses "--" inside one (pugixml does not).
    if (text.compare(at, 4, "<!--") != 0) return false;
    const std::size_t end = text.find("-->", at + 4);
    if (end == std::string_view::npos) return false;
    const std::string_view body = text.substr(at + 4, end - at - 4);
    if (body.find("--") != std::string_view::npos || (!body.empty() && body.back() == '-')) return false;
    at = end + 2;
  }
  return text.find("]]>") == std::string_view::npos;
}

class Walker {
 public:
  Walker(const SchemaShortcut::Model& model, std::string_view bytes, const ParsedXml& parsed)
      : model_(model), bytes_(bytes), parsed_(parsed) {}

  bool root(pugi::xml_node node) {
    if (node.attribute("xmlns").value() != model_.target_namespace) return false;
    const auto decl = model_.roots.find(std::string_view(node.name()));
    if (decl == model_.roots.end()) return false;
    return element(node, *decl->second, true);
  }

 private:
  // Whether a value is of a type, remembered for the types whose check calls libxml2 (dates, amounts, patterns):
  // a document repeats its dates and ids.
  bool accepts(const SimpleType& type, std::string_view value) {
    if (type.checked_here) return type.accepts(value);
    auto& known = accepted_[&type];
    std::string key(value);
    if (known.count(key) > 0) return true;
    if (!type.accepts(value)) return false;
    known.insert(std::move(key));
    return true;
  }

  // The raw text between an element's start and end tags when there is no markup at all between them (no child, no
  // comment): "" for an empty or self-closing element; nullopt when there is markup or the tags cannot be found.
  [[nodiscard]] std::optional<std::string_view> raw_content(pugi::xml_node node) const {
    const auto name = parsed_.offset(node.name());
    if (!name || *name == 0 || *name > bytes_.size()) return std::nullopt;
    const std::size_t end = tag_end(bytes_, *name - 1);
    if (end == std::string_view::npos) return std::nullopt;
    if (bytes_[end - 2] == '/') return std::string_view();
    const std::size_t next = bytes_.find('<', end);
    if (next == std::string_view::npos || next + 1 >= bytes_.size() || bytes_[next + 1] != '/') return std::nullopt;
    return bytes_.substr(end, next - end);
  }

  // A lone text node's value when its bytes in the document are exactly that value, right after a start tag and right
  // before an end tag: no comment beside it (whose white space pugixml may have dropped), no reference or line end
  // that reading shortened. Then it is what libxml2 sees, found without walking the tags again; nullopt: not known so
  // (raw_content decides). The text holds no '<', so an end tag right after its value's length is its own end.
  [[nodiscard]] std::optional<std::string_view> text_in_place(pugi::xml_node text) const {
    const char* value = text.value();
    const auto at = parsed_.offset(value);
    // Before the text, a start tag's '>'; after a comment's "-->" (or a name ending in '-'), not sure.
    if (!at || *at < 2 || *at > bytes_.size() || bytes_[*at - 1] != '>' || bytes_[*at - 2] == '-') return std::nullopt;
    const std::size_t length = std::strlen(value);
    const std::size_t end = *at + length;
    if (end + 1 >= bytes_.size() || bytes_[end] != '<' || bytes_[end + 1] != '/') return std::nullopt;
    return std::string_view(value, length);
  }

  // The text of an element that may hold only text, as libxml2 sees it: pugixml's one text node, or the white space
  // pugixml dropped; nullopt when anything else is inside.
  [[nodiscard]] std::optional<std::string_view> text_of(pugi::xml_node node) const {
    const pugi::xml_node first = node.first_child();
    if (first && first.type() == pugi::node_pcdata && !first.next_sibling())
      if (const auto text = text_in_place(first)) return text;
    const auto raw = raw_content(node);
    if (!raw) return std::nullopt;
    if (!first) {
      if (raw->find('\r') != std::string_view::npos) return std::nullopt;  // line ends libxml2 would normalize
      return raw;                                                          // empty, or white space only
    }
    if (first.type() != pugi::node_pcdata || first.next_sibling()) return std::nullopt;
    return std::string_view(first.value());
  }

  bool attributes(pugi::xml_node node, const std::vector<AttributeDecl>& declared, bool is_root) {
    std::size_t required = 0;
    for (pugi::xml_attribute attribute = node.first_attribute(); attribute; attribute = attribute.next_attribute()) {
      const char* name = attribute.name();
      if (is_root && std::strcmp(name, "xmlns") == 0 && attribute.value() == model_.target_namespace) continue;
      const auto decl = std::find_if(declared.begin(), declared.end(),
                                     [&](const AttributeDecl& item) { return is_name(item.name, name); });
      if (decl == declared.end() || !accepts(*decl->type, attribute.value())) return false;
      if (decl->required) ++required;
    }
    return required == static_cast<std::size_t>(std::count_if(declared.begin(), declared.end(),
                                                              [](const AttributeDecl& item) { return item.required; }));
  }

  bool element(pugi::xml_node node, const ElementDecl& decl, bool is_root = false) {
    if (decl.simple != nullptr) {
      if (node.first_attribute()) return false;
      const auto text = text_of(node);
      return text && accepts(*decl.simple, *text);
    }
    const ComplexType& type = *decl.complex;
    if (!attributes(node, type.attributes, is_root)) return false;
    switch (type.content) {
      case Content::empty: {
        const auto raw = raw_content(node);
        if (node.first_child() || !raw || !raw->empty()) return false;
        break;
      }
      case Content::simple: {
        const auto text = text_of(node);
        if (!text || !accepts(*type.simple, *text)) return false;
        break;
      }
      case Content::all:
      case Content::sequence:
      case Content::choice:
        if (!children(node, type)) return false;
        break;
    }
    return decl.constraints.empty() || constraints_hold(node, decl);
  }

  const Particle* particle_named(const ComplexType& type, const char* name) const {
    for (const Particle& particle : type.particles)
      if (is_name(particle.element->name, name)) return &particle;
    return nullptr;
  }

  bool children(pugi::xml_node node, const ComplexType& type) {
    std::array<std::size_t, kMaxParticles> counts{};
    std::size_t total = 0;
    std::size_t position = 0;  // sequence: the particle being matched
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
      if (child.type() != pugi::node_element) return false;  // text that is not white space
      const char* name = child.name();
      const Particle* particle = nullptr;
      if (type.content == Content::sequence) {
        while (position < type.particles.size() && (!is_name(type.particles[position].element->name, name) ||
                                                    counts[position] == type.particles[position].max)) {
          if (counts[position] < type.particles[position].min) return false;
          ++position;
        }
        if (position == type.particles.size()) return false;
        particle = &type.particles[position];
      } else {
        particle = particle_named(type, name);
        if (particle == nullptr) return false;
      }
      const auto index = static_cast<std::size_t>(particle - type.particles.data());
      if (type.content != Content::choice && counts[index] == particle->max) return false;
      ++counts[index];
      ++total;
      if (!element(child, *particle->element)) return false;
    }
    switch (type.content) {
      case Content::sequence:
        for (std::size_t i = position; i < type.particles.size(); ++i)
          if (counts[i] < type.particles[i].min) return false;
        return true;
      case Content::all:
        for (std::size_t i = 0; i < type.particles.size(); ++i)
          if (counts[i] < type.particles[i].min) return false;
        return true;
      default: return total >= type.choice_min && total <= type.choice_max;
    }
  }

  // The elements every selector path picks under `node`, each path's in document order in `selected_`: the children
  // of `node` matched against the steps that may come next.
  void select(pugi::xml_node node, const std::vector<SelectStep>& steps) {
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
      if (child.type() != pugi::node_element) continue;
      const char* name = child.name();
      const auto step =
          std::find_if(steps.begin(), steps.end(), [&](const SelectStep& item) { return is_name(item.name, name); });
      if (step == steps.end()) continue;
      for (const std::size_t path : step->ends) selected_[path].push_back(child);
      if (!step->next.empty()) select(child, step->next);
    }
  }

  // Unique and key values unique (and a key's field present), every keyref's value among its key's.
  bool constraints_hold(pugi::xml_node node, const ElementDecl& decl) {
    auto& selected = selected_;
    auto& found = found_;
    selected.resize(std::max(selected.size(), decl.paths.size()));
    found.resize(std::max(found.size(), decl.constraints.size()));
    for (std::size_t i = 0; i < decl.paths.size(); ++i) selected[i].clear();
    select(node, decl.selection);
    for (std::size_t i = 0; i < decl.constraints.size(); ++i) found[i].clear();
    for (std::size_t i = 0; i < decl.constraints.size(); ++i) {
      const IdentityConstraint& constraint = decl.constraints[i];
      for (const std::size_t path : constraint.path_indices) {
        for (const pugi::xml_node item : selected[path]) {
          const pugi::xml_attribute field = item.attribute(constraint.field.c_str());
          if (field) found[i].emplace_back(field.value());
          else if (constraint.kind == IdentityConstraint::Kind::key) return false;
        }
      }
      if (constraint.kind == IdentityConstraint::Kind::keyref) continue;
      std::sort(found[i].begin(), found[i].end());
      if (std::adjacent_find(found[i].begin(), found[i].end()) != found[i].end()) return false;
    }
    for (std::size_t i = 0; i < decl.constraints.size(); ++i) {
      const IdentityConstraint& constraint = decl.constraints[i];
      if (constraint.kind != IdentityConstraint::Kind::keyref) continue;
      const auto& keys = found[constraint.refer_index];
      for (const std::string_view value : found[i])
        if (!std::binary_search(keys.begin(), keys.end(), value)) return false;
    }
    return true;
  }

  const SchemaShortcut::Model& model_;
  std::string_view bytes_;
  const ParsedXml& parsed_;
  std::unordered_map<const SimpleType*, std::unordered_set<std::string>> accepted_;  // values each type accepts
  // constraints_hold's lists, kept between cases
  std::vector<std::vector<pugi::xml_node>> selected_;
  std::vector<std::vector<std::string_view>> found_;
};

}  // namespace

SchemaShortcut::SchemaShortcut(std::unique_ptr<Model> model) : model_(std::move(model)) {}
SchemaShortcut::~SchemaShortcut() = default;

std::unique_ptr<const SchemaShortcut> SchemaShortcut::derive(std::string_view xsd) {
  auto model = std::make_unique<Model>();
  pugi::xml_document document;
  if (!document.load_buffer(xsd.data(), xsd.size(), pugi::parse_default, pugi::encoding_utf8)) {
    model->usable = false;
  } else {
    Deriver(*model).derive(document.document_element());
    if (model->roots.empty()) model->usable = false;
    for (SimpleType& type : model->simple_types) type.checked_here = type.all_checked_here();
  }
  return std::unique_ptr<const SchemaShortcut>(new SchemaShortcut(std::move(model)));
}

bool SchemaShortcut::usable() const { return model_->usable; }

bool SchemaShortcut::may_vouch_for(std::string_view bytes) const {
  return model_->usable && bytes.size() < kMaxBytes && plain_markup(bytes);
}

bool SchemaShortcut::vouches_for(std::string_view bytes, const ParsedXml& parsed) const {
  if (!may_vouch_for(bytes)) return false;
  return Walker(*model_, bytes, parsed).root(parsed.root());
}

}  // namespace vanban::xml
