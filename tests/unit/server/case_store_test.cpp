// The case store (cases, through pipeline/case_store.hpp) on SQLite and on PostgreSQL: import all or nothing, versions
// byte for byte, events validated like a file, optimistic writes, listing; and the text edits of xml/case_edit.hpp.

#include "pipeline/case_store.hpp"

#include <gtest/gtest.h>

#include "archive/archive.hpp"
#include "archive/database.hpp"
#include "archive/location.hpp"
#include "cases/jobs.hpp"
#include "db/schema.hpp"
#include "db/session.hpp"
#include "support/archive_backends.hpp"
#include "support/engine.hpp"
#include "support/paths.hpp"
#include "xml/case_edit.hpp"

namespace vanban {
namespace {

using test::Backend;

const pipeline::Engine& engine() { return test::shared_engine(); }

std::string example(const std::string& name) { return test::read_text(test::source_dir() / "examples" / name); }
const cases::Change kChange{"lan", "2026-07-01T10:00:00+07:00", "nhập"};

// The sample register with its cases `copies` times over, each copy's case ids prefixed "K<copy>-"; 440 copies make
// more than 4 MiB, which the reader streams a chunk at a time.
constexpr int kCopies = 440;
std::string big_register(int copies) {
  const std::string sample = example("so-thu-ly-thuong-xuan.xml");
  const std::size_t body_from = sample.find('>', sample.find("<register")) + 1;
  const std::size_t body_to = sample.rfind("</register>");
  const std::string body = sample.substr(body_from, body_to - body_from);
  std::string out = sample.substr(0, body_from);
  for (int copy = 0; copy < copies; ++copy) {
    std::string cases = body;
    const std::string prefix = "<case id=\"K" + std::to_string(copy) + "-";
    for (auto at = cases.find("<case id=\""); at != std::string::npos; at = cases.find("<case id=\"", at + 1))
      cases.replace(at, 10, prefix);
    out += cases;
  }
  return out + sample.substr(body_to);
}

// Every case's current XML and columns (but when and by whom), by id.
std::string rows_of(cases::Store& store) {
  std::string out;
  store.for_each_current([&](const std::string& id, const std::string& xml) {
    const auto stored = store.get(id);
    const auto& s = stored->summary;
    out += id + " v" + std::to_string(s.version) + " " + s.debtor + "|" + s.officer + "|" + s.mode + "|" + s.condition +
           "|" + std::to_string(s.outstanding) + "|" + s.decision_date + "\n" + xml;
  });
  return out;
}

std::string outcomes(const std::vector<cases::WriteResult>& results) {
  std::string out;
  for (const auto& result : results)
    out +=
        result.id + ":" + std::to_string(static_cast<int>(result.outcome)) + ":" + std::to_string(result.version) + " ";
  return out;
}

class CaseStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    sandbox_ = std::make_unique<test::ArchiveSandbox>(GetParam(), test::current_test_name());
    std::filesystem::create_directories(sandbox_->store());
    std::string problem;
    const std::string db = sandbox_->db_option();
    const auto location =
        archive::make_location(db.empty() ? std::nullopt : std::optional<std::string>(db), sandbox_->store(), problem);
    ASSERT_TRUE(location) << problem;
    store_ = pipeline::open_case_store(engine(), *location);
  }
  std::optional<std::vector<cases::WriteResult>> import(const std::string& bytes, Diagnostics& diagnostics) {
    return pipeline::import_cases(engine(), *store_, bytes, "in.xml", kChange, diagnostics);
  }
  std::unique_ptr<test::ArchiveSandbox> sandbox_;
  std::unique_ptr<cases::Store> store_;
};

TEST_P(CaseStoreTest, ImportsEverySampleCaseAndKeepsItsBytes) {
  std::size_t cases = 0;
  for (const auto& path : test::all_sample_cases()) {
    Diagnostics diagnostics;
    const auto written = import(test::read_text(path), diagnostics);
    ASSERT_TRUE(written) << path << diagnostics.to_string();
    cases += written->size();
  }
  EXPECT_EQ(store_->list({}).total, static_cast<std::int64_t>(cases));
  const auto stored = store_->get("THA-2024-000517");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->xml, example("chu-dong-ma-tuy.xml"));
  EXPECT_EQ(stored->summary.debtor, "Hà Văn Hưởng");
  EXPECT_EQ(stored->summary.decision_date, "2024-06-24");
  EXPECT_EQ(stored->change.who, "lan");
}

TEST_P(CaseStoreTest, ARegisterIsSplitAndEachCaseReadsAlone) {
  Diagnostics diagnostics;
  const auto written = import(example("so-thu-ly-thuong-xuan.xml"), diagnostics);
  ASSERT_TRUE(written) << diagnostics.to_string();
  ASSERT_GT(written->size(), 1U);
  for (const auto& result : *written) {
    EXPECT_EQ(result.outcome, cases::WriteResult::Outcome::created);
    Diagnostics reading;
    EXPECT_TRUE(pipeline::stored_case(engine(), *store_, result.id, std::nullopt, reading)) << reading.to_string();
  }
}

TEST_P(CaseStoreTest, SharesTheArchivesDatabaseEachComponentAtItsVersion) {
  // The case store is already there (SetUp); the archive then brings its own tables to its version in the same
  // database, and the case store opens again over both.
  std::string problem;
  const std::string db = sandbox_->db_option();
  const auto location =
      archive::make_location(db.empty() ? std::nullopt : std::optional<std::string>(db), sandbox_->store(), problem);
  ASSERT_TRUE(location) << problem;
  ASSERT_TRUE(archive::Archive::open(*location, archive::Archive::OpenMode::create));
  store_ = pipeline::open_case_store(engine(), *location);
  Diagnostics diagnostics;
  ASSERT_TRUE(import(example("chu-dong-ma-tuy.xml"), diagnostics)) << diagnostics.to_string();
  db::Session session(location->database, db::OpenMode::existing);
  EXPECT_EQ(db::schema_version(session, cases::Store::schema()), 1);
  EXPECT_EQ(db::schema_version(session, archive::Database::schema()), 2);
  EXPECT_EQ(store_->list({}).total, 1);
}

TEST_P(CaseStoreTest, ARefusedFileWritesNothing) {
  std::string bad = example("so-thu-ly-thuong-xuan.xml");
  bad.insert(bad.rfind("<obligation ") + 12, "bogus=\"1\" ");
  Diagnostics diagnostics;
  EXPECT_FALSE(import(bad, diagnostics));
  EXPECT_TRUE(diagnostics.has_errors());
  EXPECT_EQ(store_->list({}).total, 0);
}

TEST_P(CaseStoreTest, ALargeRegisterStreamsWithTheSameRowsAsItsPieces) {
  // Imported in two registers of its own cases, then whole: every case unchanged, the rows those of the pieces.
  const std::string whole = big_register(kCopies);
  ASSERT_GT(whole.size(), 4U * 1024U * 1024U);
  const std::size_t middle = whole.find("<case id=\"K220-");
  const std::size_t root_end = whole.find('>', whole.find("<register")) + 1;
  const std::size_t tail = whole.rfind("</register>");
  const std::string first = whole.substr(0, middle) + whole.substr(tail);
  const std::string second = whole.substr(0, root_end) + "\n  " + whole.substr(middle);
  Diagnostics diagnostics;
  const auto one = import(first, diagnostics);
  const auto two = import(second, diagnostics);
  ASSERT_TRUE(one && two) << diagnostics.to_string();
  EXPECT_EQ(one->size() + two->size(), 2200U);
  const std::string rows = rows_of(*store_);
  const auto again = import(whole, diagnostics);
  ASSERT_TRUE(again) << diagnostics.to_string();
  ASSERT_EQ(again->size(), 2200U);
  for (const auto& result : *again) EXPECT_EQ(result.outcome, cases::WriteResult::Outcome::unchanged) << result.id;
  EXPECT_EQ(rows_of(*store_), rows);
  // Each stored case is the case split_cases cuts from the whole file, and one case changed is the only one updated.
  Diagnostics splitting;
  const auto parts = xml::split_cases(whole, make_file_name("in.xml"), xml::Limits{}, splitting);
  ASSERT_TRUE(parts);
  EXPECT_EQ(store_->get((*parts)[1234].id)->xml, (*parts)[1234].xml);
  std::string changed = whole;
  changed.insert(changed.rfind("</case>"), "  ");
  const auto updated = import(changed, diagnostics);
  ASSERT_TRUE(updated) << diagnostics.to_string();
  std::size_t updates = 0;
  for (const auto& result : *updated) updates += result.outcome == cases::WriteResult::Outcome::updated ? 1 : 0;
  EXPECT_EQ(updates, 1U);
  EXPECT_EQ(updated->back().outcome, cases::WriteResult::Outcome::updated);
  EXPECT_EQ(updated->back().version, 2);
}

TEST_P(CaseStoreTest, ALargeRegisterWithAnErrorInItsLastCaseWritesNothing) {
  std::string bad = big_register(kCopies);
  bad.insert(bad.rfind("<obligation ") + 12, "bogus=\"1\" ");
  Diagnostics diagnostics;
  EXPECT_FALSE(import(bad, diagnostics));
  Diagnostics whole;
  EXPECT_FALSE(engine().read_cases(bad, "in.xml", whole));
  EXPECT_EQ(diagnostics.to_string(), whole.to_string());
  EXPECT_TRUE(diagnostics.has_errors());
  EXPECT_EQ(store_->list({}).total, 0);
}

TEST_P(CaseStoreTest, ALargeRegisterWithAnIdRepeatedWritesNothing) {
  // The last case takes the first one's id, chunks apart; and a small register repeating an id the store holds.
  std::string repeated = big_register(kCopies);
  const std::size_t last_id = repeated.rfind("<case id=\"") + 10;
  repeated.replace(last_id, repeated.find('"', last_id) - last_id, "K0-THA-2024-000601");
  Diagnostics diagnostics;
  EXPECT_FALSE(import(repeated, diagnostics));
  Diagnostics whole;
  EXPECT_FALSE(engine().read_cases(repeated, "in.xml", whole));
  EXPECT_EQ(diagnostics.to_string(), whole.to_string());
  EXPECT_EQ(store_->list({}).total, 0);
  Diagnostics small;
  const auto first = import(example("so-thu-ly-thuong-xuan.xml"), small);
  const auto second = import(example("so-thu-ly-thuong-xuan.xml"), small);
  ASSERT_TRUE(first && second) << small.to_string();
  EXPECT_EQ(outcomes(*second),
            "THA-2024-000601:2:1 THA-2024-000602:2:1 THA-2024-000603:2:1 THA-2024-000604:2:1 "
            "THA-2024-000605:2:1 ");
}

TEST_P(CaseStoreTest, EventsMakeVersionsAndStaleWritesAreRefused) {
  Diagnostics diagnostics;
  ASSERT_TRUE(import(example("chu-dong-ma-tuy.xml"), diagnostics));
  const auto outstanding = store_->get("THA-2024-000517")->summary.outstanding;
  const pipeline::EventRequest payment{
      "payment", {{"date", "2024-07-01"}, {"amount", "100000"}, {"obligation", "k1"}}, ""};
  const auto first =
      pipeline::record_event(*store_, "THA-2024-000517", payment, {"minh", "t2", "payment"}, 1, diagnostics);
  ASSERT_TRUE(first) << diagnostics.to_string();
  EXPECT_EQ(first->outcome, cases::WriteResult::Outcome::updated);
  EXPECT_EQ(first->version, 2);
  // The same expected version again: stale, nothing written.
  const auto stale =
      pipeline::record_event(*store_, "THA-2024-000517", payment, {"an", "t3", "payment"}, 1, diagnostics);
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->outcome, cases::WriteResult::Outcome::stale);
  EXPECT_EQ(stale->version, 2);
  // Without an expected version the event goes on top.
  ASSERT_TRUE(
      pipeline::record_event(*store_, "THA-2024-000517", payment, {"an", "t3", "payment"}, std::nullopt, diagnostics));
  const auto versions = store_->versions("THA-2024-000517");
  ASSERT_EQ(versions.size(), 3U);
  EXPECT_EQ(versions[1].change.who, "minh");
  EXPECT_EQ(store_->get("THA-2024-000517")->summary.outstanding, outstanding - 200000);
  EXPECT_EQ(store_->get("THA-2024-000517", 1)->xml, example("chu-dong-ma-tuy.xml"));
  // An event the format does not have, or a bad value, is refused with the diagnostics; nothing written.
  Diagnostics refused;
  EXPECT_FALSE(pipeline::record_event(*store_, "THA-2024-000517",
                                      {"payment", {{"date", "2024-13-01"}, {"amount", "1"}, {"obligation", "k1"}}, ""},
                                      kChange, std::nullopt, refused));
  EXPECT_TRUE(refused.has_errors());
  Diagnostics unknown;
  EXPECT_FALSE(
      pipeline::record_event(*store_, "THA-2024-000517", {"Payment<", {}, ""}, kChange, std::nullopt, unknown));
  EXPECT_EQ(unknown.list().front().code, "E0203");
  Diagnostics missing;
  EXPECT_FALSE(pipeline::record_event(*store_, "KHONG-CO", payment, kChange, std::nullopt, missing));
  EXPECT_EQ(missing.list().front().code, "E0781");
  EXPECT_EQ(store_->versions("THA-2024-000517").size(), 3U);
}

TEST_P(CaseStoreTest, ReplacingNeedsTheSameCase) {
  Diagnostics diagnostics;
  ASSERT_TRUE(import(example("chu-dong-ma-tuy.xml"), diagnostics));
  Diagnostics other;
  EXPECT_FALSE(
      pipeline::replace_case(*store_, "THA-2024-000517", example("hoan-dong-y.xml"), "x.xml", kChange, 1, other));
  EXPECT_EQ(other.list().front().code, "E0782");
  std::string edited = example("chu-dong-ma-tuy.xml");
  edited.replace(edited.find("Hà Văn Hưởng"), std::string("Hà Văn Hưởng").size(), "Hà Văn Hương");
  const auto replaced = pipeline::replace_case(*store_, "THA-2024-000517", edited, "x.xml", kChange, 1, diagnostics);
  ASSERT_TRUE(replaced);
  EXPECT_EQ(replaced->version, 2);
  EXPECT_EQ(store_->get("THA-2024-000517")->xml, edited);
}

TEST_P(CaseStoreTest, ListsWithFiltersAndPages) {
  for (const char* name : {"chu-dong-ma-tuy.xml", "hoan-dong-y.xml", "theo-yeu-cau-the-chap.xml"}) {
    Diagnostics diagnostics;
    ASSERT_TRUE(import(example(name), diagnostics)) << name;
  }
  cases::ListQuery query;
  query.debtor = "HA VAN huong";
  const auto found = store_->list(query);
  ASSERT_EQ(found.total, 1);
  EXPECT_EQ(found.items.front().id, "THA-2024-000517");
  query = {};
  query.mode = "on-request";
  for (const auto& item : store_->list(query).items) EXPECT_EQ(item.mode, "on-request");
  query = {};
  query.limit = 2;
  query.offset = 2;
  const auto page = store_->list(query);
  EXPECT_EQ(page.total, 3);
  EXPECT_EQ(page.items.size(), 1U);
  query = {};
  query.debtor = "%";
  EXPECT_EQ(store_->list(query).total, 0);
}

// Issue 24: a job and its items in the same database as the cases (the "jobs" component at its version): made
// queued, started, items recorded once each (a repeat is not counted again), failed items with their problems,
// cancelled once, and listed as unfinished until it ends.
TEST_P(CaseStoreTest, JobsAndTheirItemsLiveInTheDatabase) {
  std::string problem;
  const std::string db = sandbox_->db_option();
  const auto location =
      archive::make_location(db.empty() ? std::nullopt : std::optional<std::string>(db), sandbox_->store(), problem);
  ASSERT_TRUE(location) << problem;
  cases::JobStore jobs(location->database, db::OpenMode::create);
  cases::JobSpec spec;
  spec.template_name = "thu-van-dong";
  spec.parameters = {"han-nop=15 ngày", "a=b"};
  spec.date = "2026-07-01";
  spec.case_ids = {"THA-1", "THA-2"};
  spec.duplex = true;
  spec.created_at = "2026-07-01T10:00:00+07:00";
  spec.created_by = "lan";
  const auto first = jobs.create(spec);
  const auto second = jobs.create(spec);
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 2);
  EXPECT_EQ(jobs.unfinished(), (std::vector<std::int64_t>{1, 2}));
  auto job = jobs.get(first);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->state, cases::JobState::queued);
  EXPECT_EQ(job->spec.parameters, spec.parameters);
  EXPECT_EQ(job->spec.case_ids, spec.case_ids);
  EXPECT_TRUE(job->spec.duplex);
  EXPECT_EQ(job->spec.created_by, "lan");
  EXPECT_FALSE(jobs.get(3));

  jobs.start(first, 3);
  const cases::JobItem done{"THA-1", "done", "THA-1-thu-van-dong.pdf", std::string(64, 'a'), {}};
  const cases::JobItem failed{
      "THA-2", "failed", "THA-2-thu-van-dong.pdf", "", {{"E0311", "không áp dụng"}, {"E0400", "x"}}};
  jobs.record(first, {done, failed});
  jobs.record(first, {done});  // recorded already: neither written nor counted again
  jobs.record(first, {{"THA-3", "skipped", "THA-3-thu-van-dong.pdf", std::string(64, 'b'), {}}});
  job = jobs.get(first);
  EXPECT_EQ(job->state, cases::JobState::running);
  EXPECT_EQ(job->total, 3);
  EXPECT_EQ(job->done, 2);
  EXPECT_EQ(job->failed, 1);
  EXPECT_EQ(jobs.items(first).size(), 3U);
  const auto failures = jobs.items(first, true);
  ASSERT_EQ(failures.size(), 1U);
  EXPECT_EQ(failures.front().case_id, "THA-2");
  ASSERT_EQ(failures.front().problems.size(), 2U);
  EXPECT_EQ(failures.front().problems[0].code, "E0311");
  EXPECT_EQ(failures.front().problems[0].message, "không áp dụng");
  EXPECT_EQ(failures.front().problems[1].code, "E0400");

  jobs.finish(first, cases::JobState::failed, "2026-07-01T10:05:00+07:00", {{"E0320", "cơ quan không có"}});
  EXPECT_EQ(jobs.get(first)->state, cases::JobState::failed);
  ASSERT_EQ(jobs.get(first)->problems.size(), 1U);
  EXPECT_EQ(jobs.get(first)->problems.front().code, "E0320");
  EXPECT_FALSE(jobs.cancel(first, "2026-07-01T10:06:00+07:00"));  // ended already
  EXPECT_TRUE(jobs.cancel(second, "2026-07-01T10:06:00+07:00"));
  jobs.finish(second, cases::JobState::done, "2026-07-01T10:07:00+07:00");  // a cancelled job stays so
  EXPECT_EQ(jobs.get(second)->state, cases::JobState::cancelled);
  EXPECT_EQ(jobs.get(second)->finished_at, "2026-07-01T10:06:00+07:00");
  EXPECT_TRUE(jobs.unfinished().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseStoreTest, test::test_backends(), test::backend_name);

TEST(CaseEdit, AnEventKeepsEveryOtherByte) {
  const std::string original = example("chu-dong-ma-tuy.xml");
  Diagnostics diagnostics;
  const auto edited = xml::append_event(original, {"notified", {{"date", "2024-07-20"}, {"party", "d1"}}, ""},
                                        make_file_name("a.xml"), xml::Limits{}, diagnostics);
  ASSERT_TRUE(edited) << diagnostics.to_string();
  const std::string line = "\n      <notified date=\"2024-07-20\" party=\"d1\"/>";
  const auto at = edited->find(line);
  ASSERT_NE(at, std::string::npos) << *edited;
  EXPECT_EQ(edited->substr(0, at) + edited->substr(at + line.size()), original);
  // Values are escaped; a case without <events> gets one.
  const std::string bare =
      "<case xmlns=\"urn:vanban:case:1\" id=\"A\">\n  <enforcement mode=\"ex-officio\"/>\n</case>\n";
  const auto made = xml::append_event(bare, {"verification", {{"date", "2024-07-20"}}, "a < b & \"c\""},
                                      make_file_name("b.xml"), xml::Limits{}, diagnostics);
  ASSERT_TRUE(made);
  EXPECT_EQ(*made,
            "<case xmlns=\"urn:vanban:case:1\" id=\"A\">\n  <enforcement mode=\"ex-officio\">\n    <events>\n"
            "      <verification date=\"2024-07-20\">a &lt; b &amp; &quot;c&quot;</verification>\n    </events>\n"
            "  </enforcement>\n</case>\n");
  Diagnostics bad;
  EXPECT_FALSE(xml::append_event(bare, {"x", {{"a b", "1"}}, ""}, make_file_name("b.xml"), xml::Limits{}, bad));
  EXPECT_EQ(bad.list().front().code, "E0204");
}

TEST(CaseEdit, ARegisterSplitsIntoItsCasesWithTheNamespace) {
  const std::string text =
      "<?xml version=\"1.0\"?>\n<register xmlns=\"urn:vanban:case:1\">\n  <case id=\"A\"><x/></case>\n"
      "  <case id=\"B\"/>\n</register>\n";
  Diagnostics diagnostics;
  const auto parts = xml::split_cases(text, make_file_name("r.xml"), xml::Limits{}, diagnostics);
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 2U);
  EXPECT_EQ((*parts)[0].id, "A");
  EXPECT_EQ((*parts)[0].xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<case xmlns=\"urn:vanban:case:1\" id=\"A\"><x/></case>\n");
  EXPECT_EQ((*parts)[1].xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<case xmlns=\"urn:vanban:case:1\" id=\"B\"/>\n");
  const std::string single = example("hoan-dong-y.xml");
  const auto alone = xml::split_cases(single, make_file_name("c.xml"), xml::Limits{}, diagnostics);
  ASSERT_TRUE(alone);
  EXPECT_EQ(alone->front().xml, single);
}

TEST(CaseEdit, ARegisterCutByItsMarkupGivesTheSplitCases) {
  // Comments and instructions between cases, a prefixed namespace and one the case declares itself, an escaped value,
  // CRLF line ends, a byte order mark, a case that is not a register's: each as split_cases makes them.
  const std::string plain =
      "<?xml version=\"1.0\"?>\n<!-- r -->\n<register xmlns=\"urn:vanban:case:1\" xmlns:x=\"urn:x?a=1&amp;b=2\">\n"
      "  <case id=\"A\"><x:y a=\"&gt;/\"/><!-- </case> --><![CDATA[</case>]]></case>\n  <?pi </case>?>\n"
      "  <case id=\"B\" xmlns=\"urn:other\"/>\n  <!-- between -->\n  <case id=\"C\">\n    <z/>\n  "
      "</case>\n</register>\n";
  std::string crlf;
  for (const char c : plain) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  for (const std::string& text :
       {plain, crlf, "\xEF\xBB\xBF" + plain, example("so-thu-ly-thuong-xuan.xml"), example("hoan-dong-y.xml")}) {
    Diagnostics diagnostics;
    const auto parts = xml::split_cases(text, make_file_name("r.xml"), xml::Limits{}, diagnostics);
    ASSERT_TRUE(parts) << diagnostics.to_string();
    std::vector<xml::CaseText> cut;
    EXPECT_TRUE(xml::for_each_case_text(text, make_file_name("r.xml"), xml::Limits{}, diagnostics,
                                        [&](xml::CaseText&& part) { cut.push_back(std::move(part)); }));
    EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_string();
    ASSERT_EQ(cut.size(), parts->size());
    for (std::size_t i = 0; i < cut.size(); ++i) {
      EXPECT_EQ(cut[i].id, (*parts)[i].id);
      EXPECT_EQ(cut[i].xml, (*parts)[i].xml);
    }
  }
}

}  // namespace
}  // namespace vanban
