#pragma once
// Whether a signature's certificate belongs to the signer the document names, the same for `sign` and `archive add`.

#include <optional>
#include <string>

#include "model/document_metadata.hpp"

namespace vanban::pipeline {

/// The W0619 message (Vietnamese, both names in it) when `holder` (the certificate's subject CN) is neither the signer
/// the document's metadata names (SignerInfo FullName: NFC, case and diacritics exact) nor its issuing agency
/// (OrganName, for the agency's seal: NFC, diacritics exact, its case aside); nullopt when it is one of them or the
/// document names no signer.
std::optional<std::string> signer_mismatch(const std::string& holder, const model::DocumentMetadata& metadata);

}  // namespace vanban::pipeline
