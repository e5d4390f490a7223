#pragma once
// Breaking styled text into lines: Knuth–Plass total fit over ICU line-break opportunities, no hyphenation
// (Vietnamese syllables are words); a word wider than the line breaks between characters.

#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "layout/font_metrics.hpp"
#include "layout/page_set.hpp"

namespace vanban::layout {

/// A piece of input text in one face and size; `loc` and `field` say where it came from, for messages.
struct StyledSpan {
  std::string text;
  Face face = Face::regular;
  double size = 14;
  SourceLoc loc;
  std::string field;
};

enum class Alignment { justify, left, center, right };

/// A phrase a line should preferably start with, and how much a break before it is preferred (a Knuth–Plass
/// penalty, in the units of line badness: 100 is the badness of a line stretched by its full stretchability).
struct PreferredStart {
  std::string phrase;
  double bonus = 0;
};

/// The shape of a paragraph's lines.
struct LineSpec {
  double width = 0;           ///< available width of every line
  double first_indent = 0;    ///< extra indent of the first line
  double hanging_indent = 0;  ///< extra indent of every line after the first
  Alignment alignment = Alignment::justify;
  /// Phrases a line should preferably start with (administrative units in agency names: "TỈNH", "HUYỆN"…),
  /// so that "CHI CỤC THI HÀNH ÁN DÂN SỰ / HUYỆN QUỲ HỢP" wraps at the unit, not inside "DÂN SỰ". A break
  /// inside one of these phrases ("THỊ / XÃ") is discouraged.
  const std::vector<PreferredStart>* preferred_starts = nullptr;
};

/// One broken line: its runs with x relative to the line's left edge and baseline 0.
struct BrokenLine {
  std::vector<PlacedText> texts;
  double natural_width = 0;  ///< without justification
  double max_size = 0;       ///< the largest font size on the line
};

/// Breaks the spans into lines. Characters the font cannot show are reported (E0501) with their origin and
/// left out of the measure.
std::vector<BrokenLine> break_lines(const std::vector<StyledSpan>& spans, const LineSpec& spec,
                                    const FontMetrics& metrics, Diagnostics& diagnostics);

/// Width of `text` in one face and size (no glyph: width 0).
double text_width(const FontMetrics& metrics, Face face, double size, std::string_view text);

}  // namespace vanban::layout
