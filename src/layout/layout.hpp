#pragma once
// Stage entry point: doc::Document + FontMetrics → PageSet, laid out as Nghị định 30/2020 prescribes.

#include <cstddef>
#include <string>
#include <string_view>

#include "base/diagnostics.hpp"
#include "doc/document.hpp"
#include "layout/font_metrics.hpp"
#include "layout/page_set.hpp"
#include "layout/profile.hpp"

namespace vanban::layout {

/// The longest document laid out: beyond it E0503.
inline constexpr std::size_t kMaxPages = 200;
/// The most characters a document may hold, checked before any line is set so that no input makes layout's memory
/// grow without bound: more than kMaxPages pages of the densest text (13 pt, narrowest margins) hold.
inline constexpr std::size_t kMaxDocumentCharacters = kMaxPages * 4000;

/// Lays the document out. Characters the font cannot show are reported as errors (E0501) naming their field. A
/// document with more text than kMaxDocumentCharacters (positioned where its text crosses the limit, before layout)
/// or more pages than kMaxPages is refused with E0503 and no pages.
PageSet lay_out(const doc::Document& document, const FontMetrics& metrics, const Profile& profile,
                Diagnostics& diagnostics);

/// Reports (E0501 at `loc`) each distinct character of `text` that one of the faces cannot show, as rendering would
/// when the text is drawn; `where` says what the text is ("trong trường \"<name>\""). For `vanban validate`, which
/// draws nothing.
void check_characters(std::string_view text, const SourceLoc& loc, const std::string& where, const FontMetrics& metrics,
                      Diagnostics& diagnostics);

/// The E0501 message for a character `face` cannot show, `where` in the document or the case.
std::string missing_character(char32_t code_point, const std::string& where, const char* face_name);

}  // namespace vanban::layout
