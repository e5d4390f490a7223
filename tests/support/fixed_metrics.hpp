#pragma once
// Synthetic font metrics for layout tests: every character 500/1000 em wide, a space 250/1000,
// ascent 800, descent -200; "~" has no glyph. Expected positions are then plain arithmetic.

#include "layout/font_metrics.hpp"

namespace vanban::test {

class FixedMetrics final : public layout::FontMetrics {
 public:
  [[nodiscard]] std::optional<int> advance(layout::Face, char32_t cp) const override {
    if (cp == U'~') return std::nullopt;
    return cp == U' ' ? 250 : 500;
  }
  [[nodiscard]] layout::FaceMetrics metrics(layout::Face) const override { return {800, -200, 700}; }
  [[nodiscard]] const char* face_name(layout::Face) const override { return "Fixed"; }
};

}  // namespace vanban::test
