#include "model/ledger.hpp"

#include <algorithm>

namespace vanban::model {

namespace {

// A decision that has left the office stays out of it: no later step brings it back into the count.
bool out_of_office(StatusResult result) {
  return result == StatusResult::delegated || result == StatusResult::withdrawn || result == StatusResult::returned;
}

}  // namespace

Ledger::Ledger(const Case& the_case, Date as_of) : case_(&the_case), as_of_(as_of) {
  for (const auto& event : the_case.enforcement.events) {
    if (event.date > as_of) continue;
    events_.push_back(&event);
    if (event.kind == EventKind::payment && event.amount && event.obligation_id)
      paid_[*event.obligation_id] += *event.amount;
    if (event.kind == EventKind::remission && event.obligation_id) {
      if (event.amount) remitted_[*event.obligation_id] += *event.amount;
      else if (event.remission == RemissionKind::exemption) exempted_.insert(*event.obligation_id);
    }
    // A part of the decision delegated out, withdrawn or cancelled is no longer this office's.
    const bool removes = event.kind == EventKind::delegated_out || event.kind == EventKind::withdrawn ||
                         event.kind == EventKind::cancelled;
    if (removes)
      for (const auto& id : event.obligation_ids) out_of_office_.insert(id);
  }
  settle_status();
}

Ledger Ledger::of(const Case& the_case, Date as_of) { return Ledger(the_case, as_of); }

Ledger Ledger::at_end(const Case& the_case) { return Ledger(the_case, *Date::from_ymd(9999, 12, 31)); }

// The status the case file records as of a day on or before the ledger's date, then every later event up to it.
void Ledger::settle_status() {
  std::optional<Date> recorded;
  if (const auto& status = case_->enforcement.status; status && status->as_of <= as_of_) {
    condition_ = status->condition;
    result_ = status->result;
    separate_register_ = status->separate_register;
    recorded = status->as_of;
  }
  // Whether an event concerns the whole decision: it names no obligation, or every one.
  const auto whole = [&](const Event& event) {
    return std::all_of(case_->obligations.begin(), case_->obligations.end(), [&](const Obligation& o) {
      return event.obligation_ids.empty() ||
             std::find(event.obligation_ids.begin(), event.obligation_ids.end(), o.id) != event.obligation_ids.end();
    });
  };
  std::vector<const Event*> ordered = events_;
  std::stable_sort(ordered.begin(), ordered.end(), [](const Event* a, const Event* b) { return a->date < b->date; });
  for (const Event* event : ordered) {
    if (recorded && event->date <= *recorded) continue;
    switch (event->kind) {
      case EventKind::verification:
        if (event->result) condition_ = *event->result;
        break;
      case EventKind::no_means_decision: condition_ = MeansResult::no_means; break;
      case EventKind::postponed:
        if (result_ != StatusResult::terminated && !out_of_office(result_)) result_ = StatusResult::postponed;
        break;
      case EventKind::suspended:
        if (result_ != StatusResult::terminated && !out_of_office(result_)) result_ = StatusResult::suspended;
        break;
      case EventKind::resumed:
        if (result_ == StatusResult::postponed || result_ == StatusResult::suspended)
          result_ = StatusResult::in_progress;
        break;
      case EventKind::terminated: result_ = StatusResult::terminated; break;
      // A decision withdrawn to delegate the case (Luật 2008 điểm a khoản 1 Điều 57) counts as delegated out.
      case EventKind::delegated_out:
        if (whole(*event) && result_ != StatusResult::terminated &&
            (!out_of_office(result_) || result_ == StatusResult::withdrawn))
          result_ = StatusResult::delegated;
        break;
      case EventKind::withdrawn:
      case EventKind::cancelled:
        if (whole(*event) && !out_of_office(result_)) result_ = StatusResult::withdrawn;
        break;
      case EventKind::request_returned:
        if (result_ != StatusResult::terminated && !out_of_office(result_)) result_ = StatusResult::returned;
        break;
      case EventKind::to_separate_register: separate_register_ = true; break;
      case EventKind::from_separate_register: separate_register_ = false; break;
      case EventKind::notified:
      case EventKind::payment:
      case EventKind::destroyed:
      case EventKind::destruction_council:
      case EventKind::delegated_in:
      case EventKind::remission:
      case EventKind::secured:
      case EventKind::seized:
      case EventKind::valued:
      case EventKind::auctioned:
      case EventKind::handed_over:
      case EventKind::released:
      case EventKind::deduction: break;
    }
  }
  // Every obligation is a sum of money, and all of it this office still enforces is paid or remitted: enforced in
  // full (thi hành xong).
  const auto& obligations = case_->obligations;
  const bool all_money = !obligations.empty() && std::all_of(obligations.begin(), obligations.end(),
                                                             [](const Obligation& o) { return o.amount.has_value(); });
  const Sums here = sums([&](const Obligation& o) { return in_office(o); });
  if (all_money && result_ != StatusResult::terminated && !out_of_office(result_) && here.outstanding.dong == 0 &&
      std::any_of(obligations.begin(), obligations.end(), [&](const Obligation& o) { return in_office(o); }))
    result_ = StatusResult::completed;
}

const Event* Ledger::last(EventKind kind) const {
  const Event* found = nullptr;
  for (const Event* event : events_)
    if (event->kind == kind) found = event;
  return found;
}

const Event* Ledger::last(EventKind kind, std::string_view asset_id) const {
  const Event* found = nullptr;
  for (const Event* event : events_)
    if (event->kind == kind && event->asset_id == asset_id) found = event;
  return found;
}

bool Ledger::under_seizure(std::string_view asset_id) const {
  bool seized = false;
  std::vector<const Event*> ordered = events_;
  std::stable_sort(ordered.begin(), ordered.end(), [](const Event* a, const Event* b) { return a->date < b->date; });
  for (const Event* event : ordered) {
    if (event->asset_id != asset_id) continue;
    if (event->kind == EventKind::seized) seized = true;
    if (event->kind == EventKind::released || event->kind == EventKind::handed_over) seized = false;
  }
  return seized;
}

Money Ledger::paid(std::string_view obligation_id) const {
  const auto it = paid_.find(obligation_id);
  return it == paid_.end() ? Money{} : it->second;
}

Money Ledger::remitted(const Obligation& obligation) const {
  const auto it = remitted_.find(obligation.id);
  const Money stated = it == remitted_.end() ? Money{} : it->second;
  if (exempted_.count(obligation.id) == 0 || !obligation.amount) return stated;
  const Money unpaid = *obligation.amount - paid(obligation.id);
  return unpaid > stated ? unpaid : stated;
}

std::optional<Money> Ledger::outstanding(const Obligation& obligation) const {
  if (!obligation.amount) return std::nullopt;
  const Money rest = *obligation.amount - paid(obligation.id) - remitted(obligation);
  return rest.dong > 0 ? rest : Money{};
}

bool Ledger::in_office(const Obligation& obligation) const { return out_of_office_.count(obligation.id) == 0; }

bool Ledger::counts_for_office() const { return !out_of_office(result_); }

Sums Ledger::sums(const std::function<bool(const Obligation&)>& keep) const {
  Sums sums;
  for (const auto& obligation : case_->obligations) {
    if (!keep(obligation)) continue;
    if (obligation.amount) sums.total += *obligation.amount;
    sums.paid += paid(obligation.id);
    sums.remitted += remitted(obligation);
    if (const auto rest = outstanding(obligation)) sums.outstanding += *rest;
    sums.late_interest = sums.late_interest || obligation.late_interest;
  }
  return sums;
}

Sums Ledger::totals() const {
  return sums([](const Obligation&) { return true; });
}

Sums Ledger::owed_by(std::string_view debtor_id) const {
  return sums([&](const Obligation& o) { return o.debtor_id == debtor_id; });
}

Sums Ledger::owed_to_state() const {
  return sums([](const Obligation& o) { return !o.creditor_id.has_value(); });
}

std::optional<Date> Ledger::notified_on(std::string_view party_id) const {
  for (const Event* event : events_)
    if (event->kind == EventKind::notified && event->party_id == party_id) return event->date;
  return std::nullopt;
}

std::optional<Date> Ledger::destroyed_on(std::string_view item_id) const {
  for (const Event* event : events_)
    if (event->kind == EventKind::destroyed && event->item_id == item_id) return event->date;
  return std::nullopt;
}

std::string_view means_code(MeansResult condition) {
  return condition == MeansResult::has_means ? "has-means" : "no-means";
}

std::string_view status_result_code(StatusResult result) {
  switch (result) {
    case StatusResult::completed: return "completed";
    case StatusResult::terminated: return "terminated";
    case StatusResult::in_progress: return "in-progress";
    case StatusResult::postponed: return "postponed";
    case StatusResult::suspended: return "suspended";
    case StatusResult::delegated: return "delegated";
    case StatusResult::withdrawn: return "withdrawn";
    case StatusResult::returned: return "returned";
  }
  return "in-progress";
}

}  // namespace vanban::model
