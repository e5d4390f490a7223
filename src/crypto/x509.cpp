#include "crypto/x509.hpp"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

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

std::size_t Certificate::max_signature_size() const {
  const int size = EVP_PKEY_get_size(X509_get0_pubkey(impl_->x509.get()));
  return size > 0 ? static_cast<std::size_t>(size) : 0;
}

std::vector<Certificate> read_certificates(std::string_view pem) {
  std::vector<Certificate> out;
  const BioPtr bio = memory_bio(pem);
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    auto impl = std::make_shared<Certificate::Impl>();
    impl->x509.reset(cert);
    out.emplace_back(std::move(impl));
  }
  ERR_clear_error();  // the end of the input reads as an error
  return out;
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
  if (!verdict.valid) {
    const int error = X509_STORE_CTX_get_error(ctx.get());
    verdict.expired = error == X509_V_ERR_CERT_HAS_EXPIRED;
    verdict.problem = X509_verify_cert_error_string(error);
  }
  ERR_clear_error();
  return verdict;
}

}  // namespace vanban::crypto
