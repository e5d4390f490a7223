#include "server/http.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/Net/TCPServerParams.h>
#include <Poco/ThreadPool.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <string_view>
#include <thread>

#include "api/service_answers.hpp"
#include "base/error.hpp"

namespace vanban::server {

namespace {

using Clock = std::chrono::steady_clock;

// Threads beyond `threads` that exist only to answer 503 at once instead of leaving a connection in the queue.
constexpr std::size_t kRefusingThreads = 4;
// How often a waiting connection looks at whether the server is stopping.
constexpr auto kSlice = std::chrono::milliseconds(200);
// A file answer's bytes read and sent at once.
constexpr std::size_t kFilePiece = 64U * 1024U;
// The longest line of a chunked body's framing (size and extensions, a trailer).
constexpr std::size_t kMaxChunkLine = 4096;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

enum class Read { ok, closed, timeout, too_large, malformed };

}  // namespace

std::optional<std::string> HttpRequest::header(const std::string& lower_name) const {
  const auto found = headers.find(lower_name);
  if (found == headers.end()) return std::nullopt;
  return found->second;
}

std::optional<HttpFile> open_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  auto in = std::make_shared<std::ifstream>(path, std::ios::binary);
  if (!*in) return std::nullopt;
  // The size of what was opened (the name may be replaced meanwhile).
  in->seekg(0, std::ios::end);
  const auto end = in->tellg();
  in->seekg(0, std::ios::beg);
  if (end < 0 || !*in) return std::nullopt;
  return HttpFile{std::move(in), static_cast<std::uint64_t>(end)};
}

namespace {

// Counts what is written and keeps none of it.
class CountingBuffer : public std::streambuf {
 public:
  std::uint64_t count = 0;

 protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) ++count;
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char*, std::streamsize n) override {
    count += static_cast<std::uint64_t>(n);
    return n;
  }
};

// Hands what is written to `send` a piece of at most kFilePiece bytes at a time, counting it.
class SendingBuffer : public std::streambuf {
 public:
  explicit SendingBuffer(std::function<void(std::string_view)> send)
      : send_(std::move(send)), piece_(kFilePiece, '\0') {
    setp(piece_.data(), piece_.data() + piece_.size());
  }
  std::uint64_t count = 0;

 protected:
  int_type overflow(int_type c) override {
    flush_piece();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override {
    flush_piece();
    return 0;
  }

 private:
  void flush_piece() {
    const auto size = static_cast<std::size_t>(pptr() - pbase());
    if (size > 0) send_(std::string_view(pbase(), size));
    count += size;
    setp(piece_.data(), piece_.data() + piece_.size());
  }
  std::function<void(std::string_view)> send_;
  std::string piece_;
};

}  // namespace

HttpWrittenBody written_body(std::function<void(std::ostream& out)> write) {
  CountingBuffer counted;
  std::ostream out(&counted);
  write(out);
  return HttpWrittenBody{std::move(write), counted.count};
}

struct HttpServer::Impl {
  HttpLimits limits;
  Handler handler;
  Observer observer;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> active{0};
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::TCPServer> server;
  std::uint16_t port = 0;
};

namespace {

class Connection : public Poco::Net::TCPServerConnection {
 public:
  Connection(const Poco::Net::StreamSocket& socket, HttpServer::Impl& server)
      : Poco::Net::TCPServerConnection(socket), server_(server) {}

  void run() override {
    const std::size_t count = ++server_.active;
    try {
      if (count > server_.limits.threads)
        refuse(503, "too-many-connections", "Máy chủ đang bận", "quá nhiều kết nối cùng lúc; hãy thử lại sau");
      else serve();
    } catch (const Poco::Exception&) {
      // The client went away (reset, broken pipe): nothing to answer.
    } catch (const std::exception&) {
    }
    --server_.active;
  }

 private:
  using Deadline = Clock::time_point;

  // Waits for more bytes until `deadline`, appending them to buffer_.
  Read fill(Deadline deadline, bool idle) {
    for (;;) {
      if (idle && server_.stopping.load()) return Read::closed;
      const auto now = Clock::now();
      if (now >= deadline) return Read::timeout;
      const auto wait = std::min<Clock::duration>(deadline - now, kSlice);
      const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(wait).count();
      if (!socket().poll(Poco::Timespan(micros), Poco::Net::Socket::SELECT_READ)) continue;
      char chunk[16384];
      const int n = socket().receiveBytes(chunk, sizeof chunk);
      if (n <= 0) return Read::closed;
      buffer_.append(chunk, static_cast<std::size_t>(n));
      bytes_in_ += static_cast<std::size_t>(n);
      return Read::ok;
    }
  }

  // Reads until buffer_ holds at least `size` bytes.
  Read need(std::size_t size, Deadline deadline) {
    while (buffer_.size() < size)
      if (const Read got = fill(deadline, false); got != Read::ok) return got;
    return Read::ok;
  }

  // A line of a chunked body's framing (without its CRLF).
  Read line(std::string& out, Deadline deadline) {
    for (;;) {
      const auto end = buffer_.find("\r\n");
      if (end != std::string::npos) {
        if (end > kMaxChunkLine) return Read::malformed;
        out = buffer_.substr(0, end);
        buffer_.erase(0, end + 2);
        return Read::ok;
      }
      if (buffer_.size() > kMaxChunkLine) return Read::malformed;
      if (const Read got = fill(deadline, false); got != Read::ok) return got;
    }
  }

  Read chunked_body(std::string& body, Deadline deadline) {
    for (;;) {
      std::string size_line;
      if (const Read got = line(size_line, deadline); got != Read::ok) return got;
      const std::string digits = size_line.substr(0, size_line.find(';'));
      if (digits.empty() || digits.size() > 15 ||
          digits.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
        return Read::malformed;
      const std::size_t size = std::stoull(digits, nullptr, 16);
      if (size == 0) {
        // Trailers, up to the empty line.
        for (std::string trailer;;) {
          if (const Read got = line(trailer, deadline); got != Read::ok) return got;
          if (trailer.empty()) return Read::ok;
        }
      }
      if (body.size() + size > server_.limits.max_body) return Read::too_large;
      if (const Read got = need(size + 2, deadline); got != Read::ok) return got;
      if (buffer_.compare(size, 2, "\r\n") != 0) return Read::malformed;
      body.append(buffer_, 0, size);
      buffer_.erase(0, size + 2);
    }
  }

  // The answer's head (its bytes and the body's counted for the log); the body is sent after it from where it is, so
  // that a large answer is not copied.
  std::string format(const HttpResponse& response, bool keep_alive) {
    const auto reason =
        Poco::Net::HTTPResponse::getReasonForStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " + reason + "\r\n";
    out += "Content-Type: " + response.content_type + "\r\n";
    if (response.file) out += "Content-Length: " + std::to_string(response.file->size) + "\r\n";
    else if (response.written) out += "Content-Length: " + std::to_string(response.written->size) + "\r\n";
    else if (!response.stream) out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    out += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    for (const auto& [name, value] : response.headers) out += name + ": " + value + "\r\n";
    out += "\r\n";
    bytes_out_ =
        out.size() + (response.file ? response.file->size : 0) + (response.written ? response.written->size : 0);
    if (!response.file && !response.written) {
      if (separate_body(response)) bytes_out_ += response.body.size();
      else out += response.body;
    }
    return out;
  }

  // A large body is sent after its head, from where it lies (not copied behind the head).
  static bool separate_body(const HttpResponse& response) { return response.body.size() > kFilePiece; }

  // Sends everything (sendBytes may send part of it).
  void send(std::string_view bytes) {
    for (std::size_t sent = 0; sent < bytes.size();) {
      const int n = socket().sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent));
      if (n <= 0) return;
      sent += static_cast<std::size_t>(n);
    }
  }

  // Answers a request that cannot be served with a problem document, then closes the connection after letting the
  // client finish sending (so that it reads the answer rather than a reset).
  void refuse(int status, const char* kind, const char* title, const std::string& detail) {
    HttpResponse response;
    response.status = status;
    response.content_type = "application/problem+json";
    response.body = api::problem(kind, title, status, detail);
    const std::string bytes = format(response, false);
    observe("-", status, "");
    send(bytes);
    if (separate_body(response)) send(response.body);
    socket().shutdownSend();
    const Deadline drain_until = Clock::now() + std::chrono::milliseconds(500);
    for (std::size_t drained = 0; drained < 4U * 1024U * 1024U;) {
      buffer_.clear();
      if (fill(drain_until, false) != Read::ok) break;
      drained += buffer_.size();
    }
  }

  void observe(const std::string& route, int status, const std::string& user) {
    Exchange exchange;
    exchange.method = method_;
    exchange.route = route;
    exchange.status = status;
    exchange.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    exchange.bytes_in = bytes_in_;
    exchange.bytes_out = bytes_out_;
    exchange.user = user;
    if (server_.observer) server_.observer(exchange);
  }

  void refuse_read(Read read) {
    switch (read) {
      case Read::timeout:
        refuse(408, "request-timeout", "Hết thời gian chờ yêu cầu", "yêu cầu không được gửi hết trong thời hạn");
        break;
      case Read::too_large:
        refuse(413, "body-too-large", "Nội dung quá lớn",
               "nội dung yêu cầu vượt quá " + std::to_string(server_.limits.max_body) + " byte");
        break;
      case Read::malformed:
        refuse(400, "malformed-request", "Yêu cầu HTTP không hợp lệ", "phần thân chia khúc (chunked) không hợp lệ");
        break;
      case Read::ok:
      case Read::closed: break;
    }
  }

  void serve() {
    socket().setNoDelay(true);
    const auto timeout = server_.limits.timeout;
    socket().setSendTimeout(Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(timeout).count()));
    for (;;) {
      method_.clear();
      bytes_in_ = buffer_.size();
      bytes_out_ = 0;
      // The head: the idle wait for a next request is the timeout too; a request started must arrive in it.
      Deadline deadline = Clock::now() + timeout;
      started_ = Clock::now();
      std::size_t head_end = std::string::npos;
      while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
        if (buffer_.size() > server_.limits.max_header) {
          refuse(431, "header-too-large", "Phần đầu yêu cầu quá lớn",
                 "dòng yêu cầu và các trường đầu vượt quá " + std::to_string(server_.limits.max_header) + " byte");
          return;
        }
        const bool idle = buffer_.empty();
        const Read got = fill(deadline, idle);
        if (got == Read::ok && idle) {
          started_ = Clock::now();
          deadline = started_ + timeout;
        }
        if (got == Read::closed) return;
        if (got == Read::timeout) {
          if (!idle) refuse_read(got);
          return;
        }
      }
      if (head_end + 4 > server_.limits.max_header) {
        refuse(431, "header-too-large", "Phần đầu yêu cầu quá lớn",
               "dòng yêu cầu và các trường đầu vượt quá " + std::to_string(server_.limits.max_header) + " byte");
        return;
      }
      Poco::Net::HTTPRequest head;
      try {
        std::istringstream in(buffer_.substr(0, head_end + 4));
        head.read(in);
      } catch (const Poco::Exception&) {
        refuse(400, "malformed-request", "Yêu cầu HTTP không hợp lệ", "dòng yêu cầu hoặc trường đầu không đọc được");
        return;
      }
      buffer_.erase(0, head_end + 4);
      HttpRequest request;
      request.method = head.getMethod();
      method_ = request.method;
      request.target = head.getURI();
      request.peer = socket().peerAddress().toString();
      for (const auto& [name, value] : head) request.headers[lower(name)] = value;

      const auto encoding = request.header("transfer-encoding");
      const auto length = request.header("content-length");
      const bool expects_continue = lower(request.header("expect").value_or("")) == "100-continue";
      if (encoding && length) {
        refuse(400, "malformed-request", "Yêu cầu HTTP không hợp lệ",
               "không được có cả Transfer-Encoding và Content-Length");
        return;
      }
      if (encoding) {
        if (lower(*encoding) != "chunked") {
          refuse(400, "malformed-request", "Yêu cầu HTTP không hợp lệ", "chỉ nhận Transfer-Encoding: chunked");
          return;
        }
        if (expects_continue) send_continue();
        if (const Read got = chunked_body(request.body, deadline); got != Read::ok) {
          refuse_read(got);
          return;
        }
      } else if (length) {
        if (length->empty() || length->size() > 18 || length->find_first_not_of("0123456789") != std::string::npos) {
          refuse(400, "malformed-request", "Yêu cầu HTTP không hợp lệ", "Content-Length không phải một số");
          return;
        }
        const std::size_t size = std::stoull(*length);
        if (size > server_.limits.max_body) {
          refuse_read(Read::too_large);
          return;
        }
        if (expects_continue && buffer_.size() < size) send_continue();
        // The body read into place and handed over when it is all the buffer holds: a large body is never held twice
        // (nor grown by doubling), nor left behind in the buffer while the request is answered.
        buffer_.reserve(size);
        if (const Read got = need(size, deadline); got != Read::ok) {
          refuse_read(got);
          return;
        }
        if (buffer_.size() == size) {
          request.body = std::move(buffer_);
          buffer_ = std::string();
        } else {
          request.body = buffer_.substr(0, size);
          buffer_.erase(0, size);
        }
      }

      Handled handled;
      try {
        handled = server_.handler(request);
      } catch (const std::exception& error) {
        handled.route = "-";
        handled.response.status = 500;
        handled.response.content_type = "application/problem+json";
        handled.response.body = api::problem("internal", "Lỗi nội bộ của máy chủ", 500, error.what());
      }
      const std::string connection = lower(request.header("connection").value_or(""));
      const bool keep_alive = !server_.stopping.load() && connection != "close" &&
                              (head.getVersion() == Poco::Net::HTTPMessage::HTTP_1_1 || connection == "keep-alive");
      if (handled.response.stream) {
        stream(handled);
        return;
      }
      // Counted before it is sent, so that a client's next request sees it in /metrics.
      const std::string bytes = format(handled.response, keep_alive);
      observe(handled.route, handled.response.status, handled.user);
      send(bytes);
      if (separate_body(handled.response)) send(handled.response.body);
      if (handled.response.file && !send_file(*handled.response.file)) return;
      if (handled.response.written && !send_written(*handled.response.written)) return;
      if (!keep_alive) return;
    }
  }

  // A streamed answer: the head, then each part as the handler makes it, until it is done, the client goes away or
  // the server stops; the connection closes after it.
  void stream(const Handled& handled) {
    send(format(handled.response, false));
    bool open = true;
    const StreamWriter write = [this, &open](const std::string& part) {
      if (!open || server_.stopping.load()) return false;
      try {
        if (!part.empty()) {
          send(part);
          bytes_out_ += part.size();
        }
      } catch (const Poco::Exception&) {
        open = false;
      }
      return open;
    };
    handled.response.stream(write);
    observe(handled.route, handled.response.status, handled.user);
  }

  // Sends a file's bytes a piece at a time; false when it ended short of its size (the connection cannot go on).
  bool send_file(const HttpFile& file) {
    std::string piece(kFilePiece, '\0');
    for (std::uint64_t left = file.size; left > 0;) {
      const auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(left, kFilePiece));
      file.in->read(piece.data(), want);
      const auto got = file.in->gcount();
      if (got <= 0) return false;
      send(std::string_view(piece.data(), static_cast<std::size_t>(got)));
      left -= static_cast<std::uint64_t>(got);
    }
    return true;
  }

  // Writes a written body to the connection; false when it wrote another number of bytes than it counted (the
  // connection cannot go on).
  bool send_written(const HttpWrittenBody& body) {
    SendingBuffer sending([this](std::string_view piece) { send(piece); });
    std::ostream out(&sending);
    body.write(out);
    out.flush();
    return sending.count == body.size;
  }

  void send_continue() {
    static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    socket().sendBytes(kContinue.data(), static_cast<int>(kContinue.size()));
  }

  HttpServer::Impl& server_;
  std::string buffer_;
  std::string method_;
  Clock::time_point started_;
  std::size_t bytes_in_ = 0;
  std::size_t bytes_out_ = 0;
};

class Factory : public Poco::Net::TCPServerConnectionFactory {
 public:
  explicit Factory(HttpServer::Impl& server) : server_(server) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    return new Connection(socket, server_);
  }

 private:
  HttpServer::Impl& server_;
};

}  // namespace

HttpServer::HttpServer(const std::string& host, std::uint16_t port, const HttpLimits& limits, Handler handler,
                       Observer observer)
    : impl_(std::make_unique<Impl>()) {
  impl_->limits = limits;
  impl_->handler = std::move(handler);
  impl_->observer = std::move(observer);
  const int threads = static_cast<int>(limits.threads + kRefusingThreads);
  try {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(host, port), 256);
    impl_->port = socket.address().port();
    Poco::Net::TCPServerParams::Ptr params = new Poco::Net::TCPServerParams;
    params->setMaxThreads(threads);
    params->setMaxQueued(static_cast<int>(limits.queue));
    params->setThreadIdleTime(Poco::Timespan(10, 0));
    impl_->pool = std::make_unique<Poco::ThreadPool>(2, threads + 1);
    impl_->server = std::make_unique<Poco::Net::TCPServer>(new Factory(*impl_), *impl_->pool, socket, params);
    impl_->server->start();
  } catch (const Poco::Exception& error) {
    throw Error("E0790", "không mở được cổng " + host + ":" + std::to_string(port) + " (" + error.displayText() + ")",
                host + ":" + std::to_string(port));
  }
}

HttpServer::~HttpServer() { stop(); }

std::uint16_t HttpServer::port() const { return impl_->port; }

void HttpServer::stop() {
  if (!impl_->server) return;
  impl_->stopping.store(true);
  impl_->server->stop();
  // Idle connections notice within a slice; a request in flight is answered; a slow one ends at its deadline.
  while (impl_->active.load() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  impl_->server.reset();
  impl_->pool->joinAll();
}

}  // namespace vanban::server
