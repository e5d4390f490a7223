#include "pipeline/batch.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "base/error.hpp"
#include "base/file_io.hpp"
#include "base/json.hpp"
#include "crypto/sha256.hpp"
#include "pipeline/csv.hpp"
#include "pipeline/parallel.hpp"
#include "text/collation.hpp"

namespace vanban::pipeline {

struct BatchRunner::Planned {
  BatchCase source;
  Engine::Resolved request;  ///< the letter's date and the case as it stands that day: filter, amount and letter agree
  std::string debtor;
  std::int64_t amount = 0;
  std::string sort_key;
};

namespace {

constexpr const char* kManifestCsv = "manifest.csv";
constexpr const char* kManifestJson = "manifest.json";

// The state as manifest.json writes it (for programs).
std::string_view status_name(ItemStatus status) {
  switch (status) {
    case ItemStatus::done: return "done";
    case ItemStatus::skipped: return "skipped";
    case ItemStatus::failed: return "failed";
  }
  return "failed";
}

// The state as manifest.csv writes it (for the clerk who opens it in a spreadsheet).
std::string_view status_text(ItemStatus status) {
  switch (status) {
    case ItemStatus::done: return "đã lập";
    case ItemStatus::skipped: return "đã có";
    case ItemStatus::failed: return "lỗi";
  }
  return "lỗi";
}

// file name → SHA-256 of the outputs a previous run recorded as written.
std::map<std::string, std::string> previous_hashes(const std::filesystem::path& dir) {
  std::map<std::string, std::string> hashes;
  std::ifstream in(dir / kManifestCsv);
  std::string line;
  std::getline(in, line);  // header (after the byte order mark)
  const auto written = [](const std::string& state) {
    return state == status_text(ItemStatus::done) || state == status_text(ItemStatus::skipped) ||
           state == status_name(ItemStatus::done) || state == status_name(ItemStatus::skipped);
  };
  while (std::getline(in, line)) {
    const auto fields = csv_fields(line);
    if (fields.size() >= 6 && written(fields[5]) && !fields[4].empty()) hashes[fields[3]] = fields[4];
  }
  return hashes;
}

void write_manifests(const std::filesystem::path& dir, const std::vector<BatchItem>& items) {
  std::string csv = std::string(kCsvByteOrderMark) + kManifestHeader + "\n";
  std::string json = "[\n";
  for (std::size_t i = 0; i < items.size(); ++i) {
    const BatchItem& item = items[i];
    const std::string status(status_name(item.status));
    csv += csv_field(item.case_id) + "," + csv_field(item.debtor) + "," + std::to_string(item.amount) + "," +
           csv_field(item.file) + "," + item.sha256 + "," + std::string(status_text(item.status)) + "," +
           csv_field(item.message) + "\n";
    json += "  {\"case_id\": " + json_string(item.case_id) + ", \"debtor\": " + json_string(item.debtor) +
            ", \"amount\": " + std::to_string(item.amount) + ", \"file\": " + json_string(item.file) +
            ", \"sha256\": " + json_string(item.sha256) + ", \"status\": " + json_string(status) +
            ", \"message\": " + json_string(item.message) + "}" + (i + 1 < items.size() ? "," : "") + "\n";
  }
  json += "]\n";
  write_file_atomically(dir / kManifestCsv, csv);
  write_file_atomically(dir / kManifestJson, json);
}

const model::Party* first_debtor(const model::Case& the_case) {
  for (const auto& party : the_case.parties)
    if (party.role == model::Role::debtor) return &party;
  return nullptr;
}

}  // namespace

BatchRunner::BatchRunner(const Engine& engine, BatchOptions options) : engine_(engine), options_(std::move(options)) {
  if (options_.where.empty()) return;
  Diagnostics ignored;  // plan() parses the filter again and reports what is wrong with it
  prefilter_ = engine_.parse_filter(options_.where, options_.render.template_name, ignored);
  where_wrong_ = !prefilter_;
}

bool BatchRunner::needs(const model::Case& the_case) const {
  if (where_wrong_) return true;
  Diagnostics said;
  const auto request = engine_.resolve(the_case, options_.render, said);
  if (!request || !said.list().empty()) return true;
  return !prefilter_ || engine_.matches(*prefilter_, *request, options_.render);
}
BatchRunner::~BatchRunner() = default;

std::size_t BatchRunner::planned() const { return plan_.size(); }

std::string BatchRunner::output_name(const std::string& case_id, const std::string& template_name) {
  std::string safe;
  for (const char c : case_id) {
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    safe += plain ? c : '_';
  }
  if (safe.empty() || safe.front() == '.') safe.insert(safe.begin(), '_');  // never ".." or a hidden file
  return safe + "-" + template_name + ".pdf";
}

bool BatchRunner::plan(const std::vector<BatchCase>& cases, Diagnostics& diagnostics) {
  std::shared_ptr<const Engine::Filter> filter;
  if (!options_.where.empty()) {
    filter = engine_.parse_filter(options_.where, options_.render.template_name, diagnostics);
    if (!filter) return false;
  }
  plan_.clear();
  std::map<std::string, std::string> seen;  // output file → case file
  for (const auto& source : cases) {
    const model::Case& the_case = *source.the_case;
    auto request = engine_.resolve(the_case, options_.render, diagnostics);
    if (!request) return false;
    if (filter && !engine_.matches(*filter, *request, options_.render)) continue;
    const std::string file = output_name(the_case.id, options_.render.template_name);
    if (const auto [it, inserted] = seen.emplace(file, source.file); !inserted) {
      diagnostics.error(
          "E0316", the_case.loc,
          "mã hồ sơ \"" + the_case.id + "\" trùng với một hồ sơ trong " + it->second + "; hồ sơ này bị bỏ qua");
      continue;
    }
    const model::Party* debtor = first_debtor(the_case);
    Planned item{source, std::move(*request), debtor ? debtor->name.value : std::string(), 0, std::string()};
    item.amount = item.request.ledger.totals().outstanding.dong;
    item.sort_key = text::collation_key(item.debtor);
    plan_.push_back(std::move(item));
  }
  std::stable_sort(plan_.begin(), plan_.end(), [](const Planned& a, const Planned& b) {
    if (a.sort_key != b.sort_key) return a.sort_key < b.sort_key;
    return a.source.the_case->id < b.source.the_case->id;
  });
  return true;
}

std::vector<BatchItem> BatchRunner::run(const std::function<void(const BatchProgress&)>& progress,
                                        const std::atomic<bool>& stop) {
  std::filesystem::create_directories(options_.out_dir);
  const auto previous = options_.force ? std::map<std::string, std::string>{} : previous_hashes(options_.out_dir);
  std::vector<BatchItem> items(plan_.size());
  std::vector<bool> finished(plan_.size(), false);
  std::mutex mutex;
  BatchProgress counts;
  counts.total = plan_.size();

  const auto work = [&](std::size_t index) {
    const Planned& planned = plan_[index];
    BatchItem item;
    item.case_id = planned.source.the_case->id;
    item.debtor = planned.debtor;
    item.amount = planned.amount;
    item.file = output_name(item.case_id, options_.render.template_name);
    const std::filesystem::path path = options_.out_dir / item.file;
    const auto known = previous.find(item.file);
    std::string problem;
    const auto existing = known != previous.end() ? read_file(path, 1U << 30U, problem) : std::nullopt;
    if (existing && crypto::sha256_hex(*existing) == known->second) {
      item.sha256 = known->second;
      item.status = ItemStatus::skipped;
    } else {
      Diagnostics diagnostics;
      const auto pdf = engine_.render(planned.request, options_.render, diagnostics);
      if (pdf) {
        // Flushed once for the whole batch before the manifest names it; a rerun checks every hash anyway.
        write_file_atomically(path, *pdf, Durability::deferred);
        item.sha256 = crypto::sha256_hex(*pdf);
        item.status = ItemStatus::done;
      } else {
        item.status = ItemStatus::failed;
        for (const auto& diagnostic : diagnostics.list()) {
          if (diagnostic.severity != Severity::error) continue;
          item.message += (item.message.empty() ? "" : "; ") + format_diagnostic(diagnostic);
        }
      }
    }
    const std::lock_guard<std::mutex> lock(mutex);
    (item.status == ItemStatus::done      ? counts.done
     : item.status == ItemStatus::skipped ? counts.skipped
                                          : counts.failed)++;
    items[index] = std::move(item);
    finished[index] = true;
    if (progress) progress(counts);
  };
  // A failure to write stops the batch, but what is finished still reaches the disk and the manifest.
  std::exception_ptr failure;
  try {
    parallel_for(plan_.size(), options_.jobs, work, &stop);
  } catch (...) {
    failure = std::current_exception();
  }
  sync_filesystem(options_.out_dir);
  // The manifest lists what is finished, in plan order, even when interrupted.
  std::vector<BatchItem> result;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (finished[i]) result.push_back(std::move(items[i]));
  write_manifests(options_.out_dir, result);
  if (failure) std::rethrow_exception(failure);
  if (options_.combined && !stop.load()) {
    std::vector<const Engine::Resolved*> printable;
    for (std::size_t i = 0, r = 0; i < plan_.size(); ++i) {
      if (!finished[i]) continue;
      if (result[r++].status != ItemStatus::failed) printable.push_back(&plan_[i].request);
    }
    write_file_atomically(*options_.combined, engine_.render_combined(printable, options_.render, options_.duplex));
  }
  return result;
}

}  // namespace vanban::pipeline
