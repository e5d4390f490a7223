#pragma once
// Where tests find the project's files, ../shared and the CLI.

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace vanban::test {

inline std::filesystem::path source_dir() { return VANBAN_SOURCE_DIR; }
inline std::filesystem::path shared_cases_dir() { return std::filesystem::path(VANBAN_SHARED_DIR) / "cases"; }
inline bool have_shared_cases() { return std::filesystem::is_directory(shared_cases_dir()); }
inline std::filesystem::path binary() { return VANBAN_BINARY; }

/// A fresh, empty scratch folder for one test.
inline std::filesystem::path scratch_dir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(VANBAN_TEST_OUTPUT_DIR) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// A name unique to the running test (and its parameter: "Add_SQLite"), letters, digits and "_" only.
inline std::string current_test_name() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string(info->test_suite_name()) + "_" + info->name();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

/// Every *.xml file in a folder, sorted.
inline std::vector<std::filesystem::path> xml_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  if (!std::filesystem::is_directory(dir)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".xml") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

/// Example cases: the project's examples/, plus ../shared/cases when present.
inline std::vector<std::filesystem::path> all_sample_cases() {
  auto out = xml_files(source_dir() / "examples");
  for (auto& path : xml_files(shared_cases_dir())) out.push_back(path);
  return out;
}

}  // namespace vanban::test
