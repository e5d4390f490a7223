#pragma once
// Validation data for PAdES B-LT: the certificates, CRLs and OCSP responses that prove, long after, that a signer's
// certificate was valid when it signed, kept in the document's Document Security Store (/DSS in the catalog, ISO
// 32000-2 §12.8.4.3) by an incremental update after the signature.

#include <optional>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"
#include "base/diagnostics.hpp"
#include "crypto/revocation.hpp"
#include "crypto/x509.hpp"
#include "pdfobj/pdf_file.hpp"

namespace vanban::sign {

/// What a DSS holds.
struct ValidationData {
  std::vector<crypto::Certificate> certificates;
  crypto::RevocationData revocation;
  /// Whether it holds nothing.
  [[nodiscard]] bool empty() const;
};

/// The validation data of the DSS the newest revision's catalog names; empty without one.
ValidationData read_validation_data(const pdfobj::PdfFile& file);

/// `pdf` with `data` added to its DSS by an incremental update: what an earlier DSS holds is kept, nothing already
/// there is written twice. nullopt with diagnostics (E0600–E0603) when `pdf` cannot be read.
std::optional<Bytes> add_validation_data(std::string_view pdf, const ValidationData& data, const SourceLoc& file,
                                         Diagnostics& diagnostics);

}  // namespace vanban::sign
