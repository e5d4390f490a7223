#pragma once
// Verifying a signed PDF, the same for every front end: sign's report on each signature, and the verdict on the
// whole file (the one rule for "this document holds").

#include <optional>
#include <string_view>

#include "base/diagnostics.hpp"
#include "sign/verification.hpp"

namespace vanban::pipeline {

/// A verified PDF: what sign found, signature by signature, and the verdict.
struct Verification {
  sign::VerificationReport report;
  /// Why the file does not hold, empty when it does: E0640 no signature, E0641 a signature not valid (with its
  /// coded problems), E0642 bytes appended after the last signature.
  Diagnostics verdict;
  [[nodiscard]] bool holds() const { return !verdict.has_errors(); }
};

/// Verifies `pdf`; nullopt (reported against `file`) when it cannot be read as a PDF.
std::optional<Verification> verify_document(std::string_view pdf, const sign::VerifyOptions& options,
                                            const SourceLoc& file, Diagnostics& diagnostics);

}  // namespace vanban::pipeline
