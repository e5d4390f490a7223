#pragma once
// Stage entry point: the archive of signed documents. Content-addressed files, an append-only hash chain of
// records in SQLite or PostgreSQL (the same schema and behaviour), search, verification and the hand-over export.
// Input problems go to Diagnostics (codes E07xx, W07xx); environment failures throw vanban::Error.

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "archive/facts.hpp"
#include "archive/location.hpp"
#include "archive/record.hpp"
#include "base/bytes.hpp"
#include "base/diagnostics.hpp"
#include "db/value.hpp"
#include "model/date.hpp"

namespace vanban::archive {

class Database;
class Store;

/// A stored document as search and get show it.
struct Entry {
  Record record;                     ///< its document record
  std::optional<Record> withdrawal;  ///< the record that withdrew it, if any
  /// The parties, from the record's lines.
  [[nodiscard]] std::vector<Party> parties() const;
  /// Each signature's PAdES level ("B-B", "B-T", "B-LT"; "" when none was reached or recorded), in signing order;
  /// empty for records made before levels were recorded.
  [[nodiscard]] std::vector<std::string> levels() const;
  /// "517/QĐ-CCTHADS", "/QĐ-CCTHADS" without a number, "" without either.
  [[nodiscard]] std::string number_and_notation() const;
};

/// What the archive takes in. A signature that does not match its bytes is refused under every policy.
enum class TrustPolicy {
  signed_documents,   ///< intact, valid signatures; one not anchored in the trust anchors is recorded with W0714
  trusted_documents,  ///< every signature anchored in the trust anchors too (--require-trusted), else E0713
  any_document,       ///< also unsigned or invalid (never broken) documents, recorded as such (--allow-unsigned)
};

/// What to add and how strictly.
struct AddRequest {
  std::string file_name;    ///< the name given on the command line (recorded for people)
  std::string recorded_at;  ///< ISO 8601 with offset, read once by the front end
  TrustPolicy policy = TrustPolicy::signed_documents;
};

struct AddResult {
  enum class Outcome { added, present, refused };
  Outcome outcome = Outcome::refused;
  std::int64_t id = 0;  ///< the archive id (added or present)
  std::string sha256;
  SignatureStatus status = SignatureStatus::broken;
};

/// Search criteria; empty ones do not restrict. Texts match without regard to case and diacritics.
struct Query {
  std::string case_id;              ///< exact
  std::string number;               ///< "517/QĐ-CCTHADS", "517" or "QĐ-CCTHADS" (số compared as a number)
  std::string party;                ///< part of a party's name
  std::string type;                 ///< part of the document type ("quyet dinh")
  std::string signer;               ///< part of the signer's name (document or certificate)
  std::string text;                 ///< part of a party's name, of the số/ký hiệu or of the trích yếu
  std::optional<model::Date> from;  ///< issued on or after
  std::optional<model::Date> to;    ///< issued on or before
  std::size_t limit = 0;            ///< at most this many hits; 0 for all
};

/// Figures of one verification; the problems themselves go to Diagnostics.
struct VerifyReport {
  std::size_t records = 0;
  std::size_t documents = 0;
  std::size_t files_checked = 0;
  std::uintmax_t bytes_checked = 0;
  std::size_t signatures_checked = 0;
  std::int64_t head_seq = 0;  ///< the last record's position and hash: note them down outside the archive
  std::string head_hash;
};

class Archive {
 public:
  enum class OpenMode {
    create,   ///< make the store folder and the tables when missing (add, withdraw)
    existing  ///< the archive must exist (get, search, verify, export)
  };
  /// Opens the archive. Throws Error with a clear message when the database cannot be reached, is not a vanban
  /// archive or is corrupt, or the store folder is missing.
  static std::unique_ptr<Archive> open(const Location& location, OpenMode mode);
  ~Archive();
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  /// Archives one PDF: the policy (signature status × request) decides; the bytes are stored under their
  /// SHA-256, then the record is appended in one transaction. The same bytes twice: `present`, nothing added.
  /// Refusals and recorded warnings go to `diagnostics` against `file`.
  AddResult add(std::string_view pdf, const DocumentFacts& facts, const AddRequest& request, const SourceLoc& file,
                Diagnostics& diagnostics);

  /// Records a trust anchor (PEM text); false when the same text is already recorded.
  bool add_trust_anchor(std::string_view pem, const std::string& file_name, const std::string& recorded_at);
  /// Every recorded trust anchor's PEM text.
  [[nodiscard]] std::vector<Bytes> trust_anchors() const;

  /// Withdraws (thu hồi) a document: a new record that refers to it; nothing is deleted. nullopt, with a
  /// diagnostic, when there is no such document or it is withdrawn already.
  std::optional<Record> withdraw(std::int64_t id, const std::string& reason, const std::string& recorded_at,
                                 Diagnostics& diagnostics);

  /// The document with this archive id.
  [[nodiscard]] std::optional<Entry> find(std::int64_t id) const;
  /// The document with this archive id; nullopt with E0750 when there is none.
  std::optional<Entry> document(std::int64_t id, Diagnostics& diagnostics) const;
  /// The one document with this số/ký hiệu ("517/QĐ-CCTHADS", "517"), issued in `year` when given; nullopt with
  /// E0750 when there is none, E0751 (listing their archive ids) when there are several.
  std::optional<Entry> document_numbered(const std::string& number, std::optional<int> year,
                                         Diagnostics& diagnostics) const;
  /// Documents matching the query, by issue date then archive id.
  [[nodiscard]] std::vector<Entry> search(const Query& query) const;
  /// The stored bytes of a document, checked against its SHA-256; nullopt with a diagnostic when the file is
  /// missing or changed.
  std::optional<Bytes> content(const Entry& entry, Diagnostics& diagnostics) const;

  /// Rehashes every stored file, checks the chain (deleted, edited, reordered records; the head in the store against
  /// the record it names), re-verifies signatures through `checker`, and reports each problem once in `diagnostics`.
  /// With `expected` (a head noted outside the archive), the chain must still hold that record with that hash
  /// (E0745): what the store alone cannot prove, since whoever rewrites the database can rewrite its head too.
  VerifyReport verify(const SignatureChecker& checker, Diagnostics& diagnostics,
                      const std::optional<ChainHead>& expected = std::nullopt) const;

  /// The chain's last record as a head (position and hash); nullopt when the archive holds no record yet.
  [[nodiscard]] std::optional<ChainHead> head() const;

  /// Writes the hand-over package of a case (Nghị định 30) to `zip`, a seekable binary stream (a file: the package is
  /// never held, its documents read one at a time): a zip with its documents in chronological order, each as .pdf
  /// with an .xml metadata sidecar (Phụ lục VI), and manifest.xml. false with diagnostics when the case has no
  /// document or a file is missing or changed: what was written is then to be discarded. Throws Error [E0769] when
  /// the zip cannot be written.
  bool export_case(const std::string& case_id, std::ostream& zip, Diagnostics& diagnostics) const;

 private:
  Archive(const Location& location, std::unique_ptr<Database> database);
  // Appends a record under the chain lock; nullopt (rolled back) when `duplicate` finds it there already.
  std::optional<Record> append(Record record, const std::function<bool()>& duplicate);
  [[nodiscard]] std::vector<Entry> entries(const std::string& condition,
                                           const std::vector<db::Value>& parameters) const;
  void check_document(const Record& record, const SignatureChecker& checker, VerifyReport& report,
                      Diagnostics& diagnostics) const;
  // Under the chain lock: a head behind the tail is brought up to it (an add stopped after its commit); throws E0767
  // when the head names no record of this chain.
  void bring_head_up(const ChainHead& head, const std::optional<std::pair<std::int64_t, std::string>>& tail);
  // On opening for writing: the same, in a transaction of its own, so that a lagging head is mended before anything.
  void catch_up_head();
  [[nodiscard]] SourceLoc where() const;

  Location location_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<Store> store_;
  FileName name_;
};

}  // namespace vanban::archive
