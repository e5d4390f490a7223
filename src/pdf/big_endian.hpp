#pragma once
// Internal to pdf: appending and patching big-endian integers in binary font and colour-profile data.

#include <cstddef>
#include <cstdint>

#include "base/bytes.hpp"

namespace vanban::pdf {

/// Appends the low 16 bits of `value`, most significant byte first.
inline void put16(Bytes& out, std::uint32_t value) {
  out += static_cast<char>((value >> 8U) & 0xFFU);
  out += static_cast<char>(value & 0xFFU);
}
/// Appends `value` as 4 bytes, most significant first.
inline void put32(Bytes& out, std::uint32_t value) {
  put16(out, value >> 16U);
  put16(out, value & 0xFFFFU);
}
/// Overwrites 2 bytes at `at`.
inline void set16(Bytes& out, std::size_t at, std::uint32_t value) {
  out[at] = static_cast<char>((value >> 8U) & 0xFFU);
  out[at + 1] = static_cast<char>(value & 0xFFU);
}
/// Overwrites 4 bytes at `at`.
inline void set32(Bytes& out, std::size_t at, std::uint32_t value) {
  set16(out, at, value >> 16U);
  set16(out, at + 2, value & 0xFFFFU);
}

}  // namespace vanban::pdf
