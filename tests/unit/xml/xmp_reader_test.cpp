// Reading the Phụ lục VI metadata back from an XMP packet: element and attribute forms, language alternatives,
// the SignerInfo structure, prefixes bound to other names, and packets that are not XML.

#include "xml/xmp_reader.hpp"

#include <gtest/gtest.h>

namespace vanban::xml {
namespace {

std::optional<model::DocumentMetadata> read(std::string_view packet, Diagnostics& diagnostics) {
  return read_xmp_metadata(packet, make_file_name("x.pdf"), diagnostics);
}

TEST(XmpReader, ReadsWhatVanbanWrites) {
  const std::string packet =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
      "<dc:title><rdf:Alt><rdf:li xml:lang=\"vi\">Khác</rdf:li><rdf:li xml:lang=\"x-default\">Quyết định về việc "
      "thi hành án</rdf:li></rdf:Alt></dc:title></rdf:Description>\n"
      "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">"
      "<pdf:Keywords>THA-2024-000517, 05/QĐ-CCTHADS</pdf:Keywords></rdf:Description>\n"
      "<rdf:Description rdf:about=\"\" xmlns:nd30=\"urn:vanban:xmp:nd30:1.0/\" "
      "xmlns:nd30signer=\"urn:vanban:xmp:nd30:signer:1.0/\">\n"
      "<nd30:TypeName>Quyết định</nd30:TypeName><nd30:CodeNumber>05</nd30:CodeNumber>"
      "<nd30:CodeNotation>QĐ-CCTHADS</nd30:CodeNotation><nd30:IssuedDate>2024-06-24</nd30:IssuedDate>"
      "<nd30:OrganName>CHI CỤC THI HÀNH ÁN DÂN SỰ &amp; CO</nd30:OrganName>"
      "<nd30:Subject>Về việc   thi hành án</nd30:Subject><nd30:PageAmount>2</nd30:PageAmount>"
      "<nd30:SignerInfo rdf:parseType=\"Resource\"><nd30signer:Position>Phó Chi cục trưởng</nd30signer:Position>"
      "<nd30signer:FullName>Cầm Bá Nguyện</nd30signer:FullName></nd30:SignerInfo>\n"
      "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
  Diagnostics diagnostics;
  const auto m = read(packet, diagnostics);
  ASSERT_TRUE(m) << diagnostics.to_string();
  EXPECT_EQ(m->title, "Quyết định về việc thi hành án");
  EXPECT_EQ(m->type_name, "Quyết định");
  EXPECT_EQ(m->code_number, "05");
  EXPECT_EQ(m->code_notation, "QĐ-CCTHADS");
  ASSERT_TRUE(m->issued_date);
  EXPECT_EQ(m->issued_date->to_iso(), "2024-06-24");
  EXPECT_EQ(m->organ_name, "CHI CỤC THI HÀNH ÁN DÂN SỰ & CO");
  EXPECT_EQ(m->subject, "Về việc thi hành án");
  EXPECT_EQ(m->page_amount, 2);
  EXPECT_EQ(m->signer_position, "Phó Chi cục trưởng");
  EXPECT_EQ(m->signer_name, "Cầm Bá Nguyện");
  EXPECT_EQ(m->case_id, "THA-2024-000517");
}

TEST(XmpReader, ReadsTheCaseAndItsParties) {
  Diagnostics diagnostics;
  const auto m = read(
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" "
      "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" pdf:Keywords=\"THA-KHAC, 05/QĐ-X\"/>"
      "<rdf:Description rdf:about=\"\" xmlns:vbcase=\"urn:vanban:xmp:case:1.0/\" "
      "xmlns:p=\"urn:vanban:xmp:case:party:1.0/\">"
      "<vbcase:CaseId>THA-2024-000615</vbcase:CaseId><vbcase:Parties><rdf:Bag>"
      "<rdf:li rdf:parseType=\"Resource\"><p:Role>creditor</p:Role><p:Name>Trần Thị  Bích Ngọc</p:Name></rdf:li>"
      "<rdf:li rdf:parseType=\"Resource\"><p:Role>debtor</p:Role><p:Name>Ka Hu\xC3\xAA\xCC\xA3</p:Name></rdf:li>"
      "<rdf:li rdf:parseType=\"Resource\"><p:Role>debtor</p:Role></rdf:li>"
      "</rdf:Bag></vbcase:Parties></rdf:Description></rdf:RDF>",
      diagnostics);
  ASSERT_TRUE(m) << diagnostics.to_string();
  EXPECT_EQ(m->case_id, "THA-2024-000615") << "vbcase:CaseId before the keywords";
  using Parties = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(m->parties, (Parties{{"creditor", "Trần Thị Bích Ngọc"}, {"debtor", "Ka Huệ"}}))
      << "normalized to NFC, a party without a name left out";
}

TEST(XmpReader, ResolvesPrefixesAndReadsAttributes) {
  // Another writer: its own prefixes, properties as attributes, a default namespace.
  const std::string packet =
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
      "<rdf:Description rdf:about=\"\" xmlns:v=\"urn:vanban:xmp:nd30:1.0/\" v:CodeNumber=\"9\" "
      "v:IssuedDate=\"2025-01-02T00:00:00+07:00\">"
      "<TypeName xmlns=\"urn:vanban:xmp:nd30:1.0/\">Thông báo</TypeName>"
      "<nd30:CodeNotation xmlns:nd30=\"urn:something:else\">không phải</nd30:CodeNotation>"
      "</rdf:Description></rdf:RDF>";
  Diagnostics diagnostics;
  const auto m = read(packet, diagnostics);
  ASSERT_TRUE(m) << diagnostics.to_string();
  EXPECT_EQ(m->code_number, "9");
  EXPECT_EQ(m->type_name, "Thông báo");
  EXPECT_EQ(m->code_notation, "");  // the prefix named another namespace
  ASSERT_TRUE(m->issued_date);
  EXPECT_EQ(m->issued_date->to_iso(), "2025-01-02");
  EXPECT_EQ(m->case_id, "");
}

TEST(XmpReader, KeywordsOfAnotherShapeGiveNoCaseId) {
  Diagnostics diagnostics;
  const auto m = read(
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description "
      "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:nd30=\"urn:vanban:xmp:nd30:1.0/\" pdf:Keywords=\"thi hành "
      "án, quyết định\" nd30:CodeNumber=\"5\" nd30:CodeNotation=\"QĐ-X\"/></rdf:RDF>",
      diagnostics);
  ASSERT_TRUE(m) << diagnostics.to_string();
  EXPECT_EQ(m->case_id, "");
}

TEST(XmpReader, APacketThatIsNotXmlIsReported) {
  Diagnostics diagnostics;
  EXPECT_FALSE(read("<x:xmpmeta><rdf:RDF></x:xmpmeta>", diagnostics));
  EXPECT_TRUE(diagnostics.has_errors());
  Diagnostics doctype;
  EXPECT_FALSE(read("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>", doctype));
  EXPECT_TRUE(doctype.contains("E0105")) << doctype.to_string();
}

}  // namespace
}  // namespace vanban::xml
