// Keeps ARCHITECTURE.md's module rules true: dependencies point down the pipeline, siblings never include each
// other, and each third-party library is included by exactly one module.

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "support/paths.hpp"

namespace vanban {
namespace {

// Which project modules each module may include (besides itself): ../shared/ARCHITECTURE.md's table, with the
// departures the README states (kDepartures), and the README's module table says the same (tests below).
const std::map<std::string, std::set<std::string>> kAllowed = {
    {"base", {}},
    {"crypto", {"base"}},
    {"model", {"base"}},
    {"config", {"base", "model"}},
    {"text", {"base"}},
    {"xml", {"base", "model", "text"}},
    {"rules", {"base", "model", "xml"}},
    {"doc", {"base", "model"}},
    {"templating", {"base", "model", "text", "rules", "doc"}},
    {"layout", {"base", "doc", "text"}},
    {"pdfobj", {"base", "crypto"}},
    {"pdf", {"base", "model", "layout", "pdfobj"}},
    {"svg", {"base", "layout"}},
    {"sign", {"base", "pdfobj", "crypto"}},
    {"db", {"base"}},
    {"archive", {"base", "model", "text", "db", "crypto"}},
    {"reports", {"base", "model", "rules"}},
    {"xlsx", {"base"}},
    {"cases", {"base", "model", "text", "xml", "db"}},
    {"pipeline",
     {"base", "crypto", "model", "config", "xml", "text", "rules", "doc", "templating", "layout", "pdfobj", "pdf",
      "svg", "sign", "db", "archive", "reports", "xlsx", "cases"}},
    {"api", {"base", "pipeline"}},
    {"cli", {"base", "pipeline", "api"}},
    {"server", {"base", "pipeline", "api", "cases"}},
};

// Where this project departs from ../shared/ARCHITECTURE.md, and why (the README says the same): xml normalizes every
// text field (text) before anything else sees it; rules keeps the law as XML data read by xml, so pugixml has one
// owner; archive and cases fold names for accent-insensitive search with text's case mapping.
const std::map<std::string, std::set<std::string>> kDepartures = {
    {"xml", {"text"}}, {"rules", {"xml"}}, {"archive", {"text"}}, {"cases", {"text"}}};

// Third-party headers and the modules that may include them. crypto alone calls OpenSSL (PKCS#11 tokens too: libp11's
// engine through OpenSSL, the PKCS#11 header of p11-kit to list a token's certificates); pdfobj alone uses zlib
// (xref and object streams of other tools' PDFs, the streams sign appends; libharu links its own zlib, which no
// vanban header sees); pdf compresses its own streams with libdeflate, and sign alone reads PNG images. db alone
// talks to the database (Poco::Data); archive alone writes the hand-over zip (Poco::Zip); config alone reads TOML
// (toml++); xlsx alone writes workbooks (libxlsxwriter).
const std::vector<std::pair<std::regex, std::set<std::string>>> kOwners = {
    {std::regex("^pugixml"), {"xml"}},
    {std::regex("^libxml/"), {"xml"}},
    {std::regex("^unicode/"), {"text"}},
    {std::regex("^hpdf"), {"pdf"}},
    {std::regex("^zlib"), {"pdfobj"}},
    {std::regex("^libdeflate"), {"pdf"}},
    {std::regex("^openssl/"), {"crypto"}},
    {std::regex("^p11-kit/"), {"crypto"}},
    {std::regex("^png"), {"sign"}},
    {std::regex("^Poco/Data"), {"db"}},
    {std::regex("^toml"), {"config"}},
    {std::regex("^Poco/Zip"), {"archive"}},
    {std::regex("^xlsxwriter"), {"xlsx"}},
    {std::regex("^Poco/Net"), {"api", "server"}},
    {std::regex("^Poco/JSON"), {"api", "server"}},
};

TEST(Architecture, ModulesIncludeOnlyWhatTheyMayUse) {
  const auto src = test::source_dir() / "src";
  const std::regex include_line(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(src)) {
    const auto ext = entry.path().extension();
    if (ext != ".hpp" && ext != ".cpp") continue;
    ++files;
    const std::string module = std::filesystem::relative(entry.path(), src).begin()->string();
    ASSERT_TRUE(kAllowed.count(module)) << "unknown module folder " << module;
    std::istringstream lines(test::read_text(entry.path()));
    std::string line;
    while (std::getline(lines, line)) {
      std::smatch match;
      if (!std::regex_search(line, match, include_line)) continue;
      const std::string header = match[1];
      const auto slash = header.find('/');
      const std::string first = slash == std::string::npos ? "" : header.substr(0, slash);
      if (kAllowed.count(first)) {
        EXPECT_TRUE(first == module || kAllowed.at(module).count(first))
            << entry.path() << " (" << module << ") includes " << header;
      }
      for (const auto& [pattern, owner] : kOwners) {
        if (std::regex_search(header, pattern)) {
          EXPECT_TRUE(owner.count(module)) << entry.path() << " includes " << header << ", owned by " << *owner.begin();
        }
      }
    }
  }
  EXPECT_GT(files, 20U);
}

// A module table's rows ("| name | job | uses |"): module → what its "uses" column names. "std", "the stages" and
// "the modules above" name no module (pipeline's row is read as every module above it).
std::map<std::string, std::set<std::string>> module_table(const std::string& text, const std::string& heading) {
  std::map<std::string, std::set<std::string>> table;
  const auto start = text.find(heading);
  if (start == std::string::npos) return table;
  std::istringstream lines(text.substr(start));
  std::string line;
  std::set<std::string> above;
  const std::regex row(R"(^\| ([a-z]+) \|.*\| ([^|]*) \|\s*$)");
  const std::regex name("[a-z]+");
  bool in_table = false;
  while (std::getline(lines, line)) {
    std::smatch match;
    if (line.rfind("|", 0) != 0) {
      if (in_table) break;
      continue;
    }
    in_table = true;
    if (!std::regex_match(line, match, row)) continue;
    const std::string module = match[1];
    const std::string uses = match[2];
    std::set<std::string> names;
    if (uses.find("above") != std::string::npos || uses.find("the stages") != std::string::npos) {
      names = above;
    } else {
      for (std::sregex_iterator it(uses.begin(), uses.end(), name), end; it != end; ++it)
        if (it->str() != "std") names.insert(it->str());
    }
    table[module] = names;
    above.insert(module);
  }
  return table;
}

TEST(Architecture, TheReadmesModuleTableSaysWhatTheTestChecks) {
  const auto readme = module_table(test::read_text(test::source_dir() / "README.md"), "## Modules");
  const auto src = test::source_dir() / "src";
  for (const auto& entry : std::filesystem::directory_iterator(src)) {
    if (!entry.is_directory()) continue;
    const std::string module = entry.path().filename().string();
    ASSERT_TRUE(kAllowed.count(module)) << "src/" << module << " is not in the architecture test's table";
    ASSERT_TRUE(readme.count(module)) << "src/" << module << " has no row in the README's module table";
    if (module == "pipeline") continue;  // "the stages": checked by the include test
    EXPECT_EQ(readme.at(module), kAllowed.at(module)) << "README's row for " << module;
  }
}

TEST(Architecture, TheTableIsSharedArchitectureWithTheStatedDepartures) {
  const auto path = std::filesystem::path(VANBAN_SHARED_DIR) / "ARCHITECTURE.md";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  const auto guide = module_table(test::read_text(path), "| src/");
  ASSERT_GT(guide.size(), 10U);
  for (const auto& [module, allowed] : kAllowed) {
    if (module == "pipeline" || !guide.count(module)) continue;
    for (const auto& used : allowed) {
      const bool departure = kDepartures.count(module) && kDepartures.at(module).count(used);
      EXPECT_TRUE(guide.at(module).count(used) || departure)
          << module << " may use " << used << " here, but ARCHITECTURE.md does not allow it and no departure says so";
    }
  }
}

}  // namespace
}  // namespace vanban
