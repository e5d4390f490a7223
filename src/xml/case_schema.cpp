#include "xml/case_schema.hpp"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <algorithm>
#include <limits>
#include <mutex>
#include <optional>
#include <set>
#include <vector>

#include "base/error.hpp"
#include "xml/schema_check.hpp"
#include "xml/schema_shortcut.hpp"

namespace vanban::xml {

struct CaseSchema::Compiled {
  xmlSchemaPtr schema = nullptr;
  std::unique_ptr<const SchemaShortcut> shortcut;  // decides the clean documents without libxml2
  Compiled() = default;
  Compiled(const Compiled&) = delete;
  Compiled& operator=(const Compiled&) = delete;
  ~Compiled() {
    if (schema != nullptr) xmlSchemaFree(schema);
  }
};

namespace {

// libxml2 may never fetch anything because of a document: no DTD, no external entity, no schema location.
xmlParserInputPtr refuse_to_load(const char* /*url*/, const char* /*id*/, xmlParserCtxtPtr /*context*/) {
  return nullptr;
}

void initialize_libxml2() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_to_load);
  });
}

std::string trimmed(const char* text) {
  std::string out = text == nullptr ? "" : text;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

void collect_message(void* data, xmlErrorPtr error) {
  static_cast<std::vector<std::string>*>(data)->push_back(trimmed(error->message));
}

// One problem libxml2 reported, copied while the document is alive.
struct Problem {
  int code = 0;
  int line = 0;
  int column = 0;
  bool fatal = false;
  std::vector<std::size_t> path;  // element indices from the root to the node, empty without a node
  std::string message;
  std::string str1;
  std::string str2;
  std::string str3;
};

struct Collector {
  std::vector<Problem> parse_problems;
  std::vector<Problem> schema_problems;
};

constexpr std::size_t kMaxProblems = 200;

// The position of an element among its parent's element children, for each level from the root down.
std::vector<std::size_t> path_of(const xmlNode* node) {
  if (node != nullptr && node->type == XML_ATTRIBUTE_NODE) node = node->parent;
  std::vector<std::size_t> path;
  for (; node != nullptr && node->type == XML_ELEMENT_NODE; node = node->parent) {
    std::size_t index = 0;
    for (const xmlNode* sibling = node->prev; sibling != nullptr; sibling = sibling->prev)
      if (sibling->type == XML_ELEMENT_NODE) ++index;
    path.push_back(index);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

Problem copy(const xmlError& error) {
  Problem problem;
  problem.code = error.code;
  problem.line = error.line;
  problem.column = error.int2;
  problem.fatal = error.level >= XML_ERR_ERROR;
  problem.path = path_of(static_cast<const xmlNode*>(error.node));
  problem.message = trimmed(error.message);
  problem.str1 = error.str1 == nullptr ? "" : error.str1;
  problem.str2 = error.str2 == nullptr ? "" : error.str2;
  problem.str3 = error.str3 == nullptr ? "" : error.str3;
  return problem;
}

struct ValidatorDeleter {
  void operator()(xmlSchemaValidCtxtPtr validator) const { xmlSchemaFreeValidCtxt(validator); }
};

// ---- from libxml2's words to the clerk's ------------------------------------------------------------------------

// The text between `open` and the next `close` after `after` in `text`, or "".
std::string between(std::string_view text, std::string_view open, std::string_view close, std::size_t after = 0) {
  const std::size_t start = text.find(open, after);
  if (start == std::string_view::npos) return {};
  const std::size_t end = text.find(close, start + open.size());
  if (end == std::string_view::npos) return {};
  return std::string(text.substr(start + open.size(), end - start - open.size()));
}

// "{urn:vanban:case:1}name" → "name".
std::string local_name(std::string name) {
  const std::size_t brace = name.find('}');
  return brace == std::string::npos ? name : name.substr(brace + 1);
}

// "( {urn…}name, {urn…}email )" → "<name>, <email>".
std::string expected_elements(std::string_view message) {
  std::string list = between(message, "( ", " )");
  std::string out;
  std::size_t start = 0;
  while (start < list.size()) {
    std::size_t comma = list.find(", ", start);
    if (comma == std::string::npos) comma = list.size();
    if (!out.empty()) out += ", ";
    out += "<" + local_name(list.substr(start, comma - start)) + ">";
    start = comma + 2;
  }
  return out;
}

// "['p1']" → "p1".
std::string key_value(std::string text) {
  text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c == '[' || c == ']' || c == '\''; }),
             text.end());
  return text;
}

enum class FieldKind { date, money, year, other };

FieldKind kind_of(std::string_view field) {
  if (field == "date" || field == "effective" || field == "period-start" || field == "period-end" || field == "as-of")
    return FieldKind::date;
  if (field == "amount" || field == "value") return FieldKind::money;
  if (field == "birth-year") return FieldKind::year;
  return FieldKind::other;
}

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

class Translator {
 public:
  Translator(const ParsedXml& parsed, Diagnostics& diagnostics) : parsed_(parsed), diagnostics_(diagnostics) {}

  void parse_problem(const Problem& problem) {
    // libxml2 counts columns in characters; its position is where it stopped, at or just after the fault.
    diagnostics_.error(
        "E0102",
        SourceLoc{parsed_.file(), parsed_.file_line(static_cast<std::uint32_t>(std::max(problem.line, 0))),
                  static_cast<std::uint32_t>(std::max(problem.column, 0))},
        "XML không hợp lệ: " + problem.message + " (libxml2)");
  }

  void schema_problem(const Problem& problem) {
    const std::string element_name = local_name(between(problem.message, "Element '", "'"));
    const std::string attribute_name = between(problem.message, ", attribute '", "'");
    const pugi::xml_node element = find(problem, element_name);
    const pugi::xml_attribute attribute =
        attribute_name.empty() ? pugi::xml_attribute() : element.attribute(attribute_name.c_str());
    const SourceLoc element_loc = element ? parsed_.loc(element) : line_only(problem);
    const std::string where = "<" + element_name + ">";

    switch (problem.code) {
      case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
      case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2: {
        const pugi::xml_attribute extra = element.attribute(problem.str1.c_str());
        return error("E0204", extra ? parsed_.loc(extra) : element_loc,
                     "thuộc tính \"" + problem.str1 + "\" không thuộc định dạng của " + where);
      }
      case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
        return error("E0202", element_loc, "thiếu thuộc tính bắt buộc \"" + problem.str1 + "\" của " + where);
      case XML_SCHEMAV_ELEMENT_CONTENT:
        if (problem.message.find("Missing child element") != std::string::npos)
          return error("E0201", element_loc,
                       "thiếu phần tử con bắt buộc trong " + where +
                           " (theo lược đồ, còn chờ một trong: " + expected_elements(problem.message) + ")");
        return error("E0203", element_loc,
                     "phần tử " + where + " không được phép ở đây (trong <" + std::string(element.parent().name()) +
                         ">)" +
                         (problem.message.find("Expected is") != std::string::npos
                              ? "; theo lược đồ, ở đây chỉ có thể là: " + expected_elements(problem.message)
                              : ""));
      case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
        return error("E0214", text_loc(element, element_loc), where + " chỉ chứa các phần tử con, không chứa văn bản");
      case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
        return error("E0214", text_loc(element, element_loc), where + " phải để trống (chỉ có thuộc tính)");
      case XML_SCHEMAV_CVC_TYPE_3_1_2: {
        const pugi::xml_node child =
            element.find_child([](pugi::xml_node node) { return node.type() == pugi::node_element; });
        return error("E0203", child ? parsed_.loc(child) : element_loc,
                     "phần tử <" + std::string(child ? child.name() : "?") + "> không được phép trong " + where + " (" +
                         where + " chỉ chứa văn bản)");
      }
      case XML_SCHEMAV_CVC_IDC:
        if (problem.message.find("Duplicate key-sequence") != std::string::npos)
          return error("E0207", element_loc, "mã định danh \"" + key_value(problem.str1) + "\" bị trùng trong hồ sơ");
        if (problem.message.find("No match found") != std::string::npos) {
          const std::string keyref = local_name(problem.str3);
          const std::string referring = keyref.substr(keyref.rfind('-') + 1);
          const std::string value = key_value(problem.str2);
          // Streamed, libxml2 names the scope (the case) at its end: the reference itself is found below it.
          const auto refers = [&](pugi::xml_node node) {
            return node.type() == pugi::node_element && value == node.attribute(referring.c_str()).value();
          };
          const pugi::xml_node reference = element && refers(element) ? element : element.find_node(refers);
          return error("E0208", reference ? parsed_.loc(reference) : element_loc,
                       "thuộc tính " + referring + "=\"" + value + "\" không trỏ tới mục nào trong hồ sơ");
        }
        // "Not all fields … evaluate to a node", "No precomputed value": an id missing or invalid, said already.
        return;
      default:
        if (problem.code >= XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1 && problem.code <= XML_SCHEMAV_CVC_ENUMERATION_VALID)
          return value_problem(problem, element, attribute, where, attribute_name);
        break;
    }
    error("E0200", element_loc, "dữ liệu không đúng lược đồ case.xsd: " + problem.message);
  }

 private:
  void error(const char* code, SourceLoc loc, std::string message) {
    diagnostics_.error(code, std::move(loc), std::move(message));
  }

  void value_problem(const Problem& problem, pugi::xml_node element, pugi::xml_attribute attribute,
                     const std::string& where, const std::string& attribute_name) {
    const std::string field =
        attribute_name.empty() ? local_name(between(problem.message, "Element '", "'")) : attribute_name;
    const std::string value = attribute ? attribute.value() : element.text().get();
    const SourceLoc loc = attribute ? parsed_.value_loc(attribute) : parsed_.text_loc(element);
    const std::string what = attribute ? "thuộc tính " + attribute_name + " của " + where : where;
    if (problem.code == XML_SCHEMAV_CVC_ENUMERATION_VALID) {
      std::string allowed = problem.str2;
      allowed.erase(std::remove(allowed.begin(), allowed.end(), '\''), allowed.end());
      return error("E0211", loc,
                   "giá trị \"" + value + "\" của " + what + " không hợp lệ; giá trị cho phép: " + allowed);
    }
    switch (kind_of(field)) {
      case FieldKind::date:
        return error("E0205", loc, "ngày \"" + value + "\" không phải là ngày hợp lệ (dạng YYYY-MM-DD)");
      case FieldKind::money:
        return error("E0206", loc,
                     "số tiền \"" + value +
                         "\" không hợp lệ: phải là số nguyên đồng không âm, không có dấu phân cách, "
                         "nhỏ hơn 10^15");
      case FieldKind::year: return error("E0212", loc, "năm sinh \"" + value + "\" không phải là số năm");
      case FieldKind::other: break;
    }
    error("E0200", loc, "giá trị \"" + value + "\" của " + what + " không hợp lệ theo lược đồ case.xsd");
  }

  // Where a problem about text in `element` is: its first non-blank text, else the element.
  SourceLoc text_loc(pugi::xml_node element, const SourceLoc& fallback) const {
    for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
      if (child.type() != pugi::node_pcdata && child.type() != pugi::node_cdata) continue;
      const std::string_view value = child.value();
      if (blank(value)) continue;
      return parsed_.at(child.value() + value.find_first_not_of(" \t\r\n"), fallback);
    }
    return fallback;
  }

  SourceLoc line_only(const Problem& problem) const {
    return SourceLoc{parsed_.file(), parsed_.file_line(static_cast<std::uint32_t>(std::max(problem.line, 0))), 0};
  }

  // The pugixml twin of the element a problem is about: by its path when libxml2 gave the node, else the first
  // element of that name on the problem's line.
  pugi::xml_node find(const Problem& problem, const std::string& name) {
    if (!problem.path.empty()) {
      pugi::xml_node node = parsed_.root();
      for (std::size_t level = 1; node && level < problem.path.size(); ++level) {
        std::size_t index = problem.path[level];
        pugi::xml_node child = node.first_child();
        for (; child; child = child.next_sibling()) {
          if (child.type() != pugi::node_element) continue;
          if (index == 0) break;
          --index;
        }
        node = child;
      }
      return node;
    }
    const auto& lines = elements_by_line();
    const auto line = static_cast<std::uint32_t>(std::max(problem.line, 0));
    auto it = std::lower_bound(lines.begin(), lines.end(), line,
                               [](const auto& entry, std::uint32_t value) { return entry.first < value; });
    for (; it != lines.end() && it->first == line; ++it)
      if (name == it->second.name()) return it->second;
    return {};
  }

  // Every element with its line, in document order (so lines never decrease); built on first need.
  const std::vector<std::pair<std::uint32_t, pugi::xml_node>>& elements_by_line() {
    if (by_line_) return *by_line_;
    by_line_.emplace();
    std::vector<pugi::xml_node> stack{parsed_.root()};
    while (!stack.empty()) {
      const pugi::xml_node node = stack.back();
      stack.pop_back();
      by_line_->emplace_back(parsed_.line(node), node);
      std::vector<pugi::xml_node> children;
      for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling())
        if (child.type() == pugi::node_element) children.push_back(child);
      stack.insert(stack.end(), children.rbegin(), children.rend());
    }
    return *by_line_;
  }

  const ParsedXml& parsed_;
  Diagnostics& diagnostics_;
  std::optional<std::vector<std::pair<std::uint32_t, pugi::xml_node>>> by_line_;
};

}  // namespace

CaseSchema::CaseSchema(std::unique_ptr<Compiled> compiled) : compiled_(std::move(compiled)) {}
CaseSchema::~CaseSchema() = default;

std::shared_ptr<const CaseSchema> CaseSchema::compile(std::string_view xsd, const std::string& name) {
  initialize_libxml2();
  if (xsd.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw Error(errors::kResource, "lược đồ quá lớn", name);
  std::vector<std::string> messages;
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewMemParserCtxt(xsd.data(), static_cast<int>(xsd.size()));
  if (parser == nullptr) throw Error(errors::kResource, "không đọc được lược đồ", name);
  xmlSchemaSetParserStructuredErrors(parser, collect_message, &messages);
  auto compiled = std::make_unique<Compiled>();
  compiled->schema = xmlSchemaParse(parser);
  xmlSchemaFreeParserCtxt(parser);
  if (compiled->schema == nullptr) {
    std::string detail;
    for (const auto& message : messages) detail += "\n  " + message;
    throw Error(errors::kResource, "lược đồ không dùng được:" + detail, name);
  }
  compiled->shortcut = SchemaShortcut::derive(xsd);
  return std::shared_ptr<const CaseSchema>(new CaseSchema(std::move(compiled)));
}

namespace {

// The validation streams the bytes through libxml2's SAX parser with the schema plugged in: no tree is built, so a
// large register costs what its text costs (a tree took about 15 bytes of memory per byte of input). The element
// path a problem is about is kept here from the SAX events, as the tree would give it.
struct Stream {
  Collector collector;
  std::vector<std::size_t> path;      // element indices from the root to the current element
  std::vector<std::size_t> children;  // elements seen so far under each open element
  bool pending_pop = false;           // an element ended: popped at the next event, after libxml2 validated its end
};

// libxml2 reports parse errors through the thread's structured error handler when the SAX handler has none.
thread_local Stream* t_stream = nullptr;

void settle(Stream& stream) {
  if (!stream.pending_pop) return;
  stream.path.pop_back();
  stream.children.pop_back();
  stream.pending_pop = false;
}

void on_stream_start(void* data, const xmlChar* /*localname*/, const xmlChar* /*prefix*/, const xmlChar* /*uri*/,
                     int /*namespaces*/, const xmlChar** /*namespace_list*/, int /*attributes*/, int /*defaulted*/,
                     const xmlChar** /*attribute_list*/) {
  auto& stream = *static_cast<Stream*>(data);
  settle(stream);
  stream.path.push_back(stream.children.empty() ? 0 : stream.children.back()++);
  stream.children.push_back(0);
}

// The plug calls this before libxml2 validates the end of the element: the path keeps it until the next event.
void on_stream_end(void* data, const xmlChar* /*localname*/, const xmlChar* /*prefix*/, const xmlChar* /*uri*/) {
  auto& stream = *static_cast<Stream*>(data);
  settle(stream);
  stream.pending_pop = true;
}

void on_stream_parse_error(void* /*data*/, xmlErrorPtr error) {
  Stream* stream = t_stream;
  if (stream == nullptr || error == nullptr || error->domain == XML_FROM_SCHEMASV) return;
  if (stream->collector.parse_problems.size() < kMaxProblems) stream->collector.parse_problems.push_back(copy(*error));
}

void on_stream_schema_error(void* data, xmlErrorPtr error) {
  auto& stream = *static_cast<Stream*>(data);
  if (stream.collector.schema_problems.size() >= kMaxProblems) return;
  Problem problem = copy(*error);
  problem.path = stream.path;
  stream.collector.schema_problems.push_back(std::move(problem));
}

// What libxml2 has still to read of the bytes being validated.
struct MemoryReader {
  std::string_view rest;
};

// libxml2's read callback: copies the next piece of the bytes into libxml2's buffer.
int read_piece(void* context, char* buffer, int length) {
  auto& reader = *static_cast<MemoryReader*>(context);
  const std::size_t size = std::min(reader.rest.size(), static_cast<std::size_t>(std::max(length, 0)));
  std::copy_n(reader.rest.data(), size, buffer);
  reader.rest.remove_prefix(size);
  return static_cast<int>(size);
}

}  // namespace

bool schema_shortcut_usable(const CaseSchema& schema) { return schema.compiled().shortcut->usable(); }

bool schema_reads_bytes(const CaseSchema& schema, std::string_view bytes) {
  return !schema.compiled().shortcut->may_vouch_for(bytes);
}

void check_against_schema(const CaseSchema& schema, std::string_view bytes, const ParsedXml& parsed,
                          Diagnostics& diagnostics, SchemaPath path) {
  if (path == SchemaPath::shortcut_first && schema.compiled().shortcut->vouches_for(bytes, parsed)) return;
  validate_before_parse(schema, bytes)(parsed, diagnostics);
}

SchemaReport validate_before_parse(const CaseSchema& schema, std::string_view bytes) {
  initialize_libxml2();
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    return [](const ParsedXml&, Diagnostics&) {};  // refused by the limits
  std::unique_ptr<xmlSchemaValidCtxt, ValidatorDeleter> validator(xmlSchemaNewValidCtxt(schema.compiled().schema));
  if (!validator) throw Error(errors::kLibrary, "libxml2 cannot allocate a schema validator");
  Stream stream;
  xmlSchemaSetValidStructuredErrors(validator.get(), on_stream_schema_error, &stream);
  xmlSAXHandler sax{};
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_stream_start;
  sax.endElementNs = on_stream_end;
  // The bytes are handed to libxml2 a piece at a time as it reads on (libxml2 frees the buffer object with its
  // parser, never the bytes): xmlParserInputBufferCreateMem would copy the whole file (libxml2 2.9), a third copy of a
  // 60 MB case beside the caller's bytes and pugixml's.
  MemoryReader reader{bytes};
  xmlParserInputBufferPtr input = xmlParserInputBufferCreateIO(read_piece, nullptr, &reader, XML_CHAR_ENCODING_UTF8);
  if (input == nullptr) throw Error(errors::kLibrary, "libxml2 cannot allocate an input buffer");
  // No network and no DTD are ever loaded: the entity loader refuses everything, and the safe parse refused any
  // DOCTYPE before these bytes got here.
  t_stream = &stream;
  xmlSetStructuredErrorFunc(nullptr, on_stream_parse_error);
  xmlSchemaValidateStream(validator.get(), input, XML_CHAR_ENCODING_UTF8, &sax, &stream);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  t_stream = nullptr;
  return [collector = std::move(stream.collector)](const ParsedXml& parsed, Diagnostics& diagnostics) {
    Translator translator(parsed, diagnostics);
    const auto first = std::find_if(collector.parse_problems.begin(), collector.parse_problems.end(),
                                    [](const Problem& problem) { return problem.fatal; });
    if (first != collector.parse_problems.end()) {
      translator.parse_problem(*first);
      return;
    }
    for (const Problem& problem : collector.schema_problems)
      if (problem.fatal) translator.schema_problem(problem);
  };
}

}  // namespace vanban::xml
