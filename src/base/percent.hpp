#pragma once
// The %-encoding of URIs (RFC 3986): database locations, PKCS#11 URIs (RFC 7512). Its digits are base/hex.hpp's.

#include <optional>
#include <string>
#include <string_view>

namespace vanban {

/// `text` with each %XX escape decoded; nullopt when an escape is malformed.
std::optional<std::string> percent_decode(std::string_view text);

/// `text` with every byte but RFC 3986's unreserved characters (letters, digits, - . _ ~) written %XX.
std::string percent_encode(std::string_view text);

}  // namespace vanban
