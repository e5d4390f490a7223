#pragma once
// The commands `vanban sign` and `vanban verify`.

#include <filesystem>
#include <string>
#include <vector>

namespace vanban::cli {

/// `vanban sign IN.pdf -o OUT.pdf …`: reads the files, the clock and the passphrase, signs, writes atomically.
int run_sign(const std::vector<std::string>& args, const std::filesystem::path& resources);

/// `vanban verify FILE.pdf [--trust CA.pem]…`: prints a report; exit 0 only when every signature holds.
int run_verify(const std::vector<std::string>& args);

}  // namespace vanban::cli
