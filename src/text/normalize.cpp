#include "text/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "base/error.hpp"
#include "base/utf8.hpp"

namespace vanban::text {

namespace {
const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* instance = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || instance == nullptr) throw Error(errors::kLibrary, "ICU NFC normalizer unavailable");
  return *instance;
}

bool is_invisible(char32_t cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD;
}

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x0B || cp == 0x0C || cp == 0x00A0 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

// Collapses spaces; when `keep_newlines`, a line break survives as '\n' (blank lines dropped).
std::string collapse(std::string_view utf8, bool keep_newlines) {
  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  bool pending_newline = false;
  std::size_t offset = 0;
  while (offset < utf8.size()) {
    const auto byte = static_cast<unsigned char>(utf8[offset]);
    // ASCII other than white space and controls: copied as it is (most of every field).
    if (byte > 0x20 && byte < 0x7F) {
      if (!out.empty()) {
        if (pending_newline) out += '\n';
        else if (pending_space) out += ' ';
      }
      pending_space = false;
      pending_newline = false;
      std::size_t end = offset + 1;
      while (end < utf8.size() && static_cast<unsigned char>(utf8[end]) > 0x20 &&
             static_cast<unsigned char>(utf8[end]) < 0x7F)
        ++end;
      out.append(utf8.substr(offset, end - offset));
      offset = end;
      continue;
    }
    const char32_t cp = utf8::decode(utf8, offset);
    if (is_invisible(cp)) continue;
    if (keep_newlines && (cp == '\n' || cp == 0x2028 || cp == 0x2029)) {
      pending_newline = true;
      pending_space = false;
      continue;
    }
    if (is_space(cp)) {
      pending_space = true;
      continue;
    }
    if (!out.empty()) {
      if (pending_newline) out += '\n';
      else if (pending_space) out += ' ';
    }
    pending_space = false;
    pending_newline = false;
    utf8::append(out, cp);
  }
  return out;
}
}  // namespace

std::string to_nfc(std::string_view utf8) {
  if (is_nfc(utf8)) return std::string(utf8);  // nearly every field: no conversion to UTF-16 and back
  const icu::Normalizer2& normalizer = nfc();
  UErrorCode status = U_ZERO_ERROR;
  const auto source = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  const icu::UnicodeString result = normalizer.normalize(source, status);
  if (U_FAILURE(status)) throw Error(errors::kLibrary, "ICU NFC normalization failed");
  std::string out;
  result.toUTF8String(out);
  return out;
}

bool is_nfc(std::string_view utf8) {
  // ASCII is always NFC; anything else is checked on the UTF-8 itself.
  if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0x80U) == 0; }))
    return true;
  UErrorCode status = U_ZERO_ERROR;
  const bool normalized =
      nfc().isNormalizedUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), status);
  return U_SUCCESS(status) && normalized;
}

std::string normalize_field(std::string_view utf8) { return to_nfc(collapse(utf8, false)); }

std::string normalize_multiline(std::string_view utf8) { return to_nfc(collapse(utf8, true)); }

}  // namespace vanban::text
