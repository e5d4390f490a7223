#include "layout/page_set.hpp"

#include <cstdio>

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
