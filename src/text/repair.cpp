#include "text/repair.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/utf8.hpp"
#include "text/normalize.hpp"

namespace vanban::text {

namespace {

// ---- Unicode helpers ---------------------------------------------------------------------------------------

constexpr char32_t kGrave = 0x0300;
constexpr char32_t kAcute = 0x0301;
constexpr char32_t kCircumflex = 0x0302;
constexpr char32_t kTilde = 0x0303;
constexpr char32_t kBreve = 0x0306;
constexpr char32_t kHook = 0x0309;
constexpr char32_t kHorn = 0x031B;
constexpr char32_t kDotBelow = 0x0323;

// The five tone marks in the order TCVN3 lays out each vowel's codes: huyền, hỏi, ngã, sắc, nặng.
constexpr std::array<char32_t, 5> kTones = {kGrave, kHook, kTilde, kAcute, kDotBelow};

bool is_tone(char32_t c) { return std::find(kTones.begin(), kTones.end(), c) != kTones.end(); }

bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char32_t lower(char32_t c) { return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))); }
char32_t upper(char32_t c) { return static_cast<char32_t>(u_toupper(static_cast<UChar32>(c))); }
bool is_upper(char32_t c) { return u_isupper(static_cast<UChar32>(c)) != 0; }
bool is_lower(char32_t c) { return u_islower(static_cast<UChar32>(c)) != 0; }
bool is_letter(char32_t c) { return u_isalpha(static_cast<UChar32>(c)) != 0; }

std::u32string nfc(std::u32string_view text) { return utf8::to_u32(to_nfc(utf8::from_u32(text))); }

std::u32string nfd(std::u32string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status) || normalizer == nullptr) throw Error(errors::kLibrary, "ICU NFD normalizer unavailable");
  const std::string utf8 = utf8::from_u32(text);
  const auto source = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  const icu::UnicodeString result = normalizer->normalize(source, status);
  if (U_FAILURE(status)) throw Error(errors::kLibrary, "ICU NFD normalization failed");
  std::string out;
  result.toUTF8String(out);
  return utf8::to_u32(out);
}

// ---- ICU converters (Windows-1252 and Windows-1258) ------------------------------------------------------

class Converter {
 public:
  explicit Converter(const char* name) {
    UErrorCode status = U_ZERO_ERROR;
    converter_ = ucnv_open(name, &status);
    if (U_FAILURE(status) || converter_ == nullptr)
      throw Error(errors::kLibrary, std::string("ICU has no converter for ") + name);
    status = U_ZERO_ERROR;
    ucnv_setFromUCallBack(converter_, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    ucnv_setToUCallBack(converter_, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  }
  ~Converter() { ucnv_close(converter_); }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;

  // Bytes to code points; nullopt when a byte has no mapping.
  std::optional<std::u32string> decode(std::string_view bytes) {
    ucnv_reset(converter_);
    std::vector<UChar> out(bytes.size() * 2 + 2);
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length = ucnv_toUChars(converter_, out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                                         static_cast<int32_t>(bytes.size()), &status);
    if (U_FAILURE(status)) return std::nullopt;
    std::string utf8;
    icu::UnicodeString(out.data(), length).toUTF8String(utf8);
    return utf8::to_u32(utf8);
  }

  // Code points to bytes; nullopt when one has no mapping.
  std::optional<std::string> encode(std::u32string_view text) {
    ucnv_reset(converter_);
    const std::string utf8 = utf8::from_u32(text);
    const auto source = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    std::string out(static_cast<std::size_t>(source.length()) * 4 + 4, '\0');
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length = ucnv_fromUChars(converter_, out.data(), static_cast<int32_t>(out.size()), source.getBuffer(),
                                           source.length(), &status);
    if (U_FAILURE(status)) return std::nullopt;
    out.resize(static_cast<std::size_t>(length));
    return out;
  }

 private:
  UConverter* converter_ = nullptr;
};

// Windows-1252 as a bijection between the 256 byte values and code points: ICU maps the five bytes the code
// page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) to the C1 controls, as Latin-1 readers do.
struct ByteTable {
  std::array<char32_t, 256> to_unicode{};
  std::map<char32_t, unsigned char> to_byte;
};

const ByteTable& windows_1252() {
  static const ByteTable table = [] {
    ByteTable t;
    Converter converter("windows-1252");
    for (unsigned byte = 0; byte < 256; ++byte) {
      const auto decoded = converter.decode(std::string(1, static_cast<char>(byte)));
      const char32_t cp = decoded && decoded->size() == 1 ? decoded->front() : static_cast<char32_t>(byte);
      t.to_unicode[byte] = cp;
      t.to_byte.emplace(cp, static_cast<unsigned char>(byte));
    }
    return t;
  }();
  return table;
}

// The bytes a Windows-1252 reader turned into `text`; nullopt when some character cannot come from one byte.
std::optional<std::string> bytes_behind(std::u32string_view text) {
  const ByteTable& table = windows_1252();
  std::string bytes;
  bytes.reserve(text.size());
  for (const char32_t c : text) {
    const auto it = table.to_byte.find(c);
    if (it == table.to_byte.end()) return std::nullopt;
    bytes += static_cast<char>(it->second);
  }
  return bytes;
}

char32_t misread(unsigned char byte) { return windows_1252().to_unicode[byte]; }

// ---- TCVN3 (ABC) --------------------------------------------------------------------------------------------
// TCVN 5712:1993, table VN3: ASCII below 0x80; each vowel's five toned lower-case letters at fixed codes; the
// seven letters ă â ê ô ơ ư đ and their capitals; no capitals with tone marks (typists used the "H" fonts,
// whose lower-case codes draw capitals).

struct Tcvn3Vowel {
  char32_t base;
  std::array<unsigned char, 5> codes;  // in kTones order
};

constexpr std::array<Tcvn3Vowel, 12> kTcvn3Vowels = {{
    {U'a', {0xB5, 0xB6, 0xB7, 0xB8, 0xB9}},
    {U'ă', {0xBB, 0xBC, 0xBD, 0xBE, 0xC6}},
    {U'â', {0xC7, 0xC8, 0xC9, 0xCA, 0xCB}},
    {U'e', {0xCC, 0xCE, 0xCF, 0xD0, 0xD1}},
    {U'ê', {0xD2, 0xD3, 0xD4, 0xD5, 0xD6}},
    {U'i', {0xD7, 0xD8, 0xDC, 0xDD, 0xDE}},
    {U'o', {0xDF, 0xE1, 0xE2, 0xE3, 0xE4}},
    {U'ô', {0xE5, 0xE6, 0xE7, 0xE8, 0xE9}},
    {U'ơ', {0xEA, 0xEB, 0xEC, 0xED, 0xEE}},
    {U'u', {0xEF, 0xF1, 0xF2, 0xF3, 0xF4}},
    {U'ư', {0xF5, 0xF6, 0xF7, 0xF8, 0xF9}},
    {U'y', {0xFA, 0xFB, 0xFC, 0xFD, 0xFE}},
}};

constexpr std::array<std::pair<unsigned char, char32_t>, 14> kTcvn3Letters = {{
    {0xA8, U'ă'},
    {0xA9, U'â'},
    {0xAA, U'ê'},
    {0xAB, U'ô'},
    {0xAC, U'ơ'},
    {0xAD, U'ư'},
    {0xAE, U'đ'},
    {0xA1, U'Ă'},
    {0xA2, U'Â'},
    {0xA3, U'Ê'},
    {0xA4, U'Ô'},
    {0xA5, U'Ơ'},
    {0xA6, U'Ư'},
    {0xA7, U'Đ'},
}};

struct Tcvn3Table {
  std::array<char32_t, 256> to_unicode{};  // 0: no letter at this code
  std::map<char32_t, unsigned char> to_byte;
};

const Tcvn3Table& tcvn3() {
  static const Tcvn3Table table = [] {
    Tcvn3Table t;
    for (unsigned byte = 0; byte < 0x80; ++byte) t.to_unicode[byte] = byte;
    for (const auto& vowel : kTcvn3Vowels) {
      for (std::size_t tone = 0; tone < kTones.size(); ++tone) {
        const std::u32string letter = nfc(std::u32string{vowel.base, kTones[tone]});
        t.to_unicode[vowel.codes[tone]] = letter.front();
      }
    }
    for (const auto& [byte, letter] : kTcvn3Letters) t.to_unicode[byte] = letter;
    for (unsigned byte = 0x80; byte < 256; ++byte)
      if (t.to_unicode[byte] != 0) t.to_byte.emplace(t.to_unicode[byte], static_cast<unsigned char>(byte));
    return t;
  }();
  return table;
}

std::u32string decode_tcvn3(std::string_view bytes) {
  const Tcvn3Table& table = tcvn3();
  std::u32string out;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += table.to_unicode[byte] != 0 ? table.to_unicode[byte] : misread(byte);
  }
  return out;
}

std::optional<std::string> encode_tcvn3(std::u32string_view text) {
  const Tcvn3Table& table = tcvn3();
  std::string out;
  for (const char32_t c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
      continue;
    }
    auto it = table.to_byte.find(c);
    if (it == table.to_byte.end()) it = table.to_byte.find(lower(c));  // a capital with a tone mark: "H" font
    if (it == table.to_byte.end()) return std::nullopt;
    out += static_cast<char>(it->second);
  }
  return out;
}

// ---- VNI-Windows --------------------------------------------------------------------------------------------
// A base letter in ASCII followed by one byte for its marks; ơ ư đ and the toned i, and ỵ, are single bytes.
// Every mark byte has a lower-case form (after a lower-case letter) and a capital form (0x20 lower).

struct VniMark {
  unsigned char code;  // lower-case form
  char32_t modifier;   // 0, kCircumflex or kBreve
  char32_t tone;       // 0 or a tone mark
};

constexpr std::array<VniMark, 17> kVniMarks = {{
    {0xF8, 0, kGrave},
    {0xF9, 0, kAcute},
    {0xFB, 0, kHook},
    {0xF5, 0, kTilde},
    {0xEF, 0, kDotBelow},
    {0xE2, kCircumflex, 0},
    {0xE0, kCircumflex, kGrave},
    {0xE1, kCircumflex, kAcute},
    {0xE5, kCircumflex, kHook},
    {0xE3, kCircumflex, kTilde},
    {0xE4, kCircumflex, kDotBelow},
    {0xEA, kBreve, 0},
    {0xE8, kBreve, kGrave},
    {0xE9, kBreve, kAcute},
    {0xFA, kBreve, kHook},
    {0xFC, kBreve, kTilde},
    {0xEB, kBreve, kDotBelow},
}};

constexpr std::array<std::pair<unsigned char, char32_t>, 9> kVniLetters = {{
    {0xF4, U'ơ'},
    {0xF6, U'ư'},
    {0xF1, U'đ'},
    {0xEC, U'ì'},
    {0xED, U'í'},
    {0xE6, U'ỉ'},
    {0xF3, U'ĩ'},
    {0xF2, U'ị'},
    {0xEE, U'ỵ'},
}};

constexpr unsigned char kVniCapitalOffset = 0x20;

const VniMark* find_vni_mark(unsigned char byte) {
  for (const auto& mark : kVniMarks)
    if (mark.code == byte || mark.code - kVniCapitalOffset == byte) return &mark;
  return nullptr;
}

std::optional<char32_t> find_vni_letter(unsigned char byte) {
  for (const auto& [code, letter] : kVniLetters) {
    if (code == byte) return letter;
    if (code - kVniCapitalOffset == byte) return upper(letter);
  }
  return std::nullopt;
}

bool is_vowel(char32_t base) {
  static const std::u32string_view vowels = U"aăâeêioôơuưy";
  return vowels.find(base) != std::u32string_view::npos;
}

std::u32string decode_vni(std::string_view bytes) {
  std::u32string out;
  // The letter the next mark byte would apply to: its lower-case base and what it carries already.
  char32_t base = 0;
  bool has_modifier = false;
  bool has_tone = false;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out += static_cast<char32_t>(byte);
      base = is_vowel(lower(byte)) ? lower(byte) : 0;
      has_modifier = has_tone = false;
      continue;
    }
    if (const VniMark* mark = find_vni_mark(byte); mark != nullptr && base != 0) {
      bool fits = !(mark->tone != 0 && has_tone);
      if (mark->modifier == kCircumflex) fits = fits && !has_modifier && (base == U'a' || base == U'e' || base == U'o');
      if (mark->modifier == kBreve) fits = fits && !has_modifier && base == U'a';
      if (fits) {
        if (mark->modifier != 0) out += mark->modifier;
        if (mark->tone != 0) out += mark->tone;
        has_modifier = has_modifier || mark->modifier != 0;
        has_tone = has_tone || mark->tone != 0;
        continue;
      }
    }
    if (const auto letter = find_vni_letter(byte)) {
      out += *letter;
      const std::u32string parts = nfd(std::u32string(1, lower(*letter)));
      base = is_vowel(parts.front()) ? parts.front() : 0;
      has_modifier = parts.find(kHorn) != std::u32string::npos;
      has_tone = std::any_of(parts.begin(), parts.end(), is_tone);
      continue;
    }
    out += misread(byte);
    base = 0;
  }
  return nfc(out);
}

std::optional<std::string> encode_vni(std::u32string_view text) {
  std::string out;
  for (const char32_t c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
      continue;
    }
    const bool capital = is_upper(c);
    const auto offset = static_cast<unsigned char>(capital ? kVniCapitalOffset : 0);
    // A single-byte letter (ơ ư đ, toned i, ỵ)?
    bool single = false;
    for (const auto& [code, letter] : kVniLetters) {
      if (letter == lower(c)) {
        out += static_cast<char>(code - offset);
        single = true;
      }
    }
    if (single) continue;
    // Otherwise base letter + (modifier) + (tone), where ơ and ư take their own byte as base.
    const std::u32string parts = nfd(std::u32string(1, lower(c)));
    char32_t modifier = 0;
    char32_t tone = 0;
    for (std::size_t i = 1; i < parts.size(); ++i) (is_tone(parts[i]) ? tone : modifier) = parts[i];
    const char32_t base = parts.front();
    if (!is_vowel(base) || base >= 0x80) return std::nullopt;
    if (modifier == kHorn) {
      const auto letter = std::find_if(kVniLetters.begin(), kVniLetters.end(), [&](const auto& entry) {
        return entry.second == nfc(std::u32string{base, kHorn}).front();
      });
      if (letter == kVniLetters.end()) return std::nullopt;
      out += static_cast<char>(letter->first - offset);
      modifier = 0;
    } else {
      out += static_cast<char>(capital ? upper(base) : base);
    }
    if (modifier == 0 && tone == 0) return std::nullopt;  // a letter VNI cannot write (ä, ö…)
    const auto mark = std::find_if(kVniMarks.begin(), kVniMarks.end(),
                                   [&](const VniMark& m) { return m.modifier == modifier && m.tone == tone; });
    if (mark == kVniMarks.end()) return std::nullopt;
    out += static_cast<char>(mark->code - offset);
  }
  return out;
}

// ---- Windows-1258 -------------------------------------------------------------------------------------------

std::optional<std::u32string> decode_1258(std::string_view bytes) {
  Converter converter("windows-1258");
  auto decoded = converter.decode(bytes);
  if (!decoded) return std::nullopt;
  return nfc(*decoded);
}

// Windows writes a letter precomposed when the code page has it, else the letter without its tone followed by
// the combining tone byte ("Bình" = B i 0xCC n h).
std::optional<std::string> encode_1258(std::u32string_view text) {
  Converter converter("windows-1258");
  std::string out;
  for (const char32_t c : text) {
    if (auto whole = converter.encode(std::u32string_view(&c, 1))) {
      out += *whole;
      continue;
    }
    const std::u32string parts = nfd(std::u32string(1, c));
    std::u32string base;
    std::u32string tones;
    for (const char32_t part : parts) (is_tone(part) ? tones : base) += part;
    auto encoded = converter.encode(nfc(base) + tones);
    if (!encoded) return std::nullopt;
    out += *encoded;
  }
  return out;
}

// ---- Vietnamese syllables -----------------------------------------------------------------------------------

// Vowel groups (with the medial o/u) that may be followed by a final consonant, and those that end the syllable.
const std::set<std::u32string>& closed_nuclei() {
  static const std::set<std::u32string> set = {U"a",  U"ă",  U"â",  U"e",  U"ê",  U"i",   U"o",  U"ô",  U"ơ",
                                               U"u",  U"ư",  U"y",  U"iê", U"yê", U"uô",  U"ươ", U"oa", U"oă",
                                               U"oe", U"uâ", U"uê", U"uy", U"oo", U"uyê", U"ia", U"ua", U"ưa"};
  return set;
}

const std::set<std::u32string>& open_nuclei() {
  static const std::set<std::u32string> set = {U"ai",  U"ao",  U"au",  U"ay",  U"âu",  U"ây",  U"eo",  U"êu",
                                               U"iu",  U"oi",  U"ôi",  U"ơi",  U"ui",  U"ưi",  U"ưu",  U"uơ",
                                               U"oai", U"oay", U"oao", U"oeo", U"uây", U"uôi", U"ươi", U"ươu",
                                               U"iêu", U"yêu", U"uya", U"uyu", U"uêu"};
  return set;
}

constexpr std::array<std::u32string_view, 28> kInitials = {
    U"ngh", U"ng", U"nh", U"gh", U"gi", U"kh", U"ph", U"th", U"tr", U"ch", U"qu", U"b", U"c", U"d",
    U"đ",   U"g",  U"h",  U"k",  U"l",  U"m",  U"n",  U"p",  U"r",  U"s",  U"t",  U"v", U"x", U""};

constexpr std::array<std::u32string_view, 9> kFinals = {U"ng", U"nh", U"ch", U"c", U"m", U"n", U"p", U"t", U""};

bool fits(std::u32string_view initial, std::u32string_view nucleus, std::u32string_view final_consonant,
          char32_t tone) {
  const bool open = open_nuclei().count(std::u32string(nucleus)) != 0;
  if (!open && closed_nuclei().count(std::u32string(nucleus)) == 0) return false;
  if (open && !final_consonant.empty()) return false;
  // A syllable closed by p, t, c or ch carries sắc or nặng.
  const bool stop =
      final_consonant == U"p" || final_consonant == U"t" || final_consonant == U"c" || final_consonant == U"ch";
  if (stop && tone != kAcute && tone != kDotBelow) return false;
  // k, gh and ngh come before i, e, ê (and y); c, g and ng never do.
  const char32_t first = nucleus.front();
  const bool front = first == U'i' || first == U'e' || first == U'ê' || first == U'y';
  if ((initial == U"k" || initial == U"gh" || initial == U"ngh") && !front) return false;
  if ((initial == U"c" || initial == U"ng") && front) return false;
  if (initial == U"g" && front && first != U'i') return false;  // "gì", "gìn": the i of gi is the vowel
  return true;
}

bool syllable(std::u32string_view word) {
  if (word.empty()) return false;
  char32_t tone = 0;
  std::u32string base;
  for (const char32_t c : nfd(word)) {
    if (is_tone(c)) {
      if (tone != 0) return false;
      tone = c;
    } else {
      base += lower(c);
    }
  }
  base = nfc(base);
  for (const auto initial : kInitials) {
    if (base.compare(0, initial.size(), initial) != 0) continue;
    const std::u32string_view rest = std::u32string_view(base).substr(initial.size());
    for (const auto final_consonant : kFinals) {
      if (rest.size() <= final_consonant.size()) continue;
      if (rest.compare(rest.size() - final_consonant.size(), final_consonant.size(), final_consonant) != 0) continue;
      if (fits(initial, rest.substr(0, rest.size() - final_consonant.size()), final_consonant, tone)) return true;
    }
  }
  return false;
}

// ---- detection -----------------------------------------------------------------------------------------------

// Words are runs of anything but ASCII white space, punctuation and digits: legacy codes read as
// Windows-1252 are often symbols (× ¸ ®), so they must stay inside their word.
bool is_separator(char32_t c) { return c < 0x80 && !is_ascii_letter(c); }

struct Segment {
  std::u32string text;
  bool word = false;
};

std::vector<Segment> split(std::u32string_view text) {
  std::vector<Segment> out;
  for (const char32_t c : text) {
    const bool word = !is_separator(c);
    if (out.empty() || out.back().word != word) out.push_back({{}, word});
    out.back().text += c;
  }
  return out;
}

// "QĐ", "HĐMB", "TNHH", "CCTHADS": capital letters without marks (Đ aside).
bool is_abbreviation(std::u32string_view word) {
  const auto plain_capital = [](char32_t c) { return (c >= 'A' && c <= 'Z') || c == U'Đ'; };
  return word.size() >= 2 && std::all_of(word.begin(), word.end(), plain_capital);
}

bool all_capitals(std::u32string_view text) {
  std::size_t letters = 0;
  for (const char32_t c : text) {
    if (!is_ascii_letter(c)) continue;
    if (!is_upper(c)) return false;
    ++letters;
  }
  return letters >= 2;
}

std::u32string to_upper(std::u32string word) {
  for (char32_t& c : word) c = upper(c);
  return word;
}

// Whether a letter belongs to Vietnamese writing: a base of the alphabet (no f, j, w, z) with the marks
// Vietnamese puts on it; `tones` counts its tone marks.
bool vietnamese_letter(char32_t c, std::size_t& tones) {
  static const std::u32string_view alphabet = U"abcdeghiklmnopqrstuvxyđ";
  const std::u32string parts = nfd(std::u32string(1, lower(c)));
  const char32_t base = parts.front();
  if (alphabet.find(base) == std::u32string_view::npos) return false;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const char32_t mark = parts[i];
    if (is_tone(mark)) {
      ++tones;
    } else if (!((mark == kCircumflex && (base == U'a' || base == U'e' || base == U'o')) ||
                 (mark == kBreve && base == U'a') || (mark == kHorn && (base == U'o' || base == U'u')))) {
      return false;
    }
  }
  return true;
}

// A word written with Vietnamese letters, one vowel group Vietnamese has and at most one tone, though not a
// Kinh syllable: names of the Central Highlands ("Krông", "Đắk Lắk", "Bhăm").
bool vietnamese_script(std::u32string_view word) {
  std::size_t tones = 0;
  std::u32string base;
  for (const char32_t c : word) {
    if (!vietnamese_letter(c, tones)) return false;
    std::u32string parts = nfd(std::u32string(1, lower(c)));
    parts.erase(std::remove_if(parts.begin(), parts.end(), is_tone), parts.end());
    base += nfc(parts);
  }
  if (tones > 1) return false;
  const auto vowel = [](char32_t c) { return is_vowel(c); };
  const auto first = std::find_if(base.begin(), base.end(), vowel);
  const auto last = std::find_if(base.rbegin(), base.rend(), vowel).base();
  if (first == base.end()) return false;
  const std::u32string nucleus(first, last);
  if (!std::all_of(nucleus.begin(), nucleus.end(), vowel)) return false;
  return closed_nuclei().count(nucleus) != 0 || open_nuclei().count(nucleus) != 0;
}

// The Windows-1258 bytes that are combining tone marks, as a Windows-1252 reader shows them (Ì ì Ò Þ ò).
bool is_1258_tone(char32_t c) {
  constexpr std::array<unsigned char, 5> kToneBytes = {0xCC, 0xEC, 0xD2, 0xDE, 0xF2};
  for (const unsigned char byte : kToneBytes)
    if (misread(byte) == c) return true;
  return false;
}

// How strongly an original word shows a misreading. Each non-ASCII character counts 1 ("weak": it could be
// a French or German letter), or 2 ("strong") when no language would put it there: a symbol inside a word, a
// capital right after a small letter ("BiÌnh"), two such characters in a row ("Löông"), a Windows-1258 tone
// byte right after a letter ("Viêòt"), or any part of a UTF-8 sequence.
struct Evidence {
  std::size_t weak = 0;
  std::size_t strong = 0;
  [[nodiscard]] std::size_t total() const { return weak + 2 * strong; }
};

// A letter some alphabet uses inside words: not ª, º or µ, which Unicode counts as letters.
bool ordinary_letter(char32_t c) { return is_letter(c) && c != 0xAA && c != 0xBA && c != 0xB5; }

Evidence evidence(std::u32string_view word, TextOrigin origin) {
  Evidence out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char32_t c = word[i];
    if (c < 0x80) continue;
    const char32_t before = i > 0 ? word[i - 1] : 0;
    const bool after_letter = is_letter(before);
    const bool strong = !ordinary_letter(c) || (after_letter && is_upper(c) && is_lower(before)) || before >= 0x80 ||
                        (origin == TextOrigin::windows_1258 && after_letter && is_1258_tone(c)) ||
                        origin == TextOrigin::utf8_as_1252;
    (strong ? out.strong : out.weak) += 1;
  }
  return out;
}

// One word converted by a candidate encoding; nullopt when the word's characters cannot be its bytes.
std::optional<std::u32string> convert_word(std::u32string_view word, TextOrigin origin) {
  const auto bytes = bytes_behind(word);
  if (!bytes) return std::nullopt;
  switch (origin) {
    case TextOrigin::tcvn3: return decode_tcvn3(*bytes);
    case TextOrigin::vni: return decode_vni(*bytes);
    case TextOrigin::windows_1258: return decode_1258(*bytes);
    case TextOrigin::utf8_as_1252:
      if (utf8::find_invalid(*bytes)) return std::u32string(word);
      return nfc(utf8::to_u32(*bytes));
    default: return std::u32string(word);
  }
}

struct Candidate {
  TextOrigin origin = TextOrigin::unicode;
  std::u32string text;
  std::size_t changed = 0;
  std::size_t vietnamese = 0;  // words of the result that are Vietnamese syllables
  std::size_t repaired = 0;    // broken words made whole, minus sound words changed

  // The better of two readings: more Vietnamese, then more repairs, then fewer changes.
  [[nodiscard]] bool better_than(const Candidate& other) const {
    if (vietnamese != other.vietnamese) return vietnamese > other.vietnamese;
    if (repaired != other.repaired) return repaired > other.repaired;
    return changed < other.changed;
  }
};

// The text read in `origin`, when that reading is convincing. `expected`: other fields of the same file were
// clearly in this encoding, so the changes need no further proof.
// Whether every word that starts with an ASCII letter starts with a capital, and there are two or more: a name
// or a title ("Vâ ThÞ ¸nh TuyÕt"), whose other words are capitalized too.
bool title_case(const std::vector<Segment>& segments) {
  std::size_t words = 0;
  for (const Segment& segment : segments) {
    if (!segment.word || !is_ascii_letter(segment.text.front())) continue;
    if (!is_upper(segment.text.front())) return false;
    ++words;
  }
  return words >= 2;
}

// TCVN3 has no capitals with tone marks: a typist switched to an ".VnTimeH" font for them, which leaves the small
// letter's code. Such a letter starting a field, or a word of a name, was a capital.
void restore_capital(std::u32string& converted, const Segment& original, bool first_word, bool title) {
  if ((first_word || title) && original.text.front() >= 0x80 && is_lower(converted.front()))
    converted.front() = upper(converted.front());
}

std::optional<Candidate> try_origin(const std::vector<Segment>& segments, TextOrigin origin, bool capitals,
                                    bool expected) {
  Candidate candidate{origin, {}, 0, 0, 0};
  const bool title = origin == TextOrigin::tcvn3 && title_case(segments);
  bool first_word = true;
  std::size_t broken = 0;      // changed words that were not Vietnamese before
  std::size_t sound = 0;       // changed words that already were Vietnamese syllables
  std::size_t syllables = 0;   // changed words that become syllables
  std::size_t outlandish = 0;  // changed words that become Vietnamese script only ("Krông")
  Evidence proof;
  std::size_t judged = 0;  // words of the result that are judged
  for (const Segment& segment : segments) {
    if (!segment.word) {
      candidate.text += segment.text;
      continue;
    }
    auto converted = convert_word(segment.text, origin);
    if (!converted) return std::nullopt;
    if (origin == TextOrigin::tcvn3) {
      if (capitals || all_capitals(segment.text)) converted = to_upper(*converted);
      restore_capital(*converted, segment, first_word, title);
    }
    first_word = false;
    const bool valid = syllable(*converted);
    // "QĐ", "HĐMB", "TNHH": capitals that are not a syllable are abbreviations, never judged; nor are names
    // like "Krông".
    const bool neutral = !valid && (is_abbreviation(*converted) || vietnamese_script(*converted));
    if (*converted != segment.text) {
      ++candidate.changed;
      const Evidence word_proof = evidence(segment.text, origin);
      proof.weak += word_proof.weak;
      proof.strong += word_proof.strong;
      const bool was_valid = syllable(segment.text);
      if (origin == TextOrigin::utf8_as_1252) {
        if (was_valid) return std::nullopt;
      } else if (valid) {
        ++syllables;
      } else if (!is_abbreviation(*converted)) {
        if (!neutral) return std::nullopt;
        ++outlandish;
      }
      (was_valid ? sound : broken) += 1;
    }
    if (!neutral) {
      ++judged;
      candidate.vietnamese += valid ? 1 : 0;
    }
    candidate.text += *converted;
  }
  if (candidate.changed == 0) return std::nullopt;
  // Correct Vietnamese in Latin-1 letters ("Tô Lê") reads as TCVN3 too ("Tụ Lờ"), and "Loïc" as VNI "Lọc":
  // unless the file says otherwise, the proof must be strong, or three weak signs in words mostly broken, or
  // two broken words in a text of three or more that becomes wholly Vietnamese ("Phan Vaên Toaûn").
  const bool all_vietnamese = judged >= 3 && candidate.vietnamese == judged;
  const bool convincing =
      proof.strong > 0 || (proof.weak >= 3 && broken > sound) || (proof.weak >= 2 && broken >= 2 && all_vietnamese);
  if (!expected && (broken == 0 || !convincing)) return std::nullopt;
  if (origin != TextOrigin::utf8_as_1252 &&
      (syllables < outlandish || (judged > 0 && candidate.vietnamese * 2 <= judged)))
    return std::nullopt;
  candidate.repaired = broken > sound ? broken - sound : 0;
  return candidate;
}

// Whether a Windows-1252 reader can have produced every character of the text, and some are not ASCII.
bool may_be_misread(std::u32string_view text) {
  const bool ascii = std::all_of(text.begin(), text.end(), [](char32_t c) { return c < 0x80; });
  return !ascii && bytes_behind(text).has_value();
}

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

std::string_view origin_name(TextOrigin origin) {
  switch (origin) {
    case TextOrigin::unicode: return "Unicode";
    case TextOrigin::tcvn3: return "TCVN3 (ABC)";
    case TextOrigin::vni: return "VNI-Windows";
    case TextOrigin::windows_1258: return "Windows-1258";
    case TextOrigin::utf8_as_1252: return "UTF-8";
    case TextOrigin::combining: return "Unicode có dấu thanh tổ hợp";
    case TextOrigin::decomposed: return "Unicode tổ hợp (NFD)";
  }
  return "";
}

Repaired repair_vietnamese(std::string_view text, TextOrigin expected) {
  if (is_ascii(text)) return {std::string(text), TextOrigin::unicode};
  const std::u32string code_points = utf8::to_u32(text);
  if (may_be_misread(code_points)) {
    const std::vector<Segment> segments = split(code_points);
    const bool capitals = all_capitals(code_points);
    std::optional<Candidate> best;
    for (const TextOrigin origin :
         {TextOrigin::utf8_as_1252, TextOrigin::tcvn3, TextOrigin::vni, TextOrigin::windows_1258}) {
      auto candidate = try_origin(segments, origin, capitals, origin == expected);
      if (!candidate) continue;
      if (origin == expected) {  // what the rest of the file is, when it reads well, beats any other reading
        best = std::move(candidate);
        break;
      }
      if (!best || candidate->better_than(*best)) best = std::move(candidate);
    }
    if (best) return {to_nfc(utf8::from_u32(best->text)), best->origin};
  }
  if (!is_nfc(text)) {
    const bool decomposed = nfd(code_points) == code_points;
    return {to_nfc(text), decomposed ? TextOrigin::decomposed : TextOrigin::combining};
  }
  return {std::string(text), TextOrigin::unicode};
}

bool is_vietnamese_syllable(std::string_view utf8_word) { return syllable(utf8::to_u32(utf8_word)); }

void OriginTally::add(std::string_view field) {
  if (unicode_ || is_ascii(field)) return;  // once real Unicode is seen, nothing can change the answer
  const std::u32string code_points = utf8::to_u32(field);
  if (!may_be_misread(code_points)) {
    unicode_ = true;  // characters no legacy reading produces: this file holds real Unicode
    return;
  }
  const TextOrigin origin = repair_vietnamese(field).origin;
  if (origin != TextOrigin::unicode) ++counts_.at(static_cast<std::size_t>(origin));
}

TextOrigin OriginTally::dominant() const {
  if (unicode_) return TextOrigin::unicode;
  TextOrigin found = TextOrigin::unicode;
  for (const TextOrigin origin :
       {TextOrigin::tcvn3, TextOrigin::vni, TextOrigin::windows_1258, TextOrigin::utf8_as_1252}) {
    const std::size_t count = counts_.at(static_cast<std::size_t>(origin));
    if (count == 0) continue;
    if (found != TextOrigin::unicode || count < 2) return TextOrigin::unicode;
    found = origin;
  }
  return found;
}

std::optional<std::string> encode_legacy(std::string_view utf8_text, TextOrigin encoding) {
  const std::u32string text = utf8::to_u32(to_nfc(utf8_text));
  switch (encoding) {
    case TextOrigin::tcvn3: return encode_tcvn3(text);
    case TextOrigin::vni: return encode_vni(text);
    case TextOrigin::windows_1258: return encode_1258(text);
    default: return std::nullopt;
  }
}

std::string decode_legacy(std::string_view bytes, TextOrigin encoding) {
  switch (encoding) {
    case TextOrigin::tcvn3: return utf8::from_u32(nfc(decode_tcvn3(bytes)));
    case TextOrigin::vni: return utf8::from_u32(decode_vni(bytes));
    case TextOrigin::windows_1258: return utf8::from_u32(decode_1258(bytes).value_or(U""));
    default: return read_as_windows_1252(bytes);
  }
}

std::string read_as_windows_1252(std::string_view bytes) {
  std::u32string out;
  for (const char c : bytes) out += misread(static_cast<unsigned char>(c));
  return utf8::from_u32(out);
}

}  // namespace vanban::text
