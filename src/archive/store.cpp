#include "archive/store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "archive/record.hpp"
#include "base/error.hpp"
#include "base/file_io.hpp"
#include "base/system_error.hpp"
#include "crypto/sha256.hpp"

namespace vanban::archive {

namespace {

constexpr std::size_t kMaxStoredFile = 1024U * 1024U * 1024U;
constexpr const char* kHeadMagic = "vanban-archive-head 1";

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path, int error_number) {
  throw Error("E0764", "kho lưu trữ: " + what + " " + path.string() + ": " + system_error_text(error_number));
}

void sync_directory(const std::filesystem::path& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) fail("không mở được thư mục", directory, errno);
  const int result = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (result != 0) fail("không ghi xuống đĩa được thư mục", directory, saved);
}

// Creates `directory` (one level) durably when it is missing.
void make_directory(const std::filesystem::path& directory) {
  if (::mkdir(directory.c_str(), 0755) == 0) {
    sync_directory(directory.parent_path().empty() ? std::filesystem::path(".") : directory.parent_path());
    return;
  }
  if (errno != EEXIST) fail("không tạo được thư mục", directory, errno);
}

}  // namespace

bool Store::exists() const { return std::filesystem::exists(head_path()); }

void Store::create() const {
  if (!std::filesystem::is_directory(root_)) {
    std::error_code ec;
    std::filesystem::create_directories(root_, ec);
    if (ec) fail("không tạo được thư mục", root_, ec.value());
    sync_directory(std::filesystem::absolute(root_).parent_path());
  }
  make_directory(root_ / "objects");
  if (exists()) return;
  FileLock lock(root_ / ".lock", FileLock::Wait::block, "E0764");
  if (exists()) return;
  write_file_atomically(head_path(), std::string(kHeadMagic) + "\n0\n" + std::string(kGenesisHash) + "\n");
}

std::filesystem::path Store::object_path(std::string_view sha256) const {
  if (!is_sha256_hex(sha256))
    throw Error("E0765",
                "mã SHA-256 không hợp lệ, không dùng làm tên tệp: \"" + std::string(sha256.substr(0, 80)) + "\"");
  return root_ / "objects" / std::string(sha256.substr(0, 2)) / (std::string(sha256) + ".pdf");
}

Store::Put Store::put(std::string_view sha256, std::string_view bytes) const {
  const std::filesystem::path path = object_path(sha256);
  const std::filesystem::path directory = path.parent_path();
  if (std::filesystem::exists(path)) {
    std::string problem;
    const auto existing = read(sha256, problem);
    return existing && crypto::sha256_hex(*existing) == sha256 ? Put::present : Put::conflict;
  }
  make_directory(directory);
  if (create_file_once(path, std::string(bytes))) return Put::written;
  // Another process stored it meanwhile: a stored file is never overwritten.
  std::string problem;
  const auto existing = read(sha256, problem);
  return existing && crypto::sha256_hex(*existing) == sha256 ? Put::present : Put::conflict;
}

std::optional<Bytes> Store::read(std::string_view sha256, std::string& problem) const {
  return read_file(object_path(sha256), kMaxStoredFile, problem);
}

std::optional<Store::Head> Store::read_head(std::string& problem) const {
  std::string error;
  const auto text = read_file(head_path(), 4096, error);
  if (!text) {
    problem = "tệp đầu chuỗi " + head_path().string() + ": " + error;
    return std::nullopt;
  }
  const auto lines = split_lines(*text);
  Head head;
  bool ok = lines.size() == 3 && lines[0] == kHeadMagic && is_sha256_hex(lines[2]) && !lines[1].empty() &&
            lines[1].size() < 19 && lines[1].find_first_not_of("0123456789") == std::string::npos;
  if (ok) {
    head.seq = std::stoll(lines[1]);
    head.hash = lines[2];
  } else {
    problem = "tệp đầu chuỗi " + head_path().string() + " sai định dạng";
    return std::nullopt;
  }
  return head;
}

void Store::advance_head(const Head& head) const {
  FileLock lock(root_ / ".lock", FileLock::Wait::block, "E0764");
  std::string problem;
  const auto current = read_head(problem);
  if (current && current->seq >= head.seq) return;
  write_file_atomically(head_path(),
                        std::string(kHeadMagic) + "\n" + std::to_string(head.seq) + "\n" + head.hash + "\n");
}

std::vector<std::string> Store::object_names() const {
  std::vector<std::string> names;
  std::error_code ec;
  const auto objects = root_ / "objects";
  for (const auto& folder : std::filesystem::directory_iterator(objects, ec)) {
    std::error_code inner;
    for (const auto& entry : std::filesystem::directory_iterator(folder.path(), inner))
      names.push_back(folder.path().filename().string() + "/" + entry.path().filename().string());
    if (!folder.is_directory()) names.push_back(folder.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace vanban::archive
