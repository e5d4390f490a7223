#include "base/hex.hpp"

namespace vanban::hex {

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_byte(std::string& out, unsigned char byte, Letters letters) {
  const char* const digits = letters == Letters::upper ? "0123456789ABCDEF" : "0123456789abcdef";
  out += digits[byte >> 4U];
  out += digits[byte & 0xFU];
}

std::string encode(std::string_view bytes, Letters letters) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) append_byte(out, static_cast<unsigned char>(c), letters);
  return out;
}

std::optional<Bytes> decode(std::string_view digits) {
  if (digits.size() % 2 != 0) return std::nullopt;
  Bytes out;
  out.reserve(digits.size() / 2);
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    const int high = digit_value(digits[i]);
    const int low = digit_value(digits[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
  }
  return out;
}

}  // namespace vanban::hex
