#pragma once
// Accepting a document signed elsewhere, the same for every front end: the government's desktop signing tool (VGCA
// Sign Service) downloads the draft the service gives it, signs it with the officer's token and sends the signed PDF
// back. It is accepted only as the same document with signatures appended — an incremental update over the exact
// bytes of the draft that adds signatures (and validation data) and changes nothing else —, every signature holding,
// each new one made with a certificate expected.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"
#include "base/diagnostics.hpp"
#include "pipeline/verification.hpp"
#include "sign/verification.hpp"

namespace vanban::pipeline {

/// What the signed document is checked against besides its draft.
struct AcceptanceRequest {
  sign::VerifyOptions verify;           ///< trust anchors and the clock
  std::vector<Bytes> expected_signers;  ///< certificate files (PEM or DER); none: any signer
};

/// Accepts `signed_pdf` (named `file`) as `draft` signed elsewhere; its verification when accepted. nullopt with
/// diagnostics otherwise: E0690 it does not start with the draft's bytes (another document, or the draft changed
/// before signing), E0691 its updates change more than signatures, E0692 no signature was added, E0693 a new
/// signature made with another certificate than expected, E0694 a signature that does not hold (the verdict's
/// E0641/E0642 follow).
std::optional<Verification> accept_signed_document(std::string_view signed_pdf, const std::string& file,
                                                   std::string_view draft, const AcceptanceRequest& request,
                                                   Diagnostics& diagnostics);

}  // namespace vanban::pipeline
