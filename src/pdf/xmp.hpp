#pragma once
// Internal to pdf: the XMP metadata packet of a PDF/A-1b document (libharu 2.3.0's own is unusable:
// ../shared/PDF-NOTES.md §B.1).

#include <string>
#include <string_view>

#include "model/document_metadata.hpp"

namespace vanban::pdf {

/// `text` fit for a PDF/A document's metadata: characters XML 1.0 cannot carry (C0 controls other than tab, line
/// feed and carriage return) become spaces. Info and XMP both use this form so that they agree.
std::string metadata_text(std::string_view text);

/// The XMP packet (UTF-8, not XML-escaped on input): pdfaid part 1 conformance B; dc:title, dc:creator (the
/// issuing agency), dc:description (the trích yếu), pdf:Keywords, pdf:Producer and xmp:CreateDate (the issue date)
/// equal to the Info dictionary's Title, Author, Subject, Keywords, Producer and CreationDate; the Phụ lục VI fields
/// in their own namespace, declared by a PDF/A extension schema, with `page_count` as PageAmount; the case and its
/// parties in vanban's case namespace. Empty values are left out.
std::string xmp_packet(const model::DocumentMetadata& metadata, std::string_view producer, int page_count);

/// The date a document's metadata states: its issue date, 1970-01-01 when it has none.
model::Date issued_or_epoch(const model::DocumentMetadata& metadata);

}  // namespace vanban::pdf
