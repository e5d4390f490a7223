#pragma once
// Plain HTTP for the signature's outside services (a time-stamping authority, CRL distribution points, OCSP
// responders) through OpenSSL's own client: one request, bounded in time and size, no proxy, no TLS (these services
// speak http:// and sign what they answer).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.hpp"

namespace vanban::crypto {

/// Why an exchange gave no usable answer.
enum class HttpProblem {
  bad_url,    ///< not an http:// URL this client can use
  no_answer,  ///< no connection, or no answer within the time allowed
  refused,    ///< the server answered with an error status or a malformed HTTP response
};

/// A request: GET when `body` is empty, else POST of `body` as `content_type`.
struct HttpRequest {
  std::string url;
  std::string content_type;
  Bytes body;
  int timeout_seconds = 20;
  std::size_t max_answer = 16U * 1024U * 1024U;
};

/// Sends the request and returns the answer's body; nullopt with `problem` (and OpenSSL's reason in `detail`, English)
/// otherwise.
std::optional<Bytes> http_exchange(const HttpRequest& request, HttpProblem& problem, std::string& detail);

}  // namespace vanban::crypto
