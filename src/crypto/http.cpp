#include "crypto/http.hpp"

#include <openssl/err.h>
#include <openssl/http.h>

#include <climits>

#include "crypto/handles.hpp"

namespace vanban::crypto {

namespace {
void free_text(char* text) { OPENSSL_free(text); }
using TextPtr = std::unique_ptr<char, Free<free_text>>;
}  // namespace

std::optional<Bytes> http_exchange(const HttpRequest& request, HttpProblem& problem, std::string& detail) {
  char* host = nullptr;
  char* port = nullptr;
  char* path = nullptr;
  int tls = 0;
  const bool parsed =
      OSSL_HTTP_parse_url(request.url.c_str(), &tls, nullptr, &host, &port, nullptr, &path, nullptr, nullptr) == 1;
  const TextPtr owned_host(host);
  const TextPtr owned_port(port);
  const TextPtr owned_path(path);
  if (!parsed || tls != 0 || request.url.rfind("http://", 0) != 0 || request.body.size() > INT_MAX) {
    ERR_clear_error();
    problem = HttpProblem::bad_url;
    return std::nullopt;
  }
  BioPtr body;
  if (!request.body.empty()) body = memory_bio(request.body);
  // proxy "" (not NULL): never one from the environment.
  const BioPtr answer(OSSL_HTTP_transfer(nullptr, host, port, path, 0, "", nullptr, nullptr, nullptr, nullptr, nullptr,
                                         0, nullptr, body ? request.content_type.c_str() : nullptr, body.get(), nullptr,
                                         0, request.max_answer, request.timeout_seconds, 0));
  if (!answer) {
    // OpenSSL's HTTP errors mean the server answered, with an error or something that is not HTTP; the others
    // (BIO: connect or transfer timeout) that nothing usable came back.
    problem = HttpProblem::no_answer;
    unsigned long last = 0;
    while (const unsigned long code = ERR_get_error()) {
      if (ERR_GET_LIB(code) == ERR_LIB_HTTP) problem = HttpProblem::refused;
      last = code;
    }
    char text[256] = "";
    if (last != 0) ERR_error_string_n(last, text, sizeof text);
    detail = text;
    return std::nullopt;
  }
  Bytes out;
  char buffer[16384];
  for (int n = 0; (n = BIO_read(answer.get(), buffer, sizeof buffer)) > 0;)
    out.append(buffer, static_cast<std::size_t>(n));
  ERR_clear_error();
  return out;
}

}  // namespace vanban::crypto
