#include "pdf/writer.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "base/utf8.hpp"
#include "pdfobj/font.hpp"
#include "pdfobj/lexical.hpp"
#include "pdfobj/pdf_file.hpp"
#include "support/object_recorder.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"

namespace vanban::pdf {
namespace {

layout::PageSet one_page() {
  layout::PageSet pages;
  pages.width = 595.28;
  pages.height = 841.89;
  layout::Page page;
  page.texts.push_back(layout::PlacedText{85, 100, layout::Face::bold, 14, "QUYẾT ĐỊNH", 90, 0});
  page.texts.push_back(layout::PlacedText{85, 120, layout::Face::regular, 14, "Nguyễn Văn Hùng", 100, 1.5});
  page.rules.push_back(layout::PlacedRule{100, 130, 200, 130, 0.6});
  pages.pages.push_back(page);
  return pages;
}

TEST(Writer, IsDeterministic) {
  const auto fonts = FontSet::load(test::source_dir() / "fonts");
  model::DocumentMetadata info;
  info.title = "Quyết định về việc thi hành án";
  const Bytes first = write_pdf(one_page(), info, *fonts);
  const Bytes second = write_pdf(one_page(), info, *fonts);
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.substr(0, 8), "%PDF-1.4");
}

// The same drawing with other characters (the CIDs of "ab" and "bc" are both 1 2) is another file.
TEST(Writer, TheFileIdentifierFollowsTheText) {
  const auto fonts = FontSet::load(test::source_dir() / "fonts");
  const auto with_text = [&](const char* text) {
    layout::PageSet pages = one_page();
    pages.pages.front().texts = {layout::PlacedText{85, 100, layout::Face::regular, 14, text, 20, 0}};
    const Bytes pdf = write_pdf(pages, model::DocumentMetadata{}, *fonts);
    const auto at = pdf.find("/ID [");
    return pdf.substr(at, pdf.find(']', at) - at);
  };
  EXPECT_EQ(with_text("ab"), with_text("ab"));
  EXPECT_NE(with_text("ab"), with_text("bc"));
}

TEST(Writer, EmbedsOnlyTheFacesUsed) {
  const auto fonts = FontSet::load(test::source_dir() / "fonts");
  const Bytes pdf = write_pdf(one_page(), model::DocumentMetadata{}, *fonts);
  EXPECT_NE(pdf.find("+LiberationSerif-Bold"), std::string::npos);
  EXPECT_NE(pdf.find("+LiberationSerif\n"), std::string::npos);
  EXPECT_EQ(pdf.find("LiberationSerif-Italic"), std::string::npos);
  EXPECT_LT(pdf.size(), 20000U);
}

// Positions, sizes and word spacing as the content stream states them (numbers are formatted by hand).
TEST(Writer, ContentStatesPositionsInPoints) {
  const auto fonts = FontSet::load(test::source_dir() / "fonts");
  const auto dir = test::scratch_dir("writer_content");
  test::write_text(dir / "one.pdf", write_pdf(one_page(), model::DocumentMetadata{}, *fonts));
  const auto qdf = test::run("qpdf --qdf --object-streams=disable " + test::quote((dir / "one.pdf").string()) + " " +
                             test::quote((dir / "qdf.pdf").string()));
  ASSERT_EQ(qdf.exit_code, 0) << qdf.err;
  const std::string content = test::read_text(dir / "qdf.pdf");
  // one_page(): a rule 100→200 at y 130 (0.6 pt), "QUYẾT ĐỊNH" at (85, 100), 14 pt; a justified line at (85, 120)
  // with 1.5 pt extra per space: −1.5 × 1000 / 14 = −107.1 thousandths of an em.
  EXPECT_NE(content.find("0.6 w\n100 711.89 m 200 711.89 l S\n"), std::string::npos);
  // (qpdf's normalized copy shows the binary strings in hex.)
  EXPECT_NE(content.find(" 14 Tf\n1 0 0 1 85 741.89 Tm [<"), std::string::npos) << content;
  EXPECT_NE(content.find("1 0 0 1 85 721.89 Tm [<"), std::string::npos);
  EXPECT_NE(content.find("> -107.1 <"), std::string::npos);
}

// PDF/A-1 limits arrays to 8,191 elements: a combined print file of many letters must not put every page into one
// /Kids array.
TEST(Writer, ALongDocumentHasNoArrayLongerThanPdfAAllows) {
  const auto fonts = FontSet::load(test::source_dir() / "fonts");
  layout::PageSet pages = one_page();
  pages.pages.resize(9000, pages.pages.front());
  const Bytes pdf = write_pdf(pages, model::DocumentMetadata{}, *fonts);
  std::size_t page_objects = 0;
  for (std::size_t at = pdf.find("/Type /Page\n"); at != std::string::npos; at = pdf.find("/Type /Page\n", at + 1))
    ++page_objects;
  EXPECT_EQ(page_objects, 9000U);
  std::size_t longest = 0;
  for (std::size_t at = pdf.find("/Kids ["); at != std::string::npos; at = pdf.find("/Kids [", at + 1)) {
    const std::string kids = pdf.substr(at, pdf.find(']', at) - at);
    std::size_t refs = 0;
    for (std::size_t r = kids.find(" R"); r != std::string::npos; r = kids.find(" R", r + 1)) ++refs;
    longest = std::max(longest, refs);
  }
  EXPECT_GT(longest, 0U);
  EXPECT_LE(longest, 8191U);
}

// An object as its writer decided it, whatever the numbering, spelling and compression: references followed, numbers
// by value, a stream as its dictionary (without /Length and /Filter), whether it is compressed, and its data.
struct Node {
  pdfobj::Object object;
  std::string data;
  bool stream = false;
  bool flate = false;
};
std::string canonical(const pdfobj::Object& object, const std::function<Node(pdfobj::Ref)>& resolve) {
  struct Visitor {
    const std::function<Node(pdfobj::Ref)>& resolve;
    std::string operator()(const pdfobj::Null&) const { return "null"; }
    std::string operator()(bool value) const { return value ? "true" : "false"; }
    std::string operator()(std::int64_t value) const { return pdfobj::number(static_cast<double>(value), 3); }
    std::string operator()(const pdfobj::Real& value) const { return pdfobj::number(value.value, 3); }
    std::string operator()(const pdfobj::Name& name) const { return "/" + name.value; }
    std::string operator()(const pdfobj::String& string) const { return "(" + string.value + ")"; }
    std::string operator()(const pdfobj::Array& array) const {
      std::string out = "[";
      for (const auto& item : array) out += canonical(item, resolve) + " ";
      return out + "]";
    }
    std::string operator()(const pdfobj::Dict& dict) const {
      std::string out = "<<";
      for (const auto& entry : dict)
        if (entry.key != "Length" && entry.key != "Filter")
          out += "/" + entry.key + " " + canonical(entry.value, resolve) + " ";
      return out + ">>";
    }
    std::string operator()(const pdfobj::Ref& ref) const {
      const Node node = resolve(ref);
      const std::string object = canonical(node.object, resolve);
      if (!node.stream) return object;
      return "stream " + object + (node.flate ? " flate " : " as is ") + node.data;
    }
    std::string operator()(const pdfobj::Stream& stream) const { return (*this)(stream.dict); }
  };
  return std::visit(Visitor{resolve}, object.value());
}

// What the document's fonts contain is what pdfobj::write_font decides: HaruObjects gives libharu every object and
// every entry as they are.
TEST(Writer, FontsAreTheObjectsPdfobjDecides) {
  const auto fonts = FontSet::load(test::source_dir() / "fonts");
  const Bytes pdf = write_pdf(one_page(), model::DocumentMetadata{}, *fonts);
  pdfobj::OpenProblem problem;
  const auto file = pdfobj::PdfFile::open(pdf, problem);
  ASSERT_TRUE(file.has_value()) << problem.detail;
  const auto from_file = [&](pdfobj::Ref ref) {
    const auto object = file->object(ref);
    if (!object) throw std::runtime_error("missing object");
    const auto* stream = std::get_if<pdfobj::Stream>(&object->value());
    if (stream == nullptr) return Node{*object, "", false, false};
    const pdfobj::Object* filter = pdfobj::find(stream->dict, "Filter");
    return Node{pdfobj::Object(stream->dict), file->stream_data(*stream).value_or("?"), true,
                filter != nullptr && filter->is_name("FlateDecode")};
  };
  const auto resources = file->page_attribute(file->pages().at(0), "Resources");
  ASSERT_TRUE(resources && resources->dict());
  const auto font_resources = file->get(*resources->dict(), "Font");
  ASSERT_TRUE(font_resources && font_resources->dict());
  std::set<std::string> written;
  for (const auto& entry : *font_resources->dict()) written.insert(canonical(entry.value, from_file));

  std::set<std::string> decided;
  for (const auto& [face, text] :
       {std::pair{layout::Face::bold, "QUYẾT ĐỊNH"}, {layout::Face::regular, "Nguyễn Văn Hùng"}}) {
    const std::u32string characters = utf8::to_u32(text);
    const std::set<char32_t> drawn(characters.begin(), characters.end());
    test::ObjectRecorder recorder;
    const pdfobj::Ref type0 = pdfobj::write_font(recorder, fonts->embeddable(face, {drawn.begin(), drawn.end()}));
    decided.insert(canonical(pdfobj::Object(type0), [&](pdfobj::Ref ref) {
      const auto& object = recorder.at(ref);
      return Node{object.object, object.data, object.stream, object.coding == pdfobj::StreamCoding::flate};
    }));
  }
  EXPECT_EQ(written, decided);
}

// Enough distinct characters in one face that CIDs reach the bytes a literal string must escape: ( ) \\ and line
// ends (0x28, 0x29, 0x5C, 0x0A, 0x0D). pdftotext must give every character back.
TEST(Writer, EveryCidSurvivesTheContentStream) {
  const auto fonts = FontSet::load(test::source_dir() / "fonts");
  std::string line;
  for (char32_t cp = 0x21; cp < 0x7F; ++cp) utf8::append(line, cp);
  for (char32_t cp = 0x1EA0; cp < 0x1EFA; ++cp) utf8::append(line, cp);  // ẠạẢả … Ỹỹ
  layout::PageSet pages;
  pages.width = 595.28;
  pages.height = 841.89;
  layout::Page page;
  for (std::size_t at = 0, row = 0; at < line.size(); ++row) {
    std::size_t end = at;
    for (int n = 0; n < 30 && end < line.size(); ++n) {
      std::size_t next = end;
      utf8::decode(line, next);
      end = next;
    }
    page.texts.push_back(layout::PlacedText{60, 100 + 20.0 * static_cast<double>(row), layout::Face::regular, 12,
                                            line.substr(at, end - at), 400, 0});
    at = end;
  }
  pages.pages.push_back(page);
  const auto dir = test::scratch_dir("writer_cids");
  test::write_text(dir / "cids.pdf", write_pdf(pages, model::DocumentMetadata{}, *fonts));
  const auto text = test::run("pdftotext -raw -enc UTF-8 " + test::quote((dir / "cids.pdf").string()) + " -");
  EXPECT_EQ(text.err, "");
  std::string joined;
  for (const char c : text.out)
    if (c != '\n' && c != '\f' && c != ' ') joined += c;
  EXPECT_EQ(joined, line);
}

// The box the layout keeps for the signature image becomes an empty signature field named "signer", printed,
// with only a normal appearance, listed by the catalog's /AcroForm; without a box there is no form.
TEST(Writer, TheSignatureBoxIsAnEmptySignatureField) {
  const auto fonts = FontSet::load(test::source_dir() / "fonts");
  EXPECT_EQ(write_pdf(one_page(), model::DocumentMetadata{}, *fonts).find("/AcroForm"), std::string::npos);
  layout::PageSet pages = one_page();
  pages.pages.front().signature_boxes.push_back(layout::SignatureBox{300, 500, 250, 70});
  const auto dir = test::scratch_dir("writer_signature_field");
  test::write_text(dir / "field.pdf", write_pdf(pages, model::DocumentMetadata{}, *fonts));
  const auto qdf = test::run("qpdf --qdf --object-streams=disable " + test::quote((dir / "field.pdf").string()) + " " +
                             test::quote((dir / "field.qdf").string()));
  ASSERT_EQ(qdf.exit_code, 0) << qdf.err;
  const std::string text = test::read_text(dir / "field.qdf");
  for (const char* piece : {"/AcroForm", "/FT /Sig", "/T (signer)", "/F 4", "/Subtype /Widget", "/Annots ["})
    EXPECT_NE(text.find(piece), std::string::npos) << piece;
  // Rect: x 300 to 550, top 500 from the page's top, 70 high (PDF y counts up from the bottom; libharu writes
  // reals as floats: 271.89001).
  const auto rect = text.find("/Rect [");
  ASSERT_NE(rect, std::string::npos);
  std::istringstream numbers(text.substr(rect + 7, text.find(']', rect) - rect - 7));
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  numbers >> x1 >> y1 >> x2 >> y2;
  EXPECT_DOUBLE_EQ(x1, 300);
  EXPECT_NEAR(y1, 841.89 - 570, 0.001);
  EXPECT_DOUBLE_EQ(x2, 550);
  EXPECT_NEAR(y2, 841.89 - 500, 0.001);
  const auto ap = text.find("/AP <<");
  ASSERT_NE(ap, std::string::npos);
  EXPECT_EQ(text.substr(ap, text.find(">>", ap) - ap).find("/D"), std::string::npos) << "only /N";
}

}  // namespace
}  // namespace vanban::pdf
