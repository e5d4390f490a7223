#pragma once
// The archive tests' sandbox on both backends (support/database_backends.hpp): the store folder, the SQLite file
// in it or a fresh PostgreSQL schema, the CLI options that name them, and raw SQL for tampering.

#include <Poco/Data/Session.h>

#include <filesystem>
#include <memory>
#include <string>

#include "support/database_backends.hpp"

namespace vanban::test {

/// One test's archive: a scratch folder (the store, and the SQLite file) and, on PostgreSQL, a fresh schema.
class ArchiveSandbox : public DatabaseSandbox {
 public:
  ArchiveSandbox(Backend backend, const std::string& name) : DatabaseSandbox(backend, "archive-" + name, name) {}

  [[nodiscard]] std::filesystem::path store() const { return dir() / "store"; }
  /// The --db value: "" for SQLite (the default file in the store), a postgresql:// URI otherwise.
  [[nodiscard]] std::string db_option() const { return backend() == Backend::sqlite ? "" : postgres_uri(); }
  /// "--db URI --store DIR" for the CLI.
  [[nodiscard]] std::string cli_options() const {
    std::string out = "--store " + quote(store().string());
    if (backend() == Backend::postgresql) out = "--db " + quote(db_option()) + " " + out;
    return out;
  }
  /// A session on the archive's own database, for reading and tampering behind the archive's back.
  [[nodiscard]] std::unique_ptr<Poco::Data::Session> raw_session() const {
    if (backend() == Backend::sqlite)
      return std::make_unique<Poco::Data::Session>("SQLite", (store() / "archive.sqlite").string());
    return postgres_session();
  }
  /// Runs one SQL statement on the archive's database.
  void sql(const std::string& statement) const {
    auto session = raw_session();
    *session << statement, Poco::Data::Keywords::now;
  }
};

}  // namespace vanban::test
