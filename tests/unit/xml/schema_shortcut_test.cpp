// The schema shortcut may vouch for a document only when libxml2 finds nothing wrong with it: checked on every
// example case and a generated register (which it must vouch for, or the fast path is gone), and on thousands of
// mutants of them (each one libxml2 rejects must not be vouched for).

#include "xml/schema_shortcut.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "support/paths.hpp"
#include "support/register_generator.hpp"
#include "xml/case_schema.hpp"
#include "xml/schema_check.hpp"

namespace vanban::xml {
namespace {

const std::string& xsd() {
  static const std::string text = test::read_text(test::source_dir() / "schemas" / "case.xsd");
  return text;
}

const CaseSchema& schema() {
  static const auto compiled = CaseSchema::compile(xsd(), "case.xsd");
  return *compiled;
}

struct Verdict {
  bool parsed = false;
  bool vouched = false;
  std::string libxml2;  // libxml2's diagnostics, "" when it finds nothing
};

Verdict judge(const std::string& bytes) {
  Verdict out;
  Diagnostics parse_diagnostics;
  const auto parsed = parse_safely(bytes, make_file_name("x.xml"), Limits{}, parse_diagnostics);
  if (!parsed) return out;
  out.parsed = true;
  static const auto shortcut = SchemaShortcut::derive(xsd());
  out.vouched = shortcut->vouches_for(bytes, *parsed);
  Diagnostics diagnostics;
  check_against_schema(schema(), bytes, *parsed, diagnostics, SchemaPath::libxml2_only);
  out.libxml2 = diagnostics.to_string();
  return out;
}

std::vector<std::string> clean_documents() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "examples"))
    if (entry.path().extension() == ".xml") out.push_back(test::read_text(entry.path()));
  std::sort(out.begin(), out.end());
  out.push_back(test::generate_register(20).xml);
  return out;
}

TEST(SchemaShortcut, UnderstandsTheWholeCaseSchema) {
  EXPECT_TRUE(SchemaShortcut::derive(xsd())->usable());
  EXPECT_TRUE(schema_shortcut_usable(schema()));
}

TEST(SchemaShortcut, VouchesForEveryCleanExample) {
  for (const std::string& document : clean_documents()) {
    const Verdict verdict = judge(document);
    ASSERT_TRUE(verdict.parsed);
    EXPECT_EQ(verdict.libxml2, "");
    EXPECT_TRUE(verdict.vouched) << document.substr(0, 300);
  }
}

// A list of ids (xs:list, format 1.1's `obligations`): vouched only as libxml2 judges it, and any white space but a
// single space between items is left to libxml2.
TEST(SchemaShortcut, AListOfIdsIsJudgedAsLibxml2JudgesIt) {
  const std::string example = test::read_text(test::source_dir() / "examples" / "uy-thac.xml");
  const std::string element = "<delegated-out date=\"2024-07-29\" number=\"53\"";
  ASSERT_NE(example.find(element), std::string::npos);
  for (const std::string& list :
       std::vector<std::string>{"k1", "k1 k2", "k1  k2", " k1", "k1 ", "k1\tk2", "", "k1 k!", "k1 k2 k3"}) {
    std::string document = example;
    document.insert(document.find(element) + element.size(), " obligations=\"" + list + "\"");
    const Verdict verdict = judge(document);
    ASSERT_TRUE(verdict.parsed) << list;
    if (verdict.vouched) {
      EXPECT_EQ(verdict.libxml2, "") << "[" << list << "]";
    }
    if (list == "k1" || list == "k1 k2") {
      EXPECT_TRUE(verdict.vouched) << list;
    }
  }
}

// Dates, amounts and rates are told valid without libxml2 in their plain forms (YYYY-MM-DD, digits): each value below
// is vouched for exactly when libxml2 accepts it, and every plain valid one is decided by the shortcut.
TEST(SchemaShortcut, DatesAmountsAndRatesAreJudgedAsLibxml2JudgesThem) {
  struct Place {
    std::string file;
    std::string before;  // the text around the value
    std::string after;
    std::vector<std::string> values;
  };
  const std::vector<Place> places = {
      {"cap-duong.xml",
       "<decision number=\"688\" date=\"",
       "\" signer=\"truong\"/>",
       {"2024-08-06", "2024-02-29", "2023-02-29", "2000-02-29",  "1900-02-29",  "2100-02-28",  "2024-04-30",
        "2024-04-31", "2024-12-31", "2024-13-01", "2024-00-10",  "2024-01-00",  "2024-01-32",  "0000-01-01",
        "0001-01-01", "9999-12-31", "2024-1-01",  "20240-01-01", "-2024-01-01", "2024-01-01Z", "2024-01-01+07:00",
        "2024/01/01", "2024-01-0a", "2024-06-31", "2024-09-31",  "2024-11-31",  "2024-11-30"}},
      {"cap-duong.xml",
       "<amount>",
       "</amount>",
       {"12000000", "0", "007", "000", "999999999999999", "1000000000000000", "123456789012345678",
        "1234567890123456789", "+5", "-0", "1e3", "", "12 000", "٣"}},
      {"khau-tru-thu-nhap.xml",
       "rate=\"",
       "\"",
       {"25", "1", "100", "101", "0", "00", "007", "0100", "+5", "", "1234567890123456789", "-1"}}};
  for (const Place& place : places) {
    const std::string example = test::read_text(test::source_dir() / "examples" / place.file);
    const std::size_t start = example.find(place.before);
    ASSERT_NE(start, std::string::npos) << place.before;
    const std::size_t from = start + place.before.size();
    const std::size_t to = example.find(place.after, from);
    ASSERT_NE(to, std::string::npos) << place.after;
    for (const std::string& value : place.values) {
      std::string document = example;
      document.replace(from, to - from, value);
      const Verdict verdict = judge(document);
      ASSERT_TRUE(verdict.parsed) << value;
      if (verdict.vouched) {
        EXPECT_EQ(verdict.libxml2, "") << place.file << " [" << value << "]";
      }
      // A plain form (digits and hyphens) libxml2 accepts is decided by the shortcut; a sign or a zone may be left.
      const bool plain = !value.empty() && value.find_first_not_of("0123456789-") == std::string::npos;
      if (plain && verdict.libxml2.empty()) {
        EXPECT_TRUE(verdict.vouched) << place.file << " [" << value << "]";
      }
    }
  }
}

// Format 1.1's attribute group (`date` required on every step) and an attribute's own simple type (`kind` of a
// remission): a document breaking either is never vouched for, and libxml2 refuses it.
TEST(SchemaShortcut, AGroupsRequiredAttributeAndAnAttributesOwnTypeAreChecked) {
  const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> breaks = {
      {"uy-thac.xml", {"<delegated-out date=\"2024-07-29\" ", "<delegated-out "}},
      {"so-theo-doi-rieng.xml", {"kind=\"reduction\"", "kind=\"forgiveness\""}}};
  for (const auto& [file, change] : breaks) {
    std::string document = test::read_text(test::source_dir() / "examples" / file);
    const auto at = document.find(change.first);
    ASSERT_NE(at, std::string::npos) << file;
    ASSERT_TRUE(judge(document).vouched) << file;
    document.replace(at, change.first.size(), change.second);
    const Verdict verdict = judge(document);
    ASSERT_TRUE(verdict.parsed) << file;
    EXPECT_FALSE(verdict.vouched) << file;
    EXPECT_NE(verdict.libxml2, "") << file;
  }
}

// A text is read from pugixml's text node where its bytes are exactly that text; beside a comment (whose white space
// pugixml drops and libxml2 keeps) or shortened by a reference, the tags decide. `<birth-year>` is a string of four
// digits, so white space kept or dropped changes libxml2's verdict.
TEST(SchemaShortcut, ATextBesideACommentIsJudgedAsLibxml2JudgesIt) {
  const std::string example = test::read_text(test::source_dir() / "examples" / "cap-duong.xml");
  const std::string element = "<birth-year>1994</birth-year>";
  ASSERT_NE(example.find(element), std::string::npos);
  for (const std::string& text :
       std::vector<std::string>{"1994", " <!-- c -->1994", "1994<!-- c --> ", "<!-- c -->1994", "1994<!-- c -->",
                                "\n<!-- c -->1994", "&#x31;994", "199&#x34;", "1994&#x20;", "19&amp;4", "1994\r\n"}) {
    std::string document = example;
    document.replace(document.find(element), element.size(), "<birth-year>" + text + "</birth-year>");
    const Verdict verdict = judge(document);
    ASSERT_TRUE(verdict.parsed) << text;
    if (verdict.vouched) {
      EXPECT_EQ(verdict.libxml2, "") << "[" << text << "]";
    }
    if (text == "1994" || text == "&#x31;994" || text == "199&#x34;") {
      EXPECT_TRUE(verdict.vouched) << text;
    }
  }
}

// Names are compared whole: an element or attribute whose name only begins like a declared one is unknown.
TEST(SchemaShortcut, ANameThatOnlyBeginsLikeADeclaredOneIsUnknown) {
  const std::string example = test::read_text(test::source_dir() / "examples" / "cap-duong.xml");
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"<birth-year>1994</birth-year>", "<birth-years>1994</birth-years>"},
           {"<person id=\"me\" role=\"creditor\">", "<person id=\"me\" roles=\"creditor\">"},
           {"<notified date=\"2024-08-09\" party=\"bo\"/>", "<notifieds date=\"2024-08-09\" party=\"bo\"/>"}}) {
    std::string document = example;
    const auto at = document.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    document.replace(at, from.size(), to);
    const Verdict verdict = judge(document);
    ASSERT_TRUE(verdict.parsed) << to;
    EXPECT_FALSE(verdict.vouched) << to;
    EXPECT_NE(verdict.libxml2, "") << to;
  }
}

// The constraints' selector paths are walked together where they share steps (`c:parties/c:person` and
// `c:parties/c:organization`, the events under `c:enforcement/c:events`): each constraint still sees its own elements.
TEST(SchemaShortcut, ConstraintsSharingStepsAreEachChecked) {
  const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> breaks = {
      {"cap-duong.xml",
       {"<payment date=\"2024-08-30\" amount=\"2000000\" obligation=\"cd\"/>",
        "<payment date=\"2024-08-30\" amount=\"2000000\" obligation=\"zz\"/>"}},
      {"cap-duong.xml",
       {"<notified date=\"2024-08-09\" party=\"bo\"/>", "<notified date=\"2024-08-09\" party=\"zz\"/>"}},
      {"cap-duong.xml", {"<person id=\"me\" role=\"creditor\">", "<person id=\"bo\" role=\"creditor\">"}},
      {"cap-duong.xml", {"<person id=\"me\" role=\"creditor\">", "<person id=\"ba\" role=\"creditor\">"}},
      {"cap-duong.xml",
       {"<obligation id=\"ap\" kind=\"court-fee\" debtor=\"bo\"",
        "<obligation id=\"ap\" kind=\"court-fee\" debtor=\"ba\""}}};
  for (const auto& [file, change] : breaks) {
    std::string document = test::read_text(test::source_dir() / "examples" / file);
    const auto at = document.find(change.first);
    ASSERT_NE(at, std::string::npos) << change.first;
    ASSERT_TRUE(judge(document).vouched) << file;
    document.replace(at, change.first.size(), change.second);
    const Verdict verdict = judge(document);
    ASSERT_TRUE(verdict.parsed) << change.second;
    EXPECT_FALSE(verdict.vouched) << change.second;
    EXPECT_NE(verdict.libxml2, "") << change.second;
  }
}

TEST(SchemaShortcut, ASchemaOutsideTheSubsetNeverVouches) {
  std::string other = xsd();
  other.replace(other.find("<xs:all>"), 8, "<xs:all><xs:any/>");
  EXPECT_FALSE(SchemaShortcut::derive(other)->usable());
  EXPECT_FALSE(SchemaShortcut::derive("<nothing/>")->usable());
}

// One random change at a random place: values, names, white space, markup only libxml2 sees.
std::string mutate(const std::string& document, std::mt19937& random) {
  static const std::vector<std::string> values = {"",
                                                  " ",
                                                  "x",
                                                  "2024-02-30",
                                                  "2024-2-01",
                                                  " 2024-01-01",
                                                  "0000-01-01",
                                                  "-1",
                                                  "1000000000000000",
                                                  "999999999999999",
                                                  "007",
                                                  "１２",
                                                  "abc",
                                                  "p",
                                                  "o",
                                                  "j",
                                                  "debtor ",
                                                  "male",
                                                  "ex-officio",
                                                  "has-means",
                                                  "true",
                                                  "completed",
                                                  "land",
                                                  "destroy"};
  static const std::vector<std::string> insertions = {" ",
                                                      "\n",
                                                      "x",
                                                      "<!-- c -->",
                                                      "<![CDATA[x]]>",
                                                      "<?pi x?>",
                                                      "<x/>",
                                                      "<name>a</name>",
                                                      " extra=\"1\"",
                                                      " id=\"p\"",
                                                      " xmlns=\"urn:other\"",
                                                      " c:id=\"1\"",
                                                      "]]>",
                                                      "<payment date=\"2024-01-01\" amount=\"1\" obligation=\"zz\"/>",
                                                      "<text>t</text>",
                                                      "&amp;",
                                                      "&#x20;"};
  std::string out = document;
  const auto at = [&](std::size_t size) { return std::uniform_int_distribution<std::size_t>(0, size - 1)(random); };
  switch (at(5)) {
    case 0: {  // an attribute's value
      std::size_t quote = out.find('"', at(out.size()));
      if (quote == std::string::npos) quote = out.find('"');
      const std::size_t close = out.find('"', quote + 1);
      if (close != std::string::npos) out.replace(quote + 1, close - quote - 1, values[at(values.size())]);
      break;
    }
    case 1: {  // an element's text
      std::size_t gt = out.find('>', at(out.size()));
      if (gt == std::string::npos) gt = out.find('>');
      const std::size_t lt = out.find('<', gt);
      if (lt != std::string::npos && lt != gt + 1 && out[gt + 1] != '\n')
        out.replace(gt + 1, lt - gt - 1, values[at(values.size())]);
      else if (lt != std::string::npos) out.insert(gt + 1, values[at(values.size())]);
      break;
    }
    case 2: {  // something inserted just after a tag or inside a start tag
      std::size_t gt = out.find('>', at(out.size()));
      if (gt == std::string::npos) gt = out.find('>');
      const std::string& what = insertions[at(insertions.size())];
      if (what[0] == ' ' && what.size() > 1 && out[gt - 1] != '/' && out[gt - 1] != '?') out.insert(gt, what);
      else if (what[0] == ' ' && what.size() > 1 && out[gt - 1] == '/') out.insert(gt - 1, what);
      else out.insert(gt + 1, what);
      break;
    }
    case 3: {  // an element removed (a self-closing one, or one with its content)
      std::size_t lt = out.find('<', at(out.size()));
      if (lt == std::string::npos || out[lt + 1] == '/' || out[lt + 1] == '?') break;
      const std::size_t name_end = out.find_first_of(" />", lt + 1);
      const std::string name = out.substr(lt + 1, name_end - lt - 1);
      const std::size_t gt = out.find('>', lt);
      if (out[gt - 1] == '/') {
        out.erase(lt, gt + 1 - lt);
      } else {
        const std::size_t end = out.find("</" + name + ">", gt);
        if (end != std::string::npos && out.find("<" + name, gt) > end) out.erase(lt, end + name.size() + 3 - lt);
      }
      break;
    }
    default: {  // an element renamed, or white space put inside an empty one
      std::size_t lt = out.find('<', at(out.size()));
      if (lt == std::string::npos || out[lt + 1] == '/' || out[lt + 1] == '?') break;
      const std::size_t gt = out.find('>', lt);
      if (at(2) == 0 && out[gt - 1] == '/') {
        const std::size_t name_end = out.find_first_of(" />", lt + 1);
        out.replace(gt - 1, 2, "> </" + out.substr(lt + 1, name_end - lt - 1) + ">");
      } else {
        out.insert(lt + 1, "x");  // an unknown element (its end tag no longer matches: malformed, or renamed too)
        const std::size_t name_end = out.find_first_of(" />", lt + 1);
        const std::string name = out.substr(lt + 2, name_end - lt - 2);
        const std::size_t end = out.find("</" + name + ">", gt);
        if (end != std::string::npos) out.insert(end + 2, "x");
      }
      break;
    }
  }
  return out;
}

TEST(SchemaShortcut, NeverVouchesForADocumentLibxml2Rejects) {
  std::mt19937 random(20261206);
  const auto documents = clean_documents();
  std::size_t rejected = 0;
  std::size_t vouched = 0;
  for (std::size_t round = 0; round < 6000; ++round) {
    std::string mutant = documents[round % documents.size()];
    const std::size_t changes = 1 + round % 3;
    for (std::size_t i = 0; i < changes; ++i) mutant = mutate(mutant, random);
    const Verdict verdict = judge(mutant);
    if (!verdict.parsed) continue;
    if (!verdict.libxml2.empty()) ++rejected;
    if (verdict.vouched) ++vouched;
    if (verdict.vouched) {
      ASSERT_EQ(verdict.libxml2, "") << "vouched for:\n" << mutant;
    }
  }
  // The mutants reach both sides: many that libxml2 rejects, many that the shortcut still decides.
  EXPECT_GT(rejected, 1000U);
  EXPECT_GT(vouched, 500U);
}

}  // namespace
}  // namespace vanban::xml
