#pragma once
// The two database backends for the tests that run one suite on both: SQLite in a scratch folder, and a real
// PostgreSQL server on loopback. ctest starts one throw-away cluster for all tests (the "postgres" fixture in
// tests/CMakeLists.txt, tests/support/postgres_cluster.sh); a test binary run by hand starts its own and stops it
// at exit. Each test gets a fresh schema, made here through Poco::Data directly.

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "support/paths.hpp"
#include "support/process.hpp"

namespace vanban::test {

enum class Backend { sqlite, postgresql };

/// Test names and messages say "SQLite" or "PostgreSQL".
inline void PrintTo(Backend backend, std::ostream* out) {
  *out << (backend == Backend::sqlite ? "SQLite" : "PostgreSQL");
}

/// The backends the tests run on: SQLite, and PostgreSQL unless the build switched it off (-DVANBAN_TEST_POSTGRES=OFF,
/// for a package build without a PostgreSQL server).
inline auto test_backends() {
#if VANBAN_TEST_POSTGRES
  return ::testing::Values(Backend::sqlite, Backend::postgresql);
#else
  return ::testing::Values(Backend::sqlite);
#endif
}

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

/// The loopback PostgreSQL server: the fixture's, else one started now for this process.
class PostgresServer {
 public:
  static PostgresServer& instance() {
    static PostgresServer server;
    return server;
  }
  [[nodiscard]] int port() const { return port_; }
  ~PostgresServer() {
    if (!own_dir_.empty()) run("sh " + quote(script().string()) + " stop " + quote(own_dir_.string()) + " > /dev/null");
  }

 private:
  PostgresServer() {
    const auto shared = std::filesystem::path(VANBAN_TEST_OUTPUT_DIR) / "postgres";
    if (std::filesystem::exists(shared / "port")) {
      port_ = std::stoi(read_text(shared / "port"));
      return;
    }
    own_dir_ = std::filesystem::path(VANBAN_TEST_OUTPUT_DIR) / ("postgres-" + std::to_string(::getpid()));
    const auto started = run("sh " + quote(script().string()) + " start " + quote(own_dir_.string()));
    if (started.exit_code != 0) throw std::runtime_error("cannot start PostgreSQL: " + started.err);
    port_ = std::stoi(read_text(own_dir_ / "port"));
  }
  static std::filesystem::path script() { return source_dir() / "tests" / "support" / "postgres_cluster.sh"; }
  int port_ = 0;
  std::filesystem::path own_dir_;
};

inline void register_connectors() {
  static std::once_flag once;
  std::call_once(once, [] {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::PostgreSQL::Connector::registerConnector();
  });
}

/// One test's database: a scratch folder (where an SQLite file goes) and, on PostgreSQL, a fresh schema.
class DatabaseSandbox {
 public:
  /// The scratch folder `folder` (emptied); the schema is named after `name` and this process.
  DatabaseSandbox(Backend backend, const std::string& folder, const std::string& name)
      : backend_(backend), dir_(scratch_dir(folder)) {
    register_connectors();
    if (backend_ == Backend::postgresql) {
      // A schema per test (creating a database can wait for a checkpoint; a schema never does).
      std::string schema = "t_" + name + "_" + std::to_string(::getpid());
      std::transform(schema.begin(), schema.end(), schema.begin(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
      });
      schema_ = schema.substr(0, 60);
      Poco::Data::Session admin("PostgreSQL", connection(""));
      admin << "SET client_min_messages TO WARNING", Poco::Data::Keywords::now;
      admin << "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE", Poco::Data::Keywords::now;
      admin << "CREATE SCHEMA " + schema_, Poco::Data::Keywords::now;
    }
  }

  [[nodiscard]] Backend backend() const { return backend_; }
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
  /// The postgresql:// URI of the test database, with the test's schema first in the search path.
  [[nodiscard]] std::string postgres_uri() const {
    return "postgresql://vanban@127.0.0.1:" + std::to_string(PostgresServer::instance().port()) +
           "/postgres?options=-csearch_path%3D" + schema_;
  }
  /// A session on the test's schema through Poco::Data directly, behind the back of the code under test.
  [[nodiscard]] std::unique_ptr<Poco::Data::Session> postgres_session() const {
    return std::make_unique<Poco::Data::Session>("PostgreSQL", connection(schema_));
  }

 private:
  // Connection parameters on the test database, with `schema` first in the search path when given.
  static std::string connection(const std::string& schema) {
    return "host=127.0.0.1 port=" + std::to_string(PostgresServer::instance().port()) + " user=vanban dbname=postgres" +
           (schema.empty() ? "" : " options=-csearch_path=" + schema);
  }
  Backend backend_;
  std::filesystem::path dir_;
  std::string schema_;
};

}  // namespace vanban::test
