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

std::string_view obligation_kind_code(ObligationKind kind) {
  switch (kind) {
    case ObligationKind::court_fee: return "court-fee";
    case ObligationKind::fine: return "fine";
    case ObligationKind::confiscation: return "confiscation";
    case ObligationKind::recovery: return "recovery";
    case ObligationKind::compensation: return "compensation";
    case ObligationKind::debt: return "debt";
    case ObligationKind::alimony: return "alimony";
    case ObligationKind::restitution: return "restitution";
    case ObligationKind::other: return "other";
    case ObligationKind::refund: return "refund";
    case ObligationKind::land_recovery: return "land-recovery";
    case ObligationKind::interim_measure: return "interim-measure";
    case ObligationKind::bankruptcy: return "bankruptcy";
  }
  return "other";
}

std::string_view enforcement_kind_code(EnforcementKind kind) {
  switch (kind) {
    case EnforcementKind::state_payment: return "state-payment";
    case EnforcementKind::refund: return "refund";
    case EnforcementKind::confiscation: return "confiscation";
    case EnforcementKind::land_recovery: return "land-recovery";
    case EnforcementKind::interim_measure: return "interim-measure";
    case EnforcementKind::bankruptcy: return "bankruptcy";
    case EnforcementKind::between_parties: return "between-parties";
  }
  return "between-parties";
}

EnforcementKind enforcement_kind(const Obligation& obligation) {
  switch (obligation.kind) {
    case ObligationKind::court_fee:
    case ObligationKind::fine:
    case ObligationKind::recovery: return EnforcementKind::state_payment;
    case ObligationKind::confiscation: return EnforcementKind::confiscation;
    case ObligationKind::refund: return EnforcementKind::refund;
    case ObligationKind::land_recovery: return EnforcementKind::land_recovery;
    case ObligationKind::interim_measure: return EnforcementKind::interim_measure;
    case ObligationKind::bankruptcy: return EnforcementKind::bankruptcy;
    case ObligationKind::compensation:
    case ObligationKind::debt:
    case ObligationKind::alimony:
    case ObligationKind::restitution:
    case ObligationKind::other: break;
  }
  // Owed to the State budget (no creditor): "các khoản thu khác cho Nhà nước" (điểm c khoản 2 Điều 36).
  return obligation.creditor_id ? EnforcementKind::between_parties : EnforcementKind::confiscation;
}

std::string_view event_kind_code(EventKind kind) {
  switch (kind) {
    case EventKind::notified: return "notified";
    case EventKind::verification: return "verification";
    case EventKind::payment: return "payment";
    case EventKind::postponed: return "postponed";
    case EventKind::suspended: return "suspended";
    case EventKind::terminated: return "terminated";
    case EventKind::no_means_decision: return "no-means-decision";
    case EventKind::destroyed: return "destroyed";
    case EventKind::delegated_out: return "delegated-out";
    case EventKind::delegated_in: return "delegated-in";
    case EventKind::withdrawn: return "withdrawn";
    case EventKind::cancelled: return "cancelled";
    case EventKind::remission: return "remission";
    case EventKind::to_separate_register: return "to-separate-register";
    case EventKind::from_separate_register: return "from-separate-register";
    case EventKind::resumed: return "resumed";
    case EventKind::secured: return "secured";
    case EventKind::seized: return "seized";
    case EventKind::valued: return "valued";
    case EventKind::auctioned: return "auctioned";
    case EventKind::handed_over: return "handed-over";
    case EventKind::released: return "released";
    case EventKind::deduction: return "deduction";
    case EventKind::request_returned: return "request-returned";
    case EventKind::destruction_council: return "destruction-council";
  }
  return "event";
}

const Party* Case::find_party(std::string_view party_id) const { return find_by_id(parties, party_id); }
const Officer* Case::find_officer(std::string_view officer_id) const { return find_by_id(officers, officer_id); }
const Judgment* Case::find_judgment(std::string_view judgment_id) const { return find_by_id(judgments, judgment_id); }
const Obligation* Case::find_obligation(std::string_view obligation_id) const {
  return find_by_id(obligations, obligation_id);
}
const EvidenceItem* Case::find_evidence(std::string_view item_id) const { return find_by_id(evidence, item_id); }
const Asset* Case::find_asset(std::string_view asset_id) const { return find_by_id(assets, asset_id); }

}  // namespace vanban::model
