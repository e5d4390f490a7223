#include "cases/store.hpp"

#include "base/error.hpp"
#include "model/ledger.hpp"
#include "text/collation.hpp"

namespace vanban::cases {

namespace {

db::Schema make_schema() {
  db::Migration first;
  first.statements = {
      "CREATE TABLE case_version (case_id TEXT NOT NULL, version BIGINT NOT NULL, xml TEXT NOT NULL, "
      "recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL, what TEXT NOT NULL, PRIMARY KEY (case_id, version))",
      "CREATE TABLE case_current (case_id TEXT PRIMARY KEY, version BIGINT NOT NULL, debtor TEXT NOT NULL, "
      "debtor_key TEXT NOT NULL, officer TEXT NOT NULL, mode TEXT NOT NULL, means TEXT NOT NULL, "
      "outstanding BIGINT NOT NULL, decision_date TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL)",
      "CREATE INDEX case_current_debtor ON case_current (debtor_key)",
      "CREATE INDEX case_current_officer ON case_current (officer)",
      "CREATE INDEX case_current_decision ON case_current (decision_date)",
  };
  return db::Schema{"cases", {first}, ""};
}

// The indexed columns of a case, from the case the xml module read (the ledger gives its figures).
Summary summarize(const model::Case& the_case) {
  Summary out;
  out.id = the_case.id;
  for (const auto& party : the_case.parties)
    if (party.role == model::Role::debtor) {
      out.debtor = party.name.value;
      break;
    }
  out.officer = the_case.enforcement.officer_id;
  out.mode = the_case.enforcement.mode == model::EnforcementMode::ex_officio ? "ex-officio" : "on-request";
  const auto ledger = model::Ledger::at_end(the_case);
  out.condition = std::string(model::means_code(ledger.condition()));
  out.outstanding = ledger.totals().outstanding.dong;
  if (the_case.enforcement.decision) out.decision_date = the_case.enforcement.decision->date.to_iso();
  return out;
}

const char* kSummaryColumns =
    "case_id, version, debtor, officer, mode, means, outstanding, decision_date, updated_at, updated_by";
const std::vector<db::Type> kSummaryTypes = {db::Type::text, db::Type::integer, db::Type::text,    db::Type::text,
                                             db::Type::text, db::Type::text,    db::Type::integer, db::Type::text,
                                             db::Type::text, db::Type::text};

using db::integer_of;
using db::text_of;

Summary summary_of(const db::Row& row) {
  Summary out;
  out.id = text_of(row[0]);
  out.version = integer_of(row[1]);
  out.debtor = text_of(row[2]);
  out.officer = text_of(row[3]);
  out.mode = text_of(row[4]);
  out.condition = text_of(row[5]);
  out.outstanding = integer_of(row[6]);
  out.decision_date = text_of(row[7]);
  out.updated_at = text_of(row[8]);
  out.updated_by = text_of(row[9]);
  return out;
}

// A source of case files that handed other files the second time (a bug of the caller's).
[[noreturn]] void files_changed() {
  throw Error(errors::kLibrary, "the case files to write changed between their reading and their writing");
}

}  // namespace

Store::Store(const db::DatabaseLocation& location, db::OpenMode mode, xml::ReadOptions read)
    : session_(location, mode, "cơ sở dữ liệu hồ sơ"), read_(std::move(read)) {
  db::migrate(session_, schema());
}

const db::Schema& Store::schema() {
  static const db::Schema schema = make_schema();
  return schema;
}

std::optional<std::vector<WriteResult>> Store::write(const std::vector<CaseFile>& files, const Change& change,
                                                     Diagnostics& diagnostics, std::optional<std::int64_t> expected) {
  return write_each(
      [&files](const std::function<void(const CaseFile&)>& visit) {
        for (const CaseFile& file : files) visit(file);
      },
      change, diagnostics, expected);
}

std::optional<std::vector<WriteResult>> Store::write_each(const CaseFiles& files, const Change& change,
                                                          Diagnostics& diagnostics,
                                                          std::optional<std::int64_t> expected) {
  // Read first, outside the transaction: a refused file writes nothing. Only each case's columns are kept.
  std::vector<Summary> summaries;
  bool refused = false;
  files([&](const CaseFile& file) {
    auto read = xml::read_register(file.xml, make_file_name(file.file), read_, diagnostics);
    if (!read) {
      refused = true;
      return;
    }
    if (read->cases.size() != 1) {
      diagnostics.error("E0780", SourceLoc{make_file_name(file.file)},
                        "kho hồ sơ lưu từng hồ sơ (<case>): một sổ (<register>) không thay được một hồ sơ");
      refused = true;
      return;
    }
    summaries.push_back(summarize(read->cases.front()));
  });
  if (refused) return std::nullopt;
  std::vector<WriteResult> results;
  std::optional<WriteResult> stale;
  // Writers queue on the current table: a version number is read and written under the lock.
  db::Transaction transaction(session_, "case_current");
  std::size_t next = 0;
  files([&](const CaseFile& item) {
    if (stale) return;
    if (next >= summaries.size()) files_changed();
    const Summary& summary = summaries[next++];
    WriteResult result;
    result.id = summary.id;
    const auto current =
        session_.select("SELECT version FROM case_current WHERE case_id = ?", {summary.id}, {db::Type::integer});
    const std::int64_t version = current.empty() ? 0 : integer_of(current.front()[0]);
    result.version = version;
    if (expected && *expected != version) {
      result.outcome = WriteResult::Outcome::stale;
      stale = result;
      return;
    }
    if (version != 0) {
      const auto same = session_.select("SELECT xml FROM case_version WHERE case_id = ? AND version = ?",
                                        {summary.id, version}, {db::Type::text});
      if (!same.empty() && text_of(same.front()[0]) == item.xml) {
        result.outcome = WriteResult::Outcome::unchanged;
        results.push_back(result);
        return;
      }
    }
    result.version = version + 1;
    result.outcome = version == 0 ? WriteResult::Outcome::created : WriteResult::Outcome::updated;
    session_.execute(
        "INSERT INTO case_version (case_id, version, xml, recorded_at, recorded_by, what) VALUES (?, ?, ?, ?, ?, ?)",
        {summary.id, result.version, item.xml, change.when, change.who, change.what});
    const std::vector<db::Value> columns = {result.version,
                                            summary.debtor,
                                            text::search_key(summary.debtor),
                                            summary.officer,
                                            summary.mode,
                                            summary.condition,
                                            summary.outstanding,
                                            summary.decision_date,
                                            change.when,
                                            change.who,
                                            summary.id};
    if (version == 0)
      session_.execute(
          "INSERT INTO case_current (version, debtor, debtor_key, officer, mode, means, outstanding, decision_date, "
          "updated_at, updated_by, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          columns);
    else
      session_.execute(
          "UPDATE case_current SET version = ?, debtor = ?, debtor_key = ?, officer = ?, mode = ?, means = ?, "
          "outstanding = ?, decision_date = ?, updated_at = ?, updated_by = ? WHERE case_id = ?",
          columns);
    results.push_back(result);
  });
  if (stale) return std::vector<WriteResult>{*stale};  // rolled back: nothing of this write is kept
  if (next != summaries.size()) files_changed();
  transaction.commit();
  return results;
}

std::optional<StoredCase> Store::get(const std::string& id, std::optional<std::int64_t> version) {
  const auto current = session_.select(
      std::string("SELECT ") + kSummaryColumns + " FROM case_current WHERE case_id = ?", {id}, kSummaryTypes);
  if (current.empty()) return std::nullopt;
  StoredCase out;
  out.summary = summary_of(current.front());
  const std::int64_t wanted = version.value_or(out.summary.version);
  const auto rows =
      session_.select("SELECT xml, recorded_at, recorded_by, what FROM case_version WHERE case_id = ? AND version = ?",
                      {id, wanted}, {db::Type::text, db::Type::text, db::Type::text, db::Type::text});
  if (rows.empty()) return std::nullopt;
  out.xml = text_of(rows.front()[0]);
  out.change = {text_of(rows.front()[2]), text_of(rows.front()[1]), text_of(rows.front()[3])};
  out.summary.version = wanted;
  return out;
}

std::vector<Version> Store::versions(const std::string& id) {
  const auto rows = session_.select(
      "SELECT version, recorded_at, recorded_by, what, LENGTH(xml) FROM case_version WHERE case_id = ? "
      "ORDER BY version",
      {id}, {db::Type::integer, db::Type::text, db::Type::text, db::Type::text, db::Type::integer});
  std::vector<Version> out;
  for (const auto& row : rows)
    out.push_back({integer_of(row[0]), {text_of(row[2]), text_of(row[1]), text_of(row[3])}, integer_of(row[4])});
  return out;
}

ListPage Store::list(const ListQuery& query) {
  std::string condition = "1 = 1";
  std::vector<db::Value> parameters;
  const auto add = [&](const char* clause, const std::string& value) {
    if (value.empty()) return;
    condition += std::string(" AND ") + clause;
    parameters.emplace_back(value);
  };
  const std::string key = text::search_key(query.debtor);
  if (!key.empty()) add("debtor_key LIKE ? ESCAPE '\\'", db::contains_pattern(key));
  add("officer = ?", query.officer);
  add("mode = ?", query.mode);
  add("means = ?", query.condition);
  ListPage page;
  const auto count =
      session_.select("SELECT COUNT(*) FROM case_current WHERE " + condition, parameters, {db::Type::integer});
  page.total = count.empty() ? 0 : integer_of(count.front()[0]);
  auto paged = parameters;
  paged.emplace_back(static_cast<std::int64_t>(query.limit));
  paged.emplace_back(static_cast<std::int64_t>(query.offset));
  for (const auto& row : session_.select(std::string("SELECT ") + kSummaryColumns + " FROM case_current WHERE " +
                                             condition + " ORDER BY case_id LIMIT ? OFFSET ?",
                                         paged, kSummaryTypes))
    page.items.push_back(summary_of(row));
  return page;
}

void Store::for_each_current(const std::function<void(const std::string& id, const std::string& xml)>& visit) {
  constexpr std::int64_t kPage = 256;
  std::string after;  // every id sorts after the empty one
  for (;;) {
    const auto rows = session_.select(
        "SELECT c.case_id, v.xml FROM case_current c JOIN case_version v ON v.case_id = c.case_id AND "
        "v.version = c.version WHERE c.case_id > ? ORDER BY c.case_id LIMIT ?",
        {after, kPage}, {db::Type::text, db::Type::text});
    for (const auto& row : rows) visit(text_of(row[0]), text_of(row[1]));
    if (static_cast<std::int64_t>(rows.size()) < kPage) return;
    after = text_of(rows.back()[0]);
  }
}

void Store::ping() { (void)session_.select("SELECT 1", {}, {db::Type::integer}); }

}  // namespace vanban::cases
