#include "base/source_loc.hpp"

namespace vanban {

FileName make_file_name(std::string path) { return std::make_shared<const std::string>(std::move(path)); }

std::string SourceLoc::to_string() const {
  std::string out(file_name());
  if (line > 0) {
    out += ':';
    out += std::to_string(line);
    out += ':';
    out += std::to_string(column);
  }
  return out;
}

}  // namespace vanban
