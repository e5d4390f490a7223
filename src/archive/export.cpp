// Archive::export_case: the hand-over package of a case file (Nghị định 30/2020/NĐ-CP: a case file is handed over
// as .pdf documents in chronological order, each with an .xml metadata sidecar of Phụ lục VI).

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <algorithm>
#include <istream>
#include <ostream>
#include <streambuf>
#include <string_view>

#include "archive/archive.hpp"
#include "base/error.hpp"
#include "text/collation.hpp"
#include "text/normalize.hpp"

namespace vanban::archive {

namespace {

constexpr const char* kSidecarNamespace = "urn:vanban:archive:nd30:1.0";

std::string escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // XML 1.0 cannot carry other C0 controls.
        out += (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') ? ' ' : c;
    }
  }
  return out;
}

// <name>value</name> on its own line, or nothing when the value is empty.
void element(std::string& out, const char* indent, const char* name, std::string_view value) {
  if (value.empty()) return;
  out += std::string(indent) + "<" + name + ">" + escaped(value) + "</" + name + ">\n";
}

std::string attribute(const char* name, std::string_view value) {
  return std::string(" ") + name + "=\"" + escaped(value) + "\"";
}

// A file name for the zip: only ASCII letters, digits and '-' ("517-QD-CCTHADS"), so no name can climb out of
// the folder it is unpacked into, whatever the record holds.
std::string safe_part(std::string_view text) {
  std::string out = text::ascii_name(text::normalize_field(text), 40);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string base_name(std::size_t ordinal, std::size_t count, const Record& record) {
  std::string number = std::to_string(ordinal);
  const std::size_t width = std::max<std::size_t>(2, std::to_string(count).size());
  if (number.size() < width) number.insert(0, width - number.size(), '0');
  std::string name =
      number + "_" + (record.issued_date.empty() ? std::string("khong-ngay") : safe_part(record.issued_date));
  const std::string code = safe_part(record.number + "-" + record.notation);
  if (!code.empty()) name += "_" + code;
  return name;
}

std::string year_of(const Record& record) { return record.issued_date.substr(0, 4); }

std::string sidecar(const Entry& entry, std::size_t ordinal, const std::string& catalog, const std::string& pdf_name) {
  const Record& r = entry.record;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<!-- Nghị định 30/2020/NĐ-CP, Phụ lục VI: thông tin đầu vào của văn bản đi -->\n";
  out += std::string("<Document xmlns=\"") + kSidecarNamespace + "\">\n";
  out += "  <FileCode>\n";
  element(out, "    ", "FileCatalog", catalog);
  element(out, "    ", "FileNotation", r.case_id);
  out += "  </FileCode>\n";
  element(out, "  ", "DocOrdinal", std::to_string(ordinal));
  element(out, "  ", "TypeName", r.type_name);
  element(out, "  ", "CodeNumber", r.number);
  element(out, "  ", "CodeNotation", r.notation);
  element(out, "  ", "IssuedDate", r.issued_date);
  element(out, "  ", "OrganName", r.organ_name);
  element(out, "  ", "Subject", r.subject);
  element(out, "  ", "Language", "vi");
  if (r.page_amount > 0) element(out, "  ", "PageAmount", std::to_string(r.page_amount));
  if (!r.signer_position.empty() || !r.signer_name.empty()) {
    out += "  <SignerInfo>\n";
    element(out, "    ", "Position", r.signer_position);
    element(out, "    ", "FullName", r.signer_name);
    out += "  </SignerInfo>\n";
  }
  // What the archive knows besides Phụ lục VI.
  out += "  <Archive" + attribute("id", std::to_string(r.seq)) + attribute("recordedAt", r.recorded_at) +
         attribute("file", pdf_name) + attribute("sha256", r.sha256) + attribute("size", std::to_string(r.byte_size)) +
         attribute("signature", r.status) + attribute("recordHash", r.hash) + ">\n";
  const auto levels = entry.levels();
  std::size_t index = 0;
  for (const auto& line : split_lines(r.signatures)) {
    const std::string level = index < levels.size() ? levels[index] : "";
    ++index;
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t tab = line.find('\t'); tab != std::string::npos; tab = line.find('\t', start)) {
      parts.push_back(line.substr(start, tab - start));
      start = tab + 1;
    }
    parts.push_back(line.substr(start));
    parts.resize(5);
    out += "    <Signature" + attribute("field", parts[0]) + attribute("signer", parts[1]) +
           attribute("certificate", parts[2]) + attribute("signedAt", parts[3]) + attribute("result", parts[4]) +
           (level.empty() ? "" : attribute("level", level)) + "/>\n";
  }
  for (const auto& party : entry.parties())
    out += "    <Party" + attribute("role", party.role) + ">" + escaped(party.name) + "</Party>\n";
  for (const auto& warning : split_lines(r.warnings)) out += "    <Warning>" + escaped(warning) + "</Warning>\n";
  if (entry.withdrawal)
    out += "    <Withdrawn" + attribute("id", std::to_string(entry.withdrawal->seq)) +
           attribute("recordedAt", entry.withdrawal->recorded_at) + ">" + escaped(entry.withdrawal->note) +
           "</Withdrawn>\n";
  out += "  </Archive>\n</Document>\n";
  return out;
}

// Bytes held elsewhere read as a stream, without the copy std::istringstream makes (a PDF of the archive can be large).
class BytesInput : private std::streambuf, public std::istream {
 public:
  explicit BytesInput(std::string_view bytes) : std::istream(static_cast<std::streambuf*>(this)) {
    char* begin = const_cast<char*>(bytes.data());  // read only: the get area is never written through
    setg(begin, begin, begin + bytes.size());
  }
};

Poco::DateTime date_of(const Record& record) {
  const auto date = model::Date::parse_iso(record.issued_date);
  return date ? Poco::DateTime(date->year(), date->month(), date->day()) : Poco::DateTime(1980, 1, 1);
}

}  // namespace

bool Archive::export_case(const std::string& case_id, std::ostream& zip_out, Diagnostics& diagnostics) const {
  Query query;
  query.case_id = case_id;
  auto documents = search(query);
  if (documents.empty()) {
    diagnostics.error("E0752", where(), "không có văn bản nào của hồ sơ \"" + case_id + "\" trong kho");
    return false;
  }
  // Chronological: by issue date (undated last), then in the order they were archived.
  std::stable_sort(documents.begin(), documents.end(), [](const Entry& a, const Entry& b) {
    const bool a_dated = !a.record.issued_date.empty();
    const bool b_dated = !b.record.issued_date.empty();
    if (a_dated != b_dated) return a_dated;
    if (a.record.issued_date != b.record.issued_date) return a.record.issued_date < b.record.issued_date;
    return a.record.seq < b.record.seq;
  });

  std::string catalog;  // FileCatalog: the year the case file was formed, that of its first document
  for (const auto& entry : documents)
    if (catalog.empty()) catalog = year_of(entry.record);
  std::string first_date;
  std::string last_date;
  std::int64_t pages = 0;
  std::string creator;
  for (const auto& entry : documents) {
    const Record& r = entry.record;
    if (!r.issued_date.empty()) {
      if (first_date.empty() || r.issued_date < first_date) first_date = r.issued_date;
      if (r.issued_date > last_date) last_date = r.issued_date;
    }
    pages += r.page_amount;
    if (creator.empty()) creator = r.organ_name;
  }

  bool complete = true;  // every document's file read and matching its record so far
  try {
    Poco::Zip::Compress zip(zip_out, true);
    std::string manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    manifest += "<!-- Hồ sơ giao nộp: văn bản theo thứ tự thời gian, mỗi văn bản một tệp .pdf và một tệp .xml -->\n";
    manifest += std::string("<CaseFile xmlns=\"") + kSidecarNamespace + "\">\n  <FileCode>\n";
    element(manifest, "    ", "FileCatalog", catalog);
    element(manifest, "    ", "FileNotation", case_id);
    manifest += "  </FileCode>\n";
    element(manifest, "  ", "Title", "Hồ sơ thi hành án " + case_id);
    element(manifest, "  ", "Creator", creator);
    element(manifest, "  ", "Language", "vi");
    element(manifest, "  ", "StartDate", first_date);
    element(manifest, "  ", "EndDate", last_date);
    element(manifest, "  ", "DocTotal", std::to_string(documents.size()));
    element(manifest, "  ", "PageTotal", std::to_string(pages));
    manifest += "  <Documents>\n";
    for (std::size_t i = 0; i < documents.size(); ++i) {
      // One document's bytes held at a time, written and let go; after a file that is missing or changed the others
      // are still checked (every problem reported) but nothing more is written: the zip is to be discarded.
      const auto content = this->content(documents[i], diagnostics);
      complete = complete && content.has_value();
      if (!complete) continue;
      const Record& r = documents[i].record;
      const std::string name = base_name(i + 1, documents.size(), r);
      const std::string xml = sidecar(documents[i], i + 1, catalog, name + ".pdf");
      BytesInput pdf_in(*content);
      // PDFs are compressed already: stored as they are.
      zip.addFile(pdf_in, date_of(r), Poco::Path(name + ".pdf", Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_STORE);
      BytesInput xml_in(xml);
      zip.addFile(xml_in, date_of(r), Poco::Path(name + ".xml", Poco::Path::PATH_UNIX));
      manifest += "    <Document" + attribute("ordinal", std::to_string(i + 1)) + attribute("pdf", name + ".pdf") +
                  attribute("metadata", name + ".xml") + attribute("sha256", r.sha256) +
                  attribute("size", std::to_string(r.byte_size)) + attribute("archiveId", std::to_string(r.seq)) +
                  attribute("issuedDate", r.issued_date) + attribute("typeName", r.type_name) +
                  attribute("codeNumber", r.number) + attribute("codeNotation", r.notation) +
                  attribute("withdrawn", documents[i].withdrawal ? "true" : "false") + "/>\n";
    }
    if (!complete) return false;
    manifest += "  </Documents>\n</CaseFile>\n";
    BytesInput manifest_in(manifest);
    zip.addFile(manifest_in, date_of(documents.front().record), Poco::Path("manifest.xml", Poco::Path::PATH_UNIX));
    zip.close();
  } catch (const Poco::Exception& error) {
    throw Error("E0769", "không tạo được tệp zip: " + error.displayText());
  }
  return true;
}

}  // namespace vanban::archive
