// A batch's manifest, its filter and its letters see each case as it stood on the letters' date (the ledger):
// payments up to that day are subtracted, later ones do not exist yet, and the status is the one of that day.

#include "pipeline/batch.hpp"

#include <gtest/gtest.h>

#include <map>

#include "support/paths.hpp"

namespace vanban::pipeline {
namespace {

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
    for (const auto& item : runner.run(nullptr, stop)) out[item.case_id] = item.amount;
    return out;
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

}  // namespace
}  // namespace vanban::pipeline
