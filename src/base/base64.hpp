#pragma once
// Base64 (RFC 4648, with padding), written in one place: the fonts of stand-alone SVG pages as data: URLs.

#include <string>
#include <string_view>

namespace vanban::base64 {

/// `bytes` in base64 with the standard alphabet and '=' padding, on one line.
std::string encode(std::string_view bytes);

}  // namespace vanban::base64
