#pragma once
// The typed case: what the exchange format (urn:vanban:case:1) says, checked and normalized (NFC).
//
// Glossary (Vietnamese term beside each type):
//   Case         hồ sơ thi hành án              Agency       cơ quan thi hành án dân sự
//   Officer      lãnh đạo / chấp hành viên      Judgment     bản án, quyết định của Tòa án
//   Party        đương sự                       Role         debtor = người phải thi hành án,
//                                                            creditor = người được thi hành án,
//                                                            related = người có quyền lợi, nghĩa vụ liên quan
//   Obligation   khoản phải thi hành            Asset        tài sản của người phải thi hành án
//   EvidenceItem vật chứng                      Enforcement  việc thi hành án (chủ động / theo yêu cầu)
//   Event        diễn biến                      Status       tình trạng (có / chưa có điều kiện thi hành)
//   Register     sổ (danh sách hồ sơ)           Origin       nguồn gốc khoản tiền cơ quan thi hành án đang giữ
//   EnforcementKind  loại việc thi hành án theo luật (khoản 2 Điều 36 Luật 2008; Điều 33, 34 Luật 106/2025)

#include <optional>
#include <string>
#include <vector>

#include "base/source_loc.hpp"
#include "model/date.hpp"
#include "model/money.hpp"

namespace vanban::model {

/// A text value with the place it came from.
struct Text {
  std::string value;
  SourceLoc loc;
  [[nodiscard]] bool empty() const { return value.empty(); }
};

struct Agency {
  std::optional<Text> parent;  ///< cơ quan chủ quản line
  Text name;
  Text code;   ///< used in ký hiệu, e.g. "CCTHADS"
  Text place;  ///< địa danh in the date line
  std::optional<Text> address;
  std::optional<Text> phone;
  std::optional<Text> email;
  SourceLoc loc;
};

struct Officer {
  std::string id;
  Text name;
  Text position;             ///< chức vụ as written in a signature block
  std::optional<Text> card;  ///< số thẻ chấp hành viên
  SourceLoc loc;
};

struct Judgment {
  std::string id;
  Text kind;  ///< "Bản án", "Quyết định…"
  Text number;
  Date date;
  Text court;
  std::optional<Date> effective;
  SourceLoc loc;
};

enum class PartyKind { person, organization };
enum class Role { debtor, creditor, related };
/// The exchange format's name of a role ("debtor", "creditor", "related"), used in templates and metadata.
std::string_view role_code(Role role);
enum class Gender { unknown, male, female };

struct IdDocument {
  Text kind;  ///< CCCD, CMND, định danh
  Text number;
  SourceLoc loc;
};

struct Representative {
  Text name;
  std::optional<Text> position;
  Gender gender = Gender::unknown;  ///< unknown: no honorific is printed before the name
  SourceLoc loc;
};

struct Party {
  std::string id;
  PartyKind kind = PartyKind::person;
  Role role = Role::debtor;
  Text name;
  std::optional<int> birth_year;
  Gender gender = Gender::unknown;
  std::optional<IdDocument> id_document;
  std::optional<Text> address;
  std::optional<Text> phone;
  std::optional<Text> business_code;             ///< organizations only
  std::optional<Representative> representative;  ///< organizations only
  SourceLoc loc;
};

enum class ObligationKind {
  court_fee,
  fine,
  confiscation,
  recovery,
  compensation,
  debt,
  alimony,
  restitution,
  other,
  refund,  ///< trả lại tiền, tài sản cơ quan thi hành án đang giữ cho đương sự: no debtor, the payee is the creditor
  land_recovery,    ///< thu hồi quyền sử dụng đất, tài sản khác thuộc diện sung quỹ nhà nước
  interim_measure,  ///< biện pháp khẩn cấp tạm thời của Tòa án: enforced at once
  bankruptcy        ///< quyết định của Tòa án giải quyết phá sản
};

/// The exchange format's name of an obligation kind ("court-fee", "refund", …).
std::string_view obligation_kind_code(ObligationKind kind);

/// The kinds of enforcement the law names: ex officio, Luật THADS 2008 khoản 2 Điều 36 điểm a–e (Luật 106/2025/QH15
/// Điều 33), and on request (khoản 1 Điều 36; Luật 106/2025/QH15 Điều 34).
enum class EnforcementKind {
  state_payment,  ///< a: phạt tiền, truy thu tiền, tài sản thu lợi bất chính, án phí, lệ phí Tòa án
  refund,         ///< b: trả lại tiền, tài sản cho đương sự
  confiscation,  ///< c: tịch thu sung quỹ nhà nước, tịch thu tiêu hủy vật chứng; các khoản thu khác cho Nhà nước
  land_recovery,  ///< d: thu hồi quyền sử dụng đất và tài sản khác thuộc diện sung quỹ nhà nước
  interim_measure,  ///< đ: quyết định áp dụng biện pháp khẩn cấp tạm thời
  bankruptcy,       ///< e: quyết định của Tòa án giải quyết phá sản
  between_parties   ///< a payment or act owed to a party: enforced on request
};

/// The word for an enforcement kind: "state-payment", "refund", "confiscation", "land-recovery", "interim-measure",
/// "bankruptcy", "between-parties".
std::string_view enforcement_kind_code(EnforcementKind kind);

/// Where the money or asset the agency holds and must return came from (the receipt of a court-fee advance…).
enum class OriginKind { receipt, handover };

struct Origin {
  OriginKind kind = OriginKind::receipt;  ///< biên lai thu tiền, or biên bản giao nhận vật chứng, tài sản
  Text number;
  Date date;
  std::optional<Text> issuer;  ///< who issued it; absent: the agency itself
  SourceLoc loc;
};

struct Obligation {
  std::string id;
  ObligationKind kind = ObligationKind::other;
  std::string debtor_id;                   ///< "" for a refund: the agency pays it
  std::optional<std::string> creditor_id;  ///< absent: the State budget; for a refund, the payee
  std::string judgment_id;
  Text text;
  std::optional<Money> amount;  ///< absent for non-money obligations
  bool late_interest = false;
  std::optional<Origin> origin;  ///< refunds: where the money came from
  SourceLoc loc;

  [[nodiscard]] bool is_refund() const { return kind == ObligationKind::refund; }
};

/// The kind of enforcement an obligation falls under.
EnforcementKind enforcement_kind(const Obligation& obligation);

enum class AssetKind { land, house, vehicle, account, other };

struct Asset {
  std::string id;
  std::string owner_id;
  AssetKind kind = AssetKind::other;
  std::optional<std::string> mortgagee_id;
  Text text;
  std::optional<Text> certificate;
  std::optional<Money> value;
  std::optional<Text> mortgage_contract;
  std::optional<Text> number;       ///< an account's number
  std::optional<Text> institution;  ///< where it is held: the bank or treasury of an account (name, address)
  SourceLoc loc;
};

enum class Disposition { destroy, confiscate, give_back };

struct EvidenceItem {
  std::string id;
  std::string judgment_id;
  Disposition disposition = Disposition::destroy;
  Text text;
  SourceLoc loc;
};

enum class EnforcementMode { ex_officio, on_request };
enum class RequestChannel { paper, post, online, vneid, oral };

struct Request {
  Date date;
  std::string by_id;
  RequestChannel channel = RequestChannel::paper;
  SourceLoc loc;
};

struct Decision {
  std::optional<Text> number;
  Date date;
  std::optional<std::string> signer_id;
  SourceLoc loc;
};

enum class EventKind {
  notified,
  verification,
  payment,
  postponed,
  suspended,
  terminated,
  no_means_decision,
  destroyed,
  // Format 1.1: what statistics and deadlines count.
  delegated_out,           ///< ủy thác thi hành án đi (to another agency)
  delegated_in,            ///< nhận ủy thác (from another agency)
  withdrawn,               ///< quyết định thu hồi quyết định thi hành án (the agency's own)
  cancelled,               ///< quyết định hủy quyết định thi hành án (by a competent authority)
  remission,               ///< miễn, giảm nghĩa vụ thi hành án granted by the court
  to_separate_register,    ///< chuyển sổ theo dõi riêng
  from_separate_register,  ///< trở lại sổ thụ lý (new information on the debtor's means)
  resumed,                 ///< tiếp tục thi hành án after a postponement or suspension
  secured,           ///< biện pháp bảo đảm: phong tỏa, tạm giữ, tạm dừng đăng ký, chuyển dịch
  seized,            ///< kê biên tài sản
  valued,            ///< thẩm định giá tài sản kê biên
  auctioned,         ///< bán đấu giá
  handed_over,       ///< giao tài sản (to the buyer or a party)
  released,          ///< giải tỏa kê biên
  deduction,         ///< khấu trừ tiền trong tài khoản, trừ vào thu nhập
  request_returned,  ///< trả đơn yêu cầu (gửi lại yêu cầu thi hành án)
  destruction_council  ///< quyết định thành lập Hội đồng tiêu hủy vật chứng, tài sản (its date and number)
};
enum class MeansResult { has_means, no_means };
enum class RemissionKind { exemption, reduction };  ///< miễn, giảm
enum class SecurityMeasure { freeze, hold, stop_transfer };  ///< phong tỏa, tạm giữ, tạm dừng đăng ký, chuyển dịch
enum class DeductionSource { account, income };              ///< tài khoản, thu nhập
enum class AuctionResult { sold, unsold };

/// The exchange format's element name of an event kind: "notified", "delegated-out", …
std::string_view event_kind_code(EventKind kind);

/// One step in the history of the case; which optional fields are set depends on `kind` (schemas/README.md).
struct Event {
  EventKind kind = EventKind::notified;
  Date date;
  std::optional<std::string> party_id;  ///< notified; handed-over: the party who receives the asset
  std::optional<MeansResult> result;    ///< verification
  std::optional<Text> text;             ///< verification findings
  std::optional<Money> amount;  ///< payment; remission (exemption: absent = all that remains); secured; deduction
  std::optional<std::string> obligation_id;  ///< payment, remission, deduction
  std::optional<Text>
      reason;  ///< postponed, suspended, terminated, withdrawn, cancelled, resumed, released, request-returned
  std::optional<Text> number;               ///< the document's number: no-means-decision and the events of format 1.1
  std::optional<Date> until;                ///< postponed: the last day of the postponement, when known
  std::optional<std::string> item_id;       ///< destroyed
  std::optional<std::string> asset_id;      ///< secured, seized, valued, auctioned, handed-over, released, deduction
  std::vector<std::string> obligation_ids;  ///< delegated-out, withdrawn, cancelled: the part concerned (none: all)
  std::optional<Text> body;                 ///< the other body: delegated-out the receiving agency, delegated-in the
                                            ///< sending agency, cancelled the deciding authority, remission the court,
                                            ///< valued the valuer, auctioned the auctioneer, deduction the payer
  std::optional<std::string> ground;        ///< withdrawn, released: the point of the law ("a"…"d")
  std::optional<RemissionKind> remission;   ///< remission
  std::optional<SecurityMeasure> measure;   ///< secured
  std::optional<DeductionSource> source;    ///< deduction
  std::optional<AuctionResult> sale;        ///< auctioned
  std::optional<Money> price;               ///< valued: the price; auctioned: the price it sold for
  std::optional<Money> starting_price;      ///< auctioned
  std::optional<int> rate;                  ///< deduction from income: the percent of each payment
  std::optional<Text> recipient;            ///< handed-over: a recipient who is not a party (the buyer)
  SourceLoc loc;
};

/// Where enforcement stands; the last three take the decision out of the office's count.
enum class StatusResult { completed, terminated, in_progress, postponed, suspended, delegated, withdrawn, returned };

struct Status {
  Date as_of;
  MeansResult condition = MeansResult::has_means;
  StatusResult result = StatusResult::in_progress;
  bool separate_register = false;  ///< on the sổ theo dõi riêng
  SourceLoc loc;
};

struct Enforcement {
  EnforcementMode mode = EnforcementMode::ex_officio;
  std::string officer_id;
  std::optional<Date> received;
  std::optional<Request> request;
  std::optional<Decision> decision;
  std::vector<Event> events;
  std::optional<Status> status;
  SourceLoc loc;
};

struct Case {
  std::string id;
  Agency agency;
  std::vector<Officer> officers;
  std::vector<Judgment> judgments;
  std::vector<Party> parties;
  std::vector<Obligation> obligations;
  std::vector<Asset> assets;
  std::vector<EvidenceItem> evidence;
  Enforcement enforcement;
  SourceLoc loc;

  [[nodiscard]] const Party* find_party(std::string_view id) const;
  [[nodiscard]] const Officer* find_officer(std::string_view id) const;
  [[nodiscard]] const Judgment* find_judgment(std::string_view id) const;
  [[nodiscard]] const Obligation* find_obligation(std::string_view id) const;
  [[nodiscard]] const EvidenceItem* find_evidence(std::string_view id) const;
  [[nodiscard]] const Asset* find_asset(std::string_view id) const;
};

/// A register file (`<register>`) or a single case file, which loads as a register of one.
struct Register {
  std::optional<Date> period_start;
  std::optional<Date> period_end;
  std::vector<Case> cases;
};

}  // namespace vanban::model
