// A batch's manifest, its filter and its letters see each case as it stood on the letters' date (the ledger):
// payments up to that day are subtracted, later ones do not exist yet, and the status is the one of that day.

#include "pipeline/batch.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "base/json.hpp"
#include "pipeline/csv.hpp"
#include "support/paths.hpp"

namespace vanban::pipeline {
namespace {

// What a run lists (the manifest's items, in its order): `run` is given the listing to pass to BatchRunner::run.
template <typename Run>
std::vector<BatchItem> listed_by(Run&& run) {
  std::vector<BatchItem> items;
  run([&items](const BatchItem& item) { items.push_back(item); });
  return items;
}

class BatchLedger : public ::testing::Test {
 protected:
  void SetUp() override {
    Diagnostics diagnostics;
    engine_ = Engine::load(ResourcePaths::under(test::source_dir()), diagnostics);
    ASSERT_TRUE(engine_) << diagnostics.to_string();
    const auto file = test::source_dir() / "examples" / "so-thu-ly-thuong-xuan.xml";
    register_ = engine_->read_cases(test::read_text(file), file.string(), diagnostics);
    ASSERT_TRUE(register_) << diagnostics.to_string();
  }

  // case id → amount in the manifest of a batch dated `date` with filter `where`.
  std::map<std::string, std::int64_t> amounts(const char* date, const std::string& where = "") {
    BatchOptions options;
    options.render.template_name = "thong-bao-tha";
    options.render.today = *model::Date::parse_iso("2026-12-06");
    options.render.date = model::Date::parse_iso(date);
    // One folder per test and date: ctest runs the tests of this suite as parallel processes.
    options.out_dir = test::scratch_dir(std::string("batch-ledger-") +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name() + "-" + date);
    options.where = where;
    BatchRunner runner(*engine_, options);
    std::vector<BatchCase> cases;
    for (const auto& the_case : register_->cases) cases.push_back({&the_case, "so.xml"});
    Diagnostics diagnostics;
    EXPECT_TRUE(runner.plan(cases, diagnostics)) << diagnostics.to_string();
    const std::atomic<bool> stop{false};
    std::map<std::string, std::int64_t> out;
    runner.run(nullptr, stop, [&out](const BatchItem& item) { out[item.case_id] = item.amount; });
    return out;
  }

  // A batch of `template_name` dated `date`, made on 06/12/2026.
  static BatchOptions dated(const std::string& template_name, const char* date) {
    BatchOptions options;
    options.render.template_name = template_name;
    options.render.today = *model::Date::parse_iso("2026-12-06");
    options.render.date = model::Date::parse_iso(date);
    return options;
  }

  // Every case of the register, as read from "so.xml".
  std::vector<BatchCase> all_cases() const {
    std::vector<BatchCase> cases;
    for (const auto& the_case : register_->cases) cases.push_back({&the_case, "so.xml"});
    return cases;
  }

  std::unique_ptr<Engine> engine_;
  std::optional<model::Register> register_;
};

// THA-2024-000601 owes 48,600,000 + 2,430,000 đồng and paid 10,000,000 on 15/01/2024.
TEST_F(BatchLedger, TheAmountOwedSubtractsThePaymentsMadeByTheLettersDate) {
  EXPECT_EQ(amounts("2024-01-14").at("THA-2024-000601"), 51'030'000);
  EXPECT_EQ(amounts("2024-01-15").at("THA-2024-000601"), 41'030'000);
}

TEST_F(BatchLedger, TheFilterSeesTheSameFiguresAsTheManifest) {
  const std::string where = "outstanding > 45000000";
  EXPECT_TRUE(amounts("2024-01-14", where).count("THA-2024-000601"));
  EXPECT_FALSE(amounts("2024-01-15", where).count("THA-2024-000601"));
}

// THA-2024-000602: verified without means on 02/04/2024, recorded "no-means" as of 30/09/2024.
TEST_F(BatchLedger, TheFilterSeesTheStatusOfTheLettersDate) {
  const std::string where = "status.condition == \"no-means\"";
  EXPECT_FALSE(amounts("2024-03-01", where).count("THA-2024-000602"));
  EXPECT_TRUE(amounts("2024-04-02", where).count("THA-2024-000602"));
  EXPECT_TRUE(amounts("2024-10-01", where).count("THA-2024-000602"));
}

// needs() keeps exactly what plan() plans from, so that a reader may drop every other case as it streams by: the
// same plan and the same diagnostics from the needed cases as from all of them; every case without a filter or
// with a wrong one (plan() reports it).
TEST_F(BatchLedger, ACaseIsNeededExactlyWhenThePlanWouldKeepIt) {
  for (const std::string where : {"", "outstanding > 45000000", "status.condition == \"no-means\"", "outstanding >"}) {
    BatchOptions options;
    options.render.template_name = "thong-bao-tha";
    options.render.today = *model::Date::parse_iso("2026-12-06");
    options.render.date = model::Date::parse_iso("2024-04-02");
    options.out_dir = test::scratch_dir("batch-needs");
    options.where = where;
    const BatchRunner chooser(*engine_, options);
    std::vector<BatchCase> all;
    std::vector<BatchCase> needed;
    for (const auto& the_case : register_->cases) {
      all.push_back({&the_case, "so.xml"});
      if (chooser.needs(the_case)) needed.push_back({&the_case, "so.xml"});
    }
    BatchRunner from_all(*engine_, options);
    BatchRunner from_needed(*engine_, options);
    Diagnostics said_all;
    Diagnostics said_needed;
    EXPECT_EQ(from_all.plan(all, said_all), from_needed.plan(needed, said_needed)) << where;
    EXPECT_EQ(said_all.to_string(), said_needed.to_string()) << where;
    EXPECT_EQ(from_all.planned(), from_needed.planned()) << where;
    if (where.empty() || where == "outstanding >") EXPECT_EQ(needed.size(), all.size()) << where;
    else EXPECT_LT(needed.size(), all.size()) << where;
  }
}

// needs() drops only what the filter drops: a case the filter keeps but the template does not apply to (fully paid:
// no letter urging payment) is still read, planned and listed in the manifest as not applicable, never dropped
// unlisted.
TEST_F(BatchLedger, ACaseTheTemplateDoesNotApplyToIsNeededAndListed) {
  BatchOptions options;
  options.render.template_name = "thu-van-dong";
  options.render.today = *model::Date::parse_iso("2026-12-06");
  options.render.date = model::Date::parse_iso("2024-10-15");
  options.out_dir = test::scratch_dir("batch-needs-not-applicable");
  options.where = "enforced.outstanding < 1";
  BatchRunner runner(*engine_, options);
  std::vector<BatchCase> needed;
  for (const auto& the_case : register_->cases)
    if (runner.needs(the_case)) needed.push_back({&the_case, "so.xml"});
  ASSERT_EQ(needed.size(), 1U) << "the filter keeps the fully paid case only";
  EXPECT_EQ(needed.front().the_case->id, "THA-2024-000604");
  Diagnostics diagnostics;
  ASSERT_TRUE(runner.plan(needed, diagnostics)) << diagnostics.to_string();
  const std::atomic<bool> stop{false};
  const auto items = listed_by([&](const auto& listing) { runner.run(nullptr, stop, listing); });
  ASSERT_EQ(items.size(), 1U);
  EXPECT_EQ(items.front().case_id, "THA-2024-000604");
  EXPECT_EQ(items.front().status, ItemStatus::not_applicable);
  EXPECT_NE(items.front().message.find("[E0311]"), std::string::npos) << items.front().message;
}

// Issue 24, what a job needs: each finished case is reported once as it finishes (a failure with its diagnostics
// codes); a run given the cases an earlier run finished neither renders nor writes them again, lists them as recorded
// and reports only the others; a stop ends the run with the cases finished so far.
TEST_F(BatchLedger, ReportsEachCaseStartsFromWhatIsFinishedAndStops) {
  BatchOptions options = dated("thu-van-dong", "2024-10-15");
  options.jobs = 2;
  const std::vector<BatchCase> cases = all_cases();
  const auto run = [&](const std::string& folder, const std::atomic<bool>& stop, std::vector<BatchItem>& reported,
                       const std::function<void()>& after_each = nullptr) {
    options.out_dir = test::scratch_dir(folder);
    BatchRunner runner(*engine_, options);
    Diagnostics diagnostics;
    EXPECT_TRUE(runner.plan(cases, diagnostics)) << diagnostics.to_string();
    return listed_by([&](const auto& listing) {
      runner.run(
          [&](const BatchProgress& counts, const BatchItem& item) {
            reported.push_back(item);
            EXPECT_EQ(counts.done + counts.skipped + counts.failed + counts.not_applicable,
                      reported.size() + options.finished.size());
            if (after_each) after_each();
          },
          stop, listing);
    });
  };
  const std::atomic<bool> go{false};
  std::vector<BatchItem> first_reported;
  const auto first = run("batch-report-first", go, first_reported);
  ASSERT_GE(first.size(), 4U);
  ASSERT_EQ(first_reported.size(), first.size());
  std::set<std::string> ids;
  for (const auto& item : first_reported) EXPECT_TRUE(ids.insert(item.case_id).second) << item.case_id;
  for (const auto& item : first_reported)
    if (item.status != ItemStatus::done) {
      ASSERT_FALSE(item.diagnostics.empty()) << item.case_id;
      EXPECT_EQ(item.diagnostics.front().code, "E0311");
    }

  // Half of them recorded as finished by an earlier run.
  for (std::size_t i = 0; i < first.size(); i += 2) options.finished[first[i].case_id] = first[i];
  std::vector<BatchItem> second_reported;
  const auto second = run("batch-report-second", go, second_reported);
  ASSERT_EQ(second.size(), first.size());
  EXPECT_EQ(second_reported.size(), first.size() - options.finished.size());
  for (std::size_t i = 0; i < second.size(); ++i) {
    EXPECT_EQ(second[i].case_id, first[i].case_id);
    EXPECT_EQ(second[i].status, first[i].status) << second[i].case_id;
    EXPECT_EQ(second[i].sha256, first[i].sha256) << second[i].case_id;
    const bool recorded = options.finished.count(second[i].case_id) != 0;
    const auto times = std::count_if(second_reported.begin(), second_reported.end(),
                                     [&](const BatchItem& item) { return item.case_id == second[i].case_id; });
    EXPECT_EQ(times, recorded ? 0 : 1) << second[i].case_id;
    // Never written again: the second folder has only the letters it made.
    EXPECT_EQ(std::filesystem::exists(options.out_dir / second[i].file),
              !recorded && second[i].status == ItemStatus::done)
        << second[i].file;
  }

  // Stopped after the first case it finishes (one thread): the manifest holds what is finished, nothing more.
  options.finished.clear();
  options.jobs = 1;
  std::atomic<bool> stop{false};
  std::vector<BatchItem> stopped_reported;
  const auto stopped = run("batch-report-stopped", stop, stopped_reported, [&] { stop.store(true); });
  EXPECT_EQ(stopped.size(), 1U);
  EXPECT_EQ(stopped_reported.size(), 1U);
}

// Issue 18j: planned from notes and rendered from the cases read again (streamed, a few held at a time), a batch is
// the batch planned from the cases held: the same diagnostics (a repeated id's E0316), items, manifests, letters and
// combined PDF; a file read again from its start gives each case once.
TEST_F(BatchLedger, AStreamedRunIsTheHeldRun) {
  BatchOptions options = dated("thu-van-dong", "2024-10-15");
  options.jobs = 2;
  std::vector<BatchCase> cases = all_cases();
  cases.push_back({&register_->cases.front(), "khac.xml"});  // the same id again: left out with E0316
  const std::atomic<bool> go{false};
  const auto read = [](const std::filesystem::path& path) { return test::read_text(path); };

  options.out_dir = test::scratch_dir("batch-held");
  options.combined = options.out_dir / "in.pdf";
  BatchRunner held(*engine_, options);
  Diagnostics held_said;
  ASSERT_TRUE(held.plan(cases, held_said)) << held_said.to_string();
  const auto held_items = listed_by([&](const auto& listing) { held.run(nullptr, go, listing); });

  options.out_dir = test::scratch_dir("batch-streamed");
  options.combined = options.out_dir / "in.pdf";
  BatchRunner streamed(*engine_, options);
  std::vector<BatchNote> notes;
  for (std::size_t i = 0; i < cases.size(); ++i)
    notes.push_back(streamed.note(*cases[i].the_case, make_file_name(cases[i].file), {0, i}));
  Diagnostics streamed_said;
  ASSERT_TRUE(streamed.plan(notes, streamed_said)) << streamed_said.to_string();
  EXPECT_EQ(streamed_said.to_string(), held_said.to_string());
  EXPECT_TRUE(held_said.contains("E0316")) << held_said.to_string();
  const BatchCaseStream stream = [&](const std::function<void(BatchSource, model::Case &&)>& visit) {
    visit({0, 0}, model::Case(*cases[0].the_case));
    visit({0, 1}, model::Case(*cases[1].the_case));
    // The reader starts the file again.
    for (std::size_t i = 0; i < cases.size(); ++i) visit({0, i}, model::Case(*cases[i].the_case));
  };
  std::size_t reported = 0;
  const auto streamed_items = listed_by([&](const auto& listing) {
    streamed.run(
        stream, [&](const BatchProgress&, const BatchItem&) { ++reported; }, go, listing);
  });
  EXPECT_EQ(reported, streamed_items.size()) << "each case rendered once";

  ASSERT_EQ(streamed_items.size(), held_items.size());
  ASSERT_GE(held_items.size(), 4U);
  for (std::size_t i = 0; i < held_items.size(); ++i) {
    EXPECT_EQ(streamed_items[i].case_id, held_items[i].case_id);
    EXPECT_EQ(streamed_items[i].status, held_items[i].status) << held_items[i].case_id;
    EXPECT_EQ(streamed_items[i].sha256, held_items[i].sha256) << held_items[i].case_id;
    EXPECT_EQ(streamed_items[i].message, held_items[i].message) << held_items[i].case_id;
  }
  for (const char* name : {"manifest.csv", "manifest.json", "in.pdf"})
    EXPECT_EQ(read(test::scratch_dir("batch-streamed") / name), read(test::scratch_dir("batch-held") / name)) << name;
}

// The files of a batch noted (note_case_files) plan what the files read whole plan, with the same diagnostics, and
// streamed again (stream_case_files) give every planned case: with a file whose agency did not yet exist on the
// letters' date (the whole batch refused with E0320 at its first case) and without it.
TEST_F(BatchLedger, NotedFilesPlanWhatFilesReadWholePlan) {
  const auto examples = test::source_dir() / "examples";
  for (const bool refused : {true, false}) {
    std::vector<std::filesystem::path> paths = {examples / "so-thu-ly-thuong-xuan.xml",
                                                examples / "chu-dong-ma-tuy.xml", examples / "missing.xml"};
    if (refused) paths.insert(paths.begin() + 1, examples / "che-do-moi-dinh-danh.xml");
    const std::string date = refused ? "refused" : "accepted";
    BatchOptions options = dated("thu-van-dong", "2024-10-15");
    options.out_dir = test::scratch_dir("batch-noted-" + date);
    BatchRunner whole(*engine_, options);
    const auto read = read_case_files(*engine_, paths, text::RepairMode::repair, 2);
    std::vector<BatchCase> cases;
    for (const auto& file : read)
      if (file.cases)
        for (const auto& the_case : file.cases->cases) cases.push_back({&the_case, file.path.string()});
    Diagnostics whole_said;
    const bool whole_planned = whole.plan(cases, whole_said);

    BatchRunner noted(*engine_, options);
    std::vector<BatchNote> notes;
    const auto files = note_case_files(*engine_, noted, paths, text::RepairMode::repair, 2, notes);
    ASSERT_EQ(files.size(), read.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
      EXPECT_EQ(files[i].diagnostics.to_string(), read[i].diagnostics.to_string()) << paths[i];
      EXPECT_EQ(files[i].cases.has_value(), read[i].cases.has_value()) << paths[i];
    }
    Diagnostics noted_said;
    EXPECT_EQ(noted.plan(notes, noted_said), whole_planned) << date;
    EXPECT_EQ(noted_said.to_string(), whole_said.to_string()) << date;
    EXPECT_EQ(noted.planned(), whole.planned()) << date;
    EXPECT_EQ(whole_planned, !refused);
    if (!whole_planned) {
      EXPECT_TRUE(whole_said.contains("E0320")) << date;
      continue;
    }
    EXPECT_GE(noted.planned(), 4U) << date;
    const std::atomic<bool> go{false};
    noted.run(stream_case_files(*engine_, files, text::RepairMode::repair), nullptr, go, [](const BatchItem& item) {
      EXPECT_EQ(item.message.find("E0321"), std::string::npos) << item.case_id << ": " << item.message;
    });
  }
}

// A planned case the stream does not give again as planned (its file changed: another case in its place) fails with
// E0321; the others are rendered.
TEST_F(BatchLedger, ACaseNoLongerWherePlannedFails) {
  BatchOptions options = dated("thong-bao-tha", "2024-10-15");
  options.out_dir = test::scratch_dir("batch-changed");
  BatchRunner runner(*engine_, options);
  std::vector<BatchNote> notes;
  const auto& all = register_->cases;
  for (std::size_t i = 0; i < all.size(); ++i) notes.push_back(runner.note(all[i], make_file_name("so.xml"), {0, i}));
  Diagnostics said;
  ASSERT_TRUE(runner.plan(notes, said)) << said.to_string();
  ASSERT_EQ(runner.planned(), all.size());
  const BatchCaseStream stream = [&](const std::function<void(BatchSource, model::Case &&)>& visit) {
    for (std::size_t i = 0; i < all.size(); ++i) visit({0, i}, model::Case(all[i == 1 ? 0 : i]));
  };
  const std::atomic<bool> go{false};
  // The diagnostics as reported when the case finishes (the manifest lists only the message).
  runner.run(
      stream,
      [&](const BatchProgress&, const BatchItem& item) {
        if (item.case_id != all[1].id) {
          EXPECT_EQ(item.message.find("E0321"), std::string::npos) << item.case_id << ": " << item.message;
          return;
        }
        EXPECT_EQ(item.status, ItemStatus::failed);
        ASSERT_EQ(item.diagnostics.size(), 1U);
        EXPECT_EQ(item.diagnostics.front().code, "E0321");
      },
      go);
}

// Issue 18n: a batch holds no finished item's texts; the manifests are written from the journal, a line at a time.
// Changed in the journal once every case is finished, a message is what both manifests list.
TEST_F(BatchLedger, TheManifestsAreWrittenFromTheJournal) {
  BatchOptions options = dated("thu-van-dong", "2024-10-15");
  options.out_dir = test::scratch_dir("batch-from-journal");
  BatchRunner runner(*engine_, options);
  Diagnostics said;
  ASSERT_TRUE(runner.plan(all_cases(), said)) << said.to_string();
  const auto journal = options.out_dir / "manifest.journal";
  std::size_t changed = 0;
  const std::atomic<bool> go{false};
  const BatchProgress counts = runner.run(
      [&](const BatchProgress& so_far, const BatchItem&) {
        if (so_far.done + so_far.skipped + so_far.failed + so_far.not_applicable != so_far.total) return;
        std::string text = test::read_text(journal);
        for (std::size_t at = text.find("[E0311]"); at != std::string::npos; at = text.find("[E0311]", at)) {
          text.replace(at, 7, "[E9311]");  // the same length: every line stays where it was written
          ++changed;
        }
        std::ofstream(journal, std::ios::binary | std::ios::trunc) << text;
      },
      go);
  ASSERT_GT(counts.not_applicable, 0U);
  ASSERT_EQ(changed, counts.not_applicable);
  const std::string csv = test::read_text(options.out_dir / "manifest.csv");
  const std::string json = test::read_text(options.out_dir / "manifest.json");
  EXPECT_EQ(csv.find("[E0311]"), std::string::npos) << csv;
  EXPECT_EQ(json.find("[E0311]"), std::string::npos) << json;
  EXPECT_NE(csv.find("[E9311]"), std::string::npos) << csv;
  EXPECT_NE(json.find("[E9311]"), std::string::npos) << json;
}

// Issue 18n: what a run lists and both manifests hold each finished item's fields exactly as it was reported, read
// back from the journal: a message with quotes and commas (an id of these, a carriage return and a line break in
// E0321's message), the hashes of the letters, the states; in the plan's order, with the counts run() returns.
TEST_F(BatchLedger, TheListedItemsAreTheReportedItemsExactly) {
  BatchOptions options = dated("thong-bao-tha", "2024-10-15");
  options.out_dir = test::scratch_dir("batch-listed-exactly");
  options.jobs = 2;
  BatchRunner runner(*engine_, options);
  const auto& all = register_->cases;
  model::Case odd = all[1];
  odd.id = "a,\"b\"\r\nc, d";
  std::vector<BatchNote> notes;
  for (std::size_t i = 0; i < all.size(); ++i)
    notes.push_back(runner.note(i == 1 ? odd : all[i], make_file_name("so.xml"), {0, i}));
  Diagnostics said;
  ASSERT_TRUE(runner.plan(notes, said)) << said.to_string();
  const BatchCaseStream stream = [&](const std::function<void(BatchSource, model::Case &&)>& visit) {
    for (std::size_t i = 0; i < all.size(); ++i) visit({0, i}, model::Case(all[i]));  // case 1 under its own id
  };
  std::map<std::string, BatchItem> reported;
  const std::atomic<bool> go{false};
  BatchProgress counts;
  const auto listed = listed_by([&](const auto& listing) {
    counts = runner.run(
        stream, [&](const BatchProgress&, const BatchItem& item) { reported[item.case_id] = item; }, go, listing);
  });
  ASSERT_EQ(listed.size(), all.size());
  ASSERT_EQ(reported.size(), all.size());
  EXPECT_EQ(counts.total, all.size());
  EXPECT_EQ(counts.failed, 1U);
  EXPECT_EQ(counts.done + counts.failed, all.size());
  std::string csv = std::string(kCsvByteOrderMark) + kManifestHeader + "\n";
  std::string json = "[\n";
  for (std::size_t k = 0; k < listed.size(); ++k) {
    const BatchItem& item = listed[k];
    ASSERT_TRUE(reported.count(item.case_id)) << item.case_id;
    const BatchItem& expected = reported.at(item.case_id);
    EXPECT_EQ(item.debtor, expected.debtor) << item.case_id;
    EXPECT_EQ(item.amount, expected.amount) << item.case_id;
    EXPECT_EQ(item.file, expected.file) << item.case_id;
    EXPECT_EQ(item.sha256, expected.sha256) << item.case_id;
    EXPECT_EQ(item.status, expected.status) << item.case_id;
    EXPECT_EQ(item.message, expected.message) << item.case_id;
    EXPECT_TRUE(item.diagnostics.empty()) << item.case_id;
    if (item.case_id == odd.id) {
      EXPECT_NE(item.message.find("\"a,\"b\""), std::string::npos) << item.message;
    }
    csv += csv_field(item.case_id) + "," + csv_field(item.debtor) + "," + std::to_string(item.amount) + "," +
           csv_field(item.file) + "," + item.sha256 + "," + (item.status == ItemStatus::done ? "đã lập" : "lỗi") + "," +
           csv_field(item.message) + "\n";
    json += "  {\"case_id\": " + json_string(item.case_id) + ", \"debtor\": " + json_string(item.debtor) +
            ", \"amount\": " + std::to_string(item.amount) + ", \"file\": " + json_string(item.file) +
            ", \"sha256\": " + json_string(item.sha256) +
            ", \"status\": " + json_string(item_status_name(item.status)) +
            ", \"message\": " + json_string(item.message) + "}" + (k + 1 < listed.size() ? "," : "") + "\n";
  }
  json += "]\n";
  EXPECT_EQ(test::read_text(options.out_dir / "manifest.csv"), csv);
  EXPECT_EQ(test::read_text(options.out_dir / "manifest.json"), json);
}

// Issue 18n: a combined PDF is laid out and written whole, so its pages are capped. More letters than the cap (each
// takes a page at least) refuse it after planning, before anything is drafted, and the run holds no case for it; fewer
// letters of more pages (duplex: a blank page after each) get no combined PDF either. Both with E0322 at
// "--combined"; the letters and the manifests are made; the same letters under the cap make it.
TEST_F(BatchLedger, ACombinedPdfPastItsPagesIsRefusedWholeAndTheLettersAreMade) {
  BatchOptions options = dated("thong-bao-tha", "2024-10-15");
  options.duplex = true;
  const std::atomic<bool> go{false};
  // The refusal, if any, of a run whose combined PDF may have `pages` pages; whether it was made.
  const auto run = [&](const std::string& folder, std::size_t pages, bool refused_before, bool& made) {
    options.out_dir = test::scratch_dir(folder);
    options.combined = options.out_dir / "in.pdf";
    options.combined_pages = pages;
    BatchRunner runner(*engine_, options);
    Diagnostics said;
    EXPECT_TRUE(runner.plan(all_cases(), said)) << said.to_string();
    EXPECT_EQ(runner.combined_refusal().has_value(), refused_before) << folder;
    const BatchProgress counts = runner.run(nullptr, go);
    EXPECT_EQ(counts.done, all_cases().size()) << folder;
    EXPECT_TRUE(std::filesystem::exists(options.out_dir / "manifest.csv")) << folder;
    made = std::filesystem::exists(*options.combined);
    return runner.combined_refusal();
  };
  const std::size_t letters = all_cases().size();
  ASSERT_GE(letters, 4U);
  bool made = true;
  const auto before = run("batch-combined-letters", letters - 1, true, made);
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(before->code, "E0322");
  EXPECT_EQ(before->loc.file_name(), "--combined");
  EXPECT_NE(before->message.find(std::to_string(letters) + " văn bản"), std::string::npos) << before->message;
  EXPECT_FALSE(made);

  made = true;
  const auto after = run("batch-combined-pages", letters, false, made);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->code, "E0322");
  EXPECT_EQ(after->loc.file_name(), "--combined");
  EXPECT_FALSE(made);

  EXPECT_FALSE(run("batch-combined-fits", 100 * letters, false, made).has_value());
  EXPECT_TRUE(made);
}

TEST(BatchCsv, AFieldsValueIsWhatWasWritten) {
  for (const std::string value :
       {"", "plain", "a,b", "\"", "\"\"", "say \"x\", then", "a\r\nb", "\r", "\n,\"", "Hồ sơ"})
    EXPECT_EQ(csv_value(csv_field(value)), value) << csv_field(value);
}

// Issue 18: a 300-character id made a name the file system refuses, and ids whose letters or "/" were replaced by "_"
// collided ("HS/1", "HS_1"; "Hồ sơ 1", "Hồ Sơ 1"). Names are unique for distinct ids and bounded in length.
TEST(BatchOutputName, UniqueForDistinctIdsAndBounded) {
  const auto name = [](const std::string& id) { return BatchRunner::output_name(id, "thu-van-dong"); };
  EXPECT_EQ(name("THA-2024-000601"), "THA-2024-000601-thu-van-dong.pdf");
  EXPECT_EQ(name("a.b_c"), "a.b_c-thu-van-dong.pdf");
  const std::vector<std::string> ids = {"HS/1",
                                        "HS_1",
                                        "HS 1",
                                        "HS\\1",
                                        "Hồ sơ 1",
                                        "Hồ Sơ 1",
                                        "Ho so 1",
                                        "ho-so-1",
                                        "..",
                                        ".hidden",
                                        "/etc/x",
                                        "đ",
                                        "d",
                                        std::string(300, 'x'),
                                        std::string(299, 'x') + "y",
                                        std::string(300, 'x') + "/"};
  std::set<std::string> names;
  for (const auto& id : ids) {
    const std::string made = name(id);
    EXPECT_TRUE(names.insert(made).second) << id << " → " << made;
    EXPECT_LE(made.size(), 100U) << made;
    EXPECT_NE(made.front(), '.') << made;
    EXPECT_EQ(made.find('/'), std::string::npos) << made;
    EXPECT_EQ(made.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~"),
              std::string::npos)
        << made;
  }
  // Readable: the letters folded, then a short hash.
  EXPECT_EQ(name("Hồ sơ 1").substr(0, 8), "ho-so-1~");
}

}  // namespace
}  // namespace vanban::pipeline
