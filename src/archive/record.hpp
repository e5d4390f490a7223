#pragma once
// One row of the archive's append-only record table, its canonical serialization and its chain hash.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace vanban::archive {

/// The kinds of record in the chain.
inline constexpr std::string_view kDocumentRecord = "document";      ///< a stored document
inline constexpr std::string_view kWithdrawalRecord = "withdrawal";  ///< a document withdrawn (thu hồi)
inline constexpr std::string_view kTrustRecord = "trust";            ///< a trust anchor (PEM) for signatures

/// The `prev_hash` of the first record.
inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

/// A record exactly as stored: every column of the table. Texts are UTF-8; absent values are "" or 0.
struct Record {
  std::int64_t seq = 0;        ///< position in the chain from 1: the archive id (mã lưu trữ)
  std::string kind;            ///< kDocumentRecord, kWithdrawalRecord or kTrustRecord
  std::string recorded_at;     ///< when it was recorded, ISO 8601 with offset (the front end's clock)
  std::string sha256;          ///< document: of the PDF; withdrawal: of the withdrawn PDF; trust: of the PEM
  std::int64_t byte_size = 0;  ///< document: size of the PDF
  std::string file_name;       ///< the name the file was added under (for people only)
  std::string case_id;
  std::string number;       ///< số: "05"
  std::string notation;     ///< ký hiệu: "QĐ-CCTHADS"
  std::string issued_date;  ///< YYYY-MM-DD or ""
  std::string type_name;    ///< "Quyết định"
  std::string subject;      ///< trích yếu
  std::string organ_name;
  std::string signer_name;
  std::string signer_position;
  std::int64_t page_amount = 0;
  std::string parties;       ///< one "role<TAB>name" line per party
  std::string status;        ///< document: the signature status (status_name)
  std::string signatures;    ///< one line per signature (see signature_line)
  std::string levels;        ///< one line per signature, in the same order: its PAdES level, "-" for none (version 2)
  std::string warnings;      ///< recorded warnings, one per line
  std::string refers_to;     ///< withdrawal: the hash of the withdrawn record
  std::string note;          ///< withdrawal: the reason; trust: the PEM text
  std::string number_key;    ///< số without leading zeros, for search
  std::string notation_key;  ///< ký hiệu folded (lower case, no diacritics)
  std::string type_key;      ///< type name folded
  std::string parties_key;   ///< party names folded, one per line
  std::string signer_key;    ///< signer names folded (document and certificates), one per line
  std::string prev_hash;     ///< the hash of the record before it (kGenesisHash for the first)
  std::string hash;          ///< record_hash() of this record
};

/// One column: its name, the member it holds, and the schema version that added it.
struct Column {
  const char* name;
  std::variant<std::string Record::*, std::int64_t Record::*> member;
  int since = 1;  ///< a later column is empty in records made before it (and left out of their hash)
};

/// Every column in table order; `seq` first, `hash` last.
const std::vector<Column>& columns();

/// The text the chain hash covers: every column but `seq` and `hash`, as "name=value" lines in table order,
/// with backslash, line feed and carriage return escaped; a column added by a later schema version only when it is
/// not empty, so that records made before it keep their hash. The chain order itself is carried by `prev_hash`,
/// so a record moved to another position keeps its own hash and is found out by the links.
std::string canonical_form(const Record& record);

/// SHA-256 of canonical_form(), 64 lower-case hexadecimal digits.
std::string record_hash(const Record& record);

/// Whether `text` is 64 lower-case hexadecimal digits (a SHA-256 as the archive writes it).
bool is_sha256_hex(std::string_view text);

/// Lines of a multi-line column, empty lines left out.
std::vector<std::string> split_lines(std::string_view text);

}  // namespace vanban::archive
