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

Ref add_font(IncrementalUpdate& update, const EmbeddableFont& font) {
  Dict file;
  set(file, "Length1", integer(static_cast<std::int64_t>(font.program.size())));
  set(file, "Filter", name("FlateDecode"));
  const Ref program = update.add_stream(std::move(file), deflate(font.program));

  // PDF/A-1 asks for a CIDSet naming every CID present in the subset (a few bytes: left unfiltered).
  const Ref cid_set = update.add_stream(Dict{}, pdfobj::cid_set(font.widths.size()));

  Dict descriptor;
  set(descriptor, "Type", name("FontDescriptor"));
  set(descriptor, "FontName", Object(Name{font.base_name}));
  set(descriptor, "Flags", integer(34));  // serif, nonsymbolic
  set(descriptor, "FontBBox", numbers({static_cast<double>(font.bbox[0]), static_cast<double>(font.bbox[1]),
                                       static_cast<double>(font.bbox[2]), static_cast<double>(font.bbox[3])}));
  set(descriptor, "ItalicAngle", real(font.italic_angle));
  set(descriptor, "Ascent", integer(font.ascent));
  set(descriptor, "Descent", integer(font.descent));
  set(descriptor, "CapHeight", integer(font.cap_height));
  set(descriptor, "StemV", integer(80));
  set(descriptor, "FontFile2", Object(program));
  set(descriptor, "CIDSet", Object(cid_set));
  const Ref descriptor_ref = update.add(Object(std::move(descriptor)));

  Array widths;
  for (std::size_t cid = 1; cid < font.widths.size(); ++cid) widths.push_back(integer(font.widths[cid]));
  Dict cid_font;
  set(cid_font, "Type", name("Font"));
  set(cid_font, "Subtype", name("CIDFontType2"));
  set(cid_font, "BaseFont", Object(Name{font.base_name}));
  Dict system_info;
  set(system_info, "Registry", Object(String{"Adobe", false}));
  set(system_info, "Ordering", Object(String{"Identity", false}));
  set(system_info, "Supplement", integer(0));
  set(cid_font, "CIDSystemInfo", Object(std::move(system_info)));
  set(cid_font, "FontDescriptor", Object(descriptor_ref));
  set(cid_font, "W", Object(Array{integer(1), Object(std::move(widths))}));
  set(cid_font, "CIDToGIDMap", name("Identity"));
  const Ref cid_font_ref = update.add(Object(std::move(cid_font)));

  const Ref to_unicode = update.add_stream(Dict{}, pdfobj::to_unicode_cmap(font.cids));
  Dict type0;
  set(type0, "Type", name("Font"));
  set(type0, "Subtype", name("Type0"));
  set(type0, "BaseFont", Object(Name{font.base_name}));
  set(type0, "Encoding", name("Identity-H"));
  set(type0, "DescendantFonts", Object(Array{Object(cid_font_ref)}));
  set(type0, "ToUnicode", Object(to_unicode));
  return update.add(Object(std::move(type0)));
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

std::array<double, 2> text_block_size(const EmbeddableFont& font, const std::vector<std::u32string>& lines,
                                      double size, double leading) {
  double width = 0;
  for (const auto& line : lines) width = std::max(width, line_width(font, line, size));
  const double descent = -font.descent * size / 1000.0;
  const double ascent = font.ascent * size / 1000.0;
  const double height = lines.empty() ? 0 : ascent + descent + leading * static_cast<double>(lines.size() - 1);
  return {width, height};
}

Ref add_text_appearance(IncrementalUpdate& update, const EmbeddableFont& font, const std::vector<std::u32string>& lines,
                        double size, double leading, const Rect& rect) {
  const Ref font_ref = add_font(update, font);
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
