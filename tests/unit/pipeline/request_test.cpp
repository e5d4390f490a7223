// A request's options are checked once, in pipeline, for every front end: values the law's ranges or the engine
// cannot take are refused with a message naming the option, never an internal error.

#include "pipeline/request.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "pipeline/archive_intake.hpp"
#include "pipeline/parallel.hpp"
#include "support/paths.hpp"
#include "support/refusal.hpp"

namespace vanban::pipeline {
namespace {

using test::refusal;

const Engine& engine() {
  static const auto loaded = [] {
    Diagnostics diagnostics;
    auto e = Engine::load(ResourcePaths::under(test::source_dir()), diagnostics);
    EXPECT_TRUE(e) << diagnostics.to_string();
    return e;
  }();
  return *loaded;
}

RenderRequest request() {
  RenderRequest r;
  r.template_name = "qd-tha-chu-dong";
  return r;
}

TEST(Request, ATwentyDigitNumberIsRefusedNamingTheOption) {
  RenderRequest r = request();
  r.number = "12345678901234567890";
  EXPECT_EQ(refusal([&] { render_options(engine(), r, model::Date{}); }),
            "--number \"12345678901234567890\" phải là số nguyên dương");
  r.number = "517";
  EXPECT_EQ(render_options(engine(), r, model::Date{}).number, "517");
}

TEST(Request, EveryOptionIsCheckedWithItsName) {
  RenderRequest r = request();
  r.date = "2024-02-30";
  EXPECT_NE(refusal([&] { render_options(engine(), r, model::Date{}); }).find("--date \"2024-02-30\""),
            std::string::npos);
  r = request();
  r.parameters = {"=x"};
  EXPECT_NE(refusal([&] { render_options(engine(), r, model::Date{}); }).find("--set \"=x\""), std::string::npos);
  r = request();
  r.margins = "20,20,30";
  EXPECT_NE(refusal([&] { render_options(engine(), r, model::Date{}); }).find("--margins"), std::string::npos);
  r = request();
  r.body_size = "16";
  EXPECT_NE(refusal([&] { render_options(engine(), r, model::Date{}); }).find("Nghị định 30"), std::string::npos);
  r = request();
  r.template_name = "khong-co";
  EXPECT_NE(refusal([&] { render_options(engine(), r, model::Date{}); }).find("khong-co"), std::string::npos);
  EXPECT_NE(refusal([] { parse_jobs("0"); }).find("--jobs"), std::string::npos);
  EXPECT_NE(refusal([] { parse_jobs("1000"); }).find("--jobs"), std::string::npos);
  EXPECT_EQ(parse_jobs("12"), 12U);
}

TEST(Request, ArchiveSearchesAreCheckedOnce) {
  EXPECT_EQ(parse_archive_id("12"), 12);
  EXPECT_NE(refusal([] { parse_archive_id("0"); }).find("mã lưu trữ"), std::string::npos);
  EXPECT_NE(refusal([] { parse_archive_id("1234567890123456789"); }).find("mã lưu trữ"), std::string::npos);
  ArchiveSearchRequest request;
  request.limit = "0";
  EXPECT_EQ(refusal([&] { archive_query(request); }), "--limit \"0\" phải là số nguyên dương");
  request.limit = "5";
  request.year = "2024";
  const auto query = archive_query(request);
  EXPECT_EQ(query.limit, 5U);
  EXPECT_EQ(query.from, model::Date::from_ymd(2024, 1, 1));
  EXPECT_EQ(query.to, model::Date::from_ymd(2024, 12, 31));
  request.from = "2024-01-01";
  EXPECT_NE(refusal([&] { archive_query(request); }).find("--year"), std::string::npos);
  request.year.reset();
  request.from = "31/02/2024";
  EXPECT_NE(refusal([&] { archive_query(request); }).find("--from"), std::string::npos);
}

TEST(Request, TheLineSpacingTakesADecimalComma) {
  RenderRequest r = request();
  r.line_spacing = "1,5";
  r.margins = "25,20,35,20";
  const auto options = render_options(engine(), r, model::Date{});
  EXPECT_DOUBLE_EQ(options.profile.line_spacing, 1.5);
  EXPECT_DOUBLE_EQ(options.profile.margin_left, layout::mm(35));
}

TEST(Request, TheEngineRefusesANumberItCannotPrintAsAnInputError) {
  // A front end that skips render_options still gets a diagnostic, not an exception.
  RenderOptions options;
  options.template_name = "qd-tha-chu-dong";
  options.number = "99999999999999999999";
  const auto file = test::source_dir() / "examples" / "chu-dong-ma-tuy.xml";
  Diagnostics diagnostics;
  const auto pdf = engine().render_file(test::read_text(file), file.string(), options, diagnostics);
  EXPECT_FALSE(pdf);
  EXPECT_TRUE(diagnostics.contains("E0315")) << diagnostics.to_string();
}

TEST(Request, AFolderWithoutCaseFilesIsRefused) {
  const auto dir = test::scratch_dir("request-empty-folder");
  EXPECT_NE(refusal([&] { case_files(dir); }).find("không có tệp hồ sơ .xml"), std::string::npos);
  EXPECT_EQ(case_files(dir / "x.xml").size(), 1U);
}

TEST(Request, CaseFilesAreReadInOrderWhateverTheThreads) {
  const auto paths = case_files(test::source_dir() / "examples");
  std::vector<std::filesystem::path> with_missing = paths;
  with_missing.insert(with_missing.begin() + 1, test::source_dir() / "examples" / "khong-co.xml");
  const auto files = read_case_files(engine(), with_missing, text::RepairMode::repair, 3);
  ASSERT_EQ(files.size(), with_missing.size());
  for (std::size_t i = 0; i < files.size(); ++i) EXPECT_EQ(files[i].path, with_missing[i]);
  EXPECT_FALSE(files[1].cases);
  EXPECT_TRUE(files[1].diagnostics.contains("E0100"));
  EXPECT_TRUE(files[0].cases);
}

TEST(Parallel, EveryIndexOnceAndTheFirstFailureStopsTheRest) {
  std::vector<std::atomic<int>> seen(1000);
  parallel_for(seen.size(), 4, [&](std::size_t i) { ++seen[i]; });
  for (const auto& count : seen) EXPECT_EQ(count.load(), 1);
  std::atomic<int> calls{0};
  const auto failing = [&](std::size_t i) {
    ++calls;
    if (i == 3) throw std::runtime_error("disk full");
  };
  // On one thread nothing starts after the failure; on two the failure is rethrown (the other thread may have run
  // on meanwhile: how far depends on the scheduler).
  EXPECT_THROW(parallel_for(1000, 1, failing), std::runtime_error);
  EXPECT_EQ(calls.load(), 4);
  EXPECT_THROW(parallel_for(1000, 2, failing), std::runtime_error);
  const std::atomic<bool> stop{true};
  calls = 0;
  parallel_for(
      10, 2, [&](std::size_t) { ++calls; }, &stop);
  EXPECT_EQ(calls.load(), 0);
}

TEST(Request, DatesAsClerksWriteThemAndAsIso) {
  EXPECT_EQ(parse_date("--date", "24/06/2024"), *model::Date::from_ymd(2024, 6, 24));
  EXPECT_EQ(parse_date("--date", "2024-06-24"), *model::Date::from_ymd(2024, 6, 24));
  try {
    (void)parse_date("--from", "2024/06/24");
    ADD_FAILURE() << "accepted";
  } catch (const RequestError& error) {
    EXPECT_STREQ(error.what(), "--from \"2024/06/24\" không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)");
  }
}

}  // namespace
}  // namespace vanban::pipeline
