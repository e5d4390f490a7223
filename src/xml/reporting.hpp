#pragma once
// Internal to the xml module: how a read's diagnostics are printed, shared by the whole-file reader and the stream.

#include <optional>
#include <vector>

#include "base/diagnostics.hpp"
#include "xml/case_reader.hpp"
#include "xml/safe_parse.hpp"

namespace vanban::xml {

/// Appends `all` (in file order) to `out`, at most the reader's limit of them and then a note saying how many errors
/// and warnings were left out, and that reading stopped when `stopped` (the reader hit its limit of errors).
void report_capped(std::vector<Diagnostic> all, bool stopped, Diagnostics& out);

/// read_register, told whether the bytes are a chunk of a file whose UTF-8 and markup were already scanned whole, and
/// where the chunk sits in that file (its positions are reported as the file's).
std::optional<model::Register> read_register(InputBytes bytes, const FileName& file, const ReadOptions& options,
                                             Diagnostics& diagnostics, Scanned scanned,
                                             const Placement& placement = {});

}  // namespace vanban::xml
