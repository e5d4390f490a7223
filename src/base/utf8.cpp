#include "base/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace vanban::utf8 {

namespace {
constexpr char32_t kReplacement = 0xFFFD;

// Length of the valid sequence starting at `offset`, or 0 if it is invalid.
std::size_t sequence_length(std::string_view text, std::size_t offset, char32_t& code_point) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[offset + i]); };
  const std::size_t remaining = text.size() - offset;
  const unsigned char lead = byte(0);
  if (lead < 0x80U) {
    code_point = lead;
    return 1;
  }
  std::size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0U) == 0xC0U) {
    length = 2;
    value = lead & 0x1FU;
    minimum = 0x80;
  } else if ((lead & 0xF0U) == 0xE0U) {
    length = 3;
    value = lead & 0x0FU;
    minimum = 0x800;
  } else if ((lead & 0xF8U) == 0xF0U) {
    length = 4;
    value = lead & 0x07U;
    minimum = 0x10000;
  } else {
    return 0;
  }
  if (remaining < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char next = byte(i);
    if ((next & 0xC0U) != 0x80U) return 0;
    value = (value << 6U) | (next & 0x3FU);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  code_point = value;
  return length;
}
}  // namespace

char32_t decode(std::string_view text, std::size_t& offset) {
  char32_t code_point = 0;
  const std::size_t length = sequence_length(text, offset, code_point);
  if (length == 0) {
    ++offset;
    return kReplacement;
  }
  offset += length;
  return code_point;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0U | (cp >> 6U));
    out += static_cast<char>(0x80U | (cp & 0x3FU));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0U | (cp >> 12U));
    out += static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (cp & 0x3FU));
  } else {
    out += static_cast<char>(0xF0U | (cp >> 18U));
    out += static_cast<char>(0x80U | ((cp >> 12U) & 0x3FU));
    out += static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (cp & 0x3FU));
  }
}

std::optional<std::size_t> find_invalid(std::string_view text) {
  std::size_t offset = 0;
  while (offset < text.size()) {
    // Runs of ASCII eight bytes at a time.
    for (std::uint64_t block = 0; offset + sizeof block <= text.size(); offset += sizeof block) {
      std::memcpy(&block, text.data() + offset, sizeof block);
      if ((block & 0x8080808080808080ULL) != 0) break;
    }
    if (offset == text.size()) break;
    char32_t code_point = 0;
    const std::size_t length = sequence_length(text, offset, code_point);
    if (length == 0) return offset;
    offset += length;
  }
  return std::nullopt;
}

std::size_t length(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++count;
  return count;
}

std::u32string to_u32(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t offset = 0;
  while (offset < text.size()) out += decode(text, offset);
  return out;
}

std::string from_u32(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char32_t cp : text) append(out, cp);
  return out;
}

bool is_bidi_control(char32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

bool is_invisible_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || is_bidi_control(cp); }

std::string visible(std::string_view text) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (std::size_t offset = 0; offset < text.size();) {
    char32_t cp = 0;
    const std::size_t length = sequence_length(text, offset, cp);
    if (length == 0) {
      const auto byte = static_cast<unsigned char>(text[offset++]);
      out += "<0x";
      out += kDigits[byte >> 4U];
      out += kDigits[byte & 0xFU];
      out += '>';
    } else if (is_invisible_control(cp)) {
      out += "<U+";
      for (int shift = 12; shift >= 0; shift -= 4) out += kDigits[(cp >> static_cast<unsigned>(shift)) & 0xFU];
      out += '>';
      offset += length;
    } else {
      out.append(text.substr(offset, length));
      offset += length;
    }
  }
  return out;
}

}  // namespace vanban::utf8
