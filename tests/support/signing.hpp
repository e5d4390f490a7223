#pragma once
// The sign unit tests' fixtures: the test PKI's identities loaded once, a signing request at a fixed time, and
// signing and verifying through the module's API.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sign/signing.hpp"
#include "sign/verification.hpp"
#include "support/test_pki.hpp"

namespace vanban::sign::helpers {

/// The signing time of the tests, and the verification time a day later.
inline const Moment kSigningTime = *Moment::parse_iso("2026-07-01T14:41:19+07:00");
inline const Moment kLater = *Moment::parse_iso("2026-07-02T09:00:00+07:00");

/// A file of the test PKI, read.
inline std::string pki(const char* name) { return test::read_text(test::test_pki() / name); }

/// A passphrase source that has none.
inline PassphraseSource no_passphrase() {
  return [] { return std::optional<std::string>(); };
}

/// Loads a key and certificate of the test PKI; nullptr with the problems in `diagnostics`.
inline std::unique_ptr<Identity> load(const char* key, const char* cert, Diagnostics& diagnostics,
                                      const PassphraseSource& passphrase = no_passphrase()) {
  return Identity::from_pem(pki(key), pki(cert), "", passphrase, SourceLoc{make_file_name(key)},
                            SourceLoc{make_file_name(cert)}, diagnostics);
}

/// An identity of the test PKI, loaded once per test process.
inline const Identity& identity(const char* key, const char* cert) {
  static std::map<std::string, std::unique_ptr<Identity>> loaded;
  auto& slot = loaded[key];
  if (!slot) {
    Diagnostics diagnostics;
    slot = load(key, cert, diagnostics);
    if (!slot) throw std::runtime_error(diagnostics.to_string());
  }
  return *slot;
}
/// The officer (RSA), the agency (ECDSA) and a certificate that expired in 2021.
inline const Identity& officer() { return identity("officer.key", "officer.pem"); }
inline const Identity& agency() { return identity("agency.key", "agency.pem"); }
inline const Identity& expired() { return identity("expired.key", "expired.pem"); }

/// A signing request at kSigningTime with a reason and a location.
inline SignRequest request(Appearance appearance = Appearance::none) {
  SignRequest r;
  r.time = kSigningTime;
  r.appearance = appearance;
  r.reason = "Ký ban hành";
  r.location = "Quỳ Hợp, Nghệ An";
  return r;
}

/// Signs `pdf`, expecting success ("" otherwise).
inline Bytes sign(std::string_view pdf, const Identity& identity, const SignRequest& r) {
  Diagnostics diagnostics;
  auto out = sign_pdf(pdf, identity, r, nullptr, SourceLoc{make_file_name("in.pdf")}, diagnostics);
  EXPECT_TRUE(out.has_value()) << diagnostics.to_string();
  return out.value_or(Bytes());
}

/// Verification at kLater, the test root trusted unless `trust` is false.
inline VerifyOptions verify_options(bool trust = true) {
  VerifyOptions options;
  options.now = kLater;
  if (trust) options.trusted_roots_pem.push_back(pki("ca.pem"));
  return options;
}

/// Verifies `pdf`, expecting it to be readable as a PDF.
inline VerificationReport verify(std::string_view pdf, const VerifyOptions& options) {
  Diagnostics diagnostics;
  auto report = verify_pdf(pdf, options, SourceLoc{make_file_name("x.pdf")}, diagnostics);
  EXPECT_TRUE(report.has_value()) << diagnostics.to_string();
  return report.value_or(VerificationReport{});
}
inline VerificationReport verify(std::string_view pdf, bool trust = true) { return verify(pdf, verify_options(trust)); }

}  // namespace vanban::sign::helpers
