#include "pipeline/preview.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "crypto/sha256.hpp"

namespace vanban::pipeline {

namespace {
constexpr std::array<std::string_view, layout::kFaceCount> kFaceNames = {"r", "b", "i", "bi"};

void append_code_point(std::string& out, char32_t cp) {
  char buffer[8];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, static_cast<unsigned>(cp), 16).ptr;
  out.append(buffer, end);
}
}  // namespace

std::string font_file_name(const FontRequest& font) {
  std::string out(kFaceNames[static_cast<std::size_t>(font.face)]);
  out += '-';
  const auto& cps = font.code_points;
  for (std::size_t i = 0; i < cps.size();) {
    std::size_t j = i;
    while (j + 1 < cps.size() && cps[j + 1] == cps[j] + 1) ++j;
    if (i != 0) out += '.';
    append_code_point(out, cps[i]);
    if (j != i) {
      out += '-';
      append_code_point(out, cps[j]);
    }
    i = j + 1;
  }
  return out + ".ttf";
}

std::optional<FontRequest> parse_font_file_name(std::string_view name) {
  const auto dash = name.find('-');
  constexpr std::string_view kExtension = ".ttf";
  if (dash == std::string_view::npos || name.size() < dash + 1 + kExtension.size() ||
      name.substr(name.size() - kExtension.size()) != kExtension)
    return std::nullopt;
  FontRequest out;
  bool known = false;
  for (std::size_t f = 0; f < kFaceNames.size(); ++f)
    if (name.substr(0, dash) == kFaceNames[f]) {
      out.face = static_cast<layout::Face>(f);
      known = true;
    }
  if (!known) return std::nullopt;
  const std::string_view ranges = name.substr(dash + 1, name.size() - dash - 1 - kExtension.size());
  const auto number = [](std::string_view text) -> std::optional<char32_t> {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    // Lowercase digits without leading zeros only: one name per font.
    if (error != std::errc() || end != text.data() + text.size() || value > 0xFFFF || text.empty() ||
        (text.size() > 1 && text.front() == '0'))
      return std::nullopt;
    for (const char c : text)
      if (c >= 'A' && c <= 'F') return std::nullopt;
    return static_cast<char32_t>(value);
  };
  std::size_t at = 0;
  while (at <= ranges.size()) {
    const std::size_t end = std::min(ranges.find('.', at), ranges.size());
    const std::string_view range = ranges.substr(at, end - at);
    const std::size_t minus = range.find('-');
    const auto first = number(range.substr(0, minus));
    const auto last = minus == std::string_view::npos ? first : number(range.substr(minus + 1));
    const bool single = minus == std::string_view::npos;
    // A range names at least two characters; ranges ascend with a gap between them (else they would be one).
    if (!first || !last || (single ? *last != *first : *last <= *first) ||
        (!out.code_points.empty() && *first <= out.code_points.back() + 1U))
      return std::nullopt;
    for (char32_t cp = *first; cp <= *last; ++cp) out.code_points.push_back(cp);
    at = end + 1;
  }
  if (out.code_points.empty() || font_file_name(out) != name) return std::nullopt;
  return out;
}

std::string content_key(const std::vector<std::string_view>& parts) {
  crypto::Sha256 hash;
  for (const auto part : parts) {
    hash.update(std::to_string(part.size()) + ":");
    hash.update(part);
  }
  return crypto::to_hex(hash.finish());
}

}  // namespace vanban::pipeline
