#pragma once
// What a document is, for the PDF Info dictionary and its XMP metadata (with the Nghị định 30 Phụ lục VI fields).

#include <string>
#include <utility>
#include <vector>

namespace vanban::pdf {

/// Document metadata. Info and XMP carry the same values; strings are UTF-8 (NFC).
struct DocumentInfo {
  std::string title;     ///< document type and trích yếu: "Quyết định về việc thi hành án"
  std::string author;    ///< issuing agency
  std::string subject;   ///< trích yếu: "Về việc thi hành án" (also Phụ lục VI Subject)
  std::string keywords;  ///< case id, số/ký hiệu
  int year = 1970;       ///< creation date = the document date (also Phụ lục VI IssuedDate)
  int month = 1;
  int day = 1;
  // Nghị định 30 Phụ lục VI, written to XMP only.
  std::string type_name;        ///< TypeName: "Quyết định"
  std::string code_number;      ///< CodeNumber: "05"; "" in a draft (then omitted)
  std::string code_notation;    ///< CodeNotation: "QĐ-CCTHADS"
  std::string organ_name;       ///< OrganName: the issuing agency as written
  std::string signer_position;  ///< SignerInfo Position: "Chi cục trưởng"
  std::string signer_name;      ///< SignerInfo FullName
  // The case, written to XMP only (vanban's own schema): what the archive finds the document by.
  std::string case_id;
  std::vector<std::pair<std::string, std::string>> parties;  ///< role code ("debtor"…) and name
};

}  // namespace vanban::pdf
