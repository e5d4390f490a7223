#pragma once
// The service's batch jobs: each job (what it drafts, over which cases, its state and counts) and each of its items
// (one case: state, output file, hash, diagnostics) kept in the database, the "jobs" component's migrations on db,
// beside the case store; so a job survives a restart of the service and resumes where it stopped. Times are given by
// the caller (the front end reads the clock).

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "db/location.hpp"
#include "db/schema.hpp"
#include "db/session.hpp"

namespace vanban::cases {

/// Where a job stands: waiting, running, or ended (done, cancelled, failed).
enum class JobState { queued, running, done, cancelled, failed };

/// The state's name in the database and the API: "queued", "running", "done", "cancelled", "failed".
const char* job_state_name(JobState state);

/// What a job drafts, over which cases, as it was asked.
struct JobSpec {
  std::string template_name;
  std::vector<std::string> parameters;  ///< "name=value", as --set
  std::string date;                     ///< the letters' date (ISO), fixed when the job is made
  std::string where;                    ///< the filter over the case store ("" with case_ids, or for every case)
  std::vector<std::string> case_ids;    ///< the cases named, when no filter is used
  bool duplex = false;                  ///< the combined PDF starts each letter on an odd page
  std::string created_at;               ///< ISO 8601 with offset
  std::string created_by;
};

/// One problem of an item: its code and its message (Vietnamese).
struct ItemProblem {
  std::string code;
  std::string message;
};

/// A job and its counts.
struct Job {
  std::int64_t id = 0;
  JobSpec spec;
  JobState state = JobState::queued;
  std::int64_t total = 0;  ///< the cases planned (known once it runs)
  std::int64_t done = 0;   ///< drafted (or found drafted)
  std::int64_t failed = 0;
  std::int64_t not_applicable = 0;
  std::string finished_at;            ///< "" until it ends
  std::vector<ItemProblem> problems;  ///< why it failed as a whole (a filter or a case the plan refused)
};

/// One case of a job, once it is finished.
struct JobItem {
  std::string case_id;
  std::string state;  ///< as the batch manifest's manifest.json: "done", "skipped", "failed", "not-applicable"
  std::string file;   ///< the output's name in the job's folder
  std::string sha256;
  std::vector<ItemProblem> problems;
};

class JobStore {
 public:
  /// Connects and brings the job tables to this binary's version (see cases::Store). Throws Error as db does.
  JobStore(const db::DatabaseLocation& location, db::OpenMode mode);

  /// The job tables' schema: the "jobs" component's migrations.
  static const db::Schema& schema();

  /// Records a new job, queued; returns its id (1, 2, …).
  std::int64_t create(const JobSpec& spec);
  /// A job; nullopt when there is none of this id.
  std::optional<Job> get(std::int64_t id);
  /// The items of a job, by case id; only the failed ones when asked; at most `limit` of them after the first `offset`.
  std::vector<JobItem> items(std::int64_t id, bool only_failed = false,
                             std::size_t limit = std::numeric_limits<std::size_t>::max(), std::size_t offset = 0);
  /// The jobs a stopped service left queued or running, oldest first.
  std::vector<std::int64_t> unfinished();

  /// Marks a job running with `total` cases planned.
  void start(std::int64_t id, std::int64_t total);
  /// Records finished items in one transaction (an item recorded already is left as it was) and counts them.
  void record(std::int64_t id, const std::vector<JobItem>& items);
  /// Ends a job (done, cancelled or failed, with the problems that failed it) at `when`, unless it has ended already
  /// (a cancelled job stays so).
  void finish(std::int64_t id, JobState state, const std::string& when, const std::vector<ItemProblem>& problems = {});
  /// Cancels a queued or running job at `when`; false when it had ended already.
  bool cancel(std::int64_t id, const std::string& when);

 private:
  db::Session session_;
};

}  // namespace vanban::cases
