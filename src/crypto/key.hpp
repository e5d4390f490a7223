#pragma once
// Private keys behind an opaque handle, loaded from PEM (possibly encrypted) or PKCS#12, or kept on a PKCS#11 token
// (crypto/token.hpp): whatever backs a PrivateKey, it signs the same way. Key material is never printed, logged or
// copied into messages.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"
#include "crypto/x509.hpp"

namespace vanban::crypto {

/// Supplies a passphrase when a key or PKCS#12 file needs one: from an environment variable or an
/// interactive prompt, decided by the front end. Returns nullopt when none can be had.
using PassphraseSource = std::function<std::optional<std::string>()>;

/// Why a key could not be loaded.
enum class KeyProblem {
  unreadable,          ///< not a key (PEM) or not a PKCS#12 file
  passphrase_missing,  ///< encrypted, and the source had no passphrase
  passphrase_wrong,    ///< encrypted, and the passphrase does not open it
  incomplete,          ///< a PKCS#12 file without a usable key and certificate
};

/// A private key that can sign.
class PrivateKey {
 public:
  enum class Algorithm { rsa, ecdsa, other };
  struct Impl;
  /// For the crypto module's own use.
  explicit PrivateKey(std::shared_ptr<const Impl> impl);

  [[nodiscard]] Algorithm algorithm() const;
  /// Whether `certificate` holds this key's public half.
  [[nodiscard]] bool matches(const Certificate& certificate) const;
  /// Signs `data` with SHA-256 (RSA PKCS#1 v1.5, or a DER ECDSA signature); nullopt when the key's token fails
  /// (removed, its session closed). Throws vanban::Error when OpenSSL fails with a key in memory.
  [[nodiscard]] std::optional<Bytes> sign_sha256(std::string_view data) const;
  /// Whether the key stays on a PKCS#11 token.
  [[nodiscard]] bool on_token() const;
  /// For the crypto module's own use (the OpenSSL object).
  [[nodiscard]] const Impl& impl() const { return *impl_; }

 private:
  std::shared_ptr<const Impl> impl_;
};

/// Reads a PEM private key, asking `passphrase` (at most once) when it is encrypted; nullopt with `problem` set
/// otherwise.
std::optional<PrivateKey> read_private_key(std::string_view pem, const PassphraseSource& passphrase,
                                           KeyProblem& problem);

/// What a PKCS#12 file holds for signing.
struct Pkcs12Contents {
  PrivateKey key;
  Certificate certificate;
  std::vector<Certificate> chain;
};

/// Reads a PKCS#12 file (.p12/.pfx), asking `passphrase` (at most once) when it has one, including files
/// encrypted with the legacy RC2/3DES of older tools; nullopt with `problem` set otherwise.
std::optional<Pkcs12Contents> read_pkcs12(std::string_view der, const PassphraseSource& passphrase,
                                          KeyProblem& problem);

}  // namespace vanban::crypto
