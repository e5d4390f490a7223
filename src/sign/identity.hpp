#pragma once
// A signer's private key, certificate and chain, loaded from PEM files, a PKCS#12 file or a PKCS#11 token. The key
// never leaves this object (nor, on a token, the token): it is not printed, logged or copied into messages.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "crypto/key.hpp"
#include "crypto/token.hpp"
#include "crypto/x509.hpp"

namespace vanban::sign {

/// What a certificate says, for people.
using CertificateInfo = crypto::CertificateInfo;

/// Supplies a passphrase when a key or PKCS#12 file needs one (decided by the front end).
using PassphraseSource = crypto::PassphraseSource;

/// A signer's certificate and the certificates that lead from it towards a root: what a signature carries.
struct SignerCertificates {
  crypto::Certificate certificate;
  std::vector<crypto::Certificate> chain;
};

/// Reads a certificate (PEM or DER; more PEM certificates after it join the chain) and an optional chain file; nullopt
/// with E0614 against `cert_file` when either holds no certificate.
std::optional<SignerCertificates> read_signer_certificates(std::string_view cert_text, std::string_view chain_text,
                                                           const SourceLoc& cert_file, Diagnostics& diagnostics);

/// Where a token's key is: its module, and the URI naming the key.
struct TokenKey {
  std::string module;  ///< the PKCS#11 module (a shared library path)
  crypto::Pkcs11Uri uri;
  std::string uri_text;  ///< the URI as given (for messages)
};

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
  /// Opens a key on a PKCS#11 token, asking `pin` at most once; its certificates are `certificates` when given
  /// (files), else the token's certificate whose key it is, with the token's other certificates that lead towards a
  /// root. Problems (E0670–E0677, E0612, E0616) are reported against `file` (the URI), and nullptr returned.
  static std::unique_ptr<Identity> from_token(const TokenKey& token, const PassphraseSource& pin,
                                              const std::optional<SignerCertificates>& certificates,
                                              const SourceLoc& file, Diagnostics& diagnostics);

  /// The signer's certificate, described.
  [[nodiscard]] CertificateInfo certificate() const { return certificates_.certificate.describe(); }
  /// The signer's certificate.
  [[nodiscard]] const crypto::Certificate& signing_certificate() const { return certificates_.certificate; }
  /// The certificates that lead from it towards a root, as given.
  [[nodiscard]] const std::vector<crypto::Certificate>& chain() const { return certificates_.chain; }
  /// The certificate and the chain.
  [[nodiscard]] const SignerCertificates& certificates() const { return certificates_; }
  /// The private key (a file's, or a token's).
  [[nodiscard]] const crypto::PrivateKey& key() const { return key_; }

 private:
  Identity(crypto::PrivateKey key, SignerCertificates certificates)
      : key_(std::move(key)), certificates_(std::move(certificates)) {}

  crypto::PrivateKey key_;
  SignerCertificates certificates_;
};

}  // namespace vanban::sign
