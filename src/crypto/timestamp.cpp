#include "crypto/timestamp.hpp"

#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ts.h>

#include <climits>
#include <cstring>

#include "crypto/handles.hpp"

namespace vanban::crypto {

namespace {

using TsReqPtr = std::unique_ptr<TS_REQ, Free<TS_REQ_free>>;
using TsRespPtr = std::unique_ptr<TS_RESP, Free<TS_RESP_free>>;
using TsVerifyPtr = std::unique_ptr<TS_VERIFY_CTX, Free<TS_VERIFY_CTX_free>>;
using TstInfoPtr = std::unique_ptr<TS_TST_INFO, Free<TS_TST_INFO_free>>;
using Pkcs7Ptr = std::unique_ptr<PKCS7, Free<PKCS7_free>>;
using IntegerPtr = std::unique_ptr<ASN1_INTEGER, Free<ASN1_INTEGER_free>>;
using AlgorPtr = std::unique_ptr<X509_ALGOR, Free<X509_ALGOR_free>>;
using ImprintPtr = std::unique_ptr<TS_MSG_IMPRINT, Free<TS_MSG_IMPRINT_free>>;

}  // namespace

Bytes timestamp_request(const Sha256Digest& imprint, std::string_view nonce) {
  const TsReqPtr request(TS_REQ_new());
  const ImprintPtr message(TS_MSG_IMPRINT_new());
  const AlgorPtr algorithm(X509_ALGOR_new());
  // The nonce as an INTEGER: through a BIGNUM, so that leading zero bytes are dropped (DER allows none).
  const std::unique_ptr<BIGNUM, Free<BN_free>> value(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(nonce.data()), static_cast<int>(nonce.size()), nullptr));
  const IntegerPtr number(value ? BN_to_ASN1_INTEGER(value.get(), nullptr) : nullptr);
  if (!request || !message || !algorithm || !number) fail("TS_REQ_new");
  if (X509_ALGOR_set0(algorithm.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr) != 1 ||
      TS_MSG_IMPRINT_set_algo(message.get(), algorithm.get()) != 1 ||
      TS_MSG_IMPRINT_set_msg(message.get(), const_cast<unsigned char*>(imprint.data()),
                             static_cast<int>(imprint.size())) != 1 ||
      TS_REQ_set_version(request.get(), 1) != 1 || TS_REQ_set_msg_imprint(request.get(), message.get()) != 1 ||
      TS_REQ_set_nonce(request.get(), number.get()) != 1 || TS_REQ_set_cert_req(request.get(), 1) != 1)
    fail("TS_REQ");
  return der_of(request.get(), i2d_TS_REQ, "i2d_TS_REQ");
}

TimestampAnswer read_timestamp_answer(std::string_view answer, std::string_view request) {
  TimestampAnswer out;
  const TsRespPtr response(decoded<TS_RESP, d2i_TS_RESP>(answer));
  const TsReqPtr sent(decoded<TS_REQ, d2i_TS_REQ>(request));
  if (!sent) fail("d2i_TS_REQ");
  if (!response) {
    ERR_clear_error();
    out.problem = TimestampProblem::unreadable;
    return out;
  }
  TS_STATUS_INFO* status = TS_RESP_get_status_info(response.get());
  const long code = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(status));
  if (code != TS_STATUS_GRANTED && code != TS_STATUS_GRANTED_WITH_MODS) {
    out.problem = TimestampProblem::rejected;
    out.detail = "status " + std::to_string(code);
    const STACK_OF(ASN1_UTF8STRING)* text = TS_STATUS_INFO_get0_text(status);
    for (int i = 0; text != nullptr && i < sk_ASN1_UTF8STRING_num(text); ++i) {
      const ASN1_UTF8STRING* line = sk_ASN1_UTF8STRING_value(text, i);
      out.detail += ": " + std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(line)),
                                       static_cast<std::size_t>(ASN1_STRING_length(line)));
    }
    return out;
  }
  auto token = encoded(TS_RESP_get_token(response.get()), i2d_PKCS7);
  if (!token) {
    ERR_clear_error();
    out.problem = TimestampProblem::unreadable;
    return out;
  }
  out.token = std::move(*token);
  // The token answers this request (version, imprint, nonce), and the TSA's signature over it holds.
  const TsVerifyPtr context(TS_REQ_to_TS_VERIFY_CTX(sent.get(), nullptr));
  if (!context) fail("TS_REQ_to_TS_VERIFY_CTX");
  const bool answers = TS_RESP_verify_response(context.get(), response.get()) == 1;
  if (!answers) out.detail = openssl_errors();
  const auto* info = TS_RESP_get_tst_info(response.get());
  out.time = info != nullptr ? unix_time(TS_TST_INFO_get_time(info)) : 0;
  const bool signed_ok = answers && [&] {
    // The data the token covers is its own TSTInfo: the signature check needs no outside content.
    const CmsPtr cms(decoded<CMS_ContentInfo, d2i_CMS_ContentInfo>(out.token));
    return cms && CMS_verify(cms.get(), nullptr, nullptr, nullptr, nullptr, CMS_NO_SIGNER_CERT_VERIFY) == 1;
  }();
  if (answers && !signed_ok) out.detail = "the TSA's signature does not verify: " + openssl_errors();
  ERR_clear_error();
  if (!answers || !signed_ok) {
    out.problem = TimestampProblem::mismatch;
    out.token.clear();
  }
  return out;
}

TimestampFindings check_timestamp(std::string_view token, std::string_view stamped, const TrustStore* trust) {
  TimestampFindings findings;
  const Pkcs7Ptr p7(decoded<PKCS7, d2i_PKCS7>(token));
  const TstInfoPtr info(p7 ? PKCS7_to_TS_TST_INFO(p7.get()) : nullptr);
  const CmsPtr cms(decoded<CMS_ContentInfo, d2i_CMS_ContentInfo>(token));
  if (!info || !cms) {
    ERR_clear_error();
    return findings;
  }
  findings.parsed = true;
  findings.time = unix_time(TS_TST_INFO_get_time(info.get()));

  // The imprint: the digest (with the token's algorithm) of what it stamps.
  TS_MSG_IMPRINT* imprint = TS_TST_INFO_get_msg_imprint(info.get());
  const X509_ALGOR* algorithm = TS_MSG_IMPRINT_get_algo(imprint);
  const ASN1_OBJECT* object = nullptr;
  X509_ALGOR_get0(&object, nullptr, nullptr, algorithm);
  const EVP_MD* md = object != nullptr ? EVP_get_digestbyobj(object) : nullptr;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  const ASN1_OCTET_STRING* message = TS_MSG_IMPRINT_get_msg(imprint);
  findings.imprint = md != nullptr && EVP_Digest(stamped.data(), stamped.size(), digest, &size, md, nullptr) == 1 &&
                             static_cast<unsigned>(ASN1_STRING_length(message)) == size &&
                             std::memcmp(ASN1_STRING_get0_data(message), digest, size) == 0
                         ? Check::passed
                         : Check::failed;

  // The TSA's signature over the TSTInfo, then its certificate.
  findings.signature = CMS_verify(cms.get(), nullptr, nullptr, nullptr, nullptr, CMS_NO_SIGNER_CERT_VERIFY) == 1
                           ? Check::passed
                           : Check::failed;
  ERR_clear_error();
  const CertStack included(CMS_get1_certs(cms.get()));
  STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms.get());
  X509* signer = nullptr;
  // CMS_verify has set the signer's certificate when it found it (the count returned counts only new ones).
  if (signers != nullptr && sk_CMS_SignerInfo_num(signers) == 1) {
    CMS_set1_signers_certs(cms.get(), nullptr, 0);
    CMS_SignerInfo_get0_algs(sk_CMS_SignerInfo_value(signers, 0), nullptr, &signer, nullptr, nullptr);
  }
  ERR_clear_error();
  if (signer == nullptr) {
    findings.signature = Check::failed;
    return findings;
  }
  const Certificate tsa = share_certificate(signer);
  findings.tsa = tsa.describe();
  findings.certificates.push_back(tsa);
  for (int i = 0; included && i < sk_X509_num(included.get()); ++i) {
    const Certificate certificate = share_certificate(sk_X509_value(included.get(), i));
    if (!certificate.same_as(tsa)) findings.certificates.push_back(certificate);
  }
  if (trust != nullptr && !trust->empty()) {
    const ChainVerdict verdict = trust->verify(tsa, findings.certificates, findings.time);
    findings.chain = verdict.valid && tsa.allows_timestamping() ? Check::passed : Check::failed;
    if (!verdict.valid) findings.chain_problem = verdict.problem;
    else if (findings.chain == Check::failed) findings.chain_problem = "không phải chứng thư cấp dấu thời gian";
  }
  return findings;
}

}  // namespace vanban::crypto
