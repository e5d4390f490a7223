#pragma once
// What every command of the front end shares: exit codes, printing diagnostics, reading input files.

#include <optional>
#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "base/diagnostics.hpp"

namespace vanban::cli {

inline constexpr int kOk = 0;
inline constexpr int kInputRejected = 1;
inline constexpr int kUsage = 2;
inline constexpr int kEnvironment = 3;

/// Largest input file read (case XML, PDF, keys, images).
inline constexpr std::size_t kMaxInputFile = 64U * 1024U * 1024U;

/// Prints every diagnostic to stderr, one per line.
void print(const Diagnostics& diagnostics);

/// Reads an input file; on failure prints "PATH: error: [E0100] …" and returns nullopt.
std::optional<Bytes> read_input(const std::string& path);

/// Whether the arguments ask for help (--help or -h).
bool wants_help(const std::vector<std::string>& args);

}  // namespace vanban::cli
