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

/// Whether a LineIndex may read its text whenever it locates (the text stays as it was) or keeps, when built, all it
/// will need: the text is written over afterwards (a parse in place that moves text), and only its size may be used.
enum class TextStays { yes, no };

/// Index of line starts of one text (lines end at "\n", "\r\n" or a lone "\r"); the text must outlive the index.
class LineIndex {
 public:
  /// Indexes `text`; with TextStays::no, also which of its bytes start a code point (one bit a byte), so that no
  /// location reads the text afterwards.
  LineIndex(FileName file, std::string_view text, TextStays stays = TextStays::yes);

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
  std::vector<std::uint64_t> lead_bits_;  // TextStays::no: bit i of word i / 64 set when byte i starts a code point
  [[nodiscard]] std::size_t chars_before(std::size_t offset) const;
  // The code points that start among the `size` bytes from `offset`.
  [[nodiscard]] std::size_t leads(std::size_t offset, std::size_t size) const;
};

}  // namespace vanban
