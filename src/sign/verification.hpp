#pragma once
// Stage entry point: check every signature of a PDF: byte ranges, integrity, the CMS signature, the
// certificate chain against trusted roots, and what was appended after the last signature.

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
  Check integrity = Check::not_checked;  ///< the hash of the ranges matches the signed messageDigest
  Check signature = Check::not_checked;  ///< the CMS signature over the signed attributes verifies
  Check chain = Check::not_checked;      ///< the certificate chains to a trusted root (at the signing time)
  bool pades_baseline = false;           ///< ETSI.CAdES.detached with signingCertificateV2, no signing-time
  std::vector<Finding> problems;
  std::vector<Finding> warnings;

  /// Integrity, signature and the revision hold, and the chain did not fail.
  [[nodiscard]] bool valid() const;
};

struct VerificationReport {
  std::size_t file_size = 0;
  std::vector<SignatureReport> signatures;  ///< in the order they were applied
  std::size_t appended_bytes = 0;           ///< bytes after the end of the last signature's ranges
  std::size_t appended_revisions = 0;       ///< incremental updates among them
  std::vector<std::string> empty_fields;    ///< signature fields not signed yet

  /// Every signature is valid and the last one covers the whole file (and there is at least one).
  [[nodiscard]] bool all_valid() const;
};

/// Checks `pdf`. A file that cannot be read as a PDF is reported in `diagnostics` (nullopt); otherwise the
/// report says what holds, signature by signature.
std::optional<VerificationReport> verify_pdf(std::string_view pdf, const VerifyOptions& options, const SourceLoc& file,
                                             Diagnostics& diagnostics);

}  // namespace vanban::sign
