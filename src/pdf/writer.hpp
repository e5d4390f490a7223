#pragma once
// Stage entry point: PageSet → PDF bytes with libharu, fonts embedded as per-document subsets.

#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "layout/page_set.hpp"
#include "pdf/font_set.hpp"

namespace vanban::pdf {

/// What the document is, for the Info dictionary (and, with issue 6, XMP and the Nghị định 30 Phụ lục VI fields).
struct DocumentInfo {
  std::string title;     ///< document type and trích yếu
  std::string author;    ///< issuing agency
  std::string subject;
  std::string keywords;  ///< case id, số/ký hiệu
  int year = 1970;       ///< creation date = the document date
  int month = 1;
  int day = 1;
};

/// Writes the pages as a PDF. Deterministic: the same pages and info give the same bytes.
/// Throws vanban::Error when libharu reports a failure.
Bytes write_pdf(const layout::PageSet& pages, const DocumentInfo& info, const FontSet& fonts);

}  // namespace vanban::pdf
