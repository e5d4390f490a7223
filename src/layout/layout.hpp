#pragma once
// Stage entry point: doc::Document + FontMetrics → PageSet, laid out as Nghị định 30/2020 prescribes.

#include "base/diagnostics.hpp"
#include "doc/document.hpp"
#include "layout/font_metrics.hpp"
#include "layout/page_set.hpp"
#include "layout/profile.hpp"

namespace vanban::layout {

/// Lays the document out. Characters the font cannot show are reported as errors (E0501) naming their field.
PageSet lay_out(const doc::Document& document, const FontMetrics& metrics, const Profile& profile,
                Diagnostics& diagnostics);

}  // namespace vanban::layout
