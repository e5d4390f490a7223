#pragma once
// What an issued document says about itself: the Nghị định 30 Phụ lục VI fields its PDF carries in XMP, and
// the case it belongs to. One type for every stage: templating fills it, pdf writes it (Info and XMP), the XMP
// reader reads it back, the archive records it.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/date.hpp"

namespace vanban::model {

/// The metadata of one issued document (văn bản đi). Strings are UTF-8 (NFC); absent values are empty.
struct DocumentMetadata {
  std::string title;                ///< dc:title: "Quyết định về việc thi hành án"
  std::string type_name;            ///< Phụ lục VI TypeName: "Quyết định"
  std::string code_number;          ///< CodeNumber (số): "05"
  std::string code_notation;        ///< CodeNotation (ký hiệu): "QĐ-CCTHADS"
  std::optional<Date> issued_date;  ///< IssuedDate
  std::string organ_name;           ///< OrganName: the issuing agency as written
  std::string subject;              ///< Subject (trích yếu)
  int page_amount = 0;              ///< PageAmount; 0 when unknown
  std::string signer_position;      ///< SignerInfo Position
  std::string signer_name;          ///< SignerInfo FullName
  std::string keywords;             ///< pdf:Keywords as written: "THA-2024-000517, 517/QĐ-CCTHADS"
  std::string case_id;              ///< the case id vanban puts first in the keywords ("THA-2024-000517, 517/QĐ-…")
  /// The parties of the case, as vanban writes them (vbcase:Parties): role code ("debtor"…) and name.
  std::vector<std::pair<std::string, std::string>> parties;
};

}  // namespace vanban::model
