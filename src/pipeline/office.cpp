#include "pipeline/office.hpp"

#include "pipeline/request.hpp"

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
  const bool needs_agency = the_case.agency.name.empty();
  const bool needs_officers = the_case.officers.empty();
  if (office != nullptr) compare(the_case, *office, date, diagnostics);
  if (!needs_agency && !needs_officers) return true;
  if (office == nullptr) {
    diagnostics.error("E0317", the_case.loc,
                      std::string("hồ sơ không ghi ") + (needs_agency ? "cơ quan (<agency>)" : "cán bộ (<officers>)") +
                          " và không có tệp cấu hình nào có [office] để lấy");
    return false;
  }
  auto copy = std::make_shared<model::Case>(the_case);
  if (needs_agency) {
    auto agency = office->agency_on(date);
    if (!agency) {
      diagnostics.error("E0317", the_case.loc,
                        "hồ sơ không ghi cơ quan (<agency>) và tệp cấu hình không có tên cơ quan nào còn hiệu lực "
                        "ngày " +
                            date.to_dmy() + " ([[office.names]] from/until)");
      return false;
    }
    copy->agency = std::move(*agency);
  }
  if (needs_officers) {
    copy->officers = office->officers_on(date);
    bool known = true;
    const auto check = [&](const SourceLoc& loc, const char* attribute, const std::string& id) {
      if (id.empty() || copy->find_officer(id) != nullptr) return;
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
