#include "pipeline/office.hpp"

#include "pipeline/request.hpp"
#include "rules/law_book.hpp"
#include "text/case_mapping.hpp"

namespace vanban::pipeline {

namespace {

// W0319 where the case's own agency or officers say otherwise than the profile on `date`.
void compare(const model::Case& the_case, const model::OfficeProfile& office, model::Date date,
             Diagnostics& diagnostics) {
  if (!the_case.agency.name.empty()) {
    if (const auto agency = office.agency_on(date)) {
      const auto differs = [&](const model::Text& own, const model::Text& profile, const char* what) {
        if (own.value == profile.value) return;
        diagnostics.warning("W0319", own.loc.line != 0 ? own.loc : the_case.agency.loc,
                            std::string(what) + " của cơ quan trong hồ sơ \"" + own.value +
                                "\" khác hồ sơ cơ quan trong tệp cấu hình \"" + profile.value + "\" (ngày " +
                                date.to_dmy() + "); văn bản dùng của hồ sơ");
      };
      differs(the_case.agency.name, agency->name, "tên");
      differs(the_case.agency.code, agency->code, "ký hiệu");
    }
  }
  for (const auto& officer : the_case.officers) {
    for (const auto& known : office.officers_on(date)) {
      if (known.id != officer.id) continue;
      if (known.name.value != officer.name.value || known.position.value != officer.position.value)
        diagnostics.warning("W0319", officer.loc,
                            "cán bộ \"" + officer.id + "\" trong hồ sơ là " + officer.name.value + " (" +
                                officer.position.value + "), tệp cấu hình ghi " + known.name.value + " (" +
                                known.position.value + "); văn bản dùng của hồ sơ");
    }
  }
}

}  // namespace

bool complete_case(const model::Case& the_case, const model::OfficeProfile* office, model::Date date,
                   std::shared_ptr<const model::Case>& completed, Diagnostics& diagnostics) {
  std::shared_ptr<model::Case> copy;
  const auto edited = [&]() -> model::Case& {
    if (!copy) copy = std::make_shared<model::Case>(the_case);
    return *copy;
  };
  // [office.mapping]: a name the reorganisation replaced, written in a case file of before, reads as its successor.
  if (office != nullptr && !office->mapping.empty()) {
    const auto rename = [&](model::Text& text) {
      if (const model::Renaming* renaming = office->renaming_of(text.value)) text.value = renaming->new_name;
    };
    const auto renamed = [&](const model::Text& text) { return office->renaming_of(text.value) != nullptr; };
    const model::Agency& agency = the_case.agency;
    if (renamed(agency.name) || renamed(agency.code) || (agency.parent && renamed(*agency.parent))) {
      model::Agency& own = edited().agency;
      rename(own.name);
      rename(own.code);
      if (own.parent) rename(*own.parent);
    }
    for (std::size_t i = 0; i < the_case.officers.size(); ++i)
      if (renamed(the_case.officers[i].position)) rename(edited().officers[i].position);
  }
  const model::Case& current = copy ? *copy : the_case;
  const bool needs_agency = current.agency.name.empty();
  const bool needs_officers = current.officers.empty();
  if (office != nullptr) compare(current, *office, date, diagnostics);
  if (!needs_agency && !needs_officers) {
    completed = std::move(copy);
    return true;
  }
  if (office == nullptr) {
    diagnostics.error("E0317", the_case.loc,
                      std::string("hồ sơ không ghi ") + (needs_agency ? "cơ quan (<agency>)" : "cán bộ (<officers>)") +
                          " và không có tệp cấu hình nào có [office] để lấy");
    return false;
  }
  model::Case& filled = edited();
  if (needs_agency) {
    auto agency = office->agency_on(date);
    if (!agency) {
      diagnostics.error("E0317", the_case.loc,
                        "hồ sơ không ghi cơ quan (<agency>) và tệp cấu hình không có tên cơ quan nào còn hiệu lực "
                        "ngày " +
                            date.to_dmy() + " ([[office.names]] from/until)");
      return false;
    }
    filled.agency = std::move(*agency);
  }
  if (needs_officers) {
    filled.officers = office->officers_on(date);
    bool known = true;
    const auto check = [&](const SourceLoc& loc, const char* attribute, const std::string& id) {
      if (id.empty() || filled.find_officer(id) != nullptr) return;
      diagnostics.error("E0318", loc,
                        std::string(attribute) + "=\"" + id +
                            "\" không phải cán bộ nào trong tệp cấu hình còn hiệu "
                            "lực ngày " +
                            date.to_dmy() + " ([[office.officers]])");
      known = false;
    };
    check(the_case.enforcement.loc, "officer", the_case.enforcement.officer_id);
    if (the_case.enforcement.decision && the_case.enforcement.decision->signer_id)
      check(the_case.enforcement.decision->loc, "signer", *the_case.enforcement.decision->signer_id);
    if (!known) return false;
  }
  completed = std::move(copy);
  return true;
}

bool check_bodies(const model::Case& the_case, const rules::LawBook& law, const model::OfficeProfile* office,
                  model::Date date, Diagnostics& diagnostics) {
  bool exist = true;
  // E0320 when `name` (a body of `kind`) does not exist on `on`, naming what exists instead.
  const auto check = [&](const char* kind, const std::string& what, const std::string& name, const SourceLoc& loc,
                         model::Date on, const std::string& date_of, bool mappable) {
    const rules::Body* body = law.body_not_on(kind, text::to_lower(name), on);
    if (body == nullptr) return;
    std::string period =
        body->until ? "chỉ tồn tại đến hết ngày " + body->until->to_dmy() : "chỉ có từ ngày " + body->from->to_dmy();
    diagnostics.error("E0320", loc,
                      what + " \"" + name + "\" không có vào " + date_of + " " + on.to_dmy() + " (" + period +
                          "); nay là: " + body->instead + (body->confirmed ? "" : " (dữ liệu chưa được xác nhận)") +
                          (mappable ? "; hồ sơ lập trước khi đổi tên thì ghi tên mới trong [office.mapping] của tệp "
                                      "cấu hình"
                                    : ""));
    exist = false;
  };
  const std::string document = "ngày văn bản";
  const model::Agency& agency = the_case.agency;
  const SourceLoc agency_loc = agency.loc;
  const auto at = [&](const model::Text& text) { return text.loc.line != 0 ? text.loc : agency_loc; };
  check("agency", "cơ quan", agency.name.value, at(agency.name), date, document, true);
  if (agency.parent)
    check("agency", "cơ quan chủ quản", agency.parent->value, at(*agency.parent), date, document, true);
  check("code", "ký hiệu", agency.code.value, at(agency.code), date, document, true);
  for (const auto& officer : the_case.officers)
    check("position", "chức vụ của " + officer.name.value, officer.position.value,
          officer.position.loc.line != 0 ? officer.position.loc : officer.loc, date, document, true);
  // A judgment names its court as it was on the judgment's date (an old file keeps its history).
  for (const auto& judgment : the_case.judgments)
    check("court", "tòa án", judgment.court.value, judgment.court.loc.line != 0 ? judgment.court.loc : judgment.loc,
          judgment.date, "ngày của bản án", false);
  if (office != nullptr) {
    const model::AddressedBodies bodies = office->bodies_on(date);
    check("police", "cơ quan công an [office] police", bodies.police, office->loc, date, document, false);
    check("finance", "cơ quan tài chính [office] finance", bodies.finance, office->loc, date, document, false);
    check("procuracy", "viện kiểm sát [office] procuracy", bodies.procuracy, office->loc, date, document, false);
  }
  return exist;
}

std::filesystem::path office_image(const model::OfficeProfile* office, bool seal,
                                   const std::optional<std::string>& officer_id) {
  const std::string option = seal ? "--seal" : "--officer " + officer_id.value_or("");
  if (office == nullptr) throw RequestError(option + ": không có tệp cấu hình nào có [office]");
  if (seal) {
    if (office->seal_image.empty()) throw RequestError("--seal: tệp cấu hình không ghi [office] seal_image");
    return office->seal_image;
  }
  for (const auto& officer : office->officers) {
    if (officer.id != officer_id) continue;
    if (officer.signature_image.empty())
      throw RequestError(option + ": tệp cấu hình không ghi signature_image của cán bộ này");
    return officer.signature_image;
  }
  throw RequestError(option + ": tệp cấu hình không có cán bộ mã này ([[office.officers]] id)");
}

}  // namespace vanban::pipeline
