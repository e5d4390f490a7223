#pragma once
// The service's figures in the Prometheus text format: requests by route, method and status, a latency histogram,
// documents rendered. Thread-safe; the figures live in this process only (each node is scraped on its own).

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "server/http.hpp"

namespace vanban::server {

class Metrics {
 public:
  /// Counts one finished exchange.
  void record(const Exchange& exchange);
  /// Counts one document rendered.
  void document_rendered();
  /// The exposition text (text/plain; version=0.0.4).
  [[nodiscard]] std::string text() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;  // route, method, status
  std::vector<std::uint64_t> buckets_ = std::vector<std::uint64_t>(kBounds.size(), 0);
  std::uint64_t count_ = 0;
  double sum_ = 0;
  std::uint64_t documents_ = 0;

 public:
  /// The histogram's upper bounds in seconds (the +Inf bucket is count_).
  static inline const std::vector<double> kBounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                     0.25,  0.5,    1,     2.5,  5,     10};
};

}  // namespace vanban::server
