#include "base/pdf_syntax.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/utf8.hpp"

namespace vanban::pdf_syntax {

std::string number(double value, int decimals) {
  if (!std::isfinite(value)) value = 0;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string out = buffer;
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  if (out == "-0") out = "0";
  return out;
}

std::string hex4(unsigned value) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out(4, '0');
  for (std::size_t i = 4; i > 0; --i) {
    out[i - 1] = kHex[value & 0xFU];
    value >>= 4U;
  }
  return out;
}

std::string utf16_text(std::string_view utf8_text) {
  std::string out = "\xFE\xFF";
  const auto unit = [&](unsigned value) {
    out += static_cast<char>((value >> 8U) & 0xFFU);
    out += static_cast<char>(value & 0xFFU);
  };
  std::size_t offset = 0;
  while (offset < utf8_text.size()) {
    const char32_t cp = utf8::decode(utf8_text, offset);
    if (cp >= 0x10000) {
      const auto v = static_cast<unsigned>(cp - 0x10000);
      unit(0xD800U + (v >> 10U));
      unit(0xDC00U + (v & 0x3FFU));
    } else {
      unit(static_cast<unsigned>(cp));
    }
  }
  return out;
}

std::string to_unicode_cmap(std::vector<std::pair<std::uint16_t, char32_t>> cid_to_character) {
  std::string out =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  std::sort(cid_to_character.begin(), cid_to_character.end());
  for (std::size_t start = 0; start < cid_to_character.size(); start += 100) {
    const std::size_t stop = std::min(cid_to_character.size(), start + 100);
    out += std::to_string(stop - start) + " beginbfchar\n";
    for (std::size_t i = start; i < stop; ++i) {
      const char32_t cp = cid_to_character[i].second;
      std::string target;
      if (cp >= 0x10000) {
        const auto v = static_cast<unsigned>(cp - 0x10000);
        target = hex4(0xD800U + (v >> 10U)) + hex4(0xDC00U + (v & 0x3FFU));
      } else {
        target = hex4(static_cast<unsigned>(cp));
      }
      out += "<" + hex4(cid_to_character[i].first) + "> <" + target + ">\n";
    }
    out += "endbfchar\n";
  }
  out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return out;
}

}  // namespace vanban::pdf_syntax
