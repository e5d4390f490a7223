#pragma once
// A binary-safe byte string (PDF output, file contents).

#include <string>

namespace vanban {

/// Bytes are kept in a std::string: binary-safe, and what pugixml, libharu and OpenSSL take directly.
using Bytes = std::string;

}  // namespace vanban
