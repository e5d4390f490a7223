#include "pdf/to_unicode.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace vanban::pdf {

namespace {
// "<XXXX>" for a 16-bit value.
void append_hex(std::string& out, unsigned value) {
  constexpr const char* kDigits = "0123456789ABCDEF";
  out += '<';
  for (int shift = 12; shift >= 0; shift -= 4) out += kDigits[(value >> static_cast<unsigned>(shift)) & 0xFU];
  out += '>';
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

}  // namespace

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
  // inside one high byte of the CID and of the code point (veraPDF-library#1011). Other CIDs are bfchar.
  std::vector<Range> ranges;
  std::vector<Range> singles;  ///< `last` unused
  for (std::size_t i = 0; i < entries.size();) {
    std::size_t j = i + 1;
    while (j < entries.size() && entries[j].first == entries[j - 1].first + 1 &&
           entries[j].second == entries[j - 1].second + 1 && (entries[j].first & 0xFFU) != 0 &&
           (entries[j].second & 0xFFU) != 0)
      ++j;
    if (j - i > 1) ranges.push_back({entries[i].first, entries[j - 1].first, entries[i].second});
    else singles.push_back({entries[i].first, entries[i].first, entries[i].second});
    i = j;
  }
  append_blocks(out, ranges, "bfrange", [&](const Range& range) {
    append_hex(out, range.first);
    out += ' ';
    append_hex(out, range.last);
    out += ' ';
    append_hex(out, static_cast<unsigned>(range.code_point));
  });
  append_blocks(out, singles, "bfchar", [&](const Range& single) {
    append_hex(out, single.first);
    out += ' ';
    append_hex(out, static_cast<unsigned>(single.code_point));
  });
  out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return out;
}

}  // namespace vanban::pdf
