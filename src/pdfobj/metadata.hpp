#pragma once
// The XMP metadata of a PDF, as its catalog names it in the newest revision (for the archive's record).

#include <optional>
#include <string_view>

#include "base/bytes.hpp"

namespace vanban::pdfobj {

/// The catalog's /Metadata stream with its filters undone (after incremental updates: the newest). nullopt when
/// the file cannot be read as a PDF, has no metadata stream, or the stream cannot be decoded.
std::optional<Bytes> read_metadata_stream(std::string_view pdf);

}  // namespace vanban::pdfobj
