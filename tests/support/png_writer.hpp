#pragma once
// Test images: RGBA PNGs drawn in code (a blue signature stroke, a red seal), so no image is committed.

#include <zlib.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace vanban::test {

struct Rgba {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  ///< 4 bytes per pixel, rows top to bottom
  void set(int x, int y, std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a = 255) {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const auto i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4;
    pixels[i] = r;
    pixels[i + 1] = g;
    pixels[i + 2] = b;
    pixels[i + 3] = a;
  }
};

inline Rgba blank(int width, int height) {
  return Rgba{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width * height) * 4, 0)};
}

/// Encodes as PNG (8-bit RGBA); `dpi` > 0 adds a pHYs chunk.
inline std::string encode_png(const Rgba& image, double dpi = 0) {
  const auto chunk = [](const std::string& type, const std::string& data) {
    std::string out;
    const auto put32 = [&](std::uint32_t v) {
      for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFFU);
    };
    put32(static_cast<std::uint32_t>(data.size()));
    const std::string body = type + data;
    out += body;
    put32(static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
    return out;
  };
  const auto be32 = [](std::uint32_t v) {
    std::string out;
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFFU);
    return out;
  };
  std::string raw;
  for (int y = 0; y < image.height; ++y) {
    raw += '\0';
    raw.append(reinterpret_cast<const char*>(image.pixels.data()) + static_cast<std::size_t>(y * image.width) * 4,
               static_cast<std::size_t>(image.width) * 4);
  }
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::string packed(size, '\0');
  compress(reinterpret_cast<Bytef*>(packed.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
           static_cast<uLong>(raw.size()));
  packed.resize(size);
  std::string png = "\x89PNG\r\n\x1A\n";
  png += chunk("IHDR", be32(static_cast<std::uint32_t>(image.width)) + be32(static_cast<std::uint32_t>(image.height)) +
                           std::string("\x08\x06\x00\x00\x00", 5));
  if (dpi > 0) {
    const auto per_metre = static_cast<std::uint32_t>(std::lround(dpi / 0.0254));
    png += chunk("pHYs", be32(per_metre) + be32(per_metre) + std::string(1, '\x01'));
  }
  png += chunk("IDAT", packed);
  png += chunk("IEND", "");
  return png;
}

/// A blue handwritten-like stroke on a transparent background.
inline std::string signature_png() {
  Rgba image = blank(600, 200);
  for (int x = 20; x < 580; ++x) {
    const double centre = 100 + 60 * std::sin(x / 40.0) * std::cos(x / 97.0);
    for (int dy = -5; dy <= 5; ++dy) image.set(x, static_cast<int>(centre) + dy, 20, 40, 200);
  }
  return encode_png(image);
}

/// A red round seal, 36 mm at 300 dpi, transparent outside its rings.
inline std::string seal_png() {
  const int n = 425;
  Rgba image = blank(n, n);
  const double c = n / 2.0;
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      const double r = std::hypot(x - c, y - c);
      if ((r > c - 25 && r < c - 5) || (r > c - 70 && r < c - 62) || r < 30) image.set(x, y, 220, 20, 30);
    }
  return encode_png(image, 300);
}

}  // namespace vanban::test
