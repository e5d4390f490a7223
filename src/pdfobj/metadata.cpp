#include "pdfobj/metadata.hpp"

#include "pdfobj/pdf_file.hpp"

namespace vanban::pdfobj {

std::optional<Bytes> read_metadata_stream(std::string_view pdf) {
  OpenProblem problem;
  const auto file = PdfFile::open(pdf, problem);
  if (!file) return std::nullopt;
  const auto root = file->root();
  if (!root) return std::nullopt;
  const auto catalog = file->object(*root);
  if (!catalog || catalog->dict() == nullptr) return std::nullopt;
  const auto metadata = file->get(*catalog->dict(), "Metadata");
  if (!metadata || metadata->stream() == nullptr) return std::nullopt;
  return file->stream_data(*metadata->stream());
}

}  // namespace vanban::pdfobj
