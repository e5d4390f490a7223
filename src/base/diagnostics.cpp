#include "base/diagnostics.hpp"

#include "base/utf8.hpp"

namespace vanban {

namespace {
std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::note: return "ghi chú";
    case Severity::warning: return "cảnh báo";
    case Severity::error: return "lỗi";
  }
  return "lỗi";
}

void append_coded(std::string& out, std::string_view code, std::string_view message) {
  if (!code.empty()) {
    out += '[';
    out += code;
    out += "] ";
  }
  out += utf8::visible(message);  // never a raw control character on the terminal, whatever the message echoes
}
}  // namespace

std::string format_diagnostic(const Diagnostic& diagnostic) {
  std::string out = utf8::visible(diagnostic.loc.to_string());
  if (!out.empty()) out += ": ";
  out += severity_name(diagnostic.severity);
  out += ": ";
  append_coded(out, diagnostic.code, diagnostic.message);
  return out;
}

std::string format_finding(const Finding& finding) {
  std::string out;
  append_coded(out, finding.code, finding.message);
  return out;
}

void Diagnostics::add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::error) ++error_count_;
  if (diagnostic.severity == Severity::warning) ++warning_count_;
  list_.push_back(std::move(diagnostic));
}

void Diagnostics::error(std::string code, SourceLoc loc, std::string message) {
  add({Severity::error, std::move(code), std::move(loc), std::move(message)});
}

void Diagnostics::warning(std::string code, SourceLoc loc, std::string message) {
  add({Severity::warning, std::move(code), std::move(loc), std::move(message)});
}

void Diagnostics::note(std::string code, SourceLoc loc, std::string message) {
  add({Severity::note, std::move(code), std::move(loc), std::move(message)});
}

void Diagnostics::merge(const Diagnostics& other) {
  for (const auto& diagnostic : other.list_) add(diagnostic);
}

std::string Diagnostics::to_string() const {
  std::string out;
  for (const auto& diagnostic : list_) {
    out += format_diagnostic(diagnostic);
    out += '\n';
  }
  return out;
}

bool Diagnostics::contains(std::string_view code) const {
  for (const auto& diagnostic : list_)
    if (diagnostic.code == code) return true;
  return false;
}

}  // namespace vanban
