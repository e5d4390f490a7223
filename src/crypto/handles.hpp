#pragma once
// Internal to crypto: the OpenSSL objects behind the module's public handles, owners for OpenSSL's free
// functions, and the helpers every part of the module uses. No other module sees these types.

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

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

/// A read-only memory BIO over `data`, which must outlive it.
BioPtr memory_bio(std::string_view data);

/// `size` bytes at `data` as hexadecimal digits (upper case; with `separator` between bytes unless it is 0).
std::string hex(const unsigned char* data, std::size_t size, bool upper, char separator);

}  // namespace vanban::crypto
