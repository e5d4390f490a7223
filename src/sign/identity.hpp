#pragma once
// A signer's private key, certificate and chain, loaded from PEM files or a PKCS#12 file. The key never
// leaves this object: it is not printed, logged or copied into messages.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostics.hpp"

namespace vanban::sign {

/// What a certificate says, for people: names, serial number, validity and fingerprint.
struct CertificateInfo {
  std::string common_name;      ///< subject CN (UTF-8), "" when absent
  std::string subject;          ///< the whole subject, RFC 2253 order, UTF-8
  std::string issuer;           ///< the whole issuer, RFC 2253 order, UTF-8
  std::string serial;           ///< hexadecimal
  std::int64_t not_before = 0;  ///< Unix seconds
  std::int64_t not_after = 0;   ///< Unix seconds
  std::string sha256;           ///< fingerprint, hexadecimal with colons
};

/// Supplies a passphrase when a key or PKCS#12 file needs one: from an environment variable or an
/// interactive prompt, decided by the front end. Returns nullopt when none can be had.
using PassphraseSource = std::function<std::optional<std::string>()>;

class Identity {
 public:
  /// Loads a PEM private key (possibly encrypted), its certificate and an optional chain (PEM, several
  /// certificates). Problems (unreadable, wrong passphrase, key not matching the certificate) are reported
  /// against `key_file`/`cert_file` in `diagnostics`, and nullptr is returned.
  static std::unique_ptr<Identity> from_pem(std::string_view key_pem, std::string_view cert_pem,
                                            std::string_view chain_pem, const PassphraseSource& passphrase,
                                            const SourceLoc& key_file, const SourceLoc& cert_file,
                                            Diagnostics& diagnostics);
  /// Loads a PKCS#12 file (key, certificate and chain); problems as for from_pem.
  static std::unique_ptr<Identity> from_pkcs12(std::string_view der, const PassphraseSource& passphrase,
                                               const SourceLoc& file, Diagnostics& diagnostics);
  ~Identity();
  Identity(const Identity&) = delete;
  Identity& operator=(const Identity&) = delete;

  /// The signer's certificate, described.
  [[nodiscard]] CertificateInfo certificate() const;

  struct Impl;
  /// For the sign module's own use (the OpenSSL objects).
  [[nodiscard]] const Impl& impl() const { return *impl_; }

 private:
  explicit Identity(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vanban::sign
