#include "base/file_io.hpp"

#include <gtest/gtest.h>

#include "base/error.hpp"
#include "support/paths.hpp"

namespace vanban {
namespace {

TEST(FileIo, WritesAtomicallyAndReadsBack) {
  const auto dir = test::scratch_dir("file_io");
  const auto path = dir / "out.pdf";
  write_file_atomically(path, "first");
  write_file_atomically(path, "second");
  std::string problem;
  EXPECT_EQ(read_file(path, 100, problem).value(), "second");
  // No temporary file is left beside it.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1U);
}

TEST(FileIo, CreatesAReadOnlyFileOnceAndNeverReplacesIt) {
  const auto dir = test::scratch_dir("file_io_once");
  const auto path = dir / "stored.pdf";
  EXPECT_TRUE(create_file_once(path, "first"));
  EXPECT_FALSE(create_file_once(path, "second"));
  std::string problem;
  EXPECT_EQ(read_file(path, 100, problem).value(), "first");
  EXPECT_EQ(
      std::filesystem::status(path).permissions() & std::filesystem::perms::all,
      std::filesystem::perms::owner_read | std::filesystem::perms::group_read | std::filesystem::perms::others_read);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1U);
  EXPECT_THROW(create_file_once("/nonexistent-folder/x.pdf", "x"), Error);
}

TEST(FileIo, RefusesMissingAndTooLargeFiles) {
  const auto dir = test::scratch_dir("file_io_limits");
  std::string problem;
  EXPECT_FALSE(read_file(dir / "missing.xml", 100, problem).has_value());
  EXPECT_EQ(problem, "không tìm thấy tệp");
  test::write_text(dir / "big.xml", std::string(200, 'x'));
  EXPECT_FALSE(read_file(dir / "big.xml", 100, problem).has_value());
  EXPECT_NE(problem.find("quá lớn"), std::string::npos);
}

TEST(FileIo, ThrowsWhenTheFolderDoesNotExist) {
  EXPECT_THROW(write_file_atomically("/nonexistent-folder/x.pdf", "x"), Error);
}

}  // namespace
}  // namespace vanban
