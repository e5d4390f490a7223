#include "sign/byte_range.hpp"

#include "base/hex.hpp"

namespace vanban::sign {

std::optional<ByteRange> read_byte_range(const Dict& signature, std::string_view file, Finding& problem) {
  const Object* value = find(signature, "ByteRange");
  const Array* array = value != nullptr ? value->array() : nullptr;
  if (array == nullptr || array->size() != 4) {
    problem = {"E0644", "/ByteRange không phải mảng bốn số nguyên"};
    return std::nullopt;
  }
  std::int64_t n[4] = {};
  for (std::size_t i = 0; i < 4; ++i) {
    const auto* v = (*array)[i].integer();
    if (v == nullptr || *v < 0) {
      problem = {"E0645", "/ByteRange không phải mảng bốn số nguyên không âm"};
      return std::nullopt;
    }
    n[i] = *v;
  }
  const auto size = static_cast<std::int64_t>(file.size());
  if (n[0] != 0 || n[1] <= 0 || n[2] <= n[1] || n[3] > size || n[2] > size - n[3]) {
    problem = {"E0646", "/ByteRange có giá trị nằm ngoài tệp hoặc sai thứ tự"};
    return std::nullopt;
  }
  ByteRange range{static_cast<std::size_t>(n[1]), static_cast<std::size_t>(n[2]),
                  static_cast<std::size_t>(n[2] + n[3])};
  const std::string_view gap = file.substr(range.gap_start, range.gap_end - range.gap_start);
  bool hex = gap.size() >= 2 && gap.front() == '<' && gap.back() == '>';
  for (std::size_t i = 1; hex && i + 1 < gap.size(); ++i) {
    const char c = gap[i];
    hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
  if (!hex) {
    problem = {"E0647", "phần không được ký (giữa hai đoạn /ByteRange) không đúng là chuỗi /Contents"};
    return std::nullopt;
  }
  return range;
}

std::string signed_bytes(std::string_view file, const ByteRange& range) {
  std::string content;
  content.reserve(range.end - (range.gap_end - range.gap_start));
  content.append(file.substr(0, range.gap_start));
  content.append(file.substr(range.gap_end, range.end - range.gap_end));
  return content;
}

crypto::Sha256Digest signed_digest(std::string_view file, const ByteRange& range) {
  crypto::Sha256 digest;
  digest.update(file.substr(0, range.gap_start));
  digest.update(file.substr(range.gap_end, range.end - range.gap_end));
  return digest.finish();
}

Bytes gap_contents(std::string_view file, const ByteRange& range) {
  return hex::decode(file.substr(range.gap_start + 1, range.gap_end - range.gap_start - 2)).value_or(Bytes());
}

std::optional<Object> signature_dictionary(const PdfFile& file, const SignatureField& field) {
  if (field.direct_value) return field.direct_value;
  if (!field.value) return std::nullopt;
  auto value = file.object(*field.value);
  if (!value || value->dict() == nullptr) return std::nullopt;
  return value;
}

std::optional<PdfFile> open_pdf(std::string_view bytes, const SourceLoc& file, Diagnostics& diagnostics) {
  OpenProblem problem;
  auto opened = PdfFile::open(bytes, problem);
  if (opened) return opened;
  switch (problem.kind) {
    case OpenProblem::Kind::not_pdf: diagnostics.error("E0600", file, "không phải tệp PDF"); break;
    case OpenProblem::Kind::encrypted:
      diagnostics.error("E0601", file, "tệp PDF bị mã hóa; không ký hoặc kiểm tra được tệp mã hóa");
      break;
    case OpenProblem::Kind::truncated:
      diagnostics.error("E0603", file, "tệp PDF bị cắt cụt (" + problem.detail + ")");
      break;
    case OpenProblem::Kind::damaged:
      diagnostics.error("E0602", file, "cấu trúc tệp PDF bị hỏng (" + problem.detail + ")");
      break;
  }
  return std::nullopt;
}

}  // namespace vanban::sign
