#pragma once
// An incremental update — new and rewritten objects appended after the original bytes
// with a classic cross-reference section and a trailer whose /Prev points at the previous section.
// PDF/A-1 forbids cross-reference streams, so only classic sections are written.

#include <cstddef>
#include <map>
#include <string>

#include "pdfobj/object_writer.hpp"
#include "pdfobj/pdf_file.hpp"
#include "pdfobj/syntax.hpp"

namespace vanban::pdfobj {

class IncrementalUpdate final : public ObjectWriter {
 public:
  explicit IncrementalUpdate(const PdfFile& file) : file_(file), next_(file.next_object_number()) {}

  /// A fresh object number.
  Ref allocate();
  /// Adds a new object and returns its reference.
  Ref add(const Object& object) override;
  /// Adds a new stream holding `data` as given (its /Length set here) and returns its reference.
  Ref add_stream(Dict dict, const Bytes& data);
  /// Adds a new stream, compressed with zlib when `coding` says so, and returns its reference.
  Ref add_stream(Dict dict, std::string_view data, StreamCoding coding) override;
  /// Writes `object` under `ref` (a new number from allocate(), or an existing object being rewritten).
  void put(Ref ref, const Object& object);
  /// Writes a raw object body (the text between "obj" and "endobj") under `ref`.
  void put_raw(Ref ref, std::string body);

  /// The original bytes followed by the update. `offsets` receives where each object's body starts.
  [[nodiscard]] Bytes finish(std::map<Ref, std::size_t>& offsets) const;

 private:
  // Appends the update's objects, cross-reference section and trailer to `out`, as if `out` began at offset `base`.
  void write_tail(std::size_t base, Bytes& out, std::map<Ref, std::size_t>& offsets) const;

  const PdfFile& file_;
  std::uint32_t next_;
  std::map<Ref, std::string> bodies_;
};

}  // namespace vanban::pdfobj
