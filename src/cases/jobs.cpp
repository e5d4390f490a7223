#include "cases/jobs.hpp"

#include <algorithm>

#include "base/split.hpp"

namespace vanban::cases {

namespace {

db::Schema make_schema() {
  db::Migration first;
  first.statements = {
      "CREATE TABLE jobs (id BIGINT PRIMARY KEY, template TEXT NOT NULL, params TEXT NOT NULL, letter_date TEXT NOT "
      "NULL, filter TEXT NOT NULL, case_ids TEXT NOT NULL, duplex BIGINT NOT NULL, state TEXT NOT NULL, total BIGINT "
      "NOT NULL, done BIGINT NOT NULL, failed BIGINT NOT NULL, not_applicable BIGINT NOT NULL, created_at TEXT NOT "
      "NULL, created_by TEXT NOT NULL, finished_at TEXT NOT NULL, problems TEXT NOT NULL)",
      "CREATE INDEX jobs_state ON jobs (state)",
      "CREATE TABLE job_items (job_id BIGINT NOT NULL, case_id TEXT NOT NULL, state TEXT NOT NULL, file TEXT NOT NULL, "
      "sha256 TEXT NOT NULL, diagnostics TEXT NOT NULL, PRIMARY KEY (job_id, case_id))",
  };
  return db::Schema{"jobs", {first}, ""};
}

// Lists kept in one text column: parts apart by the ASCII unit separator (never in a case id or a parameter a form
// sends), records (an item's problems) by the record separator.
constexpr char kUnit = '\x1f';
constexpr char kRecord = '\x1e';

std::string joined(const std::vector<std::string>& parts, char separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : std::string(1, separator)) + parts[i];
  return out;
}

// The pieces of a recorded list; an empty text is an empty list.
std::vector<std::string> pieces(const std::string& text, char separator) {
  if (text.empty()) return {};
  return split(text, separator);
}

std::string problems_text(const std::vector<ItemProblem>& problems) {
  std::vector<std::string> records;
  for (const auto& problem : problems) records.push_back(problem.code + kUnit + problem.message);
  return joined(records, kRecord);
}

std::vector<ItemProblem> problems_of(const std::string& text) {
  std::vector<ItemProblem> out;
  for (const auto& record : pieces(text, kRecord)) {
    const auto parts = pieces(record, kUnit);
    out.push_back({parts.empty() ? "" : parts[0], parts.size() < 2 ? "" : parts[1]});
  }
  return out;
}

JobState state_of(const std::string& name) {
  for (const JobState state :
       {JobState::queued, JobState::running, JobState::done, JobState::cancelled, JobState::failed})
    if (name == job_state_name(state)) return state;
  return JobState::failed;
}

using db::integer_of;
using db::text_of;

}  // namespace

const char* job_state_name(JobState state) {
  switch (state) {
    case JobState::queued: return "queued";
    case JobState::running: return "running";
    case JobState::done: return "done";
    case JobState::cancelled: return "cancelled";
    case JobState::failed: return "failed";
  }
  return "failed";
}

JobStore::JobStore(const db::DatabaseLocation& location, db::OpenMode mode)
    : session_(location, mode, "cơ sở dữ liệu việc hàng loạt") {
  db::migrate(session_, schema());
}

const db::Schema& JobStore::schema() {
  static const db::Schema schema = make_schema();
  return schema;
}

std::int64_t JobStore::create(const JobSpec& spec) {
  // Makers queue on the table: an id is read and written under the lock.
  db::Transaction transaction(session_, "jobs");
  const auto last = session_.select("SELECT MAX(id) FROM jobs", {}, {db::Type::integer});
  const std::int64_t id = (last.empty() ? 0 : integer_of(last.front()[0])) + 1;
  session_.execute(
      "INSERT INTO jobs (id, template, params, letter_date, filter, case_ids, duplex, state, total, done, failed, "
      "not_applicable, created_at, created_by, finished_at, problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, "
      "?, '', "
      "'')",
      {id, spec.template_name, joined(spec.parameters, kUnit), spec.date, spec.where, joined(spec.case_ids, kUnit),
       static_cast<std::int64_t>(spec.duplex ? 1 : 0), std::string(job_state_name(JobState::queued)), spec.created_at,
       spec.created_by});
  transaction.commit();
  return id;
}

std::optional<Job> JobStore::get(std::int64_t id) {
  const auto rows = session_.select(
      "SELECT template, params, letter_date, filter, case_ids, duplex, state, total, done, failed, not_applicable, "
      "created_at, created_by, finished_at, problems FROM jobs WHERE id = ?",
      {id},
      {db::Type::text, db::Type::text, db::Type::text, db::Type::text, db::Type::text, db::Type::integer,
       db::Type::text, db::Type::integer, db::Type::integer, db::Type::integer, db::Type::integer, db::Type::text,
       db::Type::text, db::Type::text, db::Type::text});
  if (rows.empty()) return std::nullopt;
  const auto& row = rows.front();
  Job job;
  job.id = id;
  job.spec.template_name = text_of(row[0]);
  job.spec.parameters = pieces(text_of(row[1]), kUnit);
  job.spec.date = text_of(row[2]);
  job.spec.where = text_of(row[3]);
  job.spec.case_ids = pieces(text_of(row[4]), kUnit);
  job.spec.duplex = integer_of(row[5]) != 0;
  job.state = state_of(text_of(row[6]));
  job.total = integer_of(row[7]);
  job.done = integer_of(row[8]);
  job.failed = integer_of(row[9]);
  job.not_applicable = integer_of(row[10]);
  job.spec.created_at = text_of(row[11]);
  job.spec.created_by = text_of(row[12]);
  job.finished_at = text_of(row[13]);
  job.problems = problems_of(text_of(row[14]));
  return job;
}

std::vector<JobItem> JobStore::items(std::int64_t id, bool only_failed, std::size_t limit, std::size_t offset) {
  // SQLite and PostgreSQL both take LIMIT and OFFSET; a limit past any count is no limit.
  const auto bound = [](std::size_t count) {
    return static_cast<std::int64_t>(std::min<std::size_t>(count, std::numeric_limits<std::int64_t>::max()));
  };
  const auto rows =
      session_.select(std::string("SELECT case_id, state, file, sha256, diagnostics FROM job_items WHERE "
                                  "job_id = ?") +
                          (only_failed ? " AND state = 'failed'" : "") + " ORDER BY case_id LIMIT ? OFFSET ?",
                      {id, bound(limit), bound(offset)},
                      {db::Type::text, db::Type::text, db::Type::text, db::Type::text, db::Type::text});
  std::vector<JobItem> out;
  for (const auto& row : rows) {
    out.push_back({text_of(row[0]), text_of(row[1]), text_of(row[2]), text_of(row[3]), problems_of(text_of(row[4]))});
  }
  return out;
}

std::vector<std::int64_t> JobStore::unfinished() {
  std::vector<std::int64_t> out;
  for (const auto& row :
       session_.select("SELECT id FROM jobs WHERE state IN (?, ?) ORDER BY id",
                       {std::string(job_state_name(JobState::queued)), std::string(job_state_name(JobState::running))},
                       {db::Type::integer}))
    out.push_back(integer_of(row[0]));
  return out;
}

void JobStore::start(std::int64_t id, std::int64_t total) {
  db::Transaction transaction(session_, "jobs");
  session_.execute("UPDATE jobs SET state = ?, total = ? WHERE id = ? AND state IN (?, ?)",
                   {std::string(job_state_name(JobState::running)), total, id,
                    std::string(job_state_name(JobState::queued)), std::string(job_state_name(JobState::running))});
  transaction.commit();
}

void JobStore::record(std::int64_t id, const std::vector<JobItem>& items) {
  if (items.empty()) return;
  db::Transaction transaction(session_, "jobs");
  std::int64_t done = 0;
  std::int64_t failed = 0;
  std::int64_t not_applicable = 0;
  for (const JobItem& item : items) {
    const auto known = session_.select("SELECT 1 FROM job_items WHERE job_id = ? AND case_id = ?", {id, item.case_id},
                                       {db::Type::integer});
    if (!known.empty()) continue;
    session_.execute(
        "INSERT INTO job_items (job_id, case_id, state, file, sha256, diagnostics) VALUES (?, ?, ?, ?, ?, ?)",
        {id, item.case_id, item.state, item.file, item.sha256, problems_text(item.problems)});
    if (item.state == "failed") ++failed;
    else if (item.state == "not-applicable") ++not_applicable;
    else ++done;
  }
  session_.execute(
      "UPDATE jobs SET done = done + ?, failed = failed + ?, not_applicable = not_applicable + ? WHERE "
      "id = ?",
      {done, failed, not_applicable, id});
  transaction.commit();
}

void JobStore::finish(std::int64_t id, JobState state, const std::string& when,
                      const std::vector<ItemProblem>& problems) {
  db::Transaction transaction(session_, "jobs");
  session_.execute("UPDATE jobs SET state = ?, finished_at = ?, problems = ? WHERE id = ? AND state IN (?, ?)",
                   {std::string(job_state_name(state)), when, problems_text(problems), id,
                    std::string(job_state_name(JobState::queued)), std::string(job_state_name(JobState::running))});
  transaction.commit();
}

bool JobStore::cancel(std::int64_t id, const std::string& when) {
  db::Transaction transaction(session_, "jobs");
  const auto rows = session_.select("SELECT state FROM jobs WHERE id = ?", {id}, {db::Type::text});
  if (rows.empty()) return false;
  const JobState state = state_of(text_of(rows.front()[0]));
  if (state != JobState::queued && state != JobState::running) return false;
  session_.execute("UPDATE jobs SET state = ?, finished_at = ? WHERE id = ?",
                   {std::string(job_state_name(JobState::cancelled)), when, id});
  transaction.commit();
  return true;
}

}  // namespace vanban::cases
