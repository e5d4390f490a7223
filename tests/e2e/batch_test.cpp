// vanban batch on a generated register: counts, order, manifest, combined PDF, failures, --jobs, resume.

#include <gtest/gtest.h>

#include <csignal>
#include <cstring>
#include <set>
#include <sstream>
#include <thread>

#include "crypto/sha256.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/register_generator.hpp"
#include "support/reorganised.hpp"

namespace vanban {
namespace {

using test::quote;
using test::vanban;

std::vector<std::vector<std::string>> manifest_rows(const std::filesystem::path& dir) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(test::read_text(dir / "manifest.csv"));
  std::string line;
  std::getline(lines, line);
  // A byte order mark, so that a spreadsheet reads the Vietnamese as UTF-8; the columns in Vietnamese.
  EXPECT_EQ(line,
            "\xEF\xBB\xBF"
            "mã hồ sơ,người phải thi hành án,số tiền còn phải thi hành (đồng),tệp,SHA-256,trạng thái,ghi chú");
  while (std::getline(lines, line)) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (const char c : line) {
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) fields.emplace_back();
      else fields.back() += c;
    }
    rows.push_back(fields);
  }
  return rows;
}

class Batch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // ctest runs each test in its own process, in parallel: each process needs its own input folder.
    const auto dir = test::scratch_dir("batch_input-" + std::to_string(::getpid()));
    generated_ = test::generate_register(300, 50);
    register_ = dir / "register.xml";
    test::write_text(register_, generated_.xml);
  }
  static std::filesystem::path register_;
  static test::GeneratedRegister generated_;
};
std::filesystem::path Batch::register_;
test::GeneratedRegister Batch::generated_;

TEST_F(Batch, RendersEveryCaseReportsFailuresAndWritesTheManifest) {
  const auto out = test::scratch_dir("batch_all");
  const auto result = vanban("batch " + quote(register_.string()) + " --template qd-tha-chu-dong --jobs 2 -o " +
                             quote(out.string()) + " --combined " + quote((out / "all.pdf").string()));
  EXPECT_EQ(result.exit_code, 1) << "failures must make the batch exit 1";
  // The template is for ex-officio cases: those on request are listed as not applicable, not drafted.
  const std::size_t failures = generated_.unrenderable_ex_officio;
  const std::size_t done = 300 - generated_.on_request - failures;
  ASSERT_GT(failures, 0U);
  EXPECT_NE(result.err.find("xong: " + std::to_string(done) + ", bỏ qua (đã có): 0, không áp dụng: " +
                            std::to_string(generated_.on_request) + ", lỗi: " + std::to_string(failures)),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("[E0501]"), std::string::npos);
  const auto rows = manifest_rows(out);
  ASSERT_EQ(rows.size(), 300U);
  std::size_t failed = 0;
  std::size_t not_applicable = 0;
  std::string previous_debtor;
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 7U);
    if (row[5] == "lỗi" || row[5] == "không áp dụng") {
      ++(row[5] == "lỗi" ? failed : not_applicable);
      EXPECT_TRUE(row[4].empty());
      EXPECT_FALSE(std::filesystem::exists(out / row[3]));
      EXPECT_NE(row[6].find(row[5] == "lỗi" ? "[E0501]" : "[E0311]"), std::string::npos) << row[6];
      continue;
    }
    EXPECT_EQ(row[5], "đã lập");
    EXPECT_EQ(row[3], row[0] + "-qd-tha-chu-dong.pdf");
    EXPECT_EQ(crypto::sha256_hex(test::read_text(out / row[3])), row[4]) << row[3];
  }
  EXPECT_EQ(failed, failures);
  EXPECT_EQ(not_applicable, generated_.on_request);
  // Vietnamese order: every "Đ…" debtor after every "D…" one and before every "E…"…"H…" one.
  std::size_t last_d = 0, first_dd = rows.size(), last_dd = 0, first_h = rows.size();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string& debtor = rows[i][1];
    if (debtor.rfind("Dương", 0) == 0) last_d = i;
    if (debtor.rfind("Đ", 0) == 0) {
      first_dd = std::min(first_dd, i);
      last_dd = i;
    }
    if (debtor.rfind("H", 0) == 0) first_h = std::min(first_h, i);
  }
  EXPECT_LT(last_d, first_dd);
  EXPECT_LT(last_dd, first_h);
  const auto json = test::read_text(out / "manifest.json");
  EXPECT_NE(json.find("\"case_id\": \"THA-2024-000001\""), std::string::npos);
  // The combined PDF holds every letter that was made.
  std::size_t pages = 0;
  for (const auto& row : rows) {
    if (row[5] != "đã lập") continue;
    const auto info = test::run("pdfinfo " + quote((out / row[3]).string()));
    pages += std::stoul(info.out.substr(info.out.find("Pages:") + 6));
  }
  const auto combined = test::run("pdfinfo " + quote((out / "all.pdf").string()));
  EXPECT_EQ(std::stoul(combined.out.substr(combined.out.find("Pages:") + 6)), pages);
}

TEST_F(Batch, OutputIsTheSameWhateverTheNumberOfJobs) {
  const auto one = test::scratch_dir("batch_jobs1");
  const auto two = test::scratch_dir("batch_jobs2");
  const std::string common = "batch " + quote(register_.string()) + " --template qd-tha-chu-dong --where " +
                             quote("debtor.outstanding > 0") + " -o ";
  vanban(common + quote(one.string()) + " --jobs 1");
  vanban(common + quote(two.string()) + " --jobs 2");
  const std::string manifest = test::read_text(one / "manifest.csv");
  EXPECT_EQ(manifest, test::read_text(two / "manifest.csv"));
  EXPECT_LT(manifest_rows(one).size(), 300U);  // the filter left out the paid cases
  EXPECT_GT(manifest_rows(one).size(), 100U);
}

TEST_F(Batch, FiltersFromTheIssueWorkAsWritten) {
  for (const char* where : {"debtor.outstanding > 0", "has(asset.mortgagee)", "status.condition == \"no-means\"",
                            "enforcement.mode == \"ex-officio\""}) {
    const auto out = test::scratch_dir("batch_where");
    const auto result = vanban("batch " + quote(register_.string()) + " --template qd-tha-chu-dong --where " +
                               quote(where) + " -o " + quote(out.string()));
    EXPECT_LE(result.exit_code, 1) << where << result.err;
    const auto rows = manifest_rows(out);
    EXPECT_GT(rows.size(), 10U) << where;
    EXPECT_LT(rows.size(), 300U) << where;
  }
  const auto bad = vanban("batch " + quote(register_.string()) +
                          " --template qd-tha-chu-dong --where 'debtor.outstanding >> 0' -o /tmp/unused");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--where:1:21: lỗi: [E0401]"), std::string::npos) << bad.err;
}

TEST_F(Batch, ResumesAfterAnInterruptedRun) {
  const auto out = test::scratch_dir("batch_resume");
  const std::string command = test::vanban_command() + " batch " + quote(register_.string()) +
                              " --template qd-tha-chu-dong --jobs 1 -o " + quote(out.string());
  // Start, interrupt with SIGINT once a few outputs exist, and wait. The wait is long (a slow machine, or a sanitizer
  // build, reads the register for seconds): a signal sent before the batch's handlers are installed would find SIGINT
  // ignored, as a shell's background job has it, and the batch would run to its end.
  const auto started = test::run("(" + command +
                                 " & pid=$!; for i in $(seq 1 12000); do "
                                 "n=$(ls " +
                                 quote(out.string()) +
                                 " | grep -c pdf); [ \"$n\" -ge 20 ] && break; "
                                 "sleep 0.01; done; kill -INT $pid; wait $pid; echo exit=$?)");
  ASSERT_NE(started.out.find("exit=130"), std::string::npos) << started.out << started.err;
  for (const auto& entry : std::filesystem::directory_iterator(out))
    EXPECT_NE(entry.path().filename().string()[0], '.') << "a temporary file remains: " << entry.path();
  const auto partial = manifest_rows(out);
  ASSERT_GT(partial.size(), 0U);
  ASSERT_LT(partial.size(), 300U);
  for (const auto& row : partial) {
    if (row[5] == "đã lập") {
      EXPECT_EQ(crypto::sha256_hex(test::read_text(out / row[3])), row[4]);
    }
  }
  // The rerun skips what is done and finishes the rest.
  const auto rerun =
      vanban("batch " + quote(register_.string()) + " --template qd-tha-chu-dong -o " + quote(out.string()));
  std::size_t done_before = 0;
  for (const auto& row : partial) done_before += row[5] == "đã lập" ? 1U : 0U;
  EXPECT_NE(rerun.err.find("bỏ qua (đã có): " + std::to_string(done_before) + ","), std::string::npos) << rerun.err;
  EXPECT_EQ(manifest_rows(out).size(), 300U);
  // --force redoes everything.
  const auto forced =
      vanban("batch " + quote(register_.string()) + " --template qd-tha-chu-dong --force -o " + quote(out.string()));
  EXPECT_NE(forced.err.find("bỏ qua (đã có): 0,"), std::string::npos) << forced.err;
}

// A register of `ids.size()` generated cases (ex officio, so that qd-tha-chu-dong applies) under the given ids.
std::filesystem::path register_with_ids(const std::filesystem::path& dir, const std::vector<std::string>& ids) {
  std::string xml = test::generate_register(ids.size()).xml;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    char generated[32];
    std::snprintf(generated, sizeof generated, "THA-2024-%06zu", i + 1);
    xml.replace(xml.find(std::string("id=\"") + generated + "\""), std::strlen(generated) + 5, "id=\"" + ids[i] + "\"");
  }
  const std::string on_request = "mode=\"on-request\"";
  for (std::size_t at = 0; (at = xml.find(on_request, at)) != std::string::npos;)
    xml.replace(at, on_request.size(), "mode=\"ex-officio\"");
  const auto path = dir / "register.xml";
  test::write_text(path, xml);
  return path;
}

// Issue 18: one 300-character id stopped the whole batch (ENAMETOOLONG, exit 3, in English), and ids whose letters or
// "/" mapped to the same file name were dropped from the manifest as duplicates. Every case now has a name of its
// own, bounded in length; a case that cannot be written is reported and the batch goes on.
TEST(BatchRobustness, LongAndLookAlikeIdsAreAllDraftedAndListed) {
  const auto dir = test::scratch_dir("batch_ids");
  const std::vector<std::string> ids = {std::string(300, 'X'), "HS/1", "HS_1", "Hồ sơ 1", "Hồ Sơ 1", "THA-1"};
  const auto input = register_with_ids(dir, ids);
  const auto out = dir / "out";
  // Something that is not a file where one case's letter goes: that case cannot be written, the others can.
  std::filesystem::create_directories(out / "THA-1-qd-tha-chu-dong.pdf");
  const auto result = vanban("batch " + quote(input.string()) + " --template qd-tha-chu-dong --date 2026-10-15 -o " +
                             quote(out.string()));
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("xong: 5, bỏ qua (đã có): 0, không áp dụng: 0, lỗi: 1"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("E0316"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("THA-1: [E0803]"), std::string::npos) << result.err;
  const auto rows = manifest_rows(out);
  ASSERT_EQ(rows.size(), ids.size());
  std::set<std::string> files;
  for (const auto& row : rows) {
    files.insert(row[3]);
    EXPECT_LE(row[3].size(), 100U) << row[3];
    if (row[0] == "THA-1") {
      EXPECT_EQ(row[5], "lỗi");
      continue;
    }
    EXPECT_EQ(row[5], "đã lập") << row[0];
    EXPECT_EQ(crypto::sha256_hex(test::read_text(out / row[3])), row[4]) << row[3];
  }
  EXPECT_EQ(files.size(), ids.size()) << "one file name per case";
}

// Issue 18: SIGHUP (the terminal closed) killed the batch and left no manifest at all. It now stops the batch as
// Ctrl-C does, and the manifest is journaled as the batch goes, so that even a batch killed outright resumes.
TEST_F(Batch, HangUpStopsCleanlyAndAKilledBatchResumesFromItsJournal) {
  const auto out = test::scratch_dir("batch_hangup");
  const std::string command = test::vanban_command() + " batch " + quote(register_.string()) +
                              " --template qd-tha-chu-dong --jobs 1 -o " + quote(out.string());
  // Runs the batch and sends `signal` once `count` (a shell command) reaches 20 (waiting as long as above).
  const auto interrupt = [&](const char* signal, const std::string& count) {
    return test::run("(" + command + " & pid=$!; for i in $(seq 1 12000); do n=$(" + count +
                     "); [ \"$n\" -ge 20 ] && break; sleep 0.01; done; kill -" + signal +
                     " $pid; wait $pid 2>/dev/null; echo exit=$?)");
  };
  const auto hung_up = interrupt("HUP", "ls " + quote(out.string()) + " | grep -c pdf");
  ASSERT_NE(hung_up.out.find("exit=130"), std::string::npos) << hung_up.out << hung_up.err;
  const auto partial = manifest_rows(out);
  ASSERT_GT(partial.size(), 0U);
  ASSERT_LT(partial.size(), 300U);

  // Killed outright: no manifest is written, but the journal holds every case finished; a temporary file is left.
  std::filesystem::remove(out / "manifest.csv");
  std::filesystem::remove(out / "manifest.json");
  std::filesystem::remove(out / "manifest.journal");
  const auto killed =
      interrupt("KILL", "cat " + quote((out / "manifest.journal").string()) + " 2>/dev/null | grep -c ',đã lập,'");
  ASSERT_NE(killed.out.find("exit=137"), std::string::npos) << killed.out << killed.err;
  EXPECT_FALSE(std::filesystem::exists(out / "manifest.csv"));
  ASSERT_TRUE(std::filesystem::exists(out / "manifest.journal"));
  std::size_t journaled = 0;
  std::istringstream journal(test::read_text(out / "manifest.journal"));
  for (std::string line; std::getline(journal, line);)
    journaled += line.find(",đã lập,") != std::string::npos ? 1U : 0U;
  EXPECT_GT(journaled, 0U);
  test::write_text(out / ".THA-2024-000001-qd-tha-chu-dong.pdf.AbC123", "left by a crash");
  const auto resumed =
      vanban("batch " + quote(register_.string()) + " --template qd-tha-chu-dong -o " + quote(out.string()));
  EXPECT_NE(resumed.err.find("bỏ qua (đã có): " + std::to_string(journaled) + ","), std::string::npos)
      << journaled << "\n"
      << resumed.err;
  EXPECT_EQ(manifest_rows(out).size(), 300U);
  for (const auto& entry : std::filesystem::directory_iterator(out))
    EXPECT_NE(entry.path().filename().string()[0], '.') << "a temporary file remains: " << entry.path();
  EXPECT_FALSE(std::filesystem::exists(out / "manifest.journal")) << "folded into the manifest";
}

TEST(BatchInput, AFolderOfCaseFilesAndUsageErrors) {
  const auto out = test::scratch_dir("batch_folder");
  // Dated today, after the 2025 reorganisation: the examples moved to the bodies of that date (E0320 otherwise).
  const auto examples = test::scratch_dir("batch_folder_cases");
  for (const auto& file : test::xml_files(test::source_dir() / "examples"))
    test::write_text(examples / file.filename(), test::reorganised(test::read_text(file)));
  const auto result = vanban("batch " + quote(examples.string()) + " --template qd-tha-chu-dong -o " +
                             quote(out.string()) + " --combined " + quote((out / "all.pdf").string()) + " --duplex");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const auto info = test::run("pdfinfo " + quote((out / "all.pdf").string()));
  EXPECT_EQ(std::stoul(info.out.substr(info.out.find("Pages:") + 6)) % 2, 0U) << "duplex letters start on odd pages";
  EXPECT_EQ(vanban("batch --template qd-tha-chu-dong -o x").exit_code, 2);
  EXPECT_EQ(vanban("batch a.xml --template qd-tha-chu-dong -o x --jobs 0").exit_code, 2);
}

}  // namespace
}  // namespace vanban

namespace vanban {
namespace {

// The example register: persuasion letters to every debtor who still owes, as scripts/demo makes them.
TEST(BatchInput, TheExampleRegister) {
  const auto out = test::scratch_dir("batch_example_register");
  const auto result =
      vanban("batch " + quote((test::source_dir() / "examples" / "so-thu-ly-thuong-xuan.xml").string()) +
             " --template thu-van-dong --where 'enforced.outstanding > 0' --date 2024-10-15 -o " + quote(out.string()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("xong: 4, bỏ qua (đã có): 0, không áp dụng: 0, lỗi: 0"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(out / "THA-2024-000604-thu-van-dong.pdf")) << "fully paid: no letter";
}

// Issue 18: without --where, the letter urging payment went to a debtor who owed nothing ("số tiền còn phải thi hành
// là 0 đồng … khẩn trương nộp đủ"). The template's applies="…" rule now decides: the case is listed as not
// applicable, nothing is drafted, and the batch goes on (exit 0).
TEST(BatchInput, ACaseTheTemplateDoesNotApplyToIsListedNotDrafted) {
  const auto out = test::scratch_dir("batch_not_applicable");
  const auto result =
      vanban("batch " + quote((test::source_dir() / "examples" / "so-thu-ly-thuong-xuan.xml").string()) +
             " --template thu-van-dong --date 2024-10-15 -o " + quote(out.string()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("xong: 4, bỏ qua (đã có): 0, không áp dụng: 1, lỗi: 0"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(out / "THA-2024-000604-thu-van-dong.pdf")) << "fully paid: no letter";
  bool listed = false;
  for (const auto& row : manifest_rows(out)) {
    if (row[0] != "THA-2024-000604") continue;
    listed = true;
    EXPECT_EQ(row[5], "không áp dụng");
    EXPECT_EQ(row[4], "");
    EXPECT_NE(row[6].find("[E0311] mẫu thu-van-dong không dùng cho hồ sơ THA-2024-000604 vào ngày 15/10/2024"),
              std::string::npos)
        << row[6];
  }
  EXPECT_TRUE(listed) << "the case is in the manifest";
}

}  // namespace
}  // namespace vanban
