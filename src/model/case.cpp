#include "model/case.hpp"

#include <algorithm>

namespace vanban::model {

namespace {
template <typename T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

std::string_view role_code(Role role) {
  switch (role) {
    case Role::debtor: return "debtor";
    case Role::creditor: return "creditor";
    case Role::related: return "related";
  }
  return "related";
}

const Party* Case::find_party(std::string_view party_id) const { return find_by_id(parties, party_id); }
const Officer* Case::find_officer(std::string_view officer_id) const { return find_by_id(officers, officer_id); }
const Judgment* Case::find_judgment(std::string_view judgment_id) const { return find_by_id(judgments, judgment_id); }
const Obligation* Case::find_obligation(std::string_view obligation_id) const {
  return find_by_id(obligations, obligation_id);
}
const EvidenceItem* Case::find_evidence(std::string_view item_id) const { return find_by_id(evidence, item_id); }

}  // namespace vanban::model
