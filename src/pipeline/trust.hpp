#pragma once
// Trust anchors, the same for every front end: CA certificate files (--trust) and folders of them (--trust-dir; the
// configuration's trust anchors folder, e.g. the Ban Cơ yếu Chính phủ root and its intermediate CAs), read once as PEM
// texts for verification, signing at B-LT, and the archive (which records them).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "base/diagnostics.hpp"

namespace vanban::pipeline {

/// Where trust anchors come from, as the front end received them.
struct TrustSources {
  std::vector<std::filesystem::path> files;    ///< certificate files (PEM, possibly several, or DER)
  std::vector<std::filesystem::path> folders;  ///< folders of certificate files: *.pem, *.crt, *.cer, *.der
};

/// A trust anchor as read: where it came from and its PEM text.
struct TrustAnchorFile {
  std::string name;
  Bytes pem;
};

/// Reads every anchor (a folder's files in name order; a DER certificate converted to PEM, a PEM file kept as it is).
/// nullopt with diagnostics when one cannot be used: E0100 a file that cannot be read, E0678 a file that holds no
/// certificate or a folder that cannot be read.
std::optional<std::vector<TrustAnchorFile>> read_trust_anchors(const TrustSources& sources, Diagnostics& diagnostics);

/// The PEM texts of `anchors`.
std::vector<Bytes> anchor_texts(const std::vector<TrustAnchorFile>& anchors);

}  // namespace vanban::pipeline
