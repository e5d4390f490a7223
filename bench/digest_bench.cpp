// SHA-256 through crypto (OpenSSL's EVP): what `archive verify` pays to rehash every stored file, the batch
// manifest per document, and a signature per signed PDF.
//   build/bench/bench_digest [--benchmark_repetitions=5]
// The figures, and those of the hand-written SHA-256 it replaced, are in bench/README.md.

#include <benchmark/benchmark.h>

#include <string>

#include "crypto/sha256.hpp"

namespace vanban {
namespace {

// Deterministic bytes that do not compress to a pattern.
std::string bytes(std::size_t size) {
  std::string out(size, '\0');
  for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<char>((i * 2654435761U) >> 13U);
  return out;
}

void BM_Sha256(benchmark::State& state) {
  const std::string data = bytes(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(crypto::sha256(data));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
// A signed 2-page decision (36 KiB) and a large attachment (1 MiB).
BENCHMARK(BM_Sha256)->Arg(36 * 1024)->Arg(1024 * 1024);

}  // namespace
}  // namespace vanban

BENCHMARK_MAIN();
