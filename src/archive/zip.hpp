#pragma once
// A zip of files on disk (Poco::Zip, whose one owner is archive): a batch job's letters and manifest for download.

#include <filesystem>
#include <string>
#include <vector>

#include "base/bytes.hpp"

namespace vanban::archive {

/// A file to put in a zip: its name there and where it is.
struct ZipFile {
  std::string name;
  std::filesystem::path path;
};

/// The zip of `files` in their order, PDFs stored as they are (compressed already), the others deflated, every entry
/// dated 01/01/1980 (the same files make the same bytes). Throws Error [E0769] when it cannot be made (a file that
/// cannot be read included).
Bytes zip_files(const std::vector<ZipFile>& files);

}  // namespace vanban::archive
