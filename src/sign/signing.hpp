#pragma once
// Stage entry point: sign a PDF (PAdES baseline: ETSI.CAdES.detached, SHA-256, signingCertificateV2, no signing-time
// attribute, the time in /M) by appending an incremental update; every original byte is kept. In two steps when the
// key is elsewhere: prepare (the update with the signature's room, holding the CMS still unsigned) and complete (the
// signature made elsewhere, and a time-stamp over it for B-T, embedded), one-step signing being the same two steps.

#include <cstddef>
#include <limits>
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
  bool timestamp_room = false;  ///< room for a time-stamp (B-T) in /Contents
  /// The largest PDF to sign that holds no signature yet, and one that holds some: larger is refused with E0608. The
  /// bytes between the two are kept for the signatures that follow a document at the first limit (a countersignature, a
  /// prepared signature completed).
  std::size_t max_unsigned_size = std::numeric_limits<std::size_t>::max();
  std::size_t max_signed_size = std::numeric_limits<std::size_t>::max();
};

/// A document prepared for a signature made elsewhere: the PDF with the signature's room (the CMS, unsigned, waiting
/// in /Contents) and what the signer's key signs (the DER signed attributes; its SHA-256 is what a token signs).
struct PreparedSignature {
  Bytes pdf;
  Bytes to_be_signed;
};

/// Prepares `pdf` for a signature by `signer` (the same checks, appearance and update as signing). Bad input as for
/// sign_pdf, reported in `diagnostics` with nullopt.
std::optional<PreparedSignature> prepare_signature(std::string_view pdf, const SignerCertificates& signer,
                                                   const SignRequest& request, const FontSource* fonts,
                                                   const SourceLoc& file, Diagnostics& diagnostics);

/// Signs what `prepared` asks for with `key`; nullopt with E0672 when the key's token fails (removed).
std::optional<Bytes> sign_prepared(const PreparedSignature& prepared, const crypto::PrivateKey& key,
                                   const SourceLoc& file, Diagnostics& diagnostics);

/// A prepared document read back: what its signer's key must sign, and the certificate it must sign with (and the
/// chain the signature carries).
struct PendingSignature {
  Bytes to_be_signed;
  SignerCertificates signer;
};

/// Reads a document prepare_signature made (its last signature's /Contents holds the unsigned CMS and reaches the end
/// of the file); nullopt with E0695 otherwise.
std::optional<PendingSignature> read_prepared(std::string_view prepared, const SourceLoc& file,
                                              Diagnostics& diagnostics);

/// Whether `signature` is the pending signature's: a SHA-256 signature of its to-be-signed data by its certificate's
/// key; false with E0696 otherwise.
bool signature_matches(const PendingSignature& pending, std::string_view signature, const SourceLoc& file,
                       Diagnostics& diagnostics);

/// complete_signature in place: `prepared` becomes the signed document (no second copy of a large file); false with
/// its diagnostics, `prepared` unchanged, when complete_signature would give nullopt.
bool complete_signature_in_place(Bytes& prepared, std::string_view signature, std::string_view timestamp,
                                 const SourceLoc& file, Diagnostics& diagnostics);

/// The signed document: `prepared` with the CMS completed by `signature` (over the pending to-be-signed, by the
/// pending certificate's key: E0696 otherwise) and `timestamp` (an RFC 3161 token over the signature, for B-T) when
/// not empty (E0697 when it does not fit the room prepared). Byte for byte what one-step signing gives for the same
/// key and time.
std::optional<Bytes> complete_signature(std::string_view prepared, std::string_view signature,
                                        std::string_view timestamp, const SourceLoc& file, Diagnostics& diagnostics);

/// The signed PDF (B-B): `pdf` followed by one incremental update; prepare, sign with the identity's key, complete.
/// Bad input (not a PDF, encrypted, damaged, an existing signature with a broken /ByteRange, an unusable image, no
/// place for the appearance, an expired certificate when rejected, a token that fails) is reported in `diagnostics`
/// with nullopt. `fonts` is needed only for the text block. Throws vanban::Error when OpenSSL or zlib fail on good
/// input.
std::optional<Bytes> sign_pdf(std::string_view pdf, const Identity& identity, const SignRequest& request,
                              const FontSource* fonts, const SourceLoc& file, Diagnostics& diagnostics);

}  // namespace vanban::sign
