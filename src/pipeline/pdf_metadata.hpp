#pragma once
// The metadata of a finished PDF (the Nghị định 30 Phụ lục VI fields in its XMP packet), for the archive.

#include <optional>
#include <string_view>

#include "base/diagnostics.hpp"
#include "model/document_metadata.hpp"

namespace vanban::pipeline {

/// Reads the metadata of `pdf` from the XMP packet its catalog names (/Metadata, the newest revision). nullopt when
/// the file carries no readable packet; a packet that is there but not well-formed is also reported in
/// `diagnostics` (errors against `file`).
std::optional<model::DocumentMetadata> read_pdf_metadata(std::string_view pdf, const FileName& file,
                                                         Diagnostics& diagnostics);

}  // namespace vanban::pipeline
