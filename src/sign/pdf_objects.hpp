#pragma once
// Internal to sign: the PDF objects, the strict reader and the incremental update sign works with are
// pdfobj's; their names are brought into sign here, once.

#include "pdfobj/flate.hpp"
#include "pdfobj/font.hpp"
#include "pdfobj/lexical.hpp"
#include "pdfobj/pdf_file.hpp"
#include "pdfobj/syntax.hpp"
#include "pdfobj/update.hpp"

namespace vanban::sign {

using pdfobj::Array;
using pdfobj::decode_text_string;
using pdfobj::deflate;
using pdfobj::Dict;
using pdfobj::EmbeddableFont;
using pdfobj::find;
using pdfobj::format_number;
using pdfobj::IncrementalUpdate;
using pdfobj::Name;
using pdfobj::Object;
using pdfobj::OpenProblem;
using pdfobj::PdfFile;
using pdfobj::read_rect;
using pdfobj::Real;
using pdfobj::Ref;
using pdfobj::set;
using pdfobj::SignatureField;
using pdfobj::Stream;
using pdfobj::String;
using pdfobj::text_string;
using pdfobj::write_object;

}  // namespace vanban::sign
