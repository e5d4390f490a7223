#pragma once
// Batch rendering: one template for many cases (a register or a folder of case files), in parallel,
// resumable, with a manifest, optionally combined into one print-ready PDF.

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostics.hpp"
#include "pipeline/engine.hpp"
#include "pipeline/request.hpp"

namespace vanban::pipeline {

/// What became of one case: rendered, skipped (its output exists and matches the manifest), failed, or not applicable
/// (the template's applies="…" does not hold for the case on the letters' date: nothing is drafted).
enum class ItemStatus { done, skipped, failed, not_applicable };

/// The header of manifest.csv (after a UTF-8 byte order mark): the columns in Vietnamese, for a spreadsheet; its
/// states are "đã lập", "đã có", "lỗi" and "không áp dụng". manifest.json keeps keys and states for programs (done,
/// skipped, failed, not-applicable).
inline constexpr const char* kManifestHeader =
    "mã hồ sơ,người phải thi hành án,số tiền còn phải thi hành (đồng),tệp,SHA-256,trạng thái,ghi chú";

/// One line of the manifest.
struct BatchItem {
  std::string case_id;
  std::string debtor;
  std::int64_t amount = 0;  ///< what is still owed on the letter's date (model::Ledger), in đồng
  std::string file;         ///< output file name inside the output folder
  std::string sha256;       ///< of the output file; "" when failed
  ItemStatus status = ItemStatus::failed;
  std::string message;                  ///< why it failed
  std::vector<Diagnostic> diagnostics;  ///< the errors that made it fail (codes for programs); not in the manifest
};

/// The state as manifest.json writes it, for programs: "done", "skipped", "failed", "not-applicable".
std::string_view item_status_name(ItemStatus status);
/// The state of a name item_status_name gives; nullopt for any other text.
std::optional<ItemStatus> parse_item_status(std::string_view name);

struct BatchOptions {
  RenderOptions render;  ///< template, dates, parameters (number and signer stay per case)
  std::filesystem::path out_dir;
  std::string where;  ///< filter over the case context; "" selects every case
  unsigned jobs = 1;
  bool force = false;  ///< redo outputs that exist and match the manifest
  std::optional<std::filesystem::path> combined;
  bool duplex = false;                                     ///< in the combined PDF, start each letter on an odd page
  std::size_t combined_pages = Engine::kMaxCombinedPages;  ///< the most pages of the combined PDF (E0322 past them)
  /// Cases an earlier run of the same work finished (case id → its item as recorded then, a job's database knows
  /// them): listed in the manifest and the combined PDF as recorded, never rendered nor written again, and not
  /// reported to run()'s callback.
  std::map<std::string, BatchItem> finished;
};

struct BatchProgress {
  std::size_t done = 0;
  std::size_t skipped = 0;
  std::size_t failed = 0;
  std::size_t not_applicable = 0;
  std::size_t total = 0;
};

/// A case to render, with the file it came from (for messages).
struct BatchCase {
  const model::Case* the_case = nullptr;
  std::string file;
};

/// Where a case stands in a batch's input: the file's place among the input files, the case's place in the file.
using BatchSource = std::pair<std::size_t, std::size_t>;

/// What planning needs of one case (BatchRunner::note), kept in place of the case so that a large register is never
/// held whole: the case is read again to be rendered.
struct BatchNote {
  BatchSource source;
  std::string case_id;
  FileName file;                 ///< the file it came from (for messages), shared by its cases
  SourceLoc loc;                 ///< where the case starts (E0316)
  bool resolved = false;         ///< a letter can be dated for it; false refuses the whole batch (E0320, E0317…)
  bool selected = false;         ///< it passes the filter (or there is none)
  bool applies = false;          ///< the template applies to it on the letter's date
  std::string debtor;            ///< the first debtor's name
  std::int64_t amount = 0;       ///< what is still owed on the letter's date
  std::vector<Diagnostic> said;  ///< what resolving it reported, in order
};

/// Hands each case of a batch's input, with its place, to the visitor: in the order planning read them, a file
/// started again from its first case when its reader starts again.
using BatchCaseStream = std::function<void(const std::function<void(BatchSource, model::Case&&)>& visit)>;

class BatchRunner {
 public:
  BatchRunner(const Engine& engine, BatchOptions options);
  ~BatchRunner();
  BatchRunner(const BatchRunner&) = delete;
  BatchRunner& operator=(const BatchRunner&) = delete;

  /// Checks the filter (errors at `--where:1:COLUMN`, a usage error for the front end), keeps the matching
  /// cases and orders them by the debtor's name in Vietnamese collation, then by case id. Returns false when
  /// the filter is wrong (or the template makes no document).
  bool plan(const std::vector<BatchCase>& cases, Diagnostics& diagnostics);
  /// The same from notes of the cases (note()), in the order read: the same plan, diagnostics and refusals; run() then
  /// needs the cases again, streamed.
  bool plan(const std::vector<BatchNote>& notes, Diagnostics& diagnostics);
  /// What plan() needs of a case found at `source`. Thread-safe: called on the threads that read the case files.
  [[nodiscard]] BatchNote note(const model::Case& the_case, const FileName& file, BatchSource source) const;
  /// Whether plan() has anything to do with this case: it passes the filter, or resolving it reports a problem
  /// (plan() drops every other case without a word, so a reader may drop it at once and hold only the cases that
  /// matter). Thread-safe: called on the threads that read the case files.
  [[nodiscard]] bool needs(const model::Case& the_case) const;
  /// The same for a note of the case.
  [[nodiscard]] bool needs(const BatchNote& note) const;
  [[nodiscard]] std::size_t planned() const;
  /// Why the combined PDF asked for (`options.combined`) is not made, with E0322: after plan(), when more letters may
  /// be printed than the combined PDF may have pages (`options.combined_pages`; each letter takes one at least) — then
  /// run() holds no case for it and makes none —; after run(), also when the letters made more pages. nullopt when
  /// it is made, or not asked for.
  [[nodiscard]] std::optional<Diagnostic> combined_refusal() const;

  /// What run() reports as each case finishes: the counts so far and the case's item (its diagnostics when it failed).
  using Report = std::function<void(const BatchProgress&, const BatchItem&)>;
  /// What run() lists of each finished case, in the manifest's order, once the manifests and the combined PDF are
  /// written: its line's fields (no diagnostics: the journal and the manifest do not keep them).
  using Listing = std::function<void(const BatchItem&)>;

  /// Renders every planned case with `options.jobs` threads, writing each PDF atomically; a case that fails
  /// is recorded and the batch goes on. `report` is called (serialized) after each case, once it is in the journal
  /// (cases of `options.finished` are counted, not reported); when `stop` becomes true no new case starts. Then writes
  /// manifest.csv and manifest.json (the cases finished so far) a line at a time from the journal and, when asked and
  /// not stopped, the combined PDF; then gives each item to `listed`. Nothing of a finished case but its state and its
  /// place in the journal is held: a batch's memory does not grow with its items' messages. Returns the counts.
  /// Throws vanban::Error when a file cannot be written (or what `report` throws, after the manifest is written).
  BatchProgress run(const Report& report, const std::atomic<bool>& stop, const Listing& listed = nullptr);
  /// The same when plan() was given notes: the cases come from `cases` (the input read again) and each is held only
  /// until it is rendered, a few at a time — but for the combined PDF, which needs every printable case at once. A
  /// planned case the stream does not give again as it was planned (the file changed meanwhile) fails with E0321.
  BatchProgress run(const BatchCaseStream& cases, const Report& report, const std::atomic<bool>& stop,
                    const Listing& listed = nullptr);

  /// The file name of a case's output: "<case id>-<template>.pdf", with anything unsafe in the id replaced.
  static std::string output_name(const std::string& case_id, const std::string& template_name);

 private:
  struct Planned;
  const Engine& engine_;
  BatchOptions options_;
  std::vector<Planned> plan_;
  std::shared_ptr<const Engine::Filter> prefilter_;  // for needs(); null without --where or when it is wrong
  bool where_wrong_ = false;                         // plan() reports it: needs() keeps every case
  std::optional<Diagnostic> combined_refusal_;

  BatchProgress run_planned(const BatchCaseStream* cases, const Report& report, const std::atomic<bool>& stop,
                            const Listing& listed);
};

/// Reads the case files of a batch on `jobs` threads, as read_case_files does (the same diagnostics, the result in the
/// order of `paths`), noting for `runner` each case it needs (BatchRunner::note, needs) into `notes`, in the order
/// read, instead of holding it: an accepted file's `cases` is an empty register.
std::vector<CaseFile> note_case_files(const Engine& engine, const BatchRunner& runner,
                                      const std::vector<std::filesystem::path>& paths, text::RepairMode repair,
                                      unsigned jobs, std::vector<BatchNote>& notes);

/// The cases of the accepted files of `files` (note_case_files) read again, as a stream for BatchRunner::run; a file
/// that can no longer be read gives nothing. The engine and the files must outlive the stream.
BatchCaseStream stream_case_files(const Engine& engine, const std::vector<CaseFile>& files, text::RepairMode repair);

}  // namespace vanban::pipeline
