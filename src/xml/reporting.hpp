#pragma once
// Internal to the xml module: how a read's diagnostics are printed, shared by the whole-file reader and the stream.

#include <functional>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "text/repair.hpp"
#include "xml/case_reader.hpp"
#include "xml/safe_parse.hpp"

namespace vanban::xml {

/// After this many errors a file is hopeless: reading stops (a million bad elements cost no more than a thousand),
/// the schema is not consulted, and only this many messages are printed.
inline constexpr std::size_t kMaxErrors = 1000;

/// Appends what a read found to `out`: the reader's own diagnostics (`own`), and the schema's where the reader has no
/// error at the same place (the same fault seen twice) and none of them came before; in file order, the same said at
/// the same place once, at most the reader's limit of them and the note (report_capped).
void report_read(std::vector<Diagnostic> own, const std::vector<Diagnostic>& schema, bool stopped, Diagnostics& out);

/// Appends `all` (in file order) to `out`, at most the reader's limit of them and then a note saying how many errors
/// and warnings were left out, and that reading stopped when `stopped` (the reader hit its limit of errors).
void report_capped(std::vector<Diagnostic> all, bool stopped, Diagnostics& out);

/// Case ids, looked up by a view.
using CaseIds = std::set<std::string, std::less<>>;

/// What the reader built of a chunk, whatever it found: the cases (nullopt: the parse or the root failed) and how
/// many errors the reader itself found (the schema's not counted), which stop it at kMaxErrors counting
/// `errors_before` (the earlier chunks' own errors, given in), a case id of `ids_before` (the earlier chunks', given
/// in) repeated (E0207) as one the chunk repeats; `root_errors` of them are on the root or before it;
/// `fault`: why the chunk's bytes were refused, when pugixml itself or only the checks of its tree did
/// (parse_safely's).
struct Built {
  std::size_t errors_before = 0;
  const CaseIds* ids_before = nullptr;
  std::optional<model::Register> cases;
  std::size_t own_errors = 0;
  std::size_t root_errors = 0;
  std::vector<Diagnostic> own;     ///< the reader's diagnostics, in the order it found them
  std::vector<Diagnostic> schema;  ///< the schema's
  ParseFault fault;
  bool root_refused = false;  ///< the bytes parsed, and the root is not one the reader reads (check_root's errors)
};

/// read_register, told whether the bytes are a chunk of a file whose UTF-8 and markup were already scanned whole, and
/// where the chunk sits in that file (its positions are reported as the file's). With `built`, what the reader built
/// goes there even when it found errors, with the reader's and the schema's diagnostics apart (`own`, `schema`: as
/// report_read takes them; nothing is appended to `diagnostics` once the parse and the root succeed), and nullopt is
/// returned.
std::optional<model::Register> read_register(InputBytes bytes, const FileName& file, const ReadOptions& options,
                                             Diagnostics& diagnostics, Scanned scanned, const Placement& placement = {},
                                             Built* built = nullptr);

/// The error of a case id already taken by an earlier case of the register (E0207), located at the later <case>.
Diagnostic repeated_case_id(const std::string& id, SourceLoc loc);

/// Adds every field (attribute value, text) of `node` and its descendants to `tally`, until it is settled: what
/// decides the legacy encoding a file's fields are expected in (the order does not change the answer).
void tally_fields(pugi::xml_node node, text::OriginTally& tally);

}  // namespace vanban::xml
