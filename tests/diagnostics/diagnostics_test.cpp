// Table-driven diagnostics: every folder under tests/diagnostics/cases holds a case.xml and, beside it, the exact
// standard error `vanban validate case.xml` must print (expected.txt). The exit code follows: 1 when an error is
// expected, 0 otherwise. UPDATE_EXPECTED=1 rewrites expected.txt from what the CLI prints (on purpose only, then
// read the diff).

#include <gtest/gtest.h>

#include <cstdlib>

#include "support/paths.hpp"
#include "support/process.hpp"

namespace vanban {
namespace {

std::filesystem::path cases_dir() { return test::source_dir() / "tests" / "diagnostics" / "cases"; }

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(cases_dir()))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

class Diagnostics : public ::testing::TestWithParam<std::string> {};

TEST_P(Diagnostics, MatchExpectedMessagesAndExitCode) {
  const auto dir = cases_dir() / GetParam();
  ASSERT_TRUE(std::filesystem::exists(dir / "case.xml")) << dir;
  const std::string args =
      std::filesystem::exists(dir / "args") ? trimmed(test::read_text(dir / "args")) + " " : std::string();
  // Run inside the folder so that messages name "case.xml", as a clerk would see them.
  const auto result =
      test::run("cd " + test::quote(dir.string()) + " && " + test::quote(test::binary().string()) + " --resources " +
                test::quote(test::source_dir().string()) + " validate " + args + "case.xml");
  const auto expected_file = dir / "expected.txt";
  if (std::getenv("UPDATE_EXPECTED") != nullptr) test::write_text(expected_file, result.err);
  const std::string expected = test::read_text(expected_file);
  EXPECT_EQ(result.err, expected);
  const bool error_expected = expected.find(": lỗi: ") != std::string::npos;
  EXPECT_EQ(result.exit_code, error_expected ? 1 : 0) << result.err;
  if (!error_expected) {
    EXPECT_EQ(result.out, "case.xml: hợp lệ, 1 hồ sơ\n");
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, Diagnostics, ::testing::ValuesIn(case_names()), [](const auto& param_info) {
  std::string name = param_info.param;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
});

}  // namespace
}  // namespace vanban
