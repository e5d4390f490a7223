// What an embedded font's objects contain, as pdfobj::write_font decides for both writers (pdf and sign).

#include "pdfobj/font.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "pdfobj/lexical.hpp"
#include "support/object_recorder.hpp"

namespace vanban::pdfobj {
namespace {

using Recorder = test::ObjectRecorder;

// The entry `key` of a dictionary (throws, failing the test, when there is none).
const Object& entry(const Dict& dict, std::string_view key) {
  for (const auto& e : dict)
    if (e.key == key) return e.value;
  throw std::runtime_error("no /" + std::string(key));
}

const Dict& dict_of(const Object& object) { return std::get<Dict>(object.value()); }

std::string written(const Object& object) {
  std::string out;
  write_object(out, object);
  return out;
}

EmbeddableFont sample(bool bold, bool italic) {
  EmbeddableFont font;
  font.program = "glyf and friends";
  font.base_name = "ABCDEF+LiberationSerif";
  font.cids = {{U'A', 1}, {U'ệ', 2}};
  font.widths = {365, 722, 444, 333};  // .notdef, A, ệ, a component never drawn
  font.ascent = 891;
  font.descent = -216;
  font.cap_height = 655;
  font.bbox = {-544, -303, 1278, 981};
  font.italic_angle = italic ? -15.5 : 0;
  font.bold = bold;
  font.italic = italic;
  return font;
}

TEST(Font, ObjectsOfAType0FontOverACidFontType2) {
  Recorder recorder;
  const Ref type0_ref = write_font(recorder, sample(false, false));
  ASSERT_EQ(recorder.objects.size(), 6U);
  EXPECT_EQ(type0_ref.num, 6U);
  const Dict& type0 = dict_of(recorder.objects[5].object);
  EXPECT_EQ(written(Object(type0)),
            "<</Type /Font/Subtype /Type0/BaseFont /ABCDEF+LiberationSerif/Encoding /Identity-H"
            "/DescendantFonts [4 0 R]/ToUnicode 5 0 R>>");

  const auto& to_unicode = recorder.at(entry(type0, "ToUnicode"));
  EXPECT_EQ(to_unicode.coding, StreamCoding::flate);
  EXPECT_EQ(to_unicode.data, to_unicode_cmap({{U'A', 1}, {U'ệ', 2}}));

  const Dict& cid_font = dict_of(recorder.at(std::get<Array>(entry(type0, "DescendantFonts").value()).at(0)).object);
  EXPECT_EQ(written(Object(cid_font)),
            "<</Type /Font/Subtype /CIDFontType2/BaseFont /ABCDEF+LiberationSerif"
            "/CIDSystemInfo <</Registry (Adobe)/Ordering (Identity)/Supplement 0>>/FontDescriptor 3 0 R"
            "/W [1 [722 444]]/CIDToGIDMap /Identity>>");  // only the CIDs drawn

  const Dict& descriptor = dict_of(recorder.at(entry(cid_font, "FontDescriptor")).object);
  EXPECT_EQ(written(Object(descriptor)),
            "<</Type /FontDescriptor/FontName /ABCDEF+LiberationSerif/Flags 34/FontBBox [-544 -303 1278 981]"
            "/ItalicAngle 0/Ascent 891/Descent -216/CapHeight 655/StemV 80/FontFile2 1 0 R/CIDSet 2 0 R>>");

  const auto& program = recorder.at(entry(descriptor, "FontFile2"));
  EXPECT_EQ(program.coding, StreamCoding::flate);
  EXPECT_EQ(program.data, "glyf and friends");
  EXPECT_EQ(written(program.object), "<</Length1 16>>");
  const auto& cid_set = recorder.at(entry(descriptor, "CIDSet"));
  EXPECT_EQ(cid_set.coding, StreamCoding::as_is);
  EXPECT_EQ(cid_set.data, pdfobj::cid_set(4));  // every glyph of the subset, components included
}

TEST(Font, StyleDecidesFlagsAndStem) {
  Recorder recorder;
  write_font(recorder, sample(true, true));
  const Dict& descriptor = dict_of(recorder.objects[2].object);
  EXPECT_EQ(written(entry(descriptor, "Flags")), "98");  // Serif, Nonsymbolic, Italic
  EXPECT_EQ(written(entry(descriptor, "StemV")), "140");
  EXPECT_EQ(written(entry(descriptor, "ItalicAngle")), "-15.5");
}

}  // namespace
}  // namespace vanban::pdfobj
