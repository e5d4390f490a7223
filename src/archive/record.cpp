#include "archive/record.hpp"

#include "crypto/sha256.hpp"

namespace vanban::archive {

const std::vector<Column>& columns() {
  static const std::vector<Column> list = {
      {"seq", &Record::seq},
      {"kind", &Record::kind},
      {"recorded_at", &Record::recorded_at},
      {"sha256", &Record::sha256},
      {"byte_size", &Record::byte_size},
      {"file_name", &Record::file_name},
      {"case_id", &Record::case_id},
      {"number", &Record::number},
      {"notation", &Record::notation},
      {"issued_date", &Record::issued_date},
      {"type_name", &Record::type_name},
      {"subject", &Record::subject},
      {"organ_name", &Record::organ_name},
      {"signer_name", &Record::signer_name},
      {"signer_position", &Record::signer_position},
      {"page_amount", &Record::page_amount},
      {"parties", &Record::parties},
      {"status", &Record::status},
      {"signatures", &Record::signatures},
      {"levels", &Record::levels, 2},
      {"warnings", &Record::warnings},
      {"refers_to", &Record::refers_to},
      {"note", &Record::note},
      {"number_key", &Record::number_key},
      {"notation_key", &Record::notation_key},
      {"type_key", &Record::type_key},
      {"parties_key", &Record::parties_key},
      {"signer_key", &Record::signer_key},
      {"prev_hash", &Record::prev_hash},
      {"hash", &Record::hash},
  };
  return list;
}

std::string canonical_form(const Record& record) {
  std::string out = "vanban-archive-record 1\n";
  for (const Column& column : columns()) {
    const std::string_view name = column.name;
    if (name == "seq" || name == "hash") continue;
    if (column.since > 1 && std::holds_alternative<std::string Record::*>(column.member) &&
        (record.*std::get<std::string Record::*>(column.member)).empty())
      continue;
    out += name;
    out += '=';
    if (const auto* text = std::get_if<std::string Record::*>(&column.member)) {
      for (const char c : record.*(*text)) {
        switch (c) {
          case '\\': out += "\\\\"; break;
          case '\n': out += "\\n"; break;
          case '\r': out += "\\r"; break;
          default: out += c;
        }
      }
    } else {
      out += std::to_string(record.*std::get<std::int64_t Record::*>(column.member));
    }
    out += '\n';
  }
  return out;
}

std::string record_hash(const Record& record) { return crypto::sha256_hex(canonical_form(record)); }

bool is_sha256_hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (const char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (end > start) lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace vanban::archive
