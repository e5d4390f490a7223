#pragma once
// Reads the PNG files poppler's pdftoppm and librsvg's rsvg-convert write (8 bits per sample, not interlaced; grey,
// grey and alpha, RGB or RGBA) as grey levels over white paper, for comparing renderings pixel by pixel.

#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

namespace vanban::test {

/// A grey image, 0 black to 255 white, row by row.
struct GreyImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;
  [[nodiscard]] int at(int x, int y) const {
    return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)];
  }
};

/// The image, or nullopt for a PNG this reader does not take.
inline std::optional<GreyImage> read_png(const std::string& bytes) {
  const auto u32 = [&](std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) << 24U |
           static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16U |
           static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8U |
           static_cast<unsigned char>(bytes[at + 3]);
  };
  if (bytes.size() < 8 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return std::nullopt;
  GreyImage image;
  int colour = -1;
  std::string compressed;
  for (std::size_t at = 8; at + 12 <= bytes.size();) {
    const std::uint32_t length = u32(at);
    const std::string type = bytes.substr(at + 4, 4);
    if (at + 12 + length > bytes.size()) return std::nullopt;
    if (type == "IHDR") {
      image.width = static_cast<int>(u32(at + 8));
      image.height = static_cast<int>(u32(at + 12));
      if (bytes[at + 16] != 8 || bytes[at + 20] != 0) return std::nullopt;  // depth 8, no interlace
      colour = bytes[at + 17];
    } else if (type == "IDAT") {
      compressed += bytes.substr(at + 8, length);
    }
    at += 12 + length;
  }
  const int channels = colour == 0 ? 1 : colour == 4 ? 2 : colour == 2 ? 3 : colour == 6 ? 4 : 0;
  if (channels == 0 || image.width <= 0 || image.height <= 0) return std::nullopt;
  const std::size_t stride = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(channels);
  std::vector<std::uint8_t> raw((stride + 1) * static_cast<std::size_t>(image.height));
  uLongf raw_size = static_cast<uLongf>(raw.size());
  if (uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(compressed.data()),
                 static_cast<uLong>(compressed.size())) != Z_OK ||
      raw_size != raw.size())
    return std::nullopt;
  // Undo the filters (PNG §9), row by row.
  std::vector<std::uint8_t> previous(stride, 0), row(stride);
  image.pixels.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height));
  const auto bpp = static_cast<std::size_t>(channels);
  for (int y = 0; y < image.height; ++y) {
    const std::uint8_t* line = raw.data() + static_cast<std::size_t>(y) * (stride + 1);
    const int filter = line[0];
    for (std::size_t i = 0; i < stride; ++i) {
      const int a = i >= bpp ? row[i - bpp] : 0;
      const int b = previous[i];
      const int c = i >= bpp ? previous[i - bpp] : 0;
      int predicted = 0;
      switch (filter) {
        case 1: predicted = a; break;
        case 2: predicted = b; break;
        case 3: predicted = (a + b) / 2; break;
        case 4: {
          const int p = a + b - c;
          const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
          predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: break;
      }
      row[i] = static_cast<std::uint8_t>((line[1 + i] + predicted) & 0xFF);
    }
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* p = row.data() + static_cast<std::size_t>(x) * bpp;
      const int grey = channels <= 2 ? p[0] : (299 * p[0] + 587 * p[1] + 114 * p[2]) / 1000;
      const int alpha = channels == 2 ? p[1] : channels == 4 ? p[3] : 255;
      image.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x)] =
          static_cast<std::uint8_t>((grey * alpha + 255 * (255 - alpha)) / 255);  // over white paper
    }
    previous = row;
  }
  return image;
}

}  // namespace vanban::test
