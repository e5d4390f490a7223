#include "pdf/writer.hpp"

#include <hpdf.h>
#include <hpdf_encrypt.h>
#include <hpdf_objects.h>
#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <initializer_list>
#include <memory>
#include <string_view>
#include <variant>
#include <vector>

#include "base/error.hpp"
#include "base/utf8.hpp"
#include "pdf/haru_internals.hpp"
#include "pdf/icc_profile.hpp"
#include "pdf/xmp.hpp"
#include "pdfobj/font.hpp"
#include "pdfobj/lexical.hpp"

namespace vanban::pdf {

namespace {

// ---- compression ---------------------------------------------------------------------------------

// Compression level of every stream (libdeflate's scale, 1–12; libharu's zlib would use 6). Chosen by measurement:
// bench/README.md.
constexpr int kDeflateLevel = 1;

// Compresses streams in the zlib format (/FlateDecode) with libdeflate, which makes the same sizes as zlib at
// about 2.4 times its speed here (bench/README.md). A compressor is not safe to share between threads.
class Deflater {
 public:
  explicit Deflater(int level) : compressor_(libdeflate_alloc_compressor(level)) {
    if (compressor_ == nullptr) throw Error(errors::kLibrary, "libdeflate cannot allocate a compressor");
  }
  ~Deflater() { libdeflate_free_compressor(compressor_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  /// `data` in the zlib format.
  Bytes compress(std::string_view data) {
    Bytes out(libdeflate_zlib_compress_bound(compressor_, data.size()), '\0');
    const std::size_t size = libdeflate_zlib_compress(compressor_, data.data(), data.size(), out.data(), out.size());
    if (size == 0) throw Error(errors::kLibrary, "libdeflate failed to compress a stream");
    out.resize(size);
    return out;
  }

 private:
  libdeflate_compressor* compressor_;
};

// One compressor per thread, kept for the thread's life: allocating one per document costs more than using it.
Deflater& thread_deflater() {
  thread_local Deflater deflater(kDeflateLevel);
  return deflater;
}

// The ICC profile compressed once per process (a function-local static: initialised once, thread-safe).
const Bytes& compressed_icc_profile() {
  static const Bytes compressed = Deflater(12).compress(srgb_icc_profile());
  return compressed;
}

// ---- libharu plumbing ---------------------------------------------------------------------------

// Stream objects bypass libharu's memory streams: their data (already compressed by us) stays in a Payload and a
// dictionary hook writes it straight to the output when the document is saved, in libharu's own layout
// ("\nstream\r\n" … "\nendstream"). This saves three byte-by-byte copies (HPDF_MemCpy) per stream and the
// indirect /Length object libharu makes for each.
struct Payload {
  Bytes data;
  const HPDF_Stream* output;  ///< the document's output stream, set when saving starts
};

HPDF_STATUS write_payload(HPDF_Dict dict) {
  const auto* payload = static_cast<const Payload*>(haru::after_write_data(dict));
  HPDF_Stream out = *payload->output;
  HPDF_STATUS status = HPDF_Stream_WriteStr(out, "\012stream\015\012");
  if (status == HPDF_OK)
    status = HPDF_Stream_Write(out, reinterpret_cast<const HPDF_BYTE*>(payload->data.data()),
                               static_cast<HPDF_UINT>(payload->data.size()));
  if (status == HPDF_OK) status = HPDF_Stream_WriteStr(out, "\012endstream");
  return status;
}

// The output stream's sink: the saved document goes straight into a string.
HPDF_STATUS append_output(HPDF_Stream stream, const HPDF_BYTE* data, HPDF_UINT size) {
  static_cast<Bytes*>(haru::callback_data(stream))->append(reinterpret_cast<const char*>(data), size);
  return HPDF_OK;
}

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

// libharu's ~900 small allocations per document come from an arena of a few blocks, freed together with the
// document (4 % of the instructions per document). libharu's own pool (HPDF_NewEx's mem_pool_buf_size) would do
// the same, but Debian builds it without HPDF_ALINMENT_SIZ, so its blocks are misaligned for libharu's structs
// (UBSan: "misaligned address for type struct _HPDF_Dict_Rec"). libharu's allocation hooks take no user data:
// the arena in use is the calling thread's, set while a Document lives (a document never leaves its thread).
class Arena {
 public:
  void* allocate(std::size_t size) {
    size = (size + kAlign - 1) & ~(kAlign - 1);
    if (blocks_.empty() || used_ + size > capacity_) {
      capacity_ = std::max(kBlock, size);
      blocks_.emplace_back(new std::byte[capacity_]);  // not zeroed; operator new[] aligns to 16
      used_ = 0;
    }
    void* at = blocks_.back().get() + used_;
    used_ += size;
    return at;
  }

 private:
  static constexpr std::size_t kAlign = 16;
  static constexpr std::size_t kBlock = 64U * 1024U;
  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::size_t used_ = 0;
  std::size_t capacity_ = 0;
};

thread_local Arena* current_arena = nullptr;

void* arena_allocate(HPDF_UINT size) { return current_arena->allocate(size); }
void arena_free(void*) {}  // the arena frees everything when the document is done

// Makes an arena the calling thread's for the scope's life.
class ArenaScope {
 public:
  ArenaScope() : previous_(current_arena) { current_arena = &arena_; }
  ~ArenaScope() { current_arena = previous_; }
  ArenaScope(const ArenaScope&) = delete;
  ArenaScope& operator=(const ArenaScope&) = delete;

 private:
  Arena arena_;
  Arena* previous_;
};

class Document {
 public:
  Document() : pdf_(HPDF_NewEx(on_error, arena_allocate, arena_free, 0, &errors_)) {
    if (pdf_ == nullptr) throw Error(errors::kLibrary, "libharu cannot create a document");
  }
  ~Document() { HPDF_Free(pdf_); }
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  HPDF_Doc get() const { return pdf_; }
  HPDF_MMgr mmgr() const { return haru::memory_manager(pdf_); }
  HPDF_Xref xref() const { return haru::cross_references(pdf_); }

  /// Throws when libharu reported an error or `status` is not OK.
  void check(HPDF_STATUS status, const char* what) const {
    if (status != HPDF_OK || errors_.error != HPDF_OK) {
      char buffer[160];
      std::snprintf(buffer, sizeof buffer, "libharu failed to %s (error 0x%04X, detail %u)", what,
                    static_cast<unsigned>(errors_.error != HPDF_OK ? errors_.error : status),
                    static_cast<unsigned>(errors_.detail));
      throw Error(errors::kLibrary, buffer);
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
  /// A stream object holding `bytes` as they are.
  HPDF_Dict plain_stream(Bytes bytes) {
    HPDF_Dict d = indirect_dict();
    check(HPDF_Dict_AddNumber(d, "Length", static_cast<HPDF_INT32>(bytes.size())), "create a stream");
    attach(d, std::move(bytes));
    return d;
  }
  /// A /FlateDecode stream object holding `compressed` (already in the zlib format).
  HPDF_Dict flate_stream(Bytes compressed) {
    HPDF_Dict d = plain_stream(std::move(compressed));
    check(HPDF_Dict_AddName(d, "Filter", "FlateDecode"), "create a stream");
    return d;
  }
  /// Gives a page its content stream (already compressed), in the stream object libharu made for it.
  void set_page_content(HPDF_Page page, Bytes compressed) {
    HPDF_Dict contents = haru::page_contents(page);
    auto* length = static_cast<HPDF_Number>(HPDF_Dict_GetItem(contents, "Length", HPDF_OCLASS_NUMBER));
    // The page's own (empty) memory stream goes; no libharu call draws on the page after this.
    if (length == nullptr || !haru::drop_page_stream(page)) check(HPDF_INVALID_OBJECT, "find the page content");
    HPDF_Number_SetValue(length, static_cast<HPDF_INT32>(compressed.size()));
    check(HPDF_Dict_AddName(contents, "Filter", "FlateDecode"), "write page content");
    attach(contents, std::move(compressed));
  }
  /// Saves the document and returns its bytes.
  Bytes save() {
    Bytes out;
    out.reserve(48 * 1024);
    HPDF_Stream stream = made(HPDF_CallbackWriter_New(mmgr(), append_output, &out), "create the output");
    haru::set_output(pdf_, stream);
    output_ = stream;
    check(HPDF_SaveToStream(pdf_), "save the document");
    return out;
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
  void attach(HPDF_Dict dict, Bytes data) {
    payloads_.push_back(Payload{std::move(data), &output_});
    haru::write_after(dict, &payloads_.back(), write_payload);
  }

  ErrorState errors_;
  ArenaScope arena_;  ///< before pdf_: libharu allocates from it from HPDF_NewEx to HPDF_Free
  HPDF_Doc pdf_;
  HPDF_Stream output_ = nullptr;
  std::deque<Payload> payloads_;  ///< stable addresses: dictionaries point at them
};

// ---- numbers ----------------------------------------------------------------------------------------

// Appends a coordinate or size with at most two decimals (a hundredth of a point).
void append_number(std::string& out, double value) { pdfobj::append_number(out, value, 2); }

// ---- fonts ---------------------------------------------------------------------------------------

// One face as embedded in this document: code point → CID (= glyph index in the subset).
struct EmbeddedFace {
  HPDF_Dict font = nullptr;

  /// The CID of a code point drawn in this face (0 for one that is not).
  [[nodiscard]] std::uint16_t cid(char32_t cp) const {
    if (cp > 0xFFFF) return 0;
    const auto& page = pages[cp >> 8U];
    return page ? (*page)[cp & 0xFFU] : std::uint16_t{0};
  }
  void add(char32_t cp, std::uint16_t value) {
    auto& page = pages[cp >> 8U];
    if (!page) page = std::make_unique<std::array<std::uint16_t, 256>>();
    (*page)[cp & 0xFFU] = value;
  }

 private:
  // code point → CID in 256-entry pages made on demand: a lookup per drawn character must be cheap.
  std::array<std::unique_ptr<std::array<std::uint16_t, 256>>, 256> pages;
};

// pdfobj's objects as libharu's, in the document: the one generic conversion, so that pdfobj decides what an
// object contains (fonts: pdfobj::write_font) and libharu only writes it. Objects refer to earlier ones only.
class HaruObjects final : public pdfobj::ObjectWriter {
 public:
  HaruObjects(Document& doc, Deflater& deflater) : doc_(doc), deflater_(deflater) {}

  pdfobj::Ref add(const pdfobj::Object& object) override {
    void* converted = convert(object);
    doc_.check(HPDF_Xref_Add(doc_.xref(), converted), "add an object");
    return remember(converted);
  }

  pdfobj::Ref add_stream(pdfobj::Dict dict, std::string_view data, pdfobj::StreamCoding coding) override {
    HPDF_Dict stream = coding == pdfobj::StreamCoding::flate ? doc_.flate_stream(deflater_.compress(data))
                                                             : doc_.plain_stream(Bytes(data));
    for (const auto& entry : dict)
      doc_.check(HPDF_Dict_Add(stream, entry.key.c_str(), convert(entry.value)), "describe a stream");
    return remember(stream);
  }

  /// The dictionary `ref` (returned by this writer) became.
  [[nodiscard]] HPDF_Dict dict(pdfobj::Ref ref) const { return static_cast<HPDF_Dict>(object(ref)); }

 private:
  pdfobj::Ref remember(void* object) {
    objects_.push_back(object);
    return pdfobj::Ref{static_cast<std::uint32_t>(objects_.size()), 0};
  }

  [[nodiscard]] void* object(pdfobj::Ref ref) const {
    if (ref.num == 0 || ref.num > objects_.size())
      throw Error(errors::kLibrary, "an object refers to one not written before it");
    return objects_[ref.num - 1];
  }

  void* convert(const pdfobj::Object& object) const {
    struct Visitor {
      const HaruObjects& self;
      HPDF_MMgr mmgr;
      void* operator()(const pdfobj::Null&) const { return self.doc_.made(HPDF_Null_New(mmgr), "create null"); }
      void* operator()(bool value) const {
        return self.doc_.made(HPDF_Boolean_New(mmgr, value ? HPDF_TRUE : HPDF_FALSE), "create a boolean");
      }
      void* operator()(std::int64_t value) const {
        if (value < INT32_MIN || value > INT32_MAX) throw Error(errors::kLibrary, "an integer beyond libharu's range");
        return self.doc_.made(HPDF_Number_New(mmgr, static_cast<HPDF_INT32>(value)), "create a number");
      }
      void* operator()(const pdfobj::Real& value) const {
        return self.doc_.made(HPDF_Real_New(mmgr, static_cast<HPDF_REAL>(value.value)), "create a number");
      }
      void* operator()(const pdfobj::Name& name) const {
        return self.doc_.made(HPDF_Name_New(mmgr, name.value.c_str()), "create a name");
      }
      void* operator()(const pdfobj::String& string) const {
        if (string.hex || string.value.find('\0') != std::string::npos) return self.doc_.binary(string.value);
        return self.doc_.ascii(string.value);
      }
      void* operator()(const pdfobj::Array& array) const {
        HPDF_Array out = self.doc_.array();
        for (const auto& item : array) self.doc_.check(HPDF_Array_Add(out, self.convert(item)), "fill an array");
        return out;
      }
      void* operator()(const pdfobj::Dict& dict) const {
        HPDF_Dict out = self.doc_.dict();
        for (const auto& entry : dict)
          self.doc_.check(HPDF_Dict_Add(out, entry.key.c_str(), self.convert(entry.value)), "fill a dictionary");
        return out;
      }
      void* operator()(const pdfobj::Ref& ref) const { return self.object(ref); }
      [[noreturn]] void* operator()(const pdfobj::Stream&) const {
        throw Error(errors::kLibrary, "a stream read from a file cannot be written into a new document");
      }
    };
    return std::visit(Visitor{*this, doc_.mmgr()}, object.value());
  }

  Document& doc_;
  Deflater& deflater_;
  std::vector<void*> objects_;  ///< Ref{n} is objects_[n - 1]
};

// Embeds the subset of `face` that draws `used`: pdfobj decides the font's objects, HaruObjects writes them.
void embed_face(EmbeddedFace& embedded, HaruObjects& objects, const FontSet& fonts, layout::Face face,
                const std::vector<char32_t>& used) {
  const pdfobj::EmbeddableFont font = fonts.embeddable(face, used);
  for (const auto& [cp, cid] : font.cids) embedded.add(cp, cid);
  embedded.font = objects.dict(pdfobj::write_font(objects, font));
}

// ---- content -------------------------------------------------------------------------------------

// Appends one CID to a literal string as two bytes, escaping what a literal string cannot hold as is.
void append_cid(std::string& out, std::uint16_t cid) {
  for (const auto byte : {static_cast<unsigned char>(cid >> 8U), static_cast<unsigned char>(cid & 0xFFU)}) {
    switch (byte) {
      case '(': out += "\\("; break;
      case ')': out += "\\)"; break;
      case '\\': out += "\\\\"; break;
      case '\r': out += "\\r"; break;
      case '\n': out += "\\n"; break;
      default: out += static_cast<char>(byte);
    }
  }
}

// "[(…) -123.5 (…)] TJ" with 2-byte CIDs in binary literal strings (half the bytes of hex strings): each space
// widened by the run's word spacing.
void show_text(std::string& out, const layout::PlacedText& text, const EmbeddedFace& face) {
  const double adjustment = -text.word_spacing * 1000.0 / text.size;
  out += "[(";
  std::size_t offset = 0;
  while (offset < text.text.size()) {
    const char32_t cp = utf8::decode(text.text, offset);
    append_cid(out, face.cid(cp));
    if (cp == U' ' && text.word_spacing != 0 && offset < text.text.size()) {
      out += ") ";
      pdfobj::append_number(out, adjustment, 1);
      out += " (";
    }
  }
  out += ")] TJ\n";
}

void hash_text(HPDF_MD5_CTX& md5, std::string_view text) {
  HPDF_MD5Update(&md5, reinterpret_cast<const HPDF_BYTE*>(text.data()), static_cast<HPDF_UINT32>(text.size()));
}

// ---- PDF/A-1b ------------------------------------------------------------------------------------

#ifndef VANBAN_VERSION
#define VANBAN_VERSION "0.0.0"
#endif
// The Producer names the program and its version (never the git revision: the same input gives the same bytes from
// every build of one version).
constexpr const char* kProducer = "vanban " VANBAN_VERSION;
constexpr HPDF_UINT kPagesPerNode = 1024;
constexpr const char* kOutputCondition = "sRGB IEC61966-2.1";

// The sRGB OutputIntent: it makes the default DeviceGray of text and rules device-independent (ISO 19005-1
// §6.2.2, §6.2.3.3).
void add_output_intent(Document& doc, HPDF_Doc pdf) {
  HPDF_Dict profile = doc.flate_stream(compressed_icc_profile());
  doc.check(HPDF_Dict_AddNumber(profile, "N", 3), "add the colour profile");
  HPDF_Dict intent = doc.indirect_dict();
  doc.check(HPDF_Dict_AddName(intent, "Type", "OutputIntent"), "add the output intent");
  doc.check(HPDF_Dict_AddName(intent, "S", "GTS_PDFA1"), "add the output intent");
  doc.check(HPDF_Dict_Add(intent, "OutputConditionIdentifier", doc.ascii(kOutputCondition)), "add the output intent");
  doc.check(HPDF_Dict_Add(intent, "RegistryName", doc.ascii("http://www.color.org")), "add the output intent");
  doc.check(HPDF_Dict_Add(intent, "Info", doc.ascii(kOutputCondition)), "add the output intent");
  doc.check(HPDF_Dict_Add(intent, "DestOutputProfile", profile), "add the output intent");
  HPDF_Array intents = doc.array();
  doc.check(HPDF_Array_Add(intents, intent), "add the output intent");
  doc.check(HPDF_Dict_Add(haru::catalog(pdf), "OutputIntents", intents), "add the output intent");
}

// The XMP packet, unfiltered as PDF/A-1 requires (ISO 19005-1 §6.7.2).
void add_metadata(Document& doc, HPDF_Doc pdf, const model::DocumentMetadata& info, int page_count) {
  HPDF_Dict metadata = doc.plain_stream(xmp_packet(info, kProducer, page_count));
  doc.check(HPDF_Dict_AddName(metadata, "Type", "Metadata"), "add the metadata");
  doc.check(HPDF_Dict_AddName(metadata, "Subtype", "XML"), "add the metadata");
  doc.check(HPDF_Dict_Add(haru::catalog(pdf), "Metadata", metadata), "add the metadata");
}

// ---- signature fields ---------------------------------------------------------------------------

// An empty signature field over each box the layout kept for a signature image (Nghị định 30, ô 7c: between the
// signer's title and name), named "signer", "signer2", …: `vanban sign --appearance signer` puts the image exactly
// there. A PDF/A-1 widget must be printed (/F 4) and its appearance dictionary may hold only /N (ISO 19005-1
// §6.5.3): an empty form until the field is signed.
void add_signature_fields(Document& doc, HPDF_Page pdf_page, const layout::Page& page, double page_height,
                          HPDF_Array& fields) {
  if (page.signature_boxes.empty()) return;
  HPDF_Array annots = doc.array();
  doc.check(HPDF_Dict_Add(pdf_page, "Annots", annots), "add a signature field");
  const auto numbers = [&](std::initializer_list<double> values) {
    HPDF_Array array = doc.array();
    for (const double v : values)
      doc.check(HPDF_Array_AddReal(array, static_cast<HPDF_REAL>(v)), "add a signature field");
    return array;
  };
  for (const auto& box : page.signature_boxes) {
    if (fields == nullptr) fields = doc.array();
    const auto count = HPDF_Array_Items(fields);
    const std::string name = count == 0 ? "signer" : "signer" + std::to_string(count + 1);
    HPDF_Dict empty = doc.plain_stream(Bytes());
    doc.check(HPDF_Dict_AddName(empty, "Type", "XObject"), "add a signature field");
    doc.check(HPDF_Dict_AddName(empty, "Subtype", "Form"), "add a signature field");
    doc.check(HPDF_Dict_Add(empty, "BBox", numbers({0.0, 0.0, box.width, box.height})), "add a signature field");
    HPDF_Dict appearance = doc.dict();
    doc.check(HPDF_Dict_Add(appearance, "N", empty), "add a signature field");

    HPDF_Dict widget = doc.indirect_dict();
    doc.check(HPDF_Dict_AddName(widget, "Type", "Annot"), "add a signature field");
    doc.check(HPDF_Dict_AddName(widget, "Subtype", "Widget"), "add a signature field");
    doc.check(HPDF_Dict_AddName(widget, "FT", "Sig"), "add a signature field");
    doc.check(HPDF_Dict_Add(widget, "T", doc.ascii(name)), "add a signature field");
    doc.check(HPDF_Dict_AddNumber(widget, "F", 4), "add a signature field");  // Print
    doc.check(
        HPDF_Dict_Add(widget, "Rect",
                      numbers({box.x, page_height - box.top - box.height, box.x + box.width, page_height - box.top})),
        "add a signature field");
    doc.check(HPDF_Dict_Add(widget, "P", pdf_page), "add a signature field");
    doc.check(HPDF_Dict_Add(widget, "AP", appearance), "add a signature field");
    doc.check(HPDF_Array_Add(annots, widget), "add a signature field");
    doc.check(HPDF_Array_Add(fields, widget), "add a signature field");
  }
}

// The interactive form of the signature fields, if there are any.
void add_form(Document& doc, HPDF_Doc pdf, HPDF_Array fields) {
  if (fields == nullptr) return;
  HPDF_Dict form = doc.dict();
  doc.check(HPDF_Dict_Add(form, "Fields", fields), "add the form");
  doc.check(HPDF_Dict_Add(haru::catalog(pdf), "AcroForm", form), "add the form");
}

}  // namespace

Bytes write_pdf(const layout::PageSet& pages, const model::DocumentMetadata& info, const FontSet& fonts) {
  Document doc;
  HPDF_Doc pdf = doc.get();
  haru::set_pdf_version(pdf, HPDF_VER_14);
  // PDF/A-1 allows at most 8,191 elements in an array (ISO 19005-1 §6.1.12): a long combined print file gets a
  // two-level page tree instead of one /Kids array with every page (libharu adds a level as soon as this is set, so
  // documents of up to kPagesPerNode pages keep their flat tree).
  if (pages.pages.size() > kPagesPerNode)
    doc.check(HPDF_SetPagesConfiguration(pdf, kPagesPerNode), "configure the page tree");
  Deflater& deflater = thread_deflater();

  // Which characters each face draws, so each face embeds exactly those glyphs.
  const auto used = layout::code_points_by_face(pages);
  // The file identifier hashes what is drawn: the characters of each face (CIDs alone would not tell "ab" from
  // "bc"), the content streams and the metadata.
  HPDF_MD5_CTX md5;
  HPDF_MD5Init(&md5);
  std::array<EmbeddedFace, layout::kFaceCount> faces;
  HaruObjects objects(doc, deflater);
  for (std::size_t f = 0; f < faces.size(); ++f) {
    const std::vector<char32_t>& drawn = used[f];
    HPDF_MD5Update(&md5, reinterpret_cast<const HPDF_BYTE*>(drawn.data()),
                   static_cast<HPDF_UINT32>(drawn.size() * sizeof(char32_t)));
    if (!drawn.empty()) embed_face(faces[f], objects, fonts, static_cast<layout::Face>(f), drawn);
  }

  HPDF_Array signature_fields = nullptr;
  for (const auto& page : pages.pages) {
    HPDF_Page pdf_page = HPDF_AddPage(pdf);
    doc.made(pdf_page, "add a page");
    doc.check(HPDF_Page_SetWidth(pdf_page, static_cast<HPDF_REAL>(pages.width)), "size a page");
    doc.check(HPDF_Page_SetHeight(pdf_page, static_cast<HPDF_REAL>(pages.height)), "size a page");
    std::string content;
    content.reserve(16384);
    if (!page.rects.empty()) {
      // Filled rectangles (a chart's bars) in DeviceRGB, which the sRGB OutputIntent makes device-independent
      // (ISO 19005-1 §6.2.3.3); saved and restored so that text and rules stay black.
      content += "q\n";
      for (const auto& rect : page.rects) {
        for (const double component : {rect.red, rect.green, rect.blue}) {
          append_number(content, component);
          content += ' ';
        }
        content += "rg ";
        append_number(content, rect.x);
        content += ' ';
        append_number(content, pages.height - rect.top - rect.height);
        content += ' ';
        append_number(content, rect.width);
        content += ' ';
        append_number(content, rect.height);
        content += " re f\n";
      }
      content += "Q\n";
    }
    if (!page.rules.empty()) {
      double thickness = -1;
      for (const auto& rule : page.rules) {
        if (rule.thickness != thickness) {
          thickness = rule.thickness;
          append_number(content, thickness);
          content += " w\n";
        }
        append_number(content, rule.x1);
        content += ' ';
        append_number(content, pages.height - rule.y1);
        content += " m ";
        append_number(content, rule.x2);
        content += ' ';
        append_number(content, pages.height - rule.y2);
        content += " l S\n";
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
          content += '/';
          content += name;
          content += ' ';
          append_number(content, text.size);
          content += " Tf\n";
          current = &face;
          current_size = text.size;
        }
        content += "1 0 0 1 ";
        append_number(content, text.x);
        content += ' ';
        append_number(content, pages.height - text.baseline);
        content += " Tm ";
        show_text(content, text, face);
      }
      content += "ET\n";
    }
    hash_text(md5, content);
    doc.set_page_content(pdf_page, deflater.compress(content));
    add_signature_fields(doc, pdf_page, page, pages.height, signature_fields);
  }
  add_form(doc, pdf, signature_fields);

  // Info dictionary; the XMP metadata carries the same values.
  char date[40];
  const model::Date issued = issued_or_epoch(info);
  std::snprintf(date, sizeof date, "D:%04d%02d%02d000000+07'00'", issued.year(), issued.month(), issued.day());
  HPDF_Dict info_dict = haru::info_dictionary(pdf);
  if (info_dict == nullptr) {
    info_dict = doc.indirect_dict();
    haru::set_info_dictionary(pdf, info_dict);
  }
  const auto set_text = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    const std::string text = metadata_text(value);
    doc.check(HPDF_Dict_Add(info_dict, key, doc.binary(pdfobj::utf16_text(text))), "write document information");
    hash_text(md5, text);
  };
  set_text("Title", info.title);
  set_text("Author", info.organ_name);
  set_text("Subject", info.subject);
  set_text("Keywords", info.keywords);
  doc.check(HPDF_Dict_Add(info_dict, "Producer", doc.ascii(kProducer)), "write document information");
  doc.check(HPDF_Dict_Add(info_dict, "CreationDate", doc.ascii(date)), "write document information");
  hash_text(md5, date);
  const int page_count = static_cast<int>(pages.pages.size());
  add_metadata(doc, pdf, info, page_count);
  add_output_intent(doc, pdf);
  for (const std::string* field : {&info.type_name, &info.code_number, &info.code_notation, &info.organ_name,
                                   &info.signer_position, &info.signer_name})
    hash_text(md5, *field);

  // The file identifier: from the content, never from the clock.
  HPDF_BYTE digest[16];
  HPDF_MD5Final(digest, &md5);
  const std::string id(reinterpret_cast<const char*>(digest), sizeof digest);
  HPDF_Array ids = doc.array();
  doc.check(HPDF_Array_Add(ids, doc.binary(id)), "write the file identifier");
  doc.check(HPDF_Array_Add(ids, doc.binary(id)), "write the file identifier");
  doc.check(HPDF_Dict_Add(haru::trailer(pdf), "ID", ids), "write the file identifier");

  return doc.save();
}

}  // namespace vanban::pdf
