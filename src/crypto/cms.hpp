#pragma once
// CMS for PAdES: a detached baseline B-B SignedData made in two separable steps — the signed attributes to be
// signed, then a signature over them embedded (made by a PrivateKey here, or by a token or another machine
// later) — and the check of one.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"
#include "crypto/sha256.hpp"
#include "crypto/x509.hpp"

namespace vanban::crypto {

/// The outcome of one check.
enum class Check { passed, failed, not_checked };

/// A detached PAdES baseline B-B CMS SignedData being made: SHA-256, content type, message digest and ESS
/// signingCertificateV2 as signed attributes (no signing-time: ETSI EN 319 142-1 forbids it), the signer's
/// certificate and chain included.
class PadesCms {
 public:
  /// The signed attributes for content whose SHA-256 is `content_digest`. Throws vanban::Error when OpenSSL fails.
  PadesCms(const Certificate& signer, const std::vector<Certificate>& chain, const Sha256Digest& content_digest);
  ~PadesCms();
  PadesCms(const PadesCms&) = delete;
  PadesCms& operator=(const PadesCms&) = delete;

  /// What the signer's key signs: the DER SET OF the signed attributes (signed with SHA-256: RSA PKCS#1 v1.5 or
  /// ECDSA, as PrivateKey::sign_sha256 does).
  [[nodiscard]] const Bytes& to_be_signed() const;
  /// The DER ContentInfo with `signature` (over to_be_signed()) embedded; may be called again with another one.
  [[nodiscard]] Bytes finish(std::string_view signature);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// What the CMS of one signature says about itself.
struct CmsFindings {
  bool parsed = false;  ///< a SignedData with one signer whose certificate is included
  std::optional<CertificateInfo> signer;
  Check integrity = Check::not_checked;  ///< messageDigest matches the content
  Check signature = Check::not_checked;  ///< the signature over the signed attributes verifies
  Check chain = Check::not_checked;
  std::string chain_problem;                 ///< OpenSSL's reason, English
  bool expired_now = false;                  ///< the chain holds at the signing time but not now
  std::optional<std::int64_t> signing_time;  ///< the signing-time attribute, when present
  bool signing_certificate_v2 = false;
  std::string digest;  ///< "SHA256", …
};

/// Checks `der` (a CMS SignedData) against the detached `content`; the chain is checked at `at` (Unix
/// seconds) against `roots` (PEM texts; none → not checked) and again at `now`.
CmsFindings check_cms(std::string_view der, std::string_view content, const std::vector<Bytes>& roots, std::int64_t at,
                      std::int64_t now);

/// The length of the DER element at the start of `der` (tag, length and contents), or 0 when malformed.
std::size_t der_length(std::string_view der);

}  // namespace vanban::crypto
