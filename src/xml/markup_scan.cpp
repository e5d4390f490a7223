#include "xml/markup_scan.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace vanban::xml {

namespace {

constexpr std::size_t kMaxProblems = 50;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Whether a code point is a character XML 1.0 allows.
bool is_xml_char(std::uint32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

std::string hex(std::uint32_t cp) {
  std::array<char, 16> digits{};
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), cp, 16).ptr;
  std::string out(digits.data(), end);
  for (char& c : out)
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  while (out.size() < 4) out.insert(out.begin(), '0');
  return "U+" + out;
}

// The bytes a tag's walk stops at: quotes, '>', '/' and '=' (an attribute); every other byte is passed over.
constexpr std::array<bool, 256> kTagByte = [] {
  std::array<bool, 256> table{};
  for (const char c : {'"', '\'', '>', '/', '='}) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

// Whether the eight bytes at `bytes` may hold a byte below 0x20 or the byte 0xEF (never false when they do).
bool may_hold_a_fault(const char* bytes) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  std::uint64_t block = 0;
  std::memcpy(&block, bytes, sizeof block);
  const std::uint64_t below_space = (block - kOnes * 0x20U) & ~block & kHighs;  // some byte < 0x20
  const std::uint64_t ef = block ^ (kOnes * 0xEFU);                             // a zero byte where 0xEF was
  const std::uint64_t has_ef = (ef - kOnes) & ~ef & kHighs;
  return (below_space | has_ef) != 0;
}

class Scanner {
 public:
  Scanner(std::string_view text, const Limits& limits) : text_(text), limits_(limits) {}

  ScanResult run() {
    while (i_ < text_.size() && !result_.fatal) {
      const char c = text_[i_];
      if (c == '<') {
        markup();
      } else if (depth_ > 0 && c != '&') {
        // Text inside the root: nothing to check until the next tag or reference.
        ++i_;
        while (i_ < text_.size() && text_[i_] != '<' && text_[i_] != '&') ++i_;
      } else {
        if (c == '&') reference(i_);
        if (depth_ == 0 && !is_space(c) && !outside_reported_) {
          problem(i_, "E0102", "XML không hợp lệ: có nội dung nằm ngoài phần tử gốc");
          outside_reported_ = true;
        }
        ++i_;
      }
    }
    if (!result_.fatal) check_characters();
    std::stable_sort(result_.problems.begin(), result_.problems.end(),
                     [](const ScanProblem& a, const ScanProblem& b) { return a.offset < b.offset; });
    return std::move(result_);
  }

 private:
  [[nodiscard]] bool at(std::string_view prefix) const { return text_.substr(i_, prefix.size()) == prefix; }

  // Moves past the next `end`, or to the end of the text.
  void skip_past(std::string_view end) {
    const std::size_t found = text_.find(end, i_);
    i_ = found == std::string_view::npos ? text_.size() : found + end.size();
  }

  void problem(std::size_t offset, const char* code, std::string message) {
    if (result_.problems.size() < kMaxProblems) result_.problems.push_back({offset, code, std::move(message)});
  }

  // Control characters and the non-characters U+FFFE/U+FFFF are not XML, wherever they are.
  void check_characters() {
    for (std::size_t i = 0; i < text_.size(); ++i) {
      // Eight bytes at a time past those with neither a byte below 0x20 nor a 0xEF (the lead of U+FFFE/U+FFFF).
      while (i + 8 <= text_.size() && !may_hold_a_fault(text_.data() + i)) i += 8;
      if (i == text_.size()) break;
      const auto byte = static_cast<unsigned char>(text_[i]);
      std::optional<std::uint32_t> bad;
      if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') bad = byte;
      if (byte == 0xEF && i + 2 < text_.size() && static_cast<unsigned char>(text_[i + 1]) == 0xBF &&
          (static_cast<unsigned char>(text_[i + 2]) & 0xFEU) == 0xBE)
        bad = 0xFFFEU + (static_cast<unsigned char>(text_[i + 2]) & 1U);
      if (byte == 0) {
        // A NUL ends the text for every XML parser: nothing after it can be read, so it is the one fault reported.
        result_.fatal = ScanProblem{i, "E0110",
                                    "byte NUL (U+0000) ở đây: tệp bị hỏng hoặc không phải văn bản, phần sau không đọc "
                                    "được"};
        return;
      }
      if (bad) problem(i, "E0110", "ký tự " + hex(*bad) + " không được phép trong XML (ký tự điều khiển)");
    }
  }

  void markup() {
    const std::size_t start = i_;
    const char next = i_ + 1 < text_.size() ? text_[i_ + 1] : '\0';
    if (next == '!' || next == '?' || next == '/') special_markup(start);
    else start_tag(start);
  }

  // Comments, CDATA, instructions, DOCTYPE and end tags.
  void special_markup(std::size_t start) {
    if (at("<!--")) return skip_past("-->");
    if (at("<![CDATA[")) return skip_past("]]>");
    if (at("<?")) {
      const std::string_view target = text_.substr(i_ + 2, 4);
      if (start > 0 && target.substr(0, 3) == "xml" && (target.size() < 4 || is_space(target[3])))
        problem(start, "E0102", "XML không hợp lệ: khai báo <?xml …?> chỉ được đặt ở đầu tệp");
      return skip_past("?>");
    }
    if (at("<!DOCTYPE")) {
      // Point at the document type's name, where pugixml's value starts.
      std::size_t name = start + 9;
      while (name < text_.size() && is_space(text_[name])) ++name;
      result_.fatal =
          ScanProblem{name, "E0105", "không chấp nhận khai báo DOCTYPE (thực thể và DTD bị cấm vì lý do an toàn)"};
      return;
    }
    if (at("<!")) {
      i_ += 2;  // malformed; the parser reports it
      return;
    }
    if (at("</")) {
      if (depth_ > 0) --depth_;
      return skip_past(">");
    }
    start_tag(start);
  }

  void start_tag(std::size_t start) {
    if (depth_ == 0 && seen_root_ && !outside_reported_) {
      problem(start, "E0102", "XML không hợp lệ: chỉ được có một phần tử gốc");
      outside_reported_ = true;
    }
    seen_root_ = true;
    // A case: the root, or each child of a <register> root.
    if (depth_ == 0) case_depth_ = is_register(start) ? 2 : 1;
    open_element(start);
    std::size_t attributes = 0;
    ++i_;
    while (i_ < text_.size() && !result_.fatal) {
      while (i_ < text_.size() && !kTagByte[static_cast<unsigned char>(text_[i_])]) ++i_;
      if (i_ == text_.size()) break;
      const char c = text_[i_];
      if (c == '"' || c == '\'') {
        attribute_value(c);
      } else if (c == '/' && i_ + 1 < text_.size() && text_[i_ + 1] == '>') {
        if (depth_ > 0) --depth_;
        i_ += 2;
        return;
      } else if (c == '>') {
        ++i_;
        return;
      } else {
        if (c == '=') {  // one attribute
          count_node(attribute_name(i_));
          if (++attributes > limits_.max_attributes && !result_.fatal)
            result_.fatal = ScanProblem{
                start, "E0111",
                "phần tử có quá nhiều thuộc tính (giới hạn " + std::to_string(limits_.max_attributes) + ")"};
        }
        ++i_;
      }
    }
  }

  void open_element(std::size_t offset) {
    ++depth_;
    if (depth_ > limits_.max_depth) {
      result_.fatal = ScanProblem{
          offset, "E0107", "các phần tử lồng nhau quá sâu (giới hạn " + std::to_string(limits_.max_depth) + " cấp)"};
      return;
    }
    if (depth_ == case_depth_) case_nodes_ = 0;
    count_node(offset);
  }

  // Whether the start tag at `start` is the root's of a register.
  [[nodiscard]] bool is_register(std::size_t start) const {
    constexpr std::string_view kName = "register";
    const std::size_t after = start + 1 + kName.size();
    return text_.compare(start + 1, kName.size(), kName) == 0 && after < text_.size() &&
           (is_space(text_[after]) || text_[after] == '>' || text_[after] == '/');
  }

  // Where the name of the attribute whose '=' is at `equals` starts (white space may stand around the '=').
  [[nodiscard]] std::size_t attribute_name(std::size_t equals) const {
    std::size_t at = equals;
    while (at > 0 && is_space(text_[at - 1])) --at;
    while (at > 0 && !is_space(text_[at - 1]) && !kTagByte[static_cast<unsigned char>(text_[at - 1])] &&
           text_[at - 1] != '<')
      --at;
    return at;
  }

  // Counts an element or attribute (of the element at depth_) starting at `offset`, in the file and in its case.
  void count_node(std::size_t offset) {
    if (result_.fatal) return;
    if (++nodes_ > limits_.max_nodes) {
      result_.fatal =
          ScanProblem{offset, "E0111",
                      "tệp có quá nhiều phần tử và thuộc tính (giới hạn " + std::to_string(limits_.max_nodes) + ")"};
    } else if (depth_ >= case_depth_ && ++case_nodes_ > limits_.max_case_nodes) {
      result_.fatal = ScanProblem{offset, "E0111",
                                  "hồ sơ có quá nhiều phần tử và thuộc tính (giới hạn " +
                                      std::to_string(limits_.max_case_nodes) + " cho mỗi hồ sơ)"};
    }
  }

  void attribute_value(char quote) {
    const std::size_t close = text_.find(quote, i_ + 1);
    const std::size_t end = close == std::string_view::npos ? text_.size() : close;
    for (std::size_t j = i_ + 1; j < end; ++j) {
      if (text_[j] == '<') problem(j, "E0102", "XML không hợp lệ: dấu < trong giá trị thuộc tính phải viết là &lt;");
      if (text_[j] == '&') reference(j);
    }
    i_ = close == std::string_view::npos ? text_.size() : close + 1;
  }

  // Checks the reference starting with '&' at `at`: only the five predefined entities and character
  // references to XML characters exist in a document without DTD.
  void reference(std::size_t at) {
    std::size_t end = at + 1;
    while (end < text_.size() && end - at < 40 && text_[end] != ';' && text_[end] != '&' && text_[end] != '<' &&
           !is_space(text_[end]))
      ++end;
    if (end >= text_.size() || text_[end] != ';' || end == at + 1) {
      problem(at, "E0109", "ký tự & phải viết là &amp; (hoặc mở đầu một tham chiếu như &lt;)");
      return;
    }
    const std::string_view name = text_.substr(at + 1, end - at - 1);
    if (name == "lt" || name == "gt" || name == "amp" || name == "apos" || name == "quot") return;
    if (name.front() == '#') {
      const bool hexadecimal = name.size() > 1 && name[1] == 'x';
      const std::string_view digits = name.substr(hexadecimal ? 2 : 1);
      std::uint32_t cp = 0;
      const auto [ptr, error] =
          std::from_chars(digits.data(), digits.data() + digits.size(), cp, hexadecimal ? 16 : 10);
      if (digits.empty() || error != std::errc() || ptr != digits.data() + digits.size() || !is_xml_char(cp)) {
        problem(at, "E0110", "tham chiếu ký tự &" + std::string(name) + "; không chỉ tới ký tự XML hợp lệ");
      }
      return;
    }
    problem(at, "E0109",
            "tham chiếu thực thể &" + std::string(name) +
                "; không được khai báo (chỉ dùng được &lt; &gt; &amp; &apos; &quot; và &#…;)");
  }

  std::string_view text_;
  const Limits& limits_;
  std::size_t i_ = 0;
  std::size_t depth_ = 0;
  std::size_t nodes_ = 0;       // elements and attributes so far
  std::size_t case_depth_ = 1;  // the depth of a case's element: 2 under a <register> root
  std::size_t case_nodes_ = 0;  // elements and attributes of the case being scanned
  bool seen_root_ = false;
  bool outside_reported_ = false;
  ScanResult result_;
};

}  // namespace

ScanResult scan_markup(std::string_view text, const Limits& limits) { return Scanner(text, limits).run(); }

std::size_t tag_end(std::string_view text, std::size_t at) {
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    while (i < text.size() && !kTagByte[static_cast<unsigned char>(text[i])]) ++i;
    if (i == text.size()) break;
    const char c = text[i];
    if (c == '>') return i + 1;
    if (c == '"' || c == '\'') {  // a quoted value, which may hold '>'
      const void* close = std::memchr(text.data() + i + 1, c, text.size() - i - 1);
      if (close == nullptr) break;
      i = static_cast<std::size_t>(static_cast<const char*>(close) - text.data());
    }
  }
  return std::string_view::npos;
}

}  // namespace vanban::xml
