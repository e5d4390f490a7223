#pragma once
// Revocation data (PAdES B-LT): CRLs and OCSP responses read, checked against the issuer that signed them, and asked
// what they say about a certificate at a given time; OCSP requests for fetching them.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"
#include "crypto/x509.hpp"

namespace vanban::crypto {

/// CRLs and OCSP responses (DER), as a DSS holds them or files gave them.
struct RevocationData {
  std::vector<Bytes> crls;
  std::vector<Bytes> ocsp_responses;
};

/// A CRL file (PEM or DER) as DER; nullopt when it is not a CRL.
std::optional<Bytes> read_crl(std::string_view text);
/// Whether `der` is a successful OCSP response holding a basic response.
bool is_ocsp_response(std::string_view der);

/// What revocation data says about a certificate.
enum class Revocation {
  unknown,  ///< nothing current signed by its issuer covers it
  good,
  revoked,
};

/// A certificate's status, and the item that decided it.
struct RevocationStatus {
  Revocation state = Revocation::unknown;
  std::int64_t revoked_at = 0;  ///< when revoked, Unix seconds
  std::int64_t issued_at = 0;   ///< when the deciding CRL or OCSP response was issued (thisUpdate)
};

/// The status of `certificate` according to the CRLs `issuer` signed and the OCSP responses signed by `issuer` or by a
/// responder it authorised, among those still current at `at` (their next update not before it). A revocation in any
/// of them decides; otherwise the freshest says good, or nothing covers it (unknown).
RevocationStatus revocation_status(const Certificate& certificate, const Certificate& issuer,
                                   const RevocationData& data, std::int64_t at);

/// An OCSP request (DER) for `certificate` issued by `issuer`: a SHA-1 CertID, as responders expect, and no nonce.
Bytes ocsp_request(const Certificate& certificate, const Certificate& issuer);

}  // namespace vanban::crypto
