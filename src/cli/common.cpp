#include "cli/common.hpp"

#include <iostream>

#include "base/file_io.hpp"

namespace vanban::cli {

void print(const Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics.list()) std::cerr << format_diagnostic(diagnostic) << '\n';
}

std::optional<Bytes> read_input(const std::string& path) {
  std::string problem;
  auto bytes = read_file(path, kMaxInputFile, problem);
  if (!bytes) std::cerr << path << ": error: [E0100] " << problem << '\n';
  return bytes;
}

bool wants_help(const std::vector<std::string>& args) {
  for (const auto& arg : args)
    if (arg == "--help" || arg == "-h") return true;
  return false;
}

}  // namespace vanban::cli
