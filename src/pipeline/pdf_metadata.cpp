#include "pipeline/pdf_metadata.hpp"

#include "pdfobj/metadata.hpp"
#include "xml/xmp_reader.hpp"

namespace vanban::pipeline {

std::optional<model::DocumentMetadata> read_pdf_metadata(std::string_view pdf, const FileName& file,
                                                         Diagnostics& diagnostics) {
  // pdfobj's strict reader finds the catalog's metadata stream (compressed or not, after incremental updates);
  // xml reads the packet.
  const auto packet = pdfobj::read_metadata_stream(pdf);
  if (!packet) return std::nullopt;
  return xml::read_xmp_metadata(*packet, file, diagnostics);
}

}  // namespace vanban::pipeline
