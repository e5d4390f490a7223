#include "crypto/sha256.hpp"

#include <openssl/evp.h>

#include "base/error.hpp"
#include "crypto/handles.hpp"

namespace vanban::crypto {

namespace {

// SHA-256 fetched from the default provider once per process: an implicit fetch per digest (EVP_sha256())
// costs a lookup every time.
const EVP_MD* sha256_md() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (md == nullptr) fail("EVP_MD_fetch SHA256");
  return md;
}

}  // namespace

struct Sha256::State {
  std::unique_ptr<EVP_MD_CTX, Free<EVP_MD_CTX_free>> context{EVP_MD_CTX_new()};
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  if (!state_->context || EVP_DigestInit_ex2(state_->context.get(), sha256_md(), nullptr) != 1)
    fail("EVP_DigestInit_ex2");
}

Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(std::string_view bytes) {
  if (EVP_DigestUpdate(state_->context.get(), bytes.data(), bytes.size()) != 1) fail("EVP_DigestUpdate");
}

Sha256Digest Sha256::finish() {
  Sha256Digest digest{};
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(state_->context.get(), digest.data(), &size) != 1 || size != digest.size())
    fail("EVP_DigestFinal_ex");
  return digest;
}

Sha256Digest sha256(std::string_view bytes) {
  Sha256Digest digest{};
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, sha256_md(), nullptr) != 1 || size != digest.size())
    fail("EVP_Digest");
  return digest;
}

std::string sha256_hex(std::string_view bytes) { return to_hex(sha256(bytes)); }

std::string to_hex(const Sha256Digest& digest) { return hex(digest.data(), digest.size(), false, 0); }

}  // namespace vanban::crypto
