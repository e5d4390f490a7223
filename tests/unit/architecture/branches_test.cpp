// Keeps tests/unit/verification_branches.md honest: every problem and warning code that signature and archive
// verification raise has a row, every row's code is raised there, and every test a row names exists and mentions
// the row's code.

#include <gtest/gtest.h>

#include <algorithm>
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

// The sources whose codes the table lists.
const char* const kSources[] = {"src/sign/verification.hpp", "src/sign/verifier.cpp", "src/sign/byte_range.cpp",
                                "src/pipeline/verification.cpp", "src/archive/verify.cpp"};

struct Row {
  std::string code;
  std::vector<std::string> tests;  // "Suite.Name"
};

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(' ') + 1 - first);
}

// The table's rows: "| CODE | severity | what | where | `Suite.Name`, `Suite.Name` |".
std::vector<Row> table_rows() {
  std::vector<Row> rows;
  std::istringstream lines(test::read_text(test::source_dir() / "tests" / "unit" / "verification_branches.md"));
  const std::regex row_code(R"(^\| ([EW]0\d{3}) \|)");
  const std::regex test_name("`([A-Za-z0-9_]+\\.[A-Za-z0-9_]+)`");
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch match;
    if (!std::regex_search(line, match, row_code)) continue;
    Row row{match[1], {}};
    const std::string tests = trimmed(line.substr(line.rfind('|', line.size() - 2) + 1, std::string::npos));
    for (std::sregex_iterator it(tests.begin(), tests.end(), test_name), end; it != end; ++it)
      row.tests.push_back((*it)[1]);
    rows.push_back(row);
  }
  return rows;
}

// The quoted codes ("E0648") the sources raise.
std::set<std::string> raised_codes() {
  std::set<std::string> codes;
  const std::regex quoted(R"re("([EW]0\d{3})")re");
  for (const char* source : kSources) {
    const std::string text = test::read_text(test::source_dir() / source);
    EXPECT_FALSE(text.empty()) << source;
    for (std::sregex_iterator it(text.begin(), text.end(), quoted), end; it != end; ++it) codes.insert((*it)[1]);
  }
  return codes;
}

// Every test's body by "Suite.Name": after its TEST line, up to the next test (or the end of the file).
std::map<std::string, std::vector<std::string>> test_bodies() {
  std::map<std::string, std::vector<std::string>> bodies;
  const std::regex definition(R"(\n(?:TEST|TEST_P|TEST_F)\((\w+),\s*(\w+)\))");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(test::source_dir() / "tests")) {
    if (entry.path().extension() != ".cpp") continue;
    const std::string text = test::read_text(entry.path());
    std::vector<std::pair<std::size_t, std::string>> starts;
    for (std::sregex_iterator it(text.begin(), text.end(), definition), end; it != end; ++it)
      starts.emplace_back(static_cast<std::size_t>(it->position()), (*it)[1].str() + "." + (*it)[2].str());
    for (std::size_t i = 0; i < starts.size(); ++i) {
      const std::size_t stop = i + 1 < starts.size() ? starts[i + 1].first : text.size();
      const std::size_t body = std::min(text.find('\n', starts[i].first + 1), stop);
      bodies[starts[i].second].push_back(text.substr(body, stop - body));
    }
  }
  return bodies;
}

TEST(VerificationBranches, EveryCodeRaisedHasARowAndEveryRowIsRaised) {
  const auto rows = table_rows();
  ASSERT_GT(rows.size(), 30U) << "the table was not read";
  std::set<std::string> listed;
  for (const auto& row : rows) EXPECT_TRUE(listed.insert(row.code).second) << row.code << " has two rows";
  const auto raised = raised_codes();
  for (const auto& code : raised) EXPECT_TRUE(listed.count(code)) << code << " is raised but has no row";
  for (const auto& code : listed) EXPECT_TRUE(raised.count(code)) << code << " has a row but is raised nowhere";
}

TEST(VerificationBranches, EveryTestNamedExistsAndMentionsItsCode) {
  const auto bodies = test_bodies();
  for (const auto& row : table_rows()) {
    EXPECT_FALSE(row.tests.empty()) << row.code << " names no test";
    for (const auto& name : row.tests) {
      const auto found = bodies.find(name);
      if (found == bodies.end()) {
        ADD_FAILURE() << row.code << ": no test " << name;
        continue;
      }
      bool mentions = false;
      for (const auto& body : found->second) mentions = mentions || body.find(row.code) != std::string::npos;
      EXPECT_TRUE(mentions) << row.code << ": " << name << " does not mention the code";
    }
  }
}

}  // namespace
}  // namespace vanban
