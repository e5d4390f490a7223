#pragma once
// zlib (FlateDecode) in both directions, and the PNG predictors of xref streams; pdfobj is zlib's one owner.

#include <cstddef>
#include <optional>
#include <string_view>

#include "base/bytes.hpp"

namespace vanban::pdfobj {

/// Inflates a zlib stream; nullopt when it is corrupt or would exceed `max_size` bytes.
std::optional<Bytes> inflate(std::string_view data, std::size_t max_size);

/// Deflates `data` (zlib format, best compression). Throws vanban::Error only when zlib itself fails.
Bytes deflate(std::string_view data);

/// Undoes PNG row predictors (/Predictor 10–15) for rows of `columns` samples of `colors` × `bits` bits;
/// nullopt when the data does not fit that shape.
std::optional<Bytes> undo_png_predictor(std::string_view data, int colors, int bits, int columns);

}  // namespace vanban::pdfobj
