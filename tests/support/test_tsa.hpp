#pragma once
// A time-stamping authority for the tests: `openssl ts -reply` with the test PKI's TSA certificate (its own serial
// file per folder: test processes run in parallel), behind a LoopbackServer; or one that answers garbage, an HTTP
// error, or nothing.

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "support/loopback_server.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/test_pki.hpp"

namespace vanban::test {

/// The answer `openssl ts -reply` gives to `query` (DER TimeStampReq) in `dir`, signed by the PKI's `signer`
/// ("tsa", or "untrusted-tsa").
inline std::string timestamp_reply(const std::filesystem::path& dir, const std::string& query,
                                   const std::string& signer = "tsa") {
  const auto pki = test_pki();
  const auto config = dir / ("ts-" + signer + ".cnf");
  if (!std::filesystem::exists(config))
    write_text(config, "[ tsa ]\ndefault_tsa = tsa_config\n[ tsa_config ]\nserial = " + (dir / "tsaserial").string() +
                           "\nsigner_cert = " + (pki / (signer + ".pem")).string() +
                           "\ncerts = " + (pki / (signer == "tsa" ? "ca.pem" : "untrusted-ca.pem")).string() +
                           "\nsigner_key = " + (pki / (signer + ".key")).string() +
                           "\nsigner_digest = sha256\ndefault_policy = 1.2.3.4.1\ndigests = sha256\n"
                           "accuracy = secs:1\nordering = no\ntsa_name = no\ness_cert_id_chain = no\n"
                           "ess_cert_id_alg = sha256\ncrypto_device = builtin\nother_policies = 1.2.3.4.2\n");
  if (!std::filesystem::exists(dir / "tsaserial")) write_text(dir / "tsaserial", "01\n");
  static int count = 0;
  const auto in = dir / ("query-" + std::to_string(++count) + ".tsq");
  const auto out = dir / ("reply-" + std::to_string(count) + ".tsr");
  write_text(in, query);
  const auto made = run("flock " + quote((dir / "tsa.lock").string()) + " openssl ts -reply -config " +
                        quote(config.string()) + " -queryfile " + quote(in.string()) + " -out " + quote(out.string()));
  if (made.exit_code != 0) throw std::runtime_error("openssl ts -reply failed: " + made.err);
  return read_text(out);
}

/// A TSA on loopback.
class TestTsa {
 public:
  enum class Mode { good, untrusted, garbage, error, silent };
  TestTsa(std::filesystem::path dir, Mode mode)
      : dir_(std::move(dir)),
        server_(std::make_unique<LoopbackServer>(
            [this, mode](const std::string&, const std::string&, const std::string& body) {
              LoopbackServer::Answer answer;
              answer.content_type = "application/timestamp-reply";
              switch (mode) {
                case Mode::good: answer.body = timestamp_reply(dir_, body); break;
                case Mode::untrusted: answer.body = timestamp_reply(dir_, body, "untrusted-tsa"); break;
                case Mode::garbage: answer.body = "<html>Dịch vụ tạm ngừng</html>"; break;
                case Mode::error:
                  answer.status = 503;
                  answer.body = "busy";
                  break;
                case Mode::silent: answer.silent = true; break;
              }
              return answer;
            })) {}
  /// Its URL.
  [[nodiscard]] std::string url() const { return server_->url("/tsa"); }
  /// Requests read so far.
  [[nodiscard]] int requests() const { return server_->requests(); }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<LoopbackServer> server_;
};

}  // namespace vanban::test
