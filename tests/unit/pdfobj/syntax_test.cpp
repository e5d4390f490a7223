// The PDF object parser and writer.

#include "pdfobj/syntax.hpp"

#include <gtest/gtest.h>

namespace vanban::pdfobj {
namespace {

Object parse(std::string_view text) {
  Parser parser(text);
  auto object = parser.object();
  EXPECT_TRUE(object.has_value()) << text;
  return object.value_or(Object());
}

// The value of an object known to be a T (throws, failing the test, when it is not).
template <typename T>
const T& as(const Object& object) {
  return std::get<T>(object.value());
}

std::string written(const Object& object) {
  std::string out;
  write_object(out, object);
  return out;
}

TEST(Syntax, NumbersReferencesAndNames) {
  EXPECT_EQ(as<std::int64_t>(parse("42")), 42);
  EXPECT_EQ(as<std::int64_t>(parse("-17")), -17);
  EXPECT_DOUBLE_EQ(as<Real>(parse("595.276")).value, 595.276);
  EXPECT_EQ(as<Real>(parse("595.276")).text, "595.276");
  EXPECT_DOUBLE_EQ(parse(".5").number().value_or(0), 0.5);
  EXPECT_EQ(as<Ref>(parse("12 0 R")), (Ref{12, 0}));
  EXPECT_EQ(as<Name>(parse("/A#20B")).value, "A B");
  EXPECT_TRUE(parse("null").is_null());
  EXPECT_TRUE(as<bool>(parse("true")));
  // "1 2" without R is two integers: the parser must not swallow the second.
  Parser two("1 2 ]");
  EXPECT_EQ(as<std::int64_t>(two.object().value()), 1);
  EXPECT_EQ(as<std::int64_t>(two.object().value()), 2);
}

TEST(Syntax, Strings) {
  EXPECT_EQ(as<String>(parse("(a\\(b\\)c (nested) \\\\ \\101\\n)")).value, "a(b)c (nested) \\ A\n");
  EXPECT_EQ(as<String>(parse("<48 65 6C6C6F>")).value, "Hello");
  EXPECT_EQ(as<String>(parse("<414>")).value, "A@");  // an odd final digit is followed by 0
  EXPECT_TRUE(as<String>(parse("<48>")).hex);
}

TEST(Syntax, DictionariesRoundTrip) {
  const Object dict = parse("<< /Type /Page /MediaBox [0 0 595.276 841.89] /Parent 2 0 R /T (x\\)y) /Z <00FF> >>");
  EXPECT_TRUE(find(as<Dict>(dict), "Type")->is_name("Page"));
  EXPECT_EQ(written(dict), "<</Type /Page/MediaBox [0 0 595.276 841.89]/Parent 2 0 R/T (x\\)y)/Z <00FF>>>");
  const Object again = parse(written(dict));
  EXPECT_EQ(written(again), written(dict));
}

TEST(Syntax, RejectsMalformedInputWithoutCrashing) {
  for (const char* bad : {"(unterminated", "<4G>", "<< /A 1", "[1 2", "<< 1 2 >>", "", "   ", "endobj", "-", "+."}) {
    Parser parser(bad);
    EXPECT_FALSE(parser.object().has_value()) << bad;
  }
  // Nesting beyond the limit is refused, not recursed into.
  const std::string brackets = std::string(10000, '[') + std::string(10000, ']');
  Parser deep(brackets);
  EXPECT_FALSE(deep.object().has_value());
  std::string nested;
  for (int i = 0; i < 5000; ++i) nested += "<</A ";
  Parser dicts(nested);
  EXPECT_FALSE(dicts.object().has_value());
}

TEST(Syntax, IndirectObjectsAndStreams) {
  const std::string text = "7 0 obj\n<< /Length 5 >>\nstream\r\nhello\nendstream\nendobj\n";
  Parser parser(text);
  const auto parsed = parser.indirect_object();
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->first, (Ref{7, 0}));
  const auto& stream = as<Stream>(parsed->second);
  EXPECT_EQ(text.substr(stream.data_offset, stream.data_length), "hello");
  // A wrong /Length falls back to the endstream keyword.
  const std::string wrong = "7 0 obj\n<< /Length 999 >>\nstream\nhello\nendstream\nendobj\n";
  Parser again(wrong);
  const auto fixed = again.indirect_object();
  ASSERT_TRUE(fixed.has_value());
  EXPECT_EQ(wrong.substr(as<Stream>(fixed->second).data_offset, as<Stream>(fixed->second).data_length), "hello");
}

TEST(Syntax, TextStrings) {
  const Object plain = text_string("Signature1");
  EXPECT_FALSE(as<String>(plain).hex);
  const Object vietnamese = text_string("Hoàng Minh Đức");
  EXPECT_TRUE(as<String>(vietnamese).hex);
  EXPECT_EQ(as<String>(vietnamese).value.substr(0, 2), "\xFE\xFF");
  EXPECT_EQ(decode_text_string(as<String>(vietnamese).value), "Hoàng Minh Đức");
  EXPECT_EQ(decode_text_string("caf\xE9"), "café");  // PDFDocEncoding taken as Latin-1
}

}  // namespace
}  // namespace vanban::pdfobj
