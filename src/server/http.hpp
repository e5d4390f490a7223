#pragma once
// HTTP/1.1 on Poco::Net: a TCPServer (Poco's bounded thread pool and queue, as HTTPServer has) whose connections read
// requests under the service's limits and answer each with the right status instead of dropping it: a head too large
// 431, a body too large 413, too slow 408, more connections than threads 503, a malformed request 400. The handler
// sees plain requests and answers; nothing past this file sees a socket.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace vanban::server {

/// A request as the handler sees it: the head parsed, the body read whole (never over the limit).
struct HttpRequest {
  std::string method;
  std::string target;                          ///< as sent: path and query, percent-encoded
  std::map<std::string, std::string> headers;  ///< names in lower case; a repeated header keeps its last value
  std::string body;
  std::string peer;  ///< address:port of the client

  /// A header's value, or nullopt.
  [[nodiscard]] std::optional<std::string> header(const std::string& lower_name) const;
};

/// Sends part of a streamed answer; false once it cannot go on (the client went away, the server is stopping). An
/// empty part sends nothing and only asks.
using StreamWriter = std::function<bool(const std::string& part)>;

/// A file sent as an answer's body: opened by the handler (a file removed meanwhile is still sent whole), read and sent
/// in pieces, never held whole.
struct HttpFile {
  std::shared_ptr<std::istream> in;
  std::uint64_t size = 0;  ///< the Content-Length
};

/// The file at `path` opened for an answer, or nullopt when it is not a regular file that can be read.
std::optional<HttpFile> open_file(const std::filesystem::path& path);

/// A body written by the handler's function straight to the connection, never held whole: `write` is called once
/// by written_body() to count its bytes (the Content-Length) and once more to send them, so it must write the same
/// bytes each time (and own what it reads: it runs after the handler returned).
struct HttpWrittenBody {
  std::function<void(std::ostream& out)> write;
  std::uint64_t size = 0;  ///< the Content-Length: what the first call wrote
};

/// `write` as an answer's body, its bytes counted by a first call (nothing kept but their number).
HttpWrittenBody written_body(std::function<void(std::ostream& out)> write);

/// An answer.
struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< besides Content-Type, Content-Length, Connection
  /// A streamed answer (Server-Sent Events) instead of `body`: the head is sent without Content-Length and with
  /// Connection: close, then `stream` sends the parts as they come and returns when it is done or the writer refuses;
  /// the connection then closes.
  std::function<void(const StreamWriter& write)> stream;
  /// A file instead of `body`: sent in pieces after a head with its size as Content-Length; the connection stays
  /// open for the next request as after any answer (closed when the file ends short).
  std::optional<HttpFile> file;
  /// A body written to the connection instead of `body`: sent after a head with its counted size as Content-Length;
  /// the connection stays open as after any answer (closed when the second call writes another number of bytes).
  std::optional<HttpWrittenBody> written;
};

/// What the handler returns besides the answer, for the access log and the metrics.
struct Handled {
  HttpResponse response;
  std::string route;  ///< the route's pattern ("/api/cases/{id}"), never the path itself (no case data in logs)
  std::string user;   ///< who, when the request named one
};

/// The limits of the service ([server] in the configuration).
struct HttpLimits {
  std::size_t threads = 64;  ///< connections served at once; more are answered 503
  std::size_t queue = 64;    ///< connections waiting for a thread; beyond, the connection is closed by Poco
  std::size_t max_body = 64U * 1024U * 1024U;
  std::size_t max_header = 16U * 1024U;
  std::chrono::milliseconds timeout{30'000};  ///< to read one request, and to wait for the next on a connection
};

/// One finished exchange, for the access log and the metrics.
struct Exchange {
  std::string method;
  std::string route;
  int status = 0;
  double seconds = 0;
  std::size_t bytes_in = 0;
  std::size_t bytes_out = 0;
  std::string user;
};

/// The server: started by the constructor, stopped by stop().
class HttpServer {
 public:
  /// Answers a request; it may take the request's body (move it out), so that a large body is not held twice.
  using Handler = std::function<Handled(HttpRequest&)>;
  using Observer = std::function<void(const Exchange&)>;

  /// Listens on `host`:`port` (0: a free port) and serves every request with `handler`; `observer` is called after
  /// each exchange (answers made here for broken requests included). Throws vanban::Error when it cannot listen.
  HttpServer(const std::string& host, std::uint16_t port, const HttpLimits& limits, Handler handler, Observer observer);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// The port it listens on.
  [[nodiscard]] std::uint16_t port() const;
  /// Stops accepting, lets every request in flight finish (each answered with Connection: close), closes idle
  /// connections, and returns when none is left (a request still being read ends at its deadline).
  void stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace vanban::server
