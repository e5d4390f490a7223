#include "svg/writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <utility>

#include "base/decimal.hpp"
#include "base/utf8.hpp"

namespace vanban::svg {

namespace {

// Coordinates and sizes with at most two decimals (a hundredth of a point), as the PDF writes them.
void append_number(std::string& out, double value) { append_fixed(out, value, 2); }

// Appends ` name="value"` for each attribute, the values as coordinates.
void append_attributes(std::string& out, std::initializer_list<std::pair<const char*, double>> attributes) {
  for (const auto& [name, value] : attributes) {
    out += ' ';
    out += name;
    out += "=\"";
    append_number(out, value);
    out += '"';
  }
}

// The CSS font family of each face in the page's style sheet: the subset first, then the same font installed.
constexpr std::array<const char*, layout::kFaceCount> kFamilies = {"vanban-r", "vanban-b", "vanban-i", "vanban-bi"};
constexpr std::array<const char*, layout::kFaceCount> kFaceStyle = {"", "font-weight:bold;", "font-style:italic;",
                                                                    "font-weight:bold;font-style:italic;"};

// Appends a code point to character data, escaping what XML cannot hold as is.
void append_character(std::string& out, char32_t cp) {
  switch (cp) {
    case U'&': out += "&amp;"; break;
    case U'<': out += "&lt;"; break;
    case U'>': out += "&gt;"; break;
    default: utf8::append(out, cp);
  }
}

// One run as a <text> with a <tspan x> per glyph. The advance of each glyph is the one the PDF states (the face's
// width in thousandths of an em at the run's size), and a space is widened by the word spacing exactly as the PDF's
// TJ adjustment (written with one decimal in thousandths) widens it. Spaces ride at the end of the glyph before
// them: the next glyph has its own x.
void append_text(std::string& out, const layout::PlacedText& text, const layout::FontMetrics& metrics) {
  const double size = std::round(text.size * 100.0) / 100.0;
  const double adjustment = std::round(-text.word_spacing * 1000.0 / text.size * 10.0) / 10.0;
  double x = std::round(text.x * 100.0) / 100.0;
  out += "<text class=\"f";
  out += static_cast<char>('0' + static_cast<int>(text.face));
  out += "\" font-size=\"";
  append_number(out, size);
  out += "\" y=\"";
  append_number(out, text.baseline);
  out += "\">";
  bool open = false;
  std::size_t offset = 0;
  while (offset < text.text.size()) {
    const char32_t cp = utf8::decode(text.text, offset);
    if (cp != U' ' || !open) {
      if (open) out += "</tspan>";
      out += "<tspan x=\"";
      append_number(out, x);
      out += "\">";
      open = true;
    }
    append_character(out, cp);
    x += metrics.advance(text.face, cp).value_or(0) * size / 1000.0;
    if (cp == U' ' && text.word_spacing != 0 && offset < text.text.size()) x -= adjustment * size / 1000.0;
  }
  if (open) out += "</tspan>";
  out += "</text>\n";
}

// A colour component from 0 to 1 as two hexadecimal digits, rounded as the PDF writes it (two decimals).
void append_component(std::string& out, double component) {
  const double rounded = std::round(component * 100.0) / 100.0;
  const auto value = static_cast<unsigned>(std::lround(std::clamp(rounded, 0.0, 1.0) * 255.0));
  constexpr const char* kDigits = "0123456789abcdef";
  out += kDigits[value >> 4U];
  out += kDigits[value & 15U];
}

// A name for the document's fonts: "vb" and eight hexadecimal digits hashed (FNV-1a) from their URLs. Pages placed in
// one HTML document share its style sheet: the font families and the class selectors are scoped by this name, so the
// pages of two documents (two subsets) never take each other's fonts, and a document's pages agree.
std::string scope_of(const FontUrls& fonts) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (const auto& url : fonts) {
    for (const char c : url) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
    hash ^= 0xFFU;  // between the URLs
    hash *= 1099511628211ULL;
  }
  constexpr const char* kDigits = "0123456789abcdef";
  std::string out = "vb";
  for (int i = 0; i < 8; ++i) out += kDigits[(hash >> (4U * static_cast<unsigned>(i))) & 15U];
  return out;
}

// The CSS family name of a face's subset in the document's scope ("vanban-r-vb0123abcd").
std::string family(std::size_t face, const std::string& scope) { return std::string(kFamilies[face]) + '-' + scope; }

std::string page_svg(const layout::PageSet& pages, const layout::Page& page, const layout::FontMetrics& metrics,
                     const FontUrls& fonts, const std::string& scope, std::size_t& fields) {
  std::string out;
  out.reserve(32768 + 32 * page.texts.size());
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"";
  append_number(out, pages.width);
  out += "pt\" height=\"";
  append_number(out, pages.height);
  out += "pt\" viewBox=\"0 0 ";
  append_number(out, pages.width);
  out += ' ';
  append_number(out, pages.height);
  out += "\" class=\"";
  out += scope;
  out += "\" xml:space=\"preserve\">\n";

  // The faces this page draws, each from its subset.
  std::array<bool, layout::kFaceCount> drawn{};
  for (const auto& text : page.texts) drawn[static_cast<std::size_t>(text.face)] = true;
  out += "<style>";
  for (std::size_t f = 0; f < drawn.size(); ++f) {
    if (!drawn[f] || fonts[f].empty()) continue;
    out += "@font-face{font-family:" + family(f, scope) + ';' + kFaceStyle[f] + "src:url(\"" + fonts[f] +
           "\") format(\"truetype\")}\n";
  }
  for (std::size_t f = 0; f < drawn.size(); ++f) {
    if (!drawn[f]) continue;
    out += '.' + scope + " .f" + static_cast<char>('0' + static_cast<int>(f)) + "{font-family:" + family(f, scope) +
           ",\"Liberation Serif\",serif;" + kFaceStyle[f] + "}\n";
  }
  out += "</style>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n";

  for (const auto& rect : page.rects) {
    out += "<rect";
    append_attributes(out, {{"x", rect.x}, {"y", rect.top}, {"width", rect.width}, {"height", rect.height}});
    out += " fill=\"#";
    for (const double component : {rect.red, rect.green, rect.blue}) append_component(out, component);
    out += "\"/>\n";
  }
  if (!page.rules.empty()) {
    out += "<g stroke=\"#000\">\n";
    for (const auto& rule : page.rules) {
      out += "<line";
      append_attributes(
          out, {{"x1", rule.x1}, {"y1", rule.y1}, {"x2", rule.x2}, {"y2", rule.y2}, {"stroke-width", rule.thickness}});
      out += "/>\n";
    }
    out += "</g>\n";
  }
  for (const auto& text : page.texts) append_text(out, text, metrics);
  // The signature fields, named as the PDF names them ("signer", "signer2", …, counted over the document).
  for (const auto& box : page.signature_boxes) {
    out += "<rect class=\"signature-field\" id=\"signer";
    if (++fields > 1) out += std::to_string(fields);
    out += '"';
    append_attributes(out, {{"x", box.x}, {"y", box.top}, {"width", box.width}, {"height", box.height}});
    out += " fill=\"none\"/>\n";
  }
  out += "</svg>\n";
  return out;
}

}  // namespace

std::vector<std::string> write_svg(const layout::PageSet& pages, const layout::FontMetrics& metrics,
                                   const FontUrls& fonts) {
  std::vector<std::string> out;
  out.reserve(pages.pages.size());
  std::size_t fields = 0;
  const std::string scope = scope_of(fonts);
  for (const auto& page : pages.pages) out.push_back(page_svg(pages, page, metrics, fonts, scope, fields));
  return out;
}

}  // namespace vanban::svg
