#include "base/file_io.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <string_view>
#include <system_error>

#include "base/error.hpp"
#include "base/system_error.hpp"

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
  throw Error(errors::kWrite, what + " " + path.string() + ": " + system_error_text(error_number), path.string());
}

// What is at `path` without following a symbolic link: nullopt when nothing is.
std::optional<std::filesystem::file_status> existing(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::symlink_status(path, ec);
  if (ec || status.type() == std::filesystem::file_type::not_found) return std::nullopt;
  return status;
}

std::string kind_of(std::filesystem::file_type type) {
  switch (type) {
    case std::filesystem::file_type::symlink: return "một liên kết tượng trưng";
    case std::filesystem::file_type::directory: return "một thư mục";
    case std::filesystem::file_type::fifo: return "một ống dẫn (FIFO)";
    case std::filesystem::file_type::character:
    case std::filesystem::file_type::block: return "một thiết bị";
    case std::filesystem::file_type::socket: return "một ổ cắm giao tiếp giữa các tiến trình";
    default: return "không phải tệp thông thường";
  }
}

// Why a file cannot be replaced at `path`: something other than a regular file is there.
std::optional<std::string> not_replaceable(const std::filesystem::path& path) {
  const auto status = existing(path);
  if (!status || status->type() == std::filesystem::file_type::regular) return std::nullopt;
  return path.string() + " là " + kind_of(status->type()) + ", không phải tệp thông thường: không ghi đè lên nó";
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
  if (fd < 0) fail("không tạo được tệp tạm để ghi", path, errno);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      ::unlink(temp_name.c_str());
      fail("không ghi được", path, saved);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, mode) != 0 || (durability == Durability::synced && ::fsync(fd) != 0)) {
    const int saved = errno;
    ::close(fd);
    ::unlink(temp_name.c_str());
    fail("không đẩy được dữ liệu xuống đĩa cho", path, saved);
  }
  if (::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temp_name.c_str());
    fail("không đóng được tệp tạm của", path, saved);
  }
  return temp_name;
}

}  // namespace

namespace {
// Renames the temporary file `temp_name` to `path` (only over a regular file), the rename flushed when asked.
void put_in_place(const std::string& temp_name, const std::filesystem::path& path, Durability durability) {
  if (const auto problem = not_replaceable(path)) {
    ::unlink(temp_name.c_str());
    throw Error(errors::kWrite, *problem, path.string());
  }
  if (::rename(temp_name.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp_name.c_str());
    fail("không đổi được tên tệp tạm thành", path, saved);
  }
  // Make the rename itself durable.
  if (durability == Durability::synced) sync_directory_of(path);
}
}  // namespace

void write_file_atomically(const std::filesystem::path& path, const Bytes& bytes, Durability durability) {
  // rename() would replace a link, a device node or a FIFO itself: only a regular file is ever replaced.
  if (const auto problem = not_replaceable(path)) throw Error(errors::kWrite, *problem, path.string());
  put_in_place(write_temporary(path, bytes, 0644, durability), path, durability);
}

void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write,
                           Durability durability) {
  if (const auto problem = not_replaceable(path)) throw Error(errors::kWrite, *problem, path.string());
  // An empty temporary file of ours (mode and name as for bytes), then filled through a stream.
  const std::string temp_name = write_temporary(path, Bytes(), 0644, Durability::deferred);
  try {
    std::ofstream out(temp_name, std::ios::binary | std::ios::trunc);
    if (!out) fail("không mở được tệp tạm để ghi", path, errno);
    write(out);
    out.close();
    if (!out) fail("không ghi được", path, errno);
    if (durability == Durability::synced) {
      const int fd = ::open(temp_name.c_str(), O_RDONLY);
      if (fd < 0 || ::fsync(fd) != 0) {
        const int saved = errno;
        if (fd >= 0) ::close(fd);
        fail("không đẩy được dữ liệu xuống đĩa cho", path, saved);
      }
      ::close(fd);
    }
  } catch (...) {
    ::unlink(temp_name.c_str());
    throw;
  }
  put_in_place(temp_name, path, durability);
}

bool create_file_once(const std::filesystem::path& path, const Bytes& bytes) {
  const std::string temp_name = write_temporary(path, bytes, 0444, Durability::synced);
  // link() never replaces an existing file, unlike rename().
  const int linked = ::link(temp_name.c_str(), path.c_str());
  const int saved = errno;
  ::unlink(temp_name.c_str());
  if (linked != 0) {
    if (saved == EEXIST) return false;
    fail("không tạo được liên kết từ tệp tạm tới", path, saved);
  }
  sync_directory_of(path);
  return true;
}

}  // namespace vanban

namespace vanban {

void sync_filesystem(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) fail("không mở được", path, errno);
  if (::syncfs(fd) != 0) {
    const int saved = errno;
    ::close(fd);
    fail("không đẩy được dữ liệu xuống đĩa của hệ thống tệp chứa", path, saved);
  }
  ::close(fd);
}

}  // namespace vanban

namespace vanban {

std::optional<std::string> output_problem(const std::string& target, const std::vector<std::filesystem::path>& inputs) {
  if (target == kStandardOutput) return std::nullopt;
  if (target.empty()) return std::string("tên tệp kết quả rỗng");
  const std::filesystem::path path(target);
  if (const auto problem = not_replaceable(path)) return problem;
  std::error_code ec;
  if (existing(path)) {
    for (const auto& input : inputs)
      if (std::filesystem::equivalent(path, input, ec))
        return target + " là tệp đầu vào " + input.string() + ": không ghi kết quả đè lên đầu vào";
  }
  // Where the file would go, with every link of its folder resolved (the file itself need not exist).
  const auto placed = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  for (const auto& input : inputs) {
    const auto status = std::filesystem::status(input, ec);
    if (ec || status.type() != std::filesystem::file_type::directory) continue;
    const auto folder = std::filesystem::canonical(input, ec);
    if (ec) continue;
    const auto relative = placed.lexically_relative(folder);
    if (!relative.empty() && *relative.begin() != "..")
      return target + " nằm trong thư mục đầu vào " + input.string() + ": không ghi kết quả vào đó";
  }
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const auto folder_status = std::filesystem::status(folder, ec);
  if (folder_status.type() == std::filesystem::file_type::not_found)
    return "thư mục " + folder.string() + " không tồn tại (hãy tạo thư mục trước khi ghi " + target + ")";
  if (folder_status.type() != std::filesystem::file_type::directory)
    return folder.string() + " không phải là thư mục (không ghi được " + target + ")";
  return std::nullopt;
}

namespace {

// Writes `bytes` to standard output whole (write() may take part of them). Throws Error (E0803).
void write_standard_output(std::string_view bytes) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(STDOUT_FILENO, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(errors::kWrite, "không ghi được ra đầu ra chuẩn: " + system_error_text(errno), kStandardOutput);
    }
    written += static_cast<std::size_t>(n);
  }
}

// Thrown through write_file_atomically to leave nothing when a writer gives up.
struct WriterGaveUp {};

}  // namespace

void write_output(const std::string& target, const Bytes& bytes, const std::vector<std::filesystem::path>& inputs) {
  if (const auto problem = output_problem(target, inputs)) throw Error(errors::kWrite, *problem, target);
  if (target != kStandardOutput) {
    write_file_atomically(target, bytes);
    return;
  }
  std::fflush(stdout);  // whatever the command printed before comes first
  write_standard_output(bytes);
}

bool write_output(const std::string& target, const std::function<bool(std::ostream&)>& write,
                  const std::vector<std::filesystem::path>& inputs) {
  if (const auto problem = output_problem(target, inputs)) throw Error(errors::kWrite, *problem, target);
  if (target != kStandardOutput) {
    try {
      write_file_atomically(target, [&](std::ostream& out) {
        if (!write(out)) throw WriterGaveUp{};
      });
    } catch (const WriterGaveUp&) {
      return false;
    }
    return true;
  }
  // Standard output cannot be sought nor taken back: a temporary file without a name (removed once open) first.
  std::string name = (std::filesystem::temp_directory_path() / "vanban-output-XXXXXX").string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) fail("không tạo được tệp tạm", name, errno);
  ::close(fd);
  std::fstream file(name, std::ios::binary | std::ios::in | std::ios::out | std::ios::trunc);
  ::unlink(name.c_str());
  if (!file) fail("không mở được tệp tạm", name, errno);
  if (!write(file)) return false;
  file.flush();
  file.seekg(0);
  if (!file) fail("không ghi được tệp tạm", name, errno);
  std::fflush(stdout);  // whatever the command printed before comes first
  std::string piece(1U << 20U, '\0');
  while (file.read(piece.data(), static_cast<std::streamsize>(piece.size())) || file.gcount() > 0)
    write_standard_output(std::string_view(piece.data(), static_cast<std::size_t>(file.gcount())));
  return true;
}

}  // namespace vanban

namespace vanban {

FileLock::FileLock(const std::filesystem::path& path, Wait wait, const char* code)
    : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
  if (fd_ < 0)
    throw Error(code, "không mở được tệp khóa " + path.string() + ": " + system_error_text(errno), path.string());
  const int operation = wait == Wait::block ? LOCK_EX : LOCK_EX | LOCK_NB;
  while (::flock(fd_, operation) != 0) {
    if (errno == EINTR) continue;
    const int saved = errno;
    ::close(fd_);
    if (saved == EWOULDBLOCK)
      throw Error(code,
                  path.parent_path().string() + " đang được một tiến trình vanban khác dùng (" + path.string() +
                      " đang bị khóa)",
                  path.string());
    throw Error(code, "không khóa được " + path.string() + ": " + system_error_text(saved), path.string());
  }
}

FileLock::~FileLock() { ::close(fd_); }

}  // namespace vanban
