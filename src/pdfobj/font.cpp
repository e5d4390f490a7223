#include "pdfobj/font.hpp"

#include "pdfobj/lexical.hpp"

namespace vanban::pdfobj {

namespace {

Object name(const char* value) { return Object(Name{value}); }
Object integer(std::int64_t value) { return Object(value); }

// Font flags (ISO 32000-1 §9.8.2): Serif, Nonsymbolic, and Italic for the italic faces.
constexpr std::int64_t kSerif = 2;
constexpr std::int64_t kNonsymbolic = 32;
constexpr std::int64_t kItalic = 64;

}  // namespace

Ref write_font(ObjectWriter& writer, const EmbeddableFont& font) {
  Dict file;
  set(file, "Length1", integer(static_cast<std::int64_t>(font.program.size())));
  const Ref program = writer.add_stream(std::move(file), font.program, StreamCoding::flate);

  // PDF/A-1 asks for a CIDSet naming every CID present in the subset (a few bytes: compressing would add bytes).
  const Ref cid_set = writer.add_stream(Dict{}, pdfobj::cid_set(font.widths.size()), StreamCoding::as_is);

  Dict descriptor;
  set(descriptor, "Type", name("FontDescriptor"));
  set(descriptor, "FontName", Object(Name{font.base_name}));
  set(descriptor, "Flags", integer(kSerif + kNonsymbolic + (font.italic ? kItalic : 0)));
  Array bbox;
  for (const int v : font.bbox) bbox.push_back(integer(v));
  set(descriptor, "FontBBox", Object(std::move(bbox)));
  set(descriptor, "ItalicAngle", Object(Real{font.italic_angle, format_number(font.italic_angle)}));
  set(descriptor, "Ascent", integer(font.ascent));
  set(descriptor, "Descent", integer(font.descent));
  set(descriptor, "CapHeight", integer(font.cap_height));
  set(descriptor, "StemV", integer(font.bold ? 140 : 80));
  set(descriptor, "FontFile2", Object(program));
  set(descriptor, "CIDSet", Object(cid_set));
  const Ref descriptor_ref = writer.add(Object(std::move(descriptor)));

  // Widths of the CIDs the text draws (1…n); .notdef and the components of composites are never drawn.
  Array widths;
  for (std::size_t cid = 1; cid <= font.cids.size() && cid < font.widths.size(); ++cid)
    widths.push_back(integer(font.widths[cid]));
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
  const Ref cid_font_ref = writer.add(Object(std::move(cid_font)));

  const Ref to_unicode = writer.add_stream(Dict{}, to_unicode_cmap(font.cids), StreamCoding::flate);

  Dict type0;
  set(type0, "Type", name("Font"));
  set(type0, "Subtype", name("Type0"));
  set(type0, "BaseFont", Object(Name{font.base_name}));
  set(type0, "Encoding", name("Identity-H"));
  set(type0, "DescendantFonts", Object(Array{Object(cid_font_ref)}));
  set(type0, "ToUnicode", Object(to_unicode));
  return writer.add(Object(std::move(type0)));
}

}  // namespace vanban::pdfobj
