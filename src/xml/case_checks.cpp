#include "xml/case_checks.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace vanban::xml {

namespace {

// The age below which a debtor is doubtful: criminal liability starts at 14 (Bộ luật Hình sự, Điều 12).
constexpr int kYoungestDebtor = 14;
constexpr int kOldestPerson = 120;

bool valid(const DateAt& at) { return at.date.has_value(); }

std::string judgment_label(const model::Judgment& judgment) {
  return judgment.kind.value + " số " + judgment.number.value;
}

bool is_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string event_name(model::EventKind kind) { return "<" + std::string(model::event_kind_code(kind)) + ">"; }

// The highest share of a salary or pension a deduction may take, unless the parties agree otherwise (Luật THADS
// 2008 khoản 3 Điều 78).
constexpr int kMaxIncomeRate = 30;

class Checker {
 public:
  Checker(const model::Case& the_case, const CaseLocations& where, Diagnostics& diagnostics)
      : case_(the_case), where_(where), diagnostics_(diagnostics) {}

  void run() {
    judgment_dates();
    enforcement_dates();
    people();
    payments();
    roles();
    refunds();
    event_order();
    event_fit();
  }

 private:
  // The judgments the enforcement carries out: those its obligations cite, else all.
  // Worked out once per case (every enforcement date is checked against them).
  const std::vector<std::size_t>& enforced_judgments() {
    if (enforced_) return *enforced_;
    std::set<std::string_view> cited;
    for (const auto& obligation : case_.obligations) cited.insert(obligation.judgment_id);
    enforced_.emplace();
    for (std::size_t i = 0; i < case_.judgments.size(); ++i)
      if (cited.empty() || cited.count(case_.judgments[i].id) != 0) enforced_->push_back(i);
    return *enforced_;
  }

  void judgment_dates() {
    for (std::size_t i = 0; i < case_.judgments.size() && i < where_.judgment_dates.size(); ++i) {
      const DateAt& date = where_.judgment_dates[i];
      const DateAt& effective = where_.judgment_effective[i];
      if (valid(date) && valid(effective) && *effective.date < *date.date)
        diagnostics_.error("E0216", effective.loc,
                           "ngày có hiệu lực " + effective.date->to_iso() + " trước ngày tuyên " +
                               judgment_label(case_.judgments[i]) + " (" + date.date->to_iso() + ")");
    }
  }

  // A step of the enforcement cannot come before the judgment it enforces; true when it does (reported).
  bool before_judgments(const DateAt& step, std::string_view what) {
    if (!valid(step)) return false;
    for (const std::size_t i : enforced_judgments()) {
      const DateAt& date = where_.judgment_dates[i];
      if (!valid(date) || !(*step.date < *date.date)) continue;
      diagnostics_.error("E0216", step.loc,
                         std::string(what) + " " + step.date->to_iso() + " trước ngày của " +
                             judgment_label(case_.judgments[i]) + " (" + date.date->to_iso() + ")");
      return true;
    }
    return false;
  }

  // `what()` names the step, built only for a warning.
  template <typename What>
  void doubtful_before(const DateAt& step, const What& what, const DateAt& reference, std::string_view name) {
    if (!valid(step) || !valid(reference) || !(*step.date < *reference.date)) return;
    diagnostics_.warning("W0220", step.loc,
                         std::string(what()) + " " + step.date->to_iso() + " trước " + std::string(name) + " (" +
                             reference.date->to_iso() + ")");
  }
  void doubtful_before(const DateAt& step, const char* what, const DateAt& reference, std::string_view name) {
    doubtful_before(
        step, [what] { return what; }, reference, name);
  }

  void enforcement_dates() {
    const bool impossible = before_judgments(where_.decision, "ngày quyết định thi hành án");
    before_judgments(where_.received, "ngày nhận bản án, quyết định hoặc đơn yêu cầu");
    before_judgments(where_.request, "ngày đơn yêu cầu thi hành án");
    if (valid(where_.decision) && !impossible) {
      for (const std::size_t i : enforced_judgments()) {
        const DateAt& effective = where_.judgment_effective[i];
        if (!valid(effective) || !(*where_.decision.date < *effective.date)) continue;
        diagnostics_.warning("W0220", where_.decision.loc,
                             "quyết định thi hành án ngày " + where_.decision.date->to_iso() + " ban hành trước ngày " +
                                 judgment_label(case_.judgments[i]) + " có hiệu lực (" + effective.date->to_iso() +
                                 ")");
        break;
      }
    }
    doubtful_before(where_.decision, "ngày quyết định thi hành án", where_.request, "ngày đơn yêu cầu");
    doubtful_before(where_.decision, "ngày quyết định thi hành án", where_.received, "ngày nhận bản án hoặc đơn");
    const auto& events = case_.enforcement.events;
    // Receiving a delegated case comes before this office's decision.
    for (std::size_t i = 0; i < events.size() && i < where_.event_dates.size(); ++i)
      if (events[i].kind == model::EventKind::destroyed && valid(where_.event_dates[i]) && valid(where_.decision) &&
          *where_.event_dates[i].date < *where_.decision.date)
        // Evidence is destroyed by a council the decision's signer forms after the decision (Luật THADS 2008 Điều
        // 125): a destruction before it cannot be.
        diagnostics_.error("E0218", where_.event_dates[i].loc,
                           "<destroyed> ngày " + where_.event_dates[i].date->to_iso() +
                               " trước ngày quyết định thi hành án (" + where_.decision.date->to_iso() +
                               "), trước cả Hội đồng tiêu hủy được thành lập theo quyết định đó");
      else if (events[i].kind != model::EventKind::delegated_in)
        doubtful_before(
            where_.event_dates[i], [&] { return event_name(events[i].kind) + " ngày"; }, where_.decision,
            "ngày quyết định thi hành án");
    // Evidence is destroyed by the council the decision <destruction-council> forms: not before that decision.
    std::optional<model::Date> council;
    for (const auto& event : events)
      if (event.kind == model::EventKind::destruction_council && (!council || event.date < *council))
        council = event.date;
    for (std::size_t i = 0; council && i < events.size() && i < where_.event_dates.size(); ++i)
      if (events[i].kind == model::EventKind::destroyed && valid(where_.event_dates[i]) &&
          *where_.event_dates[i].date < *council)
        diagnostics_.error("E0218", where_.event_dates[i].loc,
                           "<destroyed> ngày " + where_.event_dates[i].date->to_iso() +
                               " trước ngày quyết định thành lập Hội đồng tiêu hủy (<destruction-council> ngày " +
                               council->to_iso() + "): biên bản tiêu hủy không thể có trước Hội đồng lập nó");
    // A postponement cannot end before it is decided.
    for (std::size_t i = 0; i < where_.event_until.size() && i < where_.event_dates.size(); ++i)
      if (valid(where_.event_until[i]) && valid(where_.event_dates[i]) &&
          *where_.event_until[i].date < *where_.event_dates[i].date)
        diagnostics_.error("E0218", where_.event_until[i].loc,
                           "<postponed> until=" + where_.event_until[i].date->to_iso() + " trước ngày hoãn (" +
                               where_.event_dates[i].date->to_iso() + ")");
    doubtful_before(where_.status, "ngày báo cáo tình trạng", where_.decision, "ngày quyết định thi hành án");
  }

  // The earliest judgment date: ages are judged against it.
  std::optional<model::Date> first_judgment_date() const {
    std::optional<model::Date> first;
    for (const DateAt& date : where_.judgment_dates)
      if (valid(date) && (!first || *date.date < *first)) first = date.date;
    return first;
  }

  void people() {
    const auto reference = first_judgment_date();
    for (std::size_t i = 0; i < case_.parties.size(); ++i) {
      const model::Party& party = case_.parties[i];
      const SourceLoc year_loc = i < where_.birth_years.size() ? where_.birth_years[i] : party.loc;
      if (party.birth_year && reference) birth_year(party, *party.birth_year, *reference, year_loc);
      if (party.id_document) id_document(party, *party.id_document);
    }
  }

  void birth_year(const model::Party& party, int year, const model::Date& reference, const SourceLoc& loc) {
    const int age = reference.year() - year;
    const auto when = [&] { return "ngày bản án đầu tiên (" + reference.to_iso() + ")"; };
    if (age < 0) {
      diagnostics_.error("E0215", loc, "năm sinh " + std::to_string(year) + " sau " + when());
    } else if (age > kOldestPerson) {
      diagnostics_.error(
          "E0215", loc,
          "năm sinh " + std::to_string(year) + " không hợp lý: " + std::to_string(age) + " tuổi tại " + when());
    } else if (party.role == model::Role::debtor && age < kYoungestDebtor) {
      diagnostics_.warning(
          "W0222", loc,
          "người phải thi hành án mới " + std::to_string(age) + " tuổi tại " + when() + "; kiểm tra lại năm sinh");
    }
  }

  void id_document(const model::Party& party, const model::IdDocument& document) {
    const std::string& kind = document.kind.value;
    const std::string& number = document.number.value;
    const bool cccd = kind == "CCCD" || kind == "định danh" || kind == "Định danh";
    if (kind == "CMND") {
      if (!is_digits(number) || (number.size() != 9 && number.size() != 12))
        diagnostics_.error("E0213", document.number.loc, "số CMND \"" + number + "\" phải có 9 hoặc 12 chữ số");
      return;
    }
    if (!cccd) {
      diagnostics_.warning(
          "W0223", document.kind.loc,
          "loại giấy tờ \"" + kind + "\" không phải CCCD, CMND hay định danh; số giấy tờ không được kiểm tra");
      return;
    }
    if (!is_digits(number) || number.size() != 12) {
      diagnostics_.error("E0213", document.number.loc, "số " + kind + " \"" + number + "\" phải có đúng 12 chữ số");
      return;
    }
    // Số định danh cá nhân: 3 digits province, 1 digit century and sex (0/1 = 1900s male/female, 2/3 = 2000s…),
    // 2 digits year of birth, 6 digits serial.
    const int code = number[3] - '0';
    const int year = 1900 + 100 * (code / 2) + (number[4] - '0') * 10 + (number[5] - '0');
    const bool male = code % 2 == 0;
    const int province = std::stoi(number.substr(0, 3));
    std::string problem;
    if (province < 1 || province > 96) problem = "mã tỉnh " + number.substr(0, 3) + " không tồn tại";
    else if (party.birth_year && *party.birth_year != year)
      problem = "năm sinh theo số là " + std::to_string(year) + ", hồ sơ ghi " + std::to_string(*party.birth_year);
    else if (party.gender != model::Gender::unknown && male != (party.gender == model::Gender::male))
      problem = std::string("giới tính theo số là ") + (male ? "nam" : "nữ") + ", hồ sơ ghi " + (male ? "nữ" : "nam");
    if (!problem.empty())
      diagnostics_.warning("W0221", document.number.loc, "số " + kind + " \"" + number + "\" không khớp: " + problem);
  }

  void payments() {
    std::map<std::string, model::Money> paid;
    const auto& events = case_.enforcement.events;
    for (std::size_t i = 0; i < events.size(); ++i) {
      const model::Event& event = events[i];
      if (event.kind != model::EventKind::payment || !event.amount || !event.obligation_id) continue;
      const model::Obligation* obligation = case_.find_obligation(*event.obligation_id);
      if (obligation == nullptr) continue;  // a dangling reference, reported already
      const SourceLoc& loc = i < where_.payment_amounts.size() && where_.payment_amounts[i].line > 0
                                 ? where_.payment_amounts[i]
                                 : event.loc;
      const auto index = static_cast<std::size_t>(obligation - case_.obligations.data());
      if (!obligation->amount && index < where_.amount_written.size() && where_.amount_written[index])
        continue;  // an amount that is not a number, reported already
      if (!obligation->amount) {
        diagnostics_.warning(
            "W0224", loc, "khoản " + obligation->id + " không có số tiền (<amount>) nhưng có <payment> cho khoản này");
        continue;
      }
      model::Money& total = paid[obligation->id];
      const model::Money before = total;
      total += *event.amount;
      if (before <= *obligation->amount && total > *obligation->amount)
        diagnostics_.warning("W0224", loc,
                             "tổng số đã nộp cho khoản " + obligation->id + " (" + std::to_string(total.dong) +
                                 " đồng) vượt số phải thi hành (" + std::to_string(obligation->amount->dong) +
                                 " đồng)");
    }
  }

  void roles() {
    for (const auto& obligation : case_.obligations) {
      const model::Party* debtor = case_.find_party(obligation.debtor_id);
      if (debtor != nullptr && debtor->role != model::Role::debtor)
        diagnostics_.warning("W0225", obligation.loc,
                             "debtor=\"" + obligation.debtor_id +
                                 "\" trỏ tới đương sự không có vai trò người phải thi "
                                 "hành án (role=\"debtor\")");
      // A refund may go to a debtor: one person both owes and is paid back (one decision for that person).
      const model::Party* creditor = obligation.creditor_id ? case_.find_party(*obligation.creditor_id) : nullptr;
      if (creditor != nullptr && creditor->role == model::Role::debtor && !obligation.is_refund())
        diagnostics_.warning("W0225", obligation.loc,
                             "creditor=\"" + *obligation.creditor_id + "\" trỏ tới người phải thi hành án");
    }
  }

  // Money or assets the agency returns: where they came from, and a decision of the payee's own unless the payee
  // also owes in it (Nghị định 62/2015 khoản 1 Điều 6 điểm a, c; Nghị định 152/2026 khoản 1 Điều 8 điểm a, đ).
  void refunds() {
    if (std::none_of(case_.obligations.begin(), case_.obligations.end(),
                     [](const model::Obligation& obligation) { return obligation.is_refund(); }))
      return;
    std::set<std::string> debtors;
    for (const auto& obligation : case_.obligations)
      if (!obligation.is_refund()) debtors.insert(obligation.debtor_id);
    for (const auto& obligation : case_.obligations) {
      if (!obligation.is_refund()) continue;
      if (!obligation.origin)
        diagnostics_.warning("W0226", obligation.loc,
                             "khoản trả lại " + obligation.id +
                                 " chưa ghi nguồn gốc tiền, tài sản đang giữ (<origin kind=\"receipt\" number=… "
                                 "date=…>: biên lai thu tiền số, ngày)");
      if (!debtors.empty() && obligation.creditor_id && debtors.count(*obligation.creditor_id) == 0)
        diagnostics_.warning("W0227", obligation.loc,
                             "trả lại tiền, tài sản cho \"" + *obligation.creditor_id +
                                 "\", người không phải thi hành khoản nào trong hồ sơ: người được trả lại tiền, "
                                 "tài sản có quyết định thi hành án riêng");
    }
  }

  // The events in date order (file order on the same day), with their positions.
  // An event and where its date is written (pointers into the case and its locations, not copies).
  struct Step {
    const model::Event* event;
    const SourceLoc* where;
    [[nodiscard]] const SourceLoc& loc() const { return *where; }
  };
  // The events by date, those of one day in the order written (the events' addresses are in that order).
  std::vector<Step> steps() const {
    std::vector<Step> out;
    const auto& events = case_.enforcement.events;
    out.reserve(events.size());
    for (std::size_t i = 0; i < events.size(); ++i)
      out.push_back({&events[i], i < where_.event_dates.size() ? &where_.event_dates[i].loc : &events[i].loc});
    std::sort(out.begin(), out.end(), [](const Step& a, const Step& b) {
      return a.event->date < b.event->date || (a.event->date == b.event->date && a.event < b.event);
    });
    return out;
  }

  // The latest event of `kind` on or before `date` (about `asset` when given), or nullptr.
  const model::Event* before(model::EventKind kind, const model::Date& date,
                             const std::optional<std::string>& asset = std::nullopt) const {
    const model::Event* found = nullptr;
    for (const auto& event : case_.enforcement.events)
      if (event.kind == kind && !(date < event.date) && (!asset || event.asset_id == asset) &&
          (found == nullptr || !(event.date < found->date)))
        found = &event;
    return found;
  }

  void out_of_order(const Step& step, const std::string& message) { diagnostics_.error("E0218", step.loc(), message); }

  // What must come first: a seizure before the asset is valued, sold or released; a termination ends payments; a
  // resumption ends a postponement or suspension; a case comes back only from the separate register it went to.
  void event_order() {
    using K = model::EventKind;
    std::optional<model::Date> left;  // the day the whole decision left the office
    std::string left_how;
    for (const Step& step : steps()) {
      const model::Event& event = *step.event;
      // The messages' openings, built only for a message.
      const auto when = [&] { return event_name(event.kind) + " ngày " + event.date.to_iso(); };
      const auto asset = [&] { return event.asset_id ? " tài sản \"" + *event.asset_id + "\"" : std::string(); };
      if (left && *left < event.date) diagnostics_.warning("W0228", step.loc(), when() + " sau khi " + left_how);
      switch (event.kind) {
        case K::valued:
        case K::auctioned:
        case K::released: {
          const model::Event* seizure = before(K::seized, event.date, event.asset_id);
          if (seizure == nullptr) {
            out_of_order(step, when() + ":" + asset() + " chưa bị kê biên (<seized>) trước đó");
            break;
          }
          const model::Event* release = before(K::released, event.date, event.asset_id);
          if (event.kind == K::auctioned && release != nullptr && seizure->date < release->date)
            out_of_order(step, when() + ":" + asset() + " đã được giải tỏa kê biên ngày " + release->date.to_iso());
          if (event.kind == K::auctioned && before(K::valued, event.date, event.asset_id) == nullptr)
            diagnostics_.warning("W0228", step.loc(),
                                 when() + ":" + asset() + " chưa có kết quả thẩm định giá (<valued>) trước khi bán");
          break;
        }
        case K::handed_over:
          if (event.recipient && !event.party_id) {
            const model::Event* sale = before(K::auctioned, event.date, event.asset_id);
            if (sale == nullptr || sale->sale != model::AuctionResult::sold)
              out_of_order(step, when() + ": giao" + asset() + " cho người mua khi tài sản chưa được bán (<auctioned " +
                                     "result=\"sold\">)");
          }
          break;
        case K::payment:
          if (const model::Event* end = before(K::terminated, event.date); end != nullptr && end->date < event.date)
            out_of_order(step, when() + " sau khi đã đình chỉ thi hành án ngày " + end->date.to_iso());
          break;
        case K::resumed: {
          const model::Event* postponed = before(K::postponed, event.date);
          const model::Event* suspended = before(K::suspended, event.date);
          const model::Event* stop = postponed == nullptr                                        ? suspended
                                     : suspended == nullptr || suspended->date < postponed->date ? postponed
                                                                                                 : suspended;
          const model::Event* earlier = before(K::resumed, event.date);
          const bool resumed_already =
              earlier != nullptr && earlier != &event && stop != nullptr && !(earlier->date < stop->date);
          if (stop == nullptr || resumed_already)
            out_of_order(step, when() +
                                   ": không có lần hoãn (<postponed>) hoặc tạm đình chỉ (<suspended>) nào "
                                   "đang có hiệu lực để tiếp tục thi hành án");
          break;
        }
        case K::from_separate_register: {
          const model::Event* to = before(K::to_separate_register, event.date);
          const model::Event* back = before(K::from_separate_register, event.date);
          if (to == nullptr || (back != nullptr && back != &event && !(back->date < to->date)))
            out_of_order(step, when() + ": hồ sơ chưa được chuyển sổ theo dõi riêng (<to-separate-register>)");
          break;
        }
        case K::to_separate_register:
          if (before(K::no_means_decision, event.date) == nullptr)
            diagnostics_.warning("W0228", step.loc(),
                                 when() +
                                     ": chưa có quyết định về việc chưa có điều kiện thi hành án "
                                     "(<no-means-decision>) trước đó");
          break;
        default: break;
      }
      // Only a request can be returned: in ex-officio enforcement that event is an error of its own (event_fit).
      const bool returned =
          event.kind == K::request_returned && case_.enforcement.mode == model::EnforcementMode::on_request;
      if (!left && event.obligation_ids.empty() &&
          (event.kind == K::delegated_out || event.kind == K::withdrawn || event.kind == K::cancelled || returned)) {
        left = event.date;
        const std::string day = event.date.to_iso();
        left_how = event.kind == K::delegated_out ? "đã ủy thác thi hành án đi ngày " + day
                   : returned ? "đã gửi lại đơn yêu cầu thi hành án (trả đơn) ngày " + day
                              : "quyết định thi hành án bị thu hồi, hủy ngày " + day;
      }
    }
  }

  // Events that do not fit the case they are in.
  void event_fit() {
    using K = model::EventKind;
    for (const Step& step : steps()) {
      const model::Event& event = *step.event;
      // The messages' openings, built only for a message.
      const auto when = [&] { return event_name(event.kind) + " ngày " + event.date.to_iso(); };
      switch (event.kind) {
        case K::request_returned:
          if (case_.enforcement.mode == model::EnforcementMode::ex_officio)
            diagnostics_.error("E0219", step.loc(),
                               when() + ": việc thi hành án chủ động không có đơn yêu cầu để gửi lại (trả đơn)");
          break;
        case K::remission: {
          const model::Obligation* obligation =
              event.obligation_id ? case_.find_obligation(*event.obligation_id) : nullptr;
          if (obligation != nullptr && obligation->creditor_id)
            diagnostics_.error("E0219", step.loc(),
                               when() + ": khoản " + obligation->id +
                                   " trả cho đương sự; chỉ khoản thu, nộp ngân sách nhà nước được xét miễn, giảm");
          if (event.remission == model::RemissionKind::reduction && !event.amount)
            diagnostics_.error("E0219", step.loc(),
                               when() + ": giảm nghĩa vụ thi hành án phải ghi số tiền được giảm (amount=)");
          break;
        }
        case K::deduction: {
          const model::Asset* account = event.asset_id ? case_.find_asset(*event.asset_id) : nullptr;
          if (event.source == model::DeductionSource::account && event.asset_id && account != nullptr &&
              account->kind != model::AssetKind::account)
            diagnostics_.error("E0219", step.loc(),
                               when() + ": tài sản \"" + account->id + "\" không phải tài khoản (kind=\"account\")");
          if (event.source == model::DeductionSource::account && !event.asset_id)
            diagnostics_.error("E0219", step.loc(),
                               when() + ": khấu trừ tiền trong tài khoản phải nêu tài khoản (asset=)");
          if (event.source == model::DeductionSource::income && event.rate && *event.rate > kMaxIncomeRate)
            diagnostics_.warning("W0229", step.loc(),
                                 when() + ": trừ " + std::to_string(*event.rate) +
                                     "% thu nhập, quá mức 30% tiền lương, tiền công, lương hưu, trợ cấp hằng tháng "
                                     "(chỉ được khi đương sự có thỏa thuận)");
          break;
        }
        default: break;
      }
    }
  }

  const model::Case& case_;
  const CaseLocations& where_;
  Diagnostics& diagnostics_;
  std::optional<std::vector<std::size_t>> enforced_;  // enforced_judgments(), once worked out
};

}  // namespace

void check_case(const model::Case& the_case, const CaseLocations& where, Diagnostics& diagnostics) {
  Checker(the_case, where, diagnostics).run();
}

}  // namespace vanban::xml
