#pragma once
// Internal to the xml module: how a read's diagnostics are printed, shared by the whole-file reader and the stream.

#include <vector>

#include "base/diagnostics.hpp"

namespace vanban::xml {

/// Appends `all` (in file order) to `out`, at most the reader's limit of them and then a note saying how many errors
/// and warnings were left out, and that reading stopped when `stopped` (the reader hit its limit of errors).
void report_capped(std::vector<Diagnostic> all, bool stopped, Diagnostics& out);

}  // namespace vanban::xml
