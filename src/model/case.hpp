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
//   Register     sổ (danh sách hồ sơ)

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

enum class ObligationKind { court_fee, fine, confiscation, recovery, compensation, debt, alimony, restitution, other };

struct Obligation {
  std::string id;
  ObligationKind kind = ObligationKind::other;
  std::string debtor_id;
  std::optional<std::string> creditor_id;  ///< absent: the State budget
  std::string judgment_id;
  Text text;
  std::optional<Money> amount;  ///< absent for non-money obligations
  bool late_interest = false;
  SourceLoc loc;
};

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
  destroyed
};
enum class MeansResult { has_means, no_means };

/// One step in the history of the case; which optional fields are set depends on `kind`.
struct Event {
  EventKind kind = EventKind::notified;
  Date date;
  std::optional<std::string> party_id;       ///< notified
  std::optional<MeansResult> result;         ///< verification
  std::optional<Text> text;                  ///< verification findings
  std::optional<Money> amount;               ///< payment
  std::optional<std::string> obligation_id;  ///< payment
  std::optional<Text> reason;                ///< postponed, suspended, terminated
  std::optional<Text> number;                ///< no-means-decision
  std::optional<std::string> item_id;        ///< destroyed
  SourceLoc loc;
};

enum class StatusResult { completed, terminated, in_progress, postponed, suspended };

struct Status {
  Date as_of;
  MeansResult condition = MeansResult::has_means;
  StatusResult result = StatusResult::in_progress;
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
};

/// A register file (`<register>`) or a single case file, which loads as a register of one.
struct Register {
  std::optional<Date> period_start;
  std::optional<Date> period_end;
  std::vector<Case> cases;
};

}  // namespace vanban::model
