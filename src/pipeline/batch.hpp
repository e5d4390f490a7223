#pragma once
// Batch rendering: one template for many cases (a register or a folder of case files), in parallel,
// resumable, with a manifest, optionally combined into one print-ready PDF.

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "pipeline/engine.hpp"

namespace vanban::pipeline {

enum class ItemStatus { done, skipped, failed };

/// The header of manifest.csv (after a UTF-8 byte order mark): the columns in Vietnamese, for a spreadsheet; its
/// states are "đã lập", "đã có" and "lỗi". manifest.json keeps keys and states for programs (done, skipped, failed).
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
  std::string message;  ///< why it failed
};

struct BatchOptions {
  RenderOptions render;  ///< template, dates, parameters (number and signer stay per case)
  std::filesystem::path out_dir;
  std::string where;  ///< filter over the case context; "" selects every case
  unsigned jobs = 1;
  bool force = false;  ///< redo outputs that exist and match the manifest
  std::optional<std::filesystem::path> combined;
  bool duplex = false;  ///< in the combined PDF, start each letter on an odd page
};

struct BatchProgress {
  std::size_t done = 0;
  std::size_t skipped = 0;
  std::size_t failed = 0;
  std::size_t total = 0;
};

/// A case to render, with the file it came from (for messages).
struct BatchCase {
  const model::Case* the_case = nullptr;
  std::string file;
};

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
  /// Whether plan() has anything to do with this case: it passes the filter, or resolving it reports a problem
  /// (plan() drops every other case without a word, so a reader may drop it at once and hold only the cases that
  /// matter). Thread-safe: called on the threads that read the case files.
  [[nodiscard]] bool needs(const model::Case& the_case) const;
  [[nodiscard]] std::size_t planned() const;

  /// Renders every planned case with `options.jobs` threads, writing each PDF atomically; a case that fails
  /// is recorded and the batch goes on. `progress` is called (serialized) after each case; when `stop`
  /// becomes true no new case starts. Then writes manifest.csv and manifest.json (the cases finished so far)
  /// and, when asked and not stopped, the combined PDF. Throws vanban::Error when a file cannot be written.
  std::vector<BatchItem> run(const std::function<void(const BatchProgress&)>& progress, const std::atomic<bool>& stop);

  /// The file name of a case's output: "<case id>-<template>.pdf", with anything unsafe in the id replaced.
  static std::string output_name(const std::string& case_id, const std::string& template_name);

 private:
  struct Planned;
  const Engine& engine_;
  BatchOptions options_;
  std::vector<Planned> plan_;
  std::shared_ptr<const Engine::Filter> prefilter_;  // for needs(); null without --where or when it is wrong
  bool where_wrong_ = false;                         // plan() reports it: needs() keeps every case
};

}  // namespace vanban::pipeline
