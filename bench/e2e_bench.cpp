// End-to-end benchmark: case files → read, parse, validate, template, layout, PDF → written to disk, the way
// `vanban render` does it, in one process with one Engine. Prints CPU ms/doc, wall ms/doc, KB/doc and peak RSS.
//
//   vanban_bench --resources DIR --out DIR [--template NAME] [--atomic] [--threads N] CASE.xml...
//
// --atomic writes through write_file_atomically (temporary file, fsync, rename, fsync of the folder) as the
// CLI does; the default is a plain write, as the peers in ../shared/bench/anchors do.

#include <sys/resource.h>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "base/error.hpp"
#include "base/file_io.hpp"
#include "pipeline/engine.hpp"

namespace {

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double wall_seconds() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Adds to an atomic double (C++20 has fetch_add for floating point, GCC 12's library not yet for every case).
void add(std::atomic<double>& total, double value) {
  double current = total.load();
  while (!total.compare_exchange_weak(current, current + value)) {
  }
}

struct Totals {
  std::atomic<double> read_cpu{0};
  std::atomic<double> render_cpu{0};
  std::atomic<double> write_cpu{0};
  std::atomic<std::size_t> bytes{0};
  std::atomic<std::size_t> failed{0};
  std::atomic<std::size_t> pages{0};
};

std::size_t count_pages(const std::string& pdf) {
  std::size_t count = 0;
  for (std::size_t at = pdf.find("/Type /Page\n"); at != std::string::npos; at = pdf.find("/Type /Page\n", at + 1))
    ++count;
  return count;
}

void render_range(const vanban::pipeline::Engine& engine, const std::vector<std::filesystem::path>& files,
                  std::size_t first, std::size_t step, const std::filesystem::path& out,
                  const std::string& template_name, bool atomic, Totals& totals) {
  vanban::pipeline::RenderOptions options;
  options.template_name = template_name;
  options.today = *vanban::model::Date::parse_iso("2024-12-31");
  for (std::size_t i = first; i < files.size(); i += step) {
    const double t0 = thread_cpu_seconds();
    std::string problem;
    const auto bytes = vanban::read_file(files[i], 64U * 1024U * 1024U, problem);
    const double t1 = thread_cpu_seconds();
    vanban::Diagnostics diagnostics;
    const auto pdf = bytes ? engine.render_file(*bytes, files[i].string(), options, diagnostics) : std::nullopt;
    const double t2 = thread_cpu_seconds();
    add(totals.read_cpu, t1 - t0);
    add(totals.render_cpu, t2 - t1);
    if (!pdf) {
      if (totals.failed++ == 0) std::cerr << files[i] << ": " << problem << diagnostics.to_string();
      continue;
    }
    const auto target = out / files[i].filename().replace_extension(".pdf");
    if (atomic) {
      vanban::write_file_atomically(target, *pdf);
    } else {
      std::ofstream file(target, std::ios::binary | std::ios::trunc);
      file.write(pdf->data(), static_cast<std::streamsize>(pdf->size()));
    }
    add(totals.write_cpu, thread_cpu_seconds() - t2);
    totals.bytes += pdf->size();
    totals.pages += count_pages(*pdf);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path resources = VANBAN_SOURCE_DIR;
  std::filesystem::path out = "bench-out";
  std::string template_name = "qd-tha-chu-dong";
  bool atomic = false;
  std::size_t threads = 1;
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--resources" && has_value) resources = argv[++i];
    else if (arg == "--out" && has_value) out = argv[++i];
    else if (arg == "--template" && has_value) template_name = argv[++i];
    else if (arg == "--threads" && has_value) threads = std::stoul(argv[++i]);
    else if (arg == "--atomic") atomic = true;
    else files.emplace_back(arg);
  }
  if (files.empty() || threads == 0) {
    std::cerr << "usage: vanban_bench [--resources DIR] [--out DIR] [--template NAME] [--atomic] [--threads N] "
                 "CASE.xml...\n";
    return 2;
  }
  try {
    std::filesystem::create_directories(out);
    const double load_cpu = cpu_seconds();
    vanban::Diagnostics diagnostics;
    const auto engine = vanban::pipeline::Engine::load(vanban::pipeline::ResourcePaths::under(resources), diagnostics);
    if (!engine) {
      std::cerr << diagnostics.to_string();
      return 3;
    }
    const double start_cpu = cpu_seconds();
    const double start_wall = wall_seconds();
    Totals totals;
    if (threads == 1) {
      render_range(*engine, files, 0, 1, out, template_name, atomic, totals);
    } else {
      std::vector<std::thread> pool;
      for (std::size_t t = 0; t < threads; ++t)
        pool.emplace_back([&, t] { render_range(*engine, files, t, threads, out, template_name, atomic, totals); });
      for (auto& thread : pool) thread.join();
    }
    const double cpu = cpu_seconds() - start_cpu;
    const double wall = wall_seconds() - start_wall;
    const auto docs = static_cast<double>(files.size() - totals.failed);
    std::printf("vanban: %zu docs (%zu failed), %.2f pages/doc, %zu thread(s), %s writes\n", files.size(),
                totals.failed.load(), static_cast<double>(totals.pages) / docs, threads, atomic ? "atomic" : "plain");
    std::printf("vanban: engine load %.1f ms CPU\n", (start_cpu - load_cpu) * 1e3);
    std::printf("vanban: CPU per doc by step: read %.3f ms, render (parse … PDF) %.3f ms, write %.3f ms\n",
                totals.read_cpu * 1e3 / docs, totals.render_cpu * 1e3 / docs, totals.write_cpu * 1e3 / docs);
    std::printf("vanban: CPU %.3f ms/doc, wall %.3f ms/doc, %.1f KB/doc, peak RSS %.1f MB\n", cpu * 1e3 / docs,
                wall * 1e3 / docs, static_cast<double>(totals.bytes) / 1024.0 / docs, peak_rss_mb());
    return totals.failed == 0 ? 0 : 1;
  } catch (const vanban::Error& error) {
    std::cerr << "environment error: " << error.what() << '\n';
    return 3;
  }
}
