#include "templating/reference_case.hpp"

namespace vanban::templating {

namespace {
model::Text text(const char* value) { return model::Text{value, {}}; }
model::Date date(int y, int m, int d) { return *model::Date::from_ymd(y, m, d); }

// A party with every field a person or an organization can have.
model::Party party(const char* id, model::Role role, const char* name) {
  model::Party p;
  p.id = id;
  p.role = role;
  p.name = text(name);
  p.birth_year = 1980;
  p.gender = model::Gender::male;
  p.id_document = model::IdDocument{text("CCCD"), text("040080000001"), {}};
  p.address = text("Địa chỉ");
  p.phone = text("0900000000");
  p.business_code = text("0100000001");
  p.representative = model::Representative{text("Người đại diện"), text("Giám đốc"), model::Gender::male, {}};
  return p;
}
}  // namespace

model::Case reference_case() {
  model::Case c;
  c.id = "THA-0000-000000";
  c.agency = model::Agency{text("CƠ QUAN CHỦ QUẢN"), text("CƠ QUAN"),    text("CCTHADS"), text("Địa danh"),
                           text("Địa chỉ"),          text("0200000000"), text("a@b.vn"),  {}};
  c.officers.push_back(model::Officer{"head", text("Trưởng"), text("Chi cục trưởng"), text("CHV-0001"), {}});
  c.officers.push_back(model::Officer{"officer", text("Chấp hành viên"), text("Chấp hành viên"), text("CHV-0002"), {}});
  c.judgments.push_back(model::Judgment{"j",
                                        text("Bản án"),
                                        text("1/2024/DS-ST"),
                                        date(2024, 1, 2),
                                        text("Tòa án nhân dân huyện A"),
                                        date(2024, 2, 3),
                                        {}});
  c.parties.push_back(party("d", model::Role::debtor, "Người phải thi hành án"));
  c.parties.push_back(party("c", model::Role::creditor, "Người được thi hành án"));
  c.parties.push_back(party("r", model::Role::related, "Người liên quan"));
  model::Obligation owed;
  owed.id = "o1";
  owed.kind = model::ObligationKind::debt;
  owed.debtor_id = "d";
  owed.creditor_id = "c";
  owed.judgment_id = "j";
  owed.text = text("Trả nợ");
  owed.amount = model::Money{1000000};
  owed.late_interest = true;
  c.obligations.push_back(owed);
  model::Obligation fee = owed;  // owed to the State budget
  fee.id = "o2";
  fee.kind = model::ObligationKind::court_fee;
  fee.creditor_id.reset();
  fee.text = text("Án phí");
  fee.late_interest = false;
  c.obligations.push_back(fee);
  model::Asset asset;
  asset.id = "a";
  asset.owner_id = "d";
  asset.kind = model::AssetKind::land;
  asset.mortgagee_id = "c";
  asset.text = text("Quyền sử dụng đất");
  asset.certificate = text("CS 00001");
  asset.value = model::Money{2000000};
  asset.mortgage_contract = text("Hợp đồng thế chấp");
  c.assets.push_back(asset);
  model::Asset account;
  account.id = "t";
  account.owner_id = "d";
  account.kind = model::AssetKind::account;
  account.text = text("Tài khoản");
  account.number = text("0001");
  account.institution = text("Ngân hàng");
  c.assets.push_back(account);
  model::Obligation refund;  // money the agency holds, returned to a party
  refund.id = "o3";
  refund.kind = model::ObligationKind::refund;
  refund.creditor_id = "c";
  refund.judgment_id = "j";
  refund.text = text("Trả lại tiền tạm ứng án phí");
  refund.amount = model::Money{300000};
  refund.origin = model::Origin{model::OriginKind::receipt, text("0001"), date(2023, 5, 10), text("Cơ quan"), {}};
  c.obligations.push_back(refund);
  c.evidence.push_back(model::EvidenceItem{"e", "j", model::Disposition::destroy, text("Vật chứng"), {}});
  c.evidence.push_back(model::EvidenceItem{"f", "j", model::Disposition::confiscate, text("Vật chứng tịch thu"), {}});
  c.evidence.push_back(model::EvidenceItem{"g", "j", model::Disposition::give_back, text("Vật chứng trả lại"), {}});
  model::Enforcement& e = c.enforcement;
  e.mode = model::EnforcementMode::on_request;
  e.officer_id = "officer";
  e.received = date(2024, 3, 1);
  e.request = model::Request{date(2024, 2, 28), "c", model::RequestChannel::paper, {}};
  e.decision = model::Decision{text("1"), date(2024, 3, 5), std::string("head"), {}};
  model::Event notified;
  notified.kind = model::EventKind::notified;
  notified.date = date(2024, 3, 7);
  notified.party_id = "d";
  e.events.push_back(notified);
  model::Event verification;
  verification.kind = model::EventKind::verification;
  verification.date = date(2024, 4, 1);
  verification.result = model::MeansResult::no_means;
  verification.text = text("Kết quả xác minh");
  e.events.push_back(verification);
  model::Event payment;
  payment.kind = model::EventKind::payment;
  payment.date = date(2024, 4, 2);
  payment.amount = model::Money{1000};
  payment.obligation_id = "o1";
  e.events.push_back(payment);
  model::Event no_means;
  no_means.kind = model::EventKind::no_means_decision;
  no_means.date = date(2024, 4, 5);
  no_means.number = text("2");
  e.events.push_back(no_means);
  for (const auto kind : {model::EventKind::postponed, model::EventKind::suspended, model::EventKind::terminated}) {
    model::Event step;
    step.kind = kind;
    step.date = date(2024, 5, 6);
    step.reason = text("Lý do");
    e.events.push_back(step);
  }
  model::Event destroyed;
  destroyed.kind = model::EventKind::destroyed;
  destroyed.date = date(2024, 4, 10);
  destroyed.item_id = "e";
  e.events.push_back(destroyed);
  // The events of format 1.1, each with every field it can have.
  const auto step = [&](model::EventKind kind, int day) {
    model::Event event;
    event.kind = kind;
    event.date = date(2024, 6, day);
    event.number = text("3");
    event.reason = text("Lý do");
    event.body = text("Cơ quan khác");
    event.ground = "c";
    event.asset_id = "a";
    event.amount = model::Money{1000};
    event.obligation_id = "o2";
    event.price = model::Money{2000000};
    event.starting_price = model::Money{2000000};
    event.rate = 30;
    event.party_id = "c";
    event.recipient = text("Người mua");
    return event;
  };
  for (const auto kind :
       {model::EventKind::delegated_in, model::EventKind::secured, model::EventKind::seized, model::EventKind::valued,
        model::EventKind::auctioned, model::EventKind::handed_over, model::EventKind::released,
        model::EventKind::deduction, model::EventKind::remission, model::EventKind::resumed,
        model::EventKind::to_separate_register, model::EventKind::from_separate_register, model::EventKind::withdrawn,
        model::EventKind::cancelled, model::EventKind::delegated_out, model::EventKind::request_returned,
        model::EventKind::destruction_council}) {
    model::Event event = step(kind, 1 + static_cast<int>(e.events.size() % 28));
    event.measure = model::SecurityMeasure::freeze;
    event.sale = model::AuctionResult::sold;
    event.remission = model::RemissionKind::reduction;
    if (kind == model::EventKind::deduction) event.source = model::DeductionSource::income;
    e.events.push_back(event);
  }
  model::Event account_deduction = step(model::EventKind::deduction, 2);
  account_deduction.source = model::DeductionSource::account;
  account_deduction.asset_id = "t";
  e.events.push_back(account_deduction);
  e.status =
      model::Status{date(2024, 9, 30), model::MeansResult::no_means, model::StatusResult::in_progress, false, {}};
  return c;
}

model::OfficeProfile reference_office() {
  model::OfficeProfile o;
  o.names.push_back(model::OfficeName{"CƠ QUAN CHỦ QUẢN", "CƠ QUAN", "CCTHADS", "Địa danh", "", "", "", {}, {}});
  o.place = "Địa danh";
  o.address = "Địa chỉ";
  o.phone = "0200000000";
  o.email = "a@b.vn";
  o.account = model::BankAccount{"0000000000", "Chủ tài khoản", "Kho bạc Nhà nước"};
  o.communes = {"xã A", "xã B"};
  o.police = "Công an huyện A";
  o.finance = "Phòng Tài chính - Kế hoạch huyện A";
  o.procuracy = "Viện kiểm sát nhân dân huyện A";
  return o;
}

}  // namespace vanban::templating
