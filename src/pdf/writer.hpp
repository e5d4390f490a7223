#pragma once
// Stage entry point: PageSet → PDF bytes with libharu, fonts embedded as per-document subsets.

#include "base/bytes.hpp"
#include "layout/page_set.hpp"
#include "model/document_metadata.hpp"
#include "pdf/font_set.hpp"

namespace vanban::pdf {

/// Writes the pages as a PDF whose Info dictionary and XMP state `metadata` (its page count is the pages').
/// Deterministic: the same pages and metadata give the same bytes. Throws vanban::Error when libharu fails.
Bytes write_pdf(const layout::PageSet& pages, const model::DocumentMetadata& metadata, const FontSet& fonts);

}  // namespace vanban::pdf
