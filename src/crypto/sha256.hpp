#pragma once
// SHA-256 (FIPS 180-4) through OpenSSL's EVP: content addresses, manifests, record chains, CMS digests.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace vanban::crypto {

/// A SHA-256 digest.
using Sha256Digest = std::array<std::uint8_t, 32>;

/// Incremental SHA-256.
class Sha256 {
 public:
  /// A fresh hash; throws vanban::Error when OpenSSL cannot provide SHA-256.
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  /// Hashes `bytes` after what came before.
  void update(std::string_view bytes);
  /// The digest of everything hashed; the object must not be updated afterwards.
  Sha256Digest finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// The SHA-256 of `bytes`.
Sha256Digest sha256(std::string_view bytes);

/// The SHA-256 of `bytes` as 64 lower-case hexadecimal digits.
std::string sha256_hex(std::string_view bytes);

/// A digest as lower-case hexadecimal digits.
std::string to_hex(const Sha256Digest& digest);

}  // namespace vanban::crypto
