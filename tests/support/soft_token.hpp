#pragma once
// A SoftHSM2 token made for one test (Debian's softhsm2; opensc's pkcs11-tool writes the certificates): its own
// configuration and token folder, a label and a PIN, the test PKI's officer (RSA, id 01) and agency (ECDSA, id 02)
// keys and certificates, the root's certificate, and a key without a certificate ("other", id 03). SOFTHSM2_CONF names
// the configuration: for the CLI as a variable of the command, in the test process by setenv (use()).

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/test_pki.hpp"

namespace vanban::test {

class SoftToken {
 public:
  static constexpr const char* kModule = "/usr/lib/softhsm/libsofthsm2.so";
  static constexpr const char* kLabel = "Vanban Test";
  static constexpr const char* kPin = "1234";
  static constexpr const char* kSoPin = "12345678";

  /// Makes the token in a fresh folder `name` under the test output; throws when the tools fail.
  explicit SoftToken(const std::string& name) : dir_(scratch_dir(name)) {
    std::filesystem::create_directories(tokens());
    write_text(conf(), "directories.tokendir = " + tokens().string() +
                           "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
    const auto pki = test_pki();
    const std::string module = quote(kModule);
    const std::string token = quote(kLabel);
    std::string script = env() + " softhsm2-util --init-token --free --label " + token + " --so-pin " + kSoPin +
                         " --pin " + kPin + " >/dev/null";
    const auto add = [&](const std::string& object, const std::string& id) {
      const auto key = (dir_ / (object + ".p8")).string();
      const auto cert = (dir_ / (object + ".der")).string();
      script += " && openssl pkcs8 -topk8 -nocrypt -in " + quote((pki / (object + ".key")).string()) + " -out " +
                quote(key) + " && openssl x509 -in " + quote((pki / (object + ".pem")).string()) +
                " -outform DER -out " + quote(cert) + " && " + env() + " softhsm2-util --import " + quote(key) +
                " --token " + token + " --label " + object + " --id " + id + " --pin " + kPin + " >/dev/null && " +
                env() + " pkcs11-tool --module " + module + " --token-label " + token + " --login --pin " + kPin +
                " --write-object " + quote(cert) + " --type cert --id " + id + " --label " + object + " >/dev/null";
    };
    add("officer", "01");
    add("agency", "02");
    const auto root = (dir_ / "ca.der").string();
    script += " && openssl x509 -in " + quote((pki / "ca.pem").string()) + " -outform DER -out " + quote(root) +
              " && " + env() + " pkcs11-tool --module " + module + " --token-label " + token + " --login --pin " +
              kPin + " --write-object " + quote(root) + " --type cert --id 10 --label root >/dev/null";
    const auto other = (dir_ / "other.p8").string();
    script += " && openssl pkcs8 -topk8 -nocrypt -in " + quote((pki / "other.key").string()) + " -out " + quote(other) +
              " && " + env() + " softhsm2-util --import " + quote(other) + " --token " + token +
              " --label other --id 03 --pin " + kPin + " >/dev/null";
    const auto made = run(script);
    if (made.exit_code != 0) throw std::runtime_error("SoftHSM2 token not made: " + made.err);
  }

  /// The configuration file.
  [[nodiscard]] std::filesystem::path conf() const { return dir_ / "softhsm2.conf"; }
  /// The folder holding the token's files.
  [[nodiscard]] std::filesystem::path tokens() const { return dir_ / "tokens"; }
  /// "SOFTHSM2_CONF='…'", to put before a command.
  [[nodiscard]] std::string env() const { return "SOFTHSM2_CONF=" + quote(conf().string()); }
  /// Makes this token the one SoftHSM sees in the test process.
  void use() const { ::setenv("SOFTHSM2_CONF", conf().c_str(), 1); }
  /// The URI of the key labelled `object`.
  [[nodiscard]] static std::string uri(const std::string& object) {
    return "pkcs11:token=Vanban%20Test;object=" + object;
  }
  /// A second token, "Second", in the same slot list (empty).
  void add_second_token() const {
    const auto made = run(env() + " softhsm2-util --init-token --free --label Second --so-pin " + kSoPin + " --pin " +
                          kPin + " >/dev/null");
    if (made.exit_code != 0) throw std::runtime_error("second SoftHSM2 token not made: " + made.err);
  }
  /// The token pulled out: its files gone.
  void remove() const {
    for (const auto& entry : std::filesystem::directory_iterator(tokens())) std::filesystem::remove_all(entry.path());
  }

 private:
  std::filesystem::path dir_;
};

}  // namespace vanban::test
