#pragma once
// PDFBox Preflight, the PDF/A-1b validator at hand (../shared/PDF-NOTES.md §E), for the end-to-end tests.

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "support/paths.hpp"
#include "support/process.hpp"

namespace vanban::test {

/// PDFBox Preflight from Debian's libpdfbox2-java (scripts/setup installs it; a missing java fails the test).
inline std::string preflight_command() {
  std::string classpath;
  for (const char* jar :
       {"preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation", "jaxb-api"})
    classpath += (classpath.empty() ? "" : ":") + std::string("/usr/share/java/") + jar + ".jar";
  return "java -cp " + classpath + " org.apache.pdfbox.preflight.Validator_A1b";
}

/// Validates every file in one JVM (the list file goes to `dir`); returns "" when all are valid PDF/A-1b, else
/// Preflight's report.
inline std::string preflight_problems(const std::vector<std::filesystem::path>& pdfs,
                                      const std::filesystem::path& dir) {
#if !VANBAN_TEST_PREFLIGHT
  // A package build may switch the Java check off (-DVANBAN_TEST_PREFLIGHT=OFF); CI keeps it on.
  (void)pdfs;
  (void)dir;
  std::cerr << "PDF/A-1b not checked: VANBAN_TEST_PREFLIGHT is OFF\n";
  return "";
#endif
  std::string list;
  for (const auto& pdf : pdfs) list += pdf.string() + "\n";
  const auto list_file = dir / "preflight-list.txt";
  write_text(list_file, list);
  const auto result = run(preflight_command() + " group " + quote(list_file.string()));
  std::size_t valid = 0;
  for (std::size_t at = result.out.find("is a valid PDF/A-1b file"); at != std::string::npos;
       at = result.out.find("is a valid PDF/A-1b file", at + 1))
    ++valid;
  if (result.exit_code == 0 && valid == pdfs.size()) return "";
  return "exit " + std::to_string(result.exit_code) + "\n" + result.out + result.err;
}

}  // namespace vanban::test
