#include "crypto/random.hpp"

#include <openssl/rand.h>

#include <climits>

#include "base/error.hpp"
#include "crypto/handles.hpp"

namespace vanban::crypto {

Bytes random_bytes(std::size_t count) {
  if (count > static_cast<std::size_t>(INT_MAX))
    throw Error(errors::kLibrary, "random_bytes: too many bytes asked for");
  Bytes out(count, '\0');
  if (count > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1)
    fail("RAND_bytes");
  return out;
}

}  // namespace vanban::crypto
