// Everything a clerk reads is Vietnamese: every standard output and standard error the CLI gave in this test run
// (tests/support/process.hpp records them under output/cli-outputs/) is checked word by word. Codes, file names, option
// names, dates, numbers, the case format's identifiers and data quoted from the input are allowed; a word of ASCII
// letters must be a Vietnamese syllable written without marks or one of the few names below, so an English word
// ("error", "warning", "done", "example") fails. Runs after the tests that record (the ctest fixture cli_outputs).

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

#include "cli/options.hpp"
#include "support/paths.hpp"

namespace vanban {
namespace {

// Names that are no Vietnamese syllable but are what they are in any language.
const std::set<std::string> kNames = {
    "pdf",        "pades", "cades",     "etsi",       "detached", "cms",        "sha",    "utf",    "xml",
    "tcvn",       "vni",   "windows",   "unicode",    "nfc",      "nfd",        "iso",    "pkcs",   "pem",
    "toml",       "json",  "csv",       "liberation", "serif",    "postgresql", "sqlite", "zip",    "abc",
    "png",        "xmp",   "uri",       "doctype",    "dtd",      "dd",         "mm",     "yyyy",   "vanban",
    "git",        "pt",    "mm",        "ctrl",       "ecdsa",    "rsa",        "crt",    "pfx",    "pgpass",
    "pgpassword", "byte",  "nfd",       "rfc",        "pkcs12",   "a4",         "cmnd",   "cccd",   "vbt",
    "xsd",        "ebnf",  "tsv",       "qh15",       "hs",       "st",         "ds",     "qd",     "cc",
    "cchv",       "chv",   "thads",     "ccthads",    "pthads",   "kt",         "tl",     "tuq",    "tm",
    "q",          "http",  "https",     "www",        "gov",      "vn",         "moj",    "pdfa",   "has",
    "bb",         "tb",    "startxref", "xref",       "trailer",  "obj",        "endobj", "stream", "endstream",
    "svg"};

// Vietnamese syllables written without marks: onset, vowels, coda.
const std::regex kSyllable(
    "^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?[aeiouy]{1,3}"
    "(ch|ng|nh|c|m|n|p|t)?$");

// A line with what is allowed removed: quoted data, library messages, codes, options, paths, dates, identifiers.
std::string strip(std::string line) {
  static const std::vector<std::regex> patterns = {
      std::regex(R"("[^"]*")"),                                       // quoted: names, values, paths from the input
      std::regex(R"(“[^”]*”)"),                                       //
      std::regex(R"([^:]*\(libxml2\))"),                              // libxml2's own message, marked so
      std::regex(R"(\((toml\+\+|SQLite|PostgreSQL|OpenSSL): .*\))"),  // a library's own message, marked so
      std::regex(R"(\b(CN|O|OU|C|L|ST|E)=[^,\n]*)"),                  // certificate names (input data)
      std::regex(R"(([:\[,]\s*)(null|true|false)\b)"),                // JSON's literals in --format json answers
      std::regex(R"(\[[EW]\d{4}\])"),
      std::regex(R"(\(E[A-Z]{3,}\))"),  // the system's name of an error, for whoever supports the clerk: (ENOSPC)
      std::regex(R"(\[\[?[a-z_.]+\]\]?( [a-z_]+)?)"),  // configuration tables and keys: [trust] anchors
      std::regex(R"(&#?[A-Za-z0-9]+;)"),               // XML references: &amp; &#x1B;                 // codes
      std::regex(R"(<[^>]*>)"),                        // elements of the case format
      std::regex(R"(\{[^}]*\})"),                      // template syntax
      std::regex(R"([^\s]*[/\\][^\s]*)"),              // paths, URIs, số/ký hiệu
      std::regex(R"(-{1,2}[A-Za-z][\w-]*)"),           // options
      std::regex(R"([\w-]*[._=][\w.=-]*)"),            // file names, fields (debtor.name), attributes (role=)
      std::regex(R"(\b[0-9a-fA-F:]{16,}\b)"),          // hashes, serials
      std::regex(R"(\b[0-9a-f]{7,40}\b)"),             // git revisions
      std::regex(R"(\d[\w:+,.-]*)"),                   // numbers, dates, times, versions
  };
  for (const auto& pattern : patterns) line = std::regex_replace(line, pattern, " ");
  return line;
}

// Words of ASCII letters only (Vietnamese words with marks are never English).
std::vector<std::string> ascii_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  bool ascii = true;
  const auto flush = [&] {
    if (!word.empty() && ascii) words.push_back(word);
    word.clear();
    ascii = true;
  };
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      ascii = false;
      word += c;
    } else if (std::isalpha(byte)) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  return words;
}

// The identifiers a clerk types or reads in the case format and on the command line: the names and values of
// schemas/case.xsd (male, court-fee, debtor=…) and the commands and choices of the option table.
const std::set<std::string>& identifiers() {
  static const std::set<std::string> words = [] {
    std::set<std::string> out;
    const std::string schema = test::read_text(test::source_dir() / "schemas" / "case.xsd");
    const std::regex attribute(R"re((name|value)="([^"]+)")re");
    for (std::sregex_iterator it(schema.begin(), schema.end(), attribute), end; it != end; ++it) {
      std::string value = (*it)[2];
      for (char& c : value)
        if (!std::isalpha(static_cast<unsigned char>(c))) c = ' ';
      std::istringstream parts(value);
      std::string part;
      while (parts >> part) out.insert(part);
    }
    // The configuration file's tables and keys (etc/vanban.conf.example).
    const std::string config = test::read_text(test::source_dir() / "etc" / "vanban.conf.example");
    const std::regex key(R"(^(?:#? *([a-z_]+) *=|\[\[?([a-z_.]+)\]\]?))");
    std::istringstream lines(config);
    std::string line;
    while (std::getline(lines, line)) {
      std::smatch match;
      if (!std::regex_search(line, match, key)) continue;
      std::string name = match[1].matched ? match[1].str() : match[2].str();
      for (char& c : name)
        if (c == '.' || c == '_') c = ' ';
      std::istringstream parts(name);
      std::string part;
      while (parts >> part) out.insert(part);
    }
    for (const auto& command : cli::commands()) {
      std::istringstream parts(command.name);
      std::string part;
      while (parts >> part) out.insert(part);
      for (const auto& option : command.options) {
        std::istringstream choices(option.choices);
        while (choices >> part) out.insert(part);
      }
    }
    return out;
  }();
  return words;
}

bool allowed(const std::string& word) {
  if (word.size() == 1) return true;  // a clause's letter ("điểm a, b"), a placeholder
  if (identifiers().count(word)) return true;
  // Abbreviations and placeholders written in capitals: PDF, CMS, TCVN, CA, T,D,TR,PH.
  if (word.size() <= 4 && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    return true;
  std::string lower;
  for (const char c : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return kNames.count(lower) || std::regex_match(lower, kSyllable);
}

TEST(ClerkWords, TheWordsVanbanUsesAreVietnamese) {
  EXPECT_TRUE(allowed("Chi"));
  EXPECT_TRUE(allowed("thanh"));
  EXPECT_TRUE(allowed("PDF"));
  for (const char* english : {"error", "warning", "environment", "done", "skipped", "failed", "example", "output",
                              "internal", "note", "file", "message", "unknown", "corrupt"})
    EXPECT_FALSE(allowed(english)) << english;
  for (const auto& word : ascii_words(strip("case.xml:3:1: lỗi: [E0201] thiếu <name> trong \"Hà Nội\" (--case)")))
    EXPECT_TRUE(allowed(word)) << word;
  EXPECT_EQ(ascii_words(strip("vanban: environment error: [E0801] x")),
            (std::vector<std::string>{"vanban", "environment", "error", "x"}));
  // The format's own words are what the clerk types; a command's name is what the clerk types.
  EXPECT_TRUE(allowed("female"));
  EXPECT_TRUE(allowed("withdraw"));
  EXPECT_TRUE(allowed("agency"));  // --appearance agency
}

TEST(ClerkWords, NoEnglishWordInWhatTheCliPrintedInThisRun) {
  const auto dir = std::filesystem::path(VANBAN_TEST_OUTPUT_DIR) / "cli-outputs";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "no CLI output recorded in this run";
  std::size_t lines = 0;
  std::map<std::string, std::string> found;  // word → the first line it came in
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::istringstream text(test::read_text(entry.path()));
    std::string line;
    while (std::getline(text, line)) {
      ++lines;
      for (const auto& word : ascii_words(strip(line)))
        if (!allowed(word) && !found.count(word)) found[word] = line;
    }
  }
  for (const auto& [word, line] : found) ADD_FAILURE() << "\"" << word << "\" in: " << line;
  // A run of a few tests (ctest -R …) records too little to say all is well; the whole suite records thousands.
  if (found.empty() && lines < 100) GTEST_SKIP() << "only " << lines << " lines recorded in this run";
}

}  // namespace
}  // namespace vanban
