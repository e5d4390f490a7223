// The one file that reads and writes libharu 2.3.0's structures (the version is checked in the header).

#include "pdf/haru_internals.hpp"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

namespace vanban::pdf::haru {

HPDF_MMgr memory_manager(HPDF_Doc pdf) { return pdf->mmgr; }

HPDF_Xref cross_references(HPDF_Doc pdf) { return pdf->xref; }

HPDF_Dict catalog(HPDF_Doc pdf) { return pdf->catalog; }

HPDF_Dict trailer(HPDF_Doc pdf) { return pdf->trailer; }

HPDF_Dict info_dictionary(HPDF_Doc pdf) { return pdf->info; }

void set_info_dictionary(HPDF_Doc pdf, HPDF_Dict info) { pdf->info = info; }

void set_pdf_version(HPDF_Doc pdf, HPDF_PDFVer version) { pdf->pdf_version = version; }

void set_output(HPDF_Doc pdf, HPDF_Stream output) { pdf->stream = output; }

void* callback_data(HPDF_Stream stream) { return stream->attr; }

void write_after(HPDF_Dict dict, void* data, HPDF_STATUS (*write)(HPDF_Dict)) {
  dict->attr = data;
  dict->after_write_fn = write;
}

void* after_write_data(HPDF_Dict dict) { return dict->attr; }

HPDF_Dict page_contents(HPDF_Page page) { return static_cast<HPDF_PageAttr>(page->attr)->contents; }

bool drop_page_stream(HPDF_Page page) {
  auto* attr = static_cast<HPDF_PageAttr>(page->attr);
  HPDF_Dict contents = attr->contents;
  if (contents == nullptr || contents->stream == nullptr) return false;
  HPDF_Stream_Free(contents->stream);
  contents->stream = nullptr;
  attr->stream = nullptr;  // the same memory stream, seen from the page
  return true;
}

}  // namespace vanban::pdf::haru
