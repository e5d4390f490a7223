#pragma once
// Internal to sign: reading and checking a signature dictionary's /ByteRange, and the bytes it covers.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostics.hpp"
#include "crypto/sha256.hpp"
#include "sign/pdf_objects.hpp"

namespace vanban::sign {

/// The signed bytes are [0, gap_start) and [gap_end, end); the gap is exactly the hex /Contents string.
struct ByteRange {
  std::size_t gap_start = 0;
  std::size_t gap_end = 0;
  std::size_t end = 0;
};

/// Reads /ByteRange: four integers [0 a b c] with 0 < a < b <= b + c <= the file size, the gap [a, b)
/// being one hex string "<…>". nullopt with `problem` (code E0644–E0647, Vietnamese message) otherwise.
std::optional<ByteRange> read_byte_range(const Dict& signature, std::string_view file, Finding& problem);

/// The bytes a signature covers: [0, gap_start) and [gap_end, end).
std::string signed_bytes(std::string_view file, const ByteRange& range);
/// The SHA-256 of the bytes a signature covers.
crypto::Sha256Digest signed_digest(std::string_view file, const ByteRange& range);

/// The bytes the gap's hex string "<…>" holds (a signature's /Contents); empty when it is not hexadecimal digits.
Bytes gap_contents(std::string_view file, const ByteRange& range);

/// The signature dictionary a signed field's /V names, resolved.
std::optional<Object> signature_dictionary(const PdfFile& file, const SignatureField& field);

/// Opens the file, or reports why it cannot be read (codes E0600–E0603) and returns nullopt.
std::optional<PdfFile> open_pdf(std::string_view bytes, const SourceLoc& file, Diagnostics& diagnostics);

}  // namespace vanban::sign
