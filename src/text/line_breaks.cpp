#include "text/line_breaks.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <memory>

#include "base/error.hpp"

namespace vanban::text {

namespace {
icu::BreakIterator& line_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> iterator;
  if (!iterator) {
    UErrorCode status = U_ZERO_ERROR;
    iterator.reset(icu::BreakIterator::createLineInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status) || !iterator) throw Error(errors::kLibrary, "ICU line break iterator unavailable");
  }
  return *iterator;
}
}  // namespace

std::vector<std::size_t> line_break_opportunities(std::string_view utf8, std::vector<bool>* mandatory) {
  std::vector<std::size_t> breaks;
  if (mandatory) mandatory->clear();
  if (utf8.empty()) return breaks;
  UErrorCode status = U_ZERO_ERROR;
  UText* text = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
  if (U_FAILURE(status)) throw Error(errors::kLibrary, "ICU cannot open the text for line breaking");
  icu::BreakIterator& iterator = line_iterator();
  iterator.setText(text, status);
  if (U_FAILURE(status)) {
    utext_close(text);
    throw Error(errors::kLibrary, "ICU cannot set the text for line breaking");
  }
  for (int32_t at = iterator.next(); at != icu::BreakIterator::DONE; at = iterator.next()) {
    breaks.push_back(static_cast<std::size_t>(at));
    if (mandatory) mandatory->push_back(iterator.getRuleStatus() >= UBRK_LINE_HARD);
  }
  // Detach the iterator from the UText before closing it.
  iterator.setText(icu::UnicodeString());
  utext_close(text);
  return breaks;
}

}  // namespace vanban::text
