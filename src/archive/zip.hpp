#pragma once
// A zip of files on disk (Poco::Zip, whose one owner is archive): a batch job's letters and manifest for download.

#include <filesystem>
#include <string>
#include <vector>

namespace vanban::archive {

/// A file to put in a zip: its name there and where it is.
struct ZipFile {
  std::string name;
  std::filesystem::path path;
};

/// Writes the zip of `files` in their order to `path` (through a temporary file and a rename, never held whole), PDFs
/// stored as they are (compressed already), the others deflated, every entry dated 01/01/1980 (the same files make
/// the same bytes). Throws Error [E0769] when it cannot be made (a file that cannot be read included), [E0803] when it
/// cannot be written.
void write_zip(const std::vector<ZipFile>& files, const std::filesystem::path& path);

}  // namespace vanban::archive
