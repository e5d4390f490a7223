// A large register read as a stream of cases: cut between its <case> elements into chunks of a quarter megabyte,
// each chunk (the file's bytes up to the root's start tag, a line end, the chunk's cases, the root's end tag) read by
// the same reader as a register of its own, placed in the file (`Placement`: every position is counted in one line
// index of the whole file), and its cases handed over before the next chunk is read. Memory is then the file's bytes,
// its line index and one chunk's trees, not the whole file's pugixml and libxml2 trees at once.
//
// The diagnostics are those of reading the whole file, byte for byte: a file that is not a plain register (a
// fault the raw scan sees, a root that is not <register>, anything but cases under it) is read whole. A register
// keeps streaming through errors (no case is handed over after one; those handed over are taken back, `restart`),
// legacy texts (the encoding is decided over every chunk first), case ids repeated across chunks (each chunk's reader
// is told the earlier chunks' ids and says E0207 itself, counted towards its limit where the whole file's is), what
// every chunk says of the root (said once, from the first chunk), a root not in the format's namespace (the first
// chunk's reader says so, once the chunks after it parse with clean trees) and the reader's limit of errors (counted
// from chunk to chunk; it stops where the whole file's reader stops, and the chunks are read again without the schema,
// which a stopped reader does not consult), and a fault of the markup only libxml2 sees (a comment holding "--": the
// whole file's libxml2 reports it alone, so the chunks are read again without the schema; on a line a chunk starts
// inside, its column is counted from the chunk's first case), and a fault of the parse (pugixml's) in a chunk's own
// bytes of the file or in its head (the file's own bytes up to the end of the root's start tag: the whole file's parse
// stops there, with the same status: it is all the whole file says, even past the reader's limit, where the chunks not
// read are still parsed), and faults of the tree after the parse (a duplicate attribute, a name or field too long:
// the whole file's check of its tree reports every one of them and nothing else, unless a later fault of the parse is
// all it says; the chunks after the first are parsed for them without the reader). The chunks' diagnostics, the
// reader's and the schema's apart, are merged at the end as the whole file's reader merges its own (`report_read`).
// What only the whole file says alike is read whole: a fault of the parse in a chunk's added end tag, libxml2's fault
// on the root's line when a chunk's first case is on it.
//
// A register whose tags do not balance (a <case> or an element in one left open, the root left open or closed long
// before the file's end, an end tag too many or mismatched) fails pugixml's parse somewhere, or parses and is refused
// for the raw scan's problems (content outside the root) and its root's tree: that is all the whole file's read says.
// It is found a piece at a time, each piece opening the elements still open where it starts (`unbalanced_fault`; after
// the root closed, none), without the reader; so is a register whose tags balance and in which the raw scan finds
// what pugixml lets pass but XML forbids. Read whole when the fault is not in a piece's own bytes of the file, or when
// markup left open would make one piece of more than a quarter of a megabyte.

#include <algorithm>
#include <iterator>
#include <set>
#include <tuple>

#include "base/line_index.hpp"
#include "base/utf8.hpp"
#include "xml/case_reader.hpp"
#include "xml/markup_scan.hpp"
#include "xml/register_cut.hpp"
#include "xml/reporting.hpp"

namespace vanban::xml {

namespace {

constexpr std::size_t kStreamFrom = 4U * 1024U * 1024U;  // smaller files are read whole
constexpr std::size_t kChunkBytes = 256U * 1024U;        // cases per chunk: a quarter of a megabyte of them
constexpr std::string_view kRootEnd = "</register>";     // what ends every chunk

// A register whose tags do not balance (a <case> or an element in one left open, the root left open or closed early,
// an end tag too many or mismatched), or whose markup the raw scan finds problems in, cut into pieces before <case>
// start tags at any depth (before any start tag at the document's level, after the root), each piece a quarter of a
// megabyte or more, with the names of the elements open where each starts (the root first; none at the document's
// level), as the raw scan sees them.
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

// Whether a register whose tags balance is cut into pieces too: only when its parse, which then succeeds, is all the
// whole file's read says (the raw scan's problems refuse it after the parse).
enum class IfBalanced { read_whole, cut };

// Cuts a register into pieces; nullopt for one that is not a register or whose tags balance (`if_balanced` says), or
// markup left unclosed more than a quarter of a megabyte before the file's end (one piece would copy the rest of the
// file: the whole file's parse in place costs less). After an end tag that does not match the element open (pugixml's
// fault there) the last piece ends at the next <case> start tag (the file's end when there is none). After the root is
// closed, pugixml reads on at the document's level: the pieces there open nothing.
std::optional<UnbalancedParts> cut_unbalanced(std::string_view text, IfBalanced if_balanced) {
  const auto root_end = root_tag_end(text);
  if (!root_end) return std::nullopt;
  UnbalancedParts parts{*root_end, {OpenCut{*root_end, {"register"}}}, text.size()};
  std::vector<std::string_view> open{"register"};
  bool mismatched = false;
  bool unclosed = false;
  bool closed_early = false;  // the root closed with more than comments after it
  for (std::size_t at = text.find('<', *root_end); at != std::string_view::npos; at = text.find('<', at)) {
    const std::size_t end = markup_end(text, at);
    if (end == std::string_view::npos) {
      if (text.size() - at > kChunkBytes) return std::nullopt;
      unclosed = true;
      break;
    }
    if (text[at + 1] == '/') {
      if (open.empty() || open.back() != tag_name(text, at)) {
        mismatched = true;
      } else {
        open.pop_back();
        if (open.empty() && !only_comments_from(text, end)) closed_early = true;
      }
    } else if (text[at + 1] != '!' && text[at + 1] != '?') {
      const bool a_case = starts_element(text, at, "case");
      if (a_case && mismatched) {
        parts.end = at;
        break;
      }
      if ((a_case || open.empty()) && at - parts.cuts.back().at >= kChunkBytes) parts.cuts.push_back(OpenCut{at, open});
      if (text[end - 2] != '/') open.push_back(tag_name(text, at));
    }
    at = end;
  }
  const bool balanced = !mismatched && !unclosed && !closed_early && open.empty();
  if (balanced && if_balanced == IfBalanced::read_whole) return std::nullopt;
  return parts;
}

// A chunk of cases [first, last] as the reader reads it: the file's bytes up to the end of the root's start tag, a
// line end, the cases' bytes, the root's end tag; placed where its cases are in the file.
struct Chunk {
  std::string bytes;
  Placement placement;
  std::size_t last = 0;
};

// The order of diagnostics: where they are.
bool before(const SourceLoc& a, const SourceLoc& b) { return std::tie(a.line, a.column) < std::tie(b.line, b.column); }

// The whole file's answer for a register cut into pieces (`parts` of its bytes after the byte order mark, `offset`
// bytes long; `index`: of `bytes`; `problems`: the raw scan's of them), when only its parse answers: pugixml's fault,
// all the whole file's read says (nothing is read after it), or, when the parse succeeds, the raw scan's problems and
// the faults of the root's tree (a duplicate attribute, a name or field too long), refused before any reader runs.
// Each piece is parsed on its own: in the root, the file's bytes up to the end of the root's start tag, a line end, a
// start tag for each other element open where the piece starts, a line end; at the document's level (after the root
// closed), nothing; then the piece's own bytes of the file, then end tags for the elements open where the next piece
// starts (none for a last piece that ends with the file's own end; the root's for one that ends at a <case> after a
// mismatched end tag). pugixml's only state from one element to the next is the stack of elements open (their names,
// and whether any is: at the document's level it skips text and accepts an XML declaration), so a piece's own bytes
// start in the whole file's state when every earlier piece parsed cleanly, its end tags closing what was open; a fault
// of the parse in the first piece whose own bytes fail is then at the same byte with the same status as the whole
// file's, and what follows it (only white space, or more) is alike. So is a fault in the first piece's head, the
// file's own bytes up to the root's start tag's end (pugixml reads a byte at a time, never past a fault). `found` gets
// the whole file's diagnostics. False when that cannot be shown (a fault in a later head or added end tags, a tree too
// deep, a parse that succeeds with nothing to refuse: the reader runs): the whole file's read says.
bool unbalanced_fault(std::string_view bytes, std::size_t offset, const UnbalancedParts& parts,
                      const std::vector<ScanProblem>& problems, const LineIndex& index, const FileName& file,
                      const Limits& limits, Diagnostics& found) {
  const std::string_view content = bytes.substr(offset);
  const std::string_view prolog = bytes.substr(0, parts.root_tag_end + offset);
  std::vector<Diagnostic> tree_faults;  // of the root's tree, in file order
  for (std::size_t i = 0; i < parts.cuts.size(); ++i) {
    const OpenCut& cut = parts.cuts[i];
    const bool in_root = !cut.open.empty();
    const std::size_t own_end = i + 1 < parts.cuts.size() ? parts.cuts[i + 1].at : parts.end;
    std::string piece;
    piece.reserve(prolog.size() + (own_end - cut.at) + 2 + 64 * (cut.open.size() + 1));
    if (in_root) {
      piece.append(prolog).append("\n");
      for (std::size_t k = 1; k < cut.open.size(); ++k) piece.append("<").append(cut.open[k]).append(">");
      piece.append("\n");
    }
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
    const Placement placement{&index, in_root ? prolog.size() : 0, from, offset + cut.at};
    if (parse_safely(piece, file, limits, diagnostics, Scanned::already, placement, &fault)) continue;
    if (fault.parser) {
      const bool in_head = i == 0 && *fault.parser < prolog.size();
      if (!in_head && (*fault.parser < from || *fault.parser >= tail)) return false;
      found.merge(diagnostics);
      return true;
    }
    // pugixml parsed the piece, and only the checks of its tree refused it: the whole file's parse, failing further on,
    // never checks its tree; succeeding, it checks the root's (what the piece says of its head, the first piece said).
    if (!fault.tree) return false;
    if (!in_root) continue;  // the tree of an element after the root: never checked
    const SourceLoc own_start = index.locate(offset + cut.at);
    for (const Diagnostic& diagnostic : diagnostics.list())
      if (i == 0 || !before(diagnostic.loc, own_start)) tree_faults.push_back(diagnostic);
  }
  if (problems.empty() && tree_faults.empty()) return false;
  for (const ScanProblem& problem : problems)
    found.error(problem.code, index.locate(problem.offset + offset), problem.message);
  for (Diagnostic& diagnostic : tree_faults) found.add(std::move(diagnostic));
  return true;
}

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
  auto parts = scan.problems.empty() ? cut_register(content) : std::nullopt;
  if (parts && (!parts->only_cases || parts->cases.empty())) parts.reset();
  if (!parts) {
    // Tags that do not balance: pugixml's fault, found a piece at a time, is all the whole file's read says (the raw
    // scan's problems too: an end tag too many leaves content outside the root).
    const auto pieces = cut_unbalanced(content, scan.problems.empty() ? IfBalanced::read_whole : IfBalanced::cut);
    if (!pieces) return read_whole();
    const LineIndex index(file, bytes);
    Diagnostics found;
    if (!unbalanced_fault(bytes, bom ? 3 : 0, *pieces, scan.problems, index, file, options.limits, found))
      return read_whole();
    diagnostics.merge(found);
    return false;
  }

  const std::size_t offset = bom ? 3 : 0;
  const std::string_view prolog = bytes.substr(0, parts->root_tag_end + offset);
  const LineIndex index(file, bytes);  // positions in every chunk are counted here
  const std::uint32_t root_line = index.locate(offset + parts->root_tag_end - 1).line;  // of the root's start tag's end
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
  // So is one in the chunk's head, the file's own bytes up to the end of the root's start tag: pugixml reading the
  // whole file stops there too (it reads a byte at a time, never past a fault).
  const auto fault_is_the_files = [&](const Chunk& chunk, const ParseFault& fault) {
    return fault.parser &&
           (*fault.parser < chunk.placement.head ||
            (*fault.parser >= chunk.placement.from && *fault.parser < chunk.bytes.size() - kRootEnd.size()));
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

  CaseIds ids;  // every case id so far, for the whole file's E0207 across chunks
  // The chunks' diagnostics as the whole file's reader finds them, the reader's own and the schema's apart, the root's
  // said once: merged as it merges them at the end (report_read), in file order.
  std::vector<Diagnostic> own;
  std::vector<Diagnostic> schema;
  std::size_t own_errors = 0;   // the reader's own errors so far: at kMaxErrors the whole file's reader stops
  std::size_t root_errors = 0;  // of them, those on the root, which every chunk's reader finds again
  bool stopped = false;         // the reader's limit was reached: no more is read, and the schema is not consulted
  bool failed = false;          // an error was found: no more cases are handed over
  std::optional<Diagnostic> libxml2_fault;  // a fault of the markup only libxml2 sees: the whole file's only one
  std::size_t first = 0;
  const auto again_without_schema = [&]() {
    chunk_options.schema = nullptr;
    first = 0;
    ids.clear();
    own.clear();
    schema.clear();
    own_errors = root_errors = 0;
    stopped = false;
  };
  const auto is_error = [](const Diagnostic& d) { return d.severity == Severity::error; };
  while (first < parts->cases.size()) {
    const Chunk chunk = chunk_from(first);
    Diagnostics local;
    Built built;
    built.errors_before = own_errors - root_errors;  // the chunk's reader counts the root's again
    built.ids_before = &ids;  // and says E0207 of a case id of an earlier chunk, counted where the whole file's is
    // The whole file's UTF-8 and markup were checked above: the chunk (its bytes, a line end, an end tag) holds
    // nothing they have not seen.
    (void)read_register(chunk.bytes, file, chunk_options, local, Scanned::already, chunk.placement, &built);
    if (!built.cases && fault_is_the_files(chunk, built.fault)) return fail_at_fault(local);
    if (!built.cases && built.fault.tree) return fail_at_tree_faults(first);
    if (built.root_refused) {
      // The root refused (not the format's namespace): the whole file's reader says so, once its parse succeeds with
      // a clean tree; else the parse's fault or the tree's faults in a later chunk are all it says.
      if (const auto answer = parse_rest(chunk.last + 1)) return *answer;
      diagnostics.merge(local);
      return false;
    }
    if (!built.cases) return fall_back();  // the parse failed outside the file's bytes: the whole file's reader says
    if (first == 0) root_errors = built.root_errors;
    const std::size_t errors = own_errors + built.own_errors - (first > 0 ? root_errors : 0);
    // Fewer cases: the reader stopped at its limit, as the whole file's does.
    if (built.cases->cases.size() != chunk.last - first + 1 && errors < kMaxErrors) return fall_back();
    const SourceLoc first_case = index.locate(offset + parts->cases[first].first);
    // A fault of the markup only libxml2 sees (the first: the chunks before had none): reading the whole file, it
    // reports that fault alone and none of the schema's problems. Its column (in characters) is counted on the chunk's
    // line, which is the file's unless the chunk starts inside it: then from the chunk's first case, which starts the
    // chunk's line (not when that line is the root's start tag's too, or libxml2 gives no column).
    const auto fault =
        std::find_if(built.schema.begin(), built.schema.end(), [](const Diagnostic& d) { return d.code == "E0102"; });
    if (fault != built.schema.end()) {
      if (fault->loc.line == first_case.line && first_case.column != 1) {
        if (fault->loc.column == 0 || first_case.line == root_line) return fall_back();
        fault->loc.column += first_case.column - 1;
      }
      libxml2_fault = *fault;
      failed = true;
      again_without_schema();
      continue;
    }
    // What the chunk's reader says of the root (on it or before the first case) the first chunk said already.
    const auto said_of_root = [&](const Diagnostic& d) { return first > 0 && before(d.loc, first_case); };
    built.own.erase(std::remove_if(built.own.begin(), built.own.end(), said_of_root), built.own.end());
    built.schema.erase(std::remove_if(built.schema.begin(), built.schema.end(), said_of_root), built.schema.end());
    for (const auto& the_case : built.cases->cases)
      if (!the_case.id.empty()) ids.insert(the_case.id);
    own_errors = errors;
    stopped = own_errors >= kMaxErrors;
    failed = failed || std::any_of(built.own.begin(), built.own.end(), is_error) ||
             std::any_of(built.schema.begin(), built.schema.end(), is_error);
    own.insert(own.end(), std::make_move_iterator(built.own.begin()), std::make_move_iterator(built.own.end()));
    schema.insert(schema.end(), std::make_move_iterator(built.schema.begin()),
                  std::make_move_iterator(built.schema.end()));
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
  // The fault libxml2 found is the schema's only problem (the chunks were read again without it).
  if (libxml2_fault && !stopped) schema.push_back(std::move(*libxml2_fault));
  report_read(std::move(own), schema, stopped, diagnostics);
  if (failed && handed_over > 0) visitor.restart();
  return !failed;
}

}  // namespace vanban::xml
