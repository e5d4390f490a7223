#pragma once
// The case store: each case kept as its exchange-format XML, every change a new version (who, when, what), old
// versions readable byte for byte, plus indexed columns for listing. Its tables are the "cases" component's
// migrations on db, in the same database as the archive. Every write reads the XML with the xml module first (the
// schema and the checks, as for a file): nothing that would be refused as a file is ever stored.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "db/location.hpp"
#include "db/schema.hpp"
#include "db/session.hpp"
#include "model/case.hpp"
#include "xml/case_reader.hpp"

namespace vanban::cases {

/// Who made a change, when, and what it was.
struct Change {
  std::string who;   ///< the user (a front end never leaves it empty)
  std::string when;  ///< ISO 8601 with offset, read once by the front end
  std::string what;  ///< for people: "nhập tệp so-thu-ly.xml", "diễn biến payment ngày 2024-07-01", …
};

/// A case's indexed columns, as listing shows them.
struct Summary {
  std::string id;
  std::int64_t version = 0;
  std::string debtor;            ///< the first debtor's name
  std::string officer;           ///< the officer in charge (enforcement officer=), by id
  std::string mode;              ///< "ex-officio", "on-request"
  std::string condition;         ///< "has-means", "no-means" (model::Ledger at the end of the history)
  std::int64_t outstanding = 0;  ///< đồng still owed at the end of the history (model::Ledger)
  std::string decision_date;     ///< ISO date, "" without a decision
  std::string updated_at;
  std::string updated_by;
};

/// One version of a case.
struct Version {
  std::int64_t version = 0;
  Change change;
  std::int64_t size = 0;  ///< bytes of its XML
};

/// A version of a case with its XML.
struct StoredCase {
  Summary summary;  ///< the columns of this version (`version` is this version's)
  Change change;    ///< who made this version
  std::string xml;  ///< byte for byte as written
};

/// A listing's filters and page; empty filters do not restrict.
struct ListQuery {
  std::string debtor;     ///< part of the debtor's name, without regard to case and diacritics
  std::string officer;    ///< exact
  std::string mode;       ///< exact
  std::string condition;  ///< exact
  std::size_t limit = 50;
  std::size_t offset = 0;
};

/// A page of a listing, ordered by case id.
struct ListPage {
  std::int64_t total = 0;  ///< how many cases match
  std::vector<Summary> items;
};

/// A case file to write, and the name its problems are reported against.
struct CaseFile {
  std::string xml;
  std::string file;
};

/// Case files handed to `visit` one at a time, in order.
using CaseFiles = std::function<void(const std::function<void(const CaseFile&)>& visit)>;

/// What one write did to one case.
struct WriteResult {
  enum class Outcome { created, updated, unchanged, stale };
  Outcome outcome = Outcome::unchanged;
  std::string id;
  std::int64_t version = 0;  ///< the case's version after the write (the current one when stale)
};

class Store {
 public:
  /// Connects and brings the store's tables to this binary's version (created when missing; db::OpenMode::create
  /// makes an SQLite file); `read` is how every write reads a case (the compiled schema). Throws Error as db does
  /// (E0760–E0763).
  Store(const db::DatabaseLocation& location, db::OpenMode mode, xml::ReadOptions read);

  /// The store's schema: the "cases" component's migrations.
  static const db::Schema& schema();

  /// Reads every file (each must hold one case) and, when none has an error, writes them in one transaction (all or
  /// nothing): a new version for each case whose XML differs from its current one, nothing for the others. With
  /// `expected` (one case only) the write happens only when the case's current version is that one, else nothing is
  /// written and the result is `stale` (a concurrent edit). nullopt, nothing written, with every problem in
  /// `diagnostics` when a file is refused.
  std::optional<std::vector<WriteResult>> write(const std::vector<CaseFile>& files, const Change& change,
                                                Diagnostics& diagnostics,
                                                std::optional<std::int64_t> expected = std::nullopt);

  /// write over files handed one at a time by `files` (called twice: once to read them all, then again, inside the
  /// transaction, to write them; it must hand the same files in the same order each time), so that only one file and
  /// the indexed columns of each are held at once.
  std::optional<std::vector<WriteResult>> write_each(const CaseFiles& files, const Change& change,
                                                     Diagnostics& diagnostics,
                                                     std::optional<std::int64_t> expected = std::nullopt);

  /// A case's current version, or the version asked for; nullopt when there is none.
  std::optional<StoredCase> get(const std::string& id, std::optional<std::int64_t> version = std::nullopt);
  /// Every version of a case, oldest first; empty when there is no such case.
  std::vector<Version> versions(const std::string& id);
  /// The cases matching the query, by id, one page.
  ListPage list(const ListQuery& query);
  /// Hands every case's current XML to `visit` with its id, by id (read a page at a time, so that the whole store is
  /// never held at once).
  void for_each_current(const std::function<void(const std::string& id, const std::string& xml)>& visit);
  /// Whether the database answers (for a readiness check); throws Error when it does not.
  void ping();

 private:
  db::Session session_;
  xml::ReadOptions read_;
};

}  // namespace vanban::cases
