#pragma once
// Positions in input files (case XML, templates, law data), for diagnostics.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace vanban {

/// Shared, immutable name of an input file; many locations point at the same one.
using FileName = std::shared_ptr<const std::string>;

/// Makes a FileName from a path as the user gave it.
FileName make_file_name(std::string path);

/// A place in an input file: 1-based line and column, the column counted in characters (code points).
struct SourceLoc {
  FileName file;             ///< null when the input has no file name
  std::uint32_t line = 0;    ///< 0 when unknown
  std::uint32_t column = 0;  ///< 0 when unknown

  /// The file name, or "" when unknown.
  [[nodiscard]] std::string_view file_name() const { return file ? std::string_view(*file) : std::string_view(); }
  /// "file:line:col", "file" or "" depending on what is known.
  [[nodiscard]] std::string to_string() const;
};

}  // namespace vanban
