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
  /// Why the file does not hold, no error when it does: E0640 no signature, E0641 a signature not valid (with its
  /// coded problems), E0638 an unsigned update between two signatures that changes what PAdES does not allow (its
  /// E0667 findings), E0642 bytes appended after the last signature; W0639 when it holds but a signer is unknown.
  Diagnostics verdict;
  /// Every signature is intact and nothing but validation data follows the last: the bytes are as signed.
  [[nodiscard]] bool holds() const { return !verdict.has_errors(); }
  /// It holds and every certificate chains to a trust anchor: who signed is known, not only that the bytes are
  /// as someone signed them (a certificate anyone can make; without trust anchors no signer is known).
  [[nodiscard]] bool signer_known() const;
};

/// Verifies `pdf`; nullopt (reported against `file`) when it cannot be read as a PDF.
std::optional<Verification> verify_document(std::string_view pdf, const sign::VerifyOptions& options,
                                            const SourceLoc& file, Diagnostics& diagnostics);

}  // namespace vanban::pipeline
