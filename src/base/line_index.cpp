#include "base/line_index.hpp"

#include <algorithm>

namespace vanban {

namespace {
bool is_lead_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }
}  // namespace

LineIndex::LineIndex(FileName file, std::string_view text) : file_(std::move(file)), text_(text) {
  line_starts_.push_back(0);
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i % kBlock == 0) chars_before_block_.push_back(chars);
    // A line ends at "\n", at "\r\n", and at a lone "\r" (a file from an old Mac editor), as XML counts lines.
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
      line_starts_.push_back(i + 1);
    if (is_lead_byte(text[i])) ++chars;
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

SourceLoc LineIndex::locate(const char* pointer) const {
  if (pointer < text_.data()) return locate(std::size_t{0});
  return locate(static_cast<std::size_t>(pointer - text_.data()));
}

}  // namespace vanban
