#pragma once
// The strict PDF reader (it never repairs): an existing PDF read just enough to append an incremental update,
// verify its signatures or find its metadata: header, startxref, the chain of cross-reference sections (classic tables
// and xref streams, hybrid files included), indirect objects (object streams included), the catalog, the pages and the
// signature fields. Every limit is explicit; hostile input yields a problem text, never a crash or a loop.

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pdfobj/syntax.hpp"

namespace vanban::pdfobj {

/// Why a file could not be opened, with a code for the diagnostic.
struct OpenProblem {
  enum class Kind { not_pdf, truncated, damaged, encrypted };
  Kind kind = Kind::damaged;
  std::string detail;  ///< what exactly is wrong (Vietnamese, shown in the diagnostic)
};

/// A terminal signature field with its widget (merged or the first kid).
struct SignatureField {
  std::string name;                    ///< fully qualified (parent names joined with '.')
  Ref field;                           ///< the field's object
  std::optional<Ref> widget;           ///< its widget annotation when it is a separate object
  std::optional<Ref> value;            ///< /V when it is an indirect signature dictionary
  std::optional<Object> direct_value;  ///< /V when it is a direct dictionary
  std::optional<Ref> page;             ///< the page the widget is on (/P, or found through /Annots)
  std::array<double, 4> rect{};        ///< the widget's /Rect, normalized (x1 < x2, y1 < y2)
  [[nodiscard]] bool is_signed() const { return value.has_value() || direct_value.has_value(); }
};

class PdfFile {
 public:
  /// Opens the file; nullopt with `problem` set when it is not a PDF, is cut short, damaged or encrypted.
  /// The PdfFile reads from `bytes`, which must outlive it.
  static std::optional<PdfFile> open(std::string_view bytes, OpenProblem& problem);

  /// The newest trailer dictionary (for an xref stream, its dictionary).
  [[nodiscard]] const Dict& trailer() const { return trailer_; }
  /// The offset the last `startxref` points at.
  [[nodiscard]] std::size_t startxref() const { return startxref_; }
  /// One more than the highest object number in use (from /Size and the entries seen).
  [[nodiscard]] std::uint32_t next_object_number() const { return next_number_; }
  /// Whether any cross-reference section is a stream (PDF 1.5 or later).
  [[nodiscard]] bool has_xref_streams() const { return has_xref_streams_; }
  /// The offsets of every cross-reference section, newest first.
  [[nodiscard]] const std::vector<std::size_t>& sections() const { return sections_; }
  /// The object numbers that cross-reference sections at or after `offset` define or free: what the revisions
  /// appended after that point changed.
  [[nodiscard]] std::set<std::uint32_t> defined_after(std::size_t offset) const;
  /// The reference (with its generation) under which object `number` is in use; nullopt when it is free or missing.
  [[nodiscard]] std::optional<Ref> ref_of(std::uint32_t number) const;

  /// The object `ref` points at (newest revision); nullopt when it is free, missing or unreadable.
  [[nodiscard]] std::optional<Object> object(Ref ref) const;
  /// Follows a reference (one level); a direct object is returned as is.
  [[nodiscard]] std::optional<Object> resolve(const Object& object) const;
  /// The value under `key` in `dict`, resolved.
  [[nodiscard]] std::optional<Object> get(const Dict& dict, std::string_view key) const;
  /// A stream's data with its filters undone (FlateDecode, with PNG predictors, or none); nullopt for other
  /// filters, corrupt data or data beyond the size limit.
  [[nodiscard]] std::optional<Bytes> stream_data(const Stream& stream) const;
  /// Where an object starts in the file and where its "endobj" ends; nullopt for objects in object streams.
  [[nodiscard]] std::optional<std::pair<std::size_t, std::size_t>> object_span(Ref ref) const;

  /// The catalog's reference.
  [[nodiscard]] std::optional<Ref> root() const;
  /// Every page, in order; empty when the page tree is unreadable.
  [[nodiscard]] std::vector<Ref> pages() const;
  /// The page's inherited attribute (MediaBox, CropBox, Rotate, Resources).
  [[nodiscard]] std::optional<Object> page_attribute(Ref page, std::string_view key) const;
  /// Every terminal signature field of the AcroForm, in order.
  [[nodiscard]] std::vector<SignatureField> signature_fields() const;
  /// Every terminal field's fully qualified name (all field types), to avoid name clashes.
  [[nodiscard]] std::set<std::string> field_names() const;

  [[nodiscard]] std::string_view bytes() const { return bytes_; }

  /// Upper bounds that keep hostile files cheap.
  static constexpr std::size_t kMaxSections = 256;
  static constexpr std::uint32_t kMaxObjects = 1'000'000;
  static constexpr std::uint32_t kRoomForUpdates = 10'000;  ///< object numbers kept free for our updates
  static constexpr std::size_t kMaxStreamSize = 64U * 1024U * 1024U;
  static constexpr std::size_t kMaxDecodedTotal = 256U * 1024U * 1024U;  ///< all streams of one file together
  static constexpr int kMaxTreeDepth = 32;
  static constexpr std::size_t kMaxPages = 100'000;
  static constexpr std::size_t kMaxFields = 10'000;

 private:
  struct Entry {
    enum class Type : std::uint8_t { free, offset, compressed };
    Type type = Type::free;
    std::uint64_t value = 0;  ///< offset, or the object stream's number
    std::uint32_t index = 0;  ///< generation, or the index in the object stream
  };

  explicit PdfFile(std::string_view bytes) : bytes_(bytes) {}
  bool read_sections(OpenProblem& problem);
  bool read_classic(std::size_t offset, Dict& trailer, OpenProblem& problem);
  bool read_stream_section(std::size_t offset, Dict& trailer, OpenProblem& problem);
  void add_entry(std::uint32_t number, Entry entry);
  [[nodiscard]] std::optional<Object> load(Ref ref, int depth) const;
  [[nodiscard]] std::optional<Object> from_object_stream(std::uint32_t stream_number, std::uint32_t index,
                                                         std::uint32_t wanted, int depth) const;
  [[nodiscard]] std::optional<Bytes> decode(const Stream& stream, std::string_view source) const;
  [[nodiscard]] Array form_fields() const;
  void collect_fields(const Object& node, const std::string& parent_name, bool parent_is_sig, int depth,
                      std::set<Ref>& seen, std::vector<SignatureField>* signatures, std::set<std::string>* names) const;

  std::string_view bytes_;
  Dict trailer_;
  std::size_t startxref_ = 0;
  std::uint32_t next_number_ = 1;
  bool has_xref_streams_ = false;
  std::vector<std::size_t> sections_;
  std::map<std::uint32_t, Entry> entries_;
  std::map<std::uint32_t, std::size_t> entry_sections_;  ///< the section each entry came from
  std::size_t reading_section_ = 0;
  mutable std::map<Ref, std::optional<Object>> cache_;
  struct ObjectStream {
    Bytes data;
    std::size_t count = 0;  ///< /N
    std::size_t first = 0;  ///< /First
  };
  mutable std::map<std::uint32_t, std::shared_ptr<const ObjectStream>> object_streams_;
  mutable std::set<Ref> loading_;
  mutable std::size_t decoded_total_ = 0;
};

/// Reads a /Rect-like array of four numbers, normalized; nullopt when it is not one.
std::optional<std::array<double, 4>> read_rect(const Object& object);

}  // namespace vanban::pdfobj
