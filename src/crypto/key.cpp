#include "crypto/key.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>

#include <cstring>

#include "crypto/handles.hpp"

namespace vanban::crypto {

namespace {

using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Free<EVP_MD_CTX_free>>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, Free<PKCS12_free>>;

// Asks the front end once, however often OpenSSL's decoders call back; the copy is wiped afterwards.
struct PassphraseContext {
  const PassphraseSource* source = nullptr;
  bool asked = false;
  bool missing = false;
  std::string cached;
  ~PassphraseContext() { OPENSSL_cleanse(cached.data(), cached.size()); }
  bool get() {
    if (!asked) {
      asked = true;
      auto value = *source ? (*source)() : std::nullopt;
      if (!value) {
        missing = true;
      } else {
        cached = *value;
        OPENSSL_cleanse(value->data(), value->size());
      }
    }
    return !missing;
  }
};

int passphrase_callback(char* buffer, int size, int /*rwflag*/, void* user) {
  auto* context = static_cast<PassphraseContext*>(user);
  if (!context->get() || context->cached.size() > static_cast<std::size_t>(size)) return -1;
  std::memcpy(buffer, context->cached.data(), context->cached.size());
  return static_cast<int>(context->cached.size());
}

PrivateKey wrap(EVP_PKEY* key) {
  auto impl = std::make_shared<PrivateKey::Impl>();
  impl->key.reset(key);
  return PrivateKey(std::move(impl));
}

}  // namespace

PrivateKey::PrivateKey(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

PrivateKey::Algorithm PrivateKey::algorithm() const {
  switch (EVP_PKEY_get_base_id(impl_->key.get())) {
    case EVP_PKEY_RSA: return Algorithm::rsa;
    case EVP_PKEY_EC: return Algorithm::ecdsa;
    default: return Algorithm::other;
  }
}

bool PrivateKey::matches(const Certificate& certificate) const {
  const bool same = X509_check_private_key(certificate.impl().x509.get(), impl_->key.get()) == 1;
  ERR_clear_error();
  return same;
}

bool PrivateKey::on_token() const { return impl_->token != nullptr; }

std::optional<Bytes> PrivateKey::sign_sha256(std::string_view data) const {
  // A token that fails (removed, its session gone) is the signer's problem to report; a key in memory that fails
  // is a library failure.
  const auto failed = [&](const char* what) -> std::optional<Bytes> {
    if (!on_token()) fail(what);
    ERR_clear_error();
    return std::nullopt;
  };
  const MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, impl_->key.get()) != 1)
    return failed("EVP_DigestSignInit");
  std::size_t size = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(data.data());
  if (EVP_DigestSign(ctx.get(), nullptr, &size, in, data.size()) != 1) return failed("EVP_DigestSign");
  Bytes signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, in, data.size()) != 1)
    return failed("EVP_DigestSign");
  signature.resize(size);
  return signature;
}

std::optional<PrivateKey> read_private_key(std::string_view pem, const PassphraseSource& passphrase,
                                           KeyProblem& problem) {
  PassphraseContext context;
  context.source = &passphrase;
  const BioPtr bio = memory_bio(pem);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, passphrase_callback, &context);
  ERR_clear_error();
  if (key != nullptr) return wrap(key);
  problem = context.missing ? KeyProblem::passphrase_missing
            : context.asked ? KeyProblem::passphrase_wrong
                            : KeyProblem::unreadable;
  return std::nullopt;
}

std::optional<Pkcs12Contents> read_pkcs12(std::string_view der, const PassphraseSource& passphrase,
                                          KeyProblem& problem) {
  const BioPtr bio = memory_bio(der);
  const Pkcs12Ptr p12(d2i_PKCS12_bio(bio.get(), nullptr));
  if (!p12) {
    ERR_clear_error();
    problem = KeyProblem::unreadable;
    return std::nullopt;
  }
  PassphraseContext context;
  context.source = &passphrase;
  const char* password = nullptr;
  if (PKCS12_mac_present(p12.get()) != 0 && PKCS12_verify_mac(p12.get(), nullptr, 0) != 1) {
    if (PKCS12_verify_mac(p12.get(), "", 0) == 1) {
      password = "";
    } else {
      if (!context.get()) {
        problem = KeyProblem::passphrase_missing;
        return std::nullopt;
      }
      if (PKCS12_verify_mac(p12.get(), context.cached.c_str(), static_cast<int>(context.cached.size())) != 1) {
        ERR_clear_error();
        problem = KeyProblem::passphrase_wrong;
        return std::nullopt;
      }
      password = context.cached.c_str();
    }
  }
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  int parsed = PKCS12_parse(p12.get(), password, &key, &cert, &ca);
  if (parsed != 1) {
    // Files from older tools use RC2 or 3DES, which OpenSSL 3 keeps in its legacy provider.
    ERR_clear_error();
    OSSL_PROVIDER_load(nullptr, "default");
    if (OSSL_PROVIDER_load(nullptr, "legacy") != nullptr) parsed = PKCS12_parse(p12.get(), password, &key, &cert, &ca);
  }
  ERR_clear_error();
  PkeyPtr owned_key(key);
  const X509Ptr owned_cert(cert);
  const CertStack chain(ca);
  if (parsed != 1 || !owned_key || !owned_cert) {
    problem = KeyProblem::incomplete;
    return std::nullopt;
  }
  Pkcs12Contents contents{wrap(owned_key.release()), share_certificate(owned_cert.get()), {}};
  for (int i = 0; chain && i < sk_X509_num(chain.get()); ++i)
    contents.chain.push_back(share_certificate(sk_X509_value(chain.get(), i)));
  return contents;
}

}  // namespace vanban::crypto
