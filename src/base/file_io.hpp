#pragma once
// Whole-file reading and crash-safe writing, used by the front ends (stages never touch files).

#include <cstddef>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

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
/// old content or the complete new one. Only a regular file is ever replaced: a symbolic link, a device, a FIFO or a
/// folder at `path` is left alone. Throws Error (E0803, in Vietnamese) on failure.
void write_file_atomically(const std::filesystem::path& path, const Bytes& bytes,
                           Durability durability = Durability::synced);

/// Writes a file through `write` (given a seekable binary stream on a temporary file beside `path`) and renames it
/// into place as the other overload does, so that a large file is never held whole. Throws Error (E0803) when it
/// cannot be written; whatever `write` throws is thrown again, the temporary file removed.
void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write,
                           Durability durability = Durability::synced);

/// The output target that means standard output (`-o -`).
inline constexpr const char* kStandardOutput = "-";

/// Why `target` cannot take a command's output (Vietnamese, naming the path), or nullopt when it can. The rule every
/// command follows: "-" is standard output; any other target that exists must be a regular file (a symbolic link is
/// refused, never followed, and so are devices, FIFOs and folders), must not be one of `inputs` under any name (nor lie
/// inside an input that is a folder), and its folder must exist (it is never created).
std::optional<std::string> output_problem(const std::string& target,
                                          const std::vector<std::filesystem::path>& inputs = {});

/// Writes a command's result to `target`: "-" streams it to standard output; any other target must pass
/// output_problem() and is written atomically. Throws Error (E0803) when it cannot be written.
void write_output(const std::string& target, const Bytes& bytes, const std::vector<std::filesystem::path>& inputs = {});

/// Writes a command's result through `write`, given a seekable binary stream, so that a large result is never held:
/// to `target` as the other overload does, or for "-" to a temporary file without a name copied to standard output
/// once complete. When `write` returns false (the result cannot be made) nothing is written and false is returned.
/// Throws Error (E0803) when it cannot be written; whatever `write` throws is thrown again, nothing written.
bool write_output(const std::string& target, const std::function<bool(std::ostream&)>& write,
                  const std::vector<std::filesystem::path>& inputs = {});

/// Writes `bytes` to a temporary file beside `path`, flushes it, makes it read-only and links it into place, never
/// replacing a file already there: false (and nothing changed) when `path` exists. The new name is flushed too.
/// Throws Error on failure.
bool create_file_once(const std::filesystem::path& path, const Bytes& bytes);

/// An exclusive advisory lock (flock) on a file, created when missing, held for the life of the object.
class FileLock {
 public:
  enum class Wait {
    block,  ///< wait for another process to release it
    fail,   ///< throw when another process holds it
  };
  /// Takes the lock; throws Error with `code` (Vietnamese, naming the file) when the file cannot be opened or locked,
  /// or, with Wait::fail, when another process holds it.
  explicit FileLock(const std::filesystem::path& path, Wait wait = Wait::block, const char* code = "E0803");
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

/// Flushes everything written to the file system that holds `path` (after deferred writes). Throws Error.
void sync_filesystem(const std::filesystem::path& path);

}  // namespace vanban
