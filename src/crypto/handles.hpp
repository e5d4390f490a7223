#pragma once
// Internal to crypto: the OpenSSL objects behind the module's public handles, owners for OpenSSL's free
// functions, and the helpers every part of the module uses. No other module sees these types.

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.hpp"
#include "crypto/key.hpp"
#include "crypto/x509.hpp"

namespace vanban::crypto {

/// A unique_ptr deleter calling one of OpenSSL's free functions.
template <auto free_function>
struct Free {
  template <typename T>
  void operator()(T* object) const {
    free_function(object);
  }
};
using BioPtr = std::unique_ptr<BIO, Free<BIO_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Free<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Free<X509_free>>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, Free<CMS_ContentInfo_free>>;

/// Frees a stack of certificates with the certificates in it.
void free_certificates(STACK_OF(X509) * stack);
/// Frees a stack of certificates whose certificates others own.
void free_stack(STACK_OF(X509) * stack);
/// A stack that owns its certificates (what OpenSSL returns from CMS_get1_certs, PKCS12_parse).
using CertStack = std::unique_ptr<STACK_OF(X509), Free<free_certificates>>;
/// A stack that only lists certificates owned elsewhere.
using CertList = std::unique_ptr<STACK_OF(X509), Free<free_stack>>;

struct Certificate::Impl {
  X509Ptr x509;
};

struct PrivateKey::Impl {
  std::shared_ptr<void> token;  ///< for a key on a PKCS#11 token: the engine session, released after the key
  PkeyPtr key;                  ///< from a file, or an EVP_PKEY of the PKCS#11 engine
};

/// A handle sharing `x509` (its reference count is raised: the caller keeps its own reference).
Certificate share_certificate(X509* x509);

/// An ASN.1 time as Unix seconds (0 when unreadable).
std::int64_t unix_time(const ASN1_TIME* time);

/// The OpenSSL error queue as one line, then cleared (for developers; never contains key material).
std::string openssl_errors();

/// Throws vanban::Error naming `what` and OpenSSL's errors.
[[noreturn]] void fail(const std::string& what);

/// `object` in DER, by OpenSSL's i2d function `encode`; nullopt when it fails.
template <typename T, typename Encode>
std::optional<Bytes> encoded(const T* object, Encode encode) {
  unsigned char* der = nullptr;
  const int size = object != nullptr ? encode(object, &der) : 0;
  if (size <= 0) return std::nullopt;
  Bytes out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return out;
}

/// `object` in DER, by `encode`; throws vanban::Error naming `what` when it fails.
template <typename T, typename Encode>
Bytes der_of(const T* object, Encode encode, const char* what) {
  auto out = encoded(object, encode);
  if (!out) fail(what);
  return std::move(*out);
}

/// An OpenSSL object read from DER by its d2i function (what follows it ignored); nullptr when `der` holds none.
template <typename T, T* (*decode)(T**, const unsigned char**, long)>
T* decoded(std::string_view der) {
  if (der.empty() || der.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  return decode(nullptr, &p, static_cast<long>(der.size()));
}

/// A read-only memory BIO over `data`, which must outlive it.
BioPtr memory_bio(std::string_view data);

/// `size` bytes at `data` as hexadecimal digits (upper case; with `separator` between bytes unless it is 0).
std::string hex(const unsigned char* data, std::size_t size, bool upper, char separator);

}  // namespace vanban::crypto
