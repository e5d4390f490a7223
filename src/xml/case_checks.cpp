#include "xml/case_checks.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

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

const char* event_name(model::EventKind kind) {
  switch (kind) {
    case model::EventKind::notified: return "<notified>";
    case model::EventKind::verification: return "<verification>";
    case model::EventKind::payment: return "<payment>";
    case model::EventKind::postponed: return "<postponed>";
    case model::EventKind::suspended: return "<suspended>";
    case model::EventKind::terminated: return "<terminated>";
    case model::EventKind::no_means_decision: return "<no-means-decision>";
    case model::EventKind::destroyed: return "<destroyed>";
  }
  return "<event>";
}

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
  }

 private:
  // The judgments the enforcement carries out: those its obligations cite, else all.
  std::vector<std::size_t> enforced_judgments() const {
    std::set<std::string> cited;
    for (const auto& obligation : case_.obligations) cited.insert(obligation.judgment_id);
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < case_.judgments.size(); ++i)
      if (cited.empty() || cited.count(case_.judgments[i].id) != 0) out.push_back(i);
    return out;
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
  bool before_judgments(const DateAt& step, const std::string& what) {
    if (!valid(step)) return false;
    for (const std::size_t i : enforced_judgments()) {
      const DateAt& date = where_.judgment_dates[i];
      if (!valid(date) || !(*step.date < *date.date)) continue;
      diagnostics_.error("E0216", step.loc,
                         what + " " + step.date->to_iso() + " trước ngày của " + judgment_label(case_.judgments[i]) +
                             " (" + date.date->to_iso() + ")");
      return true;
    }
    return false;
  }

  void doubtful_before(const DateAt& step, const std::string& what, const DateAt& reference, const std::string& name) {
    if (!valid(step) || !valid(reference) || !(*step.date < *reference.date)) return;
    diagnostics_.warning("W0220", step.loc,
                         what + " " + step.date->to_iso() + " trước " + name + " (" + reference.date->to_iso() + ")");
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
    for (std::size_t i = 0; i < events.size() && i < where_.event_dates.size(); ++i)
      doubtful_before(where_.event_dates[i], std::string(event_name(events[i].kind)) + " ngày", where_.decision,
                      "ngày quyết định thi hành án");
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
    const std::string when = "ngày bản án đầu tiên (" + reference.to_iso() + ")";
    if (age < 0) {
      diagnostics_.error("E0215", loc, "năm sinh " + std::to_string(year) + " sau " + when);
    } else if (age > kOldestPerson) {
      diagnostics_.error(
          "E0215", loc,
          "năm sinh " + std::to_string(year) + " không hợp lý: " + std::to_string(age) + " tuổi tại " + when);
    } else if (party.role == model::Role::debtor && age < kYoungestDebtor) {
      diagnostics_.warning(
          "W0222", loc,
          "người phải thi hành án mới " + std::to_string(age) + " tuổi tại " + when + "; kiểm tra lại năm sinh");
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
      const model::Party* creditor = obligation.creditor_id ? case_.find_party(*obligation.creditor_id) : nullptr;
      if (creditor != nullptr && creditor->role == model::Role::debtor)
        diagnostics_.warning("W0225", obligation.loc,
                             "creditor=\"" + *obligation.creditor_id + "\" trỏ tới người phải thi hành án");
    }
  }

  const model::Case& case_;
  const CaseLocations& where_;
  Diagnostics& diagnostics_;
};

}  // namespace

void check_case(const model::Case& the_case, const CaseLocations& where, Diagnostics& diagnostics) {
  Checker(the_case, where, diagnostics).run();
}

}  // namespace vanban::xml
