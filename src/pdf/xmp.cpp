#include "pdf/xmp.hpp"

#include <initializer_list>
#include <utility>

namespace vanban::pdf {

namespace {

constexpr const char* kNd30Namespace = "urn:vanban:xmp:nd30:1.0/";
constexpr const char* kSignerNamespace = "urn:vanban:xmp:nd30:signer:1.0/";
constexpr const char* kCaseNamespace = "urn:vanban:xmp:case:1.0/";
constexpr const char* kPartyNamespace = "urn:vanban:xmp:case:party:1.0/";

// The PDF/A extension schema that declares the Phụ lục VI properties (ISO 19005-1 §6.7.8): PDF/A-1 accepts
// properties outside the predefined schemas only when they are described this way.
constexpr const char* kExtensionSchema =
    R"(<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#" xmlns:pdfaType="http://www.aiim.org/pdfa/ns/type#" xmlns:pdfaField="http://www.aiim.org/pdfa/ns/field#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>Nghị định 30/2020/NĐ-CP, Phụ lục VI: metadata of an outgoing document</pdfaSchema:schema>
<pdfaSchema:namespaceURI>urn:vanban:xmp:nd30:1.0/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>nd30</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq>
<rdf:li rdf:parseType="Resource"><pdfaProperty:name>TypeName</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>Tên loại văn bản</pdfaProperty:description></rdf:li>
<rdf:li rdf:parseType="Resource"><pdfaProperty:name>CodeNumber</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>Số của văn bản</pdfaProperty:description></rdf:li>
<rdf:li rdf:parseType="Resource"><pdfaProperty:name>CodeNotation</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>Ký hiệu của văn bản</pdfaProperty:description></rdf:li>
<rdf:li rdf:parseType="Resource"><pdfaProperty:name>IssuedDate</pdfaProperty:name><pdfaProperty:valueType>Date</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>Ngày, tháng, năm văn bản</pdfaProperty:description></rdf:li>
<rdf:li rdf:parseType="Resource"><pdfaProperty:name>OrganName</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>Tên cơ quan, tổ chức ban hành văn bản</pdfaProperty:description></rdf:li>
<rdf:li rdf:parseType="Resource"><pdfaProperty:name>Subject</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>Trích yếu nội dung</pdfaProperty:description></rdf:li>
<rdf:li rdf:parseType="Resource"><pdfaProperty:name>PageAmount</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>Số trang của văn bản</pdfaProperty:description></rdf:li>
<rdf:li rdf:parseType="Resource"><pdfaProperty:name>SignerInfo</pdfaProperty:name><pdfaProperty:valueType>SignerInfo</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>Người ký văn bản</pdfaProperty:description></rdf:li>
</rdf:Seq></pdfaSchema:property>
<pdfaSchema:valueType><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaType:type>SignerInfo</pdfaType:type>
<pdfaType:namespaceURI>urn:vanban:xmp:nd30:signer:1.0/</pdfaType:namespaceURI>
<pdfaType:prefix>nd30signer</pdfaType:prefix>
<pdfaType:description>Người ký văn bản</pdfaType:description>
<pdfaType:field><rdf:Seq>
<rdf:li rdf:parseType="Resource"><pdfaField:name>Position</pdfaField:name><pdfaField:valueType>Text</pdfaField:valueType><pdfaField:description>Chức vụ</pdfaField:description></rdf:li>
<rdf:li rdf:parseType="Resource"><pdfaField:name>FullName</pdfaField:name><pdfaField:valueType>Text</pdfaField:valueType><pdfaField:description>Họ và tên</pdfaField:description></rdf:li>
</rdf:Seq></pdfaType:field>
</rdf:li></rdf:Seq></pdfaSchema:valueType>
</rdf:li>
<rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>vanban: the enforcement case a document belongs to</pdfaSchema:schema>
<pdfaSchema:namespaceURI>urn:vanban:xmp:case:1.0/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>vbcase</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq>
<rdf:li rdf:parseType="Resource"><pdfaProperty:name>CaseId</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>Mã hồ sơ thi hành án</pdfaProperty:description></rdf:li>
<rdf:li rdf:parseType="Resource"><pdfaProperty:name>Parties</pdfaProperty:name><pdfaProperty:valueType>bag Party</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>Đương sự của hồ sơ</pdfaProperty:description></rdf:li>
</rdf:Seq></pdfaSchema:property>
<pdfaSchema:valueType><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaType:type>Party</pdfaType:type>
<pdfaType:namespaceURI>urn:vanban:xmp:case:party:1.0/</pdfaType:namespaceURI>
<pdfaType:prefix>vbparty</pdfaType:prefix>
<pdfaType:description>Đương sự</pdfaType:description>
<pdfaType:field><rdf:Seq>
<rdf:li rdf:parseType="Resource"><pdfaField:name>Role</pdfaField:name><pdfaField:valueType>Text</pdfaField:valueType><pdfaField:description>debtor, creditor, related</pdfaField:description></rdf:li>
<rdf:li rdf:parseType="Resource"><pdfaField:name>Name</pdfaField:name><pdfaField:valueType>Text</pdfaField:valueType><pdfaField:description>Họ và tên, tên tổ chức</pdfaField:description></rdf:li>
</rdf:Seq></pdfaType:field>
</rdf:li></rdf:Seq></pdfaSchema:valueType>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
)";

void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
}

// <name>{wrap_open}value{wrap_close}</name>, or nothing when the value is empty.
void element(std::string& out, const char* name, std::string_view value, std::string_view wrap_open = {},
             std::string_view wrap_close = {}) {
  if (value.empty()) return;
  out += '<';
  out += name;
  out += '>';
  out += wrap_open;
  append_escaped(out, metadata_text(value));
  out += wrap_close;
  out += "</";
  out += name;
  out += ">\n";
}

// A language alternative with only the default entry (dc:title, dc:description).
void alternative(std::string& out, const char* name, std::string_view value) {
  element(out, name, value, "<rdf:Alt><rdf:li xml:lang=\"x-default\">", "</rdf:li></rdf:Alt>");
}

// <rdf:Description rdf:about="" xmlns:prefix="uri" …>
void open_description(std::string& out, std::initializer_list<std::pair<const char*, const char*>> namespaces) {
  out += "<rdf:Description rdf:about=\"\"";
  for (const auto& [prefix, uri] : namespaces) {
    out += " xmlns:";
    out += prefix;
    out += "=\"";
    out += uri;
    out += '"';
  }
  out += ">\n";
}

}  // namespace

std::string metadata_text(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') c = ' ';
  }
  return out;
}

model::Date issued_or_epoch(const model::DocumentMetadata& metadata) {
  return metadata.issued_date.value_or(model::Date{});
}

std::string xmp_packet(const model::DocumentMetadata& info, std::string_view producer, int page_count) {
  const std::string date = issued_or_epoch(info).to_iso();
  std::string out;
  out.reserve(6144);
  out += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
  out += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
  out += "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  out += "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n";
  out += "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n</rdf:Description>\n";

  out += "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n";
  out += "<dc:format>application/pdf</dc:format>\n";
  alternative(out, "dc:title", info.title);
  element(out, "dc:creator", info.organ_name, "<rdf:Seq><rdf:li>", "</rdf:li></rdf:Seq>");
  alternative(out, "dc:description", info.subject);
  out += "<dc:language><rdf:Bag><rdf:li>vi</rdf:li></rdf:Bag></dc:language>\n";
  out += "</rdf:Description>\n";

  out += "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
  element(out, "pdf:Keywords", info.keywords);
  element(out, "pdf:Producer", producer);
  out += "</rdf:Description>\n";

  out += "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n";
  out += "<xmp:CreateDate>";
  out += date;
  out += "T00:00:00+07:00</xmp:CreateDate>\n</rdf:Description>\n";

  out += kExtensionSchema;
  open_description(out, {{"nd30", kNd30Namespace}, {"nd30signer", kSignerNamespace}});
  element(out, "nd30:TypeName", info.type_name);
  element(out, "nd30:CodeNumber", info.code_number);
  element(out, "nd30:CodeNotation", info.code_notation);
  element(out, "nd30:IssuedDate", date);
  element(out, "nd30:OrganName", info.organ_name);
  element(out, "nd30:Subject", info.subject);
  element(out, "nd30:PageAmount", std::to_string(page_count));
  if (!info.signer_position.empty() || !info.signer_name.empty()) {
    out += "<nd30:SignerInfo rdf:parseType=\"Resource\">\n";
    element(out, "nd30signer:Position", info.signer_position);
    element(out, "nd30signer:FullName", info.signer_name);
    out += "</nd30:SignerInfo>\n";
  }
  out += "</rdf:Description>\n";

  if (!info.case_id.empty() || !info.parties.empty()) {
    open_description(out, {{"vbcase", kCaseNamespace}, {"vbparty", kPartyNamespace}});
    element(out, "vbcase:CaseId", info.case_id);
    if (!info.parties.empty()) {
      out += "<vbcase:Parties><rdf:Bag>\n";
      for (const auto& [role, name] : info.parties) {
        out += "<rdf:li rdf:parseType=\"Resource\">";
        element(out, "vbparty:Role", role);
        element(out, "vbparty:Name", name);
        out += "</rdf:li>\n";
      }
      out += "</rdf:Bag></vbcase:Parties>\n";
    }
    out += "</rdf:Description>\n";
  }
  out += "</rdf:RDF>\n</x:xmpmeta>\n";
  out += "<?xpacket end=\"w\"?>";
  return out;
}

}  // namespace vanban::pdf
