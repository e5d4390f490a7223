#include "sign/png_image.hpp"

#include <png.h>

#include <vector>

namespace vanban::sign {

namespace {

std::uint32_t be32(std::string_view data, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(data[at])) << 24U) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + 1])) << 16U) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + 2])) << 8U) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + 3]));
}

// The physical resolution from the pHYs chunk (libpng's simplified API does not report it).
void read_resolution(std::string_view data, RasterImage& image) {
  std::size_t at = 8;
  while (at + 12 <= data.size()) {
    const std::uint32_t length = be32(data, at);
    const std::string_view type = data.substr(at + 4, 4);
    if (length > data.size() - at - 12) return;
    if (type == "IDAT" || type == "IEND") return;
    if (type == "pHYs" && length == 9 && data[at + 16] == 1) {
      image.dpi_x = be32(data, at + 8) * 0.0254;
      image.dpi_y = be32(data, at + 12) * 0.0254;
      return;
    }
    at += 12 + length;
  }
}

}  // namespace

std::optional<RasterImage> decode_png(std::string_view data, std::string& problem) {
  if (data.size() < 8 || png_sig_cmp(reinterpret_cast<png_const_bytep>(data.data()), 0, 8) != 0) {
    problem = "không phải tệp ảnh PNG";
    return std::nullopt;
  }
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_memory(&png, data.data(), data.size()) == 0) {
    problem = std::string("ảnh PNG bị hỏng (") + png.message + ")";
    return std::nullopt;
  }
  if (png.width == 0 || png.height == 0 || png.width > kMaxImageSide || png.height > kMaxImageSide) {
    png_image_free(&png);
    problem = "ảnh PNG quá lớn (tối đa " + std::to_string(kMaxImageSide) + " × " + std::to_string(kMaxImageSide) +
              " điểm ảnh)";
    return std::nullopt;
  }
  png.format = PNG_FORMAT_RGBA;
  std::vector<png_byte> pixels(PNG_IMAGE_SIZE(png));
  if (png_image_finish_read(&png, nullptr, pixels.data(), 0, nullptr) == 0) {
    problem = std::string("ảnh PNG bị hỏng (") + png.message + ")";
    png_image_free(&png);
    return std::nullopt;
  }
  RasterImage image;
  image.width = static_cast<int>(png.width);
  image.height = static_cast<int>(png.height);
  const std::size_t count = static_cast<std::size_t>(png.width) * png.height;
  image.rgb.resize(count * 3);
  const std::size_t row_bytes = (static_cast<std::size_t>(png.width) + 7) / 8;
  Bytes mask(row_bytes * png.height, '\0');
  bool transparent = false;
  for (std::size_t i = 0; i < count; ++i) {
    image.rgb[i * 3] = static_cast<char>(pixels[i * 4]);
    image.rgb[i * 3 + 1] = static_cast<char>(pixels[i * 4 + 1]);
    image.rgb[i * 3 + 2] = static_cast<char>(pixels[i * 4 + 2]);
    if (pixels[i * 4 + 3] < 128) {
      transparent = true;
      const std::size_t x = i % png.width;
      const std::size_t y = i / png.width;
      auto& byte = mask[y * row_bytes + x / 8];
      byte = static_cast<char>(static_cast<unsigned char>(byte) | (0x80U >> (x % 8)));
    }
  }
  if (transparent) image.mask = std::move(mask);
  read_resolution(data, image);
  return image;
}

}  // namespace vanban::sign
