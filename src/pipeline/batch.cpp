#include "pipeline/batch.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "base/error.hpp"
#include "base/file_io.hpp"
#include "base/json.hpp"
#include "base/system_error.hpp"
#include "crypto/sha256.hpp"
#include "pipeline/csv.hpp"
#include "pipeline/parallel.hpp"
#include "text/collation.hpp"

namespace vanban::pipeline {

struct BatchRunner::Planned {
  BatchSource source;
  const model::Case* held = nullptr;  ///< the case plan() was given; null: run() has it read again
  std::string case_id;
  bool applies = false;  ///< the template applies to the case on the letter's date
  std::string debtor;
  std::int64_t amount = 0;
  std::string sort_key;
};

namespace {

constexpr const char* kManifestCsv = "manifest.csv";
constexpr const char* kManifestJson = "manifest.json";
// One CSV line per finished case, appended as the batch goes: what an interrupted batch (SIGKILL, a power cut)
// resumes from. Folded into the manifest and removed when a run ends.
constexpr const char* kJournal = "manifest.journal";
constexpr const char* kLock = ".vanban-batch.lock";

// A case id used as it is in a file name: ASCII letters, digits, '-', '_', '.', not starting with '.', short.
constexpr std::size_t kPlainIdLength = 64;
// Any other id: a readable part of this length, '~' (which a plain id never holds) and 12 hex digits of its SHA-256.
constexpr std::size_t kReadableLength = 48;
constexpr std::size_t kHashDigits = 12;

// Cases read again and held at once for each thread that renders them (run() over a stream).
constexpr std::size_t kRenderChunk = 32;

// The state as manifest.csv writes it (for the clerk who opens it in a spreadsheet).
std::string_view status_text(ItemStatus status) {
  switch (status) {
    case ItemStatus::done: return "đã lập";
    case ItemStatus::skipped: return "đã có";
    case ItemStatus::failed: return "lỗi";
    case ItemStatus::not_applicable: return "không áp dụng";
  }
  return "lỗi";
}

// file name → SHA-256 of the outputs a previous run recorded as written: its manifest, then its journal (a later line
// wins).
std::map<std::string, std::string> previous_hashes(const std::filesystem::path& dir) {
  std::map<std::string, std::string> hashes;
  const auto written = [](const std::string& state) {
    return state == status_text(ItemStatus::done) || state == status_text(ItemStatus::skipped) ||
           state == item_status_name(ItemStatus::done) || state == item_status_name(ItemStatus::skipped);
  };
  for (const char* name : {kManifestCsv, kJournal}) {
    std::ifstream in(dir / name);
    std::string line;
    while (std::getline(in, line)) {
      const auto fields = csv_fields(line);
      if (fields.size() < 6) continue;  // a line cut short by a crash
      if (written(fields[5]) && fields[4].size() == 64) hashes[fields[3]] = fields[4];
      else hashes.erase(fields[3]);  // the header, or a case that failed since
    }
  }
  return hashes;
}

// The start of a manifest line: what the plan knows of the case (id, debtor, amount, file), each with its comma.
std::string csv_head(const BatchItem& item) {
  return csv_field(item.case_id) + "," + csv_field(item.debtor) + "," + std::to_string(item.amount) + "," +
         csv_field(item.file) + ",";
}

// The rest of a manifest line (without its end): what rendering found (hash, state, message), read back by
// read_csv_tail.
std::string csv_tail(const BatchItem& item) {
  return item.sha256 + "," + std::string(status_text(item.status)) + "," + csv_field(item.message);
}

// One manifest line (without its end).
std::string csv_line(const BatchItem& item) { return csv_head(item) + csv_tail(item); }

// The hash and the message a line's tail (csv_tail) holds, into `item`; neither the hash nor the state has a comma.
void read_csv_tail(std::string_view tail, BatchItem& item) {
  const std::size_t hash_end = std::min(tail.find(','), tail.size());
  const std::size_t state_end = std::min(tail.find(',', hash_end + 1), tail.size());
  item.sha256 = std::string(tail.substr(0, hash_end));
  item.message = csv_value(tail.substr(std::min(state_end + 1, tail.size())));
}

// One manifest.json element (without the comma between elements and the line's end).
std::string json_line(const BatchItem& item) {
  const std::string status(item_status_name(item.status));
  return "  {\"case_id\": " + json_string(item.case_id) + ", \"debtor\": " + json_string(item.debtor) +
         ", \"amount\": " + std::to_string(item.amount) + ", \"file\": " + json_string(item.file) +
         ", \"sha256\": " + json_string(item.sha256) + ", \"status\": " + json_string(status) +
         ", \"message\": " + json_string(item.message) + "}";
}

// Where a journal line's tail (csv_tail) lies in the journal.
struct JournalSpan {
  std::uint64_t at = 0;
  std::size_t size = 0;
};

// The journal of the running batch, appended line by line (one write() each, so a crash cuts at most the last), and
// read back by the manifests: the finished items' texts stay on disk, not in memory.
class Journal {
 public:
  explicit Journal(const std::filesystem::path& path)
      : path_(path), fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) {
    if (fd_ < 0)
      throw Error(errors::kWrite, "không mở được " + path.string() + ": " + system_error_text(errno), path.string());
  }
  ~Journal() { ::close(fd_); }
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Appends the item's line; where its tail is. Called by one thread at a time.
  JournalSpan append(const BatchItem& item) {
    // A line cut short by an earlier crash must not swallow this one.
    const std::string head = "\n" + csv_head(item);
    const std::string tail = csv_tail(item);
    const std::string line = head + tail + "\n";
    const off_t end = ::lseek(fd_, 0, SEEK_END);  // where O_APPEND writes it: no other writer (the folder's lock)
    if (end < 0) fail("không ghi được ");
    for (std::size_t written = 0; written < line.size();) {
      const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fail("không ghi được ");
      written += static_cast<std::size_t>(n);
    }
    return {static_cast<std::uint64_t>(end) + head.size(), tail.size()};
  }

  // The bytes append() wrote at `span`.
  [[nodiscard]] std::string read(JournalSpan span) const {
    std::string bytes(span.size, '\0');
    for (std::size_t got = 0; got < bytes.size();) {
      const ssize_t n = ::pread(fd_, bytes.data() + got, bytes.size() - got, static_cast<off_t>(span.at + got));
      if (n < 0 && errno == EINTR) continue;
      if (n == 0) errno = EIO;  // cut short since it was written
      if (n <= 0) fail("không đọc lại được ");
      got += static_cast<std::size_t>(n);
    }
    return bytes;
  }

 private:
  [[noreturn]] void fail(const char* what) const {
    throw Error(errors::kWrite, what + path_.string() + ": " + system_error_text(errno), path_.string());
  }

  std::filesystem::path path_;
  int fd_;
};

// What run() keeps of a case once it is finished, until the manifests are written: its state, and where the rest of
// its manifest line is — in the journal, or the item an earlier run recorded.
struct Outcome {
  bool finished = false;
  ItemStatus status = ItemStatus::failed;
  const BatchItem* recorded = nullptr;
  JournalSpan tail;
};

// Removes what an interrupted run left: temporary files of outputs and manifests (".NAME.XXXXXX", made by
// write_file_atomically). Only under the folder's lock, so no running batch loses one.
void remove_temporaries(const std::filesystem::path& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() < 9 || name[0] != '.' || name[name.size() - 7] != '.') continue;
    const std::string stem = name.substr(1, name.size() - 8);
    const bool ours = stem == kManifestCsv || stem == kManifestJson ||
                      (stem.size() > 4 && stem.compare(stem.size() - 4, 4, ".pdf") == 0);
    std::error_code ignored;
    if (ours && entry.is_regular_file(ignored)) std::filesystem::remove(entry.path(), ignored);
  }
}

// Writes manifest.csv, then manifest.json, a line at a time (a batch of 100,000 cases makes tens of megabytes of each,
// never held): `item(k)` makes the k-th of `count` items, once for each manifest.
void write_manifests(const std::filesystem::path& dir, std::size_t count,
                     const std::function<BatchItem(std::size_t)>& item) {
  write_file_atomically(dir / kManifestCsv, [&](std::ostream& out) {
    out << kCsvByteOrderMark << kManifestHeader << '\n';
    for (std::size_t k = 0; k < count; ++k) out << csv_line(item(k)) << '\n';
  });
  write_file_atomically(dir / kManifestJson, [&](std::ostream& out) {
    out << "[\n";
    for (std::size_t k = 0; k < count; ++k) out << json_line(item(k)) << (k + 1 < count ? "," : "") << '\n';
    out << "]\n";
  });
}

const model::Party* first_debtor(const model::Case& the_case) {
  for (const auto& party : the_case.parties)
    if (party.role == model::Role::debtor) return &party;
  return nullptr;
}

}  // namespace

std::string_view item_status_name(ItemStatus status) {
  switch (status) {
    case ItemStatus::done: return "done";
    case ItemStatus::skipped: return "skipped";
    case ItemStatus::failed: return "failed";
    case ItemStatus::not_applicable: return "not-applicable";
  }
  return "failed";
}

std::optional<ItemStatus> parse_item_status(std::string_view name) {
  for (const ItemStatus status :
       {ItemStatus::done, ItemStatus::skipped, ItemStatus::failed, ItemStatus::not_applicable})
    if (item_status_name(status) == name) return status;
  return std::nullopt;
}

BatchRunner::BatchRunner(const Engine& engine, BatchOptions options) : engine_(engine), options_(std::move(options)) {
  if (options_.where.empty()) return;
  Diagnostics ignored;  // plan() parses the filter again and reports what is wrong with it
  prefilter_ = engine_.parse_filter(options_.where, options_.render.template_name, ignored);
  where_wrong_ = !prefilter_;
}

BatchNote BatchRunner::note(const model::Case& the_case, const FileName& file, BatchSource source) const {
  BatchNote note;
  note.source = source;
  note.case_id = the_case.id;
  note.file = file;
  note.loc = the_case.loc;
  Diagnostics said;
  const auto request = engine_.resolve(the_case, options_.render, said);
  note.said = said.list();
  if (!request) return note;
  note.resolved = true;
  note.applies = request->applies;
  // A wrong filter refuses the batch before any case is looked at (plan()).
  note.selected = where_wrong_ || !prefilter_ || engine_.matches(*prefilter_, *request, options_.render);
  if (!note.selected) return note;
  const model::Party* debtor = first_debtor(the_case);
  note.debtor = debtor ? debtor->name.value : std::string();
  note.amount = request->ledger.totals().outstanding.dong;
  return note;
}

bool BatchRunner::needs(const BatchNote& note) const {
  return where_wrong_ || !note.resolved || !note.said.empty() || note.selected;
}

bool BatchRunner::needs(const model::Case& the_case) const { return needs(note(the_case, nullptr, {})); }

BatchRunner::~BatchRunner() = default;

std::size_t BatchRunner::planned() const { return plan_.size(); }

std::optional<Diagnostic> BatchRunner::combined_refusal() const { return combined_refusal_; }

std::string BatchRunner::output_name(const std::string& case_id, const std::string& template_name) {
  const bool plain = !case_id.empty() && case_id.size() <= kPlainIdLength && case_id.front() != '.' &&
                     case_id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") ==
                         std::string::npos;
  if (plain) return case_id + "-" + template_name + ".pdf";
  // Letters folded ("Hồ sơ/12" → "ho-so-12"), so two ids that differ only in what folding loses still get names of
  // their own from the hash; '~' keeps these names apart from every plain one.
  std::string readable = text::ascii_name(case_id, kReadableLength);
  if (readable.empty()) readable = "ho-so";
  return readable + "~" + crypto::sha256_hex(case_id).substr(0, kHashDigits) + "-" + template_name + ".pdf";
}

bool BatchRunner::plan(const std::vector<BatchCase>& cases, Diagnostics& diagnostics) {
  std::vector<BatchNote> notes;
  notes.reserve(cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i)
    notes.push_back(note(*cases[i].the_case, make_file_name(cases[i].file), {0, i}));
  if (!plan(notes, diagnostics)) return false;
  for (auto& planned : plan_) planned.held = cases[planned.source.second].the_case;
  return true;
}

bool BatchRunner::plan(const std::vector<BatchNote>& notes, Diagnostics& diagnostics) {
  if (!options_.where.empty() && !engine_.parse_filter(options_.where, options_.render.template_name, diagnostics))
    return false;
  plan_.clear();
  std::map<std::string, std::string> seen;  // output file → case file
  for (const auto& note : notes) {
    for (const auto& said : note.said) diagnostics.add(said);
    if (!note.resolved) return false;
    if (!note.selected) continue;
    const std::string file = output_name(note.case_id, options_.render.template_name);
    if (const auto [it, inserted] = seen.emplace(file, note.file ? *note.file : std::string()); !inserted) {
      diagnostics.error(
          "E0316", note.loc,
          "mã hồ sơ \"" + note.case_id + "\" trùng với một hồ sơ trong " + it->second + "; hồ sơ này bị bỏ qua");
      continue;
    }
    plan_.push_back(
        {note.source, nullptr, note.case_id, note.applies, note.debtor, note.amount, text::collation_key(note.debtor)});
  }
  std::stable_sort(plan_.begin(), plan_.end(), [](const Planned& a, const Planned& b) {
    if (a.sort_key != b.sort_key) return a.sort_key < b.sort_key;
    return a.case_id < b.case_id;
  });
  for (auto& planned : plan_) std::string().swap(planned.sort_key);  // ordered: no longer needed
  combined_refusal_.reset();
  const auto printable = static_cast<std::size_t>(
      std::count_if(plan_.begin(), plan_.end(), [](const Planned& planned) { return planned.applies; }));
  if (options_.combined && printable > options_.combined_pages)
    combined_refusal_ = Engine::combined_refusal("lô này có thể in " + std::to_string(printable) +
                                                 " văn bản, quá giới hạn " + std::to_string(options_.combined_pages) +
                                                 " trang của một tệp in gộp (mỗi văn bản ít nhất một trang)");
  return true;
}

BatchProgress BatchRunner::run(const Report& report, const std::atomic<bool>& stop, const Listing& listed) {
  return run_planned(nullptr, report, stop, listed);
}

BatchProgress BatchRunner::run(const BatchCaseStream& cases, const Report& report, const std::atomic<bool>& stop,
                               const Listing& listed) {
  return run_planned(&cases, report, stop, listed);
}

BatchProgress BatchRunner::run_planned(const BatchCaseStream* cases, const Report& report,
                                       const std::atomic<bool>& stop, const Listing& listed) {
  std::error_code made;
  std::filesystem::create_directories(options_.out_dir, made);
  if (made)
    throw Error(errors::kWrite, "không tạo được thư mục " + options_.out_dir.string() + ": " + system_error_text(made),
                options_.out_dir.string());
  // One batch at a time in a folder: then what an interrupted one left can be cleared.
  const FileLock folder_lock(options_.out_dir / kLock, FileLock::Wait::fail);
  remove_temporaries(options_.out_dir);
  const auto previous = options_.force ? std::map<std::string, std::string>{} : previous_hashes(options_.out_dir);
  Journal journal(options_.out_dir / kJournal);
  std::vector<Outcome> outcomes(plan_.size());
  std::mutex mutex;
  BatchProgress counts;
  counts.total = plan_.size();

  const auto count = [&counts](ItemStatus status) {
    (status == ItemStatus::done             ? counts.done
     : status == ItemStatus::skipped        ? counts.skipped
     : status == ItemStatus::not_applicable ? counts.not_applicable
                                            : counts.failed)++;
  };
  // What an earlier run finished stays as it was recorded: never rendered nor written again.
  std::vector<std::size_t> to_do;
  for (std::size_t i = 0; i < plan_.size(); ++i) {
    const auto known = options_.finished.find(plan_[i].case_id);
    if (known == options_.finished.end()) {
      to_do.push_back(i);
      continue;
    }
    // The state, hash and problems as recorded; the rest as this plan makes it (the manifest's lines the same).
    outcomes[i] = {true, known->second.status, &known->second, {}};
    count(known->second.status);
  }

  // Renders the planned case `index` (null: the stream did not give it again as planned).
  const auto work = [&](std::size_t index, const model::Case* the_case) {
    const Planned& planned = plan_[index];
    BatchItem item;
    item.case_id = planned.case_id;
    item.debtor = planned.debtor;
    item.amount = planned.amount;
    item.file = output_name(item.case_id, options_.render.template_name);
    const std::filesystem::path path = options_.out_dir / item.file;
    const auto known = previous.find(item.file);
    std::string problem;
    const auto existing = known != previous.end() ? read_file(path, 1U << 30U, problem) : std::nullopt;
    if (the_case == nullptr) {
      item.status = ItemStatus::failed;
      item.diagnostics.push_back({Severity::error, "E0321", SourceLoc{},
                                  "hồ sơ \"" + item.case_id +
                                      "\" không còn ở chỗ cũ trong tệp khi lập văn bản (tệp đã bị sửa trong lúc lập "
                                      "hàng loạt): chạy lại lệnh"});
      item.message = format_diagnostic(item.diagnostics.back());
    } else if (existing && planned.applies && crypto::sha256_hex(*existing) == known->second) {
      item.sha256 = known->second;
      item.status = ItemStatus::skipped;
    } else {
      Diagnostics resolving;  // planning reported it
      const auto request = engine_.resolve(*the_case, options_.render, resolving);
      Diagnostics diagnostics;
      const auto pdf = request ? engine_.render(*request, options_.render, diagnostics) : std::optional<Bytes>();
      if (!request) diagnostics = std::move(resolving);
      if (pdf) {
        try {
          // Flushed once for the whole batch before the manifest names it; a rerun checks every hash anyway.
          write_file_atomically(path, *pdf, Durability::deferred);
          item.sha256 = crypto::sha256_hex(*pdf);
          item.status = ItemStatus::done;
        } catch (const Error& error) {
          // A case that cannot be written (a name the file system refuses, a full disk) is reported; the batch goes
          // on.
          item.status = ItemStatus::failed;
          item.message = error.what();
        }
      } else {
        // A case the template does not apply to is refused at once (E0311), and listed as such.
        item.status = planned.applies ? ItemStatus::failed : ItemStatus::not_applicable;
        for (const auto& diagnostic : diagnostics.list()) {
          if (diagnostic.severity != Severity::error) continue;
          item.message += (item.message.empty() ? "" : "; ") + format_diagnostic(diagnostic);
          item.diagnostics.push_back(diagnostic);
        }
      }
    }
    const std::lock_guard<std::mutex> lock(mutex);
    count(item.status);
    outcomes[index] = {true, item.status, nullptr, journal.append(item)};
    if (report) report(counts, item);
  };
  const auto printable = [&](std::size_t index) {
    const Outcome& outcome = outcomes[index];
    return outcome.finished && (outcome.status == ItemStatus::done || outcome.status == ItemStatus::skipped);
  };
  // A failure to write stops the batch, but what is finished still reaches the disk and the manifest.
  std::exception_ptr failure;
  const bool combining = options_.combined && !combined_refusal_;
  std::map<std::size_t, model::Case>
      to_combine;  // the streamed cases the combined PDF prints, by their place in the plan
  if (cases == nullptr) {
    try {
      parallel_for(
          to_do.size(), options_.jobs, [&](std::size_t i) { work(to_do[i], plan_[to_do[i]].held); }, &stop);
    } catch (...) {
      failure = std::current_exception();
    }
  } else {
    std::vector<std::pair<BatchSource, std::size_t>> planned_at;  // sorted by place
    planned_at.reserve(plan_.size());
    for (std::size_t i = 0; i < plan_.size(); ++i) planned_at.emplace_back(plan_[i].source, i);
    std::sort(planned_at.begin(), planned_at.end());
    std::vector<bool> given(plan_.size(), false);  // a file read again gives its cases again
    std::vector<std::pair<std::size_t, model::Case>> chunk;
    const auto render_chunk = [&] {
      if (!failure && !stop.load()) {
        try {
          parallel_for(
              chunk.size(), options_.jobs,
              [&](std::size_t i) {
                if (!outcomes[chunk[i].first].finished) work(chunk[i].first, &chunk[i].second);
              },
              &stop);
        } catch (...) {
          failure = std::current_exception();
        }
      }
      if (combining)
        for (auto& [index, the_case] : chunk)
          if (printable(index)) to_combine.emplace(index, std::move(the_case));
      chunk.clear();
    };
    (*cases)([&](BatchSource source, model::Case&& the_case) {
      const auto at = std::lower_bound(planned_at.begin(), planned_at.end(), std::make_pair(source, std::size_t{0}));
      if (at == planned_at.end() || at->first != source || given[at->second] ||
          the_case.id != plan_[at->second].case_id)
        return;
      given[at->second] = true;
      chunk.emplace_back(at->second, std::move(the_case));
      if (chunk.size() >= kRenderChunk * options_.jobs) render_chunk();
    });
    render_chunk();
    if (!failure) {
      try {
        for (const std::size_t index : to_do)
          if (!given[index] && !stop.load()) work(index, nullptr);
      } catch (...) {
        failure = std::current_exception();
      }
    }
  }
  sync_filesystem(options_.out_dir);
  // The manifest lists what is finished, in plan order, even when interrupted.
  std::vector<std::size_t> listed_at;  // the finished cases, in plan order
  for (std::size_t i = 0; i < plan_.size(); ++i)
    if (outcomes[i].finished) listed_at.push_back(i);
  // Each line made again from the plan and the journal (or what an earlier run recorded), as it was journalled.
  const auto listed_item = [&](std::size_t k) {
    const std::size_t i = listed_at[k];
    const Outcome& outcome = outcomes[i];
    BatchItem item;
    if (outcome.recorded != nullptr) {
      item = *outcome.recorded;
      item.diagnostics.clear();
    } else {
      item.case_id = plan_[i].case_id;
      item.status = outcome.status;
      read_csv_tail(journal.read(outcome.tail), item);
    }
    item.debtor = plan_[i].debtor;
    item.amount = plan_[i].amount;
    item.file = output_name(item.case_id, options_.render.template_name);
    return item;
  };
  // A stopped run keeps its journal: the next one resumes from the cases it finished (the manifest lists only these).
  write_manifests(options_.out_dir, listed_at.size(), listed_item);
  if (!stop.load() && !failure) {
    std::error_code kept;
    std::filesystem::remove(options_.out_dir / kJournal, kept);
  }
  if (failure) std::rethrow_exception(failure);
  if (combining && !stop.load()) {
    // Each printed case resolved again, as it was to render its letter.
    std::vector<Engine::Resolved> resolved;
    for (std::size_t i = 0; i < plan_.size(); ++i) {
      if (!printable(i)) continue;
      const auto streamed = to_combine.find(i);
      const model::Case* the_case = plan_[i].held != nullptr       ? plan_[i].held
                                    : streamed != to_combine.end() ? &streamed->second
                                                                   : nullptr;
      Diagnostics ignored;  // planning reported it
      if (the_case == nullptr) continue;
      if (auto request = engine_.resolve(*the_case, options_.render, ignored)) resolved.push_back(std::move(*request));
    }
    std::vector<const Engine::Resolved*> requests;
    for (const auto& request : resolved) requests.push_back(&request);
    Diagnostics combining_said;
    const auto combined =
        engine_.render_combined(requests, options_.render, options_.duplex, options_.combined_pages, combining_said);
    if (combined) write_output(options_.combined->string(), *combined);
    else if (!combining_said.list().empty()) combined_refusal_ = combining_said.list().front();
  }
  // Listed once all is written (the journal still open, though its name is gone), as the manifests list them.
  if (listed)
    for (std::size_t k = 0; k < listed_at.size(); ++k) listed(listed_item(k));
  // Still held: whoever opens the name now makes a new lock (a crash leaves the file, which the next run reuses).
  std::error_code ignored;
  std::filesystem::remove(options_.out_dir / kLock, ignored);
  return counts;
}

std::vector<CaseFile> note_case_files(const Engine& engine, const BatchRunner& runner,
                                      const std::vector<std::filesystem::path>& paths, text::RepairMode repair,
                                      unsigned jobs, std::vector<BatchNote>& notes) {
  std::vector<CaseFile> files(paths.size());
  std::vector<std::deque<BatchNote>> noted(paths.size());  // grown without copies while the files are read
  parallel_for(paths.size(), jobs, [&](std::size_t i) {
    CaseFile& file = files[i];
    file.path = paths[i];
    const auto bytes = read_input_file(file.path, file.diagnostics);
    if (!bytes) return;
    const std::string name = file.path.string();
    const FileName shared = make_file_name(name);
    std::size_t place = 0;
    bool refused = false;  // a case no letter can be dated for: plan() stops at it, and never sees what follows
    const auto take = [&](model::Case&& the_case) {
      if (refused) return;
      BatchNote note = runner.note(the_case, shared, {i, place++});
      refused = !note.resolved;
      if (runner.needs(note)) noted[i].push_back(std::move(note));
    };
    const auto restart = [&] {
      noted[i].clear();
      place = 0;
      refused = false;
    };
    if (engine.for_each_case(*bytes, name, file.diagnostics, take, restart, repair)) file.cases = model::Register{};
    else noted[i].clear();
  });
  std::size_t count = notes.size();
  for (const auto& file_notes : noted) count += file_notes.size();
  notes.reserve(count);
  for (auto& file_notes : noted) {
    for (auto& note : file_notes) notes.push_back(std::move(note));
    file_notes = {};
  }
  return files;
}

BatchCaseStream stream_case_files(const Engine& engine, const std::vector<CaseFile>& files, text::RepairMode repair) {
  return [&engine, &files, repair](const std::function<void(BatchSource, model::Case &&)>& visit) {
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (!files[i].cases) continue;  // refused when planned
      Diagnostics again;              // reported when planned
      const auto bytes = read_input_file(files[i].path, again);
      if (!bytes) continue;
      std::size_t place = 0;
      engine.for_each_case(
          *bytes, files[i].path.string(), again,
          [&](model::Case&& the_case) {
            visit({i, place++}, std::move(the_case));
          },
          [&] { place = 0; }, repair);
    }
  };
}

}  // namespace vanban::pipeline
