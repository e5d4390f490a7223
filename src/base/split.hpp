#pragma once
// Cutting text at a separator: the one owner of this small loop (the service's paths and queries, the job store's
// recorded lists).

#include <string>
#include <string_view>
#include <vector>

namespace vanban {

/// The pieces of `text` between `separator`s, empty ones kept: "a//b" gives {"a", "", "b"}; "" gives {""}.
std::vector<std::string> split(std::string_view text, char separator);

}  // namespace vanban
