#pragma once
// RFC 3161 time-stamps (PAdES B-T: a signature-time-stamp over the signature value proves when it existed): the
// request to a time-stamping authority, its answer matched to the request, and a token checked again later.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"
#include "crypto/sha256.hpp"
#include "crypto/x509.hpp"

namespace vanban::crypto {

/// An RFC 3161 request (DER) for data whose SHA-256 is `imprint`, with `nonce` (random bytes: an old answer cannot be
/// replayed) and the TSA's certificate asked for.
Bytes timestamp_request(const Sha256Digest& imprint, std::string_view nonce);

/// Why a TSA's answer cannot be used.
enum class TimestampProblem {
  unreadable,  ///< not an RFC 3161 answer (garbage, an HTML page)
  rejected,    ///< the TSA refused (its status is neither granted nor granted with modifications)
  mismatch,    ///< a token for another request (imprint, nonce) or whose signature does not verify
};

/// A TSA's answer, read.
struct TimestampAnswer {
  std::optional<TimestampProblem> problem;
  std::string detail;     ///< the TSA's status text, or OpenSSL's reason (English)
  Bytes token;            ///< the TimeStampToken (DER ContentInfo) when usable
  std::int64_t time = 0;  ///< its genTime, Unix seconds
};

/// Reads `answer` (DER TimeStampResp) to `request` (what timestamp_request made).
TimestampAnswer read_timestamp_answer(std::string_view answer, std::string_view request);

/// What a time-stamp token proves about `stamped` (the signature value it covers).
struct TimestampFindings {
  bool parsed = false;                    ///< a SignedData holding a TSTInfo
  Check imprint = Check::not_checked;     ///< its message imprint is the digest of `stamped`
  Check signature = Check::not_checked;   ///< the TSA's signature over it verifies
  Check chain = Check::not_checked;       ///< the TSA's certificate (time-stamping usage) chains to a root at its time
  std::string chain_problem;              ///< why the chain failed: OpenSSL's reason (marked "OpenSSL: "), or vanban's
  std::int64_t time = 0;                  ///< genTime, Unix seconds
  std::optional<CertificateInfo> tsa;     ///< the TSA's certificate, described
  std::vector<Certificate> certificates;  ///< the certificates the token carries (the TSA's first)
};

/// Checks a time-stamp token over `stamped`; the TSA's chain against `trust` at the token's time (not checked when
/// `trust` is null or empty).
TimestampFindings check_timestamp(std::string_view token, std::string_view stamped, const TrustStore* trust);

}  // namespace vanban::crypto
