#include "crypto/x509.hpp"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <climits>
#include <ctime>

#include "crypto/handles.hpp"

namespace vanban::crypto {

namespace {

using StorePtr = std::unique_ptr<X509_STORE, Free<X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Free<X509_STORE_CTX_free>>;

std::string name_text(const X509_NAME* name) {
  const BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0) return "";
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string common_name(const X509_NAME* name) {
  const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (index < 0) return "";
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  const int size = ASN1_STRING_to_UTF8(&utf8, data);
  if (size < 0) return "";
  std::string out(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(size));
  OPENSSL_free(utf8);
  return out;
}

}  // namespace

std::int64_t unix_time(const ASN1_TIME* time) {
  const std::unique_ptr<ASN1_TIME, Free<ASN1_TIME_free>> epoch(ASN1_TIME_set(nullptr, 0));
  int days = 0;
  int seconds = 0;
  if (time == nullptr || !epoch || ASN1_TIME_diff(&days, &seconds, epoch.get(), time) != 1) {
    ERR_clear_error();
    return 0;
  }
  return std::int64_t{days} * 86400 + seconds;
}

Certificate::Certificate(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

CertificateInfo Certificate::describe() const {
  const X509* certificate = impl_->x509.get();
  CertificateInfo info;
  info.common_name = common_name(X509_get_subject_name(certificate));
  info.subject = name_text(X509_get_subject_name(certificate));
  info.issuer = name_text(X509_get_issuer_name(certificate));
  if (BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate), nullptr)) {
    if (char* text = BN_bn2hex(serial)) {
      info.serial = text;
      OPENSSL_free(text);
    }
    BN_free(serial);
  }
  info.not_before = unix_time(X509_get0_notBefore(certificate));
  info.not_after = unix_time(X509_get0_notAfter(certificate));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (X509_digest(certificate, EVP_sha256(), digest, &size) == 1) info.sha256 = hex(digest, size, true, ':');
  return info;
}

bool Certificate::allows_signing() const {
  const std::uint32_t usage = X509_get_key_usage(impl_->x509.get());
  return usage == UINT32_MAX || (usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) != 0;
}

bool Certificate::allows_timestamping() const {
  const std::uint32_t usage = X509_get_extended_key_usage(impl_->x509.get());
  return usage != UINT32_MAX && (usage & XKU_TIMESTAMP) != 0;
}

std::size_t Certificate::max_signature_size() const {
  const int size = EVP_PKEY_get_size(X509_get0_pubkey(impl_->x509.get()));
  return size > 0 ? static_cast<std::size_t>(size) : 0;
}

bool Certificate::verifies_sha256(std::string_view data, std::string_view signature) const {
  const std::unique_ptr<EVP_MD_CTX, Free<EVP_MD_CTX_free>> ctx(EVP_MD_CTX_new());
  const bool valid =
      ctx &&
      EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, X509_get0_pubkey(impl_->x509.get())) == 1 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                       reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
  ERR_clear_error();
  return valid;
}

bool Certificate::issued_by(const Certificate& issuer) const {
  X509* subject = impl_->x509.get();
  X509* candidate = issuer.impl().x509.get();
  const bool issued =
      X509_check_issued(candidate, subject) == X509_V_OK && X509_verify(subject, X509_get0_pubkey(candidate)) == 1;
  ERR_clear_error();
  return issued;
}

bool Certificate::self_signed() const { return issued_by(*this); }

namespace {

// The URIs of a GENERAL_NAMES that start with http://.
void http_uris(const GENERAL_NAMES* names, std::vector<std::string>& out) {
  for (int i = 0; names != nullptr && i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type != GEN_URI) continue;
    const ASN1_IA5STRING* uri = name->d.uniformResourceIdentifier;
    std::string text(reinterpret_cast<const char*>(ASN1_STRING_get0_data(uri)),
                     static_cast<std::size_t>(ASN1_STRING_length(uri)));
    if (text.rfind("http://", 0) == 0) out.push_back(std::move(text));
  }
}

}  // namespace

std::vector<std::string> Certificate::crl_urls() const {
  std::vector<std::string> out;
  const std::unique_ptr<CRL_DIST_POINTS, Free<CRL_DIST_POINTS_free>> points(static_cast<CRL_DIST_POINTS*>(
      X509_get_ext_d2i(impl_->x509.get(), NID_crl_distribution_points, nullptr, nullptr)));
  for (int i = 0; points && i < sk_DIST_POINT_num(points.get()); ++i) {
    const DIST_POINT* point = sk_DIST_POINT_value(points.get(), i);
    if (point->distpoint != nullptr && point->distpoint->type == 0) http_uris(point->distpoint->name.fullname, out);
  }
  ERR_clear_error();
  return out;
}

std::vector<std::string> Certificate::ocsp_urls() const {
  std::vector<std::string> out;
  const std::unique_ptr<AUTHORITY_INFO_ACCESS, Free<AUTHORITY_INFO_ACCESS_free>> access(
      static_cast<AUTHORITY_INFO_ACCESS*>(X509_get_ext_d2i(impl_->x509.get(), NID_info_access, nullptr, nullptr)));
  for (int i = 0; access && i < sk_ACCESS_DESCRIPTION_num(access.get()); ++i) {
    const ACCESS_DESCRIPTION* description = sk_ACCESS_DESCRIPTION_value(access.get(), i);
    if (OBJ_obj2nid(description->method) != NID_ad_OCSP) continue;
    GENERAL_NAMES* one = sk_GENERAL_NAME_new_null();
    if (one == nullptr) continue;
    sk_GENERAL_NAME_push(one, description->location);
    http_uris(one, out);
    sk_GENERAL_NAME_free(one);
  }
  ERR_clear_error();
  return out;
}

Bytes Certificate::der() const { return der_of(impl_->x509.get(), i2d_X509, "i2d_X509"); }

std::string Certificate::pem() const {
  const BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), impl_->x509.get()) != 1) fail("PEM_write_bio_X509");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

bool Certificate::same_as(const Certificate& other) const {
  return X509_cmp(impl_->x509.get(), other.impl().x509.get()) == 0;
}

std::vector<Certificate> read_certificates(std::string_view text) {
  std::vector<Certificate> out;
  const BioPtr bio = memory_bio(text);
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    auto impl = std::make_shared<Certificate::Impl>();
    impl->x509.reset(cert);
    out.emplace_back(std::move(impl));
  }
  if (out.empty()) {
    // A DER certificate, exactly: nothing may follow it.
    if (X509* cert = decoded<X509, d2i_X509>(text)) {
      auto impl = std::make_shared<Certificate::Impl>();
      impl->x509.reset(cert);
      if (der_of(cert, i2d_X509, "i2d_X509").size() == text.size()) out.emplace_back(std::move(impl));
    }
  }
  ERR_clear_error();  // the end of the input reads as an error
  return out;
}

std::vector<Certificate> issuer_path(const Certificate& leaf, const std::vector<Certificate>& candidates) {
  std::vector<Certificate> path = {leaf};
  // A path is never longer than the candidates (each is used once).
  while (path.size() <= candidates.size() && !path.back().self_signed()) {
    const Certificate* issuer = nullptr;
    for (const auto& candidate : candidates) {
      const bool used =
          std::any_of(path.begin(), path.end(), [&](const Certificate& c) { return c.same_as(candidate); });
      if (!used && path.back().issued_by(candidate)) {
        issuer = &candidate;
        break;
      }
    }
    if (issuer == nullptr) break;
    path.push_back(*issuer);
  }
  return path;
}

struct TrustStore::Impl {
  StorePtr store{X509_STORE_new()};
};

TrustStore::TrustStore(const std::vector<Bytes>& roots_pem) : impl_(std::make_unique<Impl>()) {
  if (!impl_->store) fail("X509_STORE_new");
  for (const auto& pem : roots_pem)
    for (const auto& root : read_certificates(pem)) X509_STORE_add_cert(impl_->store.get(), root.impl().x509.get());
  ERR_clear_error();
}

TrustStore::~TrustStore() = default;

bool TrustStore::empty() const {
  STACK_OF(X509_OBJECT)* objects = X509_STORE_get0_objects(impl_->store.get());
  return objects == nullptr || sk_X509_OBJECT_num(objects) == 0;
}

ChainVerdict TrustStore::verify(const Certificate& leaf, const std::vector<Certificate>& intermediates,
                                std::int64_t at) const {
  const CertList untrusted(sk_X509_new_null());
  if (!untrusted) fail("sk_X509_new_null");
  for (const auto& certificate : intermediates)
    if (sk_X509_push(untrusted.get(), certificate.impl().x509.get()) <= 0) fail("sk_X509_push");
  const StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), impl_->store.get(), leaf.impl().x509.get(), untrusted.get()) != 1)
    fail("X509_STORE_CTX_init");
  X509_STORE_CTX_set_time(ctx.get(), 0, static_cast<time_t>(at));
  ChainVerdict verdict;
  verdict.valid = X509_verify_cert(ctx.get()) == 1;
  if (verdict.valid) {
    STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
    for (int i = 0; chain != nullptr && i < sk_X509_num(chain); ++i)
      verdict.path.push_back(share_certificate(sk_X509_value(chain, i)));
  } else {
    const int error = X509_STORE_CTX_get_error(ctx.get());
    verdict.expired = error == X509_V_ERR_CERT_HAS_EXPIRED;
    verdict.problem = std::string("OpenSSL: ") + X509_verify_cert_error_string(error);
  }
  ERR_clear_error();
  return verdict;
}

}  // namespace vanban::crypto
