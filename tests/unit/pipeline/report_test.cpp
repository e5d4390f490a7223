// Issue 18j: the list of what is due is kept a line per step, ordered in place, its commands made as it is written.

#include "pipeline/report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "support/engine.hpp"
#include "support/paths.hpp"

namespace vanban::pipeline {
namespace {

class DeadlineListOrder : public ::testing::Test {
 protected:
  void SetUp() override {
    Diagnostics diagnostics;
    const auto register_file = test::source_dir() / "examples" / "so-thu-ly-thuong-xuan.xml";
    register_ = engine_->read_cases(test::read_text(register_file), "so.xml", diagnostics);
    ASSERT_TRUE(register_) << diagnostics.to_string();
    // The cases read in reverse, the last one from a file of its own, and the first file read twice (its reader
    // starting again after three cases).
    for (auto it = register_->cases.rbegin(); it != register_->cases.rend(); ++it) cases_.push_back(*it);
    cases_.front().loc.file = make_file_name("mot.xml");
  }

  CaseSource source() const {
    return [this](model::Date, const CaseConsumer& consumer, Diagnostics&) {
      consumer.checkpoint();
      consumer.visit(cases_.front());
      consumer.checkpoint();
      for (std::size_t i = 1; i < 4; ++i) consumer.visit(cases_[i]);
      consumer.rollback();
      for (std::size_t i = 1; i < cases_.size(); ++i) consumer.visit(cases_[i]);
      return true;
    };
  }

  const Engine* engine_ = &test::unconfigured_engine();
  std::optional<model::Register> register_;
  std::vector<model::Case> cases_;
};

TEST_F(DeadlineListOrder, EveryStepOnceMostOverdueFirstWithItsCommand) {
  DeadlineOptions options;
  options.as_of = *model::Date::parse_iso("2024-10-15");
  options.within = 30;
  Diagnostics diagnostics;
  const auto list = run_deadlines(*engine_, source(), options, diagnostics);
  ASSERT_TRUE(list) << diagnostics.to_string();
  // The same steps as the cases give one by one, each once.
  std::multimap<std::string, std::string> expected;
  for (const auto& the_case : cases_)
    for (const auto& due : reports::select_due(reports::deadlines_of(the_case, options.as_of, engine_->law()),
                                               options.as_of, options.within, engine_->law().calendar))
      expected.emplace(due.case_id, due.step + " " + std::string(the_case.loc.file_name()));
  std::multimap<std::string, std::string> listed;
  for (const auto& item : list->items) listed.emplace(item.deadline.case_id, item.deadline.step + " " + item.file);
  ASSERT_GE(listed.size(), 4U);
  EXPECT_EQ(listed, expected);
  // In the list's order.
  for (std::size_t i = 1; i < list->items.size(); ++i)
    EXPECT_FALSE(reports::sooner(list->items[i].deadline, list->items[i - 1].deadline)) << i;
  // A register's case is picked out with --case; the file of one case renders as it is.
  bool alone = false;
  for (const auto& item : list->items) {
    const std::string command = due_command(*list, item);
    if (item.deadline.template_name.empty()) {
      EXPECT_EQ(command, "");
      continue;
    }
    const bool picked = command.find(" --case " + item.deadline.case_id + " ") != std::string::npos;
    EXPECT_EQ(picked, item.file == "so.xml") << command;
    EXPECT_EQ(command.rfind("vanban render " + item.file, 0), 0U) << command;
    alone = alone || item.file == "mot.xml";
  }
  EXPECT_TRUE(alone) << "the case of a file of its own has a step with a template";
  // Written a line at a time: the same text.
  std::string pieces;
  write_deadlines_text(*list, [&pieces](std::string_view part) { pieces += part; });
  EXPECT_EQ(pieces, deadlines_text(*list));
}

// Issue 18m: a line keeps indices of texts held once: a case's id, debtor, officer and file, and the texts of a step,
// are shared by every line that has them; each line is made whole again as it was added, in the order of
// reports::sooner (stable among equal keys).
TEST(DueLines, KeepEachTextOnceAndGiveTheLinesBackWholeInOrder) {
  const auto line = [](const std::string& case_id, const char* due, std::size_t order, const std::string& label) {
    DueItem item;
    reports::Deadline& d = item.deadline;
    d.case_id = case_id;
    d.debtor = "Nguyễn Văn " + case_id;
    d.step = "notification";
    d.label = label;
    d.trigger = *model::Date::parse_iso("2024-01-02");
    d.due = *model::Date::parse_iso(due);
    d.days = -static_cast<std::int64_t>(order);
    d.basis = "Điều 39";
    d.confirmed = order % 2 == 0;
    d.officer = "Lê Thị Lan";
    d.template_name = order == 2 ? "" : "tb-tha";
    d.candidate = order == 3;
    d.unrecorded = order == 1;
    d.order = order;
    item.file = "so.xml";
    return item;
  };
  std::vector<DueItem> added = {line("THA-2", "2024-03-01", 1, "Thông báo"), line("THA-1", "2024-03-01", 2, "Xác minh"),
                                line("THA-2", "2024-02-01", 3, "Thông báo"), line("THA-1", "2024-03-01", 2, "Lần hai"),
                                line("THA-1", "2024-02-01", 0, "Thông báo")};
  DueLines lines;
  for (const auto& item : added) lines.push_back(item);
  // Texts: 2 case ids, 2 debtors, 1 step, 3 labels, 1 basis, 1 officer, 2 templates ("" and tb-tha), 1 file.
  EXPECT_EQ(lines.texts(), 13U);
  lines.sort();
  std::stable_sort(added.begin(), added.end(),
                   [](const DueItem& a, const DueItem& b) { return reports::sooner(a.deadline, b.deadline); });
  ASSERT_EQ(lines.size(), added.size());
  std::size_t at = 0;
  for (const auto& item : lines) {
    const DueItem& expected = added[at++];
    const reports::Deadline& d = item.deadline;
    const reports::Deadline& e = expected.deadline;
    EXPECT_EQ(std::tie(d.case_id, d.debtor, d.step, d.label, d.trigger, d.due, d.days, d.basis, d.confirmed, d.officer,
                       d.template_name, d.candidate, d.unrecorded, d.order, item.file),
              std::tie(e.case_id, e.debtor, e.step, e.label, e.trigger, e.due, e.days, e.basis, e.confirmed, e.officer,
                       e.template_name, e.candidate, e.unrecorded, e.order, expected.file))
        << at;
  }
  EXPECT_EQ(lines[2].deadline.label, "Xác minh");  // THA-1's two lines of order 2 in the order added
  EXPECT_EQ(lines[3].deadline.label, "Lần hai");
  lines.truncate(1);
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0].deadline.case_id, "THA-1");
}

}  // namespace
}  // namespace vanban::pipeline
