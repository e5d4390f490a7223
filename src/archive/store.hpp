#pragma once
// Internal to archive: the folder of stored files. Each PDF lives under its SHA-256 (objects/ab/<sha>.pdf),
// read-only, written once (temporary name, fsync, link into place, directory fsync) and never overwritten.
// The chain head (the newest record's position and hash) is kept beside it, so that records deleted at the
// end of the chain are found out.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archive/record.hpp"
#include "base/bytes.hpp"

namespace vanban::archive {

class Store {
 public:
  explicit Store(std::filesystem::path root) : root_(std::move(root)) {}

  [[nodiscard]] const std::filesystem::path& root() const { return root_; }
  /// Whether the folder holds a store (its chain head file exists).
  [[nodiscard]] bool exists() const;
  /// Makes the folders and a chain head at position 0 when they are missing. Throws Error.
  void create() const;

  /// The file of a document. Only a 64-digit lower-case hexadecimal SHA-256 makes a path (anything else could
  /// leave the folder): throws Error otherwise.
  [[nodiscard]] std::filesystem::path object_path(std::string_view sha256) const;

  enum class Put { written, present, conflict };
  /// Stores `bytes` (whose SHA-256 is `sha256`) durably; `present` when the same content is already there,
  /// `conflict` when a different file holds the name (the store is damaged). Throws Error on I/O failure.
  Put put(std::string_view sha256, std::string_view bytes) const;

  /// The stored file's bytes; nullopt with `problem` (Vietnamese) when it is missing or unreadable.
  std::optional<Bytes> read(std::string_view sha256, std::string& problem) const;

  using Head = ChainHead;
  /// The chain head; nullopt with `problem` when the file is missing or malformed.
  std::optional<Head> read_head(std::string& problem) const;
  /// Moves the chain head forward to `head` (never back: concurrent appenders finish in any order). Throws Error.
  void advance_head(const Head& head) const;

  /// Every file name under objects/ (relative, "ab/<name>"), for finding strays.
  [[nodiscard]] std::vector<std::string> object_names() const;

 private:
  [[nodiscard]] std::filesystem::path head_path() const { return root_ / "chain-head"; }
  std::filesystem::path root_;
};

}  // namespace vanban::archive
