#include "reports/deadlines.hpp"

#include <algorithm>

#include "model/ledger.hpp"

namespace vanban::reports {

namespace {

// The steps in their order within a case, with the template that drafts each one's document.
enum Step : std::size_t {
  kDecision,
  kProcuracy,
  kNotification,
  kFirstVerification,
  kNoMeansDecision,
  kPublishNoMeans,
  kReverification,
  kDestructionCouncil,
  kDestruction,
  kResume,
  kRemission,
  kPersuasion,
};

struct StepInfo {
  std::string_view id;
  std::string_view template_name;
};

const std::vector<StepInfo> kSteps = {
    {"decision", ""},  // the template depends on the mode: qd-tha-chu-dong or qd-tha-theo-yeu-cau
    {"send-to-procuracy", ""},
    {"notification", "thong-bao-tha"},
    {"first-verification", "bb-xac-minh"},
    {"no-means-decision", "qd-chua-co-dieu-kien"},
    {"publish-no-means", ""},
    {"reverification", "bb-xac-minh"},
    {"destruction-council", "qd-hoi-dong-tieu-huy"},
    {"destruction", "bb-tieu-huy"},
    {"resume", "qd-tiep-tuc"},
    {"remission", "de-nghi-mien-giam"},
    {"persuasion", "thu-van-dong"},
};

constexpr const char* kDecisionTemplates[] = {"qd-tha-chu-dong", "qd-tha-theo-yeu-cau"};

class CaseSteps {
 public:
  CaseSteps(const model::Case& the_case, model::Date as_of, const rules::Law& law)
      : case_(the_case), as_of_(as_of), law_(law), ledger_(model::Ledger::of(the_case, as_of)) {
    for (const auto& party : the_case.parties)
      if (party.role == model::Role::debtor) debtors_ += (debtors_.empty() ? "" : "; ") + party.name.value;
    const model::Officer* officer = the_case.find_officer(the_case.enforcement.officer_id);
    officer_ = officer ? officer->name.value : the_case.enforcement.officer_id;
  }

  std::vector<Deadline> collect() {
    const auto& enforcement = case_.enforcement;
    const auto& decision = enforcement.decision;
    const bool ex_officio = enforcement.mode == model::EnforcementMode::ex_officio;
    // A decision delegated out, withdrawn or cancelled, or a request returned, is no longer this office's: no step
    // is left to it.
    if (!ledger_.counts_for_office()) return std::move(out_);
    if (!decision || decision->date > as_of_) {
      // Decision after receiving a delegation, else the judgment (chủ động) or the request (theo yêu cầu).
      if (const model::Event* received = ledger_.last(model::EventKind::delegated_in)) {
        limit(kDecision, "Ra quyết định thi hành án (nhận ủy thác)", received->date, "receive-delegation",
              kDecisionTemplates[ex_officio ? 0 : 1]);
        return std::move(out_);
      }
      const std::optional<model::Date> trigger =
          ex_officio ? enforcement.received
                     : (enforcement.request ? std::optional(enforcement.request->date) : enforcement.received);
      if (trigger && *trigger <= as_of_)
        limit(kDecision, "Ra quyết định thi hành án", *trigger,
              ex_officio ? "decision-ex-officio" : "decision-on-request", kDecisionTemplates[ex_officio ? 0 : 1]);
      return std::move(out_);
    }
    const model::Date decided = decision->date;
    const bool closed =
        ledger_.result() == model::StatusResult::completed || ledger_.result() == model::StatusResult::terminated;
    limit(kProcuracy, "Gửi quyết định thi hành án cho Viện kiểm sát", decided, "send-to-procuracy", "", true);
    notification_and_verification(decided, closed);
    evidence(decided);
    if (ledger_.result() == model::StatusResult::postponed) resume();
    if (!closed) candidates(decided);
    return std::move(out_);
  }

 private:
  // Adds the step `step` due `limit_id` after `trigger` under the regime in force on `trigger`; returns its due date.
  std::optional<model::Date> limit(Step step, std::string label, model::Date trigger, std::string_view limit_id,
                                   std::string_view template_name, bool unrecorded = false, bool add = true) {
    const auto* time_limit = find_limit(trigger, limit_id);
    if (time_limit == nullptr) return std::nullopt;
    const model::Date due = law_.calendar.deadline(trigger, *time_limit);
    if (add)
      push(step, std::move(label), trigger, due, time_limit->basis, time_limit->confirmed, template_name, unrecorded,
           false);
    return due;
  }

  const rules::TimeLimit* find_limit(model::Date trigger, std::string_view limit_id) const {
    const rules::Regime* regime = law_.regimes.regime_on(trigger);
    if (regime == nullptr) return nullptr;
    const auto it = regime->time_limits.find(limit_id);
    return it == regime->time_limits.end() ? nullptr : &it->second;
  }

  void push(Step step, std::string label, model::Date trigger, model::Date due, std::string basis, bool confirmed,
            std::string_view template_name, bool unrecorded, bool candidate) {
    Deadline item;
    item.case_id = case_.id;
    item.debtor = debtors_;
    item.step = std::string(kSteps[step].id);
    item.label = std::move(label);
    item.trigger = trigger;
    item.due = due;
    item.days = due.days() - as_of_.days();
    item.basis = std::move(basis);
    item.confirmed = confirmed;
    item.officer = officer_;
    item.template_name = std::string(template_name);
    item.unrecorded = unrecorded;
    item.candidate = candidate;
    item.order = step;
    out_.push_back(std::move(item));
  }

  void notification_and_verification(model::Date decided, bool closed) {
    if (closed) return;
    std::optional<model::Date> first_notified;
    for (const auto& party : case_.parties) {
      if (party.role != model::Role::debtor) continue;
      if (const auto notified = ledger_.notified_on(party.id)) {
        first_notified = first_notified ? std::min(*first_notified, *notified) : *notified;
      } else {
        limit(kNotification, "Thông báo quyết định thi hành án cho " + party.name.value, decided, "notify-parties",
              kSteps[kNotification].template_name);
      }
    }
    const model::Event* verification = ledger_.last(model::EventKind::verification);
    if (verification == nullptr) {
      // The first verification follows the voluntary period, which runs from the notification.
      if (!first_notified) return;
      const auto voluntary_end = limit(kFirstVerification, "", *first_notified, "voluntary-period", "", false, false);
      if (voluntary_end)
        limit(kFirstVerification, "Xác minh điều kiện thi hành án (lần đầu, sau thời hạn tự nguyện)", *voluntary_end,
              "first-verification", kSteps[kFirstVerification].template_name);
      return;
    }
    if (ledger_.condition() != model::MeansResult::no_means) return;
    // No means: the decision on it, its publication, and verification again every six months.
    const model::Event* decision = ledger_.last(model::EventKind::no_means_decision);
    const bool no_means_verification = verification->result == model::MeansResult::no_means;
    if (no_means_verification && (decision == nullptr || decision->date < verification->date))
      limit(kNoMeansDecision, "Ra quyết định về việc chưa có điều kiện thi hành án", verification->date,
            "no-means-decision", kSteps[kNoMeansDecision].template_name);
    if (decision != nullptr)
      limit(kPublishNoMeans, "Công khai thông tin người phải thi hành án chưa có điều kiện thi hành", decision->date,
            "publish-no-means", "", true);
    limit(kReverification, "Xác minh lại điều kiện thi hành án (chưa có điều kiện)", verification->date,
          "reverification", kSteps[kReverification].template_name);
  }

  void evidence(model::Date decided) {
    std::size_t pending = 0;
    for (const auto& item : case_.evidence)
      if (item.disposition == model::Disposition::destroy && !ledger_.destroyed_on(item.id)) ++pending;
    if (pending == 0) return;
    const std::string items = " (" + std::to_string(pending) + " vật chứng)";
    // The case format does not record the council's creation: the destruction is due from the council's last day.
    const auto council = limit(kDestructionCouncil, "Thành lập Hội đồng tiêu hủy vật chứng" + items, decided,
                               "destruction-council", kSteps[kDestructionCouncil].template_name);
    if (council)
      limit(kDestruction, "Tiêu hủy vật chứng" + items, *council, "destruction", kSteps[kDestruction].template_name);
  }

  void resume() {
    const model::Event* postponed = ledger_.last(model::EventKind::postponed);
    if (postponed == nullptr) return;
    // The end of the ground is not in the case format: the longest postponement (at a reviewer's request) is taken.
    // A resumption recorded since (model::Ledger) leaves the case in progress, and this step is not asked for.
    const auto end = limit(kResume, "", postponed->date, "postpone-protest", "", false, false);
    if (end)
      limit(kResume, "Ra quyết định tiếp tục thi hành án sau khi hoãn (hoãn tối đa 3 tháng)", *end, "resume",
            kSteps[kResume].template_name);
  }

  void candidates(model::Date decided) {
    const model::Money state_owed = ledger_.owed_to_state().outstanding;
    const rules::Regime* regime = law_.regimes.regime_on(as_of_);
    if (regime != nullptr && ledger_.condition() == model::MeansResult::no_means && state_owed.dong > 0) {
      for (const auto& rule : regime->remissions) {
        if (state_owed.dong < rule.from || (rule.below && state_owed.dong >= *rule.below)) continue;
        const rules::TimeLimit wait{"remission-wait", rule.after_months, rules::DayCount::months,
                                    rule.basis,       rule.confirmed,    rule.loc};
        const bool exempt = rule.kind == rules::RemissionRule::Kind::exempt;
        push(kRemission,
             exempt ? "Lập hồ sơ đề nghị miễn nghĩa vụ thi hành án (khoản thu ngân sách nhà nước)"
                    : "Lập hồ sơ đề nghị giảm nghĩa vụ thi hành án (khoản thu ngân sách nhà nước)",
             decided, law_.calendar.deadline(decided, wait), rule.basis, rule.confirmed,
             kSteps[kRemission].template_name, false, true);
        break;
      }
    }
    // A mortgaged asset of a debtor held by an organization (a credit institution): persuade the debtor to hand it
    // over for sale, the mortgagee being paid first.
    if (ledger_.totals().outstanding.dong <= 0) return;
    for (const auto& asset : case_.assets) {
      if (!asset.mortgagee_id) continue;
      const model::Party* owner = case_.find_party(asset.owner_id);
      const model::Party* mortgagee = case_.find_party(*asset.mortgagee_id);
      if (owner == nullptr || owner->role != model::Role::debtor || mortgagee == nullptr ||
          mortgagee->kind != model::PartyKind::organization)
        continue;
      const rules::Regime* on_decision = law_.regimes.regime_on(decided);
      const auto* voluntary = find_limit(decided, "voluntary-period");
      if (on_decision == nullptr || voluntary == nullptr) return;
      const auto citation = on_decision->citations.find("mortgage-priority");
      push(kPersuasion,
           "Vận động, thuyết phục người phải thi hành án giao tài sản thế chấp tại " + mortgagee->name.value, decided,
           law_.calendar.deadline(decided, *voluntary),
           citation != on_decision->citations.end() ? citation->second : std::string(), true,
           kSteps[kPersuasion].template_name, false, true);
      return;
    }
  }

  const model::Case& case_;
  model::Date as_of_;
  const rules::Law& law_;
  model::Ledger ledger_;
  std::string debtors_;
  std::string officer_;
  std::vector<Deadline> out_;
};

}  // namespace

std::vector<std::string_view> deadline_templates() {
  std::vector<std::string_view> names(std::begin(kDecisionTemplates), std::end(kDecisionTemplates));
  for (const auto& step : kSteps)
    if (!step.template_name.empty()) names.push_back(step.template_name);
  return names;
}

std::vector<Deadline> deadlines_of(const model::Case& the_case, model::Date as_of, const rules::Law& law) {
  return CaseSteps(the_case, as_of, law).collect();
}

bool DeadlineKey::operator<(const DeadlineKey& other) const {
  if (due != other.due) return due < other.due;
  if (case_id != other.case_id) return case_id < other.case_id;
  return order < other.order;
}

DeadlineKey key_of(const Deadline& deadline) { return {deadline.due, deadline.case_id, deadline.order}; }

bool sooner(const Deadline& a, const Deadline& b) { return key_of(a) < key_of(b); }

std::vector<Deadline> select_due(std::vector<Deadline> all, model::Date as_of, int within,
                                 const rules::Calendar& calendar) {
  const model::Date horizon = within > 0 ? calendar.add_working_days(as_of, within) : as_of;
  std::erase_if(all, [&](const Deadline& d) { return d.due > horizon || (d.unrecorded && d.due < as_of); });
  std::stable_sort(all.begin(), all.end(), sooner);
  return all;
}

}  // namespace vanban::reports
