// Reading PDFs for signing: cross-reference chains (classic and streams), limits against hostile files.

#include "pdfobj/pdf_file.hpp"

#include <gtest/gtest.h>

#include "pdfobj/update.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/tiny_pdf.hpp"

namespace vanban::pdfobj {
namespace {

std::optional<PdfFile> open(std::string_view bytes, OpenProblem& problem) { return PdfFile::open(bytes, problem); }

TEST(PdfFile, ReadsAClassicFile) {
  const std::string pdf = test::one_page_pdf();
  OpenProblem problem;
  const auto file = open(pdf, problem);
  ASSERT_TRUE(file.has_value()) << problem.detail;
  EXPECT_EQ(file->next_object_number(), 6U);
  EXPECT_FALSE(file->has_xref_streams());
  ASSERT_EQ(file->pages().size(), 1U);
  const auto box = file->page_attribute(file->pages()[0], "MediaBox");
  ASSERT_TRUE(box.has_value());
  EXPECT_DOUBLE_EQ((*read_rect(*box))[3], 841.89);
  const auto content = file->object(Ref{4, 0});
  ASSERT_TRUE(content && content->stream());
  EXPECT_EQ(*file->stream_data(*content->stream()), "BT /F1 12 Tf 72 770 Td (Quyet dinh thi hanh an) Tj ET");
  EXPECT_TRUE(file->signature_fields().empty());
  EXPECT_FALSE(file->object(Ref{4, 1}).has_value());  // wrong generation
  EXPECT_FALSE(file->object(Ref{99, 0}).has_value());
}

TEST(PdfFile, NamesWhatIsWrong) {
  const std::string pdf = test::one_page_pdf();
  OpenProblem problem;
  EXPECT_FALSE(open("hello, world", problem));
  EXPECT_EQ(problem.kind, OpenProblem::Kind::not_pdf);
  const std::string half = pdf.substr(0, pdf.size() / 2);
  EXPECT_FALSE(open(half, problem));
  EXPECT_EQ(problem.kind, OpenProblem::Kind::truncated);
  const std::string no_eof = pdf.substr(0, pdf.size() - 7);  // "%%EOF" cut off
  EXPECT_FALSE(open(no_eof, problem));
  EXPECT_EQ(problem.kind, OpenProblem::Kind::truncated);
  std::string wild = pdf;
  wild.replace(wild.rfind("startxref\n") + 10, wild.size() - wild.rfind("startxref\n") - 10, "99999999\n%%EOF\n");
  EXPECT_FALSE(open(wild, problem));
  EXPECT_EQ(problem.kind, OpenProblem::Kind::damaged);
  const std::string encrypted = test::pdf_from_objects(
      {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>", "<< /Filter /Standard >>"},
      "/Encrypt 3 0 R");
  EXPECT_FALSE(open(encrypted, problem));
  EXPECT_EQ(problem.kind, OpenProblem::Kind::encrypted);
}

TEST(PdfFile, PrevLoopsAndCyclesEnd) {
  // /Prev pointing at its own section.
  std::string pdf = test::one_page_pdf();
  const std::size_t xref = pdf.rfind("xref\n0 ");
  pdf.replace(pdf.rfind("/Root 1 0 R"), 11, "/Root 1 0 R /Prev " + std::to_string(xref));
  OpenProblem problem;
  EXPECT_FALSE(open(pdf, problem));
  EXPECT_EQ(problem.kind, OpenProblem::Kind::damaged);
  // A stream whose /Length is itself; pages whose kids are their own parent.
  const std::string cyclic =
      test::pdf_from_objects({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>",
                              "<< /Length 3 0 R >>\nstream\nabc\nendstream"});
  const auto file = open(cyclic, problem);
  ASSERT_TRUE(file.has_value()) << problem.detail;
  EXPECT_TRUE(file->pages().size() <= 1U);
  EXPECT_TRUE(file->object(Ref{3, 0}).has_value());
}

TEST(PdfFile, EveryTruncationAndByteFlipIsSafe) {
  const std::string pdf = test::one_page_pdf();
  for (std::size_t cut = 0; cut < pdf.size(); ++cut) {
    OpenProblem problem;
    const std::string truncated = pdf.substr(0, cut);
    const auto file = open(truncated, problem);
    if (file) (void)file->pages();
  }
  for (std::size_t at = 0; at < pdf.size(); ++at) {
    std::string flipped = pdf;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x5A);
    OpenProblem problem;
    if (const auto file = open(flipped, problem)) {
      (void)file->pages();
      (void)file->signature_fields();
    }
  }
}

TEST(PdfFile, IncrementalUpdatesChainAndNewestWins) {
  const std::string pdf = test::one_page_pdf();
  OpenProblem problem;
  const auto file = open(pdf, problem);
  ASSERT_TRUE(file.has_value());
  IncrementalUpdate update(*file);
  update.put(Ref{5, 0}, Object(Dict{{"Type", Object(Name{"Font"})}, {"BaseFont", Object(Name{"Times-Roman"})}}));
  const Ref added = update.add(Object(std::int64_t{7}));
  std::map<Ref, std::size_t> offsets;
  const std::string updated = update.finish(offsets);
  ASSERT_EQ(updated.compare(0, pdf.size(), pdf), 0) << "the original bytes must be kept";
  const auto reread = open(updated, problem);
  ASSERT_TRUE(reread.has_value()) << problem.detail;
  EXPECT_EQ(reread->sections().size(), 2U);
  const auto font = reread->object(Ref{5, 0});
  ASSERT_TRUE(font && font->dict());
  EXPECT_TRUE(find(*font->dict(), "BaseFont")->is_name("Times-Roman"));
  EXPECT_EQ(std::get<std::int64_t>(reread->object(added).value().value()), 7);
  EXPECT_EQ(reread->pages().size(), 1U);
  const auto dir = test::scratch_dir("sign_update_chain");
  test::write_text(dir / "updated.pdf", updated);
  const auto check = test::run("qpdf --check " + test::quote((dir / "updated.pdf").string()));
  EXPECT_NE(check.out.find("No syntax or stream encoding errors"), std::string::npos) << check.out;
}

// finish writes the update on its own before it allocates the whole file: every offset is still the whole file's,
// with or without the line end it adds after an original that lacks one.
TEST(PdfFile, AnUpdatesOffsetsAreTheWholeFilesWithOrWithoutAnAddedLineEnd) {
  const std::string ending = test::one_page_pdf();
  ASSERT_EQ(ending.back(), '\n');
  for (const std::string& pdf : {ending, ending.substr(0, ending.size() - 1)}) {
    OpenProblem problem;
    const auto file = open(pdf, problem);
    ASSERT_TRUE(file.has_value()) << problem.detail;
    IncrementalUpdate update(*file);
    const Ref first = update.add(Object(std::int64_t{41}));
    const Ref second = update.add(Object(std::int64_t{42}));
    std::map<Ref, std::size_t> offsets;
    const std::string updated = update.finish(offsets);
    EXPECT_EQ(updated.compare(0, ending.size(), ending), 0);  // the original, and a line end only where it lacked one
    EXPECT_EQ(updated.substr(offsets.at(first), 2), "41");
    EXPECT_EQ(updated.substr(offsets.at(second), 2), "42");
    const auto reread = open(updated, problem);
    ASSERT_TRUE(reread.has_value()) << problem.detail;
    EXPECT_EQ(std::get<std::int64_t>(reread->object(second).value().value()), 42);
  }
}

TEST(PdfFile, NewStreamsAreStoredAsTheWriterIsAsked) {
  const std::string pdf = test::one_page_pdf();
  OpenProblem problem;
  const auto file = open(pdf, problem);
  ASSERT_TRUE(file.has_value());
  IncrementalUpdate update(*file);
  ObjectWriter& writer = update;
  const std::string text(2000, 'a');
  const Ref flate = writer.add_stream(Dict{{"Length1", Object(std::int64_t{2000})}}, text, StreamCoding::flate);
  const Ref as_is = writer.add_stream(Dict{}, text, StreamCoding::as_is);
  std::map<Ref, std::size_t> offsets;
  const std::string updated = update.finish(offsets);
  const auto reread = open(updated, problem);
  ASSERT_TRUE(reread.has_value()) << problem.detail;
  const auto compressed = reread->object(flate);
  ASSERT_TRUE(compressed && compressed->stream());
  const Stream& deflated = std::get<Stream>(compressed->value());
  const Object* filter = find(deflated.dict, "Filter");
  ASSERT_NE(filter, nullptr);
  EXPECT_TRUE(filter->is_name("FlateDecode"));
  EXPECT_LT(deflated.data_length, 100U);
  EXPECT_EQ(reread->stream_data(deflated), text);
  const auto plain = reread->object(as_is);
  ASSERT_TRUE(plain && plain->stream());
  const Stream& stored = std::get<Stream>(plain->value());
  EXPECT_EQ(find(stored.dict, "Filter"), nullptr);
  EXPECT_EQ(reread->stream_data(stored), text);
}

TEST(PdfFile, ReadsXrefStreamsAndObjectStreams) {
  const auto dir = test::scratch_dir("sign_xref_streams");
  test::write_text(dir / "in.pdf", test::one_page_pdf());
  const auto made = test::run("qpdf --object-streams=generate " + test::quote((dir / "in.pdf").string()) + " " +
                              test::quote((dir / "out.pdf").string()));
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string pdf = test::read_text(dir / "out.pdf");
  OpenProblem problem;
  const auto file = open(pdf, problem);
  ASSERT_TRUE(file.has_value()) << problem.detail;
  EXPECT_TRUE(file->has_xref_streams());
  ASSERT_EQ(file->pages().size(), 1U);
  const auto page = file->object(file->pages()[0]);
  ASSERT_TRUE(page && page->dict());
  EXPECT_TRUE(find(*page->dict(), "Type")->is_name("Page"));
}

}  // namespace
}  // namespace vanban::pdfobj
