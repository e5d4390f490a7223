#include "rules/law_book.hpp"

#include <algorithm>
#include <charconv>

#include "rules/data_fields.hpp"
#include "xml/data_reader.hpp"

namespace vanban::rules {

namespace {
constexpr std::string_view kLawNamespace = "urn:vanban:law:1";

constexpr const char* kLawRegime = "chế độ pháp lý";

class LawReader {
 public:
  explicit LawReader(Diagnostics& diagnostics) : fields_(diagnostics, "E0901") {}

  std::vector<Regime> read(const xml::Element& root, std::vector<Body>& bodies) {
    std::vector<Regime> regimes;
    if (root.name != "law") {
      error(root.loc, "phần tử gốc của dữ liệu pháp luật phải là <law>");
      return regimes;
    }
    for (const auto& child : root.children) {
      if (child.name == "regime") regimes.push_back(read_regime(child));
      else if (child.name == "body") bodies.push_back(read_body(child));
      else error(child.loc, "phần tử <" + child.name + "> không thuộc dữ liệu pháp luật");
    }
    for (const auto& regime : regimes)
      for (const auto& copy : regime.superior_copies)
        if (std::none_of(bodies.begin(), bodies.end(),
                         [&](const Body& body) { return body.id == copy.issuer && body.kind == "agency"; }))
          error(copy.loc, "<superior-copy> nêu issuer=\"" + copy.issuer + "\" không phải một <body kind=\"agency\">");
    fields_.order_regimes(regimes, kLawRegime);
    if (regimes.empty()) error(root.loc, "dữ liệu pháp luật không có chế độ <regime> nào");
    return regimes;
  }

 private:
  void error(const SourceLoc& loc, std::string message) { fields_.error(loc, std::move(message)); }
  std::string attribute(const xml::Element& element, std::string_view name) { return fields_.attribute(element, name); }
  model::Date date(const xml::Element& element, std::string_view name) { return fields_.date(element, name); }

  std::optional<std::int64_t> amount(const xml::Element& element, std::string_view name) {
    const auto* found = element.find_attribute(name);
    if (found == nullptr) return std::nullopt;
    std::int64_t value = 0;
    const auto [end, problem] = std::from_chars(found->value.data(), found->value.data() + found->value.size(), value);
    if (problem != std::errc() || end != found->value.data() + found->value.size() || value < 0) {
      error(found->value_loc, "số tiền \"" + found->value + "\" không hợp lệ");
      return std::nullopt;
    }
    return value;
  }

  RemissionRule read_remission(const xml::Element& element) {
    RemissionRule rule;
    rule.loc = element.loc;
    const std::string kind = attribute(element, "kind");
    if (kind == "reduce") rule.kind = RemissionRule::Kind::reduce;
    else if (kind != "exempt") error(element.loc, "kind của <remission> phải là exempt hoặc reduce");
    rule.from = amount(element, "from").value_or(0);
    rule.below = amount(element, "below");
    const auto months = amount(element, "after-months");
    if (!months || *months <= 0 || *months > 1200) error(element.loc, "after-months phải là số tháng dương");
    rule.after_months = static_cast<int>(months.value_or(0));
    rule.basis = attribute(element, "basis");
    rule.confirmed = FieldReader::confirmed(element);
    return rule;
  }

  Body read_body(const xml::Element& element) {
    static const std::vector<std::string_view> kKinds = {"agency",    "code",   "position", "court",
                                                         "procuracy", "police", "finance"};
    Body body;
    body.loc = element.loc;
    body.id = attribute(element, "id");
    body.kind = attribute(element, "kind");
    if (std::find(kKinds.begin(), kKinds.end(), body.kind) == kKinds.end())
      error(element.loc, "loại cơ quan \"" + body.kind +
                             "\" không hợp lệ (agency, code, position, court, procuracy, police, finance)");
    if (const auto* match = element.find_attribute("match")) {
      body.whole = match->value == "whole";
      if (match->value != "whole" && match->value != "prefix")
        error(match->value_loc, "match phải là \"prefix\" hoặc \"whole\"");
    }
    if (element.find_attribute("from")) body.from = date(element, "from");
    if (element.find_attribute("until")) body.until = date(element, "until");
    if (const auto* confirmed = element.find_attribute("confirmed")) body.confirmed = confirmed->value != "false";
    for (const auto& child : element.children) {
      if (child.name == "name" && !child.text.empty()) body.names.push_back(child.text);
      else if (child.name == "instead" && !child.text.empty()) body.instead = child.text;
      else if (child.name == "header-parent" && !child.text.empty()) body.header_parent = child.text;
      else if (child.name == "superior" && child.find_attribute("parent") && child.text.empty())
        body.superior_is_parent = child.find_attribute("parent")->value == "true";
      else if (child.name == "superior" && !child.text.empty()) body.superior = child.text;
      else
        error(child.loc,
              "<body> chỉ gồm các <name>, một <instead>, một <header-parent> và một <superior> (tên, hoặc "
              "parent=\"true\") có nội dung");
    }
    if (body.names.empty() || body.instead.empty() || (!body.from && !body.until))
      error(element.loc, "cơ quan \"" + body.id + "\" cần ít nhất một <name>, một <instead> và from hoặc until");
    return body;
  }

  Regime read_regime(const xml::Element& element) {
    Regime regime;
    regime.loc = element.loc;
    regime.id = attribute(element, "id");
    regime.from = date(element, "from");
    if (element.find_attribute("until")) regime.until = date(element, "until");
    for (const auto& child : element.children) {
      if (child.name == "name") {
        regime.name = child.text;
      } else if (child.name == "citation") {
        regime.citations[attribute(child, "id")] = child.text;
      } else if (child.name == "basis") {
        auto& lines = regime.basis_lines[attribute(child, "document")];
        for (const auto& line : child.children) {
          if (line.name != "line" || line.text.empty())
            error(line.loc, "mỗi căn cứ phải là một phần tử <line> có nội dung");
          else lines.push_back(line.text);
        }
      } else if (child.name == "time-limit") {
        TimeLimit limit;
        limit.loc = child.loc;
        limit.id = attribute(child, "id");
        const std::string count = attribute(child, "count");
        const auto [end, problem] = std::from_chars(count.data(), count.data() + count.size(), limit.count);
        if (problem != std::errc() || end != count.data() + count.size() || limit.count <= 0)
          error(child.loc, "thời hạn \"" + limit.id + "\" phải có count là số nguyên dương");
        const std::string unit = attribute(child, "unit");
        if (unit == "calendar-days") limit.unit = DayCount::calendar_days;
        else if (unit == "working-days") limit.unit = DayCount::working_days;
        else if (unit == "months") limit.unit = DayCount::months;
        else error(child.loc, "đơn vị thời hạn \"" + unit + "\" không hợp lệ (calendar-days, working-days, months)");
        if (const auto* basis = child.find_attribute("basis")) limit.basis = basis->value;
        limit.confirmed = FieldReader::confirmed(child);
        regime.time_limits[limit.id] = limit;
      } else if (child.name == "remission") {
        regime.remissions.push_back(read_remission(child));
      } else if (child.name == "complaint") {
        Complaint complaint{attribute(child, "document"), attribute(child, "limit"), "", child.loc};
        if (const auto* when = child.find_attribute("when")) {
          complaint.when = when->value;
          if (complaint.when != "after-coercion" && complaint.when != "account-freeze")
            error(when->value_loc, "when của <complaint> phải là after-coercion hoặc account-freeze");
        }
        regime.complaints.push_back(std::move(complaint));
      } else if (child.name == "superior-copy") {
        regime.superior_copies.push_back(
            {attribute(child, "document"), attribute(child, "issuer"), attribute(child, "purpose"), child.loc});
      } else if (child.name == "form") {
        regime.form_codes[attribute(child, "document")] = attribute(child, "code");
      } else {
        error(child.loc, "phần tử <" + child.name + "> không thuộc <regime>");
      }
    }
    for (const auto& complaint : regime.complaints)
      if (regime.time_limits.count(complaint.limit) == 0)
        error(complaint.loc,
              "<complaint> nêu thời hạn \"" + complaint.limit + "\" không có trong chế độ \"" + regime.id + "\"");
    fields_.check_regime(regime, kLawRegime);
    return regime;
  }

  FieldReader fields_;
};
}  // namespace

std::optional<LawBook> LawBook::parse(std::string_view bytes, const FileName& file, Diagnostics& diagnostics) {
  Diagnostics local;
  const auto root = xml::read_data_file(bytes, file, kLawNamespace, local);
  LawBook book;
  if (root) book.regimes_ = LawReader(local).read(*root, book.bodies_);
  diagnostics.merge(local);
  if (local.has_errors()) return std::nullopt;
  return book;
}

const Regime* LawBook::regime_on(model::Date date) const {
  for (const auto& regime : regimes_)
    if (regime.from <= date && (!regime.until || date <= *regime.until)) return &regime;
  return nullptr;
}

bool Body::names_it(std::string_view lower) const {
  for (const auto& name : names) {
    if (lower.size() < name.size() || lower.compare(0, name.size(), name) != 0) continue;
    if (lower.size() == name.size() || (!whole && lower[name.size()] == ' ')) return true;
  }
  return false;
}

const Body* LawBook::body_not_on(std::string_view kind, std::string_view lower, model::Date date) const {
  for (const auto& body : bodies_)
    if (body.kind == kind && !body.exists_on(date) && body.names_it(lower)) return &body;
  return nullptr;
}

const Body* LawBook::body_on(std::string_view kind, std::string_view lower, model::Date date) const {
  for (const auto& body : bodies_)
    if (body.kind == kind && body.exists_on(date) && body.names_it(lower)) return &body;
  return nullptr;
}

}  // namespace vanban::rules
