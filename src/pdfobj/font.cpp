#include "pdfobj/font.hpp"

#include "pdfobj/lexical.hpp"

namespace vanban::pdfobj {

namespace {

Object name(const char* value) { return Object(Name{value}); }
Object integer(std::int64_t value) { return Object(value); }

// Appends an entry to a dictionary being made (its keys are distinct: no search, unlike set()).
void append(Dict& dict, const char* key, Object value) { dict.push_back(DictEntry{key, std::move(value)}); }

// Font flags (ISO 32000-1 §9.8.2): Serif, Nonsymbolic, and Italic for the italic faces.
constexpr std::int64_t kSerif = 2;
constexpr std::int64_t kNonsymbolic = 32;
constexpr std::int64_t kItalic = 64;

}  // namespace

Ref write_font(ObjectWriter& writer, const EmbeddableFont& font) {
  Dict file;
  append(file, "Length1", integer(static_cast<std::int64_t>(font.program.size())));
  const Ref program = writer.add_stream(std::move(file), font.program, StreamCoding::flate);

  // PDF/A-1 asks for a CIDSet naming every CID present in the subset (a few bytes: compressing would add bytes).
  const Ref cid_set = writer.add_stream(Dict{}, pdfobj::cid_set(font.widths.size()), StreamCoding::as_is);

  Dict descriptor;
  append(descriptor, "Type", name("FontDescriptor"));
  append(descriptor, "FontName", Object(Name{font.base_name}));
  append(descriptor, "Flags", integer(kSerif + kNonsymbolic + (font.italic ? kItalic : 0)));
  Array bbox;
  for (const int v : font.bbox) bbox.push_back(integer(v));
  append(descriptor, "FontBBox", Object(std::move(bbox)));
  append(descriptor, "ItalicAngle", Object(Real{font.italic_angle, format_number(font.italic_angle)}));
  append(descriptor, "Ascent", integer(font.ascent));
  append(descriptor, "Descent", integer(font.descent));
  append(descriptor, "CapHeight", integer(font.cap_height));
  append(descriptor, "StemV", integer(font.bold ? 140 : 80));
  append(descriptor, "FontFile2", Object(program));
  append(descriptor, "CIDSet", Object(cid_set));
  const Ref descriptor_ref = writer.add(Object(std::move(descriptor)));

  // Widths of the CIDs the text draws (1…n); .notdef and the components of composites are never drawn.
  Array widths;
  widths.reserve(font.cids.size());
  for (std::size_t cid = 1; cid <= font.cids.size() && cid < font.widths.size(); ++cid)
    widths.push_back(integer(font.widths[cid]));
  Array w;  // [1 [w1 w2 …]], built without copying the widths
  w.reserve(2);
  w.push_back(integer(1));
  w.push_back(Object(std::move(widths)));
  Dict cid_font;
  append(cid_font, "Type", name("Font"));
  append(cid_font, "Subtype", name("CIDFontType2"));
  append(cid_font, "BaseFont", Object(Name{font.base_name}));
  Dict system_info;
  append(system_info, "Registry", Object(String{"Adobe", false}));
  append(system_info, "Ordering", Object(String{"Identity", false}));
  append(system_info, "Supplement", integer(0));
  append(cid_font, "CIDSystemInfo", Object(std::move(system_info)));
  append(cid_font, "FontDescriptor", Object(descriptor_ref));
  append(cid_font, "W", Object(std::move(w)));
  append(cid_font, "CIDToGIDMap", name("Identity"));
  const Ref cid_font_ref = writer.add(Object(std::move(cid_font)));

  const Ref to_unicode = writer.add_stream(Dict{}, to_unicode_cmap(font.cids), StreamCoding::flate);

  Dict type0;
  append(type0, "Type", name("Font"));
  append(type0, "Subtype", name("Type0"));
  append(type0, "BaseFont", Object(Name{font.base_name}));
  append(type0, "Encoding", name("Identity-H"));
  append(type0, "DescendantFonts", Object(Array{Object(cid_font_ref)}));
  append(type0, "ToUnicode", Object(to_unicode));
  return writer.add(Object(std::move(type0)));
}

}  // namespace vanban::pdfobj
