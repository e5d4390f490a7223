#pragma once
// CMS for PAdES: a detached baseline SignedData made in two separable steps — the signed attributes to be signed,
// then a signature over them embedded (made by a PrivateKey here or on a token, or by another machine), with a
// signature-time-stamp when there is one (B-T) — and the check of one: integrity, signature, time-stamp, the
// certificate's chain at the time proven (or claimed), and its revocation status from validation data (B-LT).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"
#include "crypto/revocation.hpp"
#include "crypto/sha256.hpp"
#include "crypto/timestamp.hpp"
#include "crypto/x509.hpp"

namespace vanban::crypto {

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
  /// The DER ContentInfo with `signature` (over to_be_signed()) embedded, and `timestamp` (an RFC 3161 token over
  /// the signature) as its signature-time-stamp attribute when not empty; may be called again with others.
  [[nodiscard]] Bytes finish(std::string_view signature, std::string_view timestamp = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The signer's certificate and the others a CMS SignedData carries.
struct CmsCertificates {
  Certificate signer;
  std::vector<Certificate> others;
};

/// The certificates of a CMS SignedData with one signer whose certificate it carries; nullopt otherwise.
std::optional<CmsCertificates> cms_certificates(std::string_view der);

/// The signature value of a CMS SignedData's one signer (what a signature-time-stamp covers); nullopt otherwise.
std::optional<Bytes> cms_signature_value(std::string_view der);

/// What a CMS is checked against.
struct CmsCheck {
  std::vector<Bytes> roots;                    ///< trusted roots (PEM texts or DER); none → chains not checked
  std::int64_t claimed_at = 0;                 ///< the signing time the document claims, Unix seconds
  std::int64_t now = 0;                        ///< the verification time
  std::vector<Certificate> more;               ///< more certificates for the paths (a DSS's)
  const RevocationData* revocation = nullptr;  ///< validation data (a DSS's); null → revocation not checked
};

/// What the CMS of one signature says about itself.
struct CmsFindings {
  bool parsed = false;  ///< a SignedData with one signer whose certificate is included
  std::optional<CertificateInfo> signer;
  Check integrity = Check::not_checked;  ///< messageDigest matches the content
  Check signature = Check::not_checked;  ///< the signature over the signed attributes verifies
  Check chain = Check::not_checked;
  std::string chain_problem;                 ///< why the chain failed: OpenSSL's reason, marked "OpenSSL: "
  bool expired_now = false;                  ///< the chain holds at the signing time but not now
  std::optional<std::int64_t> signing_time;  ///< the signing-time attribute, when present
  bool signing_certificate_v2 = false;
  std::string digest;                          ///< "SHA256", …
  std::optional<TimestampFindings> timestamp;  ///< the signature-time-stamp, when there is one
  bool time_proven = false;       ///< the time-stamp holds (imprint, signature, and its chain unless it failed)
  std::int64_t checked_at = 0;    ///< when the certificate is checked: the time-stamp's time when proven, else claimed
  std::vector<Certificate> path;  ///< the signer's certificate and its issuers (the trusted path when the chain passed)
  /// Every certificate of the path but its root has validation data current at checked_at saying it was good then
  /// (failed: one was revoked before, or after without a proven time; not_checked: no data, or some not covered).
  Check revocation = Check::not_checked;
  std::int64_t revoked_at = 0;  ///< when failed: the revocation's time
  std::string revoked;          ///< when failed: the revoked certificate's common name
  std::string not_covered;      ///< the first certificate of the path that no validation data covers
};

/// Checks `der` (a CMS SignedData) against the detached `content`: the time-stamp against the signature value, then
/// the chain at the time proven (else claimed) against the roots and again at `now`, then revocation.
CmsFindings check_cms(std::string_view der, std::string_view content, const CmsCheck& check);

/// The length of the DER element at the start of `der` (tag, length and contents); all of `der` when the element has
/// an indefinite length (BER, as NSS writes a CMS); 0 when malformed.
std::size_t der_length(std::string_view der);

}  // namespace vanban::crypto
