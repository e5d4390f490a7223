#pragma once
// What layout needs to know about fonts; implemented by the pdf module over fonts/, and by tests with
// fixed synthetic metrics so that expected positions are arithmetic.

#include <optional>

namespace vanban::layout {

/// The four faces of the body font (Liberation Serif in production).
enum class Face { regular = 0, bold = 1, italic = 2, bold_italic = 3 };

inline constexpr int kFaceCount = 4;

/// Face from style flags.
constexpr Face face_of(bool bold, bool italic) {
  return bold ? (italic ? Face::bold_italic : Face::bold) : (italic ? Face::italic : Face::regular);
}

/// Vertical metrics in thousandths of an em.
struct FaceMetrics {
  int ascent = 0;   ///< positive
  int descent = 0;  ///< negative
  int cap_height = 0;
};

class FontMetrics {
 public:
  virtual ~FontMetrics() = default;
  /// Advance width of the character in thousandths of an em (the value the PDF /W array states), or nullopt
  /// when the face has no glyph for it.
  [[nodiscard]] virtual std::optional<int> advance(Face face, char32_t code_point) const = 0;
  [[nodiscard]] virtual FaceMetrics metrics(Face face) const = 0;
  /// The face's name for messages ("Liberation Serif Bold").
  [[nodiscard]] virtual const char* face_name(Face face) const = 0;
};

}  // namespace vanban::layout
