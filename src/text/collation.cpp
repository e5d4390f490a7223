#include "text/collation.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>

#include "base/error.hpp"
#include "base/utf8.hpp"
#include "text/normalize.hpp"

namespace vanban::text {

namespace {
icu::Collator& collator() {
  thread_local std::unique_ptr<icu::Collator> instance;
  if (!instance) {
    UErrorCode status = U_ZERO_ERROR;
    instance.reset(icu::Collator::createInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status) || !instance) throw Error(errors::kLibrary, "ICU Vietnamese collator unavailable");
  }
  return *instance;
}

icu::UnicodeString to_unicode(std::string_view utf8) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}
}  // namespace

int compare_vietnamese(std::string_view a, std::string_view b) {
  UErrorCode status = U_ZERO_ERROR;
  const auto result = collator().compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                                             icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
  if (U_FAILURE(status)) throw Error(errors::kLibrary, "ICU collation failed");
  return static_cast<int>(result);
}

std::string collation_key(std::string_view utf8) {
  const icu::UnicodeString value = to_unicode(utf8);
  icu::Collator& instance = collator();
  const int32_t size = instance.getSortKey(value, nullptr, 0);
  std::string key(static_cast<std::size_t>(size), '\0');
  instance.getSortKey(value, reinterpret_cast<uint8_t*>(key.data()), size);
  if (!key.empty() && key.back() == '\0') key.pop_back();
  return key;
}

std::string fold_for_search(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status) || nfd == nullptr) throw Error(errors::kLibrary, "ICU NFD normalizer unavailable");
  icu::UnicodeString value = nfd->normalize(to_unicode(utf8), status);
  if (U_FAILURE(status)) throw Error(errors::kLibrary, "ICU NFD normalization failed");
  value.toLower(icu::Locale("vi"));
  std::string out;
  for (int32_t i = 0; i < value.length();) {
    const UChar32 cp = value.char32At(i);
    i += U16_LENGTH(cp);
    if (u_getCombiningClass(cp) != 0 || u_charType(cp) == U_NON_SPACING_MARK) continue;
    if (cp == 0x0111) {  // đ
      out += 'd';
      continue;
    }
    utf8::append(out, static_cast<char32_t>(cp));
  }
  return out;
}

std::string search_key(std::string_view utf8) { return fold_for_search(normalize_field(utf8)); }

}  // namespace vanban::text
