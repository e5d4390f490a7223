#include "pipeline/jobs.hpp"

#include <algorithm>
#include <mutex>
#include <optional>
#include <utility>

#include "base/error.hpp"
#include "pipeline/case_store.hpp"
#include "pipeline/parallel.hpp"

namespace vanban::pipeline {

namespace {

// Finished cases recorded in one transaction: what a kill loses of the last group, the journal and the letters' hashes
// still know (the next run finds those letters written and does not draft them again).
constexpr std::size_t kRecordGroup = 16;
// Held while a job's zip is looked for and made, and while a run drops a zip made too early: a zip asked for while a
// cancelled job's last letters were still being written is made again from them all.
std::mutex zip_mutex;

std::filesystem::path zip_of(const std::filesystem::path& job_folder) { return job_folder / "letters.zip"; }

// Stored cases read at once on the batch's threads (their XML held meanwhile).
constexpr std::size_t kReadChunk = 256;

cases::JobItem job_item(const BatchItem& item) {
  cases::JobItem out{item.case_id, std::string(item_status_name(item.status)), item.file, item.sha256, {}};
  for (const auto& diagnostic : item.diagnostics)
    out.problems.push_back({diagnostic.code, format_diagnostic(diagnostic)});
  // A letter that could not be written carries no diagnostic, only the environment's message.
  if (out.problems.empty() && !item.message.empty()) out.problems.push_back({errors::kWrite, item.message});
  return out;
}

BatchItem batch_item(const cases::JobItem& item) {
  BatchItem out;
  out.case_id = item.case_id;
  out.file = item.file;
  out.sha256 = item.sha256;
  out.status = parse_item_status(item.state).value_or(ItemStatus::failed);
  for (const auto& problem : item.problems) {
    out.message += (out.message.empty() ? "" : "; ") + problem.message;
    out.diagnostics.push_back({Severity::error, problem.code, SourceLoc{}, problem.message});
  }
  return out;
}

}  // namespace

std::filesystem::path job_letters(const std::filesystem::path& job_folder) { return job_folder / "letters"; }
std::filesystem::path job_combined(const std::filesystem::path& job_folder) { return job_folder / "combined.pdf"; }

void run_job(const Engine& engine, cases::Store& store, cases::JobStore& jobs, std::int64_t id,
             const RenderOptions& options, const JobRun& run) {
  const auto job = jobs.get(id);
  if (!job || (job->state != cases::JobState::queued && job->state != cases::JobState::running)) return;
  const std::atomic<bool> never{false};
  const std::atomic<bool>& stop = run.stop != nullptr ? *run.stop : never;
  BatchOptions batch;
  batch.render = options;
  batch.out_dir = job_letters(run.folder);
  batch.where = job->spec.where;
  batch.jobs = std::max(1U, run.threads);
  batch.combined = job_combined(run.folder);
  batch.duplex = job->spec.duplex;
  for (const auto& item : jobs.items(id)) batch.finished.emplace(item.case_id, batch_item(item));

  BatchRunner runner(engine, batch);
  std::vector<model::Case> held;
  std::vector<cases::JobItem> unreadable;  // cases the store lacks or that no longer read
  const auto keep = [&](const std::string& case_id, std::optional<model::Case> the_case, const Diagnostics& said) {
    if (the_case && runner.needs(*the_case)) {
      held.push_back(std::move(*the_case));
      return;
    }
    if (the_case) return;
    cases::JobItem item{case_id, std::string(item_status_name(ItemStatus::failed)), "", "", {}};
    for (const auto& diagnostic : said.list())
      if (diagnostic.severity == Severity::error)
        item.problems.push_back({diagnostic.code, format_diagnostic(diagnostic)});
    unreadable.push_back(std::move(item));
  };
  if (job->spec.case_ids.empty()) {
    // Read on the batch's threads a chunk at a time (kept in the store's order), as `vanban batch` reads a folder.
    std::vector<std::pair<std::string, std::string>> chunk;
    const auto read_chunk = [&] {
      std::vector<std::optional<model::Case>> read(chunk.size());
      std::vector<Diagnostics> said(chunk.size());
      parallel_for(chunk.size(), batch.jobs, [&](std::size_t i) {
        read[i] = engine.read_single_case(chunk[i].second, chunk[i].first + ".xml", said[i]);
      });
      for (std::size_t i = 0; i < chunk.size(); ++i) keep(chunk[i].first, std::move(read[i]), said[i]);
      chunk.clear();
    };
    store.for_each_current([&](const std::string& case_id, const std::string& xml) {
      chunk.emplace_back(case_id, xml);
      if (chunk.size() == kReadChunk) read_chunk();
    });
    read_chunk();
  } else {
    for (const auto& case_id : job->spec.case_ids) {
      Diagnostics said;
      keep(case_id, stored_case(engine, store, case_id, std::nullopt, said), said);
    }
  }
  std::vector<BatchCase> cases;
  for (const auto& the_case : held) cases.push_back({&the_case, the_case.id + ".xml"});
  Diagnostics planning;
  if (!runner.plan(cases, planning)) {
    // As `vanban batch` refuses the whole batch: a wrong filter, or a case no letter can be dated for (E0320).
    std::vector<cases::ItemProblem> problems;
    for (const auto& diagnostic : planning.list())
      if (diagnostic.severity == Severity::error) problems.push_back({diagnostic.code, format_diagnostic(diagnostic)});
    jobs.record(id, unreadable);
    jobs.finish(id, cases::JobState::failed, run.now ? run.now() : std::string(), problems);
    return;
  }
  jobs.start(id, static_cast<std::int64_t>(runner.planned() + unreadable.size()));
  jobs.record(id, unreadable);

  std::vector<cases::JobItem> group;
  runner.run(
      [&](const BatchProgress&, const BatchItem& item) {
        group.push_back(job_item(item));
        if (group.size() < kRecordGroup) return;
        jobs.record(id, group);
        group.clear();
      },
      stop);
  jobs.record(id, group);
  {
    const std::lock_guard lock(zip_mutex);
    std::error_code ec;
    std::filesystem::remove(zip_of(run.folder), ec);
  }
  if (!stop.load()) jobs.finish(id, cases::JobState::done, run.now ? run.now() : std::string());
}

std::optional<std::filesystem::path> job_zip(const std::filesystem::path& job_folder) {
  const auto letters = job_letters(job_folder);
  const auto zip = zip_of(job_folder);
  const std::lock_guard lock(zip_mutex);
  std::error_code ec;
  if (!std::filesystem::is_directory(letters, ec)) return std::nullopt;
  if (std::filesystem::is_regular_file(zip, ec)) return zip;
  std::vector<archive::ZipFile> files;
  for (const auto& entry : std::filesystem::directory_iterator(letters, ec)) {
    const std::string name = entry.path().filename().string();
    const bool letter = name.size() > 4 && name.compare(name.size() - 4, 4, ".pdf") == 0 && name.front() != '.';
    if (letter || name == "manifest.csv" || name == "manifest.json") files.push_back({name, entry.path()});
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  archive::write_zip(files, zip);
  return zip;
}

}  // namespace vanban::pipeline
