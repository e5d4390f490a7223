#include "templating/context.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <tuple>

#include "text/case_mapping.hpp"
#include "text/normalize.hpp"
#include "text/numbers.hpp"

namespace vanban::templating {

namespace {

// A field of the case: the context refers to its text (the case outlives the context) instead of copying it, so that
// a case's long texts (an obligation's 10,000 characters) are held once however often the context lists them.
Value text_value(const model::Text& text) {
  if (text.empty()) return Value::absent(text.loc);
  return Value::borrowed_text(text.value, text.loc);
}

Value optional_text(const std::optional<model::Text>& text, const SourceLoc& owner) {
  return text ? text_value(*text) : Value::absent(owner);
}

Value optional_date(const std::optional<model::Date>& date, const SourceLoc& owner) {
  return date ? Value::date(*date, owner) : Value::absent(owner);
}

bool starts_with_deputy(const std::string& position) {
  const std::string lower = text::to_lower(position);
  return lower.rfind("phó ", 0) == 0;
}

std::string_view obligation_kind_name(model::ObligationKind kind) {
  switch (kind) {
    case model::ObligationKind::court_fee: return "Án phí";
    case model::ObligationKind::fine: return "Tiền phạt";
    case model::ObligationKind::confiscation: return "Tịch thu sung quỹ Nhà nước";
    case model::ObligationKind::recovery: return "Truy thu sung quỹ Nhà nước";
    case model::ObligationKind::compensation: return "Bồi thường";
    case model::ObligationKind::debt: return "Trả nợ";
    case model::ObligationKind::alimony: return "Cấp dưỡng";
    case model::ObligationKind::restitution: return "Trả lại tài sản";
    case model::ObligationKind::other: return "Nghĩa vụ khác";
    case model::ObligationKind::refund: return "Trả lại tiền, tài sản cho đương sự";
    case model::ObligationKind::land_recovery: return "Thu hồi quyền sử dụng đất, tài sản sung quỹ Nhà nước";
    case model::ObligationKind::interim_measure: return "Biện pháp khẩn cấp tạm thời";
    case model::ObligationKind::bankruptcy: return "Thi hành quyết định giải quyết phá sản";
  }
  return "Nghĩa vụ khác";
}

std::string_view asset_kind_id(model::AssetKind kind) {
  switch (kind) {
    case model::AssetKind::land: return "land";
    case model::AssetKind::house: return "house";
    case model::AssetKind::vehicle: return "vehicle";
    case model::AssetKind::account: return "account";
    case model::AssetKind::other: return "other";
  }
  return "other";
}

std::string_view channel_name(model::RequestChannel channel) {
  switch (channel) {
    case model::RequestChannel::paper: return "nộp trực tiếp";
    case model::RequestChannel::post: return "gửi qua dịch vụ bưu chính";
    case model::RequestChannel::online: return "gửi trực tuyến";
    case model::RequestChannel::vneid: return "gửi qua ứng dụng VNeID";
    case model::RequestChannel::oral: return "trình bày trực tiếp";
  }
  return "";
}

// How an identity document is introduced: "CCCD" → "Căn cước công dân số". Where the regime identifies people
// by số định danh cá nhân, a citizen identity card number is that number (Luật Căn cước 2023).
std::string id_label(const std::string& kind, bool personal_identification) {
  const std::string lower = text::to_lower(kind);
  if (lower == "cccd") return personal_identification ? "Số định danh cá nhân" : "Căn cước công dân số";
  if (lower == "cmnd") return "Chứng minh nhân dân số";
  if (lower == "định danh" || lower == "số định danh") return "Số định danh cá nhân";
  if (lower == "hộ chiếu") return "Hộ chiếu số";
  return kind + " số";
}

// The agency a "Trưởng <agency kind>" heads: the parent or the agency whose name starts with that kind.
const std::string* headed_agency(const std::string& head_position, const model::Agency& agency) {
  const std::string lower = text::to_lower(head_position);
  if (lower.rfind("trưởng ", 0) != 0) return nullptr;
  const std::string named = lower.substr(std::string("trưởng ").size());
  for (const auto* candidate : {agency.parent ? &agency.parent->value : nullptr, &agency.name.value})
    if (candidate != nullptr && text::to_lower(*candidate).rfind(named, 0) == 0) return candidate;
  return nullptr;
}

// An agency name as written inside a sentence: "CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUỲ HỢP" → "Chi cục Thi hành án
// dân sự huyện Quỳ Hợp": lower case, the first word and "Thi hành án" capitalized, and the place name after an
// administrative unit or a dash ("KHU VỰC 7 - THANH HÓA") in title case up to a joining word, which stays lower case
// ("HUYỆN QUỲ HỢP VÀ CÁC XÃ …" → "huyện Quỳ Hợp và các xã …").
std::string name_in_text(const std::string& upper) {
  static const std::vector<std::string> kUnits = {"tỉnh",   "thành phố", "huyện",  "quận",
                                                  "thị xã", "xã",        "phường", "thị trấn"};
  static const std::vector<std::string> kJoining = {"và", "các", "của", "thuộc", "trên"};
  std::vector<std::string> words;
  const std::string lower = text::to_lower(upper);
  for (std::size_t start = 0; start < lower.size();) {
    const std::size_t space = std::min(lower.find(' ', start), lower.size());
    if (space > start) words.push_back(lower.substr(start, space - start));
    start = space + 1;
  }
  std::string out;
  bool place = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string word = words[i];
    bool unit = false;
    for (const auto& candidate : kUnits) {
      const std::size_t length = static_cast<std::size_t>(std::count(candidate.begin(), candidate.end(), ' ')) + 1;
      std::string joined;
      for (std::size_t k = i; k < i + length && k < words.size(); ++k) joined += (k == i ? "" : " ") + words[k];
      if (joined == candidate) {
        unit = true;
        for (std::size_t k = 1; k < length; ++k) word += " " + words[++i];
        break;
      }
    }
    if (unit || word == "-") {
      place = true;
    } else if (std::find(kJoining.begin(), kJoining.end(), word) != kJoining.end()) {
      place = false;
    } else if (i == 0 || place || (word == "thi" && i + 1 < words.size() && words[i + 1] == "hành")) {
      word = text::capitalize_first(word);
    }
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

// The procuracy that mirrors a court: "Tòa án nhân dân huyện X" → "Viện kiểm sát nhân dân huyện X".
Value procuracy_of(const model::Text& court) {
  static const std::string kCourt = "Tòa án nhân dân";
  if (court.value.rfind(kCourt, 0) != 0) return Value::absent(court.loc);
  return Value::text("Viện kiểm sát nhân dân" + court.value.substr(kCourt.size()), court.loc);
}

// The commune an address or a place's description names, with the units above it: "Thôn Trung Tiến, xã Vũ Quý, huyện
// Kiến Xương, tỉnh Thái Bình" → "xã Vũ Quý, huyện Kiến Xương, tỉnh Thái Bình"; "" when it names none.
std::string commune_of(const std::string& place) {
  static const std::vector<std::string> kCommunes = {"xã ", "phường ", "thị trấn ", "đặc khu "};
  for (std::size_t start = 0; start < place.size();) {
    const std::size_t comma = std::min(place.find(',', start), place.size());
    const std::size_t first = place.find_first_not_of(' ', start);
    if (first < comma) {
      const std::string lower = text::to_lower(place.substr(first, comma - first));
      for (const auto& unit : kCommunes) {
        if (lower.rfind(unit, 0) != 0) continue;
        std::string rest = place.substr(first + unit.size());
        while (!rest.empty() && (rest.back() == '.' || rest.back() == ' ')) rest.pop_back();
        return unit + rest;
      }
    }
    start = comma + 1;
  }
  return {};
}

// The bodies of an agency's own level, mirrored from its name: "CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN X" → Công an huyện X,
// Phòng Tài chính - Kế hoạch huyện X, Viện kiểm sát nhân dân huyện X; a Cục or Thi hành án dân sự tỉnh → Công an tỉnh,
// Sở Tài chính tỉnh, Viện kiểm sát nhân dân tỉnh. A Phòng khu vực is not a level (DOMAIN.md §6): its province's.
// Empty when the name names no level.
// The căn cứ lines of a document with the law's first citation in full (the regime's "law-full"): the first
// "law" citation that is not part of the decree's title becomes the full one; later ones stay short.
std::vector<std::string> with_full_citation(const rules::Regime& regime, std::vector<std::string> lines) {
  const auto law = regime.citations.find("law");
  const auto full = regime.citations.find("law-full");
  if (law == regime.citations.end() || full == regime.citations.end() || law->second.empty()) return lines;
  const auto decree = regime.citations.find("decree");
  for (auto& line : lines) {
    // The spans of the decree's title, which names the law without citing it.
    std::vector<std::pair<std::size_t, std::size_t>> titles;
    if (decree != regime.citations.end() && !decree->second.empty())
      for (auto at = line.find(decree->second); at != std::string::npos; at = line.find(decree->second, at + 1))
        titles.emplace_back(at, at + decree->second.size());
    for (auto at = line.find(law->second); at != std::string::npos; at = line.find(law->second, at + 1)) {
      const bool in_title = std::any_of(titles.begin(), titles.end(),
                                        [at](const auto& span) { return at >= span.first && at < span.second; });
      if (in_title) continue;
      line.replace(at, law->second.size(), full->second);
      return lines;
    }
  }
  return lines;
}

model::AddressedBodies implied_bodies(const model::Agency& agency) {
  static const std::string kAgency = "Thi hành án dân sự ";
  const std::string name = name_in_text(agency.name.value);
  const std::size_t at = name.find(kAgency);
  if (at == std::string::npos) return {};
  const std::string kind = name.substr(0, at);
  const std::string level = name.substr(at + kAgency.size());
  if (kind == "Phòng " && agency.parent) {
    model::Agency province;
    province.name = *agency.parent;
    return implied_bodies(province);
  }
  if (kind == "Chi cục ") {
    // The district with its province, as a court names itself: "huyện Quỳ Hợp, tỉnh Nghệ An".
    std::string district = level;
    if (agency.parent) {
      const std::string parent = name_in_text(agency.parent->value);
      const std::size_t province = parent.find(kAgency);
      if (province != std::string::npos) district += ", " + parent.substr(province + kAgency.size());
    }
    for (const std::string_view unit : {"huyện ", "quận ", "thị xã ", "thành phố "})
      if (level.rfind(unit, 0) == 0)
        return {"Công an " + district, "Phòng Tài chính - Kế hoạch " + district, "Viện kiểm sát nhân dân " + district};
    return {};
  }
  for (const std::string_view unit : {"tỉnh ", "thành phố "})
    if (level.rfind(unit, 0) == 0)
      return {"Công an " + level, "Sở Tài chính " + level, "Viện kiểm sát nhân dân " + level};
  return {};
}

}  // namespace

model::AddressedBodies level_bodies(const model::Agency& agency, const rules::LawBook& law, model::Date date) {
  model::AddressedBodies bodies = implied_bodies(agency);
  for (const auto& [kind, field] :
       {std::pair{"police", &model::AddressedBodies::police}, std::pair{"finance", &model::AddressedBodies::finance},
        std::pair{"procuracy", &model::AddressedBodies::procuracy}})
    if (!(bodies.*field).empty() && law.body_not_on(kind, text::to_lower(bodies.*field), date) != nullptr)
      (bodies.*field).clear();
  return bodies;
}

std::string superior_agency(const model::Agency& agency, const rules::LawBook& law, model::Date date) {
  const rules::Body* body = law.body_on("agency", text::to_lower(agency.name.value), date);
  if (body == nullptr) return "";
  if (body->superior_is_parent) return agency.parent ? name_in_text(agency.parent->value) : "";
  return body->superior;
}

namespace {

class ContextBuilder {
 public:
  // A document knows the case as it stood on its date (the ledger): later events (payments, verifications…) are
  // not seen, and every figure comes from the ledger. Without a template (nullptr), only case_fields and
  // regime_fields may be asked for.
  ContextBuilder(const RenderInput& input, const rules::Law& law, const Template* document_template,
                 const std::vector<Parameter>& parameters, Diagnostics& diagnostics)
      : case_(input.ledger.the_case()),
        ledger_(input.ledger),
        input_(input),
        date_(input.date()),
        law_(law),
        template_(document_template),
        template_name_(document_template ? document_template->name() : std::string()),
        parameters_(parameters),
        diagnostics_(diagnostics),
        regime_(law.regimes.regime_on(date_)) {}

  // The whole context, its fields built (and their problems reported) in this order.
  Value build() {
    Object root = case_fields();
    template_fields(root);
    regime_fields(root);
    return Value::object(std::move(root), case_.loc);
  }

  // The fields of the case as it stood on the document's date, the same for every template.
  Object case_fields() {
    Object root;
    root["case"] = Value::object({{"id", Value::text(case_.id, case_.loc)}}, case_.loc);
    root["agency"] = agency();
    root["office"] = office();
    root["judgment"] = judgment(case_.judgments.front());
    List judgments;
    for (const auto& item : case_.judgments) judgments.push_back(judgment(item));
    root["judgments"] = Value::list(std::move(judgments));

    List debtors, creditors, related, parties;
    for (const auto& party : case_.parties) {
      Value value = party_value(party, true);
      parties.push_back(value);
      (party.role == model::Role::debtor     ? debtors
       : party.role == model::Role::creditor ? creditors
                                             : related)
          .push_back(std::move(value));
    }
    root["debtor"] = debtors.empty() ? Value::absent(case_.loc) : debtors.front();
    root["creditor"] = creditors.empty() ? Value::absent(case_.loc) : creditors.front();
    root["debtor_names"] = Value::text(joined_names(model::Role::debtor), case_.loc);
    root["creditor_names"] =
        creditors.empty() ? Value::absent(case_.loc) : Value::text(joined_names(model::Role::creditor), case_.loc);
    root["debtors"] = Value::list(std::move(debtors));
    root["creditors"] = Value::list(std::move(creditors));
    root["related"] = Value::list(std::move(related));
    root["parties"] = Value::list(std::move(parties));

    List obligations;
    for (const auto& obligation : case_.obligations) obligations.push_back(obligation_value(obligation));
    root["obligations"] = Value::list(std::move(obligations));
    const model::Sums totals = ledger_.totals();
    root["total"] = Value::money(totals.total, case_.loc);
    root["paid"] = Value::money(totals.paid, case_.loc);
    root["outstanding"] = Value::money(totals.outstanding, case_.loc);

    root["enforced"] = enforced();
    root["refunds"] = refunds();
    root["state"] = state_revenue();

    List assets, seizable, real_estate, mortgaged, seizure_communes;
    const model::Asset* main_asset = nullptr;
    for (const auto& asset : case_.assets) {
      Value value = asset_value(asset);
      if (main_asset == nullptr || (!main_asset->mortgagee_id && asset.mortgagee_id)) main_asset = &asset;
      const model::Party* owner = case_.find_party(asset.owner_id);
      const bool debtors_asset = owner != nullptr && owner->role == model::Role::debtor;
      if (debtors_asset && asset.kind != model::AssetKind::account) {
        const Value commune = asset_commune(asset);
        const bool known = commune.kind() != Value::Kind::text ||
                           std::any_of(seizure_communes.begin(), seizure_communes.end(),
                                       [&](const Value& seen) { return seen.as_text() == commune.as_text(); });
        if (!known) seizure_communes.push_back(commune);
        seizable.push_back(value);
      }
      if (debtors_asset && (asset.kind == model::AssetKind::land || asset.kind == model::AssetKind::house))
        real_estate.push_back(value);
      const model::Party* mortgagee = asset.mortgagee_id ? case_.find_party(*asset.mortgagee_id) : nullptr;
      if (debtors_asset && mortgagee != nullptr && mortgagee->role == model::Role::creditor) mortgaged.push_back(value);
      assets.push_back(std::move(value));
    }
    root["assets"] = Value::list(std::move(assets));
    root["seizable_assets"] = Value::list(std::move(seizable));
    root["seizable_real_estate"] = Value::list(std::move(real_estate));
    root["seizure_communes"] = Value::list(std::move(seizure_communes));
    root["mortgaged_to_creditor"] = Value::list(std::move(mortgaged));
    // The main asset: the first mortgaged one, else the first (so has(asset.mortgagee) asks "any mortgage?").
    root["asset"] = main_asset ? asset_value(*main_asset) : Value::absent(case_.loc);
    List evidence;
    std::map<model::Disposition, List> by_disposition;
    for (const auto& item : case_.evidence) {
      Value value = evidence_value(item);
      by_disposition[item.disposition].push_back(value);
      evidence.push_back(std::move(value));
    }
    root["evidence"] = Value::list(std::move(evidence));
    root["evidence_to_destroy"] = Value::list(std::move(by_disposition[model::Disposition::destroy]));
    root["evidence_to_confiscate"] = Value::list(std::move(by_disposition[model::Disposition::confiscate]));
    root["evidence_to_return"] = Value::list(std::move(by_disposition[model::Disposition::give_back]));

    root["enforcement"] = enforcement();
    root["status"] = *root["enforcement"].find("status");
    const model::Officer* assigned = case_.find_officer(case_.enforcement.officer_id);
    root["officer"] = assigned ? officer_value(*assigned) : Value::absent(case_.enforcement.loc);
    const model::Officer* head = find_head();
    root["head"] = head ? officer_value(*head) : Value::absent(case_.loc);
    root["authority"] = head ? Value::text(deciding_authority(head->position.value, case_.agency), head->loc)
                             : Value::absent(case_.loc);
    return root;
  }

  // The fields that depend on the template: its parameters, the signer (a `signing` parameter changes the authority
  // lines) and the document.
  void template_fields(Object& root) {
    root["params"] = parameters();
    root["signer"] = signer(find_head());
    root["document"] = document();
  }

  // The fields of the document's legal regime, the same for every template.
  void regime_fields(Object& root) {
    root["regime"] = regime();
    root["deadlines"] = deadlines();
  }

 private:
  // The agency whose head decides: since 07/2025 a Phòng's decisions are the provincial agency's (its parent).
  std::string issuing_agency() const {
    const model::Officer* head = find_head();
    const std::string* headed = head ? headed_agency(head->position.value, case_.agency) : nullptr;
    return headed ? *headed : case_.agency.name.value;
  }

  // The office profile's fields beyond the agency and officers; every field is there (absent without a profile), so
  // that templates are checked against the same shape.
  Value office() const {
    const model::OfficeProfile* o = input_.office;
    const SourceLoc loc = o ? o->loc : case_.loc;
    const auto text = [&](const std::string* value) {
      return value != nullptr && !value->empty() ? Value::text(*value, loc) : Value::absent(loc);
    };
    const model::BankAccount* account = o && o->account ? &*o->account : nullptr;
    List communes;
    if (o)
      for (const auto& commune : o->communes) communes.push_back(Value::text(commune, loc));
    const model::AddressedBodies bodies = o ? o->bodies_on(date_) : model::AddressedBodies{};
    return Value::object({{"place", text(o ? &o->place : nullptr)},
                          {"address", text(o ? &o->address : nullptr)},
                          {"phone", text(o ? &o->phone : nullptr)},
                          {"email", text(o ? &o->email : nullptr)},
                          {"account", Value::object({{"number", text(account ? &account->number : nullptr)},
                                                     {"holder", text(account ? &account->holder : nullptr)},
                                                     {"bank", text(account ? &account->bank : nullptr)}},
                                                    loc)},
                          {"communes", Value::list(std::move(communes), loc)},
                          {"police", text(&bodies.police)},
                          {"finance", text(&bodies.finance)},
                          {"procuracy", text(&bodies.procuracy)}},
                         loc);
  }

  Value agency() {
    const model::Agency& a = case_.agency;
    return Value::object({{"parent", optional_text(a.parent, a.loc)},
                          {"name", text_value(a.name)},
                          {"name_in_text", Value::text(name_in_text(a.name.value), a.name.loc)},
                          {"issuer", Value::text(name_in_text(issuing_agency()), a.name.loc)},
                          {"issuing", issuing()},
                          {"parent_in_text",
                           a.parent ? Value::text(name_in_text(a.parent->value), a.parent->loc) : Value::absent(a.loc)},
                          {"code", text_value(a.code)},
                          {"superior", superior()},
                          {"police", level_body(&model::AddressedBodies::police)},
                          {"finance", level_body(&model::AddressedBodies::finance)},
                          {"procuracy", level_body(&model::AddressedBodies::procuracy)},
                          {"place", text_value(a.place)},
                          {"address", optional_text(a.address, a.loc)},
                          {"phone", optional_text(a.phone, a.loc)},
                          {"email", optional_text(a.email, a.loc)}},
                         a.loc);
  }

  // The issuing agency (the provincial agency for a Phòng khu vực since 07/2025) as an agency with its parent line.
  model::Agency issuing_as_agency() const {
    const std::string issuer = issuing_agency();
    if (issuer == case_.agency.name.value) return case_.agency;
    model::Agency parent;
    parent.name = *case_.agency.parent;
    return parent;
  }

  // The agency above the issuing agency on the document's date (rules/law.xml <body> <superior>), in a sentence.
  Value superior() const {
    const std::string name = superior_agency(issuing_as_agency(), law_.regimes, date_);
    return name.empty() ? Value::absent(case_.agency.loc) : Value::text(name, case_.agency.loc);
  }

  // The superior agency this document is copied to, when the regime sends it there from the issuing body's level
  // (rules/law.xml <superior-copy>): `name` (absent when the law data does not name the superior) and `purpose`.
  Value superior_copy() const {
    if (regime_ == nullptr) return Value::absent();
    const rules::Body* issuer = law_.regimes.body_on("agency", text::to_lower(issuing_as_agency().name.value), date_);
    if (issuer == nullptr) return Value::absent();
    for (const auto& copy : regime_->superior_copies)
      if (copy.document == template_name_ && copy.issuer == issuer->id)
        return Value::object({{"name", superior()}, {"purpose", Value::text(copy.purpose, copy.loc)}}, copy.loc);
    return Value::absent();
  }

  // A body of the agency's level on the document's date (police, finance, procuracy): the office's, else the one that
  // mirrors the agency's level when it exists on that date (rules/law.xml <body>); absent otherwise.
  Value level_body(std::string model::AddressedBodies::*field) const {
    if (input_.office != nullptr) {
      const std::string own = input_.office->bodies_on(date_).*field;
      if (!own.empty()) return Value::text(own, input_.office->loc);
    }
    const std::string mirrored = level_bodies(case_.agency, law_.regimes, date_).*field;
    if (mirrored.empty()) return Value::absent(case_.agency.loc);
    return Value::text(mirrored, case_.agency.loc);
  }

  // The procuracy a document is copied to: the office's on the document's date, else the one that mirrors the
  // judgment's court when that still exists on the document's date (a district procuracy ended on 01/07/2025).
  Value procuracy_for(const model::Text& court) const {
    if (input_.office != nullptr) {
      const std::string own = input_.office->bodies_on(date_).procuracy;
      if (!own.empty()) return Value::text(own, input_.office->loc);
    }
    Value mirrored = procuracy_of(court);
    if (mirrored.kind() == Value::Kind::text &&
        law_.regimes.body_not_on("procuracy", text::to_lower(mirrored.as_text()), date_) != nullptr)
      return Value::absent(court.loc);
    return mirrored;
  }

  Value judgment(const model::Judgment& j) const {
    return Value::object({{"id", Value::text(j.id, j.loc)},
                          {"procuracy", procuracy_for(j.court)},
                          {"kind", text_value(j.kind)},
                          {"number", text_value(j.number)},
                          {"date", Value::date(j.date, j.loc)},
                          {"court", text_value(j.court)},
                          {"effective", optional_date(j.effective, j.loc)}},
                         j.loc);
  }

  std::string addressed(const model::Party& party) const {
    if (party.kind == model::PartyKind::organization) return party.name.value;
    return with_honorific(party.gender, party.name.value);
  }

  std::string joined_names(model::Role role) const {
    std::vector<std::string> names;
    for (const auto& party : case_.parties)
      if (party.role == role) names.push_back(addressed(party));
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i > 0) out += i + 1 == names.size() ? " và " : ", ";
      out += names[i];
    }
    return out;
  }

  // A party; `with_obligations` adds its obligations, totals and assets (not inside an obligation or an asset, to
  // stay acyclic). `owed_to`, when given, keeps only the obligations owed to that party. Built once per context for
  // each such request (debtors, enforced.debtors and refunds.payees list the same parties).
  Value party_value(const model::Party& party, bool with_obligations, const std::string* owed_to = nullptr) {
    PartyKey key{&party, with_obligations, owed_to != nullptr, owed_to != nullptr ? *owed_to : std::string()};
    const auto known = party_values_.find(key);
    if (known != party_values_.end()) return known->second;
    Value value = build_party_value(party, with_obligations, owed_to);
    return party_values_.emplace(std::move(key), std::move(value)).first->second;
  }

  Value build_party_value(const model::Party& party, bool with_obligations, const std::string* owed_to) {
    const bool person = party.kind == model::PartyKind::person;
    Object fields{
        {"id", Value::text(party.id, party.loc)},
        {"kind", Value::text(person ? "person" : "organization", party.loc)},
        {"is_person", Value::boolean(person)},
        {"is_organization", Value::boolean(!person)},
        {"role", Value::text(std::string(model::role_code(party.role)), party.loc)},
        {"role_name", Value::text(party.role == model::Role::debtor     ? "người phải thi hành án"
                                  : party.role == model::Role::creditor ? "người được thi hành án"
                                                                        : "người có quyền lợi, nghĩa vụ liên quan",
                                  party.loc)},
        {"notified", notified_on(party.id)},
        {"name", text_value(party.name)},
        {"honorific", person && party.gender != model::Gender::unknown ? Value::text(honorific(party.gender), party.loc)
                                                                       : Value::absent(party.loc)},
        {"addressed", Value::text(addressed(party), party.name.loc)},
        {"birth_year", party.birth_year ? Value::number(*party.birth_year, party.loc) : Value::absent(party.loc)},
        {"gender", party.gender == model::Gender::unknown
                       ? Value::absent(party.loc)
                       : Value::text(party.gender == model::Gender::male ? "male" : "female", party.loc)},
        {"id_kind", party.id_document ? text_value(party.id_document->kind) : Value::absent(party.loc)},
        {"id_label", party.id_document ? Value::text(id_label(party.id_document->kind.value, new_identification()),
                                                     party.id_document->loc)
                                       : Value::absent(party.loc)},
        {"id_number", party.id_document ? text_value(party.id_document->number) : Value::absent(party.loc)},
        {"address", optional_text(party.address, party.loc)},
        {"commune", commune_value(party.address, party.loc)},
        {"phone", optional_text(party.phone, party.loc)},
        {"business_code", optional_text(party.business_code, party.loc)},
    };
    // The natural person a letter speaks to: the party, or an organisation's representative.
    if (person) {
      fields["contact"] = fields["addressed"];
    } else if (party.representative) {
      const auto& r = *party.representative;
      std::string contact = with_honorific(r.gender, r.name.value);
      if (r.position) contact += ", " + text::to_lower(r.position->value);
      fields["contact"] = Value::text(contact + " " + party.name.value, r.loc);
    } else {
      fields["contact"] = Value::absent(party.loc);
    }
    if (party.representative) {
      const auto& r = *party.representative;
      fields["representative"] =
          Value::object({{"name", text_value(r.name)},
                         {"position", optional_text(r.position, r.loc)},
                         {"honorific", r.gender == model::Gender::unknown ? Value::absent(r.loc)
                                                                          : Value::text(honorific(r.gender), r.loc)},
                         {"addressed", Value::text(with_honorific(r.gender, r.name.value), r.loc)}},
                        r.loc);
    } else {
      fields["representative"] = Value::absent(party.loc);
    }
    if (with_obligations) {
      const auto keep = [&](const model::Obligation& obligation) {
        return obligation.debtor_id == party.id && (owed_to == nullptr || obligation.creditor_id == *owed_to);
      };
      List owed;
      for (const auto& obligation : case_.obligations)
        if (keep(obligation)) owed.push_back(obligation_value(obligation));
      const model::Sums sums = ledger_.sums(keep);
      fields["obligations"] = Value::list(std::move(owed));
      fields["total"] = Value::money(sums.total, party.loc);
      fields["paid"] = Value::money(sums.paid, party.loc);
      fields["remitted"] = Value::money(sums.remitted, party.loc);
      fields["outstanding"] = Value::money(sums.outstanding, party.loc);
      // What the agency returns to this party.
      const auto returned = [&](const model::Obligation& o) { return o.is_refund() && o.creditor_id == party.id; };
      Object refunded = obligation_summary(returned);
      fields["refunds"] = refunded["obligations"];
      fields["refund_total"] = refunded["total"];
      fields["refund_outstanding"] = refunded["outstanding"];
      List owned, mortgaged;
      for (const auto& asset : case_.assets) {
        if (asset.owner_id != party.id) continue;
        Value value = asset_value(asset);
        if (asset.mortgagee_id) mortgaged.push_back(value);
        owned.push_back(std::move(value));
      }
      fields["assets"] = Value::list(std::move(owned));
      fields["mortgaged_assets"] = Value::list(std::move(mortgaged));
    }
    return Value::object(std::move(fields), party.loc);
  }

  // A judgment an obligation or an evidence item refers to, built once per context like party references.
  Value judgment_reference(const model::Judgment& j) {
    const auto known = judgment_references_.find(j.id);
    if (known != judgment_references_.end()) return known->second;
    return judgment_references_.emplace(j.id, judgment(j)).first->second;
  }

  // Values are immutable and share their storage, so each referenced party is built once per context (obligations,
  // assets and events refer to the same few parties again and again).
  Value party_reference(const std::optional<std::string>& id, const SourceLoc& owner) {
    if (!id) return Value::absent(owner);
    const auto known = party_references_.find(*id);
    if (known != party_references_.end()) return known->second;
    const model::Party* party = case_.find_party(*id);
    if (party == nullptr) return Value::absent(owner);
    return party_references_.emplace(*id, party_value(*party, false)).first->second;
  }

  // An obligation, built once per context: every list that names it (obligations, enforced, a debtor's, an event's)
  // shares the one value.
  Value obligation_value(const model::Obligation& o) {
    const auto known = obligation_values_.find(&o);
    if (known != obligation_values_.end()) return known->second;
    return obligation_values_.emplace(&o, build_obligation_value(o)).first->second;
  }

  Value build_obligation_value(const model::Obligation& o) {
    const auto outstanding = ledger_.outstanding(o);
    const model::Judgment* j = case_.find_judgment(o.judgment_id);
    return Value::object({{"id", Value::text(o.id, o.loc)},
                          {"kind", Value::text(std::string(model::obligation_kind_code(o.kind)), o.loc)},
                          {"kind_name", Value::text(std::string(obligation_kind_name(o.kind)), o.loc)},
                          {"text", text_value(o.text)},
                          {"amount", o.amount ? Value::money(*o.amount, o.loc) : Value::absent(o.loc)},
                          {"late_interest", Value::boolean(o.late_interest)},
                          {"debtor", party_reference(o.debtor_id, o.loc)},
                          {"creditor", party_reference(o.creditor_id, o.loc)},
                          {"to_state", Value::boolean(!o.creditor_id.has_value())},
                          {"judgment", j ? judgment_reference(*j) : Value::absent(o.loc)},
                          {"paid", Value::money(ledger_.paid(o.id), o.loc)},
                          {"remitted", Value::money(ledger_.remitted(o), o.loc)},
                          {"outstanding", outstanding ? Value::money(*outstanding, o.loc) : Value::absent(o.loc)},
                          {"enforcement_kind",
                           Value::text(std::string(model::enforcement_kind_code(model::enforcement_kind(o))), o.loc)},
                          {"is_refund", Value::boolean(o.is_refund())},
                          {"in_office", Value::boolean(ledger_.in_office(o))},
                          {"origin", o.origin ? origin_value(*o.origin) : Value::absent(o.loc)}},
                         o.loc);
  }

  // Where money the agency returns came from: "biên lai thu tiền số … ngày … của …".
  Value origin_value(const model::Origin& origin) {
    const bool receipt = origin.kind == model::OriginKind::receipt;
    return Value::object(
        {{"kind", Value::text(receipt ? "receipt" : "handover", origin.loc)},
         {"name", Value::text(receipt ? "biên lai thu tiền" : "biên bản giao, nhận vật chứng, tài sản", origin.loc)},
         {"number", text_value(origin.number)},
         {"date", Value::date(origin.date, origin.loc)},
         {"issuer", origin.issuer ? text_value(*origin.issuer)
                                  : Value::text(name_in_text(case_.agency.name.value), case_.agency.name.loc)}},
        origin.loc);
  }

  // The commune a place names ("xã Vũ Quý, huyện Kiến Xương, tỉnh Thái Bình"), absent when it names none.
  static Value commune_value(const std::optional<model::Text>& place, const SourceLoc& owner) {
    const std::string commune = place ? commune_of(place->value) : std::string();
    return commune.empty() ? Value::absent(owner) : Value::text(commune, place->loc);
  }

  // Where an asset is: the commune its description names, else its owner's residence.
  Value asset_commune(const model::Asset& a) const {
    Value own = commune_value(a.text, a.loc);
    if (own.kind() == Value::Kind::text) return own;
    const model::Party* owner = case_.find_party(a.owner_id);
    return owner ? commune_value(owner->address, a.loc) : Value::absent(a.loc);
  }

  Value asset_value(const model::Asset& a) {
    return Value::object({{"id", Value::text(a.id, a.loc)},
                          {"kind", Value::text(std::string(asset_kind_id(a.kind)), a.loc)},
                          {"text", text_value(a.text)},
                          {"certificate", optional_text(a.certificate, a.loc)},
                          {"value", a.value ? Value::money(*a.value, a.loc) : Value::absent(a.loc)},
                          {"mortgage_contract", optional_text(a.mortgage_contract, a.loc)},
                          {"owner", party_reference(a.owner_id, a.loc)},
                          {"mortgagee", party_reference(a.mortgagee_id, a.loc)},
                          {"number", optional_text(a.number, a.loc)},
                          {"institution", optional_text(a.institution, a.loc)},
                          {"commune", asset_commune(a)},
                          {"under_seizure", Value::boolean(ledger_.under_seizure(a.id))}},
                         a.loc);
  }

  Value evidence_value(const model::EvidenceItem& e) {
    const char* disposition = e.disposition == model::Disposition::destroy      ? "destroy"
                              : e.disposition == model::Disposition::confiscate ? "confiscate"
                                                                                : "return";
    const model::Judgment* j = case_.find_judgment(e.judgment_id);
    const auto destroyed = ledger_.destroyed_on(e.id);
    return Value::object({{"id", Value::text(e.id, e.loc)},
                          {"text", text_value(e.text)},
                          {"disposition", Value::text(disposition, e.loc)},
                          {"judgment_id", Value::text(e.judgment_id, e.loc)},
                          {"judgment", j ? judgment_reference(*j) : Value::absent(e.loc)},
                          {"destroyed", optional_date(destroyed, e.loc)}},
                         e.loc);
  }

  Value officer_value(const model::Officer& officer) {
    return Value::object(
        {{"id", Value::text(officer.id, officer.loc)},
         {"name", text_value(officer.name)},
         {"position", text_value(officer.position)},
         {"authority", Value::text(deciding_authority(officer.position.value, case_.agency), officer.loc)},
         {"card", optional_text(officer.card, officer.loc)}},
        officer.loc);
  }

  // The first date the party was notified (a notified event), or absent.
  Value notified_on(const std::string& party_id) const {
    return optional_date(ledger_.notified_on(party_id), case_.enforcement.loc);
  }

  // Whether the document's regime identifies people by số định danh cá nhân (Nghị định 152/2026 Điều 12.1.c).
  bool new_identification() const { return regime_ != nullptr && regime_->citations.count("identification") != 0; }

  // A list of obligations with their totals: {obligations, total, paid, outstanding}.
  Object obligation_summary(const std::function<bool(const model::Obligation&)>& keep) {
    List items;
    for (const auto& obligation : case_.obligations)
      if (keep(obligation)) items.push_back(obligation_value(obligation));
    const model::Sums sums = ledger_.sums(keep);
    return Object{{"obligations", Value::list(std::move(items), case_.loc)},
                  {"total", Value::money(sums.total, case_.loc)},
                  {"paid", Value::money(sums.paid, case_.loc)},
                  {"remitted", Value::money(sums.remitted, case_.loc)},
                  {"outstanding", Value::money(sums.outstanding, case_.loc)},
                  {"paid_any", Value::boolean(sums.paid.dong != 0)},
                  {"late_interest", Value::boolean(sums.late_interest)}};
  }

  // Whether the enforcement decision covers an obligation: on request, those owed to the requester; ex officio, all.
  bool decides(const model::Obligation& o) const {
    const model::Request* request = case_.enforcement.request ? &*case_.enforcement.request : nullptr;
    const bool on_request = case_.enforcement.mode == model::EnforcementMode::on_request && request != nullptr;
    return !on_request || (o.creditor_id && *o.creditor_id == request->by_id);
  }

  // What the enforcement decision makes debtors pay (refunds, which the agency pays, are `refunds`).
  Value enforced() {
    const model::Request* request = case_.enforcement.request ? &*case_.enforcement.request : nullptr;
    const bool on_request = case_.enforcement.mode == model::EnforcementMode::on_request && request != nullptr;
    Object fields = obligation_summary([&](const model::Obligation& o) { return !o.is_refund() && decides(o); });
    List debtors;
    for (const auto& party : case_.parties) {
      if (party.role != model::Role::debtor) continue;
      Value value = party_value(party, true, on_request ? &request->by_id : nullptr);
      if (!value.find("obligations")->as_list().empty()) debtors.push_back(std::move(value));
    }
    fields["debtors"] = Value::list(std::move(debtors), case_.loc);
    // Who is owed what the decision enforces: none when it is all State revenue (nobody to agree with).
    List creditors;
    for (const auto& party : case_.parties) {
      const bool owed = std::any_of(
          case_.obligations.begin(), case_.obligations.end(),
          [&](const model::Obligation& o) { return !o.is_refund() && decides(o) && o.creditor_id == party.id; });
      if (owed) creditors.push_back(party_value(party, false));
    }
    fields["creditors"] = Value::list(std::move(creditors), case_.loc);
    return Value::object(std::move(fields), case_.loc);
  }

  // Money and assets the agency holds and returns to a party (trả lại tiền, tài sản), with who receives them.
  Value refunds() {
    Object fields = obligation_summary([](const model::Obligation& o) { return o.is_refund(); });
    List payees;
    for (const auto& party : case_.parties) {
      const bool paid_to =
          std::any_of(case_.obligations.begin(), case_.obligations.end(),
                      [&](const model::Obligation& o) { return o.is_refund() && o.creditor_id == party.id; });
      if (paid_to) payees.push_back(party_value(party, true));
    }
    fields["payees"] = Value::list(std::move(payees), case_.loc);
    // Whether every refund is a sum of money (the wording says "tiền", not "tiền, tài sản").
    fields["all_money"] =
        Value::boolean(std::all_of(case_.obligations.begin(), case_.obligations.end(),
                                   [](const model::Obligation& o) { return !o.is_refund() || o.amount; }));
    return Value::object(std::move(fields), case_.loc);
  }

  // Obligations owed to the State budget (án phí, tiền phạt, truy thu, tịch thu…), for miễn, giảm.
  // What is owed to the State (no creditor), with its fines (the procuracy asks their remission, Luật THADS 2008
  // khoản 1 Điều 62) and the rest (the agency's head asks) apart: {…summary, fines, others}.
  Value state_revenue() {
    const auto fine = [](const model::Obligation& o) { return o.kind == model::ObligationKind::fine; };
    Object fields = obligation_summary([](const model::Obligation& o) { return !o.creditor_id.has_value(); });
    fields["fines"] = Value::object(
        obligation_summary([&](const model::Obligation& o) { return !o.creditor_id.has_value() && fine(o); }),
        case_.loc);
    fields["others"] = Value::object(
        obligation_summary([&](const model::Obligation& o) { return !o.creditor_id.has_value() && !fine(o); }),
        case_.loc);
    return Value::object(std::move(fields), case_.loc);
  }

  const model::Officer* find_head() const {
    for (const auto& officer : case_.officers) {
      const std::string lower = text::to_lower(officer.position.value);
      if (!starts_with_deputy(officer.position.value) && lower.find("trưởng") != std::string::npos) return &officer;
    }
    return nullptr;
  }

  // The officer who signs for the agency: --signer, else the decision's signer, else the head.
  const model::Officer* signing_officer(const model::Officer* head) const {
    if (input_.signer_id) return case_.find_officer(*input_.signer_id);
    if (case_.enforcement.decision && case_.enforcement.decision->signer_id)
      if (const model::Officer* officer = case_.find_officer(*case_.enforcement.decision->signer_id)) return officer;
    return head;
  }

  // Whether the signer signs with the authority of the parent agency: its head, deputy head or acting head (since
  // 07/2025 a Phòng's decisions are the provincial agency's, DOMAIN.md §6).
  bool signs_for_parent() const {
    const model::Officer* officer = signing_officer(find_head());
    if (officer == nullptr || !case_.agency.parent) return false;
    std::string position = text::to_lower(officer->position.value);
    for (const std::string_view prefix : {"phó ", "quyền "})
      if (position.rfind(prefix, 0) == 0) position = position.substr(prefix.size());
    return headed_agency(position, case_.agency) == &case_.agency.parent->value;
  }

  // The issuing body of a document the signer signs for the agency: the parent when the signer decides for it
  // (its parent line from rules/law.xml), else the agency with its own parent line.
  Value issuing() const {
    const model::Agency& a = case_.agency;
    if (!signs_for_parent())
      return Value::object({{"name", text_value(a.name)}, {"parent", optional_text(a.parent, a.loc)}}, a.loc);
    const rules::Body* body = law_.regimes.body_on("agency", text::to_lower(a.parent->value), date_);
    return Value::object(
        {{"name", text_value(*a.parent)},
         {"parent", body != nullptr && !body->header_parent.empty() ? Value::text(body->header_parent, a.parent->loc)
                                                                    : Value::absent(a.loc)}},
        a.loc);
  }

  Value signer(const model::Officer* head) {
    if (input_.signer_id && case_.find_officer(*input_.signer_id) == nullptr) {
      diagnostics_.error("E0313", case_.loc,
                         "không có cán bộ có mã \"" + *input_.signer_id + "\" trong <officers> của hồ sơ " + case_.id);
      return Value::absent(case_.loc);
    }
    const model::Officer* officer = signing_officer(head);
    if (officer == nullptr) return Value::absent(case_.loc);
    List lines;
    const std::string on_behalf_of = head ? head->position.value : std::string();
    for (auto& line : authority_lines(officer->position.value, signing_, on_behalf_of))
      lines.push_back(Value::text(line, officer->loc));
    Object fields = officer_value(*officer).as_object();
    fields["authority_lines"] = Value::list(std::move(lines));
    return Value::object(std::move(fields), officer->loc);
  }

  // --set values, checked and typed against the template's {@param} declarations.
  Value parameters() {
    Object fields;
    const auto problem = [&](const std::string& message) { diagnostics_.error("E0312", SourceLoc{}, message); };
    for (const auto& [name, value] : input_.parameters) {
      if (name == kSigningParameter) {
        static const std::vector<std::string> kAllowed = {"KT.", "Q.", "TL.", "TUQ.", "TM."};
        if (std::find(kAllowed.begin(), kAllowed.end(), value) == kAllowed.end())
          problem("tham số signing=\"" + value + "\" không hợp lệ (KT., Q., TL., TUQ. hoặc TM.)");
        else signing_ = value;
        continue;
      }
      // Through a reference: clang 14 cannot capture a structured binding.
      const std::string& given = name;
      const bool declared =
          std::any_of(parameters_.begin(), parameters_.end(), [&](const Parameter& p) { return p.name == given; });
      if (!declared) {
        std::string names;
        for (const auto& p : parameters_) names += (names.empty() ? "" : ", ") + p.name;
        problem("mẫu " + template_name_ + " không dùng tham số \"" + name + "\"" +
                (names.empty() ? " (mẫu này không có tham số nào)" : " (các tham số: " + names + ")"));
      }
    }
    for (const auto& parameter : parameters_) {
      const auto given = input_.parameters.find(parameter.name);
      if (given == input_.parameters.end() && !parameter.default_value) {
        if (parameter.required)
          problem("thiếu tham số --set " + parameter.name + "=… (" + parameter.description + ") mà mẫu " +
                  template_name_ + " cần");
        fields[parameter.name] = Value::absent();
        continue;
      }
      const std::string& raw = given != input_.parameters.end() ? given->second : *parameter.default_value;
      const std::string value = text::normalize_field(raw);
      const std::string shown = "--set " + parameter.name + "=\"" + raw + "\"";
      if (parameter.type == "date") {
        const auto date = model::Date::parse_iso(value);
        if (!date) problem(shown + ": cần một ngày dạng YYYY-MM-DD");
        // A date a document sets (a deadline, a meeting) cannot fall before the document that sets it.
        if (date && *date < date_)
          diagnostics_.error("E0326", parameter.loc,
                             shown + ": " + parameter.description + " " + date->to_dmy() + " trước ngày văn bản (" +
                                 date_.to_dmy() + ") đặt ra nó");
        fields[parameter.name] = date ? Value::date(*date) : Value::absent();
      } else if (parameter.type == "number" || parameter.type == "money") {
        const bool digits =
            !value.empty() && value.size() <= 15 && value.find_first_not_of("0123456789") == std::string::npos;
        if (!digits) problem(shown + ": cần một số nguyên không âm, không có dấu phân cách");
        const std::int64_t number = digits ? std::stoll(value) : 0;
        fields[parameter.name] = !digits                     ? Value::absent()
                                 : parameter.type == "money" ? Value::money(model::Money{number})
                                                             : Value::number(number);
      } else if (parameter.type == "party") {
        // A party id, or a role ("debtor", "creditor", "related") for the first party in that role.
        const model::Party* party = case_.find_party(value);
        for (const auto& [word, role] :
             {std::pair{"debtor", model::Role::debtor}, std::pair{"creditor", model::Role::creditor},
              std::pair{"related", model::Role::related}})
          if (party == nullptr && value == word)
            for (const auto& candidate : case_.parties)
              if (party == nullptr && candidate.role == role) party = &candidate;
        if (party == nullptr) {
          std::string ids;
          for (const auto& candidate : case_.parties) ids += (ids.empty() ? "" : ", ") + candidate.id;
          problem(shown + ": hồ sơ " + case_.id + " không có đương sự này (các mã: " + ids + ")");
        }
        fields[parameter.name] = party ? party_value(*party, true) : Value::absent();
      } else if (parameter.type == "list") {
        // Items separated by ";"; each item: text, and name / detail split at its first comma.
        List items;
        for (std::size_t start = 0; start <= value.size();) {
          const std::size_t stop = std::min(value.find(';', start), value.size());
          const std::string item = text::normalize_field(value.substr(start, stop - start));
          if (!item.empty()) {
            const std::size_t comma = item.find(',');
            items.push_back(Value::object(
                {{"text", Value::text(item)},
                 {"name", Value::text(text::normalize_field(item.substr(0, comma)))},
                 {"detail", comma == std::string::npos ? Value::absent()
                                                       : Value::text(text::normalize_field(item.substr(comma + 1)))}}));
          }
          start = stop + 1;
        }
        if (items.empty()) problem(shown + ": cần ít nhất một mục (các mục ngăn bởi dấu ;)");
        fields[parameter.name] = items.empty() ? Value::absent() : Value::list(std::move(items));
      } else {
        if (value.empty()) problem(shown + ": không được để trống");
        fields[parameter.name] = value.empty() ? Value::absent() : Value::text(value);
      }
    }
    return Value::object(std::move(fields));
  }

  // `value`, derived from `limit` of the document's regime, marked unconfirmed when rules/law.xml marks the limit
  // UNCONFIRMED and the office has not confirmed it ([office] confirmed_limits): printing it warns (W0331).
  Value checked(Value value, const rules::TimeLimit& limit) const {
    if (limit.confirmed || regime_ == nullptr) return value;
    if (input_.office != nullptr && input_.office->confirms(regime_->id, limit.id)) return value;
    return value.unconfirmed(regime_->id + "/" + limit.id);
  }

  // Dates the law derives from the case, so that templates never compute them.
  Value deadlines() {
    Object fields;
    const rules::Regime* regime = regime_;
    const auto limit = [&](const char* id) -> const rules::TimeLimit* {
      if (regime == nullptr) return nullptr;
      const auto it = regime->time_limits.find(id);
      return it == regime->time_limits.end() ? nullptr : &it->second;
    };
    std::optional<model::Date> notified, verified;
    const model::Party* debtor = nullptr;
    for (const auto& party : case_.parties)
      if (party.role == model::Role::debtor && debtor == nullptr) debtor = &party;
    if (debtor != nullptr) notified = ledger_.notified_on(debtor->id);
    if (const model::Event* verification = ledger_.last(model::EventKind::verification)) verified = verification->date;
    const auto deadline = [&](const std::optional<model::Date>& from, const char* id) {
      const rules::TimeLimit* found = limit(id);
      if (!from || found == nullptr) return Value::absent(case_.enforcement.loc);
      return checked(Value::date(law_.calendar.deadline(*from, *found), case_.enforcement.loc), *found);
    };
    fields["voluntary"] = deadline(notified, "voluntary-period");
    // The date a persuasion letter asks payment by: the end of the voluntary period while it runs, else a period as
    // long again from the letter's date.
    {
      const Value& voluntary = fields["voluntary"];
      fields["letter"] =
          !voluntary.is_absent() && date_ <= voluntary.as_date() ? voluntary : deadline(date_, "voluntary-period");
    }
    fields["next_verification"] = deadline(verified, "reverification");
    // The destruction council works from the document date (its founding decision).
    fields["destruction"] = deadline(date_, "destruction");
    // A verification record supports a miễn, giảm request only while it is recent (Luật 2008 Điều 62.3).
    fields["verification_valid_until"] = deadline(verified, "remission-verification");
    const std::optional<model::Date> decided =
        case_.enforcement.decision ? std::optional<model::Date>(case_.enforcement.decision->date) : std::nullopt;
    fields["remission_from"] = deadline(decided, "remission-wait");
    // A request is returned (gửi lại yêu cầu) only once the no-means decision is this old (Nghị định 152/2026 Điều 22).
    const model::Event* no_means = ledger_.last(model::EventKind::no_means_decision);
    fields["resubmission_from"] =
        deadline(no_means ? std::optional<model::Date>(no_means->date) : std::nullopt, "resubmission-wait");
    return Value::object(std::move(fields), case_.enforcement.loc);
  }

  Value enforcement() {
    const model::Enforcement& e = case_.enforcement;
    Object fields{
        {"mode", Value::text(e.mode == model::EnforcementMode::ex_officio ? "ex-officio" : "on-request", e.loc)},
        {"is_ex_officio", Value::boolean(e.mode == model::EnforcementMode::ex_officio)},
        {"is_on_request", Value::boolean(e.mode == model::EnforcementMode::on_request)},
        {"received", optional_date(e.received, e.loc)},
    };
    if (e.request) {
      const model::Request& r = *e.request;
      fields["request"] = Value::object({{"date", Value::date(r.date, r.loc)},
                                         {"by", party_reference(r.by_id, r.loc)},
                                         {"channel_name", Value::text(std::string(channel_name(r.channel)), r.loc)}},
                                        r.loc);
    } else {
      fields["request"] = Value::absent(e.loc);
    }
    if (e.decision) {
      const model::Decision& d = *e.decision;
      // "517/QĐ-CCTHADS": the decision's number with the agency's ký hiệu for decisions.
      fields["decision"] = Value::object(
          {{"number", optional_text(d.number, d.loc)},
           {"reference", d.number ? Value::text(d.number->value + "/QĐ-" + case_.agency.code.value, d.number->loc)
                                  : Value::absent(d.loc)},
           {"date", Value::date(d.date, d.loc)}},
          d.loc);
    } else {
      fields["decision"] = Value::absent(e.loc);
    }
    List verifications;
    for (const model::Event* event : ledger_.events()) {
      if (event->kind != model::EventKind::verification) continue;
      verifications.push_back(Value::object(
          {{"date", Value::date(event->date, event->loc)},
           {"result", Value::text(std::string(model::means_code(event->result.value_or(model::MeansResult::has_means))),
                                  event->loc)},
           {"has_means", Value::boolean(event->result == model::MeansResult::has_means)},
           {"text", optional_text(event->text, event->loc)}},
          event->loc));
    }
    fields["last_verification"] = verifications.empty() ? Value::absent(e.loc) : verifications.back();
    fields["verifications"] = Value::list(std::move(verifications));
    // The latest hoãn, tạm đình chỉ, đình chỉ and quyết định chưa có điều kiện; every notification and destruction.
    const auto with_reason = [&](model::EventKind kind) {
      const model::Event* event = ledger_.last(kind);
      if (event == nullptr) return Value::absent(e.loc);
      return Value::object({{"date", Value::date(event->date, event->loc)},
                            {"reason", optional_text(event->reason, event->loc)},
                            {"until", optional_date(event->until, event->loc)}},
                           event->loc);
    };
    fields["postponement"] = with_reason(model::EventKind::postponed);
    fields["suspension"] = with_reason(model::EventKind::suspended);
    fields["termination"] = with_reason(model::EventKind::terminated);
    if (const model::Event* no_means = ledger_.last(model::EventKind::no_means_decision)) {
      fields["no_means_decision"] = Value::object({{"date", Value::date(no_means->date, no_means->loc)},
                                                   {"number", optional_text(no_means->number, no_means->loc)}},
                                                  no_means->loc);
    } else {
      fields["no_means_decision"] = Value::absent(e.loc);
    }
    List notifications, destructions;
    for (const model::Event* event : ledger_.events()) {
      if (event->kind == model::EventKind::notified)
        notifications.push_back(Value::object(
            {{"date", Value::date(event->date, event->loc)}, {"party", party_reference(event->party_id, event->loc)}},
            event->loc));
      if (event->kind == model::EventKind::destroyed) {
        const model::EvidenceItem* item = event->item_id ? case_.find_evidence(*event->item_id) : nullptr;
        destructions.push_back(Value::object({{"date", Value::date(event->date, event->loc)},
                                              {"item", item ? evidence_value(*item) : Value::absent(event->loc)}},
                                             event->loc));
      }
    }
    fields["destroyed_on"] = destructions.empty() ? Value::absent(e.loc) : *destructions.back().find("date");
    fields["notifications"] = Value::list(std::move(notifications), e.loc);
    fields["destructions"] = Value::list(std::move(destructions), e.loc);
    kinds_and_steps(fields);
    // Where enforcement stands on the document's date (the ledger: the recorded status, then the events since).
    const SourceLoc& status_loc = e.status ? e.status->loc : e.loc;
    fields["status"] =
        Value::object({{"as_of", Value::date(ledger_.as_of(), status_loc)},
                       {"condition", Value::text(std::string(model::means_code(ledger_.condition())), status_loc)},
                       {"result", Value::text(std::string(model::status_result_code(ledger_.result())), status_loc)},
                       {"counted", Value::boolean(ledger_.counts_for_office())},
                       {"separate_register", Value::boolean(ledger_.separate_register())}},
                      status_loc);
    return Value::object(std::move(fields), e.loc);
  }

  // The kinds of enforcement the decision covers, and the steps of format 1.1 on or before the document's date (the
  // latest of each kind).
  void kinds_and_steps(Object& fields) {
    using K = model::EventKind;
    const SourceLoc& loc = case_.enforcement.loc;
    Object kinds;
    for (const auto kind :
         {model::EnforcementKind::state_payment, model::EnforcementKind::refund, model::EnforcementKind::confiscation,
          model::EnforcementKind::land_recovery, model::EnforcementKind::interim_measure,
          model::EnforcementKind::bankruptcy, model::EnforcementKind::between_parties})
      kinds[std::string(model::enforcement_kind_code(kind))] = Value::boolean(false);
    bool voluntary = false;
    for (const auto& obligation : case_.obligations) {
      const auto kind = model::enforcement_kind(obligation);
      kinds[std::string(model::enforcement_kind_code(kind))] = Value::boolean(true);
      // Interim measures are enforced at once, a bankruptcy decision through liquidation: no voluntary period.
      voluntary = voluntary || (!obligation.is_refund() && kind != model::EnforcementKind::interim_measure &&
                                kind != model::EnforcementKind::bankruptcy);
    }
    fields["kinds"] = Value::object(std::move(kinds), loc);
    fields["only_refunds"] = Value::boolean(!case_.obligations.empty() &&
                                            std::all_of(case_.obligations.begin(), case_.obligations.end(),
                                                        [](const model::Obligation& o) { return o.is_refund(); }));
    fields["has_voluntary_period"] = Value::boolean(voluntary);

    const auto step = [&](const model::Event& event) {
      Object out{{"date", Value::date(event.date, event.loc)},
                 {"number", optional_text(event.number, event.loc)},
                 {"reason", optional_text(event.reason, event.loc)},
                 {"body", optional_text(event.body, event.loc)},
                 {"ground", event.ground ? Value::text(*event.ground, event.loc) : Value::absent(event.loc)},
                 {"amount", event.amount ? Value::money(*event.amount, event.loc) : Value::absent(event.loc)},
                 {"price", event.price ? Value::money(*event.price, event.loc) : Value::absent(event.loc)}};
      const model::Asset* asset = event.asset_id ? case_.find_asset(*event.asset_id) : nullptr;
      out["asset"] = asset ? asset_value(*asset) : Value::absent(event.loc);
      const model::Obligation* obligation = event.obligation_id ? case_.find_obligation(*event.obligation_id) : nullptr;
      out["obligation"] = obligation ? obligation_value(*obligation) : Value::absent(event.loc);
      // The part of the decision concerned: the obligations named, else every one the decision enforces.
      List concerned;
      std::size_t decided = 0;
      for (const auto& o : case_.obligations) {
        if (decides(o)) ++decided;
        const bool named =
            std::find(event.obligation_ids.begin(), event.obligation_ids.end(), o.id) != event.obligation_ids.end();
        if (event.obligation_ids.empty() ? decides(o) : named) concerned.push_back(obligation_value(o));
      }
      out["obligations"] = Value::list(std::move(concerned), event.loc);
      out["partial"] = Value::boolean(!event.obligation_ids.empty() && event.obligation_ids.size() < decided);
      return out;
    };
    const auto latest = [&](K kind, const std::function<bool(const model::Event&)>& keep = {}) -> const model::Event* {
      const model::Event* found = nullptr;
      for (const model::Event* event : ledger_.events())
        if (event->kind == kind && (!keep || keep(*event)) && (found == nullptr || !(event->date < found->date)))
          found = event;
      return found;
    };
    const auto put = [&](const char* name, const model::Event* event, const std::function<void(Object&)>& more = {}) {
      if (event == nullptr) {
        fields[name] = Value::absent(loc);
        return;
      }
      Object out = step(*event);
      if (more) more(out);
      fields[name] = Value::object(std::move(out), event->loc);
    };
    put("delegation", latest(K::delegated_out));
    put("delegated_in", latest(K::delegated_in));
    put("withdrawal", latest(K::withdrawn));
    put("cancellation", latest(K::cancelled));
    put("request_returned", latest(K::request_returned));
    put("to_separate_register", latest(K::to_separate_register));
    put("from_separate_register", latest(K::from_separate_register));
    const model::Event* resumed = latest(K::resumed);
    put("resumption", resumed, [&](Object& out) {
      // The postponement or suspension it ends: the latest one before it.
      const auto stop = [&](const model::Event& e) { return !(resumed->date < e.date); };
      const model::Event* postponed = latest(K::postponed, stop);
      const model::Event* suspended = latest(K::suspended, stop);
      const model::Event* ended = postponed == nullptr                                        ? suspended
                                  : suspended == nullptr || suspended->date < postponed->date ? postponed
                                                                                              : suspended;
      if (ended == nullptr) {
        out["ends"] = Value::absent(resumed->loc);
        return;
      }
      out["ends"] = Value::object({{"kind", Value::text(ended->kind == K::postponed ? "postponed" : "suspended")},
                                   {"date", Value::date(ended->date, ended->loc)},
                                   {"reason", optional_text(ended->reason, ended->loc)}},
                                  ended->loc);
    });
    put("security", latest(K::secured), [&](Object& out) {
      const model::Event& e = *latest(K::secured);
      const char* code = e.measure == model::SecurityMeasure::freeze ? "freeze"
                         : e.measure == model::SecurityMeasure::hold ? "hold"
                                                                     : "stop-transfer";
      out["measure"] = Value::text(code, e.loc);
    });
    put("council", latest(K::destruction_council));
    put("seizure", latest(K::seized));
    put("valuation", latest(K::valued));
    const model::Event* auction = latest(K::auctioned);
    put("auction", auction, [&](Object& out) {
      out["sold"] = Value::boolean(auction->sale == model::AuctionResult::sold);
      out["starting_price"] =
          auction->starting_price ? Value::money(*auction->starting_price, auction->loc) : Value::absent(auction->loc);
    });
    const model::Event* handover = latest(K::handed_over);
    put("handover", handover, [&](Object& out) {
      out["to"] = party_reference(handover->party_id, handover->loc);
      out["recipient"] = optional_text(handover->recipient, handover->loc);
    });
    const model::Event* release = latest(K::released);
    put("release", release, [&](Object& out) {
      const model::Event* seizure = latest(K::seized, [&](const model::Event& e) {
        return e.asset_id == release->asset_id && !(release->date < e.date);
      });
      out["seizure"] = seizure ? Value::object(step(*seizure), seizure->loc) : Value::absent(release->loc);
    });
    put("account_deduction",
        latest(K::deduction, [](const model::Event& e) { return e.source == model::DeductionSource::account; }));
    const model::Event* income =
        latest(K::deduction, [](const model::Event& e) { return e.source == model::DeductionSource::income; });
    put("income_deduction", income, [&](Object& out) {
      out["rate"] = income->rate ? Value::number(*income->rate, income->loc) : Value::absent(income->loc);
    });
    List remissions;
    for (const model::Event* event : ledger_.events()) {
      if (event->kind != K::remission) continue;
      Object out = step(*event);
      out["kind"] =
          Value::text(event->remission == model::RemissionKind::reduction ? "reduction" : "exemption", event->loc);
      remissions.push_back(Value::object(std::move(out), event->loc));
    }
    fields["remissions"] = Value::list(std::move(remissions), loc);
    // Money collected for a creditor: the latest day a debtor paid towards an obligation owed to a party.
    const auto to_creditor = [&](const model::Event& e) {
      const model::Obligation* o = e.obligation_id ? case_.find_obligation(*e.obligation_id) : nullptr;
      return o != nullptr && o->creditor_id && !o->is_refund();
    };
    const model::Event* collected = latest(K::payment, to_creditor);
    put("last_collection", collected, [&](Object& out) {
      model::Money total;
      for (const model::Event* event : ledger_.events())
        if (event->kind == K::payment && event->date == collected->date && to_creditor(*event) && event->amount)
          total += *event->amount;
      out["amount"] = Value::money(total, collected->loc);
      const model::Obligation* o = case_.find_obligation(*collected->obligation_id);
      out["creditor"] = party_reference(o->creditor_id, collected->loc);
    });
  }

  Value document() {
    const auto& info = template_->document();
    const std::string type_code = info ? info->type_code : std::string();
    const std::string type_name = info ? info->type_name : std::string();
    // Số, ký hiệu: "05/QĐ-CCTHADS"; a draft leaves room for the number: "      /QĐ-CCTHADS".
    const std::string notation =
        type_code.empty() ? case_.agency.code.value : type_code + "-" + case_.agency.code.value;
    const std::string number = input_.number.empty() ? std::string("      ") : input_.number;
    // The căn cứ lines and form code of this template under the document's regime.
    List can_cu;
    Value form = Value::absent();
    if (regime_ != nullptr) {
      if (const auto lines = regime_->basis_lines.find(template_name_); lines != regime_->basis_lines.end())
        for (const auto& line : with_full_citation(*regime_, lines->second))
          can_cu.push_back(Value::text(line, regime_->loc));
      if (const auto code = regime_->form_codes.find(template_name_); code != regime_->form_codes.end())
        form = Value::text(code->second, regime_->loc);
    }
    // A letter (code="") bears the agency's code alone: "05/CCTHADS".
    return Value::object({{"number", Value::text(input_.number)},
                          {"date", Value::date(date_)},
                          {"can_cu", Value::list(std::move(can_cu))},
                          {"form", form},
                          {"complaint", complaint()},
                          {"superior", superior_copy()},
                          {"template", Value::text(template_name_)},
                          {"type_name", Value::text(type_name)},
                          {"type_code", Value::text(type_code)},
                          {"notation", Value::text(notation)},
                          {"reference", Value::text(number + "/" + notation)}});
  }

  // A time limit as templates see it: count, unit, text ("15 ngày"), basis; the count and text warn when unconfirmed.
  Value limit_value(const rules::TimeLimit& limit) const {
    const char* unit = limit.unit == rules::DayCount::calendar_days  ? "ngày"
                       : limit.unit == rules::DayCount::working_days ? "ngày làm việc"
                                                                     : "tháng";
    return Value::object({{"count", checked(Value::number(limit.count, limit.loc), limit)},
                          {"unit", Value::text(unit, limit.loc)},
                          {"text", checked(Value::text(text::two_digits(limit.count) + " " + unit, limit.loc), limit)},
                          {"basis", Value::text(limit.basis, limit.loc)}},
                         limit.loc);
  }

  // The time limit to complain against this document (rules/law.xml <complaint>, Luật 2008 Điều 140), absent when
  // no party may complain against it: the first entry for the template whose case holds on the document's date.
  Value complaint() const {
    if (regime_ == nullptr) return Value::absent();
    const auto holds = [&](const std::string& when) {
      if (when.empty()) return true;
      if (when == "after-coercion") {
        for (const model::Event* event : ledger_.events())
          if (event->kind == model::EventKind::seized || event->kind == model::EventKind::deduction ||
              event->kind == model::EventKind::auctioned || event->kind == model::EventKind::handed_over)
            return true;
        return false;
      }
      // account-freeze: the security measure the document decides freezes an account.
      const model::Event* secured = ledger_.last(model::EventKind::secured);
      if (secured == nullptr || secured->measure != model::SecurityMeasure::freeze || !secured->asset_id) return false;
      const model::Asset* asset = case_.find_asset(*secured->asset_id);
      return asset != nullptr && asset->kind == model::AssetKind::account;
    };
    for (const auto& entry : regime_->complaints) {
      if (entry.document != template_name_ || !holds(entry.when)) continue;
      const auto limit = regime_->time_limits.find(entry.limit);
      if (limit != regime_->time_limits.end()) return limit_value(limit->second);
    }
    return Value::absent();
  }

  Value regime() {
    const rules::Regime* regime = regime_;
    if (regime == nullptr) {
      diagnostics_.error("E0314", case_.loc,
                         "không có chế độ pháp lý nào áp dụng cho ngày " + date_.to_iso() +
                             " trong dữ liệu pháp luật (rules/law.xml)");
      return Value::absent(case_.loc);
    }
    // can_cu.<kind>: lines added after a document's first căn cứ (the law cited short); opening.<kind>: the same
    // lines opening a document's căn cứ in its place (the law's first citation in full).
    Object can_cu;
    Object opening;
    for (const auto& [document, lines] : regime->basis_lines) {
      List items;
      for (const auto& line : lines) items.push_back(Value::text(line, regime->loc));
      can_cu[document] = Value::list(std::move(items), regime->loc);
      List opening_items;
      for (const auto& line : with_full_citation(*regime, lines))
        opening_items.push_back(Value::text(line, regime->loc));
      opening[document] = Value::list(std::move(opening_items), regime->loc);
    }
    Object limits;
    for (const auto& [id, limit] : regime->time_limits) limits[id] = limit_value(limit);
    Object citations;
    for (const auto& [id, citation] : regime->citations) citations[id] = Value::text(citation, regime->loc);
    return Value::object({{"id", Value::text(regime->id, regime->loc)},
                          {"name", Value::text(regime->name, regime->loc)},
                          {"citation", Value::object(std::move(citations), regime->loc)},
                          {"can_cu", Value::object(std::move(can_cu), regime->loc)},
                          {"opening", Value::object(std::move(opening), regime->loc)},
                          {"limits", Value::object(std::move(limits), regime->loc)}},
                         regime->loc);
  }

  const model::Case& case_;
  const model::Ledger& ledger_;
  const RenderInput& input_;
  const model::Date date_;  ///< the document's date: the ledger's
  const rules::Law& law_;
  const Template* template_;  ///< nullptr: a builder of the shared fields only
  const std::string template_name_;
  const std::vector<Parameter>& parameters_;
  Diagnostics& diagnostics_;
  const rules::Regime* regime_;
  std::map<std::string, Value, std::less<>> party_references_;     ///< party id → party_value(party, false)
  std::map<std::string, Value, std::less<>> judgment_references_;  ///< judgment id → judgment(j)
  std::map<const model::Obligation*, Value> obligation_values_;    ///< obligation → obligation_value(o)
  /// A party_value request: the party, with_obligations, whether owed_to is given, and owed_to.
  using PartyKey = std::tuple<const model::Party*, bool, bool, std::string>;
  std::map<PartyKey, Value> party_values_;  ///< request → party_value(…)
  std::string signing_;                     ///< the checked `signing` parameter, "" for automatic
};

}  // namespace

std::string honorific(model::Gender gender) {
  switch (gender) {
    case model::Gender::male: return "ông";
    case model::Gender::female: return "bà";
    case model::Gender::unknown: return "";
  }
  return "";
}

std::string with_honorific(model::Gender gender, const std::string& name) {
  const std::string word = honorific(gender);
  return word.empty() ? name : word + " " + name;
}

std::vector<std::string> authority_lines(const std::string& position, const std::string& prefix,
                                         const std::string& on_behalf_of) {
  const std::string own = text::to_upper(position);
  const std::string lower = text::to_lower(position);
  const auto without = [&](std::string_view word) {
    return text::capitalize_first(position.substr(std::min(position.size(), word.size())));
  };
  const bool deputy = lower.rfind("phó ", 0) == 0;
  const bool acting = lower.rfind("quyền ", 0) == 0;
  if (prefix.empty() || prefix == "KT.") {
    // "Phó Chi cục trưởng" signs for the "Chi cục trưởng": KT. (ký thay).
    if (deputy || prefix == "KT.") return {"KT. " + text::to_upper(deputy ? without("Phó ") : on_behalf_of), own};
    if (acting) return {"Q. " + text::to_upper(without("Quyền "))};
    return {own};
  }
  if (prefix == "Q.") return {"Q. " + text::to_upper(acting ? without("Quyền ") : position)};
  // TL. (thừa lệnh), TUQ. (thừa ủy quyền), TM. (thay mặt a collective body).
  return {prefix + " " + text::to_upper(on_behalf_of), own};
}

std::string deciding_authority(const std::string& head_position, const model::Agency& agency) {
  // "Trưởng Thi hành án dân sự tỉnh" heads the agency it names: complete it with that agency's name.
  if (const std::string* headed = headed_agency(head_position, agency)) return "TRƯỞNG " + text::to_upper(*headed);
  return text::to_upper(head_position) + " " + text::to_upper(agency.name.value);
}

Value build_context(const RenderInput& input, const rules::Law& law, const Template& document_template,
                    const std::vector<Parameter>& parameters, Diagnostics& diagnostics) {
  return ContextBuilder(input, law, &document_template, parameters, diagnostics).build();
}

CaseContext::CaseContext(RenderInput input, const rules::Law& law, Diagnostics& diagnostics)
    : input_(std::move(input)), law_(law) {
  input_.parameters.clear();
  static const std::vector<Parameter> kNone;
  ContextBuilder shared(input_, law_, nullptr, kNone, diagnostics);
  shared_ = shared.case_fields();
  shared.regime_fields(shared_);
}

Value CaseContext::for_template(const Template& document_template, const std::vector<Parameter>& parameters,
                                std::map<std::string, std::string, std::less<>> values, Diagnostics& diagnostics) {
  input_.parameters = std::move(values);
  Object root = shared_;
  ContextBuilder(input_, law_, &document_template, parameters, diagnostics).template_fields(root);
  return Value::object(std::move(root), input_.ledger.the_case().loc);
}

}  // namespace vanban::templating
