// The live preview through the service's handler, in one process (no sockets: the server's own time per request):
// the 2-page decision (../shared/cases/chu-dong-hinh-su.xml when present, else examples/chu-dong-ma-tuy.xml) as SVG
// pages, against the same request for its PDF.
//   build/bench/bench_preview [--benchmark_repetitions=5]
// BM_PreviewRendered: a request the cache has not seen (each iteration names another upload, file=N.xml);
// BM_PreviewCached: the same request again (from the cache); BM_PreviewNotModified: with If-None-Match (304);
// BM_RenderPdf: POST /api/render of the same case. Counters: the answer's bytes and bytes per SVG page.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "archive/location.hpp"
#include "base/file_io.hpp"
#include "pipeline/engine.hpp"
#include "server/service.hpp"

namespace vanban {
namespace {

std::string read(const std::filesystem::path& path) {
  std::string problem;
  auto bytes = read_file(path, 64U * 1024U * 1024U, problem);
  if (!bytes) throw std::runtime_error(path.string() + ": " + problem);
  return std::move(*bytes);
}

struct Subject {
  std::unique_ptr<pipeline::Engine> engine;
  std::unique_ptr<server::Service> service;
  std::string body;
};

Subject& subject() {
  static Subject made = [] {
    Subject s;
    Diagnostics diagnostics;
    s.engine = pipeline::Engine::load(pipeline::ResourcePaths::under(VANBAN_SOURCE_DIR), diagnostics);
    if (!s.engine) throw std::runtime_error(diagnostics.to_string());
    const auto store = std::filesystem::temp_directory_path() / "vanban-bench-preview";
    std::filesystem::remove_all(store);
    std::string problem;
    const auto location = archive::make_location(std::nullopt, store, problem);
    if (!location) throw std::runtime_error(problem);
    server::ServiceSetup setup;
    setup.engine = s.engine.get();
    setup.resources = pipeline::ResourcePaths::under(VANBAN_SOURCE_DIR);
    setup.archive = *location;
    setup.clock = [] { return *sign::Moment::parse_iso("2026-07-01T10:00:00+07:00"); };
    s.service = std::make_unique<server::Service>(std::move(setup));
    const std::filesystem::path shared = std::filesystem::path(VANBAN_SHARED_DIR) / "cases" / "chu-dong-hinh-su.xml";
    s.body = read(std::filesystem::exists(shared)
                      ? shared
                      : std::filesystem::path(VANBAN_SOURCE_DIR) / "examples" / "chu-dong-ma-tuy.xml");
    return s;
  }();
  return made;
}

server::HttpRequest request(const std::string& target) {
  server::HttpRequest r;
  r.method = "POST";
  r.target = target;
  r.body = subject().body;
  return r;
}

constexpr const char* kQuery = "template=qd-tha-chu-dong&date=24/06/2024&number=517";

void answer_counters(benchmark::State& state, const server::HttpResponse& response) {
  state.counters["answer_bytes"] = static_cast<double>(response.body.size());
  std::size_t pages = 0;
  for (std::size_t at = response.body.find("<?xml"); at != std::string::npos; at = response.body.find("<?xml", at + 1))
    ++pages;
  if (pages != 0)
    state.counters["bytes_per_page"] = static_cast<double>(response.body.size()) / static_cast<double>(pages);
}

void BM_PreviewRendered(benchmark::State& state) {
  static std::size_t n = 0;  // across repetitions too: every request is new to the cache
  server::HttpResponse last;
  for (auto _ : state) {
    auto r = request("/api/preview?" + std::string(kQuery) + "&file=" + std::to_string(++n) + ".xml");
    auto handled = subject().service->handle(r);
    if (handled.response.status != 200) state.SkipWithError("preview failed");
    last = std::move(handled.response);
  }
  answer_counters(state, last);
}

void BM_PreviewCached(benchmark::State& state) {
  auto r = request("/api/preview?" + std::string(kQuery));
  server::HttpResponse last = subject().service->handle(r).response;
  for (auto _ : state) {
    last = subject().service->handle(r).response;
    if (last.status != 200) state.SkipWithError("preview failed");
  }
  answer_counters(state, last);
}

void BM_PreviewNotModified(benchmark::State& state) {
  auto r = request("/api/preview?" + std::string(kQuery));
  const auto first = subject().service->handle(r).response;
  for (const auto& [name, value] : first.headers)
    if (name == "ETag") r.headers["if-none-match"] = value;
  for (auto _ : state)
    if (subject().service->handle(r).response.status != 304) state.SkipWithError("no 304");
}

void BM_RenderPdf(benchmark::State& state) {
  auto r = request("/api/render?" + std::string(kQuery));
  server::HttpResponse last;
  for (auto _ : state) {
    last = subject().service->handle(r).response;
    if (last.status != 200) state.SkipWithError("render failed");
  }
  state.counters["answer_bytes"] = static_cast<double>(last.body.size());
}

BENCHMARK(BM_PreviewRendered)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PreviewCached)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PreviewNotModified)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RenderPdf)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace vanban

BENCHMARK_MAIN();
