#include "xml/case_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/utf8.hpp"
#include "text/normalize.hpp"
#include "text/repair.hpp"
#include "xml/case_checks.hpp"
#include "xml/names.hpp"
#include "xml/reporting.hpp"
#include "xml/safe_parse.hpp"
#include "xml/schema_check.hpp"

namespace vanban::xml {

namespace {

using model::Text;

// Parses a whole non-negative decimal number without sign or separators.
std::optional<std::int64_t> parse_whole_number(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// How much of a field's text a message quotes.
constexpr std::size_t kQuotedLength = 60;

// A field's text in quotes for a message, as it is (white space collapsed), cut after kQuotedLength characters.
std::string quoted(std::string_view text) {
  std::u32string code_points;
  for (const char32_t c : utf8::to_u32(text)) {
    const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (space && (code_points.empty() || code_points.back() == ' ')) continue;
    const bool control = c < 0x20 || (c >= 0x7F && c <= 0x9F);  // shown as U+FFFD, never sent to a terminal
    code_points += space ? U' ' : control ? U'\uFFFD' : c;
  }
  while (!code_points.empty() && code_points.back() == ' ') code_points.pop_back();
  if (code_points.size() <= kQuotedLength) return "\"" + utf8::from_u32(code_points) + "\"";
  code_points.resize(kQuotedLength);
  return "\"" + utf8::from_u32(code_points) + "…\"";
}

// The element children of a node in document order, walked without collecting them.
class ElementRange {
 public:
  class Iterator {
   public:
    explicit Iterator(pugi::xml_node node) : node_(skip(node)) {}
    pugi::xml_node operator*() const { return node_; }
    Iterator& operator++() {
      node_ = skip(node_.next_sibling());
      return *this;
    }
    bool operator!=(const Iterator& other) const { return node_ != other.node_; }

   private:
    static pugi::xml_node skip(pugi::xml_node node) {
      while (node && node.type() != pugi::node_element) node = node.next_sibling();
      return node;
    }
    pugi::xml_node node_;
  };

  explicit ElementRange(pugi::xml_node first) : first_(first) {}
  [[nodiscard]] Iterator begin() const { return Iterator(first_); }
  [[nodiscard]] Iterator end() const { return Iterator(pugi::xml_node()); }

 private:
  pugi::xml_node first_;
};

class CaseBuilder {
 public:
  CaseBuilder(const ParsedXml& xml, const ReadOptions& options, Diagnostics& diagnostics)
      : xml_(xml),
        diagnostics_(diagnostics),
        repair_(options.repair),
        check_field_(options.check_field),
        given_expected_(options.expected) {}

  // The root must be <case> or <register> in the format's namespace; nothing else can be read.
  bool check_root() {
    const pugi::xml_node root = xml_.root();
    const std::string_view name = root.name();
    const pugi::xml_attribute ns = root.attribute("xmlns");
    if (name != "case" && name != "register") {
      error("E0108", xml_.loc(root),
            "phần tử gốc phải là <case> hoặc <register>, không phải <" + std::string(name) + ">");
      return false;
    }
    if (!ns || std::string_view(ns.value()) != kCaseNamespace) {
      error("E0108", ns ? xml_.value_loc(ns) : xml_.loc(root),
            "không gian tên phải là \"" + std::string(kCaseNamespace) + "\"" +
                (ns ? ", không phải \"" + std::string(ns.value()) + "\"" : " (thiếu thuộc tính xmlns)"));
      return false;
    }
    return true;
  }

  // Counts `errors` found before (a stream's earlier chunks) towards the reader's limit.
  void count_from(std::size_t errors) { errors_before_ = errors; }

  // Takes the case ids of a stream's earlier chunks as already seen: a case here with one of them is a repeated id.
  void ids_from(const CaseIds* ids) { ids_before_ = ids; }

  std::optional<model::Register> build() {
    const pugi::xml_node root = xml_.root();
    if (repair_ == text::RepairMode::repair) expected_ = given_expected_ ? *given_expected_ : file_encoding(root);
    model::Register result;
    if (std::string_view(root.name()) == "case") {
      expect_attributes(root, {"id"});
      result.cases.push_back(read_case(root));
    } else {
      expect_attributes(root, {"period-start", "period-end"});
      const DateAt start = optional_date(root, "period-start");
      const DateAt end = optional_date(root, "period-end");
      result.period_start = start.date;
      result.period_end = end.date;
      if (start.date && end.date && *end.date < *start.date)
        error("E0216", end.loc, "cuối kỳ báo cáo " + end.date->to_iso() + " trước đầu kỳ " + start.date->to_iso());
      // Room for every child, so that no case moves once read (and the ids below may view the cases' strings).
      std::size_t children = 0;
      for (pugi::xml_node child = root.first_child(); child; child = child.next_sibling()) ++children;
      result.cases.reserve(children);
      std::unordered_set<std::string_view> case_ids;
      case_ids.reserve(children);
      for (pugi::xml_node child : elements(root)) {
        if (saturated()) break;
        if (std::string_view(child.name()) != "case") {
          unknown_element(child);
          continue;
        }
        const std::string& id = result.cases.emplace_back(read_case(child)).id;
        const bool seen_before = ids_before_ != nullptr && ids_before_->count(id) > 0;
        if (!id.empty() && (!case_ids.insert(id).second || seen_before))
          if (!saturated()) diagnostics_.add(repeated_case_id(id, xml_.loc(child)));
      }
      if (result.cases.empty()) error("E0201", xml_.loc(root), "sổ không có hồ sơ <case> nào");
    }
    return result;
  }

 private:
  // ---- generic helpers ------------------------------------------------------------------------
  void error(const char* code, SourceLoc loc, std::string message) {
    if (!saturated()) diagnostics_.error(code, std::move(loc), std::move(message));
  }

  // Whether enough errors were found to stop reading (with those of a stream's earlier chunks).
  [[nodiscard]] bool saturated() const { return errors_before_ + diagnostics_.error_count() >= kMaxErrors; }

  // The element children of `parent`; none once the reader is saturated.
  ElementRange elements(pugi::xml_node parent) const {
    return ElementRange(saturated() ? pugi::xml_node() : parent.first_child());
  }

  void unknown_element(pugi::xml_node node) {
    if (saturated()) return;
    error("E0203", xml_.loc(node),
          "phần tử <" + std::string(node.name()) + "> không thuộc định dạng hồ sơ (trong <" +
              std::string(node.parent().name()) + ">)");
  }

  // Namespace declarations are XML's business, not the format's.
  static bool is_namespace_declaration(const char* name) {
    return std::strncmp(name, "xmlns", 5) == 0 && (name[5] == '\0' || name[5] == ':');
  }

  void expect_attributes(pugi::xml_node node, std::initializer_list<std::string_view> allowed) {
    if (saturated()) return;
    for (pugi::xml_attribute attribute = node.first_attribute(); attribute; attribute = attribute.next_attribute()) {
      const char* name = attribute.name();
      if (is_namespace_declaration(name)) continue;
      if (std::none_of(allowed.begin(), allowed.end(), [&](std::string_view item) { return is_name(item, name); }))
        error("E0204", xml_.loc(attribute),
              "thuộc tính \"" + std::string(name) + "\" không thuộc định dạng của <" + std::string(node.name()) + ">");
    }
  }

  void expect_children(pugi::xml_node node, std::initializer_list<std::string_view> allowed) {
    std::uint64_t seen = 0;  // bit i: allowed[i] was seen (the format's lists are short)
    for (pugi::xml_node child : elements(node)) {
      if (saturated()) break;
      const char* name = child.name();
      const auto index = static_cast<std::size_t>(
          std::find_if(allowed.begin(), allowed.end(), [&](std::string_view item) { return is_name(item, name); }) -
          allowed.begin());
      const std::uint64_t bit = index < 64 ? std::uint64_t{1} << index : 0;
      if (index == allowed.size()) {
        unknown_element(child);
      } else if ((seen & bit) != 0) {
        error("E0209", xml_.loc(child),
              "phần tử <" + std::string(name) + "> xuất hiện nhiều lần trong <" + std::string(node.name()) + ">");
      } else {
        seen |= bit;
      }
    }
  }

  // ---- text ------------------------------------------------------------------------------------------------

  // The legacy encoding the file's fields agree on, which lets short fields be repaired on less evidence.
  static text::TextOrigin file_encoding(pugi::xml_node root) {
    text::OriginTally tally;
    tally_fields(root, tally);
    return tally.dominant();
  }

  // A field's text as every later stage expects it: repaired (unless --no-repair), then normalized. `field()` names
  // the field for a warning or the field check (built only when one needs it); `shown`: whether a document may print
  // the field (the field check sees only those).
  template <typename FieldName>
  std::string clean(std::string_view raw, const SourceLoc& loc, const FieldName& field, bool shown = true) {
    std::string value = repaired(raw, loc, field);
    if (check_field_ && shown) check_field_(value, loc, field(), diagnostics_);
    return value;
  }

  // Invisible characters are dropped by normalization; the bidirectional controls among them can make a name read
  // otherwise than it is written, so each field that held some is named (W0122).
  template <typename FieldName>
  void report_invisible(const std::u32string& found, const SourceLoc& loc, const FieldName& field) {
    if (found.empty()) return;
    std::string listed;
    for (const char32_t cp : found) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
      listed += (listed.empty() ? "" : ", ") + std::string(code);
    }
    diagnostics_.warning("W0122", loc,
                         field() + ": đã bỏ ký tự vô hình " + listed +
                             " (khoảng trắng độ rộng 0 hoặc ký tự điều khiển hướng chữ: văn bản có thể hiển thị khác "
                             "với nội dung thật)");
  }

  // The field's text repaired and normalized, with the warnings about it (each field gets its own, even when its text
  // was cleaned before).
  template <typename FieldName>
  std::string repaired(std::string_view raw, const SourceLoc& loc, const FieldName& field) {
    if (plain_ascii(raw)) return std::string(raw);  // ids, dates, amounts, codes: nothing to repair or warn about
    if (repair_ == text::RepairMode::keep) {
      report_invisible(text::invisible_characters(raw), loc, field);
      return text::normalize_field(raw);
    }
    const Cleaned& cleaned = cleaned_text(raw);
    report_invisible(cleaned.invisible, loc, field);
    switch (cleaned.origin) {
      case text::TextOrigin::unicode: break;
      case text::TextOrigin::combining:
      case text::TextOrigin::decomposed:
        diagnostics_.warning("W0121", loc,
                             field() + ": chữ viết bằng " + std::string(text::origin_name(cleaned.origin)) +
                                 ", đã chuyển sang dạng dựng sẵn (NFC)");
        break;
      default:
        diagnostics_.warning("W0120", loc,
                             field() + ": văn bản mã " + std::string(text::origin_name(cleaned.origin)) +
                                 " bị đọc nhầm thành " + quoted(raw) + ", đã chuyển thành " + quoted(cleaned.value));
        break;
    }
    return cleaned.value;
  }

  // Printable ASCII with single spaces between words: what repair and normalization leave as it is, with no
  // invisible character to report.
  static bool plain_ascii(std::string_view raw) {
    if (raw.empty() || raw.front() == ' ' || raw.back() == ' ') return raw.empty();
    char previous = '\0';
    for (const char c : raw) {
      if (c < ' ' || c > '~' || (c == ' ' && previous == ' ')) return false;
      previous = c;
    }
    return true;
  }

  struct Cleaned {
    std::string value;
    text::TextOrigin origin = text::TextOrigin::unicode;
    std::u32string invisible;  // the invisible characters the repaired text held (normalization drops them)
  };

  // Repair and normalization of a text, remembered: a register repeats its agency, officers, courts and kinds in
  // every case, and repairing a non-ASCII text costs thousands of instructions.
  const Cleaned& cleaned_text(std::string_view raw) {
    if (const auto known = cleaned_.find(raw); known != cleaned_.end()) return known->second;
    if (cleaned_.size() >= kRememberedTexts) cleaned_.clear();
    text::Repaired repaired = text::repair_vietnamese(raw, expected_);
    Cleaned cleaned{text::normalize_field(repaired.text), repaired.origin, text::invisible_characters(repaired.text)};
    return cleaned_.emplace(std::string(raw), std::move(cleaned)).first->second;
  }

  // The element's own text must be plain: no child elements inside.
  // A lone text child (the usual case) is read in place, without gathering it into a string first.
  Text element_text(pugi::xml_node node) {
    std::string gathered;
    std::string_view raw;
    const pugi::xml_node first = node.first_child();
    if (first && !first.next_sibling() && first.type() == pugi::node_pcdata) {
      raw = first.value();
    } else {
      for (pugi::xml_node child = first; child; child = child.next_sibling()) {
        if (child.type() == pugi::node_element) unknown_element(child);
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) gathered += child.value();
      }
      raw = gathered;
    }
    SourceLoc loc = xml_.text_loc(node);
    return Text{clean(raw, loc, [&] { return "<" + std::string(node.name()) + ">"; }), std::move(loc)};
  }

  std::optional<Text> optional_text(pugi::xml_node parent, const char* name) {
    const pugi::xml_node node = parent.child(name);
    if (!node) return std::nullopt;
    Text value = element_text(node);
    if (value.empty()) return std::nullopt;
    return value;
  }

  Text required_text(pugi::xml_node parent, const char* name) {
    const pugi::xml_node node = parent.child(name);
    if (!node) {
      error("E0201", xml_.loc(parent),
            "thiếu phần tử bắt buộc <" + std::string(name) + "> trong <" + std::string(parent.name()) + ">");
      return Text{{}, xml_.loc(parent)};
    }
    Text value = element_text(node);
    if (value.empty()) error("E0210", xml_.loc(node), "phần tử <" + std::string(name) + "> không được để trống");
    return value;
  }

  Text own_text(pugi::xml_node node) {
    Text value = element_text(node);
    if (value.empty()) error("E0210", xml_.loc(node), "phần tử <" + std::string(node.name()) + "> không được để trống");
    return value;
  }

  std::optional<Text> optional_attribute(pugi::xml_node node, const char* name) {
    const pugi::xml_attribute attribute = node.attribute(name);
    if (!attribute) return std::nullopt;
    return attribute_text(node, attribute, name);
  }

  // Ids and references to them are never printed: what a document shows is not checked in them.
  static bool is_identifier(std::string_view name) {
    static const std::set<std::string_view> kIdentifiers = {"id",    "debtor",    "creditor", "judgment",
                                                            "owner", "mortgagee", "item",     "officer",
                                                            "by",    "signer",    "party",    "obligation"};
    return kIdentifiers.count(name) > 0;
  }

  // A present attribute's text (nullopt, with E0210, when it is empty).
  std::optional<Text> attribute_text(pugi::xml_node node, pugi::xml_attribute attribute, const char* name) {
    SourceLoc loc = xml_.value_loc(attribute);
    Text value{
        clean(
            attribute.value(), loc, [&] { return "thuộc tính " + std::string(name) + " của <" + node.name() + ">"; },
            check_field_ && !is_identifier(name)),
        std::move(loc)};
    if (value.empty()) {
      error("E0210", value.loc, "thuộc tính \"" + std::string(name) + "\" không được để trống");
      return std::nullopt;
    }
    return value;
  }

  Text required_attribute(pugi::xml_node node, const char* name) {
    const pugi::xml_attribute attribute = node.attribute(name);
    if (!attribute) {
      error("E0202", xml_.loc(node),
            "thiếu thuộc tính bắt buộc \"" + std::string(name) + "\" của <" + std::string(node.name()) + ">");
      return Text{{}, xml_.loc(node)};
    }
    auto value = attribute_text(node, attribute, name);
    return value ? std::move(*value) : Text{{}, xml_.loc(node)};
  }

  // An attribute's raw value when reading it reports and checks nothing, so that it need not be located: present,
  // not empty, plain ASCII (nothing to repair, normalize or warn about) and not seen by the field check. nullopt:
  // the located path (attribute_text) decides.
  [[nodiscard]] std::optional<std::string_view> plain_attribute(pugi::xml_node node, const char* name) const {
    const pugi::xml_attribute attribute = node.attribute(name);
    if (!attribute) return std::nullopt;
    const std::string_view raw = attribute.value();
    if (raw.empty() || !plain_ascii(raw) || (check_field_ && !is_identifier(name))) return std::nullopt;
    return raw;
  }

  // A required attribute's text where only the text is kept (ids, references): required_attribute's value, located
  // only when something about it is reported.
  std::string required_value(pugi::xml_node node, const char* name) {
    if (const auto plain = plain_attribute(node, name)) return std::string(*plain);
    return required_attribute(node, name).value;
  }

  // An optional attribute's text where only the text is kept: optional_attribute's value, likewise.
  std::optional<std::string> optional_value(pugi::xml_node node, const char* name) {
    if (const auto plain = plain_attribute(node, name)) return std::string(*plain);
    auto value = optional_attribute(node, name);
    if (!value) return std::nullopt;
    return std::move(value->value);
  }

  std::optional<model::Date> parse_date(const Text& value, const char* what) {
    if (value.empty()) return std::nullopt;
    auto date = model::Date::parse_iso(value.value);
    if (!date)
      error("E0205", value.loc,
            std::string(what) + " \"" + value.value + "\" không phải là ngày hợp lệ (dạng YYYY-MM-DD)");
    return date;
  }

  DateAt required_date(pugi::xml_node node, const char* name) {
    const Text value = required_attribute(node, name);
    return DateAt{parse_date(value, "ngày"), value.loc};
  }

  DateAt optional_date(pugi::xml_node node, const char* name) {
    const auto value = optional_attribute(node, name);
    if (!value) return DateAt{};
    return DateAt{parse_date(*value, "ngày"), value->loc};
  }

  std::optional<model::Money> parse_money(const Text& value) {
    const auto number = parse_whole_number(value.value);
    if (!number || *number > model::kMaxAmount) {
      error("E0206", value.loc,
            "số tiền \"" + value.value +
                "\" không hợp lệ: phải là số nguyên đồng không âm, không có dấu phân cách, "
                "nhỏ hơn 10^15");
      return std::nullopt;
    }
    return model::Money{*number};
  }

  template <typename Enum>
  Enum choose(const Text& value, std::initializer_list<std::pair<std::string_view, Enum>> choices, Enum fallback,
              const char* what) {
    for (const auto& [name, item] : choices)
      if (value.value == name) return item;
    if (!value.empty()) {
      std::string allowed;
      for (const auto& choice : choices) {
        if (!allowed.empty()) allowed += ", ";
        allowed += choice.first;
      }
      error("E0211", value.loc,
            std::string(what) + " \"" + value.value + "\" không hợp lệ; giá trị cho phép: " + allowed);
    }
    return fallback;
  }

  std::string id_of(pugi::xml_node node) { return required_value(node, "id"); }

  // A required attribute that names one of `choices`: choose() over required_attribute, located only when the
  // value is not one of them (or not plain).
  template <typename Enum>
  Enum choose_attribute(pugi::xml_node node, const char* name,
                        std::initializer_list<std::pair<std::string_view, Enum>> choices, Enum fallback,
                        const char* what) {
    if (const auto plain = plain_attribute(node, name))
      for (const auto& [choice, item] : choices)
        if (*plain == choice) return item;
    return choose(required_attribute(node, name), choices, fallback, what);
  }

  // ---- the format ----------------------------------------------------------------------------
  model::Case read_case(pugi::xml_node node) {
    where_ = CaseLocations{};
    model::Case item;
    item.loc = xml_.loc(node);
    item.id = required_value(node, "id");
    expect_children(node,
                    {"agency", "officers", "judgments", "parties", "obligations", "assets", "evidence", "enforcement"});
    if (saturated()) return item;
    // A case may leave its agency and officers to the office profile (pipeline fills them in).
    if (const auto agency = node.child("agency")) item.agency = read_agency(agency);
    for (pugi::xml_node child : list(node, "officers", "officer")) item.officers.push_back(read_officer(child));
    for (pugi::xml_node child : list(node, "judgments", "judgment")) item.judgments.push_back(read_judgment(child));
    if (const auto parties = node.child("parties")) {
      for (pugi::xml_node child : elements(parties)) {
        const std::string_view name = child.name();
        if (name == "person" || name == "organization") item.parties.push_back(read_party(child));
        else unknown_element(child);
      }
    }
    for (pugi::xml_node child : list(node, "obligations", "obligation"))
      item.obligations.push_back(read_obligation(child));
    for (pugi::xml_node child : list(node, "assets", "asset")) item.assets.push_back(read_asset(child));
    for (pugi::xml_node child : list(node, "evidence", "item")) item.evidence.push_back(read_evidence(child));
    if (const auto enforcement = node.child("enforcement")) item.enforcement = read_enforcement(enforcement);
    else error("E0201", item.loc, "thiếu phần tử bắt buộc <enforcement> (việc thi hành án) trong hồ sơ");
    // At the container when there is one (where the schema says it too), else at the case.
    const pugi::xml_node officers = node.child("officers");
    const pugi::xml_node judgments = node.child("judgments");
    if (item.officers.empty() && officers)
      error("E0201", xml_.loc(officers), "hồ sơ phải có ít nhất một <officer> trong <officers>");
    if (item.judgments.empty())
      error("E0201", judgments ? xml_.loc(judgments) : item.loc,
            "hồ sơ phải có ít nhất một <judgment> trong <judgments>");
    // A case only of money or assets the agency returns (trả lại tiền, tài sản) has no debtor.
    const bool refunds_only =
        !item.obligations.empty() && std::all_of(item.obligations.begin(), item.obligations.end(),
                                                 [](const model::Obligation& o) { return o.is_refund(); });
    if (!refunds_only && std::none_of(item.parties.begin(), item.parties.end(),
                                      [](const model::Party& party) { return party.role == model::Role::debtor; }))
      error("E0301", item.loc, "hồ sơ phải có ít nhất một người phải thi hành án (role=\"debtor\")");
    check_references(item);
    check_case(item, where_, diagnostics_);
    return item;
  }

  // The children named `item` of the (optional) container `container`.
  std::vector<pugi::xml_node> list(pugi::xml_node node, const char* container, const char* item) {
    std::vector<pugi::xml_node> out;
    const pugi::xml_node parent = node.child(container);
    if (!parent) return out;
    expect_attributes(parent, {});
    for (pugi::xml_node child : elements(parent)) {
      if (std::string_view(child.name()) == item) out.push_back(child);
      else unknown_element(child);
    }
    return out;
  }

  model::Agency read_agency(pugi::xml_node node) {
    expect_attributes(node, {});
    expect_children(node, {"parent", "name", "code", "place", "address", "phone", "email"});
    model::Agency agency;
    agency.loc = xml_.loc(node);
    agency.parent = optional_text(node, "parent");
    agency.name = required_text(node, "name");
    agency.code = required_text(node, "code");
    agency.place = required_text(node, "place");
    agency.address = optional_text(node, "address");
    agency.phone = optional_text(node, "phone");
    agency.email = optional_text(node, "email");
    return agency;
  }

  model::Officer read_officer(pugi::xml_node node) {
    expect_attributes(node, {"id", "position", "card"});
    model::Officer officer;
    officer.loc = xml_.loc(node);
    officer.id = id_of(node);
    officer.position = required_attribute(node, "position");
    officer.card = optional_attribute(node, "card");
    officer.name = own_text(node);
    return officer;
  }

  model::Judgment read_judgment(pugi::xml_node node) {
    expect_attributes(node, {"id", "kind", "number", "date", "court", "effective"});
    expect_children(node, {});
    model::Judgment judgment;
    judgment.loc = xml_.loc(node);
    judgment.id = id_of(node);
    judgment.kind = required_attribute(node, "kind");
    judgment.number = required_attribute(node, "number");
    const DateAt date = required_date(node, "date");
    judgment.date = date.date.value_or(model::Date{});
    where_.judgment_dates.push_back(date);
    judgment.court = required_attribute(node, "court");
    const DateAt effective = optional_date(node, "effective");
    judgment.effective = effective.date;
    where_.judgment_effective.push_back(effective);
    return judgment;
  }

  model::Party read_party(pugi::xml_node node) {
    model::Party party;
    party.loc = xml_.loc(node);
    party.kind = std::string_view(node.name()) == "person" ? model::PartyKind::person : model::PartyKind::organization;
    expect_attributes(node, {"id", "role"});
    party.id = id_of(node);
    party.role = choose_attribute(
        node, "role",
        {{"debtor", model::Role::debtor}, {"creditor", model::Role::creditor}, {"related", model::Role::related}},
        model::Role::related, "vai trò");
    party.name = required_text(node, "name");
    party.address = optional_text(node, "address");
    party.phone = optional_text(node, "phone");
    if (party.kind == model::PartyKind::person) {
      expect_children(node, {"name", "birth-year", "gender", "id-number", "address", "phone"});
      const auto year = optional_text(node, "birth-year");
      where_.birth_years.push_back(year ? year->loc : SourceLoc{});
      if (year) {
        const auto number = parse_whole_number(year->value);
        if (!number || *number > 9999)
          error("E0212", year->loc, "năm sinh \"" + year->value + "\" không phải là số năm");
        else party.birth_year = static_cast<int>(*number);
      }
      if (const auto gender = optional_text(node, "gender"))
        party.gender = choose(*gender, {{"male", model::Gender::male}, {"female", model::Gender::female}},
                              model::Gender::unknown, "giới tính");
      if (const auto id_node = node.child("id-number")) {
        expect_attributes(id_node, {"kind"});
        model::IdDocument document;
        document.loc = xml_.loc(id_node);
        document.kind = required_attribute(id_node, "kind");
        document.number = own_text(id_node);
        party.id_document = std::move(document);
      }
    } else {
      expect_children(node, {"name", "business-code", "address", "phone", "representative"});
      party.business_code = optional_text(node, "business-code");
      if (const auto representative = node.child("representative")) {
        expect_attributes(representative, {"position", "gender"});
        model::Representative person;
        person.loc = xml_.loc(representative);
        person.name = own_text(representative);
        person.position = optional_attribute(representative, "position");
        if (const auto gender = optional_attribute(representative, "gender"))
          person.gender = gender->value == "female" ? model::Gender::female : model::Gender::male;
        party.representative = std::move(person);
      }
    }
    return party;
  }

  model::Obligation read_obligation(pugi::xml_node node) {
    expect_attributes(node, {"id", "kind", "debtor", "creditor", "judgment"});
    expect_children(node, {"text", "amount", "late-interest", "origin"});
    model::Obligation obligation;
    obligation.loc = xml_.loc(node);
    obligation.id = id_of(node);
    obligation.kind = choose_attribute(node, "kind",
                                       {{"court-fee", model::ObligationKind::court_fee},
                                        {"fine", model::ObligationKind::fine},
                                        {"confiscation", model::ObligationKind::confiscation},
                                        {"recovery", model::ObligationKind::recovery},
                                        {"compensation", model::ObligationKind::compensation},
                                        {"debt", model::ObligationKind::debt},
                                        {"alimony", model::ObligationKind::alimony},
                                        {"restitution", model::ObligationKind::restitution},
                                        {"other", model::ObligationKind::other},
                                        {"refund", model::ObligationKind::refund},
                                        {"land-recovery", model::ObligationKind::land_recovery},
                                        {"interim-measure", model::ObligationKind::interim_measure},
                                        {"bankruptcy", model::ObligationKind::bankruptcy}},
                                       model::ObligationKind::other, "loại nghĩa vụ");
    // The agency itself returns money or assets it holds: a refund has no debtor, and names the payee.
    if (obligation.is_refund()) {
      if (const auto debtor = optional_attribute(node, "debtor"))
        error("E0217", debtor->loc,
              "khoản trả lại tiền, tài sản (kind=\"refund\") do cơ quan thi hành án trả từ tiền, tài sản đang giữ, "
              "không có người phải thi hành án: bỏ thuộc tính debtor=\"" +
                  debtor->value + "\"");
      if (!node.attribute("creditor"))
        error("E0217", xml_.loc(node),
              "khoản trả lại tiền, tài sản (kind=\"refund\") phải nêu người được nhận lại bằng thuộc tính creditor=");
    } else {
      obligation.debtor_id = required_value(node, "debtor");
    }
    if (auto creditor = optional_value(node, "creditor")) obligation.creditor_id = std::move(*creditor);
    obligation.judgment_id = required_value(node, "judgment");
    obligation.text = required_text(node, "text");
    const auto amount = optional_text(node, "amount");
    if (amount) obligation.amount = parse_money(*amount);
    where_.amount_written.push_back(amount.has_value());
    if (const auto late = optional_text(node, "late-interest"))
      obligation.late_interest = choose(*late, {{"true", true}, {"false", false}}, false, "giá trị late-interest");
    if (const auto origin_node = node.child("origin")) {
      expect_attributes(origin_node, {"kind", "number", "date", "issuer"});
      expect_children(origin_node, {});
      model::Origin origin;
      origin.loc = xml_.loc(origin_node);
      origin.kind = choose_attribute(
          origin_node, "kind", {{"receipt", model::OriginKind::receipt}, {"handover", model::OriginKind::handover}},
          model::OriginKind::receipt, "loại chứng từ");
      origin.number = required_attribute(origin_node, "number");
      origin.date = required_date(origin_node, "date").date.value_or(model::Date{});
      origin.issuer = optional_attribute(origin_node, "issuer");
      obligation.origin = std::move(origin);
    }
    return obligation;
  }

  model::Asset read_asset(pugi::xml_node node) {
    expect_attributes(node, {"id", "owner", "kind", "mortgagee"});
    expect_children(node, {"text", "certificate", "value", "mortgage-contract", "number", "institution"});
    model::Asset asset;
    asset.loc = xml_.loc(node);
    asset.id = id_of(node);
    asset.owner_id = required_value(node, "owner");
    asset.kind = choose_attribute(node, "kind",
                                  {{"land", model::AssetKind::land},
                                   {"house", model::AssetKind::house},
                                   {"vehicle", model::AssetKind::vehicle},
                                   {"account", model::AssetKind::account},
                                   {"other", model::AssetKind::other}},
                                  model::AssetKind::other, "loại tài sản");
    if (auto mortgagee = optional_value(node, "mortgagee")) asset.mortgagee_id = std::move(*mortgagee);
    asset.text = required_text(node, "text");
    asset.certificate = optional_text(node, "certificate");
    if (const auto value = optional_text(node, "value")) asset.value = parse_money(*value);
    asset.mortgage_contract = optional_text(node, "mortgage-contract");
    asset.number = optional_text(node, "number");
    asset.institution = optional_text(node, "institution");
    return asset;
  }

  model::EvidenceItem read_evidence(pugi::xml_node node) {
    expect_attributes(node, {"id", "judgment", "disposition"});
    model::EvidenceItem item;
    item.loc = xml_.loc(node);
    item.id = id_of(node);
    item.judgment_id = required_value(node, "judgment");
    item.disposition = choose_attribute(node, "disposition",
                                        {{"destroy", model::Disposition::destroy},
                                         {"confiscate", model::Disposition::confiscate},
                                         {"return", model::Disposition::give_back}},
                                        model::Disposition::destroy, "cách xử lý vật chứng");
    item.text = own_text(node);
    return item;
  }

  model::MeansResult means(pugi::xml_node node, const char* name) {
    return choose_attribute(node, name,
                            {{"has-means", model::MeansResult::has_means}, {"no-means", model::MeansResult::no_means}},
                            model::MeansResult::has_means, "kết quả xác minh");
  }

  model::Enforcement read_enforcement(pugi::xml_node node) {
    expect_attributes(node, {"mode", "officer"});
    expect_children(node, {"received", "request", "decision", "events", "status"});
    model::Enforcement enforcement;
    enforcement.loc = xml_.loc(node);
    enforcement.mode = choose_attribute(
        node, "mode",
        {{"ex-officio", model::EnforcementMode::ex_officio}, {"on-request", model::EnforcementMode::on_request}},
        model::EnforcementMode::ex_officio, "hình thức thi hành án");
    enforcement.officer_id = required_value(node, "officer");
    if (const auto received = node.child("received")) {
      expect_attributes(received, {"date"});
      where_.received = required_date(received, "date");
      enforcement.received = where_.received.date;
    }
    if (const auto request_node = node.child("request")) {
      expect_attributes(request_node, {"date", "by", "channel"});
      model::Request request;
      request.loc = xml_.loc(request_node);
      where_.request = required_date(request_node, "date");
      request.date = where_.request.date.value_or(model::Date{});
      request.by_id = required_value(request_node, "by");
      request.channel = choose_attribute(request_node, "channel",
                                         {{"paper", model::RequestChannel::paper},
                                          {"post", model::RequestChannel::post},
                                          {"online", model::RequestChannel::online},
                                          {"vneid", model::RequestChannel::vneid},
                                          {"oral", model::RequestChannel::oral}},
                                         model::RequestChannel::paper, "kênh gửi yêu cầu");
      enforcement.request = std::move(request);
    }
    if (const auto decision_node = node.child("decision")) {
      expect_attributes(decision_node, {"number", "date", "signer"});
      model::Decision decision;
      decision.loc = xml_.loc(decision_node);
      decision.number = optional_attribute(decision_node, "number");
      where_.decision = required_date(decision_node, "date");
      decision.date = where_.decision.date.value_or(model::Date{});
      if (auto signer = optional_value(decision_node, "signer")) decision.signer_id = std::move(*signer);
      enforcement.decision = std::move(decision);
    }
    if (const auto events = node.child("events")) {
      expect_attributes(events, {});
      for (pugi::xml_node child : elements(events)) read_event(child, enforcement.events);
    }
    if (const auto status_node = node.child("status")) {
      expect_attributes(status_node, {"as-of", "condition", "result", "register"});
      model::Status status;
      status.loc = xml_.loc(status_node);
      where_.status = required_date(status_node, "as-of");
      status.as_of = where_.status.date.value_or(model::Date{});
      status.condition = means(status_node, "condition");
      status.result = choose_attribute(status_node, "result",
                                       {{"completed", model::StatusResult::completed},
                                        {"terminated", model::StatusResult::terminated},
                                        {"in-progress", model::StatusResult::in_progress},
                                        {"postponed", model::StatusResult::postponed},
                                        {"suspended", model::StatusResult::suspended},
                                        {"delegated", model::StatusResult::delegated},
                                        {"withdrawn", model::StatusResult::withdrawn},
                                        {"returned", model::StatusResult::returned}},
                                       model::StatusResult::in_progress, "kết quả thi hành");
      if (const auto register_ = optional_attribute(status_node, "register"))
        status.separate_register =
            choose(*register_, {{"main", false}, {"separate", true}}, false, "sổ theo dõi (register)");
      enforcement.status = status;
    }
    return enforcement;
  }

  void read_event(pugi::xml_node node, std::vector<model::Event>& events) {
    const std::string_view name = node.name();
    model::Event event;
    event.loc = xml_.loc(node);
    SourceLoc amount_loc;
    DateAt until;
    if (name == "notified") {
      event.kind = model::EventKind::notified;
      expect_attributes(node, {"date", "party"});
      event.party_id = required_value(node, "party");
    } else if (name == "verification") {
      event.kind = model::EventKind::verification;
      expect_attributes(node, {"date", "result"});
      event.result = means(node, "result");
      Text findings = element_text(node);
      if (!findings.empty()) event.text = std::move(findings);
    } else if (name == "payment") {
      event.kind = model::EventKind::payment;
      expect_attributes(node, {"date", "amount", "obligation"});
      const Text amount = required_attribute(node, "amount");
      amount_loc = amount.loc;
      event.amount = parse_money(amount);
      event.obligation_id = required_value(node, "obligation");
    } else if (name == "postponed" || name == "suspended" || name == "terminated") {
      event.kind = name == "postponed"   ? model::EventKind::postponed
                   : name == "suspended" ? model::EventKind::suspended
                                         : model::EventKind::terminated;
      if (event.kind == model::EventKind::postponed) {
        expect_attributes(node, {"date", "reason", "until"});
        until = optional_date(node, "until");
        event.until = until.date;
      } else {
        expect_attributes(node, {"date", "reason"});
      }
      event.reason = optional_attribute(node, "reason");
    } else if (name == "no-means-decision") {
      event.kind = model::EventKind::no_means_decision;
      expect_attributes(node, {"date", "number"});
      event.number = required_attribute(node, "number");
    } else if (name == "destroyed") {
      event.kind = model::EventKind::destroyed;
      expect_attributes(node, {"date", "item"});
      event.item_id = required_value(node, "item");
    } else if (!read_step(name, node, event, amount_loc)) {
      unknown_element(node);
      return;
    }
    const DateAt date = required_date(node, "date");
    event.date = date.date.value_or(model::Date{});
    where_.event_dates.push_back(date);
    where_.payment_amounts.push_back(amount_loc);
    where_.event_until.push_back(until);
    events.push_back(std::move(event));
  }

  // Space-separated ids in an attribute ("k1 k2"); none when the attribute is absent.
  std::vector<std::string> id_list(pugi::xml_node node, const char* name) {
    std::vector<std::string> out;
    const auto value = optional_attribute(node, name);
    if (!value) return out;
    for (std::size_t start = 0; start < value->value.size();) {
      const std::size_t stop = std::min(value->value.find(' ', start), value->value.size());
      if (stop > start) out.push_back(value->value.substr(start, stop - start));
      start = stop + 1;
    }
    return out;
  }

  std::optional<model::Money> optional_money(pugi::xml_node node, const char* name, SourceLoc* at = nullptr) {
    const auto value = optional_attribute(node, name);
    if (!value) return std::nullopt;
    if (at != nullptr) *at = value->loc;
    return parse_money(*value);
  }

  // The events of format 1.1 (schemas/README.md); false when `name` is none of them.
  bool read_step(std::string_view name, pugi::xml_node node, model::Event& event, SourceLoc& amount_loc) {
    using K = model::EventKind;
    static constexpr std::pair<std::string_view, K> kKinds[] = {{"delegated-out", K::delegated_out},
                                                                {"delegated-in", K::delegated_in},
                                                                {"withdrawn", K::withdrawn},
                                                                {"cancelled", K::cancelled},
                                                                {"remission", K::remission},
                                                                {"to-separate-register", K::to_separate_register},
                                                                {"from-separate-register", K::from_separate_register},
                                                                {"resumed", K::resumed},
                                                                {"secured", K::secured},
                                                                {"seized", K::seized},
                                                                {"valued", K::valued},
                                                                {"auctioned", K::auctioned},
                                                                {"handed-over", K::handed_over},
                                                                {"released", K::released},
                                                                {"deduction", K::deduction},
                                                                {"request-returned", K::request_returned},
                                                                {"destruction-council", K::destruction_council}};
    const auto* found =
        std::find_if(std::begin(kKinds), std::end(kKinds), [&](const auto& entry) { return entry.first == name; });
    if (found == std::end(kKinds)) return false;
    event.kind = found->second;
    const auto ground = [&](const char* what) {
      if (const auto letter = optional_attribute(node, "ground"))
        event.ground =
            choose(*letter,
                   {{"a", std::string("a")}, {"b", std::string("b")}, {"c", std::string("c")}, {"d", std::string("d")}},
                   std::string(), what);
    };
    switch (event.kind) {
      case K::delegated_out:
        expect_attributes(node, {"date", "number", "to", "obligations"});
        event.body = required_attribute(node, "to");
        event.obligation_ids = id_list(node, "obligations");
        break;
      case K::delegated_in:
        expect_attributes(node, {"date", "number", "from"});
        event.body = required_attribute(node, "from");
        break;
      case K::withdrawn:
        expect_attributes(node, {"date", "number", "ground", "obligations", "reason"});
        ground("căn cứ thu hồi (ground)");
        event.obligation_ids = id_list(node, "obligations");
        event.reason = optional_attribute(node, "reason");
        break;
      case K::cancelled:
        expect_attributes(node, {"date", "number", "by", "obligations", "reason"});
        event.body = required_attribute(node, "by");
        event.obligation_ids = id_list(node, "obligations");
        event.reason = optional_attribute(node, "reason");
        break;
      case K::remission:
        expect_attributes(node, {"date", "number", "kind", "obligation", "amount", "court"});
        event.remission = choose_attribute(
            node, "kind",
            {{"exemption", model::RemissionKind::exemption}, {"reduction", model::RemissionKind::reduction}},
            model::RemissionKind::exemption, "loại miễn, giảm");
        event.obligation_id = required_value(node, "obligation");
        event.amount = optional_money(node, "amount", &amount_loc);
        event.body = optional_attribute(node, "court");
        break;
      case K::to_separate_register:
      case K::from_separate_register:
      case K::destruction_council: expect_attributes(node, {"date", "number"}); break;
      case K::resumed:
      case K::request_returned:
        expect_attributes(node, {"date", "number", "reason"});
        event.reason = optional_attribute(node, "reason");
        break;
      case K::secured:
        expect_attributes(node, {"date", "number", "measure", "asset", "amount"});
        event.measure = choose_attribute(node, "measure",
                                         {{"freeze", model::SecurityMeasure::freeze},
                                          {"hold", model::SecurityMeasure::hold},
                                          {"stop-transfer", model::SecurityMeasure::stop_transfer}},
                                         model::SecurityMeasure::freeze, "biện pháp bảo đảm");
        event.asset_id = required_value(node, "asset");
        event.amount = optional_money(node, "amount", &amount_loc);
        break;
      case K::seized:
        expect_attributes(node, {"date", "number", "asset"});
        event.asset_id = required_value(node, "asset");
        break;
      case K::valued:
        expect_attributes(node, {"date", "number", "asset", "price", "by"});
        event.asset_id = required_value(node, "asset");
        if (const Text price = required_attribute(node, "price"); !price.empty()) event.price = parse_money(price);
        event.body = optional_attribute(node, "by");
        break;
      case K::auctioned:
        expect_attributes(node, {"date", "number", "asset", "result", "price", "starting-price", "by"});
        event.asset_id = required_value(node, "asset");
        event.sale = choose_attribute(node, "result",
                                      {{"sold", model::AuctionResult::sold}, {"unsold", model::AuctionResult::unsold}},
                                      model::AuctionResult::unsold, "kết quả bán đấu giá");
        event.price = optional_money(node, "price");
        event.starting_price = optional_money(node, "starting-price");
        event.body = optional_attribute(node, "by");
        if (event.sale == model::AuctionResult::sold && !event.price)
          error("E0202", xml_.loc(node),
                "thiếu thuộc tính bắt buộc \"price\" (giá bán) của <auctioned result=\"sold\">");
        break;
      case K::handed_over:
        expect_attributes(node, {"date", "number", "asset", "to", "recipient"});
        event.asset_id = required_value(node, "asset");
        if (auto to = optional_value(node, "to")) event.party_id = std::move(*to);
        event.recipient = optional_attribute(node, "recipient");
        if (!event.party_id && !event.recipient)
          error("E0202", xml_.loc(node),
                "thiếu người nhận tài sản của <handed-over>: thuộc tính to= (đương sự) hoặc recipient= (người mua)");
        break;
      case K::released:
        expect_attributes(node, {"date", "number", "asset", "ground", "reason"});
        event.asset_id = required_value(node, "asset");
        ground("căn cứ giải tỏa kê biên (ground)");
        event.reason = optional_attribute(node, "reason");
        break;
      case K::deduction: {
        expect_attributes(node, {"date", "number", "source", "asset", "amount", "rate", "by", "obligation"});
        event.source = choose_attribute(
            node, "source", {{"account", model::DeductionSource::account}, {"income", model::DeductionSource::income}},
            model::DeductionSource::account, "nguồn khấu trừ (source)");
        if (auto asset = optional_value(node, "asset")) event.asset_id = std::move(*asset);
        event.amount = optional_money(node, "amount", &amount_loc);
        if (const auto rate = optional_attribute(node, "rate")) {
          const auto number = parse_whole_number(rate->value);
          if (!number || *number < 1 || *number > 100)
            error("E0206", rate->loc, "tỷ lệ khấu trừ \"" + rate->value + "\" phải là số phần trăm từ 1 đến 100");
          else event.rate = static_cast<int>(*number);
        }
        event.body = optional_attribute(node, "by");
        if (auto obligation = optional_value(node, "obligation")) event.obligation_id = std::move(*obligation);
        break;
      }
      default: break;
    }
    event.number = optional_attribute(node, "number");
    return true;
  }

  // ---- references ----------------------------------------------------------------------------
  void check_references(const model::Case& item) {
    // Every id once in the case: each later use of an id is reported, in the order they are written.
    struct Id {
      std::string_view id;
      const SourceLoc* loc;
      bool again = false;
    };
    std::vector<Id> ids;
    ids.reserve(item.officers.size() + item.judgments.size() + item.parties.size() + item.obligations.size() +
                item.assets.size() + item.evidence.size());
    const auto unique = [&](const std::string& id, const SourceLoc& loc) {
      if (!id.empty()) ids.push_back(Id{id, &loc});
    };
    for (const auto& officer : item.officers) unique(officer.id, officer.loc);
    for (const auto& judgment : item.judgments) unique(judgment.id, judgment.loc);
    for (const auto& party : item.parties) unique(party.id, party.loc);
    for (const auto& obligation : item.obligations) unique(obligation.id, obligation.loc);
    for (const auto& asset : item.assets) unique(asset.id, asset.loc);
    for (const auto& evidence : item.evidence) unique(evidence.id, evidence.loc);
    std::vector<Id*> sorted;
    sorted.reserve(ids.size());
    for (Id& id : ids) sorted.push_back(&id);
    // By id, then in the order written (the pointers' order): a stable sort without its buffer.
    std::sort(sorted.begin(), sorted.end(),
              [](const Id* a, const Id* b) { return a->id < b->id || (a->id == b->id && a < b); });
    for (std::size_t i = 1; i < sorted.size(); ++i) sorted[i]->again = sorted[i]->id == sorted[i - 1]->id;
    for (const Id& id : ids)
      if (id.again)
        error("E0207", *id.loc, "mã định danh \"" + std::string(id.id) + "\" bị trùng trong hồ sơ " + item.id);

    const auto dangling = [&](const SourceLoc& loc, const char* attribute, const std::string& id, const char* what) {
      error("E0208", loc,
            "thuộc tính " + std::string(attribute) + "=\"" + id + "\" không trỏ tới " + what + " nào trong hồ sơ");
    };
    const auto party = [&](const SourceLoc& loc, const char* attribute, const std::string& id) {
      if (!id.empty() && !item.find_party(id)) dangling(loc, attribute, id, "đương sự");
    };
    const auto judgment = [&](const SourceLoc& loc, const std::string& id) {
      if (!id.empty() && !item.find_judgment(id)) dangling(loc, "judgment", id, "bản án");
    };
    // Without <officers> the office profile's are meant: pipeline checks the reference against them.
    const auto officer = [&](const SourceLoc& loc, const char* attribute, const std::string& id) {
      if (!id.empty() && !item.officers.empty() && !item.find_officer(id))
        dangling(loc, attribute, id, "cán bộ (officer)");
    };
    for (const auto& obligation : item.obligations) {
      party(obligation.loc, "debtor", obligation.debtor_id);
      if (obligation.creditor_id) party(obligation.loc, "creditor", *obligation.creditor_id);
      judgment(obligation.loc, obligation.judgment_id);
    }
    for (const auto& asset : item.assets) {
      party(asset.loc, "owner", asset.owner_id);
      if (asset.mortgagee_id) party(asset.loc, "mortgagee", *asset.mortgagee_id);
    }
    for (const auto& evidence : item.evidence) judgment(evidence.loc, evidence.judgment_id);
    const auto& enforcement = item.enforcement;
    officer(enforcement.loc, "officer", enforcement.officer_id);
    if (enforcement.request) party(enforcement.request->loc, "by", enforcement.request->by_id);
    if (enforcement.decision && enforcement.decision->signer_id)
      officer(enforcement.decision->loc, "signer", *enforcement.decision->signer_id);
    for (const auto& event : enforcement.events) {
      if (event.party_id) party(event.loc, event.kind == model::EventKind::notified ? "party" : "to", *event.party_id);
      if (event.obligation_id && !item.find_obligation(*event.obligation_id))
        dangling(event.loc, "obligation", *event.obligation_id, "khoản phải thi hành");
      for (const auto& id : event.obligation_ids)
        if (!item.find_obligation(id)) dangling(event.loc, "obligations", id, "khoản phải thi hành");
      if (event.item_id && !item.find_evidence(*event.item_id))
        dangling(event.loc, "item", *event.item_id, "vật chứng");
      if (event.asset_id && !event.asset_id->empty() && !item.find_asset(*event.asset_id))
        dangling(event.loc, "asset", *event.asset_id, "tài sản");
    }
  }

  const ParsedXml& xml_;
  Diagnostics& diagnostics_;
  text::RepairMode repair_;
  const std::function<void(std::string_view, const SourceLoc&, const std::string&, Diagnostics&)>& check_field_;
  std::optional<text::TextOrigin> given_expected_;
  std::size_t errors_before_ = 0;
  const CaseIds* ids_before_ = nullptr;
  text::TextOrigin expected_ = text::TextOrigin::unicode;
  CaseLocations where_;  // of the case being read
  static constexpr std::size_t kRememberedTexts = 4096;
  // Looked up by a std::string_view, without copying it.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, Cleaned, TextHash, std::equal_to<>> cleaned_;  // raw text → repaired and normalized
};

}  // namespace

Diagnostic repeated_case_id(const std::string& id, SourceLoc loc) {
  return Diagnostic{Severity::error, "E0207", std::move(loc), "mã hồ sơ \"" + id + "\" bị trùng trong sổ"};
}

void tally_fields(pugi::xml_node node, text::OriginTally& tally) {
  std::vector<pugi::xml_node> stack{node};
  while (!stack.empty() && !tally.settled()) {
    const pugi::xml_node at = stack.back();
    stack.pop_back();
    for (pugi::xml_attribute attribute : at.attributes()) tally.add(attribute.value());
    for (pugi::xml_node child = at.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element) stack.push_back(child);
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) tally.add(child.value());
    }
  }
}

void report_read(std::vector<Diagnostic> own, const std::vector<Diagnostic>& schema, bool stopped, Diagnostics& out) {
  std::vector<Diagnostic> all = std::move(own);
  std::set<std::pair<std::uint32_t, std::uint32_t>> places;
  for (const Diagnostic& diagnostic : all)
    if (diagnostic.severity == Severity::error) places.emplace(diagnostic.loc.line, diagnostic.loc.column);
  for (const Diagnostic& diagnostic : schema)
    if (places.emplace(diagnostic.loc.line, diagnostic.loc.column).second) all.push_back(diagnostic);
  std::stable_sort(all.begin(), all.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.line, a.loc.column) < std::tie(b.loc.line, b.loc.column);
  });
  const auto same = [](const Diagnostic& a, const Diagnostic& b) {
    return a.code == b.code && a.loc.line == b.loc.line && a.loc.column == b.loc.column && a.message == b.message;
  };
  all.erase(std::unique(all.begin(), all.end(), same), all.end());
  report_capped(std::move(all), stopped, out);
}

void report_capped(std::vector<Diagnostic> all, bool stopped, Diagnostics& out) {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (std::size_t i = kMaxErrors; i < all.size(); ++i) (all[i].severity == Severity::error ? errors : warnings) += 1;
  if (all.size() > kMaxErrors) all.resize(kMaxErrors);
  const FileName file = all.empty() ? FileName{} : all.front().loc.file;
  for (Diagnostic& diagnostic : all) out.add(std::move(diagnostic));
  std::string rest;
  if (errors + warnings > 0)
    rest = "chỉ in " + std::to_string(kMaxErrors) + " thông báo đầu tiên; còn " + std::to_string(errors) + " lỗi và " +
           std::to_string(warnings) + " cảnh báo khác";
  if (stopped)
    rest += (rest.empty() ? "" : "; ") + std::string("dừng kiểm tra sau ") + std::to_string(kMaxErrors) +
            " lỗi, phần còn lại của tệp chưa được kiểm tra";
  if (!rest.empty()) out.note("", SourceLoc{file}, rest);
}

namespace {}  // namespace

std::optional<model::Register> read_register(InputBytes bytes, const FileName& file, const ReadOptions& options,
                                             Diagnostics& diagnostics) {
  return read_register(std::move(bytes), file, options, diagnostics, Scanned::no);
}

std::optional<model::Register> read_register(InputBytes bytes, const FileName& file, const ReadOptions& options,
                                             Diagnostics& diagnostics, Scanned scanned, const Placement& placement,
                                             Built* built) {
  // Bytes handed over are parsed in place when nothing moves in them, and libxml2 would read them whatever the tree
  // (the shortcut cannot vouch for them): libxml2 then reads them before pugixml writes over them, once the raw
  // checks have accepted them, and its problems are reported after the build as they would have been.
  std::unique_ptr<ParsedXml> parsed;
  SchemaReport early;
  if (bytes.handed_over() && scanned == Scanned::no && parses_in_place(bytes.view(), options.limits) &&
      (!options.schema || schema_reads_bytes(*options.schema, bytes.view()))) {
    parsed = parse_safely_in_place(bytes.take(), file, options.limits, diagnostics, [&](std::string_view raw) {
      if (options.schema) early = validate_before_parse(*options.schema, raw);
    });
  } else {
    parsed = parse_safely(bytes.view(), file, options.limits, diagnostics, scanned, placement,
                          built != nullptr ? &built->fault : nullptr);
  }
  if (!parsed) return std::nullopt;
  Diagnostics own;
  CaseBuilder builder(*parsed, options, own);
  const std::size_t before = built != nullptr ? built->errors_before : 0;
  builder.count_from(before);
  if (built != nullptr) builder.ids_from(built->ids_before);
  if (!builder.check_root()) {
    if (built != nullptr) built->root_refused = true;
    diagnostics.merge(own);
    return std::nullopt;
  }
  auto result = builder.build();
  // libxml2's problems count only in what the safe parse accepted, and not in a file already hopeless.
  Diagnostics schema;
  if (options.schema && before + own.error_count() < kMaxErrors) {
    if (early) early(*parsed, schema);
    else check_against_schema(*options.schema, bytes.view(), *parsed, schema);
  }
  const bool failed = own.has_errors() || schema.has_errors();
  if (built != nullptr) {
    built->own = own.list();
    built->schema = schema.list();
    built->cases = std::move(result);
    built->own_errors = own.error_count();
    // The root's own errors (every chunk's reader finds them): those before its first child element.
    pugi::xml_node first = parsed->root().first_child();
    while (first && first.type() != pugi::node_element) first = first.next_sibling();
    const SourceLoc first_loc = first ? parsed->loc(first) : SourceLoc{};
    for (const Diagnostic& diagnostic : own.list())
      if (diagnostic.severity == Severity::error && first &&
          std::tie(diagnostic.loc.line, diagnostic.loc.column) < std::tie(first_loc.line, first_loc.column))
        ++built->root_errors;
    return std::nullopt;
  }
  report_read(own.list(), schema.list(), own.error_count() >= kMaxErrors, diagnostics);
  if (failed) return std::nullopt;
  return result;
}

}  // namespace vanban::xml
