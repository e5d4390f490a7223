#pragma once
// A tiny HTTP responder on 127.0.0.1 for the tests of the services a signature needs (a time-stamping authority, a CRL
// distribution point): each request gets what the handler returns — or no answer at all, to test a service that stays
// silent. Bounded: nothing leaves loopback, and it serves only until it is destroyed.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace vanban::test {

class LoopbackServer {
 public:
  /// What one request gets.
  struct Answer {
    int status = 200;
    std::string content_type = "application/octet-stream";
    std::string body;
    bool silent = false;  ///< read the request, never answer (the client times out)
  };
  /// Makes the answer to a request: its method, path and body.
  using Handler = std::function<Answer(const std::string& method, const std::string& path, const std::string& body)>;

  /// Listens on 127.0.0.1 at a free port and serves on a thread of its own.
  explicit LoopbackServer(Handler handler) : handler_(std::move(handler)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        ::listen(listener_, 16) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size) != 0)
      throw std::runtime_error("LoopbackServer: cannot listen on 127.0.0.1");
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~LoopbackServer() {
    stop_ = true;
    thread_.join();
    for (const int fd : silent_) ::close(fd);
    ::close(listener_);
  }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  /// "http://127.0.0.1:PORT" + `path`.
  [[nodiscard]] std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  /// How many requests it has read.
  [[nodiscard]] int requests() const { return requests_; }

 private:
  void serve() {
    while (!stop_) {
      pollfd waiting{listener_, POLLIN, 0};
      if (::poll(&waiting, 1, 50) <= 0) continue;
      const int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) continue;
      answer(client);
    }
  }

  // Reads one request (headers, then Content-Length bytes), answers it and closes, unless silent.
  void answer(int client) {
    std::string data;
    char buffer[8192];
    std::size_t header_end = std::string::npos;
    std::size_t length = 0;
    while (!stop_) {
      pollfd readable{client, POLLIN, 0};
      if (::poll(&readable, 1, 50) <= 0) continue;
      const ssize_t n = ::read(client, buffer, sizeof buffer);
      if (n <= 0) break;
      data.append(buffer, static_cast<std::size_t>(n));
      if (header_end == std::string::npos && (header_end = data.find("\r\n\r\n")) != std::string::npos) {
        const auto at = data.find("Content-Length:");
        if (at != std::string::npos && at < header_end) length = std::stoul(data.substr(at + 15));
      }
      if (header_end != std::string::npos && data.size() >= header_end + 4 + length) break;
    }
    if (header_end == std::string::npos) {
      ::close(client);
      return;
    }
    ++requests_;
    const std::string line = data.substr(0, data.find("\r\n"));
    const std::string method = line.substr(0, line.find(' '));
    const std::string path = line.substr(method.size() + 1, line.find(' ', method.size() + 1) - method.size() - 1);
    const Answer reply = handler_(method, path, data.substr(header_end + 4, length));
    if (reply.silent) {
      silent_.push_back(client);
      return;
    }
    const std::string response =
        "HTTP/1.0 " + std::to_string(reply.status) + " X\r\nContent-Type: " + reply.content_type +
        "\r\nContent-Length: " + std::to_string(reply.body.size()) + "\r\nConnection: close\r\n\r\n" + reply.body;
    for (std::size_t sent = 0; sent < response.size();) {
      const ssize_t n = ::write(client, response.data() + sent, response.size() - sent);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    ::close(client);
  }

  Handler handler_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::vector<int> silent_;
  std::thread thread_;
};

}  // namespace vanban::test
