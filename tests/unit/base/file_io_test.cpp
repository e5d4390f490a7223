#include "base/file_io.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <ostream>

#include "base/error.hpp"
#include "support/paths.hpp"

namespace vanban {
namespace {

// How many entries a folder holds (what a write left behind).
std::size_t entries(const std::filesystem::path& dir) {
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++count;
  return count;
}

TEST(FileIo, WritesAtomicallyAndReadsBack) {
  const auto dir = test::scratch_dir("file_io");
  const auto path = dir / "out.pdf";
  write_file_atomically(path, "first");
  write_file_atomically(path, "second");
  std::string problem;
  EXPECT_EQ(read_file(path, 100, problem).value(), "second");
  // No temporary file is left beside it.
  EXPECT_EQ(entries(dir), 1U);
}

// Issue 24c: a file written through a stream (a job's zip) goes through a temporary file and a rename as well; a
// writer that fails leaves the old file and nothing beside it.
TEST(FileIo, WritesThroughAStreamAtomically) {
  const auto dir = test::scratch_dir("file_io_stream");
  const auto path = dir / "letters.zip";
  write_file_atomically(path, [](std::ostream& out) { out << "first"; });
  write_file_atomically(path, [](std::ostream& out) {
    out << "second, longer";
    out.seekp(0);  // seekable, as Poco::Zip needs it
    out << "S";
  });
  std::string problem;
  EXPECT_EQ(read_file(path, 100, problem).value(), "Second, longer");
  EXPECT_THROW(write_file_atomically(path,
                                     [](std::ostream& out) {
                                       out << "half";
                                       throw Error("E0769", "hỏng giữa chừng");
                                     }),
               Error);
  EXPECT_EQ(read_file(path, 100, problem).value(), "Second, longer");
  EXPECT_EQ(entries(dir), 1U);
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777U, 0644U);
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
  EXPECT_EQ(entries(dir), 1U);
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

// Issue 18: rename() replaced whatever was at the path, a symbolic link, a FIFO, a device node (as root, -o /dev/full
// turned the device into a regular file). Only a regular file is ever replaced.
TEST(FileIo, NeverReplacesALinkAFifoOrAFolder) {
  const auto dir = test::scratch_dir("file_io_special");
  const auto target = dir / "target.pdf";
  test::write_text(target, "kept");
  const auto link = dir / "link.pdf";
  std::filesystem::create_symlink(target, link);
  const auto fifo = dir / "fifo.pdf";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto folder = dir / "folder.pdf";
  std::filesystem::create_directory(folder);
  for (const auto& path : {link, fifo, folder}) {
    try {
      write_file_atomically(path, "new");
      ADD_FAILURE() << path << " was replaced";
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), "E0803");
      EXPECT_NE(std::string(error.what()).find("không phải tệp thông thường"), std::string::npos) << error.what();
    }
  }
  EXPECT_TRUE(std::filesystem::is_symlink(link));
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));
  EXPECT_TRUE(std::filesystem::is_directory(folder));
  EXPECT_EQ(test::read_text(target), "kept");
  // Nothing is left behind: the target, the link, the FIFO and the folder.
  EXPECT_EQ(entries(dir), 4U);
}

TEST(FileIo, TheOutputRule) {
  const auto dir = test::scratch_dir("file_io_output");
  const auto input = dir / "case.xml";
  test::write_text(input, "<case/>");
  std::filesystem::create_hard_link(input, dir / "same.xml");
  std::filesystem::create_symlink(input, dir / "link.pdf");
  std::filesystem::create_directory(dir / "inputs");
  EXPECT_EQ(output_problem("-"), std::nullopt);
  EXPECT_EQ(output_problem((dir / "new.pdf").string(), {input}), std::nullopt);
  test::write_text(dir / "old.pdf", "old");
  EXPECT_EQ(output_problem((dir / "old.pdf").string(), {input}), std::nullopt);
  // The input itself, under its name or another.
  EXPECT_EQ(output_problem(input.string(), {input}),
            input.string() + " là tệp đầu vào " + input.string() + ": không ghi kết quả đè lên đầu vào");
  EXPECT_TRUE(output_problem((dir / "same.xml").string(), {input}));
  // Inside an input folder.
  EXPECT_TRUE(output_problem((dir / "inputs" / "x.pdf").string(), {dir / "inputs"}));
  EXPECT_TRUE(output_problem((dir / "inputs" / ".." / "inputs" / "x.pdf").string(), {dir / "inputs"}));
  EXPECT_EQ(output_problem((dir / "inputs-2.pdf").string(), {dir / "inputs"}), std::nullopt);
  // A link is refused, not followed; so are devices.
  EXPECT_EQ(
      output_problem((dir / "link.pdf").string()),
      (dir / "link.pdf").string() + " là một liên kết tượng trưng, không phải tệp thông thường: không ghi đè lên nó");
  EXPECT_EQ(output_problem("/dev/null"),
            std::string("/dev/null là một thiết bị, không phải tệp thông thường: không ghi đè lên nó"));
  EXPECT_TRUE(output_problem("/dev/stdout"));
  // A missing folder is named, never created.
  EXPECT_EQ(output_problem((dir / "missing" / "x.pdf").string()), "thư mục " + (dir / "missing").string() +
                                                                      " không tồn tại (hãy tạo thư mục trước khi ghi " +
                                                                      (dir / "missing" / "x.pdf").string() + ")");
  EXPECT_FALSE(std::filesystem::exists(dir / "missing"));
  EXPECT_TRUE(output_problem((dir / "old.pdf" / "x.pdf").string()));
}

TEST(FileIo, WriteOutputFollowsTheRule) {
  const auto dir = test::scratch_dir("file_io_write_output");
  const auto input = dir / "in.pdf";
  test::write_text(input, "input");
  EXPECT_THROW(write_output(input.string(), "output", {input}), Error);
  EXPECT_EQ(test::read_text(input), "input");
  write_output((dir / "out.pdf").string(), "output", {input});
  EXPECT_EQ(test::read_text(dir / "out.pdf"), "output");
}

TEST(FileIo, MessagesAreVietnamese) {
  try {
    write_file_atomically("/nonexistent-folder/x.pdf", "x");
    ADD_FAILURE();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "[E0803] không tạo được tệp tạm để ghi /nonexistent-folder/x.pdf: không có tệp hoặc thư mục này "
              "(ENOENT)");
  }
  const auto dir = test::scratch_dir("file_io_long_name");
  try {
    write_file_atomically(dir / std::string(300, 'a'), "x");
    ADD_FAILURE();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("tên tệp hoặc đường dẫn quá dài (ENAMETOOLONG)"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace vanban
