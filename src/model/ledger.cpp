#include "model/ledger.hpp"

#include <algorithm>

namespace vanban::model {

Ledger::Ledger(const Case& the_case, Date as_of) : case_(&the_case), as_of_(as_of) {
  for (const auto& event : the_case.enforcement.events) {
    if (event.date > as_of) continue;
    events_.push_back(&event);
    if (event.kind == EventKind::payment && event.amount && event.obligation_id)
      paid_[*event.obligation_id] += *event.amount;
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
    recorded = status->as_of;
  }
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
        if (result_ != StatusResult::terminated) result_ = StatusResult::postponed;
        break;
      case EventKind::suspended:
        if (result_ != StatusResult::terminated) result_ = StatusResult::suspended;
        break;
      case EventKind::terminated: result_ = StatusResult::terminated; break;
      case EventKind::notified:
      case EventKind::payment:
      case EventKind::destroyed: break;
    }
  }
  // Every obligation is a sum of money, and all of it is paid: enforced in full (thi hành xong).
  const auto& obligations = case_->obligations;
  const bool all_money = !obligations.empty() && std::all_of(obligations.begin(), obligations.end(),
                                                             [](const Obligation& o) { return o.amount.has_value(); });
  if (all_money && result_ != StatusResult::terminated && totals().outstanding.dong == 0)
    result_ = StatusResult::completed;
}

const Event* Ledger::last(EventKind kind) const {
  const Event* found = nullptr;
  for (const Event* event : events_)
    if (event->kind == kind) found = event;
  return found;
}

Money Ledger::paid(std::string_view obligation_id) const {
  const auto it = paid_.find(obligation_id);
  return it == paid_.end() ? Money{} : it->second;
}

std::optional<Money> Ledger::outstanding(const Obligation& obligation) const {
  if (!obligation.amount) return std::nullopt;
  const Money rest = *obligation.amount - paid(obligation.id);
  return rest.dong > 0 ? rest : Money{};
}

Sums Ledger::sums(const std::function<bool(const Obligation&)>& keep) const {
  Sums sums;
  for (const auto& obligation : case_->obligations) {
    if (!keep(obligation)) continue;
    if (obligation.amount) sums.total += *obligation.amount;
    sums.paid += paid(obligation.id);
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
  }
  return "in-progress";
}

}  // namespace vanban::model
