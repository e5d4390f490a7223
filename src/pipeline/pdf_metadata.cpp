#include "pipeline/pdf_metadata.hpp"

#include "xml/xmp_reader.hpp"

namespace vanban::pipeline {

namespace {

// The newest unfiltered XMP packet: the last "<?xpacket begin" with its "<?xpacket end…?>" after it. An
// incremental update that replaces the metadata appends its packet after the old one.
std::optional<std::string_view> find_xmp_packet(std::string_view pdf) {
  constexpr std::string_view kBegin = "<?xpacket begin";
  constexpr std::string_view kEnd = "<?xpacket end";
  const auto begin = pdf.rfind(kBegin);
  if (begin == std::string_view::npos) return std::nullopt;
  const auto end = pdf.find(kEnd, begin);
  if (end == std::string_view::npos) return std::nullopt;
  const auto close = pdf.find("?>", end);
  if (close == std::string_view::npos) return std::nullopt;
  return pdf.substr(begin, close + 2 - begin);
}

}  // namespace

std::optional<model::DocumentMetadata> read_pdf_metadata(std::string_view pdf, const FileName& file,
                                                         Diagnostics& diagnostics) {
  const auto packet = find_xmp_packet(pdf);
  if (!packet) return std::nullopt;
  return xml::read_xmp_metadata(*packet, file, diagnostics);
}

}  // namespace vanban::pipeline
