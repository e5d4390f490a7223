#include "base/percent.hpp"

#include "base/hex.hpp"

namespace vanban {

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    const auto escaped = i + 2 < text.size() ? hex::decode(text.substr(i + 1, 2)) : std::nullopt;
    if (!escaped) return std::nullopt;
    out += *escaped;
    i += 2;
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' || u == '.' ||
        u == '_' || u == '~') {
      out += c;
    } else {
      out += '%';
      hex::append_byte(out, u);
    }
  }
  return out;
}

}  // namespace vanban
