// The archive library on both backends (the same suite): adding and the signature policy, search that ignores
// case and diacritics, withdrawal, verification of every kind of tampering, paths that cannot escape the store,
// corrupt databases, and the export read back. Signature facts are injected here; the CLI tests sign for real.

#include "archive/archive.hpp"

#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "archive/store.hpp"
#include "base/error.hpp"
#include "crypto/sha256.hpp"
#include "support/archive_backends.hpp"

namespace vanban {
namespace {

using archive::AddResult;
using archive::Archive;
using archive::DocumentFacts;
using test::Backend;

constexpr const char* kTime = "2025-03-01T09:00:00+07:00";

archive::SignatureFacts signature(const std::string& signer, bool intact = true, bool anchored = true) {
  archive::SignatureFacts s;
  s.field = "signer";
  s.signer = signer;
  s.certificate = "AB:CD";
  s.signed_at = "2025-02-28T10:00:00+07:00";
  s.intact = intact;
  s.anchored = anchored;
  return s;
}

// A document's facts: số, date and case, one debtor, signed by a trusted signature.
DocumentFacts facts(const std::string& number, const std::string& date, const std::string& case_id = "THA-2024-000517",
                    const std::string& debtor = "Nguyễn Văn Hùng") {
  DocumentFacts f;
  f.metadata.type_name = "Quyết định";
  f.metadata.code_number = number;
  f.metadata.code_notation = "QĐ-CCTHADS";
  f.metadata.issued_date = model::Date::parse_iso(date);
  f.metadata.organ_name = "CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUỲ HỢP";
  f.metadata.subject = "Về việc thi hành án";
  f.metadata.page_amount = 2;
  f.metadata.signer_position = "Chi cục trưởng";
  f.metadata.signer_name = "Hoàng Minh Đức";
  f.case_id = case_id;
  f.parties = {{"debtor", debtor}, {"creditor", "Công ty TNHH Ánh Dương"}};
  f.signatures.signatures = {signature("Hoàng Minh Đức")};
  return f;
}

std::string pdf(const std::string& tag) { return "%PDF-1.4\n% test document " + tag + "\n%%EOF\n"; }

// A case's hand-over package as bytes (export_case writes it to a stream), or nullopt when it was not made.
std::optional<std::string> exported(const Archive& archive, const std::string& case_id, Diagnostics& diagnostics) {
  std::stringstream zip(std::ios::in | std::ios::out | std::ios::binary);
  if (!archive.export_case(case_id, zip, diagnostics)) return std::nullopt;
  return zip.str();
}

class ArchiveTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { sandbox_ = std::make_unique<test::ArchiveSandbox>(GetParam(), test::current_test_name()); }
  [[nodiscard]] archive::Location location() const {
    std::string problem;
    const std::string db = sandbox_->db_option();
    auto made =
        archive::make_location(db.empty() ? std::nullopt : std::optional<std::string>(db), sandbox_->store(), problem);
    EXPECT_TRUE(made) << problem;
    return *made;
  }
  std::unique_ptr<Archive> open(Archive::OpenMode mode = Archive::OpenMode::create) {
    return Archive::open(location(), mode);
  }
  AddResult add(Archive& archive, const std::string& bytes, const DocumentFacts& f, Diagnostics& diagnostics,
                archive::TrustPolicy policy = archive::TrustPolicy::signed_documents) {
    archive::AddRequest request;
    request.file_name = "in/van-ban.pdf";
    request.recorded_at = kTime;
    request.policy = policy;
    return archive.add(bytes, f, request, SourceLoc{make_file_name("van-ban.pdf")}, diagnostics);
  }
  // Adds documents 1…n (số 01…, dates in March 2025) and returns the archive.
  std::unique_ptr<Archive> with_documents(int count) {
    auto archive = open();
    for (int i = 1; i <= count; ++i) {
      Diagnostics diagnostics;
      const std::string number = (i < 10 ? "0" : "") + std::to_string(i);
      const auto result = add(*archive, pdf(number), facts(number, "2025-03-" + number), diagnostics);
      EXPECT_EQ(result.outcome, AddResult::Outcome::added) << diagnostics.to_string();
      EXPECT_EQ(result.id, i);
    }
    return archive;
  }
  // Verifies; the diagnostics are returned for the test to check.
  Diagnostics verify(const Archive& archive) {
    Diagnostics diagnostics;
    archive.verify({}, diagnostics);
    return diagnostics;
  }
  // Edits record `seq` behind the archive's back and stores its hash recomputed, as a forger would.
  void edit_and_rehash(const Archive& archive, std::int64_t seq) {
    archive::Record record = archive.find(seq)->record;
    record.subject = "Về việc khác";
    sandbox_->sql("UPDATE archive_record SET subject = 'Về việc khác', hash = '" + archive::record_hash(record) +
                  "' WHERE seq = " + std::to_string(seq));
  }
  std::filesystem::path stored_file(const std::string& bytes) const {
    const std::string sha = crypto::sha256_hex(bytes);
    return sandbox_->store() / "objects" / sha.substr(0, 2) / (sha + ".pdf");
  }
  std::unique_ptr<test::ArchiveSandbox> sandbox_;
};

// Exactly one error, with this code (and a message that says `words`).
void expect_one_error(const Diagnostics& diagnostics, const char* code, const std::string& words = "") {
  EXPECT_EQ(diagnostics.error_count(), 1U) << diagnostics.to_string();
  EXPECT_TRUE(diagnostics.contains(code)) << diagnostics.to_string();
  EXPECT_NE(diagnostics.to_string().find(words), std::string::npos) << diagnostics.to_string();
}

TEST_P(ArchiveTest, AddsADocumentOnceAndSaysSoTheSecondTime) {
  auto archive = open();
  Diagnostics diagnostics;
  const auto first = add(*archive, pdf("a"), facts("05", "2025-03-01"), diagnostics);
  EXPECT_EQ(first.outcome, AddResult::Outcome::added);
  EXPECT_EQ(first.id, 1);
  EXPECT_EQ(first.sha256, crypto::sha256_hex(pdf("a")));
  const auto again = add(*archive, pdf("a"), facts("05", "2025-03-01"), diagnostics);
  EXPECT_EQ(again.outcome, AddResult::Outcome::present);
  EXPECT_EQ(again.id, 1);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_string();

  const auto entry = archive->find(1);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->record.case_id, "THA-2024-000517");
  EXPECT_EQ(entry->number_and_notation(), "05/QĐ-CCTHADS");
  EXPECT_EQ(entry->record.file_name, "van-ban.pdf");
  EXPECT_EQ(entry->record.status, "trusted");
  EXPECT_EQ(entry->record.recorded_at, kTime);
  ASSERT_EQ(entry->parties().size(), 2U);
  EXPECT_EQ(entry->parties()[0].name, "Nguyễn Văn Hùng");
  EXPECT_FALSE(archive->find(2));
  // The file is read-only and holds the bytes.
  struct stat info {};
  ASSERT_EQ(::stat(stored_file(pdf("a")).c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0444U);
  const auto bytes = archive->content(*entry, diagnostics);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(*bytes, pdf("a"));
  EXPECT_EQ(verify(*archive).error_count(), 0U);
}

TEST_P(ArchiveTest, ThePolicyDecidesBySignatureStatus) {
  auto archive = open();
  const auto outcome = [&](DocumentFacts f, const std::string& tag, archive::TrustPolicy policy, const char* code) {
    Diagnostics diagnostics;
    const auto result = add(*archive, pdf(tag), f, diagnostics, policy);
    if (code != nullptr) EXPECT_TRUE(diagnostics.contains(code)) << tag << ": " << diagnostics.to_string();
    else EXPECT_TRUE(diagnostics.empty()) << tag << ": " << diagnostics.to_string();
    return result.outcome;
  };
  auto unsigned_facts = facts("01", "2025-03-01");
  unsigned_facts.signatures.signatures.clear();
  auto broken = facts("02", "2025-03-01");
  broken.signatures.signatures.push_back(signature("Người khác", false, true));
  auto invalid = facts("03", "2025-03-01");
  invalid.signatures.signatures.front().problems = {{"E0655", "chứng thư không có hiệu lực tại thời điểm ký"}};
  auto appended = facts("04", "2025-03-01");
  appended.signatures.appended_bytes = 120;
  auto untrusted = facts("05", "2025-03-01");
  untrusted.signatures.signatures.front().anchored = false;

  using O = AddResult::Outcome;
  EXPECT_EQ(outcome(unsigned_facts, "u", archive::TrustPolicy::signed_documents, "E0710"), O::refused);
  EXPECT_EQ(outcome(broken, "b", archive::TrustPolicy::signed_documents, "E0711"), O::refused);
  EXPECT_EQ(outcome(broken, "b", archive::TrustPolicy::any_document, "E0711"),
            O::refused);  // never, whatever the options
  EXPECT_EQ(outcome(invalid, "i", archive::TrustPolicy::signed_documents, "E0712"), O::refused);
  EXPECT_EQ(outcome(appended, "p", archive::TrustPolicy::signed_documents, "E0712"), O::refused);
  EXPECT_EQ(outcome(untrusted, "t", archive::TrustPolicy::trusted_documents, "E0713"), O::refused);
  // Nothing refused reached the store or the chain.
  EXPECT_TRUE(archive->search({}).empty());
  EXPECT_TRUE(std::filesystem::is_empty(sandbox_->store() / "objects"));

  EXPECT_EQ(outcome(unsigned_facts, "u", archive::TrustPolicy::any_document, "W0715"), O::added);
  EXPECT_EQ(outcome(invalid, "i", archive::TrustPolicy::any_document, "W0716"), O::added);
  EXPECT_EQ(outcome(untrusted, "t", archive::TrustPolicy::signed_documents, "W0714"), O::added);
  EXPECT_EQ(outcome(facts("06", "2025-03-01"), "ok", archive::TrustPolicy::trusted_documents, nullptr), O::added);
  const auto entries = archive->search({});
  ASSERT_EQ(entries.size(), 4U);
  // Each is recorded as what it is, with its warning.
  EXPECT_EQ(entries[0].record.status, "unsigned");
  EXPECT_NE(entries[0].record.warnings.find("[W0715]"), std::string::npos);
  EXPECT_EQ(entries[1].record.status, "invalid");
  EXPECT_NE(entries[1].record.warnings.find("[E0655] chứng thư không có hiệu lực"), std::string::npos)
      << entries[1].record.warnings;
  EXPECT_EQ(entries[2].record.status, "untrusted");
  EXPECT_NE(entries[2].record.warnings.find("[W0714]"), std::string::npos);
  EXPECT_EQ(entries[3].record.status, "trusted");
  EXPECT_EQ(entries[3].record.warnings, "");
  EXPECT_NE(entries[3].record.signatures.find("Hoàng Minh Đức"), std::string::npos);
}

TEST_P(ArchiveTest, SearchIgnoresCaseAndDiacritics) {
  auto archive = open();
  Diagnostics diagnostics;
  add(*archive, pdf("1"), facts("05", "2025-03-10", "THA-1", "Nguyễn Văn Hùng"), diagnostics);
  add(*archive, pdf("2"), facts("12", "2025-01-20", "THA-2", "Trần Thị Đào"), diagnostics);
  auto other = facts("07", "2024-12-31", "THA-3", "Lê Văn Hưng");
  other.metadata.type_name = "Thông báo";
  other.metadata.code_notation = "TB-CCTHADS";
  other.metadata.signer_name = "Cầm Bá Nguyện";
  other.signatures.signatures = {signature("Cầm Bá Nguyện")};
  add(*archive, pdf("3"), other, diagnostics);
  ASSERT_EQ(diagnostics.error_count(), 0U) << diagnostics.to_string();

  const auto ids = [&](archive::Query query) {
    std::vector<std::int64_t> out;
    for (const auto& entry : archive->search(query)) out.push_back(entry.record.seq);
    return out;
  };
  archive::Query q;
  q.party = "nguyen van hung";
  EXPECT_EQ(ids(q), std::vector<std::int64_t>{1});
  q.party = "NGUYỄN VĂN HÙNG";
  EXPECT_EQ(ids(q), std::vector<std::int64_t>{1});
  q.party = "  văn   hùng ";  // white space collapsed; Hùng and Hưng fold alike
  EXPECT_EQ(ids(q), (std::vector<std::int64_t>{3, 1}));
  q.party = "van h";  // Hùng and Hưng, never Đào
  EXPECT_EQ(ids(q), (std::vector<std::int64_t>{3, 1}));
  q.party = "dao";  // đ folds to d
  EXPECT_EQ(ids(q), std::vector<std::int64_t>{2});
  q.party = "anh duong";  // the creditor
  EXPECT_EQ(ids(q).size(), 3U);
  q.party = "nguyen van hai";
  EXPECT_TRUE(ids(q).empty());
  q.party = "%";  // LIKE wildcards are plain characters
  EXPECT_TRUE(ids(q).empty());
  q.party = "_";
  EXPECT_TRUE(ids(q).empty());

  archive::Query by_number;
  by_number.number = "5/QĐ-CCTHADS";  // "05" as a number
  EXPECT_EQ(ids(by_number), std::vector<std::int64_t>{1});
  by_number.number = "05/qd-ccthads";
  EXPECT_EQ(ids(by_number), std::vector<std::int64_t>{1});
  by_number.number = "TB-CCTHADS";
  EXPECT_EQ(ids(by_number), std::vector<std::int64_t>{3});
  by_number.number = "12";
  EXPECT_EQ(ids(by_number), std::vector<std::int64_t>{2});
  by_number.number = "12/TB-CCTHADS";
  EXPECT_TRUE(ids(by_number).empty());

  archive::Query by_type;
  by_type.type = "thong bao";
  EXPECT_EQ(ids(by_type), std::vector<std::int64_t>{3});
  archive::Query by_signer;
  by_signer.signer = "cam ba nguyen";
  EXPECT_EQ(ids(by_signer), std::vector<std::int64_t>{3});
  archive::Query by_case;
  by_case.case_id = "THA-2";
  EXPECT_EQ(ids(by_case), std::vector<std::int64_t>{2});
  archive::Query by_date;
  by_date.from = model::Date::from_ymd(2025, 1, 1);
  EXPECT_EQ(ids(by_date), (std::vector<std::int64_t>{2, 1}));  // by issue date
  by_date.to = model::Date::from_ymd(2025, 3, 9);
  EXPECT_EQ(ids(by_date), std::vector<std::int64_t>{2});
  EXPECT_EQ(ids({}), (std::vector<std::int64_t>{3, 2, 1}));
  archive::Query limited;
  limited.limit = 2;
  EXPECT_EQ(ids(limited), (std::vector<std::int64_t>{3, 2}));
}

TEST_P(ArchiveTest, WithdrawalIsANewRecordThatRefersToTheDocument) {
  auto archive = with_documents(2);
  Diagnostics diagnostics;
  const auto withdrawal = archive->withdraw(1, "Ban hành nhầm số", kTime, diagnostics);
  ASSERT_TRUE(withdrawal) << diagnostics.to_string();
  EXPECT_EQ(withdrawal->seq, 3);
  const auto entry = archive->find(1);
  ASSERT_TRUE(entry && entry->withdrawal);
  EXPECT_EQ(entry->withdrawal->note, "Ban hành nhầm số");
  EXPECT_EQ(entry->withdrawal->refers_to, entry->record.hash);
  EXPECT_FALSE(archive->find(2)->withdrawal);
  EXPECT_FALSE(archive->find(3));  // a withdrawal is not a document
  // The document stays: it can still be read and found.
  EXPECT_TRUE(archive->content(*entry, diagnostics));
  EXPECT_EQ(archive->search({}).size(), 2U);

  Diagnostics again;
  EXPECT_FALSE(archive->withdraw(1, "lần nữa", kTime, again));
  expect_one_error(again, "E0754");
  Diagnostics unknown;
  EXPECT_FALSE(archive->withdraw(9, "không có", kTime, unknown));
  expect_one_error(unknown, "E0750");
  EXPECT_EQ(verify(*archive).error_count(), 0U);
}

TEST_P(ArchiveTest, TrustAnchorsAreRecordedInTheChain) {
  auto archive = open();
  EXPECT_TRUE(archive->trust_anchors().empty());
  EXPECT_TRUE(archive->add_trust_anchor("-----BEGIN CERTIFICATE-----\nA\n", "ca.pem", kTime));
  EXPECT_FALSE(archive->add_trust_anchor("-----BEGIN CERTIFICATE-----\nA\n", "ca.pem", kTime));
  EXPECT_TRUE(archive->add_trust_anchor("-----BEGIN CERTIFICATE-----\nB\n", "other.pem", kTime));
  EXPECT_EQ(archive->trust_anchors(),
            (std::vector<Bytes>{"-----BEGIN CERTIFICATE-----\nA\n", "-----BEGIN CERTIFICATE-----\nB\n"}));
  // Reopened: the configuration is the archive's.
  archive.reset();
  EXPECT_EQ(open(Archive::OpenMode::existing)->trust_anchors().size(), 2U);
  Diagnostics diagnostics;
  const auto result = add(*open(), pdf("x"), facts("01", "2025-03-01"), diagnostics);
  EXPECT_EQ(result.id, 3);  // after the two trust records
  EXPECT_EQ(verify(*open()).error_count(), 0U);
}

TEST_P(ArchiveTest, VerifyPassesAnIntactArchiveAndReportsItsHead) {
  auto archive = with_documents(3);
  Diagnostics diagnostics;
  int calls = 0;
  const auto report = archive->verify(
      [&](std::string_view) {
        ++calls;
        archive::SignatureCheck check;
        check.signatures = {signature("Hoàng Minh Đức")};
        return std::optional<archive::SignatureCheck>(check);
      },
      diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_string();
  EXPECT_EQ(report.records, 3U);
  EXPECT_EQ(report.documents, 3U);
  EXPECT_EQ(report.files_checked, 3U);
  EXPECT_EQ(report.signatures_checked, 3U);
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(report.head_seq, 3);
  EXPECT_EQ(report.head_hash, archive->find(3)->record.hash);
}

TEST_P(ArchiveTest, VerifyReportsASignatureThatNoLongerHolds) {
  auto archive = with_documents(2);
  Diagnostics diagnostics;
  archive->verify(
      [&](std::string_view bytes) {
        archive::SignatureCheck check;
        check.signatures = {signature("Hoàng Minh Đức", true, bytes != pdf("02"))};
        return std::optional<archive::SignatureCheck>(check);
      },
      diagnostics);
  expect_one_error(diagnostics, "E0737", "bản ghi 2");
}

TEST_P(ArchiveTest, VerifyReportsAStoredFileThatIsNoLongerAPdf) {
  auto archive = with_documents(2);
  Diagnostics diagnostics;
  archive->verify(
      [&](std::string_view bytes) {
        if (bytes == pdf("02")) return std::optional<archive::SignatureCheck>();
        archive::SignatureCheck check;
        check.signatures = {signature("Hoàng Minh Đức")};
        return std::optional<archive::SignatureCheck>(check);
      },
      diagnostics);
  expect_one_error(diagnostics, "E0737", "không đọc lại được PDF của bản ghi 2");
}

// Tampering behind the archive's back, one kind at a time: each is reported, once.

TEST_P(ArchiveTest, AnEditedRecordIsFound) {
  auto archive = with_documents(4);
  sandbox_->sql("UPDATE archive_record SET subject = 'Về việc khác' WHERE seq = 2");
  const auto diagnostics = verify(*archive);
  expect_one_error(diagnostics, "E0730", "bản ghi 2");
}

TEST_P(ArchiveTest, AnEditedSearchKeyIsFound) {
  // The folded columns are covered too: hiding a party from search is tampering.
  auto archive = with_documents(3);
  sandbox_->sql("UPDATE archive_record SET parties_key = 'ai khac' WHERE seq = 3");
  expect_one_error(verify(*archive), "E0730");
}

TEST_P(ArchiveTest, AnEditedAndRehashedRecordBreaksTheChain) {
  auto archive = with_documents(4);
  edit_and_rehash(*archive, 2);
  expect_one_error(verify(*archive), "E0733", "giữa bản ghi 2 và 3");
}

TEST_P(ArchiveTest, AReplacedFirstRecordIsFound) {
  // The first record deleted and the second renumbered into its place: no gap, but the chain does not start
  // at the genesis hash.
  auto archive = with_documents(2);
  sandbox_->sql("DELETE FROM archive_record WHERE seq = 1");
  sandbox_->sql("UPDATE archive_record SET seq = 1 WHERE seq = 2");
  expect_one_error(verify(*archive), "E0733", "bản ghi số 1 không phải là đầu chuỗi");
}

TEST_P(ArchiveTest, AnEditedAndRehashedLastRecordIsFoundByTheChainHead) {
  // No link after it to break: the chain head kept in the store names its old hash.
  auto archive = with_documents(3);
  edit_and_rehash(*archive, 3);
  expect_one_error(verify(*archive), "E0734", "bản ghi số 3 mà tệp đầu chuỗi ghi đã bị thay");
}

TEST_P(ArchiveTest, ADeletedRecordIsFound) {
  auto archive = with_documents(4);
  sandbox_->sql("DELETE FROM archive_record WHERE seq = 2");
  const auto diagnostics = verify(*archive);
  expect_one_error(diagnostics, "E0731", "bản ghi số 2 đã bị xóa");
  // Its file, now without a record, is pointed out too.
  EXPECT_TRUE(diagnostics.contains("W0742"));
}

TEST_P(ArchiveTest, TheLastRecordDeletedIsFound) {
  auto archive = with_documents(4);
  sandbox_->sql("DELETE FROM archive_record WHERE seq >= 3");
  const auto diagnostics = verify(*archive);
  expect_one_error(diagnostics, "E0734", "bản ghi số 3 đến 4");
  // And nothing is appended to a chain cut short.
  Diagnostics adding;
  EXPECT_THROW(add(*archive, pdf("new"), facts("09", "2025-03-09"), adding), Error);
}

// Issue 18: the last records deleted and the chain head written back passed verify, with position 0 or with any
// surviving record's hash. The head must name a record by its own position and hash, and may lag the chain by the
// one record of an add interrupted after its commit, never more.
TEST_P(ArchiveTest, AChainHeadWrittenBackIsFound) {
  auto archive = with_documents(4);
  const auto head_file = sandbox_->store() / "chain-head";
  const std::string genesis(archive::kGenesisHash);
  const auto write_head = [&](std::int64_t seq, const std::string& hash) {
    test::write_text(head_file, "vanban-archive-head 1\n" + std::to_string(seq) + "\n" + hash + "\n");
  };
  const std::string hash2 = archive->find(2)->record.hash;
  sandbox_->sql("DELETE FROM archive_record WHERE seq >= 3");
  // Position 0: the whole chain behind the head.
  write_head(0, genesis);
  expect_one_error(verify(*archive), "E0740", "các bản ghi số 1 đến 2 không được đầu chuỗi xác nhận");
  // A surviving record's hash at the deleted last position.
  write_head(4, hash2);
  expect_one_error(verify(*archive), "E0734", "các bản ghi số 3 đến 4 ở cuối chuỗi đã bị xóa");
  // A surviving record's hash at another surviving position.
  write_head(1, hash2);
  expect_one_error(verify(*archive), "E0734", "bản ghi số 1 mà tệp đầu chuỗi ghi đã bị thay");
  // Position 0 with another hash than the genesis.
  write_head(0, hash2);
  expect_one_error(verify(*archive), "E0734", "bản ghi số 0");
}

TEST_P(ArchiveTest, AHeadOneRecordBehindIsAnInterruptedAddAndTheNextAddBringsItUp) {
  auto archive = with_documents(3);
  const auto head_file = sandbox_->store() / "chain-head";
  const std::string hash2 = archive->find(2)->record.hash;
  // What an add killed between its commit and the head leaves.
  test::write_text(head_file, "vanban-archive-head 1\n2\n" + hash2 + "\n");
  const auto lagging = verify(*archive);
  EXPECT_EQ(lagging.error_count(), 0U) << lagging.to_string();
  EXPECT_TRUE(lagging.contains("W0744")) << lagging.to_string();
  // Even two adds in a row cut short there never leave it more than one behind: an add brings the head up to the
  // tail before it appends.
  Diagnostics diagnostics;
  add(*archive, pdf("04"), facts("04", "2025-03-04"), diagnostics);
  test::write_text(head_file, "vanban-archive-head 1\n3\n" + archive->find(3)->record.hash + "\n");
  add(*archive, pdf("05"), facts("05", "2025-03-05"), diagnostics);
  EXPECT_TRUE(verify(*archive).empty()) << verify(*archive).to_string();
  EXPECT_EQ(test::read_text(head_file), "vanban-archive-head 1\n5\n" + archive->find(5)->record.hash + "\n");
  // Opening the archive for writing mends a lagging head at once.
  test::write_text(head_file, "vanban-archive-head 1\n4\n" + archive->find(4)->record.hash + "\n");
  const auto reopened = open();
  EXPECT_EQ(test::read_text(head_file), "vanban-archive-head 1\n5\n" + archive->find(5)->record.hash + "\n");
  // A head whose hash is not that record's is never brought up: nothing is appended.
  test::write_text(head_file, "vanban-archive-head 1\n4\n" + hash2 + "\n");
  EXPECT_THROW(add(*archive, pdf("06"), facts("06", "2025-03-06"), diagnostics), Error);
}

// A head noted outside the archive (`archive verify --expect-head`) catches what the store's own head cannot: the
// last records deleted together with the head file written back.
TEST_P(ArchiveTest, AHeadNotedElsewhereCatchesATailDeletedWithItsHead) {
  auto archive = with_documents(4);
  const archive::ChainHead noted{4, archive->find(4)->record.hash};
  const archive::ChainHead third{3, archive->find(3)->record.hash};
  Diagnostics intact;
  archive->verify({}, intact, noted);
  EXPECT_TRUE(intact.empty()) << intact.to_string();
  // Records 3 and 4 deleted and the head written back to record 2, as a careful forger would: the store holds up.
  sandbox_->sql("DELETE FROM archive_record WHERE seq >= 3");
  std::filesystem::remove(stored_file(pdf("03")));
  std::filesystem::remove(stored_file(pdf("04")));
  test::write_text(sandbox_->store() / "chain-head",
                   "vanban-archive-head 1\n2\n" + archive->find(2)->record.hash + "\n");
  EXPECT_TRUE(verify(*archive).empty()) << verify(*archive).to_string();
  Diagnostics deleted;
  archive->verify({}, deleted, noted);
  expect_one_error(deleted, "E0745", "các bản ghi số 3 đến 4 ở cuối chuỗi đã bị xóa");
  // Rewritten from a noted record on: that record now holds another hash.
  Diagnostics added;
  add(*archive, pdf("13"), facts("13", "2025-03-13"), added);
  Diagnostics rewritten;
  archive->verify({}, rewritten, third);
  expect_one_error(rewritten, "E0745", "bản ghi 3 nay mang mã băm");
}

// Issue 18: a second document with the same agency, year and số/ký hiệu was archived without a word, and so was a
// signed draft without a number.
TEST_P(ArchiveTest, ANumberIsUsedOnceAYearAndASignedDraftIsWarnedAbout) {
  auto archive = with_documents(2);
  Diagnostics diagnostics;
  auto result = add(*archive, pdf("other"), facts("01", "2025-07-01"), diagnostics);
  EXPECT_EQ(result.outcome, AddResult::Outcome::refused);
  expect_one_error(diagnostics, "E0719", "kho đã có văn bản số 01/QĐ-CCTHADS năm 2025");
  EXPECT_NE(diagnostics.to_string().find("mã lưu trữ 1"), std::string::npos) << diagnostics.to_string();
  EXPECT_FALSE(std::filesystem::exists(stored_file(pdf("other")))) << "nothing stored for a refused document";
  // Written "1" rather than "01": the same number.
  Diagnostics unpadded;
  EXPECT_EQ(add(*archive, pdf("other"), facts("1", "2025-07-01"), unpadded).outcome, AddResult::Outcome::refused);
  EXPECT_TRUE(unpadded.contains("E0719"));
  // Another year, another agency: numbers start again.
  Diagnostics next_year;
  EXPECT_EQ(add(*archive, pdf("2026"), facts("01", "2026-01-05"), next_year).outcome, AddResult::Outcome::added)
      << next_year.to_string();
  auto elsewhere = facts("01", "2025-07-01");
  elsewhere.metadata.organ_name = "CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUẾ PHONG";
  Diagnostics other_agency;
  EXPECT_EQ(add(*archive, pdf("que-phong"), elsewhere, other_agency).outcome, AddResult::Outcome::added)
      << other_agency.to_string();
  // The same document signed once more (its bytes extended) is another revision, not a second document.
  Diagnostics countersigned;
  EXPECT_EQ(add(*archive, pdf("02") + "% agency signature\n%%EOF\n", facts("02", "2025-03-02"), countersigned).outcome,
            AddResult::Outcome::added)
      << countersigned.to_string();
  // A signed draft: archived, with a recorded warning.
  Diagnostics draft;
  result = add(*archive, pdf("draft"), facts("", "2025-03-20"), draft);
  EXPECT_EQ(result.outcome, AddResult::Outcome::added) << draft.to_string();
  EXPECT_EQ(draft.error_count(), 0U) << draft.to_string();
  EXPECT_TRUE(draft.contains("W0722")) << draft.to_string();
  EXPECT_NE(archive->find(result.id)->record.warnings.find("[W0722]"), std::string::npos);
  // An unsigned draft under --allow-unsigned is warned about as unsigned only.
  auto unsigned_draft = facts("", "2025-03-21");
  unsigned_draft.signatures.signatures.clear();
  Diagnostics unsigned_warning;
  add(*archive, pdf("unsigned-draft"), unsigned_draft, unsigned_warning, archive::TrustPolicy::any_document);
  EXPECT_FALSE(unsigned_warning.contains("W0722")) << unsigned_warning.to_string();
}

TEST_P(ArchiveTest, ReorderedRecordsAreFound) {
  auto archive = with_documents(4);
  sandbox_->sql("UPDATE archive_record SET seq = -2 WHERE seq = 2");
  sandbox_->sql("UPDATE archive_record SET seq = 2 WHERE seq = 3");
  sandbox_->sql("UPDATE archive_record SET seq = 3 WHERE seq = -2");
  const auto diagnostics = verify(*archive);
  expect_one_error(diagnostics, "E0732");
}

TEST_P(ArchiveTest, AChangedFileIsFound) {
  auto archive = with_documents(3);
  const auto path = stored_file(pdf("02"));
  std::filesystem::permissions(path, std::filesystem::perms::owner_write, std::filesystem::perm_options::add);
  test::write_text(path, pdf("02") + "% appended\n");
  const auto diagnostics = verify(*archive);
  expect_one_error(diagnostics, "E0736");
  Diagnostics reading;
  EXPECT_FALSE(archive->content(*archive->find(2), reading));
  expect_one_error(reading, "E0736");
}

TEST_P(ArchiveTest, ARemovedFileIsFound) {
  auto archive = with_documents(3);
  std::filesystem::remove(stored_file(pdf("03")));
  const auto diagnostics = verify(*archive);
  expect_one_error(diagnostics, "E0735");
  Diagnostics reading;
  EXPECT_FALSE(archive->content(*archive->find(3), reading));
  expect_one_error(reading, "E0735");
}

TEST_P(ArchiveTest, AMissingChainHeadIsReportedAndStopsAdding) {
  auto archive = with_documents(2);
  std::filesystem::remove(sandbox_->store() / "chain-head");
  expect_one_error(verify(*archive), "E0739");
  Diagnostics diagnostics;
  EXPECT_THROW(add(*archive, pdf("new"), facts("09", "2025-03-09"), diagnostics), Error);
}

TEST_P(ArchiveTest, FilesWithoutARecordAreOnlyWarnings) {
  // What an add killed before its commit leaves: a stored file without a record, and a temporary file.
  auto archive = with_documents(1);
  const std::string stray = std::string(64, 'a');
  std::filesystem::create_directories(sandbox_->store() / "objects" / "aa");
  test::write_text(sandbox_->store() / "objects" / "aa" / (stray + ".pdf"), pdf("stray"));
  test::write_text(sandbox_->store() / "objects" / "aa" / ".tmp-van-ban", "%PDF-1.4\n");
  const auto diagnostics = verify(*archive);
  EXPECT_EQ(diagnostics.error_count(), 0U) << diagnostics.to_string();
  EXPECT_EQ(diagnostics.warning_count(), 2U) << diagnostics.to_string();
  EXPECT_TRUE(diagnostics.contains("W0742")) << diagnostics.to_string();
  EXPECT_TRUE(diagnostics.contains("W0743")) << diagnostics.to_string();
  EXPECT_NE(diagnostics.to_string().find("aa/" + stray + ".pdf"), std::string::npos) << diagnostics.to_string();
}

TEST_P(ArchiveTest, ADamagedSqliteFileIsFoundByItsIntegrityCheck) {
  if (GetParam() != Backend::sqlite) {  // integrity_check is SQLite's: nothing to report on PostgreSQL
    EXPECT_FALSE(verify(*with_documents(2)).contains("E0738"));
    return;
  }
  with_documents(2);
  {
    // An index whose definition no longer matches its entries (the schema edited behind SQLite's back).
    auto session = sandbox_->raw_session();
    *session << "PRAGMA writable_schema = ON", Poco::Data::Keywords::now;
    *session << "UPDATE sqlite_master SET sql = 'CREATE INDEX archive_record_case ON archive_record (subject)' "
                "WHERE name = 'archive_record_case'",
        Poco::Data::Keywords::now;
  }
  const auto diagnostics = verify(*open(Archive::OpenMode::existing));
  EXPECT_TRUE(diagnostics.contains("E0738")) << diagnostics.to_string();
  for (const auto& diagnostic : diagnostics.list()) EXPECT_EQ(diagnostic.code, "E0738") << diagnostics.to_string();
}

TEST_P(ArchiveTest, AStoredIdCanNeverLeaveTheStore) {
  auto archive = with_documents(2);
  // A record pointing outside the store: the path is never built, the record is reported.
  sandbox_->sql("UPDATE archive_record SET sha256 = '../../../../etc/passwd' WHERE seq = 2");
  const auto diagnostics = verify(*archive);
  EXPECT_TRUE(diagnostics.contains("E0741")) << diagnostics.to_string();
  Diagnostics reading;
  EXPECT_FALSE(archive->content(*archive->find(2), reading));
  expect_one_error(reading, "E0741");
  Diagnostics exporting;
  EXPECT_FALSE(exported(*archive, "THA-2024-000517", exporting));
  EXPECT_TRUE(exporting.contains("E0741"));
}

TEST_P(ArchiveTest, ACorruptDatabaseIsReportedClearly) {
  with_documents(1);
  if (GetParam() == Backend::sqlite) {
    test::write_text(sandbox_->store() / "archive.sqlite", std::string(8192, 'x'));
    std::filesystem::remove(sandbox_->store() / "archive.sqlite-wal");
    std::filesystem::remove(sandbox_->store() / "archive.sqlite-shm");
  } else {
    sandbox_->sql("DROP TABLE archive_meta");
  }
  try {
    open(Archive::OpenMode::existing);
    ADD_FAILURE() << "a corrupt database was opened";
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_TRUE(message.find("[E0761]") != std::string::npos || message.find("[E0762]") != std::string::npos)
        << message;
    EXPECT_NE(message.find("cơ sở dữ liệu lưu trữ"), std::string::npos) << message;
  }
}

TEST_P(ArchiveTest, AMissingArchiveIsNotCreatedByReading) {
  EXPECT_THROW(open(Archive::OpenMode::existing), Error);
  EXPECT_FALSE(std::filesystem::exists(sandbox_->store() / "chain-head"));
}

// An archive made before schema versions were recorded (vanban up to the db module): these exact tables, no
// schema_versions. Frozen here as those binaries made it; it must open, and is then recorded as version 1.
void make_archive_the_old_way(const test::ArchiveSandbox& sandbox) {
  std::filesystem::create_directories(sandbox.store());
  auto session = sandbox.raw_session();
  for (const char* statement : {
           "CREATE TABLE IF NOT EXISTS archive_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
           "CREATE TABLE IF NOT EXISTS archive_record (seq BIGINT NOT NULL PRIMARY KEY, kind TEXT NOT NULL, "
           "recorded_at TEXT NOT NULL, sha256 TEXT NOT NULL, byte_size BIGINT NOT NULL, file_name TEXT NOT NULL, "
           "case_id TEXT NOT NULL, number TEXT NOT NULL, notation TEXT NOT NULL, issued_date TEXT NOT NULL, "
           "type_name TEXT NOT NULL, subject TEXT NOT NULL, organ_name TEXT NOT NULL, signer_name TEXT NOT NULL, "
           "signer_position TEXT NOT NULL, page_amount BIGINT NOT NULL, parties TEXT NOT NULL, status TEXT NOT NULL, "
           "signatures TEXT NOT NULL, warnings TEXT NOT NULL, refers_to TEXT NOT NULL, note TEXT NOT NULL, "
           "number_key TEXT NOT NULL, notation_key TEXT NOT NULL, type_key TEXT NOT NULL, parties_key TEXT NOT NULL, "
           "signer_key TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
           "CREATE UNIQUE INDEX IF NOT EXISTS archive_record_hash ON archive_record (hash)",
           "CREATE UNIQUE INDEX IF NOT EXISTS archive_record_content ON archive_record (kind, sha256)",
           "CREATE INDEX IF NOT EXISTS archive_record_case ON archive_record (case_id)",
           "CREATE INDEX IF NOT EXISTS archive_record_date ON archive_record (issued_date)",
           "CREATE INDEX IF NOT EXISTS archive_record_notation ON archive_record (notation_key)",
           "INSERT INTO archive_meta (name, value) VALUES ('schema', 'vanban-archive 1') ON CONFLICT DO NOTHING",
       })
    *session << statement, Poco::Data::Keywords::now;
}

std::vector<std::pair<std::string, Poco::Int64>> schema_versions(const test::ArchiveSandbox& sandbox) {
  auto session = sandbox.raw_session();
  std::vector<std::string> components;
  std::vector<Poco::Int64> versions;
  using namespace Poco::Data::Keywords;
  *session << "SELECT component, version FROM schema_versions ORDER BY component", into(components), into(versions),
      now;
  std::vector<std::pair<std::string, Poco::Int64>> out;
  for (std::size_t i = 0; i < components.size(); ++i) out.emplace_back(components[i], versions.at(i));
  return out;
}

TEST_P(ArchiveTest, AnArchiveMadeBeforeSchemaVersionsOpensAsVersion1) {
  make_archive_the_old_way(*sandbox_);
  with_documents(2);  // opened for adding: the tables are taken as they are (the old DDL would fail otherwise)
  const std::vector<std::pair<std::string, Poco::Int64>> version_2 = {{"archive", 2}};
  EXPECT_EQ(schema_versions(*sandbox_), version_2) << "found at version 1, brought to version 2";
  // With records in it, and opened only for reading.
  sandbox_->sql("DROP TABLE schema_versions");
  sandbox_->sql("ALTER TABLE archive_record DROP COLUMN levels");
  const auto archive = open(Archive::OpenMode::existing);
  EXPECT_EQ(schema_versions(*sandbox_), version_2);
  EXPECT_EQ(archive->search({}).size(), 2U);
  EXPECT_EQ(verify(*archive).error_count(), 0U);
}

TEST_P(ArchiveTest, AVersion1ArchiveIsUpgradedAndKeepsItsHashesWhileLevelsAreRecorded) {
  // Records of version 1 have no levels: their hash stays what version 1 computed.
  auto archive = with_documents(1);
  sandbox_->sql("ALTER TABLE archive_record DROP COLUMN levels");
  sandbox_->sql("UPDATE schema_versions SET version = 1 WHERE component = 'archive'");
  archive = open();
  const std::vector<std::pair<std::string, Poco::Int64>> version_2 = {{"archive", 2}};
  EXPECT_EQ(schema_versions(*sandbox_), version_2);
  EXPECT_EQ(archive->find(1)->record.levels, "");
  EXPECT_EQ(archive::canonical_form(archive->find(1)->record).find("levels="), std::string::npos);
  // A document signed at B-LT, then at B-T: its levels, one line per signature, in the chain.
  DocumentFacts f = facts("02", "2025-03-02");
  f.signatures.signatures = {signature("Hoàng Minh Đức"), signature("Chi cục")};
  f.signatures.signatures[0].level = "B-LT";
  f.signatures.signatures[1].level = "B-T";
  Diagnostics diagnostics;
  const auto added = add(*archive, pdf("02"), f, diagnostics);
  ASSERT_EQ(added.outcome, AddResult::Outcome::added) << diagnostics.to_string();
  EXPECT_EQ(archive->find(added.id)->record.levels, "B-LT\nB-T\n");
  EXPECT_EQ(verify(*archive).error_count(), 0U);
  ASSERT_TRUE(exported(*archive, "THA-2024-000517", diagnostics));
  // Recorded levels are under the chain's hash like every column.
  sandbox_->sql("UPDATE archive_record SET levels = 'B-LT\nB-LT\n' WHERE seq = " + std::to_string(added.id));
  EXPECT_TRUE(verify(*archive).contains("E0730"));
}

TEST_P(ArchiveTest, AnArchiveNewerThanTheBinaryIsRefused) {
  with_documents(1);
  sandbox_->sql("UPDATE schema_versions SET version = 3 WHERE component = 'archive'");
  for (const auto mode : {Archive::OpenMode::existing, Archive::OpenMode::create}) {
    std::string message = "opened";
    try {
      open(mode);
    } catch (const Error& error) {
      message = error.what();
    }
    EXPECT_EQ(message.rfind("[E0763] cơ sở dữ liệu lưu trữ", 0), 0U) << message;
  }
}

std::map<std::string, std::string> unzip(const std::string& zip) {
  std::map<std::string, std::string> files;
  std::istringstream in(zip);
  const Poco::Zip::ZipArchive archive(in);
  for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
    std::istringstream again(zip);
    Poco::Zip::ZipInputStream stream(again, it->second);
    std::ostringstream content;
    content << stream.rdbuf();
    files[it->first] = content.str();
  }
  return files;
}

TEST_P(ArchiveTest, ExportIsTheCaseInChronologicalOrderWithSidecarsAndAManifest) {
  auto archive = open();
  Diagnostics diagnostics;
  add(*archive, pdf("late"), facts("20", "2025-05-02"), diagnostics);
  add(*archive, pdf("early"), facts("3", "2024-11-15"), diagnostics);
  add(*archive, pdf("other case"), facts("7", "2025-01-01", "THA-OTHER"), diagnostics);
  auto mid = facts("11", "2025-02-14");
  mid.metadata.subject = "Về việc <hoãn> & \"tạm dừng\"";
  add(*archive, pdf("middle"), mid, diagnostics);
  archive->withdraw(4, "Thay bằng văn bản khác", kTime, diagnostics);
  ASSERT_EQ(diagnostics.error_count(), 0U) << diagnostics.to_string();

  const auto zip = exported(*archive, "THA-2024-000517", diagnostics);
  ASSERT_TRUE(zip) << diagnostics.to_string();
  const auto files = unzip(*zip);
  std::vector<std::string> names;
  for (const auto& [name, content] : files) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"01_2024-11-15_3-QD-CCTHADS.pdf", "01_2024-11-15_3-QD-CCTHADS.xml",
                                             "02_2025-02-14_11-QD-CCTHADS.pdf", "02_2025-02-14_11-QD-CCTHADS.xml",
                                             "03_2025-05-02_20-QD-CCTHADS.pdf", "03_2025-05-02_20-QD-CCTHADS.xml",
                                             "manifest.xml"}));
  EXPECT_EQ(files.at("01_2024-11-15_3-QD-CCTHADS.pdf"), pdf("early"));
  EXPECT_EQ(files.at("02_2025-02-14_11-QD-CCTHADS.pdf"), pdf("middle"));
  EXPECT_EQ(files.at("03_2025-05-02_20-QD-CCTHADS.pdf"), pdf("late"));
  const std::string& sidecar = files.at("02_2025-02-14_11-QD-CCTHADS.xml");
  for (const char* expected :
       {"<FileNotation>THA-2024-000517</FileNotation>", "<FileCatalog>2024</FileCatalog>", "<DocOrdinal>2</DocOrdinal>",
        "<TypeName>Quyết định</TypeName>", "<CodeNumber>11</CodeNumber>", "<CodeNotation>QĐ-CCTHADS</CodeNotation>",
        "<IssuedDate>2025-02-14</IssuedDate>", "<Subject>Về việc &lt;hoãn&gt; &amp; &quot;tạm dừng&quot;</Subject>",
        "<PageAmount>2</PageAmount>", "<FullName>Hoàng Minh Đức</FullName>", "<Position>Chi cục trưởng</Position>",
        "<Party role=\"debtor\">Nguyễn Văn Hùng</Party>", "<Withdrawn id=\"5\"", "Thay bằng văn bản khác"})
    EXPECT_NE(sidecar.find(expected), std::string::npos) << expected << "\n" << sidecar;
  EXPECT_NE(sidecar.find(crypto::sha256_hex(pdf("middle"))), std::string::npos);
  const std::string& manifest = files.at("manifest.xml");
  for (const char* expected :
       {"<DocTotal>3</DocTotal>", "<PageTotal>6</PageTotal>", "<StartDate>2024-11-15</StartDate>",
        "<EndDate>2025-05-02</EndDate>", "withdrawn=\"true\""})
    EXPECT_NE(manifest.find(expected), std::string::npos) << expected << "\n" << manifest;
  EXPECT_LT(manifest.find("01_2024-11-15"), manifest.find("02_2025-02-14"));
  EXPECT_EQ(manifest.find("THA-OTHER"), std::string::npos);

  Diagnostics none;
  EXPECT_FALSE(exported(*archive, "THA-KHONG-CO", none));
  expect_one_error(none, "E0752");
  // A damaged file stops the export: never a package with a document missing.
  std::filesystem::remove(stored_file(pdf("late")));
  Diagnostics damaged;
  EXPECT_FALSE(exported(*archive, "THA-2024-000517", damaged));
  expect_one_error(damaged, "E0735");
}

TEST_P(ArchiveTest, ZipNamesStayInsideTheFolderWhateverTheRecordHolds) {
  auto archive = open();
  Diagnostics diagnostics;
  auto f = facts("1", "2025-03-01");
  f.metadata.code_notation = "../../QĐ/..\\x";
  add(*archive, pdf("odd"), f, diagnostics);
  const auto zip = exported(*archive, "THA-2024-000517", diagnostics);
  ASSERT_TRUE(zip) << diagnostics.to_string();
  for (const auto& [name, content] : unzip(*zip)) {
    EXPECT_EQ(name.find('/'), std::string::npos) << name;
    EXPECT_EQ(name.find(".."), std::string::npos) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ArchiveTest, test::test_backends(), test::backend_name);

// Backend-independent parts.

TEST(ArchiveRecord, TheHashCoversEveryColumnButPositionAndHash) {
  archive::Record record;
  record.kind = "document";
  const std::string base = archive::record_hash(record);
  for (const auto& column : archive::columns()) {
    archive::Record changed = record;
    if (const auto* text = std::get_if<std::string archive::Record::*>(&column.member)) changed.*(*text) = "x";
    else changed.*std::get<std::int64_t archive::Record::*>(column.member) = 7;
    const std::string name = column.name;
    if (name == "seq" || name == "hash") EXPECT_EQ(archive::record_hash(changed), base) << name;
    else EXPECT_NE(archive::record_hash(changed), base) << name;
  }
  // Values cannot run into each other.
  archive::Record a;
  a.subject = "x\nnotation=y";
  archive::Record b;
  b.subject = "x";
  b.notation = "y";
  EXPECT_NE(archive::record_hash(a), archive::record_hash(b));
}

TEST(ArchiveStore, OnlyASha256MakesAPath) {
  const archive::Store store("/tmp/store");
  EXPECT_THROW((void)store.object_path("../../etc/passwd"), Error);
  EXPECT_THROW((void)store.object_path(std::string(64, 'A')), Error);
  EXPECT_THROW((void)store.object_path(std::string(63, 'a')), Error);
  EXPECT_EQ(store.object_path(std::string(64, 'a')),
            std::filesystem::path("/tmp/store/objects/aa") / (std::string(64, 'a') + ".pdf"));
}

TEST(ArchiveLocation, DatabaseOptions) {
  std::string problem;
  auto sqlite = archive::make_location(std::nullopt, "kho", problem);
  ASSERT_TRUE(sqlite);
  EXPECT_EQ(sqlite->database.backend, db::Backend::sqlite);
  EXPECT_EQ(sqlite->database.connection, "kho/archive.sqlite");
  EXPECT_EQ(sqlite->store, "kho");
  auto file = archive::make_location(std::string("/data/a.db"), "kho", problem);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->database.connection, "/data/a.db");
  auto pg = archive::make_location(std::string("postgresql://thads:b%C3%AD@db.local:5433/luutru?sslmode=require"),
                                   "kho", problem);
  ASSERT_TRUE(pg) << problem;
  EXPECT_EQ(pg->database.backend, db::Backend::postgresql);
  EXPECT_EQ(pg->database.connection, "password=bí user=thads host=db.local port=5433 dbname=luutru sslmode=require");
  EXPECT_EQ(pg->database.display.find("b%C3%AD"), std::string::npos);  // no password in messages
  EXPECT_TRUE(archive::make_location(std::string("postgres://[::1]:5432/x"), "kho", problem));
  EXPECT_FALSE(archive::make_location(std::string("postgresql://h/db?options=-c a=b"), "kho", problem));
  EXPECT_FALSE(archive::make_location(std::string("postgresql://h:port/db"), "kho", problem));
  EXPECT_FALSE(archive::make_location(std::string("mysql://h/db"), "kho", problem));
}

}  // namespace
}  // namespace vanban
