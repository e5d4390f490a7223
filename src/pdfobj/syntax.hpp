#pragma once
// PDF objects, a strict parser for them and a writer. The parser never throws and never
// reads past its input; nesting and sizes are bounded so that hostile files cannot exhaust the stack.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "base/bytes.hpp"

namespace vanban::pdfobj {

/// An indirect reference "num gen R".
struct Ref {
  std::uint32_t num = 0;
  std::uint16_t gen = 0;
  friend bool operator==(const Ref&, const Ref&) = default;
  friend auto operator<=>(const Ref&, const Ref&) = default;
};

/// A name, without the slash and with #xx escapes decoded.
struct Name {
  std::string value;
};

/// A string's bytes; `hex` remembers how it was written.
struct String {
  Bytes value;
  bool hex = false;
};

/// A real number; the original spelling is kept so that rewritten dictionaries keep their exact values.
struct Real {
  double value = 0;
  std::string text;
};

class Object;
struct DictEntry;
using Array = std::vector<Object>;
/// Keys in file order (rewritten dictionaries keep their order).
using Dict = std::vector<DictEntry>;

/// A stream: its dictionary and where its raw (still encoded) data lies in the source buffer.
struct Stream {
  Dict dict;
  std::size_t data_offset = 0;
  std::size_t data_length = 0;
};

struct Null {};

/// Any PDF object.
class Object {
 public:
  using Value = std::variant<Null, bool, std::int64_t, Real, Name, String, Array, Dict, Ref, Stream>;
  // Defined in syntax.cpp, where DictEntry is complete.
  Object();
  Object(Value value);  // NOLINT: implicit by design
  Object(const Object&);
  Object(Object&&) noexcept;
  Object& operator=(const Object&);
  Object& operator=(Object&&) noexcept;
  ~Object();

  [[nodiscard]] bool is_null() const { return std::holds_alternative<Null>(value_); }
  [[nodiscard]] const std::int64_t* integer() const { return std::get_if<std::int64_t>(&value_); }
  [[nodiscard]] const Name* name() const { return std::get_if<Name>(&value_); }
  [[nodiscard]] const String* string() const { return std::get_if<String>(&value_); }
  [[nodiscard]] const Array* array() const { return std::get_if<Array>(&value_); }
  [[nodiscard]] const Dict* dict() const;  ///< a dictionary, or a stream's dictionary
  [[nodiscard]] const Ref* ref() const { return std::get_if<Ref>(&value_); }
  [[nodiscard]] const Stream* stream() const { return std::get_if<Stream>(&value_); }
  [[nodiscard]] const Real* real() const { return std::get_if<Real>(&value_); }
  [[nodiscard]] const bool* boolean() const { return std::get_if<bool>(&value_); }
  /// An integer or a real as a double.
  [[nodiscard]] std::optional<double> number() const;
  /// Whether this is the name `value`.
  [[nodiscard]] bool is_name(std::string_view value) const;
  [[nodiscard]] const Value& value() const { return value_; }
  [[nodiscard]] Value& value() { return value_; }

 private:
  Value value_;
};

struct DictEntry {
  std::string key;
  Object value;
};

/// The value under `key`, or nullptr.
const Object* find(const Dict& dict, std::string_view key);
/// Sets `key` (replacing an existing entry in place, else appending).
void set(Dict& dict, std::string_view key, Object value);
/// Removes `key` when present.
void erase(Dict& dict, std::string_view key);

/// A parse position over one buffer. Offsets are absolute in the buffer.
class Parser {
 public:
  explicit Parser(std::string_view data, std::size_t offset = 0) : data_(data), pos_(offset) {}

  /// Parses one direct object (a reference "n g R" included); nullopt on a syntax error.
  std::optional<Object> object();
  /// Parses "n g obj <object> [stream…] endobj" at the current position. A stream's /Length is taken
  /// from `length` when given (the resolved value of an indirect /Length), else from its dictionary.
  std::optional<std::pair<Ref, Object>> indirect_object(std::optional<std::int64_t> length = std::nullopt);
  /// Skips white space and comments.
  void skip_space();
  /// Reads a keyword or bare token (letters, digits, . + -); "" at a delimiter or the end.
  std::string_view token();
  /// Whether the next token is `keyword`; consumes it only when it is.
  bool keyword(std::string_view keyword);
  /// Reads an unsigned decimal integer token.
  std::optional<std::uint64_t> unsigned_integer();

  [[nodiscard]] std::size_t position() const { return pos_; }
  void seek(std::size_t offset) { pos_ = offset; }
  [[nodiscard]] bool at_end() const { return pos_ >= data_.size(); }
  [[nodiscard]] std::string_view data() const { return data_; }
  /// Where the last String or hex string parsed began and ended (for locating /Contents).
  [[nodiscard]] std::pair<std::size_t, std::size_t> last_string_span() const { return last_string_; }

  /// Deepest nesting of arrays and dictionaries accepted.
  static constexpr int kMaxDepth = 64;

 private:
  std::optional<Object> parse(int depth);
  std::optional<Object> number_or_ref();
  std::optional<Object> literal_string();
  std::optional<Object> hex_string();
  std::optional<Object> name_object();
  std::optional<Object> dictionary(int depth);

  std::string_view data_;
  std::size_t pos_ = 0;
  std::pair<std::size_t, std::size_t> last_string_{0, 0};
};

/// Whether `c` is PDF white space (NUL, TAB, LF, FF, CR, SP).
bool is_space(char c);
/// Whether `c` is a PDF delimiter.
bool is_delimiter(char c);

/// Appends the object in PDF syntax. Streams cannot be written this way (their data is elsewhere).
void write_object(std::string& out, const Object& object);
/// A text string as PDF writes it: literal for printable ASCII, else UTF-16BE with a byte order mark, in hex.
Object text_string(std::string_view utf8);
/// Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding taken as Latin-1) to UTF-8.
std::string decode_text_string(const Bytes& value);
/// Formats a number for content streams and dictionaries: at most `decimals` decimals, no trailing zeros.
std::string format_number(double value, int decimals = 3);

}  // namespace vanban::pdfobj
