// libFuzzer target for pdfobj's strict PDF reader and the sign module on hostile PDFs: opening, the page tree,
// signature fields, the whole verification (byte ranges, CMS parsing) and signing (an invisible signature
// appended to whatever parsed).
// Nothing may crash, hang or allocate without bound. Built with -fsanitize=fuzzer under VANBAN_FUZZ (clang);
// otherwise corpus_replay.cpp replays the corpus (with mutations) in ctest.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "pdfobj/pdf_file.hpp"
#include "sign/signing.hpp"
#include "sign/verification.hpp"

namespace {

using namespace vanban::sign;
using vanban::pdfobj::OpenProblem;
using vanban::pdfobj::PdfFile;
using vanban::pdfobj::Ref;

// A throw-away ECDSA key and self-signed certificate from the openssl command (nothing is committed);
// nullptr when openssl is not there, and then signing is not fuzzed.
const Identity* fuzz_identity() {
  static const std::unique_ptr<Identity> identity = []() -> std::unique_ptr<Identity> {
    FILE* pipe = ::popen(
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout - -out - -subj /CN=fuzz "
        "-days 36500 2>/dev/null",
        "r");
    if (pipe == nullptr) return nullptr;
    std::string pem;
    char buffer[4096];
    for (std::size_t n = 0; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) pem.append(buffer, n);
    ::pclose(pipe);
    vanban::Diagnostics diagnostics;
    return Identity::from_pem(
        pem, pem, "", [] { return std::optional<std::string>(); }, {}, {}, diagnostics);
  }();
  return identity.get();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  OpenProblem problem;
  if (const auto file = PdfFile::open(bytes, problem)) {
    for (const Ref page : file->pages()) (void)file->page_attribute(page, "MediaBox");
    (void)file->signature_fields();
    (void)file->field_names();
  }
  const Moment time = *Moment::parse_iso("2026-07-01T00:00:00+07:00");
  VerifyOptions options;
  options.now = time;
  vanban::Diagnostics diagnostics;
  (void)verify_pdf(bytes, options, {}, diagnostics);
  if (const Identity* identity = fuzz_identity()) {
    // A day into the certificate's validity, so that the new signature must verify.
    SignRequest request;
    request.time = Moment::from_unix(identity->certificate().not_before + 86400, 420);
    if (const auto signed_pdf = sign_pdf(bytes, *identity, request, nullptr, {}, diagnostics)) {
      // What we wrote must read back, with the new signature valid for its revision.
      options.now = request.time;
      const auto report = verify_pdf(*signed_pdf, options, {}, diagnostics);
      if (!report || report->signatures.empty() || !report->signatures.back().valid()) __builtin_trap();
    }
  }
  return 0;
}
