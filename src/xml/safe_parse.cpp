#include "xml/safe_parse.hpp"

#include <algorithm>
#include <cstring>
#include <set>
#include <tuple>
#include <vector>

#include "base/utf8.hpp"
#include "xml/markup_scan.hpp"

namespace vanban::xml {

ParsedXml::ParsedXml(FileName file, std::string_view original, const Placement& placement)
    : original_(original), buffer_(original), index_(std::move(file), original_), placement_(placement) {
  if (placement_.file != nullptr) {
    from_line_ = index_.line(placement_.from);
    file_from_line_ = placement_.file->line(placement_.file_from);
  }
}

namespace {
// Whether pugixml's parse moves text within the bytes it parses: a reference decoded (shorter than itself), a CR
// folded with its LF. Names and values still start where they started; what follows one in its value moves up.
bool parse_moves_text(std::string_view bytes) {
  return std::memchr(bytes.data(), '&', bytes.size()) != nullptr ||
         std::memchr(bytes.data(), '\r', bytes.size()) != nullptr;
}
}  // namespace

ParsedXml::ParsedXml(FileName file, std::string&& bytes)
    : original_(),
      buffer_(std::move(bytes)),
      index_(std::move(file), buffer_, parse_moves_text(buffer_) ? TextStays::no : TextStays::yes) {
  original_ = buffer_;
}

SourceLoc ParsedXml::locate(std::size_t offset) const {
  if (placement_.file == nullptr) return index_.locate(offset, cursor_);
  return placement_.file->locate(offset < placement_.from ? offset : offset - placement_.from + placement_.file_from,
                                 cursor_);
}

std::uint32_t ParsedXml::file_line(std::uint32_t line) const {
  if (placement_.file == nullptr || line < from_line_) return line;
  return line - from_line_ + file_from_line_;
}

SourceLoc ParsedXml::at(const char* pointer, const SourceLoc& fallback) const {
  if (pointer == nullptr || pointer < buffer_.data() || pointer > buffer_.data() + buffer_.size()) return fallback;
  return locate(static_cast<std::size_t>(pointer - buffer_.data()));
}

std::optional<std::size_t> ParsedXml::offset(const char* pointer) const {
  if (pointer == nullptr || pointer < buffer_.data() || pointer > buffer_.data() + buffer_.size()) return std::nullopt;
  return static_cast<std::size_t>(pointer - buffer_.data());
}

std::uint32_t ParsedXml::line(pugi::xml_node node) const {
  const char* name = node.name();
  if (name == nullptr || name <= buffer_.data() || name > buffer_.data() + buffer_.size()) return 0;
  return index_.line(static_cast<std::size_t>(name - 1 - buffer_.data()));
}

// The fallbacks below are worked out only when they are needed (a location costs a column count).

SourceLoc ParsedXml::loc(pugi::xml_node node) const {
  const char* name = node.name();
  // Point at the '<' of an element.
  if (name != nullptr && *name != '\0' && name > buffer_.data())
    if (const auto at = offset(name - 1)) return locate(*at);
  return SourceLoc{file()};
}

SourceLoc ParsedXml::loc(pugi::xml_attribute attribute) const {
  if (const auto at = offset(attribute.name())) return locate(*at);
  return SourceLoc{file()};
}

SourceLoc ParsedXml::value_loc(pugi::xml_attribute attribute) const {
  if (const auto at = offset(attribute.value())) return locate(*at);
  return loc(attribute);
}

SourceLoc ParsedXml::text_loc(pugi::xml_node node) const {
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling())
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      if (const auto at = offset(child.value())) return locate(*at);
      return loc(node);
    }
  return loc(node);
}

namespace {
std::string describe_parse_error(pugi::xml_parse_status status) {
  switch (status) {
    case pugi::status_unrecognized_tag: return "thẻ không hợp lệ";
    case pugi::status_bad_pi: return "khai báo hoặc chỉ thị xử lý không hợp lệ";
    case pugi::status_bad_comment: return "chú thích không hợp lệ";
    case pugi::status_bad_cdata: return "đoạn CDATA không hợp lệ";
    case pugi::status_bad_doctype: return "khai báo DOCTYPE không hợp lệ";
    case pugi::status_bad_pcdata: return "nội dung văn bản không hợp lệ";
    case pugi::status_bad_start_element: return "thẻ mở không hợp lệ";
    case pugi::status_bad_attribute: return "thuộc tính không hợp lệ";
    case pugi::status_bad_end_element: return "thẻ đóng không hợp lệ";
    case pugi::status_end_element_mismatch: return "thẻ đóng không khớp với thẻ mở (hoặc tệp bị cắt cụt)";
    case pugi::status_no_document_element: return "tệp không có phần tử gốc";
    default: return "lỗi cú pháp XML";
  }
}

// The encoding named in the XML declaration, or "" when there is none.
std::string declared_encoding(std::string_view bytes) {
  if (bytes.substr(0, 5) != "<?xml") return {};
  const std::size_t end = bytes.find("?>");
  const std::string_view declaration = bytes.substr(0, end == std::string_view::npos ? bytes.size() : end);
  const std::size_t at = declaration.find("encoding");
  if (at == std::string_view::npos) return {};
  std::size_t i = at + 8;
  while (i < declaration.size() && (declaration[i] == ' ' || declaration[i] == '=')) ++i;
  if (i >= declaration.size() || (declaration[i] != '"' && declaration[i] != '\'')) return {};
  const char quote = declaration[i];
  const std::size_t close = declaration.find(quote, i + 1);
  if (close == std::string_view::npos) return {};
  std::string name(declaration.substr(i + 1, close - i - 1));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; });
  return name;
}

// Whether a value holds more characters than a field may (bytes first: most values are far below).
bool too_long(std::string_view value, const Limits& limits) {
  return value.size() > limits.max_field_length && utf8::length(value) > limits.max_field_length;
}

std::string field_too_long(std::string_view value, const Limits& limits) {
  return "trường dữ liệu quá dài (" + std::to_string(utf8::length(value)) + " ký tự, giới hạn " +
         std::to_string(limits.max_field_length) + ")";
}

// Element and attribute names of the format are short; libxml2 refuses long ones in English.
constexpr std::size_t kMaxNameLength = 200;

std::string name_too_long(std::string_view name) {
  return "tên phần tử hoặc thuộc tính quá dài (" + std::to_string(utf8::length(name)) + " ký tự, giới hạn " +
         std::to_string(kMaxNameLength) + " byte)";
}

// What check_tree found: nothing, faults (every one of them reported), or nesting too deep (reported alone, with what
// the walk had found before it).
enum class TreeCheck { clean, faults, too_deep };

// One walk over the tree: nesting within the limit (the raw scan refused deeper files already; this is the
// parser's own view), every attribute name at most once per element (pugixml keeps both "x" of <a x="1" x="2">),
// and no text or attribute value longer than a field may be (before libxml2, repair and layout see it).
TreeCheck check_tree(const ParsedXml& parsed, const Limits& limits, Diagnostics& reported) {
  Diagnostics diagnostics;  // in the order of the walk; reported in file order
  const auto in_file_order = [&] {
    std::vector<Diagnostic> found = diagnostics.list();
    std::stable_sort(found.begin(), found.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::tie(a.loc.line, a.loc.column) < std::tie(b.loc.line, b.loc.column);
    });
    for (auto& diagnostic : found) reported.add(std::move(diagnostic));
  };
  bool ok = true;
  std::vector<std::pair<pugi::xml_node, std::size_t>> stack{{parsed.root(), 1}};
  std::vector<std::string_view> names;
  while (!stack.empty()) {
    const auto [node, depth] = stack.back();
    stack.pop_back();
    if (depth > limits.max_depth) {
      diagnostics.error("E0107", parsed.loc(node),
                        "các phần tử lồng nhau quá sâu (giới hạn " + std::to_string(limits.max_depth) + " cấp)");
      in_file_order();
      return TreeCheck::too_deep;
    }
    const pugi::xml_attribute first = node.first_attribute();
    if (first && first.next_attribute()) {  // one attribute has nothing to clash with
      names.clear();                        // at most Limits::max_attributes: a linear search is cheaper than a set
      for (pugi::xml_attribute attribute = first; attribute; attribute = attribute.next_attribute()) {
        const std::string_view name = attribute.name();
        if (std::find(names.begin(), names.end(), name) == names.end()) {
          names.push_back(name);
          continue;
        }
        diagnostics.error("E0102", parsed.loc(attribute),
                          "XML không hợp lệ: thuộc tính \"" + std::string(attribute.name()) + "\" lặp lại trong <" +
                              node.name() + ">");
        ok = false;
      }
    }
    if (std::string_view(node.name()).size() > kMaxNameLength) {
      diagnostics.error("E0112", parsed.loc(node), name_too_long(node.name()));
      ok = false;
    }
    for (pugi::xml_attribute attribute = first; attribute; attribute = attribute.next_attribute()) {
      if (std::string_view(attribute.name()).size() > kMaxNameLength) {
        diagnostics.error("E0112", parsed.loc(attribute), name_too_long(attribute.name()));
        ok = false;
      }
      if (too_long(attribute.value(), limits)) {
        diagnostics.error("E0112", parsed.value_loc(attribute), field_too_long(attribute.value(), limits));
        ok = false;
      }
    }
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element) stack.emplace_back(child, depth + 1);
      if ((child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) && too_long(child.value(), limits)) {
        diagnostics.error("E0112", parsed.at(child.value(), parsed.loc(node)), field_too_long(child.value(), limits));
        ok = false;
      }
    }
  }
  in_file_order();
  return ok ? TreeCheck::clean : TreeCheck::faults;
}
}  // namespace

// parse_safely, on a copy of `bytes` or (`owned` given, the same bytes) in place in `owned`, calling `before_parse`
// then; `fault` as parse_safely's.
std::unique_ptr<ParsedXml> parse_checked(std::string_view bytes, std::string* owned, const FileName& file,
                                         const Limits& limits, Diagnostics& diagnostics, Scanned scanned,
                                         const Placement& placement,
                                         const std::function<void(std::string_view)>& before_parse, ParseFault* fault);

std::unique_ptr<ParsedXml> parse_checked(std::string_view bytes, std::string* owned, const FileName& file,
                                         const Limits& limits, Diagnostics& diagnostics, Scanned scanned,
                                         const Placement& placement,
                                         const std::function<void(std::string_view)>& before_parse, ParseFault* fault) {
  const SourceLoc file_loc{file};
  if (bytes.empty()) {
    diagnostics.error("E0101", file_loc, "tệp rỗng, không có dữ liệu hồ sơ");
    return nullptr;
  }
  if (bytes.size() > limits.max_bytes) {
    diagnostics.error("E0106", file_loc,
                      "tệp quá lớn (" + std::to_string(bytes.size()) + " byte, giới hạn " +
                          std::to_string(limits.max_bytes) + " byte)");
    return nullptr;
  }
  const auto starts_with = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
  // UTF-16/32: a byte order mark, or "<?" spread over NULs ("<\0?\0", "\0<\0?", "<\0\0\0"); a NUL elsewhere is a NUL.
  std::string zeros;  // the NUL pattern of the first four bytes: "0" for a NUL, "x" for anything else
  for (std::size_t i = 0; i < 4; ++i) zeros += i < bytes.size() && bytes[i] == '\0' ? '0' : 'x';
  if (starts_with("\xFF\xFE") || starts_with("\xFE\xFF") || zeros == "x0x0" || zeros == "0x0x" || zeros == "x000" ||
      zeros == "000x") {
    diagnostics.error("E0104", SourceLoc{file, 1, 1}, "tệp được mã hóa UTF-16/UTF-32; chỉ chấp nhận UTF-8");
    return nullptr;
  }
  std::string_view content = bytes;
  if (starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);

  const std::string encoding = declared_encoding(content);
  if (!encoding.empty() && encoding != "UTF-8") {
    diagnostics.error("E0104", SourceLoc{file, 1, 1},
                      "tệp khai báo mã hóa \"" + encoding + "\"; chỉ chấp nhận UTF-8 (hãy chuyển tệp sang UTF-8)");
    return nullptr;
  }
  // Positions are reported against the file as given, BOM included. Before the file is accepted for parsing,
  // only the part up to a fault is indexed.
  const std::size_t bom = bytes.size() - content.size();
  const auto locate = [&](std::size_t offset) {
    return LineIndex(file, bytes.substr(0, offset + bom)).locate(offset + bom);
  };
  if (const auto bad = scanned == Scanned::no ? utf8::find_invalid(content) : std::nullopt) {
    const std::string detail = encoding.empty() ? "tệp không phải UTF-8 (có thể là TCVN3, VNI hoặc Windows-1258)"
                                                : "tệp khai báo UTF-8 nhưng chứa chuỗi byte không hợp lệ";
    diagnostics.error("E0103", locate(*bad), detail);
    return nullptr;
  }

  // One cheap pass first: refuse DOCTYPE, absurd nesting and node counts before any tree is built.
  const ScanResult scan = scanned == Scanned::no ? scan_markup(content, limits) : ScanResult{};
  if (scan.fatal) {
    diagnostics.error(scan.fatal->code, locate(scan.fatal->offset), scan.fatal->message);
    return nullptr;
  }
  auto parsed = std::unique_ptr<ParsedXml>(owned != nullptr ? new ParsedXml(file, std::move(*owned))
                                                            : new ParsedXml(file, bytes, placement));
  if (owned != nullptr && before_parse) before_parse(parsed->original_);
  // Where the content stops, seen before pugixml writes over the bytes (when it parses them in place).
  const std::size_t last = std::string_view(parsed->buffer_).substr(bom).find_last_not_of(" \t\r\n");
  // Parse the content after the BOM in place, so that every name and value points into the buffer.
  char* start = parsed->buffer_.data() + bom;
  const pugi::xml_parse_result result = parsed->document_.load_buffer_inplace(
      start, content.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
  if (!result) {
    const auto offset = static_cast<std::size_t>(result.offset);
    if (fault != nullptr) fault->parser = offset + bom;
    // Only white space after the failure point: the file simply stops (truncated download, full disk).
    const bool at_end = (last == std::string_view::npos || last < std::min(offset + 1, content.size())) &&
                        result.status == pugi::status_end_element_mismatch;
    diagnostics.error("E0102", parsed->locate((at_end ? content.size() : offset) + bom),
                      "XML không hợp lệ: " + (at_end ? std::string("tệp kết thúc giữa chừng, các thẻ chưa được đóng "
                                                                   "(tệp bị cắt cụt?)")
                                                     : describe_parse_error(result.status)));
    return nullptr;
  }
  for (pugi::xml_node child = parsed->document_.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_doctype) {
      diagnostics.error("E0105", parsed->at(child.value(), file_loc),
                        "không chấp nhận khai báo DOCTYPE (thực thể và DTD bị cấm vì lý do an toàn)");
      return nullptr;
    }
  }
  // What pugixml tolerates but XML forbids; a stricter parser (libxml2, the recipient's software) would refuse.
  bool well_formed = true;
  for (const ScanProblem& problem : scan.problems) {
    diagnostics.error(problem.code, parsed->locate(problem.offset + bom), problem.message);
    well_formed = false;
  }
  const TreeCheck tree = check_tree(*parsed, limits, diagnostics);
  if (fault != nullptr && well_formed && tree == TreeCheck::faults) fault->tree = true;
  if (!well_formed || tree != TreeCheck::clean) return nullptr;
  return parsed;
}

std::unique_ptr<ParsedXml> parse_safely(std::string_view bytes, const FileName& file, const Limits& limits,
                                        Diagnostics& diagnostics, Scanned scanned, const Placement& placement,
                                        ParseFault* fault) {
  return parse_checked(bytes, nullptr, file, limits, diagnostics, scanned, placement, {}, fault);
}

bool parses_in_place(std::string_view bytes, const Limits& limits) {
  if (bytes.empty()) return true;
  // A field's characters take at most 4 bytes each; a tag's names and the markup around it, far fewer than kSlack.
  constexpr std::size_t kSlack = 4096;
  const std::size_t longest = 4 * limits.max_field_length + kSlack;
  const char* const end = bytes.data() + bytes.size();
  for (const char* at = bytes.data(); at < end;) {
    const void* next = std::memchr(at, '<', static_cast<std::size_t>(end - at));
    const char* const lt = next == nullptr ? end : static_cast<const char*>(next);
    if (static_cast<std::size_t>(lt - at) > longest) return false;
    at = lt + 1;
  }
  return true;
}

std::unique_ptr<ParsedXml> parse_safely_in_place(std::string&& bytes, const FileName& file, const Limits& limits,
                                                 Diagnostics& diagnostics,
                                                 const std::function<void(std::string_view)>& before_parse) {
  return parse_checked(bytes, &bytes, file, limits, diagnostics, Scanned::no, {}, before_parse, nullptr);
}

}  // namespace vanban::xml
