#pragma once
// Random bytes from OpenSSL's CSPRNG (tokens, salts, nonces): never for anything that must be reproducible.

#include <cstddef>

#include "base/bytes.hpp"

namespace vanban::crypto {

/// `count` cryptographically strong random bytes; throws vanban::Error when the generator cannot supply them.
Bytes random_bytes(std::size_t count);

}  // namespace vanban::crypto
