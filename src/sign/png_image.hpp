#pragma once
// Internal to sign: reading a PNG (libpng) into what PDF/A-1 can show. PDF/A-1 forbids soft masks (SMask),
// so transparency becomes a 1-bit stencil /Mask: a pixel is painted when its alpha is at least half.

#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.hpp"

namespace vanban::sign {

struct RasterImage {
  int width = 0;
  int height = 0;
  Bytes rgb;                  ///< 8-bit RGB samples, rows top to bottom
  std::optional<Bytes> mask;  ///< 1 bit per pixel, rows padded to bytes; 0 = painted, 1 = transparent
  double dpi_x = 0;           ///< from pHYs when it gives metres; 0 when unknown
  double dpi_y = 0;
};

/// Decodes a PNG; nullopt with `problem` (Vietnamese) when it is not a PNG, is corrupt or too large.
std::optional<RasterImage> decode_png(std::string_view data, std::string& problem);

/// Largest width or height accepted, in pixels.
constexpr int kMaxImageSide = 8000;

}  // namespace vanban::sign
