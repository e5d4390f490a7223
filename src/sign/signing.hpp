#pragma once
// Stage entry point: sign a PDF (PAdES baseline B-B: ETSI.CAdES.detached, SHA-256, signingCertificateV2,
// no signing-time attribute, the time in /M) by appending an incremental update; every original byte is kept.

#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.hpp"
#include "base/diagnostics.hpp"
#include "sign/font_source.hpp"
#include "sign/identity.hpp"
#include "sign/time.hpp"

namespace vanban::sign {

/// The visible part of a signature (Nghị định 30/2020, Phụ lục I).
enum class Appearance {
  none,    ///< invisible (a zero-size widget)
  signer,  ///< the signer's signature image, between the title and the name (ô 7c)
  agency,  ///< the agency's seal image over the left third of the signer's image (ô 8); without an image,
           ///< a 10 pt text block at the top right of page 1 (attachments): số/ký hiệu and the signing time
};

/// What to do when the certificate is not valid at the signing time.
enum class ExpiredCertificate { reject, warn };

struct SignRequest {
  Moment time;             ///< read once by the front end; goes into /M
  std::string field_name;  ///< "" → "signer"/"agency" per appearance, else "Signature<n>"
  std::string reason;
  std::string location;
  Appearance appearance = Appearance::none;
  std::optional<Bytes> image;   ///< PNG (signature or seal); transparency becomes a stencil mask
  std::string document_number;  ///< số/ký hiệu shown in the attachment text block
  ExpiredCertificate expired = ExpiredCertificate::reject;
};

/// The signed PDF: `pdf` followed by one incremental update. Bad input (not a PDF, encrypted, damaged,
/// an existing signature with a broken /ByteRange, an unusable image, no place for the appearance, an
/// expired certificate when rejected) is reported in `diagnostics` with nullopt. `fonts` is needed only for
/// the text block. Throws vanban::Error when OpenSSL or zlib fail on good input.
std::optional<Bytes> sign_pdf(std::string_view pdf, const Identity& identity, const SignRequest& request,
                              const FontSource* fonts, const SourceLoc& file, Diagnostics& diagnostics);

}  // namespace vanban::sign
