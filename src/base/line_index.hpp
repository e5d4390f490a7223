#pragma once
// Maps byte offsets in a UTF-8 text to line and character column.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/source_loc.hpp"

namespace vanban {

/// Index of line starts of one text (lines end at "\n", "\r\n" or a lone "\r"); the text must outlive the index.
class LineIndex {
 public:
  LineIndex(FileName file, std::string_view text);

  /// The location of the byte at `offset` (clamped to the text); the column counts code points.
  [[nodiscard]] SourceLoc locate(std::size_t offset) const;
  /// The location of a pointer into the indexed text.
  [[nodiscard]] SourceLoc locate(const char* pointer) const;
  /// The 1-based line of the byte at `offset` (clamped to the text).
  [[nodiscard]] std::uint32_t line(std::size_t offset) const;
  [[nodiscard]] const FileName& file() const { return file_; }

 private:
  FileName file_;
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
  // Code points before every kBlock-th byte, so that a column on a very long line costs at most one block.
  static constexpr std::size_t kBlock = 4096;
  std::vector<std::size_t> chars_before_block_;
  [[nodiscard]] std::size_t chars_before(std::size_t offset) const;
};

}  // namespace vanban
