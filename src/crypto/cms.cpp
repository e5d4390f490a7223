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
    attributes.push_back(der_of(CMS_signed_get_attr(signer, i), i2d_X509_ATTRIBUTE, "i2d_X509_ATTRIBUTE"));
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
  // Each certificate once (OpenSSL refuses one already there: the signer's, or a chain given twice).
  std::vector<const Certificate*> added = {&signer};
  for (const auto& cert : chain) {
    if (std::any_of(added.begin(), added.end(), [&](const Certificate* c) { return c->same_as(cert); })) continue;
    if (CMS_add1_cert(impl_->cms.get(), cert.impl().x509.get()) != 1) fail("CMS_add1_cert");
    added.push_back(&cert);
  }
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

Bytes PadesCms::finish(std::string_view signature, std::string_view timestamp) {
  if (signature.size() > static_cast<std::size_t>(INT_MAX) || timestamp.size() > static_cast<std::size_t>(INT_MAX) ||
      ASN1_STRING_set(CMS_SignerInfo_get0_signature(impl_->signer), signature.data(),
                      static_cast<int>(signature.size())) != 1)
    fail("ASN1_STRING_set");
  for (int index = 0; (index = CMS_unsigned_get_attr_by_NID(impl_->signer, NID_id_smime_aa_timeStampToken, -1)) >= 0;)
    X509_ATTRIBUTE_free(CMS_unsigned_delete_attr(impl_->signer, index));
  // The token is a ContentInfo: stored as the attribute value's whole DER.
  if (!timestamp.empty() &&
      CMS_unsigned_add1_attr_by_NID(impl_->signer, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, timestamp.data(),
                                    static_cast<int>(timestamp.size())) != 1)
    fail("CMS_unsigned_add1_attr_by_NID timeStampToken");
  return der_of(impl_->cms.get(), i2d_CMS_ContentInfo, "i2d_CMS_ContentInfo");
}

// ---- checking a CMS ---------------------------------------------------------------------------------

std::size_t der_length(std::string_view der) {
  if (der.size() < 2) return 0;
  const auto first = static_cast<unsigned char>(der[1]);
  if (first == 0x80) return der.size();  // indefinite: the parser finds the end-of-contents itself
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

namespace {

CmsPtr parse_cms(std::string_view der) {
  CmsPtr cms(decoded<CMS_ContentInfo, d2i_CMS_ContentInfo>(der));
  if (cms && OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) cms.reset();
  return cms;
}

// The one signer of a SignedData and its certificate (which the CMS must carry); nullptr otherwise.
CMS_SignerInfo* only_signer(CMS_ContentInfo* cms, X509** certificate) {
  STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms);
  *certificate = nullptr;
  if (signers == nullptr || sk_CMS_SignerInfo_num(signers) != 1 || CMS_set1_signers_certs(cms, nullptr, 0) < 1)
    return nullptr;
  CMS_SignerInfo* signer = sk_CMS_SignerInfo_value(signers, 0);
  CMS_SignerInfo_get0_algs(signer, nullptr, certificate, nullptr, nullptr);
  return *certificate != nullptr ? signer : nullptr;
}

Bytes signature_value(CMS_SignerInfo* signer) {
  const ASN1_OCTET_STRING* value = CMS_SignerInfo_get0_signature(signer);
  return Bytes(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
               static_cast<std::size_t>(ASN1_STRING_length(value)));
}

// The signature-time-stamp token (DER), when the signer has one.
std::optional<Bytes> timestamp_token(CMS_SignerInfo* signer) {
  const int index = CMS_unsigned_get_attr_by_NID(signer, NID_id_smime_aa_timeStampToken, -1);
  if (index < 0) return std::nullopt;
  const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_unsigned_get_attr(signer, index), 0);
  if (value == nullptr || value->type != V_ASN1_SEQUENCE) return Bytes();
  const ASN1_STRING* der = value->value.sequence;
  return Bytes(reinterpret_cast<const char*>(ASN1_STRING_get0_data(der)),
               static_cast<std::size_t>(ASN1_STRING_length(der)));
}

// Revocation of every certificate of the path but its root, at `at`.
void check_revocation(const RevocationData& data, bool time_proven, CmsFindings& findings) {
  const auto& path = findings.path;
  findings.revocation = Check::passed;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const bool root = i + 1 == path.size() && path[i].self_signed();
    if (root) break;
    const std::string name = path[i].describe().common_name;
    if (i + 1 == path.size()) {  // its issuer is not known
      if (findings.not_covered.empty()) findings.not_covered = name;
      findings.revocation = findings.revocation == Check::failed ? Check::failed : Check::not_checked;
      continue;
    }
    const RevocationStatus status = revocation_status(path[i], path[i + 1], data, findings.checked_at);
    if (status.state == Revocation::revoked && (status.revoked_at <= findings.checked_at || !time_proven)) {
      // Revoked before the time, or after a time nothing proves: the signature may have been made after.
      if (findings.revocation != Check::failed) {
        findings.revoked_at = status.revoked_at;
        findings.revoked = name;
      }
      findings.revocation = Check::failed;
    } else if (status.state == Revocation::unknown) {
      if (findings.not_covered.empty()) findings.not_covered = name;
      if (findings.revocation == Check::passed) findings.revocation = Check::not_checked;
    }
  }
}

}  // namespace

std::optional<CmsCertificates> cms_certificates(std::string_view der) {
  const CmsPtr cms = parse_cms(der);
  X509* signer = nullptr;
  if (!cms || only_signer(cms.get(), &signer) == nullptr) {
    ERR_clear_error();
    return std::nullopt;
  }
  CmsCertificates out{share_certificate(signer), {}};
  const CertStack included(CMS_get1_certs(cms.get()));
  for (int i = 0; included && i < sk_X509_num(included.get()); ++i) {
    Certificate certificate = share_certificate(sk_X509_value(included.get(), i));
    if (!certificate.same_as(out.signer)) out.others.push_back(std::move(certificate));
  }
  ERR_clear_error();
  return out;
}

std::optional<Bytes> cms_signature_value(std::string_view der) {
  const CmsPtr cms = parse_cms(der);
  X509* certificate = nullptr;
  CMS_SignerInfo* signer = cms ? only_signer(cms.get(), &certificate) : nullptr;
  ERR_clear_error();
  if (signer == nullptr) return std::nullopt;
  return signature_value(signer);
}

CmsFindings check_cms(std::string_view der, std::string_view content, const CmsCheck& check) {
  CmsFindings findings;
  const CmsPtr cms = parse_cms(der);
  X509* signer = nullptr;
  CMS_SignerInfo* signer_info = cms ? only_signer(cms.get(), &signer) : nullptr;
  X509_ALGOR* digest_algorithm = nullptr;
  if (signer_info != nullptr) CMS_SignerInfo_get0_algs(signer_info, nullptr, nullptr, &digest_algorithm, nullptr);
  if (signer_info == nullptr || digest_algorithm == nullptr) {
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

  // The time-stamp over the signature value proves when the signature existed.
  const TrustStore store(check.roots);
  if (const auto token = timestamp_token(signer_info)) {
    findings.timestamp = check_timestamp(*token, signature_value(signer_info), &store);
    const TimestampFindings& stamp = *findings.timestamp;
    findings.time_proven = stamp.parsed && stamp.imprint == Check::passed && stamp.signature == Check::passed &&
                           stamp.chain != Check::failed;
  }
  findings.checked_at = findings.time_proven ? findings.timestamp->time : check.claimed_at;

  const CertStack included(CMS_get1_certs(cms.get()));
  std::vector<Certificate> candidates;
  for (int i = 0; included && i < sk_X509_num(included.get()); ++i)
    candidates.push_back(share_certificate(sk_X509_value(included.get(), i)));
  candidates.insert(candidates.end(), check.more.begin(), check.more.end());
  findings.path = issuer_path(signer_certificate, candidates);
  if (!store.empty()) {
    const ChainVerdict then = store.verify(signer_certificate, candidates, findings.checked_at);
    if (then.valid) {
      findings.chain = Check::passed;
      findings.path = then.path;
      const ChainVerdict later = store.verify(signer_certificate, candidates, check.now);
      findings.expired_now = !later.valid && later.expired;
    } else {
      findings.chain = Check::failed;
      findings.chain_problem = then.problem;
    }
  }
  if (check.revocation != nullptr) check_revocation(*check.revocation, findings.time_proven, findings);
  return findings;
}

}  // namespace vanban::crypto
