#include "base/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "base/error.hpp"

namespace vanban {

std::optional<Bytes> read_file(const std::filesystem::path& path, std::size_t max_size, std::string& error) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    error = std::filesystem::exists(path, ec) ? "không phải là tệp thông thường" : "không tìm thấy tệp";
    return std::nullopt;
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    error = "không đọc được tệp";
    return std::nullopt;
  }
  if (size > max_size) {
    error = "tệp quá lớn (" + std::to_string(size) + " byte, giới hạn " + std::to_string(max_size) + " byte)";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "không mở được tệp";
    return std::nullopt;
  }
  Bytes bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size) {
    error = "không đọc được toàn bộ tệp";
    return std::nullopt;
  }
  return bytes;
}

namespace {
[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path, int error_number) {
  throw Error(errors::kWrite, what + " " + path.string() + ": " + std::strerror(error_number), path.string());
}
}  // namespace

namespace {

void sync_directory_of(const std::filesystem::path& path) {
  const std::filesystem::path directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const int dir_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
}

// Writes `bytes` to a new temporary file beside `path` with `mode`, flushed when `durability` says so, and
// returns its name. Throws Error (and leaves nothing behind) on failure.
std::string write_temporary(const std::filesystem::path& path, const Bytes& bytes, mode_t mode, Durability durability) {
  const std::filesystem::path directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string hidden_name = ".";
  hidden_name += path.filename().string();
  hidden_name += ".XXXXXX";
  std::string temp_name = (directory / hidden_name).string();
  const int fd = ::mkstemp(temp_name.data());
  if (fd < 0) fail("cannot create a temporary file for", path, errno);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      ::unlink(temp_name.c_str());
      fail("cannot write", path, saved);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, mode) != 0 || (durability == Durability::synced && ::fsync(fd) != 0)) {
    const int saved = errno;
    ::close(fd);
    ::unlink(temp_name.c_str());
    fail("cannot flush", path, saved);
  }
  if (::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temp_name.c_str());
    fail("cannot close", path, saved);
  }
  return temp_name;
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, const Bytes& bytes, Durability durability) {
  const std::string temp_name = write_temporary(path, bytes, 0644, durability);
  if (::rename(temp_name.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp_name.c_str());
    fail("cannot rename the temporary file to", path, saved);
  }
  // Make the rename itself durable.
  if (durability == Durability::synced) sync_directory_of(path);
}

bool create_file_once(const std::filesystem::path& path, const Bytes& bytes) {
  const std::string temp_name = write_temporary(path, bytes, 0444, Durability::synced);
  // link() never replaces an existing file, unlike rename().
  const int linked = ::link(temp_name.c_str(), path.c_str());
  const int saved = errno;
  ::unlink(temp_name.c_str());
  if (linked != 0) {
    if (saved == EEXIST) return false;
    fail("cannot link the temporary file to", path, saved);
  }
  sync_directory_of(path);
  return true;
}

}  // namespace vanban

namespace vanban {

void sync_filesystem(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) fail("cannot open", path, errno);
  if (::syncfs(fd) != 0) {
    const int saved = errno;
    ::close(fd);
    fail("cannot flush the file system of", path, saved);
  }
  ::close(fd);
}

}  // namespace vanban
