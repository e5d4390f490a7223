// vanban archive on real PDFs, on both backends (the same suite): the commands and their exit codes, the kill
// test (SIGKILL at random moments during add, then the archive must verify and each document be fully in or
// not at all), concurrent adds, and the hand-over zip read back.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <sstream>
#include <thread>

#include "crypto/sha256.hpp"
#include "support/archive_backends.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/test_pki.hpp"

extern char** environ;

namespace vanban {
namespace {

using test::Backend;
using test::quote;

constexpr const char* kTime = "--time 2025-03-01T09:00:00+07:00";

struct Document {
  std::filesystem::path path;
  std::string bytes;
  std::string sha256;
};

const std::filesystem::path& documents_dir() {
  // Signed by this test PKI and rendered by this binary: a new PKI (its script changed) or a rebuilt vanban
  // makes new documents.
  static const auto dir = [] {
    std::string stamp = test::read_text(test::test_pki() / "stamp");
    while (!stamp.empty() && stamp.back() == '\n') stamp.pop_back();
    stamp += "-" + std::to_string(std::filesystem::last_write_time(test::binary()).time_since_epoch().count());
    const auto made = std::filesystem::path(VANBAN_TEST_OUTPUT_DIR) / ("archive-documents-" + stamp);
    std::filesystem::create_directories(made);
    return made;
  }();
  return dir;
}

std::string pki(const char* name) { return (test::test_pki() / name).string(); }

// A rendered document, signed by the test PKI's officer ("NAME.pdf"; "NAME.unsigned.pdf" before signing), made
// once and shared by the test processes (under a lock).
Document document(const std::string& name, const std::string& case_file, const std::string& options) {
  const auto dir = documents_dir();
  const auto path = dir / (name + ".pdf");
  const auto unsigned_path = dir / (name + ".unsigned.pdf");
  const int lock = ::open((dir / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  ::flock(lock, LOCK_EX);
  if (!std::filesystem::exists(path)) {
    const auto rendered = test::vanban("render " + quote((test::source_dir() / "examples" / case_file).string()) + " " +
                                       options + " -o " + quote(unsigned_path.string()));
    EXPECT_EQ(rendered.exit_code, 0) << rendered.err;
    const auto signed_pdf = test::vanban("sign " + quote(unsigned_path.string()) + " -o " + quote(path.string()) +
                                         " --key " + quote(pki("officer.key")) + " --cert " +
                                         quote(pki("officer.pem")) + " --time 2025-02-28T10:00:00+07:00");
    EXPECT_EQ(signed_pdf.exit_code, 0) << signed_pdf.err;
  }
  ::close(lock);
  Document out{path, test::read_text(path), ""};
  out.sha256 = crypto::sha256_hex(out.bytes);
  return out;
}

// Decisions of case THA-2024-000517 numbered `number`, signed.
Document decision(int number) {
  return document("qd-517-" + std::to_string(number), "chu-dong-ma-tuy.xml",
                  "--template qd-tha-chu-dong --number " + std::to_string(number));
}

// The test PKI's root as the trust anchor: the documents are archived as trusted.
std::string trust() { return "--trust " + quote(pki("ca.pem")); }

// Runs the CLI without waiting: stdout and stderr go to files.
pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& output) {
  std::vector<std::string> all = {test::binary().string(), "--resources", test::source_dir().string()};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : all) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  const int failed = posix_spawn(&pid, argv.front(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(failed, 0);
  return pid;
}

// The exit code, or 128 + the signal that ended it.
int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::vector<std::string> archive_args(const test::ArchiveSandbox& sandbox) {
  std::vector<std::string> out = {"archive", "--store", sandbox.store().string()};
  if (sandbox.backend() == Backend::postgresql) {
    out.emplace_back("--db");
    out.push_back(sandbox.db_option());
  }
  return out;
}

// The hit of `search --json` output with this SHA-256, or null.
Poco::JSON::Object::Ptr hit_of(const std::string& json, const std::string& sha256) {
  const auto hits = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Array::Ptr>();
  for (std::size_t i = 0; i < hits->size(); ++i)
    if (hits->getObject(static_cast<unsigned>(i))->getValue<std::string>("sha256") == sha256)
      return hits->getObject(static_cast<unsigned>(i));
  return nullptr;
}

// The archive id of the document with this SHA-256 in `search --json` output, or 0.
std::int64_t id_of(const std::string& json, const std::string& sha256) {
  const auto hit = hit_of(json, sha256);
  return hit ? hit->getValue<std::int64_t>("id") : 0;
}

// Whether some hit of `search --json` output is of this case and has this party.
bool has_party(const std::string& json, const std::string& case_id, const std::string& role, const std::string& name) {
  const auto hits = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Array::Ptr>();
  for (std::size_t i = 0; i < hits->size(); ++i) {
    const auto hit = hits->getObject(static_cast<unsigned>(i));
    if (hit->getValue<std::string>("case_id") != case_id) continue;
    const auto parties = hit->getArray("parties");
    for (std::size_t p = 0; p < parties->size(); ++p) {
      const auto party = parties->getObject(static_cast<unsigned>(p));
      if (party->getValue<std::string>("role") == role && party->getValue<std::string>("name") == name) return true;
    }
  }
  return false;
}

class ArchiveCli : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    sandbox_ = std::make_unique<test::ArchiveSandbox>(GetParam(), "cli_" + test::current_test_name());
  }
  test::RunResult archive(const std::string& arguments) const {
    return test::vanban("archive " + sandbox_->cli_options() + " " + arguments);
  }
  std::unique_ptr<test::ArchiveSandbox> sandbox_;
};

TEST_P(ArchiveCli, AddSearchGetVerifyExport) {
  const auto a = decision(517);
  const auto b = decision(518);
  const auto c = document("qd-hoan-615", "hoan-dong-y.xml",
                          "--template qd-hoan-tha --number 12 " + test::example_options("qd-hoan-tha"));
  const auto case_a = test::source_dir() / "examples" / "chu-dong-ma-tuy.xml";
  auto added = archive(std::string("add ") + quote(a.path.string()) + " " + quote(b.path.string()) + " --case " +
                       quote(case_a.string()) + " " + trust() + " " + kTime);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  // Record 1 is the trust anchor given with --trust; the documents follow.
  EXPECT_NE(added.out.find("đã lưu  " + a.path.string() + ": mã lưu trữ 2"), std::string::npos) << added.out;
  EXPECT_NE(added.out.find(": mã lưu trữ 3"), std::string::npos) << added.out;
  EXPECT_NE(added.out.find("chữ ký: hợp lệ, tin cậy"), std::string::npos) << added.out;
  added = archive(std::string("add ") + quote(c.path.string()) + " " + trust() + " " + kTime);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  // The same document again: a no-op that says so.
  const auto again = archive(std::string("add ") + quote(a.path.string()) + " " + trust());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("đã có trong kho với mã lưu trữ 2, không thêm lại"), std::string::npos) << again.out;

  const auto found = archive("search --party 'ha van huong'");
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_NE(found.out.find("2   THA-2024-000517  517/QĐ-CCTHADS  Quyết định  24/06/2024  Hà Văn Hưởng"),
            std::string::npos)
      << found.out;
  EXPECT_NE(found.out.find("2 văn bản"), std::string::npos) << found.out;
  // Free text: a party's name, the số/ký hiệu or the trích yếu; dates as a clerk writes them.
  const auto by_name = archive("search 'hà văn hưởng'");
  EXPECT_NE(by_name.out.find("2 văn bản"), std::string::npos) << by_name.out << by_name.err;
  const auto by_number = archive("search 518/QĐ-CCTHADS");
  EXPECT_NE(by_number.out.find("1 văn bản"), std::string::npos) << by_number.out;
  EXPECT_NE(by_number.out.find("518/QĐ-CCTHADS"), std::string::npos) << by_number.out;
  const auto by_subject = archive("search 'thi hanh an' --from 01/06/2024 --to 2024-12-31");
  EXPECT_NE(by_subject.out.find("3 văn bản"), std::string::npos) << by_subject.out << by_subject.err;
  EXPECT_NE(archive("search xyzxyz").out.find("0 văn bản"), std::string::npos);
  // More hits than shown: said on the last line (and on standard error).
  const auto limited = archive("search --party 'ha van huong' --limit 1");
  EXPECT_NE(limited.out.find("1 văn bản\ncòn nữa: có hơn 1 văn bản khớp"), std::string::npos) << limited.out;
  EXPECT_EQ(archive("search --party 'ha van huong' --limit 2").out.find("còn nữa"), std::string::npos);
  const auto json = archive("search --number 12/QĐ-CCTHADS --json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(id_of(json.out, c.sha256), 4) << json.out;
  EXPECT_EQ(hit_of(json.out, c.sha256)->getValue<std::string>("case_id"), "THA-2024-000615") << json.out;
  EXPECT_EQ(id_of(json.out, a.sha256), 0);

  const auto out = sandbox_->dir() / "ra.pdf";
  auto got = archive("get 3 -o " + quote(out.string()));
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_TRUE(test::read_text(out) == b.bytes);
  got = archive("get --number '517/QĐ-CCTHADS' --year 2024 -o " + quote(out.string()));
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_TRUE(test::read_text(out) == a.bytes);
  got = archive("get --number '517/QĐ-CCTHADS' --year 2023 -o " + quote(out.string()));
  EXPECT_EQ(got.exit_code, 1);
  EXPECT_NE(got.err.find("[E0750]"), std::string::npos) << got.err;

  const auto verified = archive("verify");
  EXPECT_EQ(verified.exit_code, 0) << verified.err << verified.out;
  EXPECT_NE(verified.out.find("4 bản ghi, 3 văn bản, 3 tệp"), std::string::npos) << verified.out;
  EXPECT_NE(verified.out.find("đạt: kho nguyên vẹn"), std::string::npos) << verified.out;

  const auto zip = sandbox_->dir() / "ho-so.zip";
  const auto exported = archive("export --case THA-2024-000517 -o " + quote(zip.string()));
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  // To standard output, the same bytes (through a temporary file without a name).
  const auto to_stdout = archive("export --case THA-2024-000517 -o -");
  ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
  EXPECT_TRUE(to_stdout.out == test::read_text(zip));
  EXPECT_EQ(to_stdout.err, "-: hồ sơ THA-2024-000517, " + std::to_string(std::filesystem::file_size(zip)) + " byte\n");
  std::ifstream in(zip, std::ios::binary);
  const Poco::Zip::ZipArchive listing(in);
  std::vector<std::string> names;
  for (auto it = listing.headerBegin(); it != listing.headerEnd(); ++it) names.push_back(it->first);
  EXPECT_EQ(names, (std::vector<std::string>{"01_2024-06-24_517-QD-CCTHADS.pdf", "01_2024-06-24_517-QD-CCTHADS.xml",
                                             "02_2024-06-24_518-QD-CCTHADS.pdf", "02_2024-06-24_518-QD-CCTHADS.xml",
                                             "manifest.xml"}));
  std::ifstream again_in(zip, std::ios::binary);
  Poco::Zip::ZipInputStream pdf(again_in, listing.findHeader("02_2024-06-24_518-QD-CCTHADS.pdf")->second);
  std::ostringstream bytes;
  bytes << pdf.rdbuf();
  EXPECT_TRUE(bytes.str() == b.bytes);
  // The zip is a plain zip for every other tool too.
  const auto listed = test::run("/usr/bin/python3 -c " +
                                quote("import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); "
                                      "print(z.testzip()); print(len(z.namelist()))") +
                                " " + quote(zip.string()));
  if (listed.exit_code == 0) {
    EXPECT_EQ(listed.out, "None\n5\n");
  }
}

// A register of cases in one file, as a batch renders them: "<register>" around each file's "<case>".
std::string register_of(const std::vector<std::string>& case_files) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<register xmlns=\"urn:vanban:case:1\">\n";
  for (const auto& name : case_files) {
    std::string text = test::read_text(test::source_dir() / "examples" / name);
    text = text.substr(text.find("<case "));
    const std::string ns = " xmlns=\"urn:vanban:case:1\"";
    text.erase(text.find(ns), ns.size());
    out += text;
  }
  return out + "</register>\n";
}

// Parties come from the case file or register given with --case, else from the PDF's own XMP (vbcase:Parties,
// written by render): a document added alone is still found by a party's name, with the party's role.
TEST_P(ArchiveCli, PartiesComeFromTheCaseFileOrThePdf) {
  const auto a = decision(517);
  const auto c = document("qd-hoan-615", "hoan-dong-y.xml",
                          "--template qd-hoan-tha --number 12 " + test::example_options("qd-hoan-tha"));
  const auto wrong = archive("add " + quote(a.path.string()) + " --case " +
                             quote((test::source_dir() / "examples" / "hoan-dong-y.xml").string()) + " " + trust());
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("lỗi: [E0718] văn bản thuộc hồ sơ \"THA-2024-000517\" nhưng --case là hồ sơ "
                           "\"THA-2024-000615\""),
            std::string::npos)
      << wrong.err;
  const auto register_file = sandbox_->dir() / "so.xml";
  test::write_text(register_file, register_of({"chu-dong-ma-tuy.xml", "hoan-dong-y.xml"}));
  const auto added =
      archive("add " + quote(a.path.string()) + " --case " + quote(register_file.string()) + " " + trust());
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const auto alone = archive("add " + quote(c.path.string()) + " " + trust());
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  const auto hue = archive("search --party 'KA HUE' --json");
  EXPECT_EQ(id_of(hue.out, c.sha256), 3) << hue.out;
  EXPECT_EQ(id_of(hue.out, a.sha256), 0) << hue.out;
  EXPECT_TRUE(has_party(hue.out, "THA-2024-000615", "debtor", "Ka Huệ")) << hue.out;
  const auto huong = archive("search --party 'hà văn hưởng' --json");
  EXPECT_EQ(id_of(huong.out, a.sha256), 2) << huong.out;
  const auto huong_hit = hit_of(huong.out, a.sha256);
  ASSERT_TRUE(huong_hit) << huong.out;
  EXPECT_TRUE(has_party(huong.out, huong_hit->getValue<std::string>("case_id"), "debtor", "Hà Văn Hưởng")) << huong.out;
}

std::string status_of(const std::string& json, const std::string& sha256) {
  const auto hit = hit_of(json, sha256);
  return hit ? hit->getValue<std::string>("signature") : "";
}

// What the sign module finds decides: unsigned and invalid only with --allow-unsigned, broken never, not anchored
// with a recorded warning (refused with --require-trusted); anchors given once stay in the archive.
TEST_P(ArchiveCli, SignaturesDecideWhatIsArchived) {
  const auto a = decision(531);
  const auto b = decision(532);
  const auto c = decision(533);
  const auto unsigned_pdf = documents_dir() / "qd-517-531.unsigned.pdf";
  const std::string add = "add " + std::string(kTime) + " ";

  auto result = archive(add + quote(unsigned_pdf.string()));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("lỗi: [E0710]"), std::string::npos) << result.err;
  result = archive(add + quote(unsigned_pdf.string()) + " --allow-unsigned");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("cảnh báo: [W0715]"), std::string::npos) << result.err;

  // Content changed after signing: refused, whatever the options.
  std::string bytes = b.bytes;
  bytes[bytes.size() / 3] = static_cast<char>(bytes[bytes.size() / 3] ^ 0x20);
  const auto broken = sandbox_->dir() / "broken.pdf";
  test::write_text(broken, bytes);
  result = archive(add + quote(broken.string()) + " --allow-unsigned");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("lỗi: [E0711]"), std::string::npos) << result.err;

  // Signed by a certificate no longer valid when it signed: invalid, archived only on request.
  const auto expired = sandbox_->dir() / "expired.pdf";
  ASSERT_EQ(test::vanban("sign " + quote((documents_dir() / "qd-517-532.unsigned.pdf").string()) + " -o " +
                         quote(expired.string()) + " --key " + quote(pki("expired.key")) + " --cert " +
                         quote(pki("expired.pem")) + " --allow-expired " + kTime)
                .exit_code,
            0);
  result = archive(add + quote(expired.string()));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("lỗi: [E0712]"), std::string::npos) << result.err;

  // Intact, but no anchor known yet: archived with a warning; refused when trust is required.
  result = archive(add + quote(a.path.string()) + " --require-trusted");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("lỗi: [E0713]"), std::string::npos) << result.err;
  result = archive(add + quote(a.path.string()) + " --require-trusted --trust " + quote(pki("untrusted-ca.pem")));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("lỗi: [E0713]"), std::string::npos) << result.err;
  result = archive(add + quote(c.path.string()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("cảnh báo: [W0714]"), std::string::npos) << result.err;

  // The anchor given once is kept: later adds and verify use it.
  result = archive(add + quote(a.path.string()) + " --require-trusted " + trust());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  result = archive(add + quote(b.path.string()) + " --require-trusted");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const auto listing = archive("search --json");
  EXPECT_EQ(status_of(listing.out, crypto::sha256_hex(test::read_text(unsigned_pdf))), "unsigned") << listing.out;
  EXPECT_EQ(status_of(listing.out, c.sha256), "untrusted") << listing.out;
  EXPECT_EQ(status_of(listing.out, a.sha256), "trusted") << listing.out;
  EXPECT_EQ(status_of(listing.out, b.sha256), "trusted") << listing.out;
  const auto verified = archive("verify " + std::string(kTime));
  EXPECT_EQ(verified.exit_code, 0) << verified.err << verified.out;
  EXPECT_NE(verified.out.find("3 chữ ký đã kiểm tra lại"), std::string::npos) << verified.out;
}

// Issue 18: the last record deleted with the chain head written back passed verify. What the store cannot prove, a
// head noted elsewhere can: `archive head` prints it, `archive head --sign` makes it a document signed with the
// agency's key, and `archive verify --expect-head` checks the chain against it.
TEST_P(ArchiveCli, AHeadKeptElsewhereFindsTheLastRecordsDeleted) {
  const auto a = decision(541);
  const auto b = decision(542);
  ASSERT_EQ(
      archive("add " + quote(a.path.string()) + " " + quote(b.path.string()) + " " + trust() + " " + kTime).exit_code,
      0);
  const auto head = archive("head");
  ASSERT_EQ(head.exit_code, 0) << head.err;
  const std::string noted = head.out.substr(0, head.out.find('\n'));
  ASSERT_EQ(noted.substr(0, 2), "3:") << head.out;
  ASSERT_EQ(noted.size(), 2U + 64U);
  auto verified = archive("verify --expect-head " + noted + " " + kTime);
  EXPECT_EQ(verified.exit_code, 0) << verified.err << verified.out;
  EXPECT_NE(verified.out.find("đầu chuỗi: " + noted), std::string::npos) << verified.out;

  // The head made evidence: a statement signed with the agency's key, which verify accepts and which names the head.
  const auto statement = sandbox_->dir() / "dau-chuoi.pdf";
  const auto signed_head = archive("head --sign -o " + quote(statement.string()) + " --key " +
                                   quote(pki("agency.key")) + " --cert " + quote(pki("agency.pem")) + " " + kTime);
  ASSERT_EQ(signed_head.exit_code, 0) << signed_head.err;
  const auto checked =
      test::vanban("verify " + quote(statement.string()) + " --trust " + quote(pki("ca.pem")) + " " + kTime);
  EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
  const auto text = test::run("pdftotext -enc UTF-8 " + quote(statement.string()) + " -");
  EXPECT_NE(
      text.out.find("Đầu chuỗi (bản ghi cuối): 3\nMã băm SHA-256: " + noted.substr(2, 32) + "\n" + noted.substr(34)),
      std::string::npos)
      << text.out;
  const auto info = test::run("pdfinfo " + quote(statement.string()));
  EXPECT_NE(info.out.find("vanban-archive-head " + noted), std::string::npos) << info.out;

  // The last record deleted, its file removed and the head file written back to record 2: the store holds up…
  std::string hash2;
  {
    auto session = sandbox_->raw_session();
    *session << "SELECT hash FROM archive_record WHERE seq = 2", Poco::Data::Keywords::into(hash2),
        Poco::Data::Keywords::now;
  }
  sandbox_->sql("DELETE FROM archive_record WHERE seq = 3");
  std::filesystem::remove(sandbox_->store() / "objects" / b.sha256.substr(0, 2) / (b.sha256 + ".pdf"));
  test::write_text(sandbox_->store() / "chain-head", "vanban-archive-head 1\n2\n" + hash2 + "\n");
  verified = archive("verify " + std::string(kTime));
  EXPECT_EQ(verified.exit_code, 0) << verified.err << verified.out;
  // …but not against the head kept elsewhere.
  verified = archive("verify --expect-head " + noted + " " + kTime);
  EXPECT_EQ(verified.exit_code, 1);
  EXPECT_NE(verified.err.find("lỗi: [E0745]"), std::string::npos) << verified.err;
  // A head that is not one is a usage error.
  EXPECT_EQ(archive("verify --expect-head 3:abc").exit_code, 2);
}

// Issue 18: a second document with the same agency, year and số/ký hiệu was archived without a word, and so was a
// signed draft with no number.
TEST_P(ArchiveCli, ANumberGoesToOneDocumentAndASignedDraftIsWarnedAbout) {
  const auto first = decision(551);
  const auto other =
      document("qd-517-551-later", "chu-dong-ma-tuy.xml", "--template qd-tha-chu-dong --number 551 --date 2024-08-01");
  const auto draft = document("qd-517-draft", "chu-dong-ma-tuy.xml", "--template qd-tha-chu-dong");
  ASSERT_EQ(archive("add " + quote(first.path.string()) + " " + trust() + " " + kTime).exit_code, 0);
  auto result = archive("add " + quote(other.path.string()) + " " + kTime);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("lỗi: [E0719] kho đã có văn bản số 551/QĐ-CCTHADS năm 2024"), std::string::npos)
      << result.err;
  result = archive("add " + quote(draft.path.string()) + " " + kTime);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("cảnh báo: [W0722] văn bản đã ký số nhưng chưa có số"), std::string::npos) << result.err;
}

TEST_P(ArchiveCli, ProblemsAreReportedWithTheirExitCodes) {
  // Nothing there yet: reading never creates an archive.
  auto missing = archive("search");
  EXPECT_EQ(missing.exit_code, 3);
  // SQLite: no database file (E0760, db); PostgreSQL: a database without the archive's tables (E0770, archive).
  EXPECT_NE(missing.err.find(GetParam() == Backend::sqlite ? "[E0760]" : "[E0770]"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(sandbox_->store() / "chain-head"));

  const auto a = decision(517);
  ASSERT_EQ(archive("add " + quote(a.path.string()) + " " + trust()).exit_code, 0);

  EXPECT_EQ(archive("get ../../etc/passwd -o x.pdf").exit_code, 2);
  EXPECT_EQ(archive("get 1").exit_code, 2);  // -o missing
  EXPECT_EQ(archive("frobnicate").exit_code, 2);
  EXPECT_EQ(archive("search --from 2024-02-30").exit_code, 2);
  const auto unknown = archive("get 7 -o " + quote((sandbox_->dir() / "x.pdf").string()));
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("[E0750]"), std::string::npos) << unknown.err;
  const auto no_case = archive("export --case THA-KHONG-CO -o " + quote((sandbox_->dir() / "x.zip").string()));
  EXPECT_EQ(no_case.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(sandbox_->dir() / "x.zip"));

  // A removed file: verify says which, and exits 1.
  std::filesystem::remove(sandbox_->store() / "objects" / a.sha256.substr(0, 2) / (a.sha256 + ".pdf"));
  const auto damaged = archive("verify");
  EXPECT_EQ(damaged.exit_code, 1);
  EXPECT_NE(damaged.err.find("lỗi: [E0735]"), std::string::npos) << damaged.err;
  EXPECT_NE(damaged.out.find("KHÔNG ĐẠT: 1 vấn đề"), std::string::npos) << damaged.out;
  const auto get_damaged = archive("get 2 -o " + quote((sandbox_->dir() / "x.pdf").string()));
  EXPECT_EQ(get_damaged.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(sandbox_->dir() / "x.pdf"));
  // Issue 18: the export is written as it is made, and what it wrote is dropped when it meets the missing file: the
  // target keeps what it held, standard output gets nothing.
  const auto kept = sandbox_->dir() / "kept.zip";
  test::write_text(kept, "earlier");
  for (const std::string& target : {quote(kept.string()), std::string("-")}) {
    const auto export_damaged = archive("export --case THA-2024-000517 -o " + target);
    EXPECT_EQ(export_damaged.exit_code, 1);
    EXPECT_NE(export_damaged.err.find("lỗi: [E0735]"), std::string::npos) << export_damaged.err;
    EXPECT_EQ(export_damaged.out, "");
  }
  EXPECT_EQ(test::read_text(kept), "earlier");

  if (GetParam() == Backend::sqlite) {
    test::write_text(sandbox_->store() / "archive.sqlite", std::string(4096, '\x01'));
    std::filesystem::remove(sandbox_->store() / "archive.sqlite-wal");
    const auto corrupt = archive("verify");
    EXPECT_EQ(corrupt.exit_code, 3);
    EXPECT_NE(corrupt.err.find("[E0761]"), std::string::npos) << corrupt.err;
  }
}

// SIGKILL `archive add` at random moments (seeded), again and again: after each kill the archive verifies, the
// document is either fully in (found, and its bytes come back) or not at all, and every earlier one is intact.
TEST_P(ArchiveCli, KilledAddsLeaveTheArchiveConsistent) {
  constexpr int kRounds = 30;
  std::vector<Document> documents;
  for (int i = 0; i < kRounds + 2; ++i) documents.push_back(decision(600 + i));
  const auto base = archive_args(*sandbox_);
  const auto add_args = [&](const Document& document) {
    auto args = base;
    args.insert(args.end(), {"add", document.path.string(), "--trust", pki("ca.pem")});
    return args;
  };
  const auto log = sandbox_->dir() / "add.log";
  // The first add creates the archive; the second, left to finish too, shows how long an add takes here.
  ASSERT_EQ(wait_for(spawn(add_args(documents[0]), log)), 0) << test::read_text(log);
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(wait_for(spawn(add_args(documents[1]), log)), 0) << test::read_text(log);
  const auto duration = std::chrono::steady_clock::now() - start;
  const auto span = std::chrono::duration_cast<std::chrono::microseconds>(duration).count();

  std::mt19937 random(20250301);
  std::uniform_int_distribution<long> delay(0, span * 5 / 4);
  int killed = 0;
  int committed = 0;
  std::vector<bool> in(documents.size(), false);
  in[0] = in[1] = true;
  for (int round = 2; round < kRounds + 2; ++round) {
    const pid_t pid = spawn(add_args(documents[static_cast<std::size_t>(round)]), log);
    std::this_thread::sleep_for(std::chrono::microseconds(delay(random)));
    ::kill(pid, SIGKILL);
    if (wait_for(pid) == 128 + SIGKILL) ++killed;

    const auto verified = archive("verify");
    ASSERT_EQ(verified.exit_code, 0) << "round " << round << ":\n" << verified.err << verified.out;
    const auto listing = archive("search --json");
    ASSERT_EQ(listing.exit_code, 0) << listing.err;
    // Earlier documents: still there (verify has rehashed their files).
    for (std::size_t i = 0; i < static_cast<std::size_t>(round); ++i)
      EXPECT_EQ(id_of(listing.out, documents[i].sha256) != 0, static_cast<bool>(in[i])) << "round " << round;
    // This one: fully in, or not at all.
    const auto& current = documents[static_cast<std::size_t>(round)];
    if (const auto id = id_of(listing.out, current.sha256); id != 0) {
      in[static_cast<std::size_t>(round)] = true;
      const auto out = sandbox_->dir() / "back.pdf";
      const auto got = archive("get " + std::to_string(id) + " -o " + quote(out.string()));
      ASSERT_EQ(got.exit_code, 0) << got.err;
      EXPECT_TRUE(test::read_text(out) == current.bytes) << "round " << round;
    }
    if (in[static_cast<std::size_t>(round)]) ++committed;
  }
  // Whatever was cut short goes in now; nothing is there twice.
  for (const auto& document : documents) {
    const auto added = archive("add " + quote(document.path.string()) + " " + trust());
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }
  const auto verified = archive("verify");
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_NE(verified.out.find(std::to_string(kRounds + 2) + " văn bản"), std::string::npos) << verified.out;
  std::cout << "[ kill test ] " << killed << " of " << kRounds << " adds killed (an add takes " << span / 1000
            << " ms); " << committed << " had committed\n";
}

// Two processes adding at once (to a fresh archive, so they also race to create it): both succeed.
TEST_P(ArchiveCli, TwoProcessesAddingAtOnceBothSucceed) {
  std::vector<Document> first;
  std::vector<Document> second;
  for (int i = 0; i < 5; ++i) first.push_back(decision(700 + i));
  for (int i = 0; i < 5; ++i) second.push_back(decision(710 + i));
  const Document shared = decision(720);  // both add this one: one stores it, the other finds it there
  const auto args = [&](const std::vector<Document>& documents) {
    auto out = archive_args(*sandbox_);
    out.push_back("add");
    for (const auto& document : documents) out.push_back(document.path.string());
    out.push_back(shared.path.string());
    out.push_back("--trust");
    out.push_back(pki("ca.pem"));
    return out;
  };
  const auto log_a = sandbox_->dir() / "a.log";
  const auto log_b = sandbox_->dir() / "b.log";
  const pid_t a = spawn(args(first), log_a);
  const pid_t b = spawn(args(second), log_b);
  EXPECT_EQ(wait_for(a), 0) << test::read_text(log_a);
  EXPECT_EQ(wait_for(b), 0) << test::read_text(log_b);
  const std::string both = test::read_text(log_a) + test::read_text(log_b);
  std::size_t stored = 0;
  for (std::size_t at = both.find("đã lưu"); at != std::string::npos; at = both.find("đã lưu", at + 1)) ++stored;
  EXPECT_EQ(stored, 11U) << both;
  EXPECT_NE(both.find("không thêm lại"), std::string::npos) << both;
  const auto verified = archive("verify");
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_NE(verified.out.find("12 bản ghi, 11 văn bản"), std::string::npos) << verified.out;
}

INSTANTIATE_TEST_SUITE_P(Backends, ArchiveCli, test::test_backends(), test::backend_name);

}  // namespace
}  // namespace vanban
