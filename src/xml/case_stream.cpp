// A large register read as a stream of cases: cut between its <case> elements into chunks of a quarter megabyte,
// each chunk (the file's bytes up to the root's start tag, a line end, the chunk's cases, the root's end tag) read by
// the same reader as a register of its own, placed in the file (`Placement`: every position is counted in one line
// index of the whole file), and its cases handed over before the next chunk is read. Memory is then the file's bytes,
// its line index and one chunk's trees, not the whole file's pugixml and libxml2 trees at once.
//
// The diagnostics are those of reading the whole file, byte for byte: a file that is not a plain register (a
// fault the raw scan sees, a root that is not <register>, anything but cases under it) is read whole. A register
// keeps streaming through errors (no case is handed over after one; those handed over are taken back, `restart`),
// legacy texts (the encoding is decided over every chunk first), case ids repeated across chunks, what every chunk
// says of the root (said once, from the first chunk) and the reader's limit of errors (counted from chunk to chunk; it
// stops where the whole file's reader stops, and the chunks are read again without the schema, which a stopped
// reader does not consult), and a fault of the markup only libxml2 sees (a comment holding "--": the whole file's
// libxml2 reports it alone, so the chunks are read again without the schema), and a fault of the parse (pugixml's) in a
// chunk's own bytes of the file (the whole file's parse stops there, with the same status: it is all the whole file
// says, even past the reader's limit, where the chunks not read are still parsed), and faults of the tree after the
// parse (a duplicate attribute, a name or field too long: the whole file's check of its tree reports every one of
// them and nothing else, unless a later fault of the parse is all it says; the chunks after the first are parsed for
// them without the reader). What only the whole file says alike is read whole: a fault of the parse in the chunk's
// head or added end tag, libxml2's fault on a line a chunk starts inside (its column), a diagnostic on a line two
// chunks share, a schema problem where a cross-chunk E0207 is.
//
// A register whose tags do not balance (a <case> or an element in one left open, the root left open, an end tag too
// many or mismatched) fails pugixml's parse somewhere, and that fault is all the whole file's read says: it is found a
// piece at a time, each piece opening the elements still open where it starts (`unbalanced_fault`), without the
// reader. Read whole when that fault is not in a piece's own bytes of the file.

#include <algorithm>
#include <iterator>
#include <set>
#include <tuple>

#include "base/line_index.hpp"
#include "base/utf8.hpp"
#include "xml/case_reader.hpp"
#include "xml/markup_scan.hpp"
#include "xml/reporting.hpp"

namespace vanban::xml {

namespace {

constexpr std::size_t kStreamFrom = 4U * 1024U * 1024U;  // smaller files are read whole
constexpr std::size_t kChunkBytes = 256U * 1024U;        // cases per chunk: a quarter of a megabyte of them
constexpr std::string_view kRootEnd = "</register>";     // what ends every chunk

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

// The end of the comment at `at`, or npos when it is not closed or libxml2 would refuse it ("--" inside, "-" at its
// end): a comment no chunk holds is then the whole file's to report.
std::size_t comment_end(std::string_view text, std::size_t at) {
  const std::size_t end = markup_end(text, at);
  if (end == std::string_view::npos) return end;
  const std::string_view body = text.substr(at + 4, end - at - 7);
  if (body.find("--") != std::string_view::npos || (!body.empty() && body.back() == '-')) return std::string_view::npos;
  return end;
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

// The end of the root's start tag, <register …> (not empty), after a prolog of the XML declaration, comments,
// processing instructions and white space; nullopt for anything else.
std::optional<std::size_t> root_tag_end(std::string_view text) {
  std::size_t at = 0;
  for (;;) {
    while (at < text.size() && is_space(text[at])) ++at;
    if (at >= text.size() || text[at] != '<') return std::nullopt;
    if (text.compare(at, 2, "<?") != 0 && text.compare(at, 4, "<!--") != 0) break;
    at = markup_end(text, at);
    if (at == std::string_view::npos) return std::nullopt;
  }
  if (!starts_element(text, at, "register")) return std::nullopt;
  const std::size_t end = markup_end(text, at);
  if (end == std::string_view::npos || text[end - 2] == '/') return std::nullopt;
  return end;
}

// Whether only white space and comments (which libxml2 accepts) follow `at`.
bool only_comments_from(std::string_view text, std::size_t at) {
  for (;;) {
    while (at < text.size() && is_space(text[at])) ++at;
    if (at >= text.size()) return true;
    if (text.compare(at, 4, "<!--") != 0) return false;
    at = comment_end(text, at);
    if (at == std::string_view::npos) return false;
  }
}

// Cuts a register whose root's children are only <case> elements (comments and white space between them); nullopt
// for anything else.
std::optional<RegisterParts> cut_register(std::string_view text) {
  RegisterParts parts;
  const auto root_end = root_tag_end(text);
  if (!root_end) return std::nullopt;
  parts.root_tag_end = *root_end;
  std::size_t at = parts.root_tag_end;
  for (;;) {
    while (at < text.size() && is_space(text[at])) ++at;
    if (at >= text.size() || text[at] != '<') return std::nullopt;
    if (text.compare(at, 4, "<!--") == 0) {
      at = comment_end(text, at);
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
  // After the root: white space and comments, which no chunk holds either; anything else is the whole file's to say.
  if (!only_comments_from(text, at + 11) || parts.cases.empty()) return std::nullopt;
  return parts;
}

// A register whose tags do not balance (a <case> or an element in one left open, the root left open, an end tag too
// many or mismatched), cut into pieces before <case> start tags at any depth, each piece a quarter of a megabyte or
// more, with the names of the elements open where each starts (the root first), as the raw scan sees them.
struct OpenCut {
  std::size_t at = 0;
  std::vector<std::string_view> open;
};
struct UnbalancedParts {
  std::size_t root_tag_end = 0;
  std::vector<OpenCut> cuts;  ///< the first at the root's start tag's end
  std::size_t end = 0;        ///< where the last piece ends: the file's end, or a <case> after a mismatched end tag
};

// The name of the start or end tag at `at`.
std::string_view tag_name(std::string_view text, std::size_t at) {
  const std::size_t from = at + (text[at + 1] == '/' ? 2 : 1);
  std::size_t to = from;
  while (to < text.size() && !is_space(text[to]) && text[to] != '>' && text[to] != '/') ++to;
  return text.substr(from, to - from);
}

// Cuts a register whose tags do not balance; nullopt for a balanced one (read whole when cut_register refuses it) or
// one that is not a register. After an end tag that does not match the element open (pugixml's fault there) the last
// piece ends at the next <case> start tag (the file's end when there is none); after the root is closed with more
// than comments to follow, or markup left unclosed, it runs to the file's end (nullopt when that is more than a
// quarter of a megabyte further).
std::optional<UnbalancedParts> cut_unbalanced(std::string_view text) {
  const auto root_end = root_tag_end(text);
  if (!root_end) return std::nullopt;
  UnbalancedParts parts{*root_end, {OpenCut{*root_end, {"register"}}}, text.size()};
  std::vector<std::string_view> open{"register"};
  bool mismatched = false;
  for (std::size_t at = text.find('<', *root_end); at != std::string_view::npos; at = text.find('<', at)) {
    const std::size_t end = markup_end(text, at);
    // Markup left open holds the rest of the file: the last piece, unless that is more than a piece (read whole: the
    // whole file's parse in place costs less than a copy of so much).
    if (end == std::string_view::npos) {
      if (text.size() - at > kChunkBytes) return std::nullopt;
      break;
    }
    if (text[at + 1] == '/') {
      if (open.back() != tag_name(text, at)) {
        mismatched = true;
      } else {
        open.pop_back();
        if (open.empty()) {  // pugixml goes on at the document's level, which no piece's head opens: so far, alike
          if ((!mismatched && only_comments_from(text, end)) || text.size() - end > kChunkBytes) return std::nullopt;
          break;
        }
      }
    } else if (text[at + 1] != '!' && text[at + 1] != '?') {
      if (starts_element(text, at, "case") && mismatched) {
        parts.end = at;
        break;
      }
      if (starts_element(text, at, "case") && at - parts.cuts.back().at >= kChunkBytes)
        parts.cuts.push_back(OpenCut{at, open});
      if (text[end - 2] != '/') open.push_back(tag_name(text, at));
    }
    at = end;
  }
  return parts;
}

// A chunk of cases [first, last] as the reader reads it: the file's bytes up to the end of the root's start tag, a
// line end, the cases' bytes, the root's end tag; placed where its cases are in the file.
struct Chunk {
  std::string bytes;
  Placement placement;
  std::size_t last = 0;
};

// The whole file's answer for a register whose tags do not balance (`parts` of its bytes after the byte order mark,
// `offset` bytes long; `index`: of `bytes`): pugixml reading the whole file fails somewhere, and its fault is all the
// whole file's read says (nothing is read after it). Each piece is parsed on its own: the file's bytes up to the end of
// the root's start tag, a line end, a start tag for each other element open where the piece starts, a line end, the
// piece's own bytes of the file, then end tags for the elements open where the next piece starts (none for a last
// piece that ends with the file's own end; the root's for one that ends at a <case> after a mismatched end tag).
// pugixml's only state from one element to the next is the stack of elements open (their names, and whether any is:
// at the document's level it skips text and accepts an XML declaration), so a piece's own bytes start in the whole
// file's state when every earlier piece parsed cleanly, its end tags closing what was open; a fault of the parse in the
// first piece whose own bytes fail is then at the same byte with the same status as the whole file's, and what follows
// it (only white space, or more) is alike: `found` gets that piece's diagnostics. False when that cannot be shown
// (a fault in a piece's head or added end tags, a tree too deep, no fault at all): the whole file's read says.
bool unbalanced_fault(std::string_view bytes, std::size_t offset, const UnbalancedParts& parts, const LineIndex& index,
                      const FileName& file, const Limits& limits, Diagnostics& found) {
  const std::string_view content = bytes.substr(offset);
  const std::string_view prolog = bytes.substr(0, parts.root_tag_end + offset);
  for (std::size_t i = 0; i < parts.cuts.size(); ++i) {
    const OpenCut& cut = parts.cuts[i];
    const std::size_t own_end = i + 1 < parts.cuts.size() ? parts.cuts[i + 1].at : parts.end;
    std::string piece;
    piece.reserve(prolog.size() + (own_end - cut.at) + 2 + 64 * (cut.open.size() + 1));
    piece.append(prolog).append("\n");
    for (std::size_t k = 1; k < cut.open.size(); ++k) piece.append("<").append(cut.open[k]).append(">");
    piece.append("\n");
    const std::size_t from = piece.size();
    piece.append(content.substr(cut.at, own_end - cut.at));
    const std::size_t tail = piece.size();
    if (i + 1 < parts.cuts.size()) {
      const std::vector<std::string_view>& open = parts.cuts[i + 1].open;
      for (std::size_t k = open.size(); k-- > 0;) piece.append("</").append(open[k]).append(">");
    } else if (own_end < content.size()) {
      piece.append(kRootEnd);
    }
    Diagnostics diagnostics;
    ParseFault fault;
    const Placement placement{&index, prolog.size(), from, offset + cut.at};
    if (parse_safely(piece, file, limits, diagnostics, Scanned::already, placement, &fault)) continue;
    if (fault.parser) {
      if (*fault.parser < from || *fault.parser >= tail) return false;
      found.merge(diagnostics);
      return true;
    }
    // pugixml parsed the piece, and only the checks of its tree refused it: the whole file's parse, failing further on,
    // never checks its tree.
    if (!fault.tree) return false;
  }
  return false;
}

// The order of diagnostics: where they are.
bool before(const SourceLoc& a, const SourceLoc& b) { return std::tie(a.line, a.column) < std::tie(b.line, b.column); }

}  // namespace

bool read_cases(InputBytes input, const FileName& file, const ReadOptions& options, Diagnostics& diagnostics,
                const CaseVisitor& visitor) {
  const std::string_view bytes = input.view();
  const auto read_whole = [&]() {  // once: the bytes are handed on (and may be parsed in place)
    if (visitor.whole) visitor.whole();
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
  if (scan.fatal) return read_whole();
  // What pugixml tolerates but XML forbids is reported only when the whole file's parse succeeds.
  const auto parts = scan.problems.empty() ? cut_register(content) : std::nullopt;
  if (!parts) {
    // Tags that do not balance: pugixml's fault, found a piece at a time, is all the whole file's read says (the raw
    // scan's problems too: an end tag too many leaves content outside the root).
    const auto pieces = cut_unbalanced(content);
    if (!pieces) return read_whole();
    const LineIndex index(file, bytes);
    Diagnostics found;
    if (!unbalanced_fault(bytes, bom ? 3 : 0, *pieces, index, file, options.limits, found)) return read_whole();
    diagnostics.merge(found);
    return false;
  }

  const std::size_t offset = bom ? 3 : 0;
  const std::string_view prolog = bytes.substr(0, parts->root_tag_end + offset);
  const LineIndex index(file, bytes);  // positions in every chunk are counted here
  const auto chunk_from = [&](std::size_t first) {
    Chunk chunk;
    chunk.last = first;
    const std::size_t begin = parts->cases[first].first;
    while (chunk.last + 1 < parts->cases.size() && parts->cases[chunk.last + 1].second - begin <= kChunkBytes)
      ++chunk.last;
    const std::size_t end = parts->cases[chunk.last].second;
    chunk.bytes.reserve(prolog.size() + 1 + (end - begin) + kRootEnd.size());
    chunk.bytes.append(prolog).append("\n").append(content.substr(begin, end - begin)).append(kRootEnd);
    chunk.placement = Placement{&index, prolog.size(), prolog.size() + 1, offset + begin};
    return chunk;
  };

  // A fault of the parse in a chunk (pugixml's, not a check of its tree after it) in the file's own bytes of the
  // chunk, not in the line end or the end tag added: every earlier chunk parsed its whole cases cleanly, back to the
  // root each time, and what lies between chunks is white space and comments, so pugixml reading the whole file comes
  // to the chunk's first case in the same state (inside the root, nothing else open) and stops at the same byte with
  // the same status. That fault is all the whole file's read says (its parse says nothing before it, and nothing is
  // read after it): `found` (the chunk's parse's diagnostics, only that fault) are then the whole file's.
  const auto fault_is_the_files = [&](const Chunk& chunk, const ParseFault& fault) {
    return fault.parser && *fault.parser >= chunk.placement.from &&
           *fault.parser < chunk.bytes.size() - kRootEnd.size();
  };
  std::size_t handed_over = 0;
  const auto fail_at_fault = [&](const Diagnostics& found) {
    diagnostics.merge(found);
    if (handed_over > 0) visitor.restart();
    return false;
  };
  const auto fall_back = [&]() {
    if (handed_over > 0) visitor.restart();
    return read_whole();
  };
  // The chunks from case `at` on, parsed a tree at a time without the reader, for what the whole file's parse says of
  // them: every earlier chunk parsed with a clean tree, so the whole file's parse gets that far. A fault of the parse
  // there is all it says; else the faults of the tree after the parse (check_tree's: a duplicate attribute, a name or
  // field too long), every one of them, in file order (positions are exact in each chunk, whose own bytes do not
  // overlap), and nothing else; what a later chunk's tree says of the root (its head) the first chunk said already.
  // nullopt: no such fault, the reader's answer stands.
  const auto parse_rest = [&](std::size_t at) -> std::optional<bool> {
    std::vector<Diagnostic> faults;
    for (std::size_t rest = at; rest < parts->cases.size();) {
      const Chunk chunk = chunk_from(rest);
      Diagnostics found;
      ParseFault fault;
      if (!parse_safely(chunk.bytes, file, options.limits, found, Scanned::already, chunk.placement, &fault)) {
        if (fault_is_the_files(chunk, fault)) return fail_at_fault(found);
        if (!fault.tree) return fall_back();
        const SourceLoc first_case = index.locate(offset + parts->cases[rest].first);
        for (const Diagnostic& diagnostic : found.list())
          if (rest == 0 || !before(diagnostic.loc, first_case)) faults.push_back(diagnostic);
      }
      rest = chunk.last + 1;
    }
    if (faults.empty()) return std::nullopt;
    for (Diagnostic& diagnostic : faults) diagnostics.add(std::move(diagnostic));
    if (handed_over > 0) visitor.restart();
    return false;
  };
  // A fault of the tree in the chunk from case `at`: the whole file's parse reports it and every later one.
  const auto fail_at_tree_faults = [&](std::size_t at) {
    const auto answer = parse_rest(at);
    return answer ? *answer : fall_back();
  };

  ReadOptions chunk_options = options;
  if (options.repair == text::RepairMode::repair && !options.expected) {
    // The encoding the fields are expected in is decided over the whole file's fields, in any order: counted chunk by
    // chunk until real Unicode settles it (usually in the first case), the root's own attributes once.
    text::OriginTally tally;
    for (std::size_t first = 0; first < parts->cases.size() && !tally.settled();) {
      const Chunk chunk = chunk_from(first);
      Diagnostics ignored;
      ParseFault fault;
      const auto parsed =
          parse_safely(chunk.bytes, file, options.limits, ignored, Scanned::already, chunk.placement, &fault);
      if (!parsed && fault_is_the_files(chunk, fault)) return fail_at_fault(ignored);
      if (!parsed && fault.tree) return fail_at_tree_faults(first);
      if (!parsed) return read_whole();  // the whole file's parse fails too: its diagnostics
      if (first == 0) tally_fields(parsed->root(), tally);
      for (pugi::xml_node child = parsed->root().first_child(); first > 0 && child; child = child.next_sibling())
        if (child.type() == pugi::node_element) tally_fields(child, tally);
      first = chunk.last + 1;
    }
    chunk_options.expected = tally.dominant();
  }

  std::set<std::string> ids;     // every case id so far, for the whole file's E0207 across chunks
  std::vector<Diagnostic> kept;  // the chunks' diagnostics, in file order
  std::size_t own_errors = 0;    // the reader's own errors so far: at kMaxErrors the whole file's reader stops
  std::size_t root_errors = 0;   // of them, those on the root, which every chunk's reader finds again
  bool stopped = false;          // the reader's limit was reached: no more is read, and the schema is not consulted
  bool failed = false;           // an error was found: no more cases are handed over
  std::optional<Diagnostic> libxml2_fault;  // a fault of the markup only libxml2 sees: the whole file's only one
  std::size_t first = 0;
  const auto again_without_schema = [&]() {
    chunk_options.schema = nullptr;
    first = 0;
    ids.clear();
    kept.clear();
    own_errors = root_errors = 0;
    stopped = false;
  };
  while (first < parts->cases.size()) {
    const Chunk chunk = chunk_from(first);
    Diagnostics local;
    Built built;
    built.errors_before = own_errors - root_errors;  // the chunk's reader counts the root's again
    // The whole file's UTF-8 and markup were checked above: the chunk (its bytes, a line end, an end tag) holds
    // nothing they have not seen.
    (void)read_register(chunk.bytes, file, chunk_options, local, Scanned::already, chunk.placement, &built);
    if (!built.cases && fault_is_the_files(chunk, built.fault)) return fail_at_fault(local);
    if (!built.cases && built.fault.tree) return fail_at_tree_faults(first);
    if (!built.cases) return fall_back();  // the parse or the root failed: the whole file's reader says what it says
    if (first == 0) root_errors = built.root_errors;
    std::size_t errors = own_errors + built.own_errors - (first > 0 ? root_errors : 0);
    // Fewer cases: the reader stopped at its limit, as the whole file's does.
    if (built.cases->cases.size() != chunk.last - first + 1 && errors < kMaxErrors) return fall_back();
    std::vector<Diagnostic> found = local.list();
    const SourceLoc first_case = index.locate(offset + parts->cases[first].first);
    // A fault of the markup only libxml2 sees (the first: the chunks before had none): reading the whole file, it
    // reports that fault alone and none of the schema's problems. Its column is counted on the chunk's line, which is
    // the file's unless the chunk starts inside it.
    const auto fault = std::find_if(found.begin(), found.end(), [](const Diagnostic& d) { return d.code == "E0102"; });
    if (fault != found.end()) {
      if (fault->loc.line == first_case.line && first_case.column != 1) return fall_back();
      libxml2_fault = *fault;
      failed = true;
      again_without_schema();
      continue;
    }
    // What the chunk's reader says of the root (on it or before the first case) the first chunk said already.
    if (first > 0)
      found.erase(
          std::remove_if(found.begin(), found.end(), [&](const Diagnostic& d) { return before(d.loc, first_case); }),
          found.end());
    // A case id of an earlier chunk: the whole file's E0207 at that <case>, after what the reader says there (it
    // says so itself of the id's next cases in the chunk).
    std::set<std::string_view> in_chunk;
    std::size_t repeated_ids = 0;
    for (std::size_t i = 0; i < built.cases->cases.size(); ++i) {
      const std::string& id = built.cases->cases[i].id;
      if (id.empty() || ids.count(id) == 0 || !in_chunk.insert(id).second) continue;
      Diagnostic repeated = repeated_case_id(id, index.locate(offset + parts->cases[first + i].first));
      const auto at = std::upper_bound(found.begin(), found.end(), repeated,
                                       [](const Diagnostic& a, const Diagnostic& b) { return before(a.loc, b.loc); });
      // The schema's problem at the same place would give way to it: only the whole file tells them apart.
      if (at != found.begin() && !before((at - 1)->loc, repeated.loc)) return fall_back();
      found.insert(at, std::move(repeated));
      ++repeated_ids;
    }
    for (const auto& the_case : built.cases->cases)
      if (!the_case.id.empty()) ids.insert(the_case.id);
    errors += repeated_ids;
    // The whole file's reader counts those errors as it reads the chunk's cases: where they bring it to its limit,
    // only it says where it stops.
    if (repeated_ids > 0 && errors >= kMaxErrors) return fall_back();
    own_errors = errors;
    stopped = own_errors >= kMaxErrors;
    // Chunks report in file order only if each one's diagnostics come after the previous one's (not so for lines
    // two chunks share): else the whole file's order and merging.
    if (!found.empty() && !kept.empty() && !before(kept.back().loc, found.front().loc)) return fall_back();
    const bool with_errors =
        std::any_of(found.begin(), found.end(), [](const Diagnostic& d) { return d.severity == Severity::error; });
    kept.insert(kept.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    failed = failed || with_errors;
    if (!failed) {
      if (first == 0 && visitor.period) visitor.period(built.cases->period_start, built.cases->period_end);
      for (auto& the_case : built.cases->cases) {
        visitor.take(std::move(the_case));
        ++handed_over;
      }
    }
    first = chunk.last + 1;
    if (stopped && chunk_options.schema) {
      // The whole file's reader, stopped, consults no schema, even on the cases before: the chunks are read again
      // without it, up to where the reader stops (it finds the same errors).
      libxml2_fault.reset();
      again_without_schema();
    } else if (stopped) {
      break;
    }
  }
  // Stopped at its limit, the whole file's reader still had the whole file parsed first: a fault of the parse, or those
  // of the tree after it, in the chunks not read are then all the whole file's read says.
  if (stopped)
    if (const auto answer = parse_rest(first)) return *answer;
  // The fault libxml2 found, where the reader has no error at the same place (the same fault seen twice).
  if (libxml2_fault && !stopped && std::none_of(kept.begin(), kept.end(), [&](const Diagnostic& d) {
        return d.severity == Severity::error && !before(d.loc, libxml2_fault->loc) &&
               !before(libxml2_fault->loc, d.loc);
      }))
    kept.insert(std::upper_bound(kept.begin(), kept.end(), *libxml2_fault,
                                 [](const Diagnostic& a, const Diagnostic& b) { return before(a.loc, b.loc); }),
                std::move(*libxml2_fault));
  report_capped(std::move(kept), stopped, diagnostics);
  if (failed && handed_over > 0) visitor.restart();
  return !failed;
}

}  // namespace vanban::xml
