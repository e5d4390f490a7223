// A large register read as a stream of cases gives what reading it whole gives: the same cases in the same order,
// and the same diagnostics byte for byte, whether the file is clean, has warnings, has an error in a late chunk,
// a text in a legacy encoding, a case id repeated across chunks, errors on its root, or a thousand errors.

#include <gtest/gtest.h>

#include "support/paths.hpp"
#include "support/register_generator.hpp"
#include "text/repair.hpp"
#include "xml/case_reader.hpp"
#include "xml/markup_scan.hpp"
#include "xml/safe_parse.hpp"

namespace vanban::xml {
namespace {

struct Streamed {
  bool read = false;
  std::vector<std::string> ids;
  std::size_t restarts = 0;
  std::size_t handed_over = 0;
  bool whole = false;  ///< read whole rather than a chunk at a time
  std::string diagnostics;
};

ReadOptions with_schema() {
  static const auto compiled =
      CaseSchema::compile(test::read_text(test::source_dir() / "schemas" / "case.xsd"), "case.xsd");
  ReadOptions options;
  options.schema = compiled;
  return options;
}

Streamed stream(const std::string& bytes, const ReadOptions& options = {}) {
  Streamed out;
  Diagnostics diagnostics;
  CaseVisitor visitor;
  visitor.take = [&](model::Case&& the_case) {
    out.ids.push_back(the_case.id);
    ++out.handed_over;
  };
  visitor.restart = [&] {
    out.ids.clear();
    ++out.restarts;
  };
  visitor.whole = [&] { out.whole = true; };
  out.read = read_cases(bytes, make_file_name("so.xml"), options, diagnostics, visitor);
  out.diagnostics = diagnostics.to_string();
  return out;
}

struct Whole {
  std::optional<model::Register> cases;
  std::string diagnostics;
};

Whole whole(const std::string& bytes, const ReadOptions& options = {}) {
  Diagnostics diagnostics;
  Whole out{read_register(bytes, make_file_name("so.xml"), options, diagnostics), {}};
  out.diagnostics = diagnostics.to_string();
  return out;
}

void expect_same(const std::string& bytes, const ReadOptions& options = {}) {
  const Whole reference = whole(bytes, options);
  const Streamed streamed = stream(bytes, options);
  EXPECT_EQ(streamed.read, reference.cases.has_value());
  EXPECT_EQ(streamed.diagnostics, reference.diagnostics);
  if (!reference.cases) return;
  ASSERT_EQ(streamed.ids.size(), reference.cases->cases.size());
  for (std::size_t i = 0; i < streamed.ids.size(); ++i) EXPECT_EQ(streamed.ids[i], reference.cases->cases[i].id);
}

// A register of 4,000 cases, about 5 MB: larger than the size from which registers are streamed (4 MiB).
const std::string& large_register() {
  static const std::string xml = test::generate_register(4000).xml;
  return xml;
}

// A payment beyond what is owed (W0224) in every case without payments from case `from_id` on.
std::string with_warnings_from(std::string xml, const std::string& from_id) {
  const std::string empty = "<events></events>";
  for (std::size_t at = xml.find(empty, xml.find(from_id)); at != std::string::npos; at = xml.find(empty, at))
    xml.replace(at, empty.size(),
                "<events><payment date=\"2024-03-01\" amount=\"999999999999\" obligation=\"o\"/></events>");
  return xml;
}

TEST(CaseStream, ACleanLargeRegisterIsReadInChunksWithTheSameResult) {
  ASSERT_GT(large_register().size(), 4U * 1024U * 1024U);
  expect_same(large_register());
  const Streamed streamed = stream(large_register());
  EXPECT_EQ(streamed.restarts, 0U);
  EXPECT_EQ(streamed.handed_over, 4000U);
}

TEST(CaseStream, WarningsInEveryChunkComeOutInFileOrderAndCapped) {
  // 1.500 payments beyond what is owed (W0224), all over the file: more than the 1,000 a read prints.
  std::string xml = large_register();
  std::size_t changed = 0;
  for (std::size_t at = xml.find("<events></events>"); at != std::string::npos && changed < 1500;
       at = xml.find("<events></events>", at + 1), ++changed)
    xml.replace(at, 17, "<events><payment date=\"2024-03-01\" amount=\"999999999999\" obligation=\"o\"/></events>");
  ASSERT_EQ(changed, 1500U);
  expect_same(xml);
  EXPECT_NE(stream(xml).diagnostics.find("chỉ in 1000 thông báo đầu tiên; còn 0 lỗi và 500 cảnh báo khác"),
            std::string::npos);
}

TEST(CaseStream, AnErrorInALateChunkTakesBackWhatWasHandedOver) {
  std::string xml = large_register();
  const std::size_t late = xml.find("THA-2024-003900");
  ASSERT_NE(late, std::string::npos);
  const std::size_t date = xml.find("date=\"2024-02-01\"", late);
  xml.replace(date, 17, "date=\"2024-02-30\"");
  expect_same(xml);
  const Streamed streamed = stream(xml);
  EXPECT_FALSE(streamed.read);
  EXPECT_FALSE(streamed.whole);  // the chunks after it are read for their diagnostics, a chunk at a time
  EXPECT_EQ(streamed.restarts, 1U);
  EXPECT_TRUE(streamed.ids.empty());
  EXPECT_NE(streamed.diagnostics.find("[E0205]"), std::string::npos);
}

TEST(CaseStream, ErrorsInSeveralChunksAreTheWholeFilesUpToTheReadersLimit) {
  // An impossible date in an early, a middle and the last case, and warnings between them.
  std::string xml = with_warnings_from(large_register(), "THA-2024-002900");
  for (const char* id : {"THA-2024-000003", "THA-2024-002000", "THA-2024-003000", "THA-2024-004000"})
    xml.replace(xml.find("date=\"2024-02-01\"", xml.find(id)), 17, "date=\"2024-02-30\"");
  expect_same(xml);
  const Streamed streamed = stream(xml);
  EXPECT_FALSE(streamed.read);
  EXPECT_FALSE(streamed.whole);
  EXPECT_EQ(streamed.restarts, 0U);  // the first chunk has an error: nothing was handed over
  EXPECT_EQ(streamed.handed_over, 0U);
}

// Impossible dates in the first `count` dates of 2024-02-01 from `from` on.
std::string with_impossible_dates(std::string xml, std::size_t count, std::size_t from = 0) {
  std::size_t changed = 0;
  for (std::size_t at = xml.find("date=\"2024-02-01\"", from); at != std::string::npos && changed < count;
       at = xml.find("date=\"2024-02-01\"", at), ++changed)
    xml.replace(at, 17, "date=\"2024-02-30\"");
  EXPECT_EQ(changed, count);
  return xml;
}

TEST(CaseStream, AtTheReadersLimitTheStreamStopsWhereTheWholeFilesReaderStops) {
  // 1,100 errors from the middle on, warnings before: the reader stops at the thousandth (in a chunk), says so, and
  // consults no schema; with the schema, the chunks before are read again without it.
  std::string hopeless = with_impossible_dates(with_warnings_from(large_register(), "THA-2024-001000"), 1100,
                                               large_register().find("THA-2024-002000"));
  hopeless.insert(hopeless.find("<parties>", hopeless.find("THA-2024-001500")) + 9, "chữ");  // the schema's E0214
  for (const ReadOptions& options : {ReadOptions{}, with_schema()}) {
    expect_same(hopeless, options);
    const Streamed streamed = stream(hopeless, options);
    EXPECT_FALSE(streamed.whole);
    EXPECT_FALSE(streamed.read);
    EXPECT_TRUE(streamed.ids.empty());
    EXPECT_NE(streamed.diagnostics.find("dừng kiểm tra sau 1000 lỗi"), std::string::npos);
    EXPECT_EQ(streamed.diagnostics.find("[E0214]"), std::string::npos);
  }
  // Exactly a thousand, the last in the last case: the reader stops after it all the same.
  const std::string thousand = with_impossible_dates(large_register(), 1000, large_register().find("THA-2024-002500"));
  expect_same(thousand, with_schema());
  EXPECT_FALSE(stream(thousand).whole);
  // One less and an attribute the format does not know on the root (counted once, not once a chunk); then one less.
  std::string rooted = with_impossible_dates(large_register(), 999, large_register().find("THA-2024-002500"));
  rooted.insert(rooted.find("<register ") + 10, "ghi-chu=\"x\" ");
  expect_same(rooted);
  EXPECT_FALSE(stream(rooted).whole);
  EXPECT_NE(stream(rooted).diagnostics.find("dừng kiểm tra sau 1000 lỗi"), std::string::npos);
  rooted.replace(rooted.find("date=\"2024-02-30\""), 17, "date=\"2024-02-01\"");
  expect_same(rooted);
  EXPECT_EQ(stream(rooted).diagnostics.find("dừng kiểm tra"), std::string::npos);
  // A case id repeated across chunks, in the chunk where the reader stops, before its last errors: the whole file's
  // reader counts that error as it goes, so only it says where it stops.
  std::string repeated = with_impossible_dates(large_register(), 998, large_register().find("THA-2024-002500"));
  repeated.replace(repeated.find("THA-2024-003990"), 15, "THA-2024-000001");
  for (const char* id : {"THA-2024-003995", "THA-2024-003996"})
    repeated.replace(repeated.find("date=\"2024-02-01\"", repeated.find(id)), 17, "date=\"2024-02-30\"");
  expect_same(repeated);
  EXPECT_FALSE(stream(repeated).whole);  // the chunk's reader is told the earlier ids and counts the error itself
  EXPECT_NE(stream(repeated).diagnostics.find("[E0207]"), std::string::npos);
  // The 1,000th error that repeated id, with the schema (read again without it).
  std::string at_limit = with_impossible_dates(large_register(), 999, large_register().find("THA-2024-002500"));
  at_limit.replace(at_limit.find("THA-2024-003990"), 15, "THA-2024-000001");
  for (const ReadOptions& options : {ReadOptions{}, with_schema()}) {
    expect_same(at_limit, options);
    EXPECT_FALSE(stream(at_limit, options).whole);
  }
}

TEST(CaseStream, ACaseIdRepeatedAcrossChunksIsTheWholeFilesError) {
  std::string xml = large_register();
  const std::size_t late = xml.find("THA-2024-003999");
  xml.replace(late, 15, "THA-2024-000001");
  expect_same(xml);
  const Streamed streamed = stream(xml);
  EXPECT_FALSE(streamed.whole);
  EXPECT_NE(streamed.diagnostics.find("[E0207]"), std::string::npos);
  // The same id in a late chunk twice (both repeat the early case) and in a middle one, with warnings about.
  xml = with_warnings_from(xml, "THA-2024-003900");
  xml.replace(xml.find("THA-2024-003998"), 15, "THA-2024-000001");
  xml.replace(xml.find("THA-2024-002222"), 15, "THA-2024-000001");
  expect_same(xml);
  EXPECT_FALSE(stream(xml).whole);
}

TEST(CaseStream, TextInALegacyEncodingIsDecidedOverTheWholeFile) {
  // "Ninh Bình" in TCVN3 read as Windows-1252, in a late case: the whole file decides what it is.
  std::string xml = large_register();
  const std::string address = "Xã Châu Quang, huyện Quỳ Hợp, tỉnh Nghệ An";
  xml.replace(xml.find(address, xml.find("THA-2024-003500")), address.size(), "Ninh B\xC3\x97nh");
  expect_same(xml);
  const Streamed streamed = stream(xml);
  EXPECT_TRUE(streamed.read);
  EXPECT_FALSE(streamed.whole);
  EXPECT_EQ(streamed.restarts, 0U);
  EXPECT_EQ(streamed.ids.size(), 4000U);
  EXPECT_NE(streamed.diagnostics.find("[W0120]"), std::string::npos);
}

TEST(CaseStream, AFileWithoutRealUnicodeIsDecidedOverEveryChunk) {
  // Every character outside ASCII left out, then TCVN3 in three late cases: a short place name ("Quú Hîp" alone is
  // too little to go on) is repaired because the longer fields of later chunks are TCVN3 too.
  std::string xml;
  for (const char c : large_register())
    if (static_cast<unsigned char>(c) < 0x80) xml += c;
  const auto tcvn3 = [](const char* utf8) {
    return text::read_as_windows_1252(*text::encode_legacy(utf8, text::TextOrigin::tcvn3));
  };
  const std::size_t place = xml.find("<place>", xml.find("THA-2024-003000"));
  xml.replace(place + 7, xml.find("</place>", place) - place - 7, tcvn3("Quỳ Hợp"));
  for (const char* id : {"THA-2024-003600", "THA-2024-003700"}) {
    const std::size_t court = xml.find("court=\"", xml.find(id)) + 7;
    xml.replace(court, xml.find('"', court) - court, tcvn3("Tòa án nhân dân huyện Quỳ Hợp, tỉnh Nghệ An"));
  }
  expect_same(xml);
  const Streamed streamed = stream(xml);
  EXPECT_TRUE(streamed.read);
  EXPECT_FALSE(streamed.whole);
  EXPECT_NE(streamed.diagnostics.find("Quỳ Hợp"), std::string::npos) << streamed.diagnostics;
}

TEST(CaseStream, PositionsAreTheFilesWhateverTheLineLayout) {
  // Ten cases to a line, so that chunks start in the middle of lines, and a warning (a payment beyond what is owed)
  // in every case without payments: positions on a chunk's first line are compared too. One case split over lines
  // with an error in it.
  std::string xml = large_register();
  std::size_t joined = 0;
  for (std::size_t at = xml.find("</case>\n<case"); at != std::string::npos; at = xml.find("</case>\n<case", at + 1))
    if (++joined % 10 != 0) xml[at + 7] = ' ';
  for (std::size_t at = xml.find("<events></events>"); at != std::string::npos; at = xml.find("<events></events>", at))
    xml.replace(at, 17, "<events><payment date=\"2024-03-01\" amount=\"999999999999\" obligation=\"o\"/></events>");
  expect_same(xml);
  const std::size_t late = xml.find("THA-2024-003800");
  xml.insert(xml.find("<parties>", late), "\n  \n");
  xml.replace(xml.find("date=\"2024-02-01\"", late), 17, "date=\"2024-13-01\"");
  expect_same(xml);
  EXPECT_FALSE(stream(xml).read);  // its E0205 comes after the first 1,000 warnings printed
}

TEST(CaseStream, AnyNumberOfLinesBeforeAChunkIsStreamed) {
  // 1.2 million empty lines between two early cases (a chunk used to be padded with the lines before it, up to a
  // million), warnings in the late cases: every late position counts those lines, and nothing is read whole.
  std::string xml = with_warnings_from(large_register(), "THA-2024-003500");
  xml.insert(xml.find("<case", xml.find("THA-2024-000002")), std::string(1200000, '\n'));
  expect_same(xml);
  const Streamed streamed = stream(xml);
  EXPECT_TRUE(streamed.read);
  EXPECT_FALSE(streamed.whole);
  EXPECT_EQ(streamed.restarts, 0U);
  EXPECT_NE(streamed.diagnostics.find("[W0224]"), std::string::npos);
  // The same with a million characters on the line before a late chunk, and with CRLF and lone CR line ends.
  std::string wide = xml;
  wide.insert(wide.find("<case", wide.find("THA-2024-003000")), std::string(1100000, ' '));
  expect_same(wide);
  EXPECT_FALSE(stream(wide).whole);
  std::string crlf;
  std::string lone_cr;
  for (const char c : xml) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    lone_cr += c == '\n' ? '\r' : c;
  }
  expect_same(crlf);
  EXPECT_FALSE(stream(crlf).whole);
  expect_same(lone_cr);
  EXPECT_FALSE(stream(lone_cr).whole);
  // A byte order mark before it all: counted in the file's positions.
  const std::string marked = "\xEF\xBB\xBF" + xml;
  expect_same(marked);
  EXPECT_FALSE(stream(marked).whole);
}

// Tags are cut and scanned a run of bytes at a time: a '>', '/' or '=' inside a quoted value (double or single
// quotes, the other quote inside) is still part of the value, and the register is still read as a stream.
TEST(CaseStream, MarkupInsideQuotedValuesIsPartOfTheValue) {
  std::string xml = large_register();
  const std::string court = "court=\"Tòa án nhân dân huyện Quỳ Hợp, tỉnh Nghệ An\"";
  std::size_t count = 0;
  for (std::size_t at = xml.find(court); at != std::string::npos; at = xml.find(court, at + 1)) {
    const std::string value =
        ++count % 2 == 0 ? "court=\"Tòa án > huyện / Quỳ Hợp = Nghệ An>\"" : "court='Tòa án \"Quỳ Hợp\" > Nghệ An/>'";
    xml.replace(at, court.size(), value);
  }
  ASSERT_GT(count, 1000U);
  expect_same(xml, with_schema());
  const Streamed streamed = stream(xml, with_schema());
  EXPECT_TRUE(streamed.read) << streamed.diagnostics;
  EXPECT_EQ(streamed.restarts, 0U);
}

// Where a tag ends, and what the raw scan counts in it, with quotes of either kind holding the other, '>', '/' and '='.
TEST(CaseStream, ATagEndsAtItsOwnCloseWhateverItsValuesHold) {
  const std::string tags[] = {"<a x=\"1\">", "<a x=\">/=\" y='\"'>", "<a x='a\">b' y=\"c'>d\"/>", "<a/>",
                              "<a x=\"never closed>"};
  const std::size_t ends[] = {9, 17, 22, 4, std::string::npos};
  for (std::size_t i = 0; i < std::size(tags); ++i) {
    EXPECT_EQ(tag_end(tags[i] + "<b>", 0), ends[i]) << tags[i];
    EXPECT_EQ(tag_end("xx" + tags[i], 2), ends[i] == std::string::npos ? ends[i] : ends[i] + 2) << tags[i];
  }
  Limits limits;
  limits.max_attributes = 2;
  EXPECT_FALSE(scan_markup("<a x=\"=\" y='==>'/>", limits).fatal);
  const ScanResult three = scan_markup("<a x=\"1\" y='2' z=\"3\"/>", limits);
  ASSERT_TRUE(three.fatal);
  EXPECT_EQ(std::string(three.fatal->code), "E0111");
}

// The limit of elements and attributes is per case: a register of cases each under it, far over it together, streams;
// one case over it in the first, a middle or the last chunk is refused by the raw scan of the whole file, before any
// chunk, as the whole file's read refuses it.
TEST(CaseStream, ACaseOfTooManyElementsIsRefusedAsTheWholeFileIs) {
  ReadOptions options;
  options.limits.max_case_nodes = 1000;
  const Streamed clean = stream(large_register(), options);
  EXPECT_TRUE(clean.read) << clean.diagnostics;
  EXPECT_FALSE(clean.whole);
  EXPECT_EQ(clean.handed_over, 4000U);
  for (const char* id : {"THA-2024-000003", "THA-2024-002000", "THA-2024-004000"}) {
    std::string xml = large_register();
    std::string tiny;
    for (int i = 0; i < 1000; ++i) tiny += "<a/>";
    xml.insert(xml.find("</case>", xml.find(id)), tiny);
    expect_same(xml, options);
    ReadOptions checked = with_schema();
    checked.limits = options.limits;
    expect_same(xml, checked);
    const Streamed streamed = stream(xml, options);
    EXPECT_FALSE(streamed.read) << id;
    EXPECT_EQ(streamed.handed_over, 0U) << id;
    EXPECT_NE(
        streamed.diagnostics.find("[E0111] hồ sơ có quá nhiều phần tử và thuộc tính (giới hạn 1000 cho mỗi hồ sơ)"),
        std::string::npos)
        << streamed.diagnostics;
    EXPECT_EQ(streamed.diagnostics.find("[E0111]"), streamed.diagnostics.rfind("[E"));  // nothing else
  }
}

TEST(CaseStream, WithTheSchemaACleanRegisterNeedsNoRestart) {
  expect_same(large_register(), with_schema());
  const Streamed streamed = stream(large_register(), with_schema());
  EXPECT_TRUE(streamed.read);
  EXPECT_EQ(streamed.restarts, 0U);
  EXPECT_EQ(streamed.diagnostics, "");
}

TEST(CaseStream, AFaultOnlyTheSchemaSeesInTheMiddleGivesTheWholeFilesDiagnostics) {
  // White space inside an element that must stay empty, and text among a case's parties: the reader's own checks
  // pass both, the schema does not (E0214). The chunks' quick schema check must not vouch for them.
  std::string xml = large_register();
  const std::size_t middle = xml.find("THA-2024-002000");
  ASSERT_NE(middle, std::string::npos);
  const std::size_t decision = xml.find("<decision ", middle);
  const std::size_t decision_end = xml.find("/>", decision);
  xml.replace(decision_end, 2, ">\n </decision>");
  const std::size_t parties = xml.find("<parties>", xml.find("THA-2024-002500"));
  xml.insert(parties + 9, "chữ");
  expect_same(xml, with_schema());
  const Streamed streamed = stream(xml, with_schema());
  EXPECT_FALSE(streamed.read);
  EXPECT_FALSE(streamed.whole);  // libxml2's lines in a chunk are the file's
  EXPECT_EQ(streamed.restarts, 1U);
  EXPECT_NE(streamed.diagnostics.find("[E0214] <decision> phải để trống"), std::string::npos) << streamed.diagnostics;
  EXPECT_NE(streamed.diagnostics.find("[E0214] <parties> chỉ chứa các phần tử con"), std::string::npos);
}

TEST(CaseStream, WhatEveryChunkSaysOfTheRootIsSaidOnce) {
  // An attribute the format does not know on <register>, an impossible period, a period ending before it starts:
  // each chunk's reader (and the schema) sees them; the file says them once, from the first chunk, and streams.
  for (const char* attributes :
       {"ghi-chu=\"x\" ", "period-start=\"2024-02-30\" ", "period-start=\"2024-06-01\" period-end=\"2024-01-01\" "}) {
    std::string xml = large_register();
    xml.insert(xml.find("<register ") + 10, attributes);
    for (const ReadOptions& options : {ReadOptions{}, with_schema()}) {
      expect_same(xml, options);
      const Streamed streamed = stream(xml, options);
      EXPECT_FALSE(streamed.whole) << attributes;
      EXPECT_FALSE(streamed.read);
      EXPECT_NE(streamed.diagnostics.find("so.xml:2:"), std::string::npos) << streamed.diagnostics;
    }
    // With an error in a late chunk too.
    xml.replace(xml.find("date=\"2024-02-01\"", xml.find("THA-2024-003900")), 17, "date=\"2024-02-30\"");
    expect_same(xml, with_schema());
    EXPECT_FALSE(stream(xml, with_schema()).whole);
  }
}

TEST(CaseStream, APlacedChunkCountsLinesAndColumnsInTheFile) {
  // The file: a root, then <a/> on line 2, then "  <b/>" on line 5 after a CRLF and a lone CR. The chunk: the root's
  // start tag, a line end, and the file's bytes from <b/> on (2 spaces into line 5), under the same end tag.
  const std::string file = "<r x=\"1\">\n<a/>\r\n\r\r\n  <b/>\n</r>";
  const LineIndex index(make_file_name("so.xml"), file);
  const std::size_t b = file.find("<b/>");
  const std::string chunk = "<r x=\"1\">\n" + file.substr(b);
  Diagnostics diagnostics;
  const auto parsed = parse_safely(chunk, make_file_name("so.xml"), Limits{}, diagnostics, Scanned::already,
                                   Placement{&index, 9, 10, b});
  ASSERT_TRUE(parsed) << diagnostics.to_string();
  const pugi::xml_node element = parsed->root().child("b");
  EXPECT_EQ(parsed->line(element), 2U);  // in the chunk's bytes, as libxml2 reading them counts
  EXPECT_EQ(parsed->file_line(2), 5U);
  EXPECT_EQ(parsed->file_line(3), 6U);
  EXPECT_EQ(parsed->file_line(1), 1U);  // the root's start tag: the file's own first line
  EXPECT_EQ(parsed->file_line(0), 0U);
  EXPECT_EQ(format_diagnostic(Diagnostic{Severity::error, "E", parsed->loc(element), "m"}).substr(0, 12),
            "so.xml:5:3: ");
  EXPECT_EQ(parsed->loc(parsed->root().attribute("x")).column, 4U);
}

TEST(CaseStream, DiagnosticsOfALineChunksShareAreMergedAsTheWholeFilesReaderMergesThem) {
  // Every case on one line: the schema's problems (text among a case's parties, an element it does not know, a comment
  // inside an element that must stay empty) and the reader's errors in several chunks, placed on that line.
  std::string joined = large_register();
  for (std::size_t at = joined.find("</case>\n<case"); at != std::string::npos; at = joined.find("</case>\n<case", at))
    joined[at + 7] = ' ';
  for (const char* id : {"THA-2024-000500", "THA-2024-001500", "THA-2024-001501", "THA-2024-003000"}) {
    joined.insert(joined.find("<parties>", joined.find(id)) + 9, "chữ<x/>");
    joined.replace(joined.find("date=\"2024-02-01\"", joined.find(id)), 17, "date=\"2024-02-30\"");
  }
  const std::size_t decision = joined.find("/>", joined.find("<decision ", joined.find("THA-2024-002500")));
  joined.replace(decision, 2, "><!-- c --></decision>");
  expect_same(joined, with_schema());
  const Streamed streamed = stream(joined, with_schema());
  EXPECT_FALSE(streamed.whole);
  EXPECT_NE(streamed.diagnostics.find("[E0214]"), std::string::npos) << streamed.diagnostics;
}

// The `</case>` of the last case of the chunk that starts at the case `first` (counted from 0), as the stream cuts.
std::size_t chunk_last_case_end(const std::string& xml, std::size_t first) {
  std::vector<std::size_t> begins;
  for (std::size_t at = xml.find("<case "); at != std::string::npos; at = xml.find("<case ", at + 1))
    begins.push_back(at);
  const auto end_of = [&](std::size_t i) { return xml.find("</case>", begins[i]) + 7; };
  std::size_t last = first;
  while (last + 1 < begins.size() && end_of(last + 1) - begins[first] <= 256U * 1024U) ++last;
  return end_of(last) - 7;
}

TEST(CaseStream, AMarkupFaultOnlyLibxml2SeesIsTheWholeFilesToSay) {
  // A comment holding "--" (pugixml and the raw scan let it pass, libxml2 stops reading there), inside a case with the
  // schema's and the reader's errors after it, and between two cases in every place (those no chunk holds too).
  std::string inside = large_register();
  inside.insert(inside.find("<parties>", inside.find("THA-2024-002000")), "<!-- a -- b -->");
  inside.replace(inside.find("date=\"2024-02-01\"", inside.find("THA-2024-003000")), 17, "date=\"2024-02-30\"");
  inside.insert(inside.find("<parties>", inside.find("THA-2024-003500")) + 9, "chữ");
  expect_same(inside, with_schema());
  const Streamed streamed = stream(inside, with_schema());
  EXPECT_FALSE(streamed.whole);  // the fault alone, and the reader's errors of every chunk without the schema's
  EXPECT_NE(streamed.diagnostics.find("[E0102]"), std::string::npos);
  EXPECT_NE(streamed.diagnostics.find("[E0205]"), std::string::npos);
  EXPECT_EQ(streamed.diagnostics.find("[E0214]"), std::string::npos);
  // With a thousand errors after it the reader stops, and no fault of libxml2 is reported.
  const std::string stopped = with_impossible_dates(inside, 1000, inside.find("THA-2024-002500"));
  expect_same(stopped, with_schema());
  EXPECT_FALSE(stream(stopped, with_schema()).whole);
  // On a line a chunk starts inside (every case on one line): libxml2's column is the whole file's to count.
  std::string joined = inside;
  for (std::size_t at = joined.find("</case>\n<case"); at != std::string::npos; at = joined.find("</case>\n<case", at))
    joined[at + 7] = ' ';
  expect_same(joined, with_schema());
  EXPECT_FALSE(stream(joined, with_schema()).whole);  // counted from the chunk's first case, where it is in the file
  // In a case starting a chunk, on the line of a case of the chunk before; in the first chunk's cases, on the root's
  // line (read whole: the chunk's line holds the root's start tag, which the file's line does not start with).
  std::string starting = joined;
  const std::size_t second_chunk = chunk_last_case_end(starting, 0) + 8;
  starting.insert(starting.find("<parties>", second_chunk), "<!-- c -- d -->");
  starting.erase(starting.find("<!-- a -- b -->"), 15);
  expect_same(starting, with_schema());
  EXPECT_FALSE(stream(starting, with_schema()).whole);
  std::string root_line = joined;
  root_line.erase(root_line.find('\n', root_line.find("<register ")), 1);
  root_line.erase(root_line.find("<!-- a -- b -->"), 15);
  root_line.insert(root_line.find("<parties>"), "<!-- a -- b -->");
  expect_same(root_line, with_schema());
  // libxml2's fault in the root's start tag, on the line the first chunk's cases start (counted from the line's start).
  std::string root_fault = root_line;
  root_fault.erase(root_fault.find("<!-- a -- b -->"), 15);
  root_fault.insert(root_fault.find("<register ") + 10, "xmlns:a=\"\" ");
  expect_same(root_fault, with_schema());
  std::string between = large_register();
  for (std::size_t at = between.find("</case>\n<case"); at != std::string::npos;
       at = between.find("</case>\n<case", at + 1))
    between.insert(at + 8, "<!-- -->");
  const std::size_t late = between.find("<!-- -->", between.find("THA-2024-003000"));
  expect_same(between, with_schema());
  EXPECT_FALSE(stream(between, with_schema()).whole);
  for (const char* comment : {"<!-- a -- b -->", "<!-- a --->"}) {
    std::string refused = between;
    refused.replace(late, 8, comment);
    expect_same(refused, with_schema());
    // After more white space than a chunk holds: in no chunk at all.
    refused.insert(late, std::string(300 * 1024, ' '));
    expect_same(refused, with_schema());
  }
}

// Whether the stream and the whole file give the same, with and without the schema, and the stream read it whole.
bool same_and_whole(const std::string& xml) {
  expect_same(xml);
  expect_same(xml, with_schema());
  EXPECT_FALSE(stream(xml).read);
  return stream(xml).whole;
}

TEST(CaseStream, AFaultOfTheParseInAChunkIsTheWholeFilesOnlyDiagnostic) {
  // A mismatched end tag in the first chunk, a middle one and the last one, with the reader's and the schema's errors
  // before and after it and a case id repeated before it: the whole file's parse stops there and says only that.
  for (const char* id : {"THA-2024-000003", "THA-2024-002000", "THA-2024-004000"}) {
    std::string xml = large_register();
    const std::size_t at = xml.find("</parties>", xml.find(id));
    xml.replace(at, 10, "</partiez>");
    EXPECT_FALSE(same_and_whole(xml)) << id;
    const Streamed streamed = stream(xml);
    EXPECT_TRUE(streamed.ids.empty());
    EXPECT_EQ(streamed.restarts, std::string(id) == "THA-2024-000003" ? 0U : 1U) << id;
    EXPECT_EQ(streamed.diagnostics.find("[E0102]"), streamed.diagnostics.rfind("[E"));  // nothing else
    std::string errors = with_impossible_dates(xml, 3, xml.find("THA-2024-000500"));
    errors.insert(errors.find("<parties>", errors.find("THA-2024-001500")) + 9, "chữ");  // the schema's E0214
    errors.replace(errors.find("THA-2024-001600"), 15, "THA-2024-000001");
    errors = with_impossible_dates(errors, 2, errors.find("THA-2024-003900"));
    EXPECT_FALSE(same_and_whole(errors)) << id;
  }
  // A thousand errors before it: the whole file's reader never runs, so the stream does not stop at its limit.
  std::string hopeless = large_register();
  hopeless.replace(hopeless.find("</parties>", hopeless.find("THA-2024-004000")), 10, "</partiez>");
  hopeless = with_impossible_dates(hopeless, 1000, hopeless.find("THA-2024-002000"));
  EXPECT_FALSE(same_and_whole(hopeless));
  // At the end of a chunk's last case; where a bad start tag is; with the text repaired or kept as it is.
  std::string last = large_register();
  last.replace(chunk_last_case_end(last, 0), 7, "</cass>");
  EXPECT_FALSE(same_and_whole(last));
  std::string garbage = large_register();
  garbage.insert(chunk_last_case_end(garbage, 0), "<1/>");
  EXPECT_FALSE(same_and_whole(garbage));
  ReadOptions keep;
  keep.repair = text::RepairMode::keep;
  expect_same(garbage, keep);
  EXPECT_FALSE(stream(garbage, keep).whole);
}

// `xml` with `attributes` added to the <case> element of the case `id`.
std::string with_case_attributes(std::string xml, const std::string& id, const std::string& attributes) {
  const std::size_t at = xml.rfind("<case ", xml.find(id));
  xml.insert(at + 6, attributes);
  return xml;
}

TEST(CaseStream, AFaultTheStreamCannotPlaceAloneIsReadWhole) {
  // An unclosed <case> early (the cases after it nest in it: too many elements for one case, E0111, before any parse),
  // a comment left open after the root closed early (the rest of the file in one piece: read whole, in place).
  std::string unclosed = large_register();
  unclosed.erase(chunk_last_case_end(unclosed, 0), 7);
  EXPECT_TRUE(same_and_whole(unclosed));
  std::string comment = large_register();
  comment.insert(comment.find("</case>", comment.find("THA-2024-000100")) + 7, "</register><!--");
  EXPECT_TRUE(same_and_whole(comment));
}

TEST(CaseStream, AFaultInTheRootsStartTagIsTheFirstChunksFault) {
  // A fault of the parse in the root's start tag (the first chunk's head is the file's own bytes there), with the
  // root left open too (the first piece's head), with a byte order mark.
  std::string head = large_register();
  head.insert(head.find("<register ") + 10, "x ");
  EXPECT_FALSE(same_and_whole(head));
  EXPECT_FALSE(same_and_whole("\xEF\xBB\xBF" + head));
  std::string open = head;
  open.erase(open.rfind("</register>"));
  EXPECT_FALSE(same_and_whole(open));
  for (const char* fault : {"a=\"1\"b=\"2\" ", "a=b ", "a=\"<\" "}) {
    std::string bad = large_register();
    bad.insert(bad.find("<register ") + 10, fault);
    EXPECT_FALSE(same_and_whole(bad)) << fault;
  }
  // Not the format's namespace: the reader refuses the root once the whole file parses with a clean tree; a fault of
  // the parse or of the tree in a later chunk is then all the whole file says.
  std::string other = large_register();
  other.replace(other.find("urn:vanban:case:1"), 17, "urn:other");
  EXPECT_FALSE(same_and_whole(other));
  EXPECT_NE(stream(other).diagnostics.find("[E0108]"), std::string::npos);
  const std::string attribute = with_case_attributes(other, "THA-2024-003000", "id=\"x\" ");
  EXPECT_FALSE(same_and_whole(attribute));
  EXPECT_EQ(stream(attribute).diagnostics.find("[E0108]"), std::string::npos);
  std::string parse = other;
  parse.replace(parse.find("</parties>", parse.find("THA-2024-003000")), 10, "</partiez>");
  EXPECT_FALSE(same_and_whole(parse));
  // A duplicate attribute, an undeclared prefix and an empty prefixed namespace on the root.
  for (const char* attributes : {"xmlns=\"urn:vanban:case:1\" ", "a:b=\"1\" ", "xmlns:a=\"\" "}) {
    std::string root = large_register();
    root.insert(root.find("<register ") + 10, attributes);
    expect_same(root, with_schema());
    expect_same(root);
    EXPECT_FALSE(stream(root, with_schema()).whole) << attributes;
  }
}

// Whether the stream and the whole file give the same, with and without the schema, and the stream found it a piece
// at a time (no reader runs).
void expect_pieces_streamed(const std::string& xml) {
  EXPECT_FALSE(same_and_whole(xml));
  const Streamed streamed = stream(xml);
  EXPECT_TRUE(streamed.ids.empty());
  EXPECT_EQ(streamed.handed_over, 0U);
  EXPECT_NE(streamed.diagnostics.find("[E01"), std::string::npos) << streamed.diagnostics;
}

TEST(CaseStream, ARootClosedEarlyIsParsedAPieceAtATime) {
  // The root closed after an early case, the file's own end tag then too many (pugixml's fault); without it, the cases
  // after it at the document's level (the raw scan's problem, content outside the root, reported once the whole file
  // parses), then text; then faults of the tree before the close (the root's: reported) and after it (never
  // checked), a fault of the parse after it (all that is said).
  std::string twice = large_register();
  twice.insert(twice.find("</case>", twice.find("THA-2024-000100")) + 7, "</register>");
  expect_pieces_streamed(twice);
  const std::string closed = twice.substr(0, twice.rfind("</register>"));
  expect_pieces_streamed(closed);
  expect_pieces_streamed(closed + "chữ\n");
  // (Every case from 2,000 to 2,399 has one after the close: the first element of a piece after the root among them.)
  std::string trees = with_case_attributes(closed, "THA-2024-000050", "id=\"x\" ");
  for (std::size_t at = trees.find("<case ", trees.find("THA-2024-002000") - 20), count = 0; count < 400;
       at = trees.find("<case ", at + 1), ++count)
    trees.insert(at + 6, "id=\"y\" ");
  expect_pieces_streamed(trees);
  EXPECT_NE(stream(trees).diagnostics.find("thuộc tính \"id\" lặp lại"), std::string::npos);
  std::string parse = trees;
  parse.replace(parse.find("</parties>", parse.find("THA-2024-003000")), 10, "</partiez>");
  expect_pieces_streamed(parse);
  EXPECT_EQ(stream(parse).diagnostics.find("[E0102]"), stream(parse).diagnostics.rfind("[E"));
  // Closed after the first case of a later chunk, and the rest of the file on one line.
  std::string late = large_register();
  late.insert(late.find("</case>", late.find("THA-2024-002000")) + 7, "</register>");
  for (std::size_t at = late.find("</case>\n<case", late.find("THA-2024-002000")); at != std::string::npos;
       at = late.find("</case>\n<case", at))
    late[at + 7] = ' ';
  expect_pieces_streamed(late);
  // A register whose tags balance, with what pugixml lets pass but XML forbids (a bare '&', '<' in a value): the raw
  // scan's problems once the whole file parses, then the faults of its tree.
  std::string amp = large_register();
  amp.insert(amp.find("<parties>", amp.find("THA-2024-002000")) + 9, "<!-- -->");
  amp = with_case_attributes(amp, "THA-2024-001000", "ghi-chu=\"a & b\" ");
  expect_pieces_streamed(amp);
  std::string less = with_case_attributes(amp, "THA-2024-003000", "ghi-chu=\"a<b\" id=\"x\" ");
  expect_pieces_streamed(less);
}

// Whether the stream and the whole file give the same, with and without the schema, only pugixml's fault (E0102), and
// the stream found it a piece at a time.
void expect_unbalanced_streamed(const std::string& xml, const ReadOptions& options = {}) {
  EXPECT_FALSE(same_and_whole(xml));
  expect_same(xml, options);
  const Streamed streamed = stream(xml, options);
  EXPECT_FALSE(streamed.whole);
  EXPECT_TRUE(streamed.ids.empty());
  EXPECT_EQ(streamed.handed_over, 0U);
  EXPECT_NE(streamed.diagnostics.find("[E0102]"), std::string::npos) << streamed.diagnostics;
  EXPECT_EQ(streamed.diagnostics.find("[E0102]"), streamed.diagnostics.rfind("[E"));  // nothing else
}

TEST(CaseStream, AnUnbalancedRegisterIsReadAPieceAtATimeToTheWholeFilesFault) {
  ReadOptions keep;
  keep.repair = text::RepairMode::keep;
  // An unclosed <case> late enough for the cases after it to stay under one case's limit (they nest in it, over
  // several pieces, each opening it again; the file's </register> mismatches), in the last case, with CRLF line ends,
  // a byte order mark, every case on one line, and a duplicate attribute before it (the tree is never checked).
  std::string late = large_register();
  late.erase(late.find("</case>", late.find("THA-2024-003500")), 7);
  expect_unbalanced_streamed(late);
  std::string last = large_register();
  last.erase(last.rfind("</case>"), 7);
  expect_unbalanced_streamed(last);
  std::string crlf = late;
  for (std::size_t at = crlf.find('\n'); at != std::string::npos; at = crlf.find('\n', at + 2)) crlf.insert(at, "\r");
  expect_unbalanced_streamed(crlf, keep);
  expect_unbalanced_streamed("\xEF\xBB\xBF" + late);
  std::string joined = late;
  for (std::size_t at = joined.find("</case>\n<case"); at != std::string::npos; at = joined.find("</case>\n<case", at))
    joined[at + 7] = ' ';
  expect_unbalanced_streamed(joined);
  expect_unbalanced_streamed(with_case_attributes(late, "THA-2024-001000", "id=\"x\" "));
  // An element left open in a case (its </case> mismatches), an end tag too many in the first, a middle and the last
  // chunk, a stray </case> between cases (content outside the root for the raw scan, which only a parse that succeeds
  // reports).
  std::string parties = large_register();
  parties.erase(parties.find("</parties>", parties.find("THA-2024-003500")), 10);
  expect_unbalanced_streamed(parties);
  for (const char* id : {"THA-2024-000003", "THA-2024-002000", "THA-2024-004000"}) {
    std::string extra = large_register();
    extra.insert(extra.find("</parties>", extra.find(id)) + 10, "</x>");
    expect_unbalanced_streamed(extra);
    std::string stray = large_register();
    stray.insert(stray.find("</case>", stray.find(id)) + 7, "</case>");
    expect_unbalanced_streamed(stray);
  }
  // The root left open: the file ends after its last case, after white space, inside an end tag, inside a case; with
  // reader errors before it (the whole file's reader never runs).
  std::string rootless = large_register();
  rootless.erase(rootless.rfind("</register>"));
  expect_unbalanced_streamed(rootless);
  expect_unbalanced_streamed(rootless + "\n\n");
  expect_unbalanced_streamed(rootless + "</regis");
  expect_unbalanced_streamed(rootless.substr(0, rootless.rfind("</parties>")));
  expect_unbalanced_streamed(with_impossible_dates(rootless, 3, rootless.find("THA-2024-002000")));
  // The root closed twice: the second end tag is pugixml's fault; a comment left open in the last case.
  expect_unbalanced_streamed(large_register() + "</register>");
  std::string comment = large_register();
  comment.insert(comment.find("</parties>", comment.find("THA-2024-004000")), "<!--");
  expect_unbalanced_streamed(comment);
}

// Whether the stream and the whole file give the same and the stream read it a chunk at a time, with the faults of
// the tree (`faults` of them: E0102 and E0112 alone) and nothing else.
void expect_tree_faults_streamed(const std::string& xml, std::size_t faults) {
  EXPECT_FALSE(same_and_whole(xml));
  const Streamed streamed = stream(xml);
  std::size_t found = 0;
  for (std::size_t at = streamed.diagnostics.find("[E"); at != std::string::npos;
       at = streamed.diagnostics.find("[E", at + 1), ++found) {
    const std::string code = streamed.diagnostics.substr(at + 1, 5);
    EXPECT_TRUE(code == "E0102" || code == "E0112") << code;
  }
  EXPECT_EQ(found, faults) << streamed.diagnostics;
  EXPECT_TRUE(streamed.ids.empty());
}

TEST(CaseStream, FaultsOfTheTreeAreTheWholeFilesEveryOneOfThem) {
  // A duplicate attribute (E0102 of the tree after the parse, which the whole file reports at every instance) in the
  // first, a middle and the last chunk, each alone and all together.
  const std::string twice = "id=\"x\" ";
  std::string all = large_register();
  for (const char* id : {"THA-2024-000002", "THA-2024-002000", "THA-2024-004000"}) {
    const std::string xml = with_case_attributes(large_register(), id, twice);
    expect_tree_faults_streamed(xml, 1);
    EXPECT_EQ(stream(xml).restarts, std::string(id) == "THA-2024-000002" ? 0U : 1U) << id;
    all = with_case_attributes(all, id, twice);
  }
  expect_tree_faults_streamed(all, 3);
  // Two in one case, after the reader's and the schema's errors and a case id repeated across chunks (none of which
  // the whole file says).
  std::string errors = with_impossible_dates(large_register(), 3, large_register().find("THA-2024-000500"));
  errors.insert(errors.find("<parties>", errors.find("THA-2024-001500")) + 9, "chữ");
  errors.replace(errors.find("THA-2024-001600"), 15, "THA-2024-000001");
  errors = with_case_attributes(errors, "THA-2024-003000", twice + twice);
  expect_tree_faults_streamed(errors, 2);
  // Before a fault of the parse: that fault alone; after one: only it too.
  std::string before = with_case_attributes(large_register(), "THA-2024-003000", twice);
  before.replace(before.find("</parties>", before.find("THA-2024-003500")), 10, "</partiez>");
  EXPECT_FALSE(same_and_whole(before));
  EXPECT_EQ(stream(before).diagnostics.find("[E0102]"), stream(before).diagnostics.rfind("[E"));
  std::string after = with_case_attributes(large_register(), "THA-2024-003000", twice);
  after.replace(after.find("</parties>", after.find("THA-2024-002000")), 10, "</partiez>");
  EXPECT_FALSE(same_and_whole(after));
  // After the thousandth error, where the reader stops: the whole file's parse has reported it alone.
  expect_tree_faults_streamed(with_impossible_dates(with_case_attributes(large_register(), "THA-2024-003000", twice),
                                                    1000, large_register().find("THA-2024-001000")),
                              1);
  // A name and a field too long (E0112), with a duplicate attribute, in different chunks.
  std::string lengths = with_case_attributes(large_register(), "THA-2024-000900", std::string(201, 'n') + "=\"1\" ");
  lengths = with_case_attributes(lengths, "THA-2024-002500", "ghi-chu=\"" + std::string(10001, 'a') + "\" ");
  lengths = with_case_attributes(lengths, "THA-2024-003900", twice);
  expect_tree_faults_streamed(lengths, 3);
  // A field too long as a text, CRLF line ends, the text legacy-encoded or kept as it is.
  std::string crlf = lengths;
  for (std::size_t at = crlf.find('\n'); at != std::string::npos; at = crlf.find('\n', at + 2)) crlf.insert(at, "\r");
  crlf.insert(crlf.find("<parties>", crlf.find("THA-2024-001200")) + 9, std::string(10001, 'b'));
  expect_tree_faults_streamed(crlf, 4);
  ReadOptions keep;
  keep.repair = text::RepairMode::keep;
  expect_same(crlf, keep);
  EXPECT_FALSE(stream(crlf, keep).whole);
  // Every case on one line: the columns are counted on the file's line.
  std::string joined = lengths;
  for (std::size_t at = joined.find("</case>\n<case"); at != std::string::npos; at = joined.find("</case>\n<case", at))
    joined[at + 7] = ' ';
  expect_tree_faults_streamed(joined, 3);
  // On the root: every chunk's head holds it, the first chunk says it.
  std::string root = large_register();
  root.insert(root.find("<register ") + 10, "x=\"1\" x=\"2\" ");
  expect_tree_faults_streamed(with_case_attributes(root, "THA-2024-003000", twice), 2);
}

TEST(CaseStream, WhatFollowsTheRootIsTheWholeFilesToJudge) {
  // No chunk holds it: a second end tag, a comment libxml2 refuses, an element, text, an instruction, or a comment.
  // (A second end tag is the parse's fault, found a piece at a time: AnUnbalancedRegister… above.)
  for (const char* trailer : {"</register>", "<!-- a -- b -->", "<x/>", "chữ", "<?pi x?>", "\n<!-- ok -->\n"}) {
    expect_same(large_register() + trailer, with_schema());
    expect_same(large_register() + trailer);
  }
  EXPECT_FALSE(stream(large_register() + "\n<!-- ok -->\n").whole);
}

TEST(CaseStream, SmallFilesAndOtherRootsAreReadWhole) {
  expect_same(test::generate_register(10).xml);
  EXPECT_TRUE(stream(test::generate_register(10).xml).whole);
  const std::string single = "<case xmlns=\"urn:vanban:case:1\" id=\"x\"/>";
  expect_same(single);
  expect_same("");
}

}  // namespace
}  // namespace vanban::xml
