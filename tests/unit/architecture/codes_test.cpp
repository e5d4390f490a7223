// One table of diagnostic codes (docs/diagnostic-codes.tsv): every code the sources raise is in it, each raised by
// the one module the table names, no row is stale, and the README's list is made from it (UPDATE_README=1 rewrites
// that list, on purpose).

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/paths.hpp"

namespace vanban {
namespace {

struct Code {
  std::string module;
  std::string meaning;
};

std::filesystem::path table_path() { return test::source_dir() / "docs" / "diagnostic-codes.tsv"; }

// The table's rows in file order; a row repeated or malformed fails the test.
std::vector<std::pair<std::string, Code>> table() {
  std::vector<std::pair<std::string, Code>> rows;
  std::istringstream lines(test::read_text(table_path()));
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "code\tmodule\tmeaning");
  const std::regex row(R"(^([EW]\d{4})\t([a-z]+)\t(.+)$)");
  std::set<std::string> seen;
  while (std::getline(lines, line)) {
    std::smatch match;
    if (!std::regex_match(line, match, row)) {
      ADD_FAILURE() << "malformed row: " << line;
      continue;
    }
    EXPECT_TRUE(seen.insert(match[1]).second) << "code listed twice: " << match[1];
    EXPECT_TRUE(std::filesystem::is_directory(test::source_dir() / "src" / match[2].str()))
        << match[1] << ": no module " << match[2];
    rows.push_back({match[1], Code{match[2], match[3]}});
  }
  return rows;
}

// code → the modules whose code (comments left out) quotes it: "E0203".
std::map<std::string, std::set<std::string>> raised_codes() {
  std::map<std::string, std::set<std::string>> raised;
  const std::regex quoted(R"re("([EW]\d{4})")re");
  const auto src = test::source_dir() / "src";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(src)) {
    const auto ext = entry.path().extension();
    if (ext != ".hpp" && ext != ".cpp") continue;
    const std::string module = std::filesystem::relative(entry.path(), src).begin()->string();
    std::istringstream lines(test::read_text(entry.path()));
    std::string line;
    while (std::getline(lines, line)) {
      const std::string code = line.substr(0, line.find("//"));
      for (std::sregex_iterator it(code.begin(), code.end(), quoted), end; it != end; ++it)
        raised[(*it)[1]].insert(module);
    }
  }
  return raised;
}

// The README's list, made from the table.
std::string readme_list() {
  std::string out = "| code | module | meaning |\n|---|---|---|\n";
  for (const auto& [code, row] : table()) out += "| " + code + " | " + row.module + " | " + row.meaning + " |\n";
  return out;
}

constexpr const char* kBegin =
    "<!-- diagnostic codes: made from docs/diagnostic-codes.tsv by tests/unit/architecture/codes_test.cpp -->\n";
constexpr const char* kEnd = "<!-- end of diagnostic codes -->\n";

TEST(DiagnosticCodes, EveryCodeIsInTheTableAndRaisedByTheModuleItNames) {
  std::map<std::string, std::string> owner;
  for (const auto& [code, row] : table()) owner[code] = row.module;
  const auto raised = raised_codes();
  for (const auto& [code, modules] : raised) {
    const auto it = owner.find(code);
    if (it == owner.end()) {
      ADD_FAILURE() << code << " is raised in src/ but not listed in docs/diagnostic-codes.tsv";
      continue;
    }
    for (const auto& module : modules)
      EXPECT_EQ(module, it->second) << code << " is raised in src/" << module << " but owned by " << it->second;
  }
  for (const auto& [code, module] : owner)
    EXPECT_TRUE(raised.count(code) && raised.at(code).count(module))
        << code << " is listed for " << module << " but not raised there: a stale row";
}

TEST(DiagnosticCodes, TheReadmeListIsMadeFromTheTable) {
  const auto readme_path = test::source_dir() / "README.md";
  std::string readme = test::read_text(readme_path);
  const auto begin = readme.find(kBegin);
  ASSERT_NE(begin, std::string::npos) << "README.md has no diagnostic code list";
  const auto from = begin + std::string(kBegin).size();
  const auto end = readme.find(kEnd, from);
  ASSERT_NE(end, std::string::npos);
  const std::string expected = readme_list();
  if (std::getenv("UPDATE_README") != nullptr) {
    test::write_text(readme_path, readme.replace(from, end - from, expected));
    return;
  }
  EXPECT_EQ(readme.substr(from, end - from), expected) << "run with UPDATE_README=1 to rewrite the README's list";
}

}  // namespace
}  // namespace vanban
