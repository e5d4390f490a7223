#include "crypto/cms.hpp"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <climits>
#include <cstring>

#include "crypto/handles.hpp"

namespace vanban::crypto {

namespace {

using CmsPtr = std::unique_ptr<CMS_ContentInfo, Free<CMS_ContentInfo_free>>;

// DER length octets.
std::string der_length_octets(std::size_t length) {
  std::string out;
  if (length < 0x80) {
    out += static_cast<char>(length);
    return out;
  }
  std::string bytes;
  for (std::size_t v = length; v > 0; v >>= 8U) bytes.insert(bytes.begin(), static_cast<char>(v & 0xFFU));
  out += static_cast<char>(0x80U | bytes.size());
  return out + bytes;
}

// The signed attributes as the signature covers them: a DER SET OF, its elements in DER order.
Bytes signed_attributes(CMS_SignerInfo* signer) {
  std::vector<std::string> attributes;
  for (int i = 0; i < CMS_signed_get_attr_count(signer); ++i) {
    unsigned char* der = nullptr;
    const int size = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(signer, i), &der);
    if (size <= 0) fail("i2d_X509_ATTRIBUTE");
    attributes.emplace_back(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);
  }
  std::sort(attributes.begin(), attributes.end(), [](const std::string& a, const std::string& b) {
    const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
    return c != 0 ? c < 0 : a.size() < b.size();
  });
  std::string body;
  for (const auto& attribute : attributes) body += attribute;
  return "\x31" + der_length_octets(body.size()) + body;
}

}  // namespace

// ---- making the CMS ---------------------------------------------------------------------------------

struct PadesCms::Impl {
  CmsPtr cms;
  CMS_SignerInfo* signer = nullptr;  ///< owned by cms
  Bytes to_be_signed;
};

PadesCms::PadesCms(const Certificate& signer, const std::vector<Certificate>& chain, const Sha256Digest& content_digest)
    : impl_(std::make_unique<Impl>()) {
  const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP;
  impl_->cms.reset(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags | CMS_PARTIAL));
  if (!impl_->cms) fail("CMS_sign");
  // The signer is added with its certificate's public key: the private key is needed only for the signature,
  // which may be made elsewhere (two-phase signing, a key on a token). CMS_CADES with a SHA-2 digest adds ESS
  // signingCertificateV2.
  X509* certificate = signer.impl().x509.get();
  impl_->signer =
      CMS_add1_signer(impl_->cms.get(), certificate, X509_get0_pubkey(certificate), EVP_sha256(), flags | CMS_CADES);
  if (impl_->signer == nullptr) fail("CMS_add1_signer");
  for (const auto& cert : chain)
    if (CMS_add1_cert(impl_->cms.get(), cert.impl().x509.get()) != 1) fail("CMS_add1_cert");
  // What CMS_final would add, without its signing-time (which PAdES baseline forbids: ETSI EN 319 142-1;
  // ../shared/PDF-NOTES.md §C.2): the content type and the digest of the detached content.
  if (CMS_signed_add1_attr_by_NID(impl_->signer, NID_pkcs9_contentType, V_ASN1_OBJECT, OBJ_nid2obj(NID_pkcs7_data),
                                  -1) != 1)
    fail("CMS_signed_add1_attr_by_NID contentType");
  if (CMS_signed_add1_attr_by_NID(impl_->signer, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, content_digest.data(),
                                  static_cast<int>(content_digest.size())) != 1)
    fail("CMS_signed_add1_attr_by_NID messageDigest");
  impl_->to_be_signed = signed_attributes(impl_->signer);
}

PadesCms::~PadesCms() = default;

const Bytes& PadesCms::to_be_signed() const { return impl_->to_be_signed; }

Bytes PadesCms::finish(std::string_view signature) {
  if (signature.size() > static_cast<std::size_t>(INT_MAX) ||
      ASN1_STRING_set(CMS_SignerInfo_get0_signature(impl_->signer), signature.data(),
                      static_cast<int>(signature.size())) != 1)
    fail("ASN1_STRING_set");
  unsigned char* der = nullptr;
  const int size = i2d_CMS_ContentInfo(impl_->cms.get(), &der);
  if (size <= 0) fail("i2d_CMS_ContentInfo");
  Bytes out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return out;
}

// ---- checking a CMS ---------------------------------------------------------------------------------

std::size_t der_length(std::string_view der) {
  if (der.size() < 2) return 0;
  const auto first = static_cast<unsigned char>(der[1]);
  std::size_t header = 2;
  std::size_t length = first;
  if (first >= 0x80) {
    const std::size_t count = first & 0x7FU;
    if (count == 0 || count > 4 || der.size() < 2 + count) return 0;
    length = 0;
    for (std::size_t i = 0; i < count; ++i) length = (length << 8U) | static_cast<unsigned char>(der[2 + i]);
    header += count;
  }
  if (length > der.size() - header) return 0;
  return header + length;
}

CmsFindings check_cms(std::string_view der, std::string_view content, const std::vector<Bytes>& roots, std::int64_t at,
                      std::int64_t now) {
  CmsFindings findings;
  if (der.empty() || der.size() > static_cast<std::size_t>(INT_MAX)) return findings;
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  const CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    ERR_clear_error();
    return findings;
  }
  STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms.get());
  if (signers == nullptr || sk_CMS_SignerInfo_num(signers) != 1 || CMS_set1_signers_certs(cms.get(), nullptr, 0) < 1) {
    ERR_clear_error();
    return findings;
  }
  CMS_SignerInfo* signer_info = sk_CMS_SignerInfo_value(signers, 0);
  X509* signer = nullptr;
  X509_ALGOR* digest_algorithm = nullptr;
  CMS_SignerInfo_get0_algs(signer_info, nullptr, &signer, &digest_algorithm, nullptr);
  if (signer == nullptr || digest_algorithm == nullptr) {
    ERR_clear_error();
    return findings;
  }
  const Certificate signer_certificate = share_certificate(signer);
  findings.parsed = true;
  findings.signer = signer_certificate.describe();

  // Integrity: the digest of the signed ranges against the signed messageDigest attribute.
  const ASN1_OBJECT* digest_object = nullptr;
  X509_ALGOR_get0(&digest_object, nullptr, nullptr, digest_algorithm);
  const EVP_MD* md = EVP_get_digestbyobj(digest_object);
  const auto* signed_digest = static_cast<const ASN1_OCTET_STRING*>(
      CMS_signed_get0_data_by_OBJ(signer_info, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
  findings.integrity = Check::failed;
  if (md != nullptr) {
    findings.digest = OBJ_nid2sn(EVP_MD_get_type(md));
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (signed_digest != nullptr && EVP_Digest(content.data(), content.size(), digest, &size, md, nullptr) == 1 &&
        static_cast<unsigned>(ASN1_STRING_length(signed_digest)) == size &&
        std::memcmp(ASN1_STRING_get0_data(signed_digest), digest, size) == 0)
      findings.integrity = Check::passed;
  }

  // The signature over the signed attributes, then OpenSSL's whole check (ESS signing certificate included).
  findings.signature = CMS_SignerInfo_verify(signer_info) == 1 ? Check::passed : Check::failed;
  if (findings.signature == Check::passed && findings.integrity == Check::passed) {
    const BioPtr data = memory_bio(content);
    if (CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1)
      findings.signature = Check::failed;
  }
  ERR_clear_error();

  if (const int index = CMS_signed_get_attr_by_NID(signer_info, NID_pkcs9_signingTime, -1); index >= 0) {
    const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(signer_info, index), 0);
    if (value != nullptr && (value->type == V_ASN1_UTCTIME || value->type == V_ASN1_GENERALIZEDTIME))
      findings.signing_time = unix_time(value->value.asn1_string);
  }
  findings.signing_certificate_v2 =
      CMS_signed_get_attr_by_NID(signer_info, NID_id_smime_aa_signingCertificateV2, -1) >= 0;

  if (!roots.empty()) {
    const TrustStore store(roots);
    const CertStack included(CMS_get1_certs(cms.get()));
    std::vector<Certificate> intermediates;
    for (int i = 0; included && i < sk_X509_num(included.get()); ++i)
      intermediates.push_back(share_certificate(sk_X509_value(included.get(), i)));
    const ChainVerdict then = store.verify(signer_certificate, intermediates, at);
    if (then.valid) {
      findings.chain = Check::passed;
      const ChainVerdict later = store.verify(signer_certificate, intermediates, now);
      findings.expired_now = !later.valid && later.expired;
    } else {
      findings.chain = Check::failed;
      findings.chain_problem = then.problem;
    }
  }
  return findings;
}

}  // namespace vanban::crypto
