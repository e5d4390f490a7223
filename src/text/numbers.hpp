#pragma once
// Vietnamese numbers and money as legal documents write them.

#include <cstdint>
#include <string>

namespace vanban::text {

/// Reading variants that differ between regions and software (../shared/DOMAIN.md §7).
struct SpellOptions {
  bool four_as_tu = false;        ///< 24 → "hai mươi tư" instead of "hai mươi bốn"
  bool zero_tens_as_le = false;   ///< 105 → "một trăm lẻ năm" instead of "linh"
  bool thousand_as_ngan = false;  ///< "ngàn" instead of "nghìn"
};

/// Digits grouped by "." : 52870000 → "52.870.000"; negative numbers get a leading "-".
std::string group_thousands(std::int64_t value);

/// "52.870.000 đồng".
std::string format_money(std::int64_t dong);

/// The number in words, lower case, from a pinned rule set (ICU RBNF): 105 → "một trăm linh năm".
/// Valid for |value| ≤ 999.999.999.999.999.
std::string spell_out(std::int64_t value, const SpellOptions& options = {});

/// The amount in words as decisions write it in brackets: "Năm mươi hai triệu tám trăm bảy mươi nghìn đồng".
std::string amount_in_words(std::int64_t dong, const SpellOptions& options = {});

/// A large sum the way offices write it in reports: 1088473419000 → "1.088 tỷ 473 triệu 419 nghìn đồng" (empty groups
/// left out; 0 → "0 đồng").
std::string money_in_units(std::int64_t dong);

/// A percentage from hundredths of a percent with a decimal comma: 5287 → "52,87%".
std::string format_percent(std::int64_t hundredths);

/// Numbers below 10 with a leading zero, as Nghị định 30 writes document numbers: 5 → "05".
std::string two_digits(std::int64_t value);

}  // namespace vanban::text
