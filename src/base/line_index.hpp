#pragma once
// Maps byte offsets in a UTF-8 text to line and character column.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/source_loc.hpp"

namespace vanban {

/// Where the previous location asked of a LineIndex was; owned by the caller, so that an index stays immutable.
struct LineCursor {
  std::size_t offset = 0;
  std::size_t line_start = 0;
  std::size_t line_end = 0;  ///< the next line's start, or past the text; 0: nothing located yet
  std::uint32_t line = 0;
  std::size_t chars = 0;  ///< code points between line_start and offset
};

/// Index of line starts of one text; the text must outlive the index.
class LineIndex {
 public:
  LineIndex(FileName file, std::string_view text);

  /// The location of the byte at `offset` (clamped to the text); the column counts code points.
  [[nodiscard]] SourceLoc locate(std::size_t offset) const;
  /// The same location, counted from where `cursor` was when that is on the same line and near (locations asked
  /// for in text order then cost only the bytes between them); updates the cursor.
  [[nodiscard]] SourceLoc locate(std::size_t offset, LineCursor& cursor) const;
  /// The location of a pointer into the indexed text.
  [[nodiscard]] SourceLoc locate(const char* pointer) const;
  /// The 1-based line of the byte at `offset` (clamped to the text).
  [[nodiscard]] std::uint32_t line(std::size_t offset) const;
  [[nodiscard]] const FileName& file() const { return file_; }

 private:
  FileName file_;
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
  // Code points before every kBlock-th byte, so that a column costs at most two blocks however long the line (a
  // register may hold a whole case, hundreds of bytes and dozens of located values, on one line).
  static constexpr std::size_t kBlock = 64;
  std::vector<std::size_t> chars_before_block_;
  [[nodiscard]] std::size_t chars_before(std::size_t offset) const;
};

}  // namespace vanban
