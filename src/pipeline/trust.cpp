#include "pipeline/trust.hpp"

#include <algorithm>
#include <cctype>

#include "crypto/x509.hpp"
#include "pipeline/request.hpp"

namespace vanban::pipeline {

namespace {

bool certificate_file(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".pem" || extension == ".crt" || extension == ".cer" || extension == ".der";
}

// One file's anchor: PEM kept as written (the archive records the text), DER converted.
bool read_anchor(const std::filesystem::path& path, std::vector<TrustAnchorFile>& out, Diagnostics& diagnostics) {
  auto bytes = read_input_file(path, diagnostics);
  if (!bytes) return false;
  const auto certificates = crypto::read_certificates(*bytes);
  if (certificates.empty()) {
    diagnostics.error("E0678", SourceLoc{make_file_name(path.string())},
                      "tệp gốc tin cậy không chứa chứng thư số nào (cần PEM \"BEGIN CERTIFICATE\" hoặc DER)");
    return false;
  }
  if (bytes->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
    bytes->clear();
    for (const auto& certificate : certificates) *bytes += certificate.pem();
  }
  out.push_back({path.string(), std::move(*bytes)});
  return true;
}

}  // namespace

std::optional<std::vector<TrustAnchorFile>> read_trust_anchors(const TrustSources& sources, Diagnostics& diagnostics) {
  std::vector<TrustAnchorFile> out;
  bool usable = true;
  for (const auto& file : sources.files) usable = read_anchor(file, out, diagnostics) && usable;
  for (const auto& folder : sources.folders) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
      if (entry.is_regular_file() && certificate_file(entry.path())) files.push_back(entry.path());
    if (ec) {
      diagnostics.error("E0678", SourceLoc{make_file_name(folder.string())},
                        "không đọc được thư mục gốc tin cậy: " + ec.message());
      usable = false;
      continue;
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) usable = read_anchor(file, out, diagnostics) && usable;
  }
  if (!usable) return std::nullopt;
  return out;
}

std::vector<Bytes> anchor_texts(const std::vector<TrustAnchorFile>& anchors) {
  std::vector<Bytes> out;
  for (const auto& anchor : anchors) out.push_back(anchor.pem);
  return out;
}

}  // namespace vanban::pipeline
