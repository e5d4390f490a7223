#pragma once
// The signing tests' throw-away PKI (tests/support/make_test_pki.sh), made once per test process.

#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>

#include "support/paths.hpp"
#include "support/process.hpp"

namespace vanban::test {

/// The folder holding ca.pem, officer.{pem,key}, agency.{pem,key}, expired.*, officer-enc.key, officer.p12, …
/// Test processes run in parallel: the first one makes it under a lock, the others reuse it while the script
/// is unchanged.
inline const std::filesystem::path& test_pki() {
  static const std::filesystem::path dir = [] {
    const auto script = source_dir() / "tests" / "support" / "make_test_pki.sh";
    const auto folder = std::filesystem::path(VANBAN_TEST_OUTPUT_DIR) / "pki";
    std::filesystem::create_directories(folder.parent_path());
    const std::string stamp = std::to_string(std::hash<std::string>{}(read_text(script)));
    const std::string lock = (folder.parent_path() / "pki.lock").string();
    const auto made =
        run("flock " + quote(lock) + " sh -c " +
            quote("test \"$(cat " + quote((folder / "stamp").string()) + " 2>/dev/null)\" = " + stamp +
                  " || { rm -rf " + quote(folder.string()) + " && sh " + quote(script.string()) + " " +
                  quote(folder.string()) + " && echo " + stamp + " > " + quote((folder / "stamp").string()) + "; }"));
    if (made.exit_code != 0) throw std::runtime_error("make_test_pki.sh failed: " + made.err);
    return folder;
  }();
  return dir;
}

/// The passphrase of officer-enc.key and officer.p12.
inline constexpr const char* kTestPassphrase = "mat-khau-thu";

}  // namespace vanban::test
