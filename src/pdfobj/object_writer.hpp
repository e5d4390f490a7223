#pragma once
// Where new PDF objects go: an incremental update appended to a file (sign), or a document being made with
// libharu (pdf). Code that decides what objects contain (fonts) writes through this, whatever the output.

#include <string_view>

#include "pdfobj/syntax.hpp"

namespace vanban::pdfobj {

/// How a new stream's data is stored.
enum class StreamCoding {
  as_is,  ///< unfiltered (or already encoded, with the dictionary saying how)
  flate,  ///< compressed by the writer with its own compressor, /Filter /FlateDecode set by the writer
};

/// A writer of new objects: what they contain is the caller's, how they are numbered, stored and compressed the
/// writer's.
class ObjectWriter {
 public:
  virtual ~ObjectWriter() = default;
  /// Writes a new indirect object and returns its reference. References inside it must name objects this
  /// writer returned earlier.
  virtual Ref add(const Object& object) = 0;
  /// Writes a new stream of `data` with the entries of `dict` (the writer adds /Length, and /Filter when it
  /// compresses) and returns its reference.
  virtual Ref add_stream(Dict dict, std::string_view data, StreamCoding coding) = 0;
};

}  // namespace vanban::pdfobj
