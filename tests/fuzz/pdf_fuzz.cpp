// libFuzzer target for the sign module's PDF reading: opening, the page tree, signature fields and the whole
// verification (byte ranges, CMS parsing). Hostile input must never crash, hang or allocate without bound.
// Built with -fsanitize=fuzzer under VANBAN_FUZZ (clang); otherwise replay_main.cpp replays the corpus.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sign/pdf_file.hpp"
#include "sign/verification.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vanban::sign;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  OpenProblem problem;
  if (const auto file = PdfFile::open(bytes, problem)) {
    for (const Ref page : file->pages()) (void)file->page_attribute(page, "MediaBox");
    (void)file->signature_fields();
    (void)file->field_names();
  }
  VerifyOptions options;
  options.now = *Moment::parse_iso("2026-07-01T00:00:00+07:00");
  vanban::Diagnostics diagnostics;
  (void)verify_pdf(bytes, options, {}, diagnostics);
  return 0;
}
