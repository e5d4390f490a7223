// vanban batch: one template for a whole register or folder of cases, in parallel, with progress.

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "base/decimal.hpp"
#include "base/error.hpp"
#include "base/file_io.hpp"
#include "cli/common.hpp"
#include "pipeline/batch.hpp"

namespace vanban::cli {

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int) { g_interrupted.store(true); }

// Progress: a live bar on a terminal, otherwise a plain line every 5%.
class ProgressReport {
 public:
  explicit ProgressReport(bool terminal) : terminal_(terminal), start_(std::chrono::steady_clock::now()) {}

  void operator()(const pipeline::BatchProgress& p) {
    const std::size_t finished = p.done + p.skipped + p.failed + p.not_applicable;
    const double seconds = elapsed();
    const double rate = seconds > 0 ? static_cast<double>(finished) / seconds : 0;
    if (terminal_) {
      // At most ten redraws a second, and always the last one.
      if (finished != p.total && seconds - last_draw_ < 0.1) return;
      last_draw_ = seconds;
      constexpr int kWidth = 30;
      const int filled = p.total == 0 ? kWidth : static_cast<int>(kWidth * finished / p.total);
      const double remaining = rate > 0 ? static_cast<double>(p.total - finished) / rate : 0;
      std::fprintf(stderr, "\r[%-*s] %zu/%zu  %s văn bản/giây  còn %.0f giây ", kWidth,
                   std::string(static_cast<std::size_t>(filled), '=').c_str(), finished, p.total,
                   decimal_comma(rate, 1).c_str(), remaining);
      if (finished == p.total) std::fputc('\n', stderr);
      std::fflush(stderr);
      return;
    }
    const std::size_t step = p.total == 0 ? 0 : finished * 20 / p.total;  // 5% steps
    if (step > last_step_ || finished == p.total) {
      last_step_ = step;
      std::fprintf(stderr, "lập hàng loạt: %zu/%zu (%zu%%), %s văn bản/giây\n", finished, p.total,
                   p.total == 0 ? 100 : finished * 100 / p.total, decimal_comma(rate, 1).c_str());
    }
  }

  [[nodiscard]] double elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  bool terminal_;
  std::chrono::steady_clock::time_point start_;
  std::size_t last_step_ = 0;
  double last_draw_ = -1;
};

}  // namespace

int run_batch(const std::vector<std::string>& args, Invocation& invocation) {
  if (print_help(args, "batch")) return kOk;
  const Arguments arguments = parse(args, "batch");
  if (arguments.positional().size() != 1) throw UsageError{"cần đúng một đầu vào: tệp sổ hoặc thư mục hồ sơ"};
  const auto engine = load_engine(invocation);
  const config::Settings& settings = invocation.configuration().settings;
  pipeline::BatchOptions options;
  options.render = render_options(arguments, *engine, today_in_vietnam(), settings);
  // Letters of a wave are dated the day they are made, and see the cases as they stand that day.
  if (!options.render.date) options.render.date = options.render.today;
  options.out_dir = arguments.required("--output");
  options.where = arguments.value("--where").value_or("");
  options.force = arguments.flag("--force");
  options.duplex = arguments.flag("--duplex");
  if (const auto combined = arguments.value("--combined")) {
    pipeline::check_output("--combined", *combined, {arguments.positional().front()});
    options.combined = *combined;
  }
  options.jobs = std::max(1U, std::thread::hardware_concurrency());
  if (const auto jobs = arguments.value("--jobs").value_or(settings.batch_jobs.value_or("")); !jobs.empty())
    options.jobs = pipeline::parse_jobs(jobs);

  // The files of a folder are read on the batch's threads, then reported in order; planning keeps a note of each case
  // it needs, not the case, and the cases are read again, streamed, to be rendered (a wave of letters over a
  // 100,000-case register never holds it).
  pipeline::BatchRunner runner(*engine, options);
  std::vector<pipeline::BatchNote> notes;
  const auto files = pipeline::note_case_files(*engine, runner, pipeline::case_files(arguments.positional().front()),
                                               repair_mode(arguments), options.jobs, notes);
  std::size_t rejected_files = 0;
  for (const auto& file : files) {
    print(file.diagnostics);
    if (!file.cases) ++rejected_files;
  }
  Diagnostics planning;
  if (!runner.plan(notes, planning)) {
    print(planning);
    throw UsageError{"điều kiện --where không hợp lệ (xem vị trí ở trên)"};
  }
  print(planning);
  notes = {};  // the plan keeps what it needs
  // Prints why the combined PDF asked for is not made, if it is not; whether it is not.
  const auto print_combined_refusal = [&runner] {
    const auto refusal = runner.combined_refusal();
    if (!refusal) return false;
    Diagnostics refused;
    refused.add(*refusal);
    print(refused);
    return true;
  };
  // A combined PDF of more letters than it may have pages is refused before anything is drafted.
  if (print_combined_refusal()) return kInputRejected;

  // A closed terminal (SIGHUP) stops the batch as Ctrl-C does: cleanly, with the manifest of what is done.
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  std::signal(SIGHUP, on_interrupt);
  ProgressReport progress(::isatty(STDERR_FILENO) != 0);
  // Each failed case's message as the manifest lists it (in its order, once every case is finished): never held.
  const pipeline::BatchProgress counts = runner.run(
      pipeline::stream_case_files(*engine, files, repair_mode(arguments)),
      [&](const pipeline::BatchProgress& p, const pipeline::BatchItem&) { progress(p); }, g_interrupted,
      [](const pipeline::BatchItem& item) {
        if (item.status == pipeline::ItemStatus::failed) std::cerr << item.case_id << ": " << item.message << '\n';
      });
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  std::signal(SIGHUP, SIG_DFL);
  // Its letters made more pages than a combined PDF may have: the letters and the manifests are made, not it.
  const bool combined_refused = print_combined_refusal();

  const std::size_t done = counts.done, skipped = counts.skipped, not_applicable = counts.not_applicable;
  const std::size_t failed = rejected_files + (planning.has_errors() ? planning.error_count() : 0) + counts.failed;
  const double seconds = progress.elapsed();
  std::fprintf(stderr,
               "xong: %zu, bỏ qua (đã có): %zu, không áp dụng: %zu, lỗi: %zu, thời gian: %s giây, %s văn bản/giây\n",
               done, skipped, not_applicable, failed, decimal_comma(seconds, 2).c_str(),
               decimal_comma(seconds > 0 ? static_cast<double>(done) / seconds : 0.0, 1).c_str());
  if (g_interrupted.load()) {
    std::fprintf(stderr, "đã dừng theo yêu cầu: %zu/%zu hồ sơ đã xong, manifest.csv ghi những hồ sơ này\n",
                 done + skipped + not_applicable + counts.failed, runner.planned());
    return kInterrupted;
  }
  return failed > 0 || combined_refused ? kInputRejected : kOk;
}

}  // namespace vanban::cli
