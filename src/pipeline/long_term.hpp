#pragma once
// Signatures that outlive their certificates, for every front end: PAdES B-T (an RFC 3161 time-stamp over the
// signature, from the TSA the configuration names) and B-LT (the chain and the revocation data — CRLs or OCSP
// responses, given as files or fetched from the addresses the certificates name — kept in the document's DSS), so
// that verification proves years later, offline, that the certificate was valid when it signed.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"
#include "base/diagnostics.hpp"
#include "crypto/revocation.hpp"
#include "sign/identity.hpp"

namespace vanban::pipeline {

/// What B-T and B-LT need besides the signature.
struct LongTermRequest {
  std::string tsa_url;           ///< the TSA (http://)
  int timeout_seconds = 30;      ///< for each request to the TSA, a CRL distribution point or an OCSP responder
  std::vector<Bytes> anchors;    ///< trust anchors (PEM texts): the chain must reach one (B-LT)
  crypto::RevocationData given;  ///< revocation data given as files; the rest is fetched
};

/// A time-stamp token over `signature` from the TSA; nullopt with E0680 (no answer in time, a URL that cannot be used)
/// or E0681 (an answer that is not a time-stamp for this request: an error status, garbage, a refusal, a mismatch).
std::optional<Bytes> fetch_timestamp(const LongTermRequest& request, std::string_view signature, const SourceLoc& file,
                                     Diagnostics& diagnostics);

/// `signed_pdf`, whose last signature is `signer`'s `signature` time-stamped by `token`, with its validation data
/// added in a DSS: the paths of the signer's and the TSA's certificates and revocation data for each certificate of
/// the signer's path at the time-stamp's time. nullopt with E0682 (a certificate revoked), E0683 (no revocation data
/// for a certificate: none given, none fetched) or E0684 (no path to a trust anchor).
std::optional<Bytes> add_long_term_data(std::string_view signed_pdf, const sign::SignerCertificates& signer,
                                        std::string_view signature, std::string_view token,
                                        const LongTermRequest& request, const SourceLoc& file,
                                        Diagnostics& diagnostics);

}  // namespace vanban::pipeline
