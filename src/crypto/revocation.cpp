#include "crypto/revocation.hpp"

#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <climits>

#include "crypto/handles.hpp"

namespace vanban::crypto {

namespace {

using CrlPtr = std::unique_ptr<X509_CRL, Free<X509_CRL_free>>;
using OcspResponsePtr = std::unique_ptr<OCSP_RESPONSE, Free<OCSP_RESPONSE_free>>;
using OcspBasicPtr = std::unique_ptr<OCSP_BASICRESP, Free<OCSP_BASICRESP_free>>;
using OcspIdPtr = std::unique_ptr<OCSP_CERTID, Free<OCSP_CERTID_free>>;
using OcspRequestPtr = std::unique_ptr<OCSP_REQUEST, Free<OCSP_REQUEST_free>>;

CrlPtr crl_from_der(std::string_view der) { return CrlPtr(decoded<X509_CRL, d2i_X509_CRL>(der)); }

OcspBasicPtr basic_response(std::string_view der) {
  const OcspResponsePtr response(decoded<OCSP_RESPONSE, d2i_OCSP_RESPONSE>(der));
  if (!response || OCSP_response_status(response.get()) != OCSP_RESPONSE_STATUS_SUCCESSFUL) return nullptr;
  return OcspBasicPtr(OCSP_response_get1_basic(response.get()));
}

bool current(const ASN1_TIME* next_update, std::int64_t at) {
  return next_update == nullptr || unix_time(next_update) >= at;
}

// Folds one covering item into the status: a revocation decides (the earliest), else the freshest good.
void take(RevocationStatus& status, Revocation state, std::int64_t revoked_at, std::int64_t issued_at) {
  if (state == Revocation::revoked) {
    if (status.state != Revocation::revoked || revoked_at < status.revoked_at)
      status = {Revocation::revoked, revoked_at, issued_at};
  } else if (state == Revocation::good && status.state != Revocation::revoked &&
             (status.state == Revocation::unknown || issued_at > status.issued_at)) {
    status = {Revocation::good, 0, issued_at};
  }
}

void from_crl(const X509_CRL* crl, X509* certificate, X509* issuer, std::int64_t at, RevocationStatus& status) {
  if (X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_subject_name(issuer)) != 0 ||
      X509_CRL_verify(const_cast<X509_CRL*>(crl), X509_get0_pubkey(issuer)) != 1 ||
      !current(X509_CRL_get0_nextUpdate(crl), at))
    return;
  const std::int64_t issued = unix_time(X509_CRL_get0_lastUpdate(crl));
  X509_REVOKED* entry = nullptr;
  if (X509_CRL_get0_by_cert(const_cast<X509_CRL*>(crl), &entry, certificate) == 1 && entry != nullptr)
    take(status, Revocation::revoked, unix_time(X509_REVOKED_get0_revocationDate(entry)), issued);
  else take(status, Revocation::good, 0, issued);
}

// The responder must be the issuer, or a certificate the issuer gave the OCSP-signing usage.
bool responder_signed(OCSP_BASICRESP* basic, X509* issuer) {
  const CertList extra(sk_X509_new_null());
  if (!extra || sk_X509_push(extra.get(), issuer) <= 0) fail("sk_X509_push");
  X509* signer = nullptr;
  if (OCSP_resp_get0_signer(basic, &signer, extra.get()) != 1 || signer == nullptr) return false;
  if (X509_cmp(signer, issuer) != 0) {
    const bool delegated = X509_check_issued(issuer, signer) == X509_V_OK &&
                           X509_verify(signer, X509_get0_pubkey(issuer)) == 1 &&
                           (X509_get_extended_key_usage(signer) & XKU_OCSP_SIGN) != 0;
    if (!delegated) return false;
  }
  const CertList signers(sk_X509_new_null());
  if (!signers || sk_X509_push(signers.get(), signer) <= 0) fail("sk_X509_push");
  // The signer was decided above; OpenSSL checks the signature only.
  return OCSP_basic_verify(basic, signers.get(), nullptr, OCSP_NOVERIFY | OCSP_TRUSTOTHER | OCSP_NOINTERN) == 1;
}

void from_ocsp(OCSP_BASICRESP* basic, X509* certificate, X509* issuer, std::int64_t at, RevocationStatus& status) {
  if (!responder_signed(basic, issuer)) return;
  for (const EVP_MD* md : {EVP_sha1(), EVP_sha256()}) {
    const OcspIdPtr id(OCSP_cert_to_id(md, certificate, issuer));
    int state = 0;
    int reason = 0;
    ASN1_GENERALIZEDTIME* revoked = nullptr;
    ASN1_GENERALIZEDTIME* this_update = nullptr;
    ASN1_GENERALIZEDTIME* next_update = nullptr;
    if (!id || OCSP_resp_find_status(basic, id.get(), &state, &reason, &revoked, &this_update, &next_update) != 1)
      continue;
    if (!current(next_update, at)) return;
    const std::int64_t issued = unix_time(this_update);
    if (state == V_OCSP_CERTSTATUS_REVOKED) take(status, Revocation::revoked, unix_time(revoked), issued);
    else if (state == V_OCSP_CERTSTATUS_GOOD) take(status, Revocation::good, 0, issued);
    return;
  }
}

}  // namespace

std::optional<Bytes> read_crl(std::string_view text) {
  CrlPtr crl;
  {
    const BioPtr bio = memory_bio(text);
    crl.reset(PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
  }
  if (!crl) crl = crl_from_der(text);
  ERR_clear_error();
  if (!crl) return std::nullopt;
  return der_of(crl.get(), i2d_X509_CRL, "i2d_X509_CRL");
}

bool is_ocsp_response(std::string_view der) {
  const bool basic = basic_response(der) != nullptr;
  ERR_clear_error();
  return basic;
}

RevocationStatus revocation_status(const Certificate& certificate, const Certificate& issuer,
                                   const RevocationData& data, std::int64_t at) {
  RevocationStatus status;
  X509* subject = certificate.impl().x509.get();
  X509* signer = issuer.impl().x509.get();
  for (const auto& der : data.crls)
    if (const CrlPtr crl = crl_from_der(der)) from_crl(crl.get(), subject, signer, at, status);
  for (const auto& der : data.ocsp_responses)
    if (const OcspBasicPtr basic = basic_response(der)) from_ocsp(basic.get(), subject, signer, at, status);
  ERR_clear_error();
  return status;
}

Bytes ocsp_request(const Certificate& certificate, const Certificate& issuer) {
  const OcspRequestPtr request(OCSP_REQUEST_new());
  OCSP_CERTID* id = OCSP_cert_to_id(nullptr, certificate.impl().x509.get(), issuer.impl().x509.get());
  if (!request || id == nullptr || OCSP_request_add0_id(request.get(), id) == nullptr) {
    OCSP_CERTID_free(id);
    fail("OCSP_request_add0_id");
  }
  return der_of(request.get(), i2d_OCSP_REQUEST, "i2d_OCSP_REQUEST");
}

}  // namespace vanban::crypto
