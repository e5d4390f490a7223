#pragma once
// Internal to the xml module: how a read's diagnostics are printed, shared by the whole-file reader and the stream.

#include <optional>
#include <pugixml.hpp>
#include <vector>

#include "base/diagnostics.hpp"
#include "text/repair.hpp"
#include "xml/case_reader.hpp"
#include "xml/safe_parse.hpp"

namespace vanban::xml {

/// After this many errors a file is hopeless: reading stops (a million bad elements cost no more than a thousand),
/// the schema is not consulted, and only this many messages are printed.
inline constexpr std::size_t kMaxErrors = 1000;

/// Appends `all` (in file order) to `out`, at most the reader's limit of them and then a note saying how many errors
/// and warnings were left out, and that reading stopped when `stopped` (the reader hit its limit of errors).
void report_capped(std::vector<Diagnostic> all, bool stopped, Diagnostics& out);

/// What the reader built of a chunk, whatever it found: the cases (nullopt: the parse or the root failed) and how
/// many errors the reader itself found (the schema's not counted), which stop it at kMaxErrors counting
/// `errors_before` (the earlier chunks' own errors, given in); `root_errors` of them are on the root or before it;
/// `fault`: why the chunk's bytes were refused, when pugixml itself or only the checks of its tree did
/// (parse_safely's).
struct Built {
  std::size_t errors_before = 0;
  std::optional<model::Register> cases;
  std::size_t own_errors = 0;
  std::size_t root_errors = 0;
  ParseFault fault;
};

/// read_register, told whether the bytes are a chunk of a file whose UTF-8 and markup were already scanned whole, and
/// where the chunk sits in that file (its positions are reported as the file's). With `built`, what the reader built
/// goes there even when it found errors, every diagnostic is appended (none left out, no note), and nullopt is
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
