#pragma once
// Hexadecimal digits, written and read in one place (PDF hex strings and names, percent escapes, fingerprints).

#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.hpp"

namespace vanban::hex {

enum class Letters { upper, lower };

/// The value of a hexadecimal digit of either case, -1 for any other character.
int digit_value(char c);
/// Appends the two hexadecimal digits of `byte`.
void append_byte(std::string& out, unsigned char byte, Letters letters = Letters::upper);
/// Every byte of `bytes` as two hexadecimal digits.
std::string encode(std::string_view bytes, Letters letters = Letters::upper);
/// The bytes that pairs of hexadecimal digits stand for; nullopt for an odd count or a character that is not a digit.
std::optional<Bytes> decode(std::string_view digits);

}  // namespace vanban::hex
