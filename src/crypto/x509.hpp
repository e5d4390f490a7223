#pragma once
// X.509 certificates behind an opaque handle: read from PEM or DER, described for people, their key usage and where
// their issuer publishes revocation data, the path to their issuer, and their chain verified at a given time against
// trusted roots.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"

namespace vanban::crypto {

/// The outcome of one check.
enum class Check { passed, failed, not_checked };

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

/// An X.509 certificate (immutable; copies share it).
class Certificate {
 public:
  struct Impl;
  /// For the crypto module's own use.
  explicit Certificate(std::shared_ptr<const Impl> impl);

  /// The certificate, described.
  [[nodiscard]] CertificateInfo describe() const;
  /// Whether its key usage (when it has one) allows signing documents (digitalSignature or nonRepudiation).
  [[nodiscard]] bool allows_signing() const;
  /// Whether its extended key usage allows time-stamping (RFC 3161 TSA certificates).
  [[nodiscard]] bool allows_timestamping() const;
  /// The largest signature its key makes, in bytes: room for a signature known before it is made (by a key
  /// here or elsewhere).
  [[nodiscard]] std::size_t max_signature_size() const;
  /// Whether `signature` is its key's SHA-256 signature of `data` (RSA PKCS#1 v1.5 or DER ECDSA), made elsewhere.
  [[nodiscard]] bool verifies_sha256(std::string_view data, std::string_view signature) const;
  /// Whether `issuer` issued it (names, key identifiers and the signature match).
  [[nodiscard]] bool issued_by(const Certificate& issuer) const;
  /// Whether it is self-signed (a root).
  [[nodiscard]] bool self_signed() const;
  /// The http:// addresses of its CRL distribution points, in order.
  [[nodiscard]] std::vector<std::string> crl_urls() const;
  /// The http:// addresses of its issuer's OCSP responders (Authority Information Access), in order.
  [[nodiscard]] std::vector<std::string> ocsp_urls() const;
  /// Its DER encoding.
  [[nodiscard]] Bytes der() const;
  /// Its PEM text ("BEGIN CERTIFICATE").
  [[nodiscard]] std::string pem() const;
  /// Whether it is the same certificate as `other` (the same DER).
  [[nodiscard]] bool same_as(const Certificate& other) const;
  /// For the crypto module's own use (the OpenSSL object).
  [[nodiscard]] const Impl& impl() const { return *impl_; }

 private:
  std::shared_ptr<const Impl> impl_;
};

/// Every certificate of a PEM text ("BEGIN CERTIFICATE" blocks), in order, or the one certificate of a DER file (a
/// .cer as CAs publish them); none when it holds none.
std::vector<Certificate> read_certificates(std::string_view text);

/// `leaf`, then its issuer, its issuer's issuer … as far as `candidates` hold them (a self-signed certificate ends the
/// path). The path is not trusted: TrustStore says whether it reaches a root.
std::vector<Certificate> issuer_path(const Certificate& leaf, const std::vector<Certificate>& candidates);

/// What a chain verification found.
struct ChainVerdict {
  bool valid = false;
  bool expired = false;           ///< failed because a certificate had expired at that time
  std::string problem;            ///< when not valid: "OpenSSL: " and its reason (English, marked as the library's)
  std::vector<Certificate> path;  ///< when valid: the leaf, its issuers, and the root
};

/// Trusted root certificates, read once and used for any number of verifications.
class TrustStore {
 public:
  /// The roots in `roots_pem` (PEM texts, each may hold several certificates, or DER files).
  explicit TrustStore(const std::vector<Bytes>& roots_pem);
  /// Whether it holds no root.
  [[nodiscard]] bool empty() const;
  ~TrustStore();
  TrustStore(const TrustStore&) = delete;
  TrustStore& operator=(const TrustStore&) = delete;

  /// Whether `leaf` chains to a root at `at` (Unix seconds), `intermediates` helping untrusted. Throws
  /// vanban::Error only when OpenSSL cannot set the check up.
  [[nodiscard]] ChainVerdict verify(const Certificate& leaf, const std::vector<Certificate>& intermediates,
                                    std::int64_t at) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vanban::crypto
