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

/// When a written file reaches the disk.
enum class Durability {
  synced,    ///< flushed before the rename, the rename flushed too: survives a power cut at once
  deferred,  ///< left to the operating system; the caller calls sync_filesystem() before relying on it
};

/// Writes `bytes` to a temporary file beside `path` and renames it into place, so that `path` holds either the
/// old content or the complete new one. Throws Error on failure.
void write_file_atomically(const std::filesystem::path& path, const Bytes& bytes,
                           Durability durability = Durability::synced);

/// Writes `bytes` to a temporary file beside `path`, flushes it, makes it read-only and links it into place, never
/// replacing a file already there: false (and nothing changed) when `path` exists. The new name is flushed too.
/// Throws Error on failure.
bool create_file_once(const std::filesystem::path& path, const Bytes& bytes);

/// Flushes everything written to the file system that holds `path` (after deferred writes). Throws Error.
void sync_filesystem(const std::filesystem::path& path);

}  // namespace vanban
