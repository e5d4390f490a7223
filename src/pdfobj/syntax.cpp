#include "pdfobj/syntax.hpp"

#include <cmath>
#include <cstdio>

#include "base/hex.hpp"
#include "base/utf8.hpp"
#include "pdfobj/lexical.hpp"

namespace vanban::pdfobj {

Object::Object() = default;
Object::Object(Value value) : value_(std::move(value)) {}
Object::Object(const Object&) = default;
Object::Object(Object&&) noexcept = default;
Object& Object::operator=(const Object&) = default;
Object& Object::operator=(Object&&) noexcept = default;
Object::~Object() = default;

const Dict* Object::dict() const {
  if (const auto* d = std::get_if<Dict>(&value_)) return d;
  if (const auto* s = std::get_if<Stream>(&value_)) return &s->dict;
  return nullptr;
}

std::optional<double> Object::number() const {
  if (const auto* i = integer()) return static_cast<double>(*i);
  if (const auto* r = real()) return r->value;
  return std::nullopt;
}

bool Object::is_name(std::string_view value) const {
  const auto* n = name();
  return n != nullptr && n->value == value;
}

const Object* find(const Dict& dict, std::string_view key) {
  for (const auto& entry : dict)
    if (entry.key == key) return &entry.value;
  return nullptr;
}

void set(Dict& dict, std::string_view key, Object value) {
  for (auto& entry : dict)
    if (entry.key == key) {
      entry.value = std::move(value);
      return;
    }
  dict.push_back(DictEntry{std::string(key), std::move(value)});
}

void erase(Dict& dict, std::string_view key) {
  for (auto it = dict.begin(); it != dict.end(); ++it)
    if (it->key == key) {
      dict.erase(it);
      return;
    }
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

bool is_delimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' ||
         c == '%';
}

namespace {

bool is_regular(char c) { return !is_space(c) && !is_delimiter(c); }

}  // namespace

void Parser::skip_space() {
  while (pos_ < data_.size()) {
    const char c = data_[pos_];
    if (is_space(c)) {
      ++pos_;
    } else if (c == '%') {
      while (pos_ < data_.size() && data_[pos_] != '\n' && data_[pos_] != '\r') ++pos_;
    } else {
      return;
    }
  }
}

std::string_view Parser::token() {
  skip_space();
  const std::size_t start = pos_;
  while (pos_ < data_.size() && is_regular(data_[pos_])) ++pos_;
  return data_.substr(start, pos_ - start);
}

bool Parser::keyword(std::string_view word) {
  const std::size_t saved = pos_;
  if (token() == word) return true;
  pos_ = saved;
  return false;
}

std::optional<std::uint64_t> Parser::unsigned_integer() {
  const std::size_t saved = pos_;
  const std::string_view t = token();
  if (t.empty() || t.size() > 18 || t.find_first_not_of("0123456789") != std::string_view::npos) {
    pos_ = saved;
    return std::nullopt;
  }
  std::uint64_t value = 0;
  for (const char c : t) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  return value;
}

std::optional<Object> Parser::object() { return parse(0); }

std::optional<Object> Parser::parse(int depth) {
  if (depth > kMaxDepth) return std::nullopt;
  skip_space();
  if (pos_ >= data_.size()) return std::nullopt;
  const char c = data_[pos_];
  switch (c) {
    case '/': return name_object();
    case '(': return literal_string();
    case '<':
      if (pos_ + 1 < data_.size() && data_[pos_ + 1] == '<') return dictionary(depth);
      return hex_string();
    case '[': {
      ++pos_;
      Array array;
      for (;;) {
        skip_space();
        if (pos_ >= data_.size()) return std::nullopt;
        if (data_[pos_] == ']') {
          ++pos_;
          return Object(std::move(array));
        }
        auto element = parse(depth + 1);
        if (!element) return std::nullopt;
        array.push_back(std::move(*element));
      }
    }
    default: break;
  }
  if (c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9')) return number_or_ref();
  const std::string_view word = token();
  if (word == "true") return Object(true);
  if (word == "false") return Object(false);
  if (word == "null") return Object(Null{});
  return std::nullopt;
}

std::optional<Object> Parser::number_or_ref() {
  const std::string_view t = token();
  if (t.empty() || t.size() > 40) return std::nullopt;
  bool dot = false;
  bool digits = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if ((c == '+' || c == '-') && i == 0) continue;
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    digits = true;
  }
  if (!digits) return std::nullopt;
  if (dot) {
    std::string text(t);
    return Object(Real{std::strtod(text.c_str(), nullptr), text});
  }
  if (t.size() > 18) return std::nullopt;  // beyond int64: not a PDF integer anyway
  std::int64_t value = 0;
  const bool negative = t[0] == '-';
  for (const char c : t)
    if (c >= '0' && c <= '9') value = value * 10 + (c - '0');
  if (negative) value = -value;
  // "n g R"?
  if (t[0] != '+' && !negative && value <= 0xFFFFFFFF) {
    const std::size_t saved = pos_;
    const auto gen = unsigned_integer();
    if (gen && *gen <= 65535 && keyword("R"))
      return Object(Ref{static_cast<std::uint32_t>(value), static_cast<std::uint16_t>(*gen)});
    pos_ = saved;
  }
  return Object(value);
}

std::optional<Object> Parser::literal_string() {
  const std::size_t start = pos_;
  ++pos_;  // '('
  Bytes out;
  int nesting = 1;
  while (pos_ < data_.size()) {
    const char c = data_[pos_++];
    if (c == '(') {
      ++nesting;
    } else if (c == ')') {
      if (--nesting == 0) {
        last_string_ = {start, pos_};
        return Object(String{std::move(out), false});
      }
    } else if (c == '\\') {
      if (pos_ >= data_.size()) break;
      const char e = data_[pos_++];
      switch (e) {
        case 'n': out += '\n'; continue;
        case 'r': out += '\r'; continue;
        case 't': out += '\t'; continue;
        case 'b': out += '\b'; continue;
        case 'f': out += '\f'; continue;
        case '\r':
          if (pos_ < data_.size() && data_[pos_] == '\n') ++pos_;
          continue;
        case '\n': continue;
        default: break;
      }
      if (e >= '0' && e <= '7') {
        unsigned value = static_cast<unsigned>(e - '0');
        for (int i = 0; i < 2 && pos_ < data_.size() && data_[pos_] >= '0' && data_[pos_] <= '7'; ++i)
          value = value * 8 + static_cast<unsigned>(data_[pos_++] - '0');
        out += static_cast<char>(value & 0xFFU);
        continue;
      }
      out += e;
      continue;
    }
    out += c;
  }
  return std::nullopt;
}

std::optional<Object> Parser::hex_string() {
  const std::size_t start = pos_;
  ++pos_;  // '<'
  Bytes out;
  int high = -1;
  while (pos_ < data_.size()) {
    const char c = data_[pos_++];
    if (c == '>') {
      if (high >= 0) out += static_cast<char>(high << 4);
      last_string_ = {start, pos_};
      return Object(String{std::move(out), true});
    }
    if (is_space(c)) continue;
    const int v = hex::digit_value(c);
    if (v < 0) return std::nullopt;
    if (high < 0) {
      high = v;
    } else {
      out += static_cast<char>((high << 4) | v);
      high = -1;
    }
  }
  return std::nullopt;
}

std::optional<Object> Parser::name_object() {
  ++pos_;  // '/'
  std::string value;
  while (pos_ < data_.size() && is_regular(data_[pos_])) {
    const char c = data_[pos_++];
    if (c == '#' && pos_ + 1 < data_.size() && hex::digit_value(data_[pos_]) >= 0 &&
        hex::digit_value(data_[pos_ + 1]) >= 0) {
      value += static_cast<char>(hex::digit_value(data_[pos_]) * 16 + hex::digit_value(data_[pos_ + 1]));
      pos_ += 2;
    } else {
      value += c;
    }
  }
  return Object(Name{std::move(value)});
}

std::optional<Object> Parser::dictionary(int depth) {
  pos_ += 2;  // "<<"
  Dict dict;
  for (;;) {
    skip_space();
    if (pos_ + 1 < data_.size() && data_[pos_] == '>' && data_[pos_ + 1] == '>') {
      pos_ += 2;
      return Object(std::move(dict));
    }
    if (pos_ >= data_.size() || data_[pos_] != '/') return std::nullopt;
    auto key = name_object();
    auto value = parse(depth + 1);
    if (!value) return std::nullopt;
    // A later duplicate key replaces the earlier one, as readers do.
    set(dict, key->name()->value, std::move(*value));
  }
}

std::optional<std::pair<Ref, Object>> Parser::indirect_object(std::optional<std::int64_t> length) {
  const auto num = unsigned_integer();
  const auto gen = unsigned_integer();
  if (!num || !gen || *num > 0xFFFFFFFFULL || *gen > 65535 || !keyword("obj")) return std::nullopt;
  const Ref ref{static_cast<std::uint32_t>(*num), static_cast<std::uint16_t>(*gen)};
  auto value = object();
  if (!value) return std::nullopt;
  const std::size_t after_value = pos_;
  if (value->dict() != nullptr && keyword("stream")) {
    // The keyword is followed by CRLF or LF (a lone CR is tolerated).
    if (pos_ < data_.size() && data_[pos_] == '\r') ++pos_;
    if (pos_ < data_.size() && data_[pos_] == '\n') ++pos_;
    const std::size_t start = pos_;
    if (!length) {
      const Object* declared = find(*value->dict(), "Length");
      if (declared != nullptr && declared->integer() != nullptr) length = *declared->integer();
    }
    std::size_t size = 0;
    bool known = false;
    if (length && *length >= 0 && static_cast<std::uint64_t>(*length) <= data_.size() - start) {
      size = static_cast<std::size_t>(*length);
      Parser after(data_, start + size);
      known = after.keyword("endstream");
    }
    if (!known) {
      // A wrong or missing /Length: take the data up to "endstream", without the end-of-line before it.
      const std::size_t end = data_.find("endstream", start);
      if (end == std::string_view::npos) return std::nullopt;
      size = end - start;
      if (size > 0 && data_[start + size - 1] == '\n') --size;
      if (size > 0 && data_[start + size - 1] == '\r') --size;
    }
    pos_ = start + size;
    if (!keyword("endstream")) return std::nullopt;
    Stream stream{*value->dict(), start, size};
    value = Object(std::move(stream));
  } else {
    pos_ = after_value;
  }
  if (!keyword("endobj")) {
    // Tolerated (some writers omit it); the value is complete.
    pos_ = after_value;
  }
  return std::make_pair(ref, std::move(*value));
}

// ---- writing ---------------------------------------------------------------------------------------

std::string format_number(double value, int decimals) { return number(value, decimals); }

namespace {

void write_name(std::string& out, const std::string& name) {
  out += '/';
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '#' || is_delimiter(c)) {
      out += '#';
      hex::append_byte(out, u);
    } else {
      out += c;
    }
  }
}

void write_string(std::string& out, const String& s) {
  if (s.hex) {
    out += '<' + hex::encode(s.value) + '>';
    return;
  }
  out += '(';
  for (const char c : s.value) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '(' || c == ')' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7F) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\%03o", u);
      out += buffer;
    } else {
      out += c;
    }
  }
  out += ')';
}

}  // namespace

void write_object(std::string& out, const Object& object) {
  struct Visitor {
    std::string& out;
    void operator()(const Null&) const { out += "null"; }
    void operator()(bool b) const { out += b ? "true" : "false"; }
    void operator()(std::int64_t i) const { out += std::to_string(i); }
    void operator()(const Real& r) const { out += r.text.empty() ? format_number(r.value, 6) : r.text; }
    void operator()(const Name& n) const { write_name(out, n.value); }
    void operator()(const String& s) const { write_string(out, s); }
    void operator()(const Array& a) const {
      out += '[';
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (i > 0) out += ' ';
        write_object(out, a[i]);
      }
      out += ']';
    }
    void operator()(const Dict& d) const {
      out += "<<";
      for (const auto& entry : d) {
        write_name(out, entry.key);
        out += ' ';
        write_object(out, entry.value);
      }
      out += ">>";
    }
    void operator()(const Ref& r) const { out += std::to_string(r.num) + " " + std::to_string(r.gen) + " R"; }
    void operator()(const Stream& s) const { (*this)(s.dict); }
  };
  std::visit(Visitor{out}, object.value());
}

Object text_string(std::string_view utf8_text) {
  bool plain = true;
  for (const char c : utf8_text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7F) plain = false;
  }
  if (plain) return Object(String{Bytes(utf8_text), false});
  return Object(String{utf16_text(utf8_text), true});
}

std::string decode_text_string(const Bytes& value) {
  std::string out;
  if (value.size() >= 2 && static_cast<unsigned char>(value[0]) == 0xFE &&
      static_cast<unsigned char>(value[1]) == 0xFF) {
    for (std::size_t i = 2; i + 1 < value.size(); i += 2) {
      char32_t unit = (static_cast<char32_t>(static_cast<unsigned char>(value[i])) << 8U) |
                      static_cast<unsigned char>(value[i + 1]);
      if (unit >= 0xD800 && unit < 0xDC00 && i + 3 < value.size()) {
        const char32_t low = (static_cast<char32_t>(static_cast<unsigned char>(value[i + 2])) << 8U) |
                             static_cast<unsigned char>(value[i + 3]);
        if (low >= 0xDC00 && low < 0xE000) {
          unit = 0x10000 + ((unit - 0xD800) << 10U) + (low - 0xDC00);
          i += 2;
        }
      }
      if (unit >= 0xD800 && unit < 0xE000) unit = 0xFFFD;
      utf8::append(out, unit);
    }
    return out;
  }
  if (value.size() >= 3 && value.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    std::string rest = value.substr(3);
    return utf8::find_invalid(rest) ? std::string("?") : rest;
  }
  for (const char c : value) utf8::append(out, static_cast<unsigned char>(c));
  return out;
}

}  // namespace vanban::pdfobj
