#pragma once
// Stage entry point: PageSet → PDF bytes with libharu, fonts embedded as per-document subsets.

#include "base/bytes.hpp"
#include "layout/page_set.hpp"
#include "pdf/document_info.hpp"
#include "pdf/font_set.hpp"

namespace vanban::pdf {

/// Writes the pages as a PDF. Deterministic: the same pages and info give the same bytes.
/// Throws vanban::Error when libharu reports a failure.
Bytes write_pdf(const layout::PageSet& pages, const DocumentInfo& info, const FontSet& fonts);

}  // namespace vanban::pdf
