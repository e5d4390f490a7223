#pragma once
// JSON text for the manifests and machine-readable outputs the front ends write.

#include <string>
#include <string_view>

namespace vanban {

/// `value` (UTF-8) as a JSON string literal, quotes included; control characters escaped.
std::string json_string(std::string_view value);

}  // namespace vanban
