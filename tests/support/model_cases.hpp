#pragma once
// Cases built in code for the tests of what is computed from a case (statistics, deadlines): one debtor, one
// obligation, one chấp hành viên, and the events a test adds.

#include <cstdint>
#include <string>

#include "model/case.hpp"

namespace vanban::test {

/// An obligation that is not a sum of money.
inline constexpr std::int64_t kNoMoney = -1;

/// A date written YYYY-MM-DD in a test.
inline model::Date day(const char* iso) { return *model::Date::parse_iso(iso); }

/// A case `id` of one debtor ("d", Hà Văn Hưởng) owing one obligation ("o") of `amount` đồng (kNoMoney: not a sum of
/// money), enforced by one chấp hành viên ("chv", named `officer`).
inline model::Case one_debtor_case(const std::string& id, std::int64_t amount,
                                   const std::string& officer = "Phạm Quốc Khánh") {
  model::Case c;
  c.id = id;
  c.agency.name.value = "CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN THƯỜNG XUÂN";
  model::Officer chv;
  chv.id = "chv";
  chv.name.value = officer;
  chv.position.value = "Chấp hành viên";
  c.officers.push_back(chv);
  model::Party debtor;
  debtor.id = "d";
  debtor.name.value = "Hà Văn Hưởng";
  c.parties.push_back(debtor);
  model::Obligation obligation;
  obligation.id = "o";
  obligation.debtor_id = "d";
  if (amount != kNoMoney) obligation.amount = model::Money{amount};
  c.obligations.push_back(obligation);
  c.enforcement.officer_id = "chv";
  return c;
}

/// An event of `kind` on a date.
inline model::Event event(model::EventKind kind, const char* date) {
  model::Event e;
  e.kind = kind;
  e.date = day(date);
  return e;
}

/// A payment towards obligation "o".
inline model::Event payment(const char* date, std::int64_t amount) {
  model::Event e = event(model::EventKind::payment, date);
  e.amount = model::Money{amount};
  e.obligation_id = "o";
  return e;
}

/// A verification with its result.
inline model::Event verification(const char* date, model::MeansResult result) {
  model::Event e = event(model::EventKind::verification, date);
  e.result = result;
  return e;
}

}  // namespace vanban::test
