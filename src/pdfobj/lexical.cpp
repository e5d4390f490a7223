#include "pdfobj/lexical.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>
#include <vector>

#include "base/decimal.hpp"
#include "base/hex.hpp"
#include "base/utf8.hpp"

namespace vanban::pdfobj {

namespace {

// The UTF-16 code units of a code point: one, or a surrogate pair beyond the BMP.
template <typename Unit>
void utf16_units(char32_t cp, Unit unit) {
  if (cp >= 0x10000) {
    const auto v = static_cast<unsigned>(cp - 0x10000);
    unit(0xD800U + (v >> 10U));
    unit(0xDC00U + (v & 0x3FFU));
  } else {
    unit(static_cast<unsigned>(cp));
  }
}

// CIDs first…last map to code_point, code_point + 1, …
struct Range {
  std::uint16_t first = 0;
  std::uint16_t last = 0;
  char32_t code_point = 0;
};

// "N beginKIND" … "endKIND" blocks of at most 100 lines, one line per item.
template <typename WriteLine>
void append_blocks(std::string& out, const std::vector<Range>& items, const char* kind, WriteLine write_line) {
  for (std::size_t start = 0; start < items.size(); start += 100) {
    const std::size_t stop = std::min(items.size(), start + 100);
    out += std::to_string(stop - start) + " begin" + kind + "\n";
    for (std::size_t i = start; i < stop; ++i) {
      write_line(items[i]);
      out += '\n';
    }
    out += std::string("end") + kind + "\n";
  }
}

// "<XXXX>" for a 16-bit value.
void append_hex_code(std::string& out, unsigned value) {
  out += '<';
  append_hex4(out, value);
  out += '>';
}

}  // namespace

void append_number(std::string& out, double value, int decimals) { append_fixed(out, value, decimals); }

std::string number(double value, int decimals) {
  std::string out;
  append_number(out, value, decimals);
  return out;
}

void append_hex4(std::string& out, unsigned value) {
  hex::append_byte(out, static_cast<unsigned char>((value >> 8U) & 0xFFU));
  hex::append_byte(out, static_cast<unsigned char>(value & 0xFFU));
}

std::string utf16_text(std::string_view utf8_text) {
  std::string out = "\xFE\xFF";
  std::size_t offset = 0;
  while (offset < utf8_text.size()) {
    utf16_units(utf8::decode(utf8_text, offset), [&](unsigned unit) {
      out += static_cast<char>((unit >> 8U) & 0xFFU);
      out += static_cast<char>(unit & 0xFFU);
    });
  }
  return out;
}

std::string to_unicode_cmap(const std::map<char32_t, std::uint16_t>& cids) {
  std::string out =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  std::vector<std::pair<std::uint16_t, char32_t>> entries;
  for (const auto& [cp, cid] : cids) entries.emplace_back(cid, cp);
  std::sort(entries.begin(), entries.end());
  // Runs of consecutive CIDs for consecutive code points become one bfrange (a–z is one line); a range stays
  // inside one high byte of the CID and of the code point. Other CIDs, and characters beyond the BMP, are bfchar.
  std::vector<Range> ranges;
  std::vector<Range> singles;  ///< `last` unused
  for (std::size_t i = 0; i < entries.size();) {
    std::size_t j = i + 1;
    while (j < entries.size() && entries[j].first == entries[j - 1].first + 1 &&
           entries[j].second == entries[j - 1].second + 1 && entries[j].second <= 0xFFFF &&
           (entries[j].first & 0xFFU) != 0 && (entries[j].second & 0xFFU) != 0)
      ++j;
    if (j - i > 1) ranges.push_back({entries[i].first, entries[j - 1].first, entries[i].second});
    else singles.push_back({entries[i].first, entries[i].first, entries[i].second});
    i = j;
  }
  append_blocks(out, ranges, "bfrange", [&](const Range& range) {
    append_hex_code(out, range.first);
    out += ' ';
    append_hex_code(out, range.last);
    out += ' ';
    append_hex_code(out, static_cast<unsigned>(range.code_point));
  });
  append_blocks(out, singles, "bfchar", [&](const Range& single) {
    append_hex_code(out, single.first);
    out += " <";
    utf16_units(single.code_point, [&](unsigned unit) { append_hex4(out, unit); });
    out += '>';
  });
  out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return out;
}

std::string cid_set(std::size_t count) {
  std::string bits((count + 7) / 8, '\0');
  for (std::size_t cid = 0; cid < count; ++cid)
    bits[cid / 8] = static_cast<char>(static_cast<unsigned char>(bits[cid / 8]) | (0x80U >> (cid % 8)));
  return bits;
}

}  // namespace vanban::pdfobj
