#include "xml/register_cut.hpp"

#include "xml/markup_scan.hpp"

namespace vanban::xml {

std::size_t markup_end(std::string_view text, std::size_t at) {
  if (at + 1 < text.size() && text[at + 1] != '!' && text[at + 1] != '?') return tag_end(text, at);  // most of them
  const auto after = [&](std::string_view close) {
    const std::size_t end = text.find(close, at);
    return end == std::string_view::npos ? end : end + close.size();
  };
  if (text.compare(at, 4, "<!--") == 0) return after("-->");
  if (text.compare(at, 9, "<![CDATA[") == 0) return after("]]>");
  if (text.compare(at, 2, "<?") == 0) return after("?>");
  return tag_end(text, at);
}

bool starts_element(std::string_view text, std::size_t at, std::string_view name) {
  const std::size_t after = at + 1 + name.size();
  return text.compare(at + 1, name.size(), name) == 0 && after < text.size() &&
         (is_space(text[after]) || text[after] == '>' || text[after] == '/');
}

namespace {

// Whether the comment closed at `end` is one libxml2 accepts: no "--" inside, no '-' at its end.
bool libxml2_accepts_comment(std::string_view text, std::size_t at, std::size_t end) {
  const std::string_view body = text.substr(at + 4, end - at - 7);
  return body.find("--") == std::string_view::npos && (body.empty() || body.back() != '-');
}

// The end of the element whose start tag is at `at`: its depth followed over start and end tags, skipping comments,
// CDATA and instructions; npos when it is not closed.
std::size_t element_end(std::string_view text, std::size_t at) {
  std::size_t depth = 0;
  for (;;) {
    const std::size_t end = markup_end(text, at);
    if (end == std::string_view::npos) return end;
    if (text[at + 1] != '!' && text[at + 1] != '?') {
      if (text[at + 1] == '/') --depth;
      else if (text[end - 2] != '/') ++depth;
    }
    if (depth == 0) return end;
    at = text.find('<', end);
    if (at == std::string_view::npos) return at;
  }
}

}  // namespace

std::optional<std::size_t> root_tag_end(std::string_view text) {
  std::size_t at = 0;
  for (;;) {
    while (at < text.size() && is_space(text[at])) ++at;
    if (at >= text.size() || text[at] != '<') return std::nullopt;
    if (text.compare(at, 2, "<?") != 0 && text.compare(at, 4, "<!--") != 0) break;
    at = markup_end(text, at);
    if (at == std::string_view::npos) return std::nullopt;
  }
  if (!starts_element(text, at, "register")) return std::nullopt;
  const std::size_t end = markup_end(text, at);
  if (end == std::string_view::npos || text[end - 2] == '/') return std::nullopt;
  return end;
}

bool only_comments_from(std::string_view text, std::size_t at) {
  for (;;) {
    while (at < text.size() && is_space(text[at])) ++at;
    if (at >= text.size()) return true;
    if (text.compare(at, 4, "<!--") != 0) return false;
    const std::size_t end = markup_end(text, at);
    if (end == std::string_view::npos || !libxml2_accepts_comment(text, at, end)) return false;
    at = end;
  }
}

std::optional<RegisterCut> cut_register(std::string_view text) {
  const auto root_end = root_tag_end(text);
  if (!root_end) return std::nullopt;
  RegisterCut cut;
  cut.root_tag_end = *root_end;
  std::size_t at = cut.root_tag_end;
  for (;;) {
    while (at < text.size() && is_space(text[at])) ++at;
    if (at + 1 >= text.size() || text[at] != '<' || text.compare(at, 3, "<![") == 0) return std::nullopt;
    if (text[at + 1] == '/') break;  // the root's end tag
    const bool instruction = text[at + 1] == '?';
    const bool comment = text.compare(at, 4, "<!--") == 0;
    const std::size_t end = instruction || comment ? markup_end(text, at) : element_end(text, at);
    if (end == std::string_view::npos) return std::nullopt;
    if (starts_element(text, at, "case")) cut.cases.emplace_back(at, end);
    else if (instruction || !comment || !libxml2_accepts_comment(text, at, end)) cut.only_cases = false;
    at = end;
  }
  // After the root: white space and comments, which no chunk holds either.
  if (text.compare(at, 11, "</register>") != 0 || !only_comments_from(text, at + 11)) cut.only_cases = false;
  return cut;
}

}  // namespace vanban::xml
