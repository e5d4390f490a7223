#include "server/metrics.hpp"

#include <sstream>

namespace vanban::server {

namespace {

// A label value as the exposition format writes it: backslash, quote and line feed escaped.
std::string label(const std::string& value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::record(const Exchange& exchange) {
  const std::lock_guard lock(mutex_);
  ++requests_[{exchange.route, exchange.method, exchange.status}];
  for (std::size_t i = 0; i < kBounds.size(); ++i)
    if (exchange.seconds <= kBounds[i]) ++buckets_[i];
  ++count_;
  sum_ += exchange.seconds;
}

void Metrics::document_rendered() {
  const std::lock_guard lock(mutex_);
  ++documents_;
}

std::string Metrics::text() const {
  const std::lock_guard lock(mutex_);
  std::ostringstream out;
  out << "# HELP vanban_http_requests_total HTTP requests answered, by route, method and status.\n"
      << "# TYPE vanban_http_requests_total counter\n";
  for (const auto& [key, count] : requests_)
    out << "vanban_http_requests_total{route=\"" << label(std::get<0>(key)) << "\",method=\"" << label(std::get<1>(key))
        << "\",status=\"" << std::get<2>(key) << "\"} " << count << '\n';
  out << "# HELP vanban_http_request_duration_seconds Time from a request's first byte to its answer.\n"
      << "# TYPE vanban_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < kBounds.size(); ++i)
    out << "vanban_http_request_duration_seconds_bucket{le=\"" << kBounds[i] << "\"} " << buckets_[i] << '\n';
  out << "vanban_http_request_duration_seconds_bucket{le=\"+Inf\"} " << count_ << '\n'
      << "vanban_http_request_duration_seconds_sum " << sum_ << '\n'
      << "vanban_http_request_duration_seconds_count " << count_ << '\n'
      << "# HELP vanban_documents_rendered_total Documents rendered (PDF, and SVG previews not answered from the "
         "cache).\n"
      << "# TYPE vanban_documents_rendered_total counter\n"
      << "vanban_documents_rendered_total " << documents_ << '\n';
  return out.str();
}

}  // namespace vanban::server
