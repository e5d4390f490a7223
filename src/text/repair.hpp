#pragma once
// Repair of Vietnamese text that reached us in a legacy encoding (TCVN3, VNI-Windows, Windows-1258) read as
// Windows-1252/Latin-1, as doubly decoded UTF-8, or decomposed (NFD). See DOMAIN.md §8.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vanban::text {

/// Whether reading converts legacy text (`vanban … --no-repair` keeps it); normalization happens either way.
enum class RepairMode { repair, keep };

/// What a field turned out to be.
enum class TextOrigin {
  unicode,       ///< correct Unicode (NFC or plain ASCII): nothing to repair
  tcvn3,         ///< TCVN3 (ABC, TCVN 5712 VN3) bytes read as Windows-1252
  vni,           ///< VNI-Windows bytes read as Windows-1252
  windows_1258,  ///< Windows-1258 bytes (tone marks as combining bytes) read as Windows-1252
  utf8_as_1252,  ///< UTF-8 bytes read as Windows-1252 ("Viá»‡t")
  combining,     ///< Unicode with combining tone marks after precomposed letters (Windows-1258 style)
  decomposed,    ///< Unicode NFD ("Vie\u0323\u0302t")
};

/// The name of an origin as a message shows it ("TCVN3 (ABC)").
std::string_view origin_name(TextOrigin origin);

/// A field's text after repair.
struct Repaired {
  std::string text;                         ///< converted (still to be normalized)
  TextOrigin origin = TextOrigin::unicode;  ///< what was detected; `unicode` means unchanged
};

/// Detects text that is really a legacy encoding misread as Windows-1252, or decomposed Unicode, and converts
/// it to NFC Vietnamese. Correct text (ASCII, correct Vietnamese, foreign names such as "José" or "Müller")
/// comes back unchanged with origin `unicode`. `expected` is the encoding other fields of the same file were
/// found in (`unicode` when none): a short field in that encoding then needs less proof. Input must be UTF-8.
Repaired repair_vietnamese(std::string_view utf8, TextOrigin expected = TextOrigin::unicode);

/// The legacy encoding a file's fields are in, when they agree: at least two fields clearly in one legacy
/// encoding, none in another, and no field in Unicode that no legacy reading produces.
class OriginTally {
 public:
  /// Looks at one field's raw text.
  void add(std::string_view field);
  /// The file's legacy encoding, or `unicode`.
  [[nodiscard]] TextOrigin dominant() const;
  /// Whether more fields cannot change the answer any more (real Unicode was seen).
  [[nodiscard]] bool settled() const { return unicode_; }

 private:
  std::array<std::size_t, 7> counts_{};
  bool unicode_ = false;
};

/// Whether a word (letters only, any case, NFC or not) is a well-formed Vietnamese syllable.
bool is_vietnamese_syllable(std::string_view utf8_word);

/// Encodes Unicode text into the bytes of a legacy encoding (tcvn3, vni or windows_1258); nullopt when some
/// character has no code there. TCVN3 has no capitals with tone marks: they are written with the lower-case
/// code, as typists did with the ".VnTimeH" capital fonts. For tests and for building samples.
std::optional<std::string> encode_legacy(std::string_view utf8, TextOrigin encoding);

/// Decodes bytes of a legacy encoding (tcvn3, vni or windows_1258) into NFC UTF-8.
std::string decode_legacy(std::string_view bytes, TextOrigin encoding);

/// What a program shows when it reads `bytes` as Windows-1252 (bytes it leaves undefined read as Latin-1):
/// how legacy text usually ends up inside UTF-8 files.
std::string read_as_windows_1252(std::string_view bytes);

}  // namespace vanban::text
