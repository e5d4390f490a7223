#include "base/line_index.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace vanban {

namespace {
bool is_lead_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }

// The code points that start among `size` bytes (lead bytes: not 10xxxxxx), eight bytes at a time without a branch
// per byte (a location is a few dozen bytes from the previous one): a continuation byte has bit 7 set and bit 6 clear.
std::size_t lead_bytes(const char* from, std::size_t size) {
  std::size_t leads = size;
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, from + i, 8);
    const std::uint64_t continuations = (word & ~(word << 1U) & 0x8080808080808080ULL) >> 7U;  // 1 per such byte
    leads -= static_cast<std::size_t>((continuations * 0x0101010101010101ULL) >> 56U);  // their sum, in the top byte
  }
  for (; i < size; ++i)
    if (!is_lead_byte(from[i])) --leads;
  return leads;
}
}  // namespace

LineIndex::LineIndex(FileName file, std::string_view text, TextStays stays) : file_(std::move(file)), text_(text) {
  static_assert(kBlock == 64, "a block's lead bits are one 64-bit word");
  line_starts_.push_back(0);
  chars_before_block_.reserve(text.size() / kBlock + 1);
  if (stays == TextStays::no) lead_bits_.reserve(text.size() / kBlock + 1);
  std::size_t chars = 0;
  // Block by block: code points counted without a branch per byte, line ends found by memchr. A line ends at "\n",
  // at "\r\n", and at a lone "\r" (a file from an old Mac editor), as XML counts lines.
  const char* const data = text.data();
  const auto find = [data](char c, std::size_t from, std::size_t end) -> std::size_t {
    const void* at = from < end ? std::memchr(data + from, c, end - from) : nullptr;
    return at == nullptr ? end : static_cast<std::size_t>(static_cast<const char*>(at) - data);
  };
  for (std::size_t block = 0; block < text.size(); block += kBlock) {
    chars_before_block_.push_back(chars);
    const std::size_t end = std::min(block + kBlock, text.size());
    for (std::size_t i = block; i < end; ++i) chars += is_lead_byte(text[i]) ? 1U : 0U;
    if (stays == TextStays::no) {
      std::uint64_t bits = 0;
      for (std::size_t i = block; i < end; ++i)
        bits |= static_cast<std::uint64_t>(is_lead_byte(text[i])) << (i - block);
      lead_bits_.push_back(bits);
    }
    std::size_t lf = find('\n', block, end);
    std::size_t cr = find('\r', block, end);
    while (lf < end || cr < end) {
      if (lf < cr) {
        line_starts_.push_back(lf + 1);
        lf = find('\n', lf + 1, end);
      } else {
        if (cr + 1 == text.size() || text[cr + 1] != '\n') line_starts_.push_back(cr + 1);
        cr = find('\r', cr + 1, end);
      }
    }
  }
}

std::size_t LineIndex::leads(std::size_t offset, std::size_t size) const {
  if (lead_bits_.empty()) return lead_bytes(text_.data() + offset, size);
  std::size_t count = 0;
  for (std::size_t at = offset, end = offset + size; at < end;) {
    const std::size_t bit = at % kBlock;
    const std::size_t take = std::min(kBlock - bit, end - at);
    const std::uint64_t mask = (take == kBlock ? ~std::uint64_t{0} : (std::uint64_t{1} << take) - 1U) << bit;
    count += static_cast<std::size_t>(std::popcount(lead_bits_[at / kBlock] & mask));
    at += take;
  }
  return count;
}

std::size_t LineIndex::chars_before(std::size_t offset) const {
  const std::size_t block = offset / kBlock;
  if (block >= chars_before_block_.size()) {
    // Only past the end of the text: count from the last block.
    const std::size_t chars = chars_before_block_.empty() ? 0 : chars_before_block_.back();
    const std::size_t from = chars_before_block_.empty() ? 0 : (chars_before_block_.size() - 1) * kBlock;
    return chars + leads(from, offset - from);
  }
  return chars_before_block_[block] + leads(block * kBlock, offset - block * kBlock);
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
    chars = leads(start, offset - start);
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
    const std::size_t from = std::min(offset, cursor.offset);
    const std::size_t between = leads(from, std::max(offset, cursor.offset) - from);
    const std::size_t chars = offset > cursor.offset ? cursor.chars + between : cursor.chars - between;
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
