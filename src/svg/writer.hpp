#pragma once
// Stage entry point beside pdf: PageSet → one SVG document per page, for the live preview. Each glyph sits where the
// PDF puts it (the advances the PDF's /W array states, the same word spacing), drawn with the same font subsets.

#include <array>
#include <string>
#include <vector>

#include "layout/font_metrics.hpp"
#include "layout/page_set.hpp"

namespace vanban::svg {

/// Where a page finds each face's font: the URL of the subset the PDF embeds (layout::code_points_by_face), as a
/// TrueType web font (pdf::FontSet::web_font); "" for a face the document does not draw. The only external
/// reference a page holds; a data: URL makes the page stand alone.
using FontUrls = std::array<std::string, layout::kFaceCount>;

/// The SVG documents of the pages, in order. Deterministic: the same pages and URLs give the same bytes. A page is
/// white paper of the page's size in points (viewBox in points, y down as in layout); text is `<text>` with one
/// `<tspan x>` per glyph (renderers that kern or ignore per-character x lists still place every glyph exactly);
/// the signature field is an empty `<rect class="signature-field" id="signer">` (invisible, as in the unsigned PDF).
/// The style sheet is scoped by a class on the root named from the font URLs ("vb" and 8 hexadecimal digits), so that
/// pages of several documents can be placed in one HTML page.
std::vector<std::string> write_svg(const layout::PageSet& pages, const layout::FontMetrics& metrics,
                                   const FontUrls& fonts);

}  // namespace vanban::svg
