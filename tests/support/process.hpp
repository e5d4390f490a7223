#pragma once
// Runs a command line and captures its exit code, standard output and standard error.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "support/paths.hpp"

namespace vanban::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Quotes an argument for /bin/sh.
inline std::string quote(const std::string& arg) {
  std::string out = "'";
  for (const char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Text with every run of white space (line ends included) as one space, for searching phrases in pdftotext output.
inline std::string flat(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

/// Keeps what the CLI printed for a clerk (not JSON, the man page, the completion or a document on standard output)
/// under output/cli-outputs/, for the test that checks every word of it (tests/e2e/clerk_words_test.cpp).
inline void record_clerk_output(const std::string& command, const RunResult& result) {
  if (command.find(binary().string()) == std::string::npos) return;
  for (const char* machine : {"--json", "--man", "--completion"})
    if (command.find(machine) != std::string::npos) return;
  const auto dir = std::filesystem::path(VANBAN_TEST_OUTPUT_DIR) / "cli-outputs";
  std::filesystem::create_directories(dir);
  std::ofstream out(dir / (std::to_string(::getpid()) + ".txt"), std::ios::app | std::ios::binary);
  // A document streamed to standard output (-o -: a PDF, a zip) is no text for a clerk.
  const bool document = result.out.rfind("%PDF-", 0) == 0 || result.out.rfind("PK\x03\x04", 0) == 0;
  if (!document) out << result.out;
  out << result.err;
}

inline RunResult run(const std::string& command) {
  static int counter = 0;
  // Tests run as parallel processes: the process id keeps their capture files apart.
  const auto err_file = std::filesystem::path(VANBAN_TEST_OUTPUT_DIR) /
                        ("stderr-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  std::filesystem::create_directories(err_file.parent_path());
  RunResult result;
  FILE* pipe = ::popen((command + " 2>" + quote(err_file.string())).c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = read_text(err_file);
  std::filesystem::remove(err_file);
  record_clerk_output(command, result);
  return result;
}

/// The command that runs the vanban CLI with the project's resources and the sample office's configuration
/// (support/sample-office.conf: the account that receives payments; a --config after it wins).
inline std::string vanban_command() {
  return "VANBAN_CONFIG=" + quote((source_dir() / "tests" / "support" / "sample-office.conf").string()) + " " +
         quote(binary().string()) + " --resources " + quote(source_dir().string());
}

/// Runs the vanban CLI as vanban_command() does, with `arguments`.
inline RunResult vanban(const std::string& arguments) { return run(vanban_command() + " " + arguments); }

/// The sample cases each template applies to, as `templates --for` lists them: each case is asked once (a start of the
/// CLI costs about 0.4 s under the sanitizers).
class TemplatesFor {
 public:
  /// The first of `cases` whose `templates --for` (exit code 0) lists `template_name`, or "" when none does.
  std::filesystem::path first_case(const std::vector<std::filesystem::path>& cases, const std::string& template_name) {
    for (const auto& path : cases) {
      auto listed = listed_.find(path);
      if (listed == listed_.end()) {
        const auto result = vanban("templates --for " + quote(path.string()));
        listed = listed_.emplace(path, result.exit_code == 0 ? result.out : std::string()).first;
      }
      if (listed->second.find(template_name + "\n") != std::string::npos) return path;
    }
    return {};
  }

 private:
  std::map<std::filesystem::path, std::string> listed_;  ///< case → what `templates --for` printed ("" on failure)
};

/// The `--set` options of the template's `--describe` example line ("" when it needs none).
inline std::string example_options(const std::string& template_name) {
  const auto description = vanban("templates --describe " + template_name);
  EXPECT_EQ(description.exit_code, 0) << template_name;
  const auto at = description.out.rfind("ví dụ:");
  if (at == std::string::npos) return "";
  std::string options = description.out.substr(at + std::string("ví dụ:").size());
  while (!options.empty() && options.back() == '\n') options.pop_back();
  return options;
}

}  // namespace vanban::test
