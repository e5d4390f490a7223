#pragma once
// Small PDFs written by hand for the sign tests: object bodies in, a file with a correct classic
// cross-reference table out.

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace vanban::test {

/// A PDF 1.4 file whose object n is bodies[n - 1]; the trailer has /Root 1 0 R and `trailer_extra`.
inline std::string pdf_from_objects(const std::vector<std::string>& bodies, const std::string& trailer_extra = "") {
  std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + bodies[i] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(bodies.size() + 1) + "\n0000000000 65535 f\r\n";
  for (const std::size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n\r\n", offset);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(bodies.size() + 1) + " /Root 1 0 R " + trailer_extra +
         " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

/// A one-page A4 document with a line of text in Helvetica (not PDF/A; enough for signing tests).
inline std::string one_page_pdf() {
  const std::string content = "BT /F1 12 Tf 72 770 Td (Quyet dinh thi hanh an) Tj ET";
  return pdf_from_objects({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.276 841.89] /Contents 4 0 R "
                           "/Resources << /Font << /F1 5 0 R >> >> >>",
                           "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
                           "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"},
                          "/ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]");
}

/// The number after the last `key` in `pdf` ("/Size ", "startxref"): the newest trailer's value; 0 when absent.
inline std::size_t newest_number(const std::string& pdf, const std::string& key) {
  const std::size_t at = pdf.rfind(key);
  return at == std::string::npos ? 0 : std::stoul(pdf.substr(at + key.size()));
}

/// `pdf` followed by an incremental update that defines (or redefines) the objects of `bodies` (number → body),
/// with a classic cross-reference section whose trailer keeps the newest /Root and points /Prev at the last one.
inline std::string append_update(const std::string& pdf, const std::map<std::size_t, std::string>& bodies) {
  const std::size_t root_at = pdf.rfind("/Root ") + 6;
  const std::string root = pdf.substr(root_at, pdf.find('R', root_at) + 1 - root_at);
  std::size_t size = newest_number(pdf, "/Size ");
  std::string out = pdf;
  std::string xref = "xref\n";
  for (const auto& [number, body] : bodies) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", out.size());
    xref += std::to_string(number) + " 1\n" + entry;
    out += std::to_string(number) + " 0 obj\n" + body + "\nendobj\n";
    size = std::max(size, number + 1);
  }
  const std::size_t xref_at = out.size();
  return out + xref + "trailer\n<< /Size " + std::to_string(size) + " /Root " + root + " /Prev " +
         std::to_string(newest_number(pdf, "startxref")) + " >>\nstartxref\n" + std::to_string(xref_at) + "\n%%EOF\n";
}

}  // namespace vanban::test
