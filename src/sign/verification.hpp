#pragma once
// Stage entry point: check every signature of a PDF: byte ranges, integrity, the CMS signature, its time-stamp, the
// certificate chain against trusted roots at the time proven (else claimed), its revocation from the document's
// validation data, the PAdES level reached, and what was appended after the last signature (validation data apart).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"
#include "base/diagnostics.hpp"
#include "crypto/cms.hpp"
#include "sign/identity.hpp"
#include "sign/time.hpp"

namespace vanban::sign {

/// The outcome of one check.
using Check = crypto::Check;

struct VerifyOptions {
  std::vector<Bytes> trusted_roots_pem;  ///< PEM texts of trusted certificates (each may hold several)
  Moment now;                            ///< read once by the front end
};

/// The code of the problem "the certificate does not chain to a trusted root": a front end that weighs
/// anchoring itself (the archive) leaves it out by this code.
inline constexpr std::string_view kUntrustedChain = "E0654";

/// One signature as found and checked. Each problem and warning carries a stable code (E0643–E0655,
/// W0656–W0661; tests/unit/verification_branches.md) and a Vietnamese message.
struct SignatureReport {
  std::string field_name;
  std::string sub_filter;  ///< "ETSI.CAdES.detached", "adbe.pkcs7.detached", …
  std::optional<CertificateInfo> signer;
  std::optional<Moment> time;  ///< /M, else the CMS signing-time attribute
  std::string reason;
  std::string location;
  std::size_t signed_end = 0;    ///< where the signed ranges end (the revision's end)
  bool covers_revision = false;  ///< the ranges end at a %%EOF and leave out only /Contents
  bool covers_whole_file = false;
  Check integrity = Check::not_checked;   ///< the hash of the ranges matches the signed messageDigest
  Check signature = Check::not_checked;   ///< the CMS signature over the signed attributes verifies
  Check chain = Check::not_checked;       ///< the certificate chains to a trusted root (at the signing time)
  bool pades_baseline = false;            ///< ETSI.CAdES.detached with signingCertificateV2, no signing-time
  std::optional<Moment> timestamp;        ///< the signature-time-stamp's time, when the time-stamp holds
  std::optional<CertificateInfo> tsa;     ///< the time-stamping authority's certificate
  Check revocation = Check::not_checked;  ///< from the document's validation data (see crypto::CmsFindings)
  /// The PAdES baseline level reached: "B-B"; "B-T" with a time-stamp that holds; "B-LT" when the document's
  /// validation data also shows every certificate of the path good at that time; "" when not PAdES baseline.
  std::string level;
  std::vector<Finding> problems;
  std::vector<Finding> warnings;

  /// Integrity, signature and the revision hold, and the chain did not fail.
  [[nodiscard]] bool valid() const;
};

struct VerificationReport {
  std::size_t file_size = 0;
  std::vector<SignatureReport> signatures;  ///< in the order they were applied
  std::size_t appended_bytes = 0;           ///< bytes after the last signature's ranges (validation data apart)
  std::size_t appended_revisions = 0;       ///< incremental updates among them
  std::size_t validation_bytes = 0;         ///< bytes after the last signature that only add validation data (DSS)
  std::size_t validation_revisions = 0;     ///< incremental updates among them
  bool has_validation_data = false;         ///< the document has a DSS
  std::vector<std::string> empty_fields;    ///< signature fields not signed yet

  /// Every signature is valid and the last one covers the whole file (and there is at least one).
  [[nodiscard]] bool all_valid() const;
};

/// The changes `signed_pdf` makes to `draft` (the bytes it starts with) beyond signatures in new or empty signature
/// fields and validation data, described for people (Vietnamese); nullopt (reported, E0600–E0603) when either cannot
/// be read as a PDF.
std::optional<std::vector<std::string>> changes_beyond_signatures(std::string_view draft, std::string_view signed_pdf,
                                                                  const SourceLoc& file, Diagnostics& diagnostics);

/// Checks `pdf`. A file that cannot be read as a PDF is reported in `diagnostics` (nullopt); otherwise the
/// report says what holds, signature by signature.
std::optional<VerificationReport> verify_pdf(std::string_view pdf, const VerifyOptions& options, const SourceLoc& file,
                                             Diagnostics& diagnostics);

}  // namespace vanban::sign
