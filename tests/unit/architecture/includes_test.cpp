// Keeps ARCHITECTURE.md's module rules true: dependencies point down the pipeline, siblings never include each
// other, and each third-party library is included by exactly one module.

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "support/paths.hpp"

namespace vanban {
namespace {

// Which project modules each module may include (besides itself).
const std::map<std::string, std::set<std::string>> kAllowed = {
    {"base", {}},
    {"crypto", {"base"}},
    {"model", {"base"}},
    {"text", {"base"}},
    {"xml", {"base", "model", "text"}},
    {"rules", {"base", "model", "xml"}},
    {"doc", {"base", "model"}},
    {"templating", {"base", "model", "text", "rules", "doc"}},
    {"layout", {"base", "doc", "text"}},
    {"pdfobj", {"base", "crypto"}},
    {"pdf", {"base", "model", "layout", "pdfobj"}},
    {"sign", {"base", "crypto", "pdfobj"}},
    {"db", {"base"}},
    {"archive", {"base", "model", "text", "db", "crypto"}},
    {"pipeline",
     {"base", "crypto", "model", "xml", "text", "rules", "doc", "templating", "layout", "pdfobj", "pdf", "sign",
      "archive"}},
    {"api", {"base", "model", "pipeline", "archive"}},
    {"cli", {"base", "model", "text", "pipeline", "api", "archive", "sign"}},
    {"server", {"base", "model", "text", "pipeline", "archive", "sign"}},
};

// Third-party headers and the modules that may include them. crypto alone calls OpenSSL; pdfobj alone uses zlib
// (xref and object streams of other tools' PDFs, the streams sign appends; libharu links its own zlib, which no
// vanban header sees); pdf compresses its own streams with libdeflate, and sign alone reads PNG images. db alone
// talks to the database (Poco::Data); archive alone writes the hand-over zip (Poco::Zip).
const std::vector<std::pair<std::regex, std::set<std::string>>> kOwners = {
    {std::regex("^pugixml"), {"xml"}},       {std::regex("^libxml/"), {"xml"}},
    {std::regex("^unicode/"), {"text"}},     {std::regex("^hpdf"), {"pdf"}},
    {std::regex("^zlib"), {"pdfobj"}},       {std::regex("^libdeflate"), {"pdf"}},
    {std::regex("^openssl/"), {"crypto"}},   {std::regex("^png"), {"sign"}},
    {std::regex("^Poco/Data"), {"db"}},      {std::regex("^Poco/Zip"), {"archive"}},
    {std::regex("^Poco/Net"), {"server"}},   {std::regex("^Poco/JSON"), {"api", "server"}},
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
          EXPECT_TRUE(owner.count(module)) << entry.path() << " includes " << header << ", owned by "
                                           << *owner.begin();
        }
      }
    }
  }
  EXPECT_GT(files, 20U);
}

}  // namespace
}  // namespace vanban
