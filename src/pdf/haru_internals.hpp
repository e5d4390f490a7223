#pragma once
// Internal to pdf: every place where vanban reaches into libharu's own structures, each behind one function.
// libharu 2.3.0 (Debian 12) has no public way to do these things, and its own ways are broken for PDF/A
// (../shared/PDF-NOTES.md §B), so the writer uses fields of HPDF_Doc_Rec, HPDF_Dict_Rec, HPDF_Stream_Rec and
// HPDF_PageAttr_Rec. Those layouts were read in 2.3.0's headers; any other version must be checked again
// before this compiles (haru_internals.cpp is the only file that touches them).

#include <hpdf.h>
#include <hpdf_version.h>

#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3 || HPDF_BUGFIX_VERSION != 0
#error "src/pdf/haru_internals.cpp reaches into libharu 2.3.0's structures: check each reach against this version"
#endif

namespace vanban::pdf::haru {

/// The document's memory manager, which every object constructor (HPDF_Dict_New, HPDF_Array_New, …) takes:
/// 2.3.0 exports the constructors but no accessor for it.
HPDF_MMgr memory_manager(HPDF_Doc pdf);

/// The document's cross-reference table, to which HPDF_Xref_Add adds an object to make it indirect: the public
/// API makes indirect objects only of the kinds it knows (pages, fonts, images, annotations).
HPDF_Xref cross_references(HPDF_Doc pdf);

/// The catalog, where the PDF/A metadata stream, the OutputIntent and the signature fields' AcroForm go: 2.3.0's
/// PDF/A functions write a broken XMP and a key with a trailing space (§B.1), and it has no AcroForm.
HPDF_Dict catalog(HPDF_Doc pdf);

/// The trailer, which gets a file identifier hashed from the content: 2.3.0 makes /ID from ctime() (§B.1).
HPDF_Dict trailer(HPDF_Doc pdf);

/// The Info dictionary (nullptr until set): 2.3.0 writes Info strings as raw UTF-8 unless its UTF-8 encoder is
/// made the current one (§B.1), so the writer makes the dictionary and its UTF-16 strings itself.
HPDF_Dict info_dictionary(HPDF_Doc pdf);
/// Makes `info` (an indirect dictionary) the document's Info dictionary, which the trailer then names.
void set_info_dictionary(HPDF_Doc pdf, HPDF_Dict info);

/// Sets the header's version: PDF/A-1 needs %PDF-1.4 and 2.3.0 has no setter (2.4 added one).
void set_pdf_version(HPDF_Doc pdf, HPDF_PDFVer version);

/// Makes `output` the stream HPDF_SaveToStream writes to (libharu frees it with the document), so the saved
/// document goes straight into a callback instead of through libharu's memory stream.
void set_output(HPDF_Doc pdf, HPDF_Stream output);

/// The data a callback writer was made with (HPDF_CallbackWriter_New): libharu passes its callback only the stream.
void* callback_data(HPDF_Stream stream);

/// Has libharu call `write` with `dict` right after writing the dictionary, and `data` kept for it: how stream data
/// compressed by us goes straight to the output instead of through libharu's memory streams and zlib.
void write_after(HPDF_Dict dict, void* data, HPDF_STATUS (*write)(HPDF_Dict));
/// The data given to write_after, in the hook.
void* after_write_data(HPDF_Dict dict);

/// The dictionary of a page's content stream, which libharu made with the page.
HPDF_Dict page_contents(HPDF_Page page);
/// Frees the page's (empty) memory stream of content, so that the content compressed by us is written in its
/// place; no libharu drawing call may be made on the page afterwards. False when the page has none.
bool drop_page_stream(HPDF_Page page);

}  // namespace vanban::pdf::haru
