#pragma once
// Whole-file reading and crash-safe writing, used by the front ends (stages never touch files).

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "base/bytes.hpp"

namespace vanban {

/// Reads a whole file; nullopt with `error` set (in Vietnamese) when it cannot be read or exceeds `max_size`.
std::optional<Bytes> read_file(const std::filesystem::path& path, std::size_t max_size, std::string& error);

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk and renames it into place,
/// so that `path` holds either the old content or the complete new one. Throws Error on failure.
void write_file_atomically(const std::filesystem::path& path, const Bytes& bytes);

}  // namespace vanban
