// Layout against the whole render: the 2-page decision (../shared/cases/chu-dong-hinh-su.xml when present,
// else examples/chu-dong-ma-tuy.xml) and the 5-page stress case, each stage timed on its own.
//   build/bench/bench_layout [--benchmark_repetitions=5]
// BM_Render is case model → PDF bytes (template, layout, PDF); BM_Document the template alone; BM_Layout the
// layout stage alone on the finished document. Layout's share of a render is BM_Layout / BM_Render.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <stdexcept>

#include "base/file_io.hpp"
#include "doc/document.hpp"
#include "layout/layout.hpp"
#include "pipeline/engine.hpp"

namespace vanban {
namespace {

struct Subject {
  std::unique_ptr<pipeline::Engine> engine;
  model::Register cases;
  pipeline::RenderOptions options;
  doc::Document document;
};

std::string read(const std::filesystem::path& path) {
  std::string problem;
  auto bytes = read_file(path, 64U * 1024U * 1024U, problem);
  if (!bytes) throw std::runtime_error(path.string() + ": " + problem);
  return std::move(*bytes);
}

Subject load(const std::filesystem::path& file, const std::string& template_name) {
  Subject subject;
  Diagnostics diagnostics;
  subject.engine = pipeline::Engine::load(pipeline::ResourcePaths::under(VANBAN_SOURCE_DIR), diagnostics);
  if (!subject.engine) throw std::runtime_error(diagnostics.to_string());
  auto cases = subject.engine->read_cases(read(file), file.string(), diagnostics);
  if (!cases || cases->cases.size() != 1) throw std::runtime_error(file.string() + ": " + diagnostics.to_string());
  subject.cases = std::move(*cases);
  subject.options.template_name = template_name;
  subject.options.today = *model::Date::parse_iso("2024-10-15");
  auto document = subject.engine->document(subject.cases.cases.front(), subject.options, diagnostics);
  if (!document) throw std::runtime_error(diagnostics.to_string());
  subject.document = std::move(*document);
  return subject;
}

const Subject& decision() {
  static const Subject subject = [] {
    const std::filesystem::path shared = std::filesystem::path(VANBAN_SHARED_DIR) / "cases" / "chu-dong-hinh-su.xml";
    return load(std::filesystem::exists(shared)
                    ? shared
                    : std::filesystem::path(VANBAN_SOURCE_DIR) / "examples" / "chu-dong-ma-tuy.xml",
                "qd-tha-chu-dong");
  }();
  return subject;
}

const Subject& stress() {
  static const Subject subject =
      load(std::filesystem::path(VANBAN_SOURCE_DIR) / "examples" / "stress-60-khoan.xml", "qd-tha-chu-dong");
  return subject;
}

void render(benchmark::State& state, const Subject& subject) {
  for (auto _ : state) {
    Diagnostics diagnostics;
    auto bytes = subject.engine->render(subject.cases.cases.front(), subject.options, diagnostics);
    if (!bytes) state.SkipWithError("render failed");
    benchmark::DoNotOptimize(bytes);
  }
}

void document(benchmark::State& state, const Subject& subject) {
  for (auto _ : state) {
    Diagnostics diagnostics;
    auto made = subject.engine->document(subject.cases.cases.front(), subject.options, diagnostics);
    benchmark::DoNotOptimize(made);
  }
}

void lay_out(benchmark::State& state, const Subject& subject) {
  std::size_t pages = 0;
  for (auto _ : state) {
    Diagnostics diagnostics;
    auto laid = layout::lay_out(subject.document, subject.engine->font_metrics(), subject.options.profile, diagnostics);
    pages = laid.pages.size();
    benchmark::DoNotOptimize(laid);
  }
  state.counters["pages"] = static_cast<double>(pages);
}

BENCHMARK_CAPTURE(render, decision, decision())->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(document, decision, decision())->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(lay_out, decision, decision())->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(render, stress, stress())->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(lay_out, stress, stress())->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace vanban

BENCHMARK_MAIN();
