#pragma once
// The figures of a case as of a date (sổ theo dõi): what was paid and what remains, per obligation and in total,
// and where enforcement stands. Computed here once, and read by templating (the document's context), the batch
// manifest, the batch filter and the statistics; nothing else sums payments or decides a case's status.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/case.hpp"

namespace vanban::model {

/// Sums over a set of obligations.
struct Sums {
  Money total;                 ///< what the obligations with an amount state
  Money paid;                  ///< what was paid towards them (may exceed `total` when a payment was too large)
  Money remitted;              ///< what the court exempted or reduced (miễn, giảm)
  Money outstanding;           ///< what remains: per obligation the amount less payments and remissions, never below 0
  bool late_interest = false;  ///< some obligation bears late-payment interest
};

/// A case as it stood at the end of one day: later events do not exist for it.
class Ledger {
 public:
  /// The ledger of `the_case` at the end of `as_of`; `the_case` must outlive it.
  static Ledger of(const Case& the_case, Date as_of);
  /// The ledger of the whole history: every event of the case, whatever its date.
  static Ledger at_end(const Case& the_case);
  // A ledger points into its case: never one of a temporary.
  static Ledger of(const Case&& the_case, Date as_of) = delete;
  static Ledger at_end(const Case&& the_case) = delete;

  [[nodiscard]] const Case& the_case() const { return *case_; }
  [[nodiscard]] Date as_of() const { return as_of_; }
  /// The events on or before the date, in the order of the case file.
  [[nodiscard]] const std::vector<const Event*>& events() const { return events_; }
  /// The last event of `kind` on or before the date, or nullptr.
  [[nodiscard]] const Event* last(EventKind kind) const;

  /// The last event of `kind` about one asset on or before the date, or nullptr.
  [[nodiscard]] const Event* last(EventKind kind, std::string_view asset_id) const;

  /// Paid towards one obligation (for a refund: paid out to the payee).
  [[nodiscard]] Money paid(std::string_view obligation_id) const;
  /// What the court exempted or reduced of one obligation; an exemption without an amount remits all that was not
  /// paid.
  [[nodiscard]] Money remitted(const Obligation& obligation) const;
  /// What remains of one obligation (never below zero); nullopt for an obligation that is not a sum of money.
  [[nodiscard]] std::optional<Money> outstanding(const Obligation& obligation) const;
  /// Whether the obligation is still this office's to enforce: not delegated out, withdrawn or cancelled.
  [[nodiscard]] bool in_office(const Obligation& obligation) const;
  /// Sums over the obligations `keep` selects.
  [[nodiscard]] Sums sums(const std::function<bool(const Obligation&)>& keep) const;
  /// Sums over every obligation of the case.
  [[nodiscard]] Sums totals() const;
  /// Sums over the obligations of one debtor.
  [[nodiscard]] Sums owed_by(std::string_view debtor_id) const;
  /// Sums over the obligations owed to the State budget (no creditor).
  [[nodiscard]] Sums owed_to_state() const;

  /// Whether enforcement has means (có / chưa có điều kiện thi hành).
  [[nodiscard]] MeansResult condition() const { return condition_; }
  /// Where enforcement stands: in progress, postponed, suspended, terminated or completed; or out of the office:
  /// delegated out, withdrawn (or cancelled), returned to the requester.
  [[nodiscard]] StatusResult result() const { return result_; }
  /// Whether the decision still counts in the office's figures (not delegated out, withdrawn, cancelled or returned).
  [[nodiscard]] bool counts_for_office() const;
  /// Whether the case is on the separate register (sổ theo dõi riêng).
  [[nodiscard]] bool separate_register() const { return separate_register_; }
  /// Whether the asset is under seizure: seized, and neither released nor handed over since.
  [[nodiscard]] bool under_seizure(std::string_view asset_id) const;

  /// The first time the party was notified, if it was.
  [[nodiscard]] std::optional<Date> notified_on(std::string_view party_id) const;
  /// When an evidence item was destroyed (the first destruction event), if it was.
  [[nodiscard]] std::optional<Date> destroyed_on(std::string_view item_id) const;

 private:
  Ledger(const Case& the_case, Date as_of);
  void settle_status();

  const Case* case_;
  Date as_of_;
  std::vector<const Event*> events_;
  std::map<std::string, Money, std::less<>> paid_;
  std::map<std::string, Money, std::less<>> remitted_;  ///< remissions with an amount
  std::set<std::string, std::less<>> exempted_;         ///< exemptions of all that remains
  std::set<std::string, std::less<>> out_of_office_;    ///< obligations delegated out, withdrawn or cancelled
  MeansResult condition_ = MeansResult::has_means;
  StatusResult result_ = StatusResult::in_progress;
  bool separate_register_ = false;
};

/// The exchange format's word for a condition: "has-means", "no-means".
std::string_view means_code(MeansResult condition);
/// The exchange format's word for a result: "completed", "terminated", "in-progress", "postponed", "suspended",
/// "delegated", "withdrawn", "returned".
std::string_view status_result_code(StatusResult result);

}  // namespace vanban::model
