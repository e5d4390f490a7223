#include "pdfobj/flate.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "base/error.hpp"

namespace vanban::pdfobj {

std::optional<Bytes> inflate(std::string_view data, std::size_t max_size) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) throw Error(errors::kLibrary, "zlib: inflateInit failed");
  Bytes out;
  char buffer[16384];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  int status = Z_OK;
  while (status == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    status = ::inflate(&z, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) break;
    const std::size_t produced = sizeof buffer - z.avail_out;
    if (out.size() + produced > max_size) {
      status = Z_MEM_ERROR;
      break;
    }
    out.append(buffer, produced);
    if (status == Z_OK && produced == 0 && z.avail_in == 0) break;  // truncated input
  }
  inflateEnd(&z);
  if (status != Z_STREAM_END) return std::nullopt;
  return out;
}

Bytes deflate(std::string_view data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  Bytes out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
                static_cast<uLong>(data.size()), Z_BEST_COMPRESSION) != Z_OK)
    throw Error(errors::kLibrary, "zlib: compress2 failed");
  out.resize(size);
  return out;
}

std::optional<Bytes> undo_png_predictor(std::string_view data, int colors, int bits, int columns) {
  if (colors < 1 || colors > 32 || (bits != 1 && bits != 2 && bits != 4 && bits != 8 && bits != 16) || columns < 1 ||
      columns > (1 << 24))
    return std::nullopt;
  const auto pixel_bits = static_cast<std::size_t>(colors) * static_cast<std::size_t>(bits);
  const std::size_t row = (pixel_bits * static_cast<std::size_t>(columns) + 7) / 8;
  const std::size_t bpp = std::max<std::size_t>(1, pixel_bits / 8);
  if (data.size() % (row + 1) != 0) return std::nullopt;
  Bytes out;
  out.reserve(data.size() / (row + 1) * row);
  std::vector<unsigned char> previous(row, 0), current(row, 0);
  for (std::size_t offset = 0; offset < data.size(); offset += row + 1) {
    const auto filter = static_cast<unsigned char>(data[offset]);
    for (std::size_t i = 0; i < row; ++i) {
      const auto raw = static_cast<unsigned char>(data[offset + 1 + i]);
      const unsigned left = i >= bpp ? current[i - bpp] : 0U;
      const unsigned up = previous[i];
      const unsigned upper_left = i >= bpp ? previous[i - bpp] : 0U;
      unsigned predicted = 0;
      switch (filter) {
        case 0: predicted = 0; break;
        case 1: predicted = left; break;
        case 2: predicted = up; break;
        case 3: predicted = (left + up) / 2; break;
        case 4: {
          const int p = static_cast<int>(left + up) - static_cast<int>(upper_left);
          const int pa = std::abs(p - static_cast<int>(left));
          const int pb = std::abs(p - static_cast<int>(up));
          const int pc = std::abs(p - static_cast<int>(upper_left));
          predicted = pa <= pb && pa <= pc ? left : (pb <= pc ? up : upper_left);
          break;
        }
        default: return std::nullopt;
      }
      current[i] = static_cast<unsigned char>((raw + predicted) & 0xFFU);
    }
    out.append(reinterpret_cast<const char*>(current.data()), row);
    std::swap(previous, current);
  }
  return out;
}

}  // namespace vanban::pdfobj
