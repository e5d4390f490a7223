#pragma once
// Reads the case exchange format (urn:vanban:case:1) into the typed model.

#include <optional>
#include <string_view>

#include "base/diagnostics.hpp"
#include "model/case.hpp"
#include "xml/limits.hpp"

namespace vanban::xml {

/// The namespace of the exchange format.
inline constexpr std::string_view kCaseNamespace = "urn:vanban:case:1";

struct ReadOptions {
  Limits limits;
};

/// Reads a case file (`<case>`, loaded as a register of one) or a register (`<register>`). Every text field
/// is normalized (NFC, white space). Reports every problem found; nullopt when any of them is an error.
std::optional<model::Register> read_register(std::string_view bytes, const FileName& file, const ReadOptions& options,
                                             Diagnostics& diagnostics);

}  // namespace vanban::xml
