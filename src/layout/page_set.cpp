#include "layout/page_set.hpp"

#include <bit>
#include <cstdint>
#include <cstdio>

#include "base/utf8.hpp"

namespace vanban::layout {

namespace {
std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value + 0.0);  // + 0.0 turns -0 into 0
  std::string out = buffer;
  if (out == "-0.00") out = "0.00";
  return out;
}

const char* face_code(Face face) {
  switch (face) {
    case Face::regular: return "R";
    case Face::bold: return "B";
    case Face::italic: return "I";
    case Face::bold_italic: return "BI";
  }
  return "R";
}
}  // namespace

std::array<std::vector<char32_t>, kFaceCount> code_points_by_face(const PageSet& pages) {
  // A bitmap of the BMP per face: one bit set per character drawn, read back in order.
  std::array<std::vector<std::uint64_t>, kFaceCount> used;
  for (auto& words : used) words.assign(1024, 0);
  for (const auto& page : pages.pages)
    for (const auto& text : page.texts) {
      auto& words = used[static_cast<std::size_t>(text.face)];
      std::size_t offset = 0;
      while (offset < text.text.size()) {
        const char32_t cp = utf8::decode(text.text, offset);
        if (cp <= 0xFFFF) words[cp >> 6U] |= std::uint64_t{1} << (cp & 63U);
      }
    }
  std::array<std::vector<char32_t>, kFaceCount> out;
  for (std::size_t f = 0; f < out.size(); ++f)
    for (std::size_t w = 0; w < used[f].size(); ++w)
      for (std::uint64_t bits = used[f][w]; bits != 0; bits &= bits - 1)
        out[f].push_back(static_cast<char32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits))));
  return out;
}

std::string dump(const PageSet& pages) {
  std::string out =
      "pages " + std::to_string(pages.pages.size()) + " " + number(pages.width) + "x" + number(pages.height) + "\n";
  for (std::size_t p = 0; p < pages.pages.size(); ++p) {
    const Page& page = pages.pages[p];
    const std::string prefix = "p" + std::to_string(p + 1) + " ";
    for (const auto& rect : page.rects)
      out += prefix + "rect " + number(rect.x) + " " + number(rect.top) + " " + number(rect.width) + " " +
             number(rect.height) + " rgb=" + number(rect.red) + "," + number(rect.green) + "," + number(rect.blue) +
             "\n";
    for (const auto& rule : page.rules)
      out += prefix + "rule " + number(rule.x1) + " " + number(rule.y1) + " " + number(rule.x2) + " " +
             number(rule.y2) + " t=" + number(rule.thickness) + "\n";
    for (const auto& text : page.texts) {
      out += prefix + "text " + number(text.x) + " " + number(text.baseline) + " " + face_code(text.face) + " " +
             number(text.size) + " w=" + number(text.width);
      if (text.word_spacing != 0) out += " ws=" + number(text.word_spacing);
      out += " \"" + text.text + "\"\n";
    }
  }
  return out;
}

}  // namespace vanban::layout
