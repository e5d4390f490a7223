#include "text/numbers.hpp"

#include <unicode/locid.h>
#include <unicode/rbnf.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>

#include "base/error.hpp"
#include "text/case_mapping.hpp"

namespace vanban::text {

namespace {
// Pinned legal-style spell-out (../shared/PDF-NOTES.md §D): ICU's own "vi" rules change between versions
// and read 105 as "một trăm lẻ năm". Placeholders: @FOUR@ (bốn/tư), @LINH@ (linh/lẻ), @NGHIN@ (nghìn/ngàn).
constexpr const char* kRules =
    "%spellout-legal:\n"
    "-x: âm >>; 0: không; 1: một; 2: hai; 3: ba; 4: bốn; 5: năm; 6: sáu; 7: bảy; 8: tám; 9: chín;\n"
    "10: mười; 11: mười >%%teen>; 20: << mươi; 21: << mươi >%%x-ty>;\n"
    "100: << trăm; 101: << trăm >%%after-hundred>;\n"
    "1000: << @NGHIN@; 1001: << @NGHIN@ >%%group>;\n"
    "1000000: << triệu; 1000001: << triệu >%%group-m>;\n"
    "1000000000: << tỷ; 1000000001: << tỷ >%%group-b>;\n"
    "1000000000000000000: =#,##0=;\n"
    "%%teen: 0: =%spellout-legal=; 5: lăm; 6: =%spellout-legal=;\n"
    "%%x-ty: 0: =%spellout-legal=; 1: mốt; 2: =%%teen=; 4: @FOUR@; 5: =%%teen=;\n"
    "%%after-hundred: 0: @LINH@ =%spellout-legal=; 10: =%spellout-legal=;\n"
    "%%group: 0: không trăm =%%after-hundred=; 100: =%spellout-legal=;\n"
    "%%group-m: 0: =%%group=; 1000: <%%group< @NGHIN@; 1001: <%%group< @NGHIN@ >%%group>;\n"
    "%%group-b: 0: =%%group-m=; 1000000: <%%group< triệu; 1000001: <%%group< triệu >%%group-m>;\n";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

std::unique_ptr<icu::RuleBasedNumberFormat> make_formatter(const SpellOptions& options) {
  std::string rules = kRules;
  rules = replace_all(rules, "@FOUR@", options.four_as_tu ? "tư" : "bốn");
  rules = replace_all(rules, "@LINH@", options.zero_tens_as_le ? "lẻ" : "linh");
  rules = replace_all(rules, "@NGHIN@", options.thousand_as_ngan ? "ngàn" : "nghìn");
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error{};
  auto formatter = std::make_unique<icu::RuleBasedNumberFormat>(icu::UnicodeString::fromUTF8(rules), icu::Locale("vi"),
                                                                parse_error, status);
  if (U_FAILURE(status))
    throw Error(errors::kLibrary, std::string("spell-out rules rejected by ICU: ") + u_errorName(status) +
                                      " at rule line " + std::to_string(parse_error.line));
  return formatter;
}

// ICU formatters are not safe to share between threads: one per thread and option set.
icu::RuleBasedNumberFormat& formatter_for(const SpellOptions& options) {
  thread_local std::array<std::unique_ptr<icu::RuleBasedNumberFormat>, 8> cache;
  const std::size_t key =
      (options.four_as_tu ? 1U : 0U) | (options.zero_tens_as_le ? 2U : 0U) | (options.thousand_as_ngan ? 4U : 0U);
  if (!cache[key]) cache[key] = make_formatter(options);
  return *cache[key];
}
}  // namespace

std::string group_thousands(std::int64_t value) {
  const bool negative = value < 0;
  std::uint64_t magnitude = negative ? 0U - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  std::string digits = std::to_string(magnitude);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3 + 1);
  const std::size_t first_group = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out.append(digits, 0, first_group);
  for (std::size_t i = first_group; i < digits.size(); i += 3) {
    out += '.';
    out.append(digits, i, 3);
  }
  return negative ? "-" + out : out;
}

std::string format_money(std::int64_t dong) { return group_thousands(dong) + " đồng"; }

std::string spell_out(std::int64_t value, const SpellOptions& options) {
  icu::UnicodeString words;
  formatter_for(options).format(static_cast<int64_t>(value), words);
  std::string out;
  words.toUTF8String(out);
  return out;
}

std::string amount_in_words(std::int64_t dong, const SpellOptions& options) {
  return capitalize_first(spell_out(dong, options)) + " đồng";
}

std::string money_in_units(std::int64_t dong) {
  if (dong == 0) return "0 đồng";
  std::string out = dong < 0 ? "-" : "";
  const std::uint64_t magnitude = dong < 0 ? 0U - static_cast<std::uint64_t>(dong) : static_cast<std::uint64_t>(dong);
  const std::uint64_t billions = magnitude / 1000000000U;
  const std::uint64_t millions = magnitude / 1000000U % 1000U;
  const std::uint64_t thousands = magnitude / 1000U % 1000U;
  const std::uint64_t units = magnitude % 1000U;
  std::string words;
  const auto add = [&](std::uint64_t value, const char* unit) {
    if (value == 0) return;
    if (!words.empty()) words += ' ';
    words += group_thousands(static_cast<std::int64_t>(value));
    if (*unit != '\0') words += std::string(" ") + unit;
  };
  add(billions, "tỷ");
  add(millions, "triệu");
  add(thousands, "nghìn");
  add(units, "");
  return out + words + " đồng";
}

std::string format_percent(std::int64_t hundredths) {
  const bool negative = hundredths < 0;
  const std::uint64_t magnitude =
      negative ? 0U - static_cast<std::uint64_t>(hundredths) : static_cast<std::uint64_t>(hundredths);
  std::string out = negative ? "-" : "";
  out += group_thousands(static_cast<std::int64_t>(magnitude / 100));
  const auto fraction = magnitude % 100;
  if (fraction != 0) {
    out += ',';
    out += static_cast<char>('0' + fraction / 10);
    if (fraction % 10 != 0) out += static_cast<char>('0' + fraction % 10);
  }
  out += '%';
  return out;
}

std::string two_digits(std::int64_t value) {
  std::string digits = std::to_string(value);
  return (value >= 0 && value < 10) ? "0" + digits : digits;
}

}  // namespace vanban::text
