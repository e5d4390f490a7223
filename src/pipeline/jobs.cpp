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
  // Reads the job's cases in order — every current case by id, a chunk at a time on the batch's threads, as `vanban
  // batch` reads a folder, or the ids named —, each case (none when it is missing or no longer reads) handed to `take`
  // with its place; a case `wanted` refuses is not read at all.
  using Take = std::function<void(std::size_t, const std::string&, std::optional<model::Case>&&, const Diagnostics&)>;
  const auto read_cases = [&](const std::function<bool(const std::string&)>& wanted, const Take& take) {
    std::size_t place = 0;
    if (!job->spec.case_ids.empty()) {
      for (const auto& case_id : job->spec.case_ids) {
        if (!wanted(case_id)) {
          ++place;
          continue;
        }
        Diagnostics said;
        take(place++, case_id, stored_case(engine, store, case_id, std::nullopt, said), said);
      }
      return;
    }
    std::vector<std::pair<std::string, std::string>> chunk;
    const auto read_chunk = [&] {
      std::vector<std::optional<model::Case>> read(chunk.size());
      std::vector<Diagnostics> said(chunk.size());
      parallel_for(chunk.size(), batch.jobs, [&](std::size_t i) {
        read[i] = engine.read_single_case(chunk[i].second, chunk[i].first + ".xml", said[i]);
      });
      for (std::size_t i = 0; i < chunk.size(); ++i) take(place++, chunk[i].first, std::move(read[i]), said[i]);
      chunk.clear();
    };
    store.for_each_current([&](const std::string& case_id, const std::string& xml) {
      if (!wanted(case_id)) return;
      chunk.emplace_back(case_id, xml);
      if (chunk.size() == kReadChunk) read_chunk();
    });
    read_chunk();
  };

  // Planned from a note of each case it needs (BatchRunner::note), not the case: the store is never held whole.
  std::vector<BatchNote> notes;
  std::vector<cases::JobItem> unreadable;  // cases the store lacks or that no longer read
  read_cases([](const std::string&) { return true; },
             [&](std::size_t place, const std::string& case_id, std::optional<model::Case>&& the_case,
                 const Diagnostics& said) {
               if (the_case) {
                 BatchNote note = runner.note(*the_case, make_file_name(the_case->id + ".xml"), {0, place});
                 if (runner.needs(note)) notes.push_back(std::move(note));
                 return;
               }
               cases::JobItem item{case_id, std::string(item_status_name(ItemStatus::failed)), "", "", {}};
               for (const auto& diagnostic : said.list())
                 if (diagnostic.severity == Severity::error)
                   item.problems.push_back({diagnostic.code, format_diagnostic(diagnostic)});
               unreadable.push_back(std::move(item));
             });
  // Where each noted case was, by its id in the store: read again, a case keeps its place though others were added
  // or removed meanwhile.
  std::vector<std::pair<std::string, std::size_t>> noted_at;
  noted_at.reserve(notes.size());
  for (const auto& note : notes) noted_at.emplace_back(note.case_id, note.source.second);
  std::sort(noted_at.begin(), noted_at.end());
  const auto place_of = [&noted_at](const std::string& case_id) -> std::optional<std::size_t> {
    const auto at = std::lower_bound(noted_at.begin(), noted_at.end(), std::make_pair(case_id, std::size_t{0}));
    if (at == noted_at.end() || at->first != case_id) return std::nullopt;
    return at->second;
  };
  Diagnostics planning;
  const bool planned = runner.plan(notes, planning);
  notes = {};  // the plan keeps what it needs
  if (!planned) {
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

  // The planned cases read again, each held only until it is rendered; none once the job is stopped.
  const bool named = !job->spec.case_ids.empty();
  const BatchCaseStream again = [&](const std::function<void(BatchSource, model::Case &&)>& visit) {
    read_cases(
        [&](const std::string& case_id) { return !stop.load() && (named || place_of(case_id)); },
        [&](std::size_t place, const std::string& case_id, std::optional<model::Case>&& the_case, const Diagnostics&) {
          const auto at = named ? std::optional<std::size_t>(place) : place_of(case_id);
          if (the_case && at) visit({0, *at}, std::move(*the_case));
        });
  };
  std::vector<cases::JobItem> group;
  runner.run(
      again,
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
  // A job of more letters than a combined PDF may have pages is done without it (E0322, its one problem).
  std::vector<cases::ItemProblem> problems;
  if (const auto refusal = runner.combined_refusal()) problems.push_back({refusal->code, format_diagnostic(*refusal)});
  if (!stop.load()) jobs.finish(id, cases::JobState::done, run.now ? run.now() : std::string(), problems);
}

std::optional<std::string> combined_refusal(const cases::Job& job) {
  for (const auto& problem : job.problems)
    if (problem.code == "E0322") return problem.message;
  return std::nullopt;
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
