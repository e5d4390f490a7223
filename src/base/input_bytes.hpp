#pragma once
// The bytes of an input file as a reader takes them: borrowed from the caller or handed over to the reader.

#include <string>
#include <string_view>
#include <utility>

namespace vanban {

/// An input file's bytes: borrowed (the caller keeps them; they must outlive the read) or handed over (the reader may
/// parse them in place, writing over them, and frees them when it is done: a large file is then never held twice).
class InputBytes {
 public:
  /// Borrows the bytes.
  InputBytes(std::string_view bytes) : view_(bytes) {}  // NOLINT(google-explicit-constructor): borrowing is the norm
  /// Borrows the string's bytes.
  InputBytes(const std::string& bytes) : view_(bytes) {}  // NOLINT(google-explicit-constructor)
  /// Borrows a NUL-terminated string.
  InputBytes(const char* bytes) : view_(bytes) {}  // NOLINT(google-explicit-constructor)
  /// Takes the bytes over.
  InputBytes(std::string&& bytes)  // NOLINT(google-explicit-constructor): std::move(bytes) says it
      : owned_(std::move(bytes)), view_(owned_), handed_over_(true) {}
  /// Moves the bytes on (handed over ones stay handed over).
  InputBytes(InputBytes&& other) noexcept
      : owned_(std::move(other.owned_)),
        view_(other.handed_over_ ? std::string_view(owned_) : other.view_),
        handed_over_(other.handed_over_) {}
  InputBytes(const InputBytes&) = delete;
  InputBytes& operator=(const InputBytes&) = delete;
  InputBytes& operator=(InputBytes&&) = delete;
  ~InputBytes() = default;

  /// The bytes (those taken by `take()` are no longer here).
  [[nodiscard]] std::string_view view() const { return view_; }
  /// Whether the bytes were handed over (and not yet taken).
  [[nodiscard]] bool handed_over() const { return handed_over_; }
  /// The bytes handed over, taken out (nothing is left here); only when `handed_over()`.
  [[nodiscard]] std::string take() {
    handed_over_ = false;
    view_ = {};
    return std::move(owned_);
  }

 private:
  std::string owned_;
  std::string_view view_;
  bool handed_over_ = false;
};

}  // namespace vanban
