#include "model/office.hpp"

#include <algorithm>

namespace vanban::model {

namespace {
std::optional<Text> optional_text(const std::string& value, const SourceLoc& loc) {
  if (value.empty()) return std::nullopt;
  return Text{value, loc};
}
}  // namespace

const OfficeName* OfficeProfile::name_on(Date date) const {
  for (const auto& name : names)
    if (name.valid.contains(date)) return &name;
  return nullptr;
}

std::optional<Agency> OfficeProfile::agency_on(Date date) const {
  const OfficeName* name = name_on(date);
  if (name == nullptr) return std::nullopt;
  Agency agency;
  agency.loc = name->loc;
  agency.parent = optional_text(name->parent, name->loc);
  agency.name = Text{name->name, name->loc};
  agency.code = Text{name->code, name->loc};
  agency.place = Text{name->place.empty() ? place : name->place, name->loc};
  agency.address = optional_text(address, loc);
  agency.phone = optional_text(phone, loc);
  agency.email = optional_text(email, loc);
  return agency;
}

AddressedBodies OfficeProfile::bodies_on(Date date) const {
  const OfficeName* name = name_on(date);
  const auto own = [&](const std::string OfficeName::*field, const std::string& office_wide) {
    return name != nullptr && !(name->*field).empty() ? name->*field : office_wide;
  };
  return AddressedBodies{own(&OfficeName::police, police), own(&OfficeName::finance, finance),
                         own(&OfficeName::procuracy, procuracy)};
}

bool OfficeProfile::confirms(const std::string& regime, const std::string& limit) const {
  const std::string key = regime + "/" + limit;
  return std::find(confirmed_limits.begin(), confirmed_limits.end(), key) != confirmed_limits.end();
}

const Renaming* OfficeProfile::renaming_of(const std::string& old_name) const {
  for (const auto& renaming : mapping)
    if (renaming.old_name == old_name) return &renaming;
  return nullptr;
}

std::vector<Officer> OfficeProfile::officers_on(Date date) const {
  std::vector<Officer> out;
  for (const auto& officer : officers) {
    if (!officer.valid.contains(date)) continue;
    Officer item;
    item.id = officer.id;
    item.name = Text{officer.name, officer.loc};
    item.position = Text{officer.position, officer.loc};
    item.card = optional_text(officer.card, officer.loc);
    item.loc = officer.loc;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace vanban::model
