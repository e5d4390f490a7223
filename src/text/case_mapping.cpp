#include "text/case_mapping.hpp"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "base/utf8.hpp"
#include "text/normalize.hpp"

namespace vanban::text {

namespace {
const icu::Locale& vietnamese() {
  static const icu::Locale locale("vi");
  return locale;
}

icu::UnicodeString to_unicode(std::string_view utf8) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

std::string to_utf8_nfc(const icu::UnicodeString& value) {
  std::string out;
  value.toUTF8String(out);
  return to_nfc(out);
}
}  // namespace

std::string to_upper(std::string_view utf8) {
  icu::UnicodeString value = to_unicode(utf8);
  value.toUpper(vietnamese());
  return to_utf8_nfc(value);
}

std::string to_lower(std::string_view utf8) {
  icu::UnicodeString value = to_unicode(utf8);
  value.toLower(vietnamese());
  return to_utf8_nfc(value);
}

std::string capitalize_first(std::string_view utf8) {
  if (utf8.empty()) return {};
  std::size_t offset = 0;
  utf8::decode(utf8, offset);
  std::string out = to_upper(utf8.substr(0, offset));
  // Paired forms in the first word capitalize both halves: "ông/bà" → "Ông/Bà", "anh/chị" → "Anh/Chị".
  const std::size_t first_word_end = std::min(utf8.find(' '), utf8.size());
  while (offset < utf8.size()) {
    const std::size_t start = offset;
    const char32_t cp = utf8::decode(utf8, offset);
    const bool after_slash = start > 0 && utf8[start - 1] == '/' && start < first_word_end;
    out += after_slash && u_isalpha(static_cast<UChar32>(cp)) ? to_upper(utf8.substr(start, offset - start))
                                                              : std::string(utf8.substr(start, offset - start));
  }
  return out;
}

std::string lowercase_first(std::string_view utf8) {
  if (utf8.empty()) return {};
  std::size_t offset = 0;
  utf8::decode(utf8, offset);
  return to_lower(utf8.substr(0, offset)) + std::string(utf8.substr(offset));
}

std::string to_title(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool word_start = true;
  std::size_t offset = 0;
  while (offset < utf8.size()) {
    const std::size_t start = offset;
    const char32_t cp = utf8::decode(utf8, offset);
    const std::string_view piece = utf8.substr(start, offset - start);
    if (u_isalpha(static_cast<UChar32>(cp))) {
      out += word_start ? to_upper(piece) : to_lower(piece);
      word_start = false;
    } else {
      out += piece;
      word_start = cp == ' ' || cp == '-' || cp == '\t';
    }
  }
  return out;
}

}  // namespace vanban::text
