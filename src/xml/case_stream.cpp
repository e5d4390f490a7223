// A large register read as a stream of cases: cut between its <case> elements into chunks of a quarter megabyte,
// each chunk (the file's bytes up to the root's start tag, a line end, the chunk's cases, the root's end tag) read by
// the same reader as a register of its own, placed in the file (`Placement`: every position is counted in one line
// index of the whole file), and its cases handed over before the next chunk is read. Memory is then the file's bytes,
// its line index and one chunk's trees, not the whole file's pugixml and libxml2 trees at once.
//
// The diagnostics are those of reading the whole file, byte for byte: a file that is not a plain register (a
// fault the raw scan sees, a root that is not <register>, anything but cases under it) is read whole; so is a file in
// which a chunk finds an error, a text in a legacy encoding (the encoding a file is expected to be in is decided over
// the whole file) or a case id seen in an earlier chunk. Then the cases already handed over are taken back (`restart`)
// and the whole file is read as before.

#include <algorithm>
#include <set>

#include "base/line_index.hpp"
#include "base/utf8.hpp"
#include "xml/case_reader.hpp"
#include "xml/markup_scan.hpp"
#include "xml/reporting.hpp"

namespace vanban::xml {

namespace {

constexpr std::size_t kStreamFrom = 4U * 1024U * 1024U;  // smaller files are read whole
constexpr std::size_t kChunkBytes = 256U * 1024U;        // cases per chunk: a quarter of a megabyte of them

// The end of the markup that starts at `at` ('<'), or npos: comments, CDATA, processing instructions and tags
// (quoted attribute values may hold '>').
std::size_t markup_end(std::string_view text, std::size_t at) {
  if (at + 1 < text.size() && text[at + 1] != '!' && text[at + 1] != '?') return tag_end(text, at);  // most of them
  const auto after = [&](std::string_view close) {
    const std::size_t end = text.find(close, at);
    return end == std::string_view::npos ? end : end + close.size();
  };
  if (text.compare(at, 4, "<!--") == 0) return after("-->");
  if (text.compare(at, 9, "<![CDATA[") == 0) return after("]]>");
  if (text.compare(at, 2, "<?") == 0) return after("?>");
  return tag_end(text, at);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Whether the tag at `at` is a start tag named `name`.
bool starts_element(std::string_view text, std::size_t at, std::string_view name) {
  return text.compare(at + 1, name.size(), name) == 0 && at + 1 + name.size() < text.size() &&
         (is_space(text[at + 1 + name.size()]) || text[at + 1 + name.size()] == '>' ||
          text[at + 1 + name.size()] == '/');
}

// A register cut into its parts: the bytes up to the end of the root's start tag, and each <case> element's range.
struct RegisterParts {
  std::size_t root_tag_end = 0;
  std::vector<std::pair<std::size_t, std::size_t>> cases;  ///< [begin, end) of each <case>…</case>
};

// Cuts a register whose root's children are only <case> elements (comments and white space between them); nullopt
// for anything else.
std::optional<RegisterParts> cut_register(std::string_view text) {
  RegisterParts parts;
  std::size_t at = 0;
  // The prolog: the XML declaration, comments, processing instructions, white space.
  for (;;) {
    while (at < text.size() && is_space(text[at])) ++at;
    if (at >= text.size() || text[at] != '<') return std::nullopt;
    if (text.compare(at, 2, "<?") != 0 && text.compare(at, 4, "<!--") != 0) break;
    at = markup_end(text, at);
    if (at == std::string_view::npos) return std::nullopt;
  }
  if (!starts_element(text, at, "register")) return std::nullopt;
  parts.root_tag_end = markup_end(text, at);
  if (parts.root_tag_end == std::string_view::npos || text[parts.root_tag_end - 2] == '/') return std::nullopt;
  at = parts.root_tag_end;
  for (;;) {
    while (at < text.size() && is_space(text[at])) ++at;
    if (at >= text.size() || text[at] != '<') return std::nullopt;
    if (text.compare(at, 4, "<!--") == 0) {
      at = markup_end(text, at);
      if (at == std::string_view::npos) return std::nullopt;
      continue;
    }
    if (text.compare(at, 11, "</register>") == 0) break;
    if (!starts_element(text, at, "case")) return std::nullopt;
    // The matching end tag: depth over start and end tags, skipping comments, CDATA and instructions.
    const std::size_t begin = at;
    std::size_t depth = 0;
    do {
      const std::size_t end = markup_end(text, at);
      if (end == std::string_view::npos) return std::nullopt;
      const bool comment_like = text[at + 1] == '!' || text[at + 1] == '?';
      if (!comment_like) {
        if (text[at + 1] == '/') --depth;
        else if (text[end - 2] != '/') ++depth;
      }
      at = end;
      if (depth == 0) break;
      at = text.find('<', at);
      if (at == std::string_view::npos) return std::nullopt;
    } while (true);
    parts.cases.emplace_back(begin, at);
  }
  if (parts.cases.empty()) return std::nullopt;
  return parts;
}

bool has_legacy_text(const Diagnostics& diagnostics) { return diagnostics.contains("W0120"); }

}  // namespace

bool read_cases(InputBytes input, const FileName& file, const ReadOptions& options, Diagnostics& diagnostics,
                const CaseVisitor& visitor) {
  const std::string_view bytes = input.view();
  const auto read_whole = [&]() {  // once: the bytes are handed on (and may be parsed in place)
    auto cases = read_register(std::move(input), file, options, diagnostics);
    if (!cases) return false;
    if (visitor.period) visitor.period(cases->period_start, cases->period_end);
    for (auto& the_case : cases->cases) visitor.take(std::move(the_case));
    return true;
  };
  if (bytes.size() < kStreamFrom || bytes.size() > options.limits.max_bytes) return read_whole();
  // The checks the whole-file reader makes of the whole file first; any fault: read whole, for its diagnostics.
  const bool bom = bytes.substr(0, 3) == "\xEF\xBB\xBF";
  const std::string_view content = bytes.substr(bom ? 3 : 0);
  if (utf8::find_invalid(content)) return read_whole();
  const ScanResult scan = scan_markup(content, options.limits);
  if (scan.fatal || !scan.problems.empty()) return read_whole();
  const auto parts = cut_register(content);
  if (!parts) return read_whole();

  const std::size_t offset = bom ? 3 : 0;
  const std::string_view prolog = bytes.substr(0, parts->root_tag_end + offset);
  ReadOptions chunk_options = options;
  chunk_options.expected = text::TextOrigin::unicode;  // a legacy field sends the file to the whole-file reader
  std::set<std::string> ids;
  std::vector<Diagnostic> kept;  // the chunks' warnings, in file order
  std::size_t handed_over = 0;
  const LineIndex index(file, bytes);  // positions in every chunk are counted here
  const auto fall_back = [&]() {
    if (handed_over > 0) visitor.restart();
    return read_whole();
  };
  for (std::size_t first = 0; first < parts->cases.size();) {
    std::size_t last = first;
    const std::size_t begin = parts->cases[first].first;
    while (last + 1 < parts->cases.size() && parts->cases[last + 1].second - begin <= kChunkBytes) ++last;
    const std::size_t end = parts->cases[last].second;
    std::string chunk;
    chunk.reserve(prolog.size() + 1 + (end - begin) + 11);
    chunk.append(prolog).append("\n").append(content.substr(begin, end - begin)).append("</register>");
    const Placement placement{&index, prolog.size(), prolog.size() + 1, offset + begin};
    Diagnostics local;
    // The whole file's UTF-8 and markup were checked above: the chunk (its bytes, a line end, an end tag) holds
    // nothing they have not seen.
    auto cases = read_register(chunk, file, chunk_options, local, Scanned::already, placement);
    if (!cases || local.has_errors() || has_legacy_text(local)) return fall_back();
    for (const auto& diagnostic : local.list()) {
      if (diagnostic.code.empty()) return fall_back();  // the chunk's own note that it stopped printing
      kept.push_back(diagnostic);
    }
    for (const auto& the_case : cases->cases)
      if (!ids.insert(the_case.id).second) return fall_back();  // E0207 across chunks: the whole file says it
    if (first == 0 && visitor.period) visitor.period(cases->period_start, cases->period_end);
    for (auto& the_case : cases->cases) {
      visitor.take(std::move(the_case));
      ++handed_over;
    }
    first = last + 1;
  }
  report_capped(std::move(kept), 0, diagnostics);
  return true;
}

}  // namespace vanban::xml
