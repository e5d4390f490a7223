#include "pdf/writer.hpp"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "base/error.hpp"
#include "base/pdf_syntax.hpp"
#include "base/utf8.hpp"
#include "pdf/true_type.hpp"

namespace vanban::pdf {

namespace {

// ---- libharu plumbing ---------------------------------------------------------------------------

struct ErrorState {
  HPDF_STATUS error = HPDF_OK;
  HPDF_STATUS detail = 0;
};

void on_error(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
  auto* state = static_cast<ErrorState*>(user_data);
  if (state->error == HPDF_OK) {
    state->error = error;
    state->detail = detail;
  }
}

class Document {
 public:
  Document() : pdf_(HPDF_New(on_error, &errors_)) {
    if (pdf_ == nullptr) throw Error("libharu cannot create a document");
  }
  ~Document() { HPDF_Free(pdf_); }
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  HPDF_Doc get() const { return pdf_; }
  HPDF_MMgr mmgr() const { return pdf_->mmgr; }
  HPDF_Xref xref() const { return pdf_->xref; }

  /// Throws when libharu reported an error or `status` is not OK.
  void check(HPDF_STATUS status, const char* what) const {
    if (status != HPDF_OK || errors_.error != HPDF_OK) {
      char buffer[160];
      std::snprintf(buffer, sizeof buffer, "libharu failed to %s (error 0x%04X, detail %u)", what,
                    static_cast<unsigned>(errors_.error != HPDF_OK ? errors_.error : status),
                    static_cast<unsigned>(errors_.detail));
      throw Error(buffer);
    }
  }
  template <typename T>
  T* made(T* object, const char* what) const {
    if (object == nullptr) check(HPDF_FAILD_TO_ALLOC_MEM, what);
    check(HPDF_OK, what);
    return object;
  }

  HPDF_Dict dict() const { return made(HPDF_Dict_New(mmgr()), "create a dictionary"); }
  HPDF_Dict indirect_dict() const {
    HPDF_Dict d = dict();
    check(HPDF_Xref_Add(xref(), d), "add an object");
    return d;
  }
  HPDF_Dict stream(bool compressed) const {
    HPDF_Dict d = made(HPDF_DictStream_New(mmgr(), xref()), "create a stream");
    d->filter = compressed ? HPDF_STREAM_FILTER_FLATE_DECODE : HPDF_STREAM_FILTER_NONE;
    return d;
  }
  void write(HPDF_Dict stream, std::string_view bytes) const {
    check(HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                            static_cast<HPDF_UINT>(bytes.size())),
          "write a stream");
  }
  HPDF_Array array() const { return made(HPDF_Array_New(mmgr()), "create an array"); }
  HPDF_Binary binary(std::string_view bytes) const {
    return made(HPDF_Binary_New(mmgr(), reinterpret_cast<HPDF_BYTE*>(const_cast<char*>(bytes.data())),
                                static_cast<HPDF_UINT>(bytes.size())),
                "create a string");
  }
  HPDF_String ascii(const std::string& text) const {
    return made(HPDF_String_New(mmgr(), text.c_str(), nullptr), "create a string");
  }

 private:
  ErrorState errors_;
  HPDF_Doc pdf_;
};

// ---- numbers and strings ------------------------------------------------------------------------

// Fixed-point with at most `decimals` digits, no trailing zeros, never "-0".
std::string number(double value, int decimals = 2) { return pdf_syntax::number(value, decimals); }

using pdf_syntax::hex4;
using pdf_syntax::utf16_text;

// ---- fonts ---------------------------------------------------------------------------------------

// One face as embedded in this document: code point → CID (= glyph index in the subset).
struct EmbeddedFace {
  std::map<char32_t, std::uint16_t> cids;
  HPDF_Dict font = nullptr;
};

std::string subset_tag(const std::string& name, const std::vector<std::uint16_t>& glyphs) {
  std::uint64_t hash = 1469598103934665603ULL;
  const auto mix = [&](unsigned char byte) {
    hash ^= byte;
    hash *= 1099511628211ULL;
  };
  for (const char c : name) mix(static_cast<unsigned char>(c));
  for (const std::uint16_t g : glyphs) {
    mix(static_cast<unsigned char>(g >> 8U));
    mix(static_cast<unsigned char>(g & 0xFFU));
  }
  std::string tag;
  for (int i = 0; i < 6; ++i) {
    tag += static_cast<char>('A' + hash % 26);
    hash /= 26;
  }
  return tag;
}

std::string to_unicode_cmap(const std::map<char32_t, std::uint16_t>& cids) {
  std::vector<std::pair<std::uint16_t, char32_t>> entries;
  for (const auto& [cp, cid] : cids) entries.emplace_back(cid, cp);
  return pdf_syntax::to_unicode_cmap(std::move(entries));
}

EmbeddedFace embed_face(const Document& doc, const TrueTypeFont& font, const std::set<char32_t>& used,
                        layout::Face face) {
  EmbeddedFace embedded;
  std::vector<std::uint16_t> glyphs{0};
  for (const char32_t cp : used) {
    embedded.cids[cp] = static_cast<std::uint16_t>(glyphs.size());
    glyphs.push_back(font.glyph_for(cp));
  }
  // Components of composite glyphs (Vietnamese letters are base + marks), recursively.
  std::set<std::uint16_t> present(glyphs.begin(), glyphs.end());
  for (std::size_t i = 0; i < glyphs.size(); ++i)
    for (const std::uint16_t component : font.components(glyphs[i]))
      if (present.insert(component).second) glyphs.push_back(component);

  const std::string base_font = subset_tag(font.postscript_name(), glyphs) + "+" + font.postscript_name();
  const double scale = 1000.0 / font.units_per_em();
  const auto scaled = [&](int units) { return static_cast<HPDF_INT32>(std::lround(units * scale)); };

  // FontFile2 with its uncompressed length.
  const Bytes program = font.subset(glyphs);
  HPDF_Dict file = doc.stream(true);
  doc.write(file, program);
  doc.check(HPDF_Dict_AddNumber(file, "Length1", static_cast<HPDF_INT32>(program.size())), "describe the font file");

  // CIDSet: every CID of the subset is present (PDF/A-1).
  std::string bits((glyphs.size() + 7) / 8, '\0');
  for (std::size_t cid = 0; cid < glyphs.size(); ++cid)
    bits[cid / 8] = static_cast<char>(static_cast<unsigned char>(bits[cid / 8]) | (0x80U >> (cid % 8)));
  HPDF_Dict cid_set = doc.stream(true);
  doc.write(cid_set, bits);

  const bool italic = face == layout::Face::italic || face == layout::Face::bold_italic;
  const bool bold = face == layout::Face::bold || face == layout::Face::bold_italic;
  HPDF_Dict descriptor = doc.indirect_dict();
  doc.check(HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor"), "describe the font");
  doc.check(HPDF_Dict_AddName(descriptor, "FontName", base_font.c_str()), "describe the font");
  doc.check(HPDF_Dict_AddNumber(descriptor, "Flags", 2 + 32 + (italic ? 64 : 0)), "describe the font");
  HPDF_Array bbox = doc.array();
  for (const int v : font.bounding_box()) doc.check(HPDF_Array_AddNumber(bbox, scaled(v)), "describe the font");
  doc.check(HPDF_Dict_Add(descriptor, "FontBBox", bbox), "describe the font");
  doc.check(HPDF_Dict_AddReal(descriptor, "ItalicAngle", static_cast<HPDF_REAL>(font.italic_angle())),
            "describe the font");
  doc.check(HPDF_Dict_AddNumber(descriptor, "Ascent", scaled(font.ascender())), "describe the font");
  doc.check(HPDF_Dict_AddNumber(descriptor, "Descent", scaled(font.descender())), "describe the font");
  doc.check(HPDF_Dict_AddNumber(descriptor, "CapHeight", scaled(font.cap_height())), "describe the font");
  doc.check(HPDF_Dict_AddNumber(descriptor, "StemV", bold ? 140 : 80), "describe the font");
  doc.check(HPDF_Dict_Add(descriptor, "FontFile2", file), "describe the font");
  doc.check(HPDF_Dict_Add(descriptor, "CIDSet", cid_set), "describe the font");

  HPDF_Dict cid_font = doc.indirect_dict();
  doc.check(HPDF_Dict_AddName(cid_font, "Type", "Font"), "create the font");
  doc.check(HPDF_Dict_AddName(cid_font, "Subtype", "CIDFontType2"), "create the font");
  doc.check(HPDF_Dict_AddName(cid_font, "BaseFont", base_font.c_str()), "create the font");
  HPDF_Dict system_info = doc.dict();
  doc.check(HPDF_Dict_Add(system_info, "Registry", doc.ascii("Adobe")), "create the font");
  doc.check(HPDF_Dict_Add(system_info, "Ordering", doc.ascii("Identity")), "create the font");
  doc.check(HPDF_Dict_AddNumber(system_info, "Supplement", 0), "create the font");
  doc.check(HPDF_Dict_Add(cid_font, "CIDSystemInfo", system_info), "create the font");
  doc.check(HPDF_Dict_Add(cid_font, "FontDescriptor", descriptor), "create the font");
  HPDF_Array widths = doc.array();
  HPDF_Array run = doc.array();
  for (const std::uint16_t glyph : glyphs)
    doc.check(HPDF_Array_AddNumber(run, scaled(font.advance(glyph))), "list the widths");
  doc.check(HPDF_Array_AddNumber(widths, 0), "list the widths");
  doc.check(HPDF_Array_Add(widths, run), "list the widths");
  doc.check(HPDF_Dict_Add(cid_font, "W", widths), "create the font");
  doc.check(HPDF_Dict_AddName(cid_font, "CIDToGIDMap", "Identity"), "create the font");

  HPDF_Dict to_unicode = doc.stream(true);
  doc.write(to_unicode, to_unicode_cmap(embedded.cids));

  embedded.font = doc.indirect_dict();
  doc.check(HPDF_Dict_AddName(embedded.font, "Type", "Font"), "create the font");
  doc.check(HPDF_Dict_AddName(embedded.font, "Subtype", "Type0"), "create the font");
  doc.check(HPDF_Dict_AddName(embedded.font, "BaseFont", base_font.c_str()), "create the font");
  doc.check(HPDF_Dict_AddName(embedded.font, "Encoding", "Identity-H"), "create the font");
  HPDF_Array descendants = doc.array();
  doc.check(HPDF_Array_Add(descendants, cid_font), "create the font");
  doc.check(HPDF_Dict_Add(embedded.font, "DescendantFonts", descendants), "create the font");
  doc.check(HPDF_Dict_Add(embedded.font, "ToUnicode", to_unicode), "create the font");
  return embedded;
}

// ---- content -------------------------------------------------------------------------------------

// "[<0001000200030004> -123.5 <…>] TJ": each space widened by the run's word spacing.
void show_text(std::string& out, const layout::PlacedText& text, const EmbeddedFace& face) {
  const double adjustment = -text.word_spacing * 1000.0 / text.size;
  out += '[';
  out += '<';
  std::size_t offset = 0;
  while (offset < text.text.size()) {
    const char32_t cp = utf8::decode(text.text, offset);
    const auto it = face.cids.find(cp);
    out += hex4(it == face.cids.end() ? 0U : it->second);
    if (cp == U' ' && text.word_spacing != 0 && offset < text.text.size()) {
      out += "> ";
      out += number(adjustment, 1);
      out += " <";
    }
  }
  out += ">] TJ\n";
}

// An empty signature field over each box the layout kept for a signature image (Nghị định 30, ô 7c),
// named "signer", "signer2", …: `vanban sign --appearance signer` puts the image exactly there.
void add_signature_fields(const Document& doc, HPDF_Page pdf_page, const layout::Page& page, double page_height,
                          HPDF_Array& fields) {
  for (const auto& box : page.signature_boxes) {
    if (fields == nullptr) fields = doc.array();
    const auto count = HPDF_Array_Items(fields);
    const std::string name = count == 0 ? "signer" : "signer" + std::to_string(count + 1);
    HPDF_Dict widget = doc.indirect_dict();
    doc.check(HPDF_Dict_AddName(widget, "Type", "Annot"), "add a signature field");
    doc.check(HPDF_Dict_AddName(widget, "Subtype", "Widget"), "add a signature field");
    doc.check(HPDF_Dict_AddName(widget, "FT", "Sig"), "add a signature field");
    doc.check(HPDF_Dict_Add(widget, "T", doc.ascii(name)), "add a signature field");
    doc.check(HPDF_Dict_AddNumber(widget, "F", 4), "add a signature field");  // Print (PDF/A)
    HPDF_Array rect = doc.array();
    for (const double v : {box.x, page_height - box.top - box.height, box.x + box.width, page_height - box.top})
      doc.check(HPDF_Array_AddReal(rect, static_cast<HPDF_REAL>(v)), "add a signature field");
    doc.check(HPDF_Dict_Add(widget, "Rect", rect), "add a signature field");
    doc.check(HPDF_Dict_Add(widget, "P", pdf_page), "add a signature field");
    // PDF/A wants an appearance for every widget: an empty form until the field is signed.
    HPDF_Dict empty = doc.stream(false);
    doc.check(HPDF_Dict_AddName(empty, "Type", "XObject"), "add a signature field");
    doc.check(HPDF_Dict_AddName(empty, "Subtype", "Form"), "add a signature field");
    HPDF_Array bbox = doc.array();
    for (const double v : {0.0, 0.0, box.width, box.height})
      doc.check(HPDF_Array_AddReal(bbox, static_cast<HPDF_REAL>(v)), "add a signature field");
    doc.check(HPDF_Dict_Add(empty, "BBox", bbox), "add a signature field");
    HPDF_Dict appearance = doc.dict();
    doc.check(HPDF_Dict_Add(appearance, "N", empty), "add a signature field");
    doc.check(HPDF_Dict_Add(widget, "AP", appearance), "add a signature field");
    auto annots = static_cast<HPDF_Array>(HPDF_Dict_GetItem(pdf_page, "Annots", HPDF_OCLASS_ARRAY));
    if (annots == nullptr) {
      annots = doc.array();
      doc.check(HPDF_Dict_Add(pdf_page, "Annots", annots), "add a signature field");
    }
    doc.check(HPDF_Array_Add(annots, widget), "add a signature field");
    doc.check(HPDF_Array_Add(fields, widget), "add a signature field");
  }
}

void hash_text(HPDF_MD5_CTX& md5, std::string_view text) {
  HPDF_MD5Update(&md5, reinterpret_cast<const HPDF_BYTE*>(text.data()), static_cast<HPDF_UINT32>(text.size()));
}

}  // namespace

Bytes write_pdf(const layout::PageSet& pages, const DocumentInfo& info, const FontSet& fonts) {
  Document doc;
  HPDF_Doc pdf = doc.get();
  pdf->pdf_version = HPDF_VER_14;
  doc.check(HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL), "enable compression");

  // Which characters each face draws, so each face embeds exactly those glyphs.
  std::array<std::set<char32_t>, layout::kFaceCount> used;
  for (const auto& page : pages.pages)
    for (const auto& text : page.texts) {
      std::size_t offset = 0;
      while (offset < text.text.size()) used[static_cast<std::size_t>(text.face)].insert(utf8::decode(text.text, offset));
    }
  std::array<EmbeddedFace, layout::kFaceCount> faces;
  for (std::size_t f = 0; f < faces.size(); ++f)
    if (!used[f].empty())
      faces[f] = embed_face(doc, fonts.font(static_cast<layout::Face>(f)), used[f], static_cast<layout::Face>(f));

  HPDF_MD5_CTX md5;
  HPDF_MD5Init(&md5);
  HPDF_Array signature_fields = nullptr;
  for (const auto& page : pages.pages) {
    HPDF_Page pdf_page = HPDF_AddPage(pdf);
    doc.made(pdf_page, "add a page");
    doc.check(HPDF_Page_SetWidth(pdf_page, static_cast<HPDF_REAL>(pages.width)), "size a page");
    doc.check(HPDF_Page_SetHeight(pdf_page, static_cast<HPDF_REAL>(pages.height)), "size a page");
    add_signature_fields(doc, pdf_page, page, pages.height, signature_fields);
    std::string content;
    content.reserve(16384);
    if (!page.rules.empty()) {
      double thickness = -1;
      for (const auto& rule : page.rules) {
        if (rule.thickness != thickness) {
          thickness = rule.thickness;
          content += number(thickness) + " w\n";
        }
        content += number(rule.x1) + " " + number(pages.height - rule.y1) + " m " + number(rule.x2) + " " +
                   number(pages.height - rule.y2) + " l S\n";
      }
    }
    if (!page.texts.empty()) {
      content += "BT\n";
      const EmbeddedFace* current = nullptr;
      double current_size = -1;
      for (const auto& text : page.texts) {
        const EmbeddedFace& face = faces[static_cast<std::size_t>(text.face)];
        if (&face != current || text.size != current_size) {
          const char* name = HPDF_Page_GetLocalFontName(pdf_page, face.font);
          doc.made(name, "register a font on a page");
          content += "/" + std::string(name) + " " + number(text.size) + " Tf\n";
          current = &face;
          current_size = text.size;
        }
        content += "1 0 0 1 " + number(text.x) + " " + number(pages.height - text.baseline) + " Tm ";
        show_text(content, text, face);
      }
      content += "ET\n";
    }
    hash_text(md5, content);
    const auto* attr = static_cast<HPDF_PageAttr>(pdf_page->attr);
    doc.check(HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(content.data()),
                                static_cast<HPDF_UINT>(content.size())),
              "write page content");
  }

  if (signature_fields != nullptr) {
    HPDF_Dict form = doc.dict();
    doc.check(HPDF_Dict_Add(form, "Fields", signature_fields), "add the form");
    doc.check(HPDF_Dict_Add(pdf->catalog, "AcroForm", form), "add the form");
  }

  // Info dictionary.
  char date[40];
  std::snprintf(date, sizeof date, "D:%04d%02d%02d000000+07'00'", info.year, info.month, info.day);
  HPDF_Dict info_dict = pdf->info;
  if (info_dict == nullptr) {
    info_dict = doc.indirect_dict();
    pdf->info = info_dict;
  }
  const auto set_text = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    doc.check(HPDF_Dict_Add(info_dict, key, doc.binary(utf16_text(value))), "write document information");
    hash_text(md5, value);
  };
  set_text("Title", info.title);
  set_text("Author", info.author);
  set_text("Subject", info.subject);
  set_text("Keywords", info.keywords);
  doc.check(HPDF_Dict_Add(info_dict, "Producer", doc.ascii("vanban")), "write document information");
  doc.check(HPDF_Dict_Add(info_dict, "CreationDate", doc.ascii(date)), "write document information");
  hash_text(md5, date);

  // A file identifier from the content, never from the clock.
  HPDF_BYTE digest[16];
  HPDF_MD5Final(digest, &md5);
  const std::string id(reinterpret_cast<const char*>(digest), sizeof digest);
  HPDF_Array ids = doc.array();
  doc.check(HPDF_Array_Add(ids, doc.binary(id)), "write the file identifier");
  doc.check(HPDF_Array_Add(ids, doc.binary(id)), "write the file identifier");
  doc.check(HPDF_Dict_Add(pdf->trailer, "ID", ids), "write the file identifier");

  doc.check(HPDF_SaveToStream(pdf), "save the document");
  doc.check(HPDF_ResetStream(pdf), "rewind the document");
  const HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
  Bytes bytes(size, '\0');
  HPDF_UINT32 read = size;
  doc.check(HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read), "read the document");
  bytes.resize(read);
  return bytes;
}

}  // namespace vanban::pdf
