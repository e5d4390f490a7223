#pragma once
// The office profile (hồ sơ cơ quan): what an office states once in its configuration file instead of in every case
// file: its names (each valid for a period), officers, contacts, the account that receives payments, the bodies its
// documents address, and its seal and signature images. Pipeline fills a case that omits its agency or officers from
// it, and templates read the rest as `office.*`.

#include <optional>
#include <string>
#include <vector>

#include "base/source_loc.hpp"
#include "model/case.hpp"
#include "model/date.hpp"

namespace vanban::model {

/// A period of validity: from `from` (inclusive; none: always before) to `until` (inclusive; none: still valid).
struct Validity {
  std::optional<Date> from;
  std::optional<Date> until;
  /// Whether `date` falls in the period.
  [[nodiscard]] bool contains(Date date) const { return (!from || *from <= date) && (!until || date <= *until); }
};

/// The agency's name, code and parent line for one period (an office renamed by a reform has two).
struct OfficeName {
  std::string parent;     ///< cơ quan chủ quản line ("" when none)
  std::string name;       ///< "CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUỲ HỢP"
  std::string code;       ///< ký hiệu, "CCTHADS"
  std::string place;      ///< địa danh of the date line; "" takes the office's
  std::string police;     ///< the police body of the agency's level in this period; "" takes the office's
  std::string finance;    ///< the finance body in this period; "" takes the office's
  std::string procuracy;  ///< the procuracy in this period; "" takes the office's
  Validity valid;
  SourceLoc loc;
};

/// An officer of the office, for a period.
struct OfficeOfficer {
  std::string id;               ///< what case files and --signer name
  std::string name;             ///< full name
  std::string position;         ///< chức vụ as in a signature block
  std::string card;             ///< số thẻ chấp hành viên ("" when none)
  std::string signature_image;  ///< path of the officer's signature PNG ("" when none)
  Validity valid;
  SourceLoc loc;
};

/// The account that receives payments (tài khoản tạm giữ).
struct BankAccount {
  std::string number;
  std::string holder;  ///< chủ tài khoản
  std::string bank;    ///< nơi mở tài khoản (Kho bạc, ngân hàng)
};

/// A name the office maps to the one that replaced it (an agency, its code or a position renamed by the 2025
/// reorganisation), so that case files written before it can still be used.
struct Renaming {
  std::string old_name;
  std::string new_name;
  SourceLoc loc;
};

/// The bodies an office's documents address on a date (police, finance, procuracy; "" when not configured).
struct AddressedBodies {
  std::string police;
  std::string finance;
  std::string procuracy;
};

/// An office's profile, as its configuration file states it.
struct OfficeProfile {
  std::vector<OfficeName> names;
  std::string place;  ///< địa danh of the date line
  std::string address;
  std::string phone;
  std::string email;
  std::vector<OfficeOfficer> officers;
  std::optional<BankAccount> account;
  std::vector<std::string> communes;  ///< the communes its documents address (Ủy ban nhân dân xã …)
  std::string police;                 ///< the police body it addresses
  std::string finance;                ///< the finance body
  std::string procuracy;              ///< the procuracy (Viện kiểm sát)
  std::string seal_image;             ///< path of the seal PNG ("" when none)
  std::vector<Renaming> mapping;      ///< [office.mapping]: old names to the names that replaced them
  /// [office] confirmed_limits: the time limits marked UNCONFIRMED in rules/law.xml that the office has checked
  /// against the official text, each as "regime/limit" ("luat-2025/voluntary-period").
  std::vector<std::string> confirmed_limits;
  SourceLoc loc;

  /// The name valid on `date`, or nullptr when none is.
  [[nodiscard]] const OfficeName* name_on(Date date) const;
  /// The agency on `date` as a case states it (located at the profile's entries), or nullopt when no name is valid.
  [[nodiscard]] std::optional<Agency> agency_on(Date date) const;
  /// The police, finance and procuracy on `date`: the valid name's own, else the office's.
  [[nodiscard]] AddressedBodies bodies_on(Date date) const;
  /// The name `old_name` is mapped to, or nullptr when the mapping does not name it.
  [[nodiscard]] const Renaming* renaming_of(const std::string& old_name) const;
  /// Whether the office has confirmed the time limit `limit` of the regime `regime` ([office] confirmed_limits).
  [[nodiscard]] bool confirms(const std::string& regime, const std::string& limit) const;
  /// The officers serving on `date`, as a case states them.
  [[nodiscard]] std::vector<Officer> officers_on(Date date) const;
};

}  // namespace vanban::model
