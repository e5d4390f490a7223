#include "base/line_index.hpp"

#include <algorithm>
#include <cstring>

namespace vanban {

namespace {
bool is_lead_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }
}  // namespace

LineIndex::LineIndex(FileName file, std::string_view text) : file_(std::move(file)), text_(text) {
  line_starts_.push_back(0);
  chars_before_block_.reserve(text.size() / kBlock + 1);
  std::size_t chars = 0;
  // Block by block: code points counted without a branch per byte, line ends found by memchr.
  for (std::size_t block = 0; block < text.size(); block += kBlock) {
    chars_before_block_.push_back(chars);
    const std::size_t end = std::min(block + kBlock, text.size());
    for (std::size_t i = block; i < end; ++i) chars += is_lead_byte(text[i]) ? 1U : 0U;
    for (const char* at = static_cast<const char*>(std::memchr(text.data() + block, '\n', end - block)); at != nullptr;
         at = static_cast<const char*>(std::memchr(at + 1, '\n', static_cast<std::size_t>(text.data() + end - at - 1))))
      line_starts_.push_back(static_cast<std::size_t>(at - text.data()) + 1);
  }
}

std::size_t LineIndex::chars_before(std::size_t offset) const {
  const std::size_t block = offset / kBlock;
  if (block >= chars_before_block_.size()) {
    // Only past the end of the text: count from the last block.
    std::size_t chars = chars_before_block_.empty() ? 0 : chars_before_block_.back();
    for (std::size_t i = chars_before_block_.empty() ? 0 : (chars_before_block_.size() - 1) * kBlock; i < offset; ++i)
      if (is_lead_byte(text_[i])) ++chars;
    return chars;
  }
  std::size_t chars = chars_before_block_[block];
  for (std::size_t i = block * kBlock; i < offset; ++i)
    if (is_lead_byte(text_[i])) ++chars;
  return chars;
}

std::uint32_t LineIndex::line(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<std::uint32_t>(next - line_starts_.begin());  // 1-based
}

SourceLoc LineIndex::locate(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const std::uint32_t line_number = line(offset);
  const std::size_t start = line_starts_[line_number - 1];
  // Columns count code points: lead bytes only. Short distances are counted directly, long ones by block.
  std::size_t chars = 0;
  if (offset - start < kBlock) {
    for (std::size_t i = start; i < offset; ++i)
      if (is_lead_byte(text_[i])) ++chars;
  } else {
    chars = chars_before(offset) - chars_before(start);
  }
  return SourceLoc{file_, line_number, static_cast<std::uint32_t>(chars + 1)};
}

SourceLoc LineIndex::locate(std::size_t offset, LineCursor& cursor) const {
  offset = std::min(offset, text_.size());
  const bool near = cursor.line_end != 0 && offset >= cursor.line_start && offset < cursor.line_end &&
                    (offset > cursor.offset ? offset - cursor.offset : cursor.offset - offset) < kBlock;
  if (near) {
    std::size_t chars = cursor.chars;
    for (std::size_t i = std::min(offset, cursor.offset); i < std::max(offset, cursor.offset); ++i)
      if (is_lead_byte(text_[i])) {
        if (offset > cursor.offset) ++chars;
        else --chars;
      }
    cursor.offset = offset;
    cursor.chars = chars;
    return SourceLoc{file_, cursor.line, static_cast<std::uint32_t>(chars + 1)};
  }
  const SourceLoc loc = locate(offset);
  cursor.offset = offset;
  cursor.line = loc.line;
  cursor.line_start = line_starts_[loc.line - 1];
  cursor.line_end = loc.line < line_starts_.size() ? line_starts_[loc.line] : text_.size() + 1;
  cursor.chars = loc.column - 1U;
  return loc;
}

SourceLoc LineIndex::locate(const char* pointer) const {
  if (pointer < text_.data()) return locate(std::size_t{0});
  return locate(static_cast<std::size_t>(pointer - text_.data()));
}

}  // namespace vanban
