#pragma once
// Internal to sign: everything that touches OpenSSL 3 — keys and certificates, the PAdES CMS, its check.

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"
#include "sign/identity.hpp"
#include "sign/verification.hpp"

namespace vanban::sign {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

struct Identity::Impl {
  PkeyPtr key;
  X509Ptr certificate;
  std::vector<X509Ptr> chain;
};

/// Describes a certificate.
CertificateInfo describe(const X509* certificate);

/// Whether the certificate's key usage (when it has one) allows signing documents.
bool allows_signing(const X509* certificate);

/// A detached PAdES baseline B-B CMS over `content`: SHA-256, signingCertificateV2, the chain included,
/// no signing-time attribute. Throws vanban::Error when OpenSSL fails.
Bytes make_cms(const Identity::Impl& identity, std::string_view content);

/// What the CMS of one signature says about itself.
struct CmsFindings {
  bool parsed = false;                   ///< a SignedData with one signer whose certificate is included
  std::optional<CertificateInfo> signer;
  Check integrity = Check::not_checked;  ///< messageDigest matches the content
  Check signature = Check::not_checked;  ///< the signature over the signed attributes verifies
  Check chain = Check::not_checked;
  std::string chain_problem;             ///< OpenSSL's reason, English
  bool expired_now = false;              ///< the chain holds at the signing time but not now
  std::optional<std::int64_t> signing_time;  ///< the signing-time attribute, when present
  bool signing_certificate_v2 = false;
  std::string digest;                    ///< "SHA256", …
};

/// Checks `der` (a CMS SignedData) against the detached `content`; the chain is checked at `at` (Unix
/// seconds) against `roots` (PEM texts; none → not checked) and again at `now`.
CmsFindings check_cms(std::string_view der, std::string_view content, const std::vector<Bytes>& roots,
                      std::int64_t at, std::int64_t now);

/// The length of the DER element at the start of `der` (tag, length and contents), or 0 when malformed.
std::size_t der_length(std::string_view der);

}  // namespace vanban::sign
