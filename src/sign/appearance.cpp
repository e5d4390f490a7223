#include "sign/appearance.hpp"

#include <algorithm>
#include <map>

#include "pdfobj/lexical.hpp"

namespace vanban::sign {

namespace {

Object name(const char* value) { return Object(Name{value}); }
Object integer(std::int64_t value) { return Object(value); }
Object real(double value) { return Object(Real{value, format_number(value)}); }

Object numbers(std::initializer_list<double> values) {
  Array array;
  for (const double v : values) array.push_back(real(v));
  return Object(std::move(array));
}

Ref add_form(IncrementalUpdate& update, const Rect& rect, Dict resources, const std::string& content) {
  Dict form;
  set(form, "Type", name("XObject"));
  set(form, "Subtype", name("Form"));
  set(form, "FormType", integer(1));
  set(form, "BBox", numbers({0, 0, rect[2] - rect[0], rect[3] - rect[1]}));
  set(form, "Resources", Object(std::move(resources)));
  return update.add_stream(std::move(form), content);
}

double line_width(const EmbeddableFont& font, const std::u32string& line, double size) {
  double width = 0;
  for (const char32_t cp : line) {
    const auto it = font.cids.find(cp);
    if (it != font.cids.end() && it->second < font.widths.size()) width += font.widths[it->second];
  }
  return width * size / 1000.0;
}

}  // namespace

Ref add_empty_appearance(IncrementalUpdate& update, const Rect& rect) { return add_form(update, rect, Dict{}, ""); }

Ref add_image_appearance(IncrementalUpdate& update, const RasterImage& image, const Rect& rect) {
  Dict dict;
  set(dict, "Type", name("XObject"));
  set(dict, "Subtype", name("Image"));
  set(dict, "Width", integer(image.width));
  set(dict, "Height", integer(image.height));
  set(dict, "ColorSpace", name("DeviceRGB"));
  set(dict, "BitsPerComponent", integer(8));
  set(dict, "Filter", name("FlateDecode"));
  if (image.mask) {
    // Explicit masking with a stencil (PDF 1.3): allowed in PDF/A-1, unlike a soft mask.
    Dict mask;
    set(mask, "Type", name("XObject"));
    set(mask, "Subtype", name("Image"));
    set(mask, "Width", integer(image.width));
    set(mask, "Height", integer(image.height));
    set(mask, "ImageMask", Object(true));
    set(mask, "BitsPerComponent", integer(1));
    set(mask, "Filter", name("FlateDecode"));
    set(dict, "Mask", Object(update.add_stream(std::move(mask), deflate(*image.mask))));
  }
  const Ref picture = update.add_stream(std::move(dict), deflate(image.rgb));
  Dict xobjects;
  set(xobjects, "Im0", Object(picture));
  Dict resources;
  set(resources, "XObject", Object(std::move(xobjects)));
  set(resources, "ProcSet", Object(Array{name("PDF"), name("ImageC")}));
  const double width = rect[2] - rect[0];
  const double height = rect[3] - rect[1];
  const std::string content = "q " + format_number(width) + " 0 0 " + format_number(height) + " 0 0 cm /Im0 Do Q";
  return add_form(update, rect, std::move(resources), content);
}

std::array<double, 2> text_block_size(const EmbeddableFont& font, const std::vector<std::u32string>& lines, double size,
                                      double leading) {
  double width = 0;
  for (const auto& line : lines) width = std::max(width, line_width(font, line, size));
  const double descent = -font.descent * size / 1000.0;
  const double ascent = font.ascent * size / 1000.0;
  const double height = lines.empty() ? 0 : ascent + descent + leading * static_cast<double>(lines.size() - 1);
  return {width, height};
}

Ref add_text_appearance(IncrementalUpdate& update, const EmbeddableFont& font, const std::vector<std::u32string>& lines,
                        double size, double leading, const Rect& rect) {
  const Ref font_ref = pdfobj::write_font(update, font);
  const double width = rect[2] - rect[0];
  const double height = rect[3] - rect[1];
  std::string content = "BT\n/F0 " + format_number(size) + " Tf\n";
  double baseline = height - font.ascent * size / 1000.0;
  for (const auto& line : lines) {
    const double x = width - line_width(font, line, size);
    content += "1 0 0 1 " + format_number(x) + " " + format_number(baseline) + " Tm <";
    for (const char32_t cp : line) {
      const auto it = font.cids.find(cp);
      pdfobj::append_hex4(content, it == font.cids.end() ? 0U : it->second);
    }
    content += "> Tj\n";
    baseline -= leading;
  }
  content += "ET";
  Dict fonts;
  set(fonts, "F0", Object(font_ref));
  Dict resources;
  set(resources, "Font", Object(std::move(fonts)));
  set(resources, "ProcSet", Object(Array{name("PDF"), name("Text")}));
  return add_form(update, rect, std::move(resources), content);
}

}  // namespace vanban::sign
