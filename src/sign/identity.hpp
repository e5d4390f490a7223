#pragma once
// A signer's private key, certificate and chain, loaded from PEM files or a PKCS#12 file. The key never
// leaves this object: it is not printed, logged or copied into messages.

#include <memory>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "crypto/key.hpp"
#include "crypto/x509.hpp"

namespace vanban::sign {

/// What a certificate says, for people.
using CertificateInfo = crypto::CertificateInfo;

/// Supplies a passphrase when a key or PKCS#12 file needs one (decided by the front end).
using PassphraseSource = crypto::PassphraseSource;

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

  /// The signer's certificate, described.
  [[nodiscard]] CertificateInfo certificate() const { return certificate_.describe(); }
  /// The signer's certificate.
  [[nodiscard]] const crypto::Certificate& signing_certificate() const { return certificate_; }
  /// The certificates that lead from it towards a root, as given.
  [[nodiscard]] const std::vector<crypto::Certificate>& chain() const { return chain_; }
  /// The private key (a file's today; a token's later).
  [[nodiscard]] const crypto::PrivateKey& key() const { return key_; }

 private:
  Identity(crypto::PrivateKey key, crypto::Certificate certificate, std::vector<crypto::Certificate> chain)
      : key_(std::move(key)), certificate_(std::move(certificate)), chain_(std::move(chain)) {}

  crypto::PrivateKey key_;
  crypto::Certificate certificate_;
  std::vector<crypto::Certificate> chain_;
};

}  // namespace vanban::sign
