// PDFs fit for the archive, checked by real tools on every sample case: PDFBox Preflight (PDF/A-1b), exact text
// with pdftotext, fonts with pdffonts, structure with qpdf, metadata with pdfinfo; and an incremental update
// (what signing will append) that keeps the file PDF/A-1b.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <regex>
#include <set>

#include "support/paths.hpp"
#include "support/preflight.hpp"
#include "support/process.hpp"
#include "support/reorganised.hpp"

namespace vanban {
namespace {

using test::quote;
using test::run;
using test::vanban;

struct Rendered {
  std::filesystem::path pdf;
  std::filesystem::path layout;
};

// Renders one case with one template to PDF and to its layout dump.
Rendered render(const std::filesystem::path& case_file, const std::string& template_name,
                const std::filesystem::path& dir, const std::string& extra = "") {
  const std::string stem = case_file.stem().string() + "." + template_name;
  Rendered out{dir / (stem + ".pdf"), dir / (stem + ".layout")};
  const std::string base = "render " + quote(case_file.string()) + " --template " + template_name + " " + extra;
  const auto pdf = vanban(base + " -o " + quote(out.pdf.string()));
  EXPECT_EQ(pdf.exit_code, 0) << case_file << "\n" << pdf.err;
  const auto dump = vanban(base + " --dump-layout " + quote(out.layout.string()));
  EXPECT_EQ(dump.exit_code, 0) << case_file << "\n" << dump.err;
  return out;
}

#if defined(__SANITIZE_ADDRESS__)
// Under AddressSanitizer a start of the CLI costs some twenty times its release cost: every template is rendered
// once there (on the first sample case meant for it), every pair in the release pass.
constexpr bool kEveryPair = false;
#else
constexpr bool kEveryPair = true;
#endif

// Every sample case with every template meant for it (under the sanitizers, every template once).
std::vector<Rendered> render_samples(const std::filesystem::path& dir) {
  std::vector<Rendered> out;
  std::set<std::string> rendered;
  for (const auto& file : test::all_sample_cases()) {
    const auto names = vanban("templates --for " + quote(file.string()));
    std::istringstream lines(names.out);
    std::string name;
    while (std::getline(lines, name))
      if (!name.empty() && (rendered.insert(name).second || kEveryPair))
        out.push_back(render(file, name, dir, "--number 7 " + test::example_options(name)));
  }
  return out;
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string word;
  while (in >> word) out.push_back(word);
  return out;
}

// The drawn text of a layout dump in drawing order; a run that continues the previous one on its line (a bold
// "Điều 1." then regular text, at x = previous x + width) is joined to it without a space, as a reader sees it.
std::string drawn_text(const std::string& dump) {
  const std::regex placed(R"(^(p\d+) text ([\d.]+) ([\d.]+) \S+ [\d.]+ w=([\d.]+))");
  std::string out;
  std::string line_key;
  double line_end = -1;
  std::istringstream lines(dump);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (!std::regex_search(line, m, placed)) continue;
    const auto first = line.find('"');
    const auto last = line.rfind('"');
    const std::string key = m[1].str() + " " + m[3].str();
    const double x = std::stod(m[2]);
    const bool continues = key == line_key && std::abs(x - line_end) < 0.05;
    out += (continues ? "" : "\n") + line.substr(first + 1, last - first - 1);
    line_key = key;
    line_end = x + std::stod(m[4]);
  }
  return out;
}

// The project's example decision with one piece of text replaced, written into `dir`.
std::filesystem::path edited_example(const std::filesystem::path& dir, const std::string& from, const std::string& to) {
  std::string xml = test::read_text(test::source_dir() / "examples" / "chu-dong-ma-tuy.xml");
  const auto at = xml.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) xml.replace(at, from.size(), to);
  const auto file = dir / "edited.xml";
  test::write_text(file, xml);
  return file;
}

TEST(PdfArchive, EverySampleIsValidPdfA1b) {
  const auto dir = test::scratch_dir("archive_pdfa");
  std::vector<std::filesystem::path> pdfs;
  for (const auto& item : render_samples(dir)) pdfs.push_back(item.pdf);
  // A draft (no number) and a document under the 2025 law too.
  const auto example = test::source_dir() / "examples" / "chu-dong-ma-tuy.xml";
  std::filesystem::create_directories(dir / "draft");
  std::filesystem::create_directories(dir / "new-law");
  pdfs.push_back(render(example, "qd-tha-chu-dong", dir / "draft").pdf);
  const auto moved = dir / "new-law" / "chu-dong-ma-tuy.xml";  // the bodies of 2026 (E0320 otherwise)
  test::write_text(moved, test::reorganised(test::read_text(example)));
  pdfs.push_back(render(moved, "qd-tha-chu-dong", dir / "new-law", "--date 2026-07-01 --number 3").pdf);
  ASSERT_GE(pdfs.size(), 3U);
  EXPECT_EQ(test::preflight_problems(pdfs, dir), "");
}

TEST(PdfArchive, TextExtractionIsExactAndFontsAreEmbedded) {
  const auto dir = test::scratch_dir("archive_text");
  const auto rendered = render_samples(dir);
  ASSERT_FALSE(rendered.empty());
  for (const auto& item : rendered) {
    const std::string expected = drawn_text(test::read_text(item.layout));
    ASSERT_FALSE(expected.empty()) << item.layout;
    // Content order is reading order: the same words, in the same order, as drawn.
    const auto raw = run("pdftotext -raw -enc UTF-8 " + quote(item.pdf.string()) + " -");
    EXPECT_EQ(raw.exit_code, 0);
    EXPECT_EQ(raw.err, "") << "poppler warned on " << item.pdf;
    EXPECT_EQ(words(raw.out), words(expected)) << item.pdf;
    // poppler's own reading order (columns guessed from positions) gives back the same words.
    const auto physical = run("pdftotext -enc UTF-8 " + quote(item.pdf.string()) + " -");
    EXPECT_EQ(physical.err, "") << "poppler warned on " << item.pdf;
    auto got = words(physical.out);
    auto want = words(expected);
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(got, want) << item.pdf;
    // NFC: no combining mark left on its own.
    EXPECT_FALSE(std::regex_search(raw.out, std::regex("\xCC[\x80-\xBF]|\xCD[\x80-\xAF]"))) << item.pdf;

    const auto fonts = run("pdffonts " + quote(item.pdf.string()));
    EXPECT_EQ(fonts.err, "");
    std::istringstream lines(fonts.out);
    std::string line;
    int rows = 0;
    while (std::getline(lines, line)) {
      if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0) continue;
      ++rows;
      EXPECT_TRUE(std::regex_search(line, std::regex("^[A-Z]{6}\\+LiberationSerif"))) << line;  // subset
      EXPECT_NE(line.find("CID TrueType"), std::string::npos) << line;
      EXPECT_NE(line.find("yes yes yes"), std::string::npos) << line;  // embedded, subset, ToUnicode
    }
    EXPECT_GE(rows, 2) << item.pdf;
    const auto check = run("qpdf --check " + quote(item.pdf.string()));
    EXPECT_EQ(check.exit_code, 0) << item.pdf << "\n" << check.out << check.err;
  }
}

// An agency name with XML's special characters: Info and XMP agree, the XMP stays well-formed.
TEST(PdfArchive, MetadataIsEscapedAndAgreesWithInfo) {
  const auto dir = test::scratch_dir("archive_metadata");
  const auto case_file = edited_example(dir, "CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN THƯỜNG XUÂN",
                                        "CHI CỤC THI HÀNH ÁN DÂN SỰ &amp; &lt;THỬ&gt; \"X\"");
  const auto rendered = render(case_file, "qd-tha-chu-dong", dir, "--number 7");
  EXPECT_EQ(test::preflight_problems({rendered.pdf}, dir), "");

  const auto info = run("pdfinfo " + quote(rendered.pdf.string()));
  EXPECT_EQ(info.err, "");
  EXPECT_NE(info.out.find("Title:           Quyết định về việc thi hành án\n"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("Author:          CHI CỤC THI HÀNH ÁN DÂN SỰ & <THỬ> \"X\"\n"), std::string::npos)
      << info.out;
  EXPECT_NE(info.out.find("Keywords:        THA-2024-000517, 07/QĐ-CCTHADS\n"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("Metadata Stream: yes"), std::string::npos);

  const auto xmp = run("pdfinfo -meta " + quote(rendered.pdf.string()));
  const std::map<std::string, std::string> expected = {
      {"dc:title", "<rdf:li xml:lang=\"x-default\">Quyết định về việc thi hành án</rdf:li>"},
      {"dc:creator", "<rdf:li>CHI CỤC THI HÀNH ÁN DÂN SỰ &amp; &lt;THỬ&gt; \"X\"</rdf:li>"},
      {"pdf:Keywords", "<pdf:Keywords>THA-2024-000517, 07/QĐ-CCTHADS</pdf:Keywords>"},
      {"xmp:CreateDate", "<xmp:CreateDate>2024-06-24T00:00:00+07:00</xmp:CreateDate>"},
      {"pdfaid", "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>"},
      {"TypeName", "<nd30:TypeName>Quyết định</nd30:TypeName>"},
      {"CodeNumber", "<nd30:CodeNumber>07</nd30:CodeNumber>"},
      {"CodeNotation", "<nd30:CodeNotation>QĐ-CCTHADS</nd30:CodeNotation>"},
      {"IssuedDate", "<nd30:IssuedDate>2024-06-24</nd30:IssuedDate>"},
      {"OrganName", "<nd30:OrganName>CHI CỤC THI HÀNH ÁN DÂN SỰ &amp; &lt;THỬ&gt; \"X\"</nd30:OrganName>"},
      {"Subject", "<nd30:Subject>Về việc thi hành án</nd30:Subject>"},
      {"PageAmount", "<nd30:PageAmount>"},
      {"SignerInfo",
       "<nd30signer:Position>Phó Chi cục trưởng</nd30signer:Position>\n"
       "<nd30signer:FullName>Cầm Bá Nguyện</nd30signer:FullName>"},
  };
  for (const auto& [what, text] : expected) EXPECT_NE(xmp.out.find(text), std::string::npos) << what << "\n" << xmp.out;
  // Info CreationDate is the same day.
  const std::string bytes = test::read_text(rendered.pdf);
  EXPECT_NE(bytes.find("/CreationDate (D:20240624000000+07'00')"), std::string::npos);
}

// ---- an incremental update by hand: what the sign module will append -------------------------------

std::string object_text(const std::string& pdf, int number) {
  const std::string head = "\n" + std::to_string(number) + " 0 obj\n";
  const auto begin = pdf.find(head);
  if (begin == std::string::npos) return "";
  const auto body = begin + head.size();
  return pdf.substr(body, pdf.find("\nendobj", body) - body);
}

int trailer_number(const std::string& pdf, const std::string& key) {
  std::smatch match;
  const std::string trailer = pdf.substr(pdf.rfind("trailer"));
  if (!std::regex_search(trailer, match, std::regex("/" + key + " (\\d+)"))) return -1;
  return std::stoi(match[1]);
}

// Appends a new revision that adds an (unsigned) signature field with a widget on page 1: a rewritten catalog
// whose /AcroForm lists it, a rewritten page whose /Annots lists it, a classic xref section and a trailer with
// /Prev.
std::string append_signature_field(const std::string& pdf) {
  const int root = trailer_number(pdf, "Root");
  const int size = trailer_number(pdf, "Size");
  const auto page_at = pdf.find("/Type /Page\n");
  const auto object_start = pdf.rfind(" 0 obj", page_at);
  const int page = std::stoi(pdf.substr(pdf.rfind('\n', object_start) + 1));
  std::smatch match;
  const std::string old_trailer = pdf.substr(pdf.rfind("trailer"));
  std::regex_search(old_trailer, match, std::regex("/Info (\\d+) 0 R"));
  const std::string info = match[1];
  std::regex_search(old_trailer, match, std::regex("/ID \\[[^\\]]*\\]"));
  const std::string id = match[0];
  const auto startxref = pdf.substr(pdf.rfind("startxref") + 10);
  const long previous = std::stol(startxref);

  const int widget = size;
  const int appearance = size + 1;
  std::string out = pdf;
  std::map<int, std::size_t> offsets;
  const auto add = [&](int number, const std::string& body) {
    offsets[number] = out.size();
    out += std::to_string(number) + " 0 obj\n" + body + "\nendobj\n";
  };
  // The new widget joins the arrays that list the empty field of the signature block, or starts them.
  const std::string reference = std::to_string(widget) + " 0 R";
  const auto join = [&](std::string dict, const std::string& array, const std::string& fresh) {
    const auto at = dict.find(array + " [");
    if (at != std::string::npos) dict.insert(at + array.size() + 2, " " + reference + " ");
    else dict.insert(dict.rfind(">>"), fresh);
    return dict;
  };
  add(root, join(object_text(pdf, root), "/Fields", "/AcroForm << /Fields [" + reference + "] >>\n"));
  add(page, join(object_text(pdf, page), "/Annots", "/Annots [" + reference + "]\n"));
  add(widget, "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /F 132 /Rect [0 0 0 0] /P " +
                  std::to_string(page) + " 0 R /AP << /N " + std::to_string(appearance) + " 0 R >> >>");
  add(appearance, "<< /Type /XObject /Subtype /Form /BBox [0 0 0 0] /Length 0 >>\nstream\n\nendstream");

  const std::size_t xref_at = out.size();
  out += "xref\n0 1\n0000000000 65535 f \n";
  for (const auto& [number, offset] : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%d 1\n%010zu 00000 n \n", number, offset);
    out += entry;
  }
  out += "trailer\n<< /Size " + std::to_string(size + 2) + " /Root " + std::to_string(root) + " 0 R /Info " + info +
         " 0 R " + id + " /Prev " + std::to_string(previous) + " >>\nstartxref\n" + std::to_string(xref_at) +
         "\n%%EOF\n";
  return out;
}

TEST(PdfArchive, AnIncrementalUpdateKeepsItPdfA1b) {
  const auto dir = test::scratch_dir("archive_update");
  const auto example = test::source_dir() / "examples" / "chu-dong-ma-tuy.xml";
  const auto rendered = render(example, "qd-tha-chu-dong", dir, "--number 7");
  const std::string original = test::read_text(rendered.pdf);
  // What makes an update possible: a classic cross-reference table (PDF/A-1 forbids xref streams), a trailer
  // with /ID, no linearization.
  EXPECT_NE(original.find("\nxref\n0 "), std::string::npos);
  EXPECT_EQ(original.find("/XRefStm"), std::string::npos);
  EXPECT_EQ(original.find("/Linearized"), std::string::npos);
  const auto updated = dir / "updated.pdf";
  test::write_text(updated, append_signature_field(original));
  EXPECT_EQ(test::read_text(updated).substr(0, original.size()), original);

  const auto check = run("qpdf --check " + quote(updated.string()));
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  const auto info = run("pdfinfo " + quote(updated.string()));
  EXPECT_EQ(info.err, "");
  EXPECT_NE(info.out.find("Form:            AcroForm"), std::string::npos) << info.out;
  EXPECT_EQ(test::preflight_problems({updated}, dir), "");
}

TEST(PdfArchive, ACharacterTheFontCannotShowIsAnInputError) {
  const auto dir = test::scratch_dir("archive_cjk");
  const auto case_file = edited_example(dir, "<name>Hà Văn Hưởng</name>", "<name>Hà Văn 香</name>");
  const auto pdf = dir / "cjk.pdf";
  const auto result =
      vanban("render " + quote(case_file.string()) + " --template qd-tha-chu-dong -o " + quote(pdf.string()));
  EXPECT_EQ(result.exit_code, 1);
  // Where it is (the debtor's <name> in the case file), which field, which character.
  EXPECT_NE(result.err.find(case_file.string() + ":23:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("[E0501]"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("\"香\" (U+9999)"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("trong trường \""), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(pdf));
}

}  // namespace
}  // namespace vanban
