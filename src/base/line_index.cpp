#include "base/line_index.hpp"

#include <algorithm>

namespace vanban {

LineIndex::LineIndex(FileName file, std::string_view text) : file_(std::move(file)), text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts_.push_back(i + 1);
}

SourceLoc LineIndex::locate(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::size_t>(next - line_starts_.begin());  // 1-based
  const std::size_t start = line_starts_[line - 1];
  std::uint32_t column = 1;
  for (std::size_t i = start; i < offset; ++i) {
    const auto byte = static_cast<unsigned char>(text_[i]);
    if ((byte & 0xC0U) != 0x80U) ++column;  // count lead bytes only
  }
  return SourceLoc{file_, static_cast<std::uint32_t>(line), column};
}

SourceLoc LineIndex::locate(const char* pointer) const {
  if (pointer < text_.data()) return locate(std::size_t{0});
  return locate(static_cast<std::size_t>(pointer - text_.data()));
}

}  // namespace vanban
