#include "base/system_error.hpp"

#include <cerrno>

namespace vanban {

namespace {

struct Known {
  int number;
  const char* name;
  const char* text;
};

// The failures a command meets on files, folders, disks and pipes.
constexpr Known kKnown[] = {
    {ENOSPC, "ENOSPC", "ổ đĩa đã đầy"},
    {EDQUOT, "EDQUOT", "đã hết hạn mức dung lượng đĩa của người dùng"},
    {EFBIG, "EFBIG", "tệp vượt quá kích thước hệ thống cho phép"},
    {ENAMETOOLONG, "ENAMETOOLONG", "tên tệp hoặc đường dẫn quá dài"},
    {ENOENT, "ENOENT", "không có tệp hoặc thư mục này"},
    {ENOTDIR, "ENOTDIR", "một phần của đường dẫn không phải là thư mục"},
    {EISDIR, "EISDIR", "đây là một thư mục"},
    {EEXIST, "EEXIST", "tệp đã có"},
    {EACCES, "EACCES", "không có quyền truy cập"},
    {EPERM, "EPERM", "thao tác không được phép"},
    {EROFS, "EROFS", "ổ đĩa chỉ cho đọc"},
    {EIO, "EIO", "lỗi đọc/ghi của thiết bị"},
    {EBUSY, "EBUSY", "tệp hoặc thiết bị đang bận"},
    {ETXTBSY, "ETXTBSY", "tệp đang được chạy"},
    {ELOOP, "ELOOP", "quá nhiều liên kết tượng trưng lồng nhau"},
    {EXDEV, "EXDEV", "không đổi tên được sang ổ đĩa khác"},
    {EMFILE, "EMFILE", "tiến trình mở quá nhiều tệp"},
    {ENFILE, "ENFILE", "hệ thống mở quá nhiều tệp"},
    {ENOMEM, "ENOMEM", "không đủ bộ nhớ"},
    {EPIPE, "EPIPE", "đầu nhận dữ liệu đã đóng"},
    {EINVAL, "EINVAL", "tham số không hợp lệ"},
    {ENXIO, "ENXIO", "thiết bị không sẵn sàng"},
    {ENODEV, "ENODEV", "không có thiết bị"},
    {EAGAIN, "EAGAIN", "tài nguyên tạm thời không sẵn sàng"},
    {EINTR, "EINTR", "bị ngắt bởi tín hiệu"},
    {ENOTEMPTY, "ENOTEMPTY", "thư mục không trống"},
    {ESTALE, "ESTALE", "tệp trên ổ mạng không còn hợp lệ"},
    {ETIMEDOUT, "ETIMEDOUT", "hết thời gian chờ"},
};

}  // namespace

std::string system_error_text(int error_number) {
  for (const Known& known : kKnown)
    if (known.number == error_number) return std::string(known.text) + " (" + known.name + ")";
  return "lỗi hệ thống số " + std::to_string(error_number);
}

std::string system_error_text(const std::error_code& error) {
  if (error.category() == std::generic_category() || error.category() == std::system_category())
    return system_error_text(error.value());
  return "lỗi hệ thống số " + std::to_string(error.value());
}

}  // namespace vanban
