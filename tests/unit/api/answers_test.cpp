// Issue 18m: the deadline list's JSON is written an item at a time, never held whole, and is the same text as the
// Poco::JSON tree of the whole list it replaced.

#include "api/answers.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include <sstream>

namespace vanban::api {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// The answer as it was made before issue 18m: a tree of the whole list, then its text.
std::string whole_tree_text(const pipeline::DeadlineList& list) {
  Object::Ptr out = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("as_of", list.options.as_of.to_iso());
  out->set("within", list.options.within);
  Array::Ptr items = new Array();
  for (const auto& item : list.items) {
    const auto& d = item.deadline;
    Object::Ptr i = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    i->set("days", static_cast<Poco::Int64>(d.days));
    i->set("case_id", d.case_id);
    i->set("debtor", d.debtor);
    i->set("step", d.step);
    i->set("label", d.label);
    i->set("trigger", d.trigger.to_iso());
    i->set("due", d.due.to_iso());
    i->set("basis", d.basis);
    i->set("confirmed", d.confirmed);
    i->set("officer", d.officer);
    i->set("candidate", d.candidate);
    i->set("template", d.template_name.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(d.template_name));
    i->set("file", item.file);
    const std::string command = pipeline::due_command(list, item);
    i->set("command", command.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(command));
    items->add(i);
  }
  out->set("items", items);
  std::ostringstream text;
  out->stringify(text, 2);
  text << '\n';
  return text.str();
}

model::Date date(const char* iso) { return *model::Date::parse_iso(iso); }

pipeline::DueItem item(const std::string& case_id, const std::string& debtor, const std::string& label,
                       const std::string& template_name, const std::string& file, std::int64_t days) {
  pipeline::DueItem out;
  out.deadline.case_id = case_id;
  out.deadline.debtor = debtor;
  out.deadline.step = "notification";
  out.deadline.label = label;
  out.deadline.trigger = date("2024-06-24");
  out.deadline.due = date("2024-07-04");
  out.deadline.days = days;
  out.deadline.basis = "Điều 39 Luật Thi hành án dân sự";
  out.deadline.officer = "Lê Thị Lan";
  out.deadline.template_name = template_name;
  out.file = file;
  return out;
}

pipeline::DeadlineList list_of(std::vector<pipeline::DueItem> items, int within) {
  pipeline::DeadlineList list;
  list.options.as_of = date("2024-10-15");
  list.options.within = within;
  for (auto& one : items) list.items.push_back(std::move(one));
  list.cases_per_file = {{"so.xml", 2}, {"mot.xml", 1}};
  list.parameters = {{"tb-tha", " --set so=…"}};
  return list;
}

std::string written(const pipeline::DeadlineList& list) {
  std::ostringstream out;
  write_deadlines(out, list);
  return out.str();
}

TEST(DeadlinesJson, AnEmptyListIsTheWholeTreesText) {
  const auto list = list_of({}, 0);
  EXPECT_EQ(written(list), whole_tree_text(list));
  EXPECT_EQ(deadlines(list), whole_tree_text(list));
}

TEST(DeadlinesJson, OneItemIsTheWholeTreesText) {
  const auto list = list_of({item("THA-1", "Nguyễn Văn A", "Thông báo", "tb-tha", "mot.xml", -3)}, 5);
  EXPECT_EQ(written(list), whole_tree_text(list));
}

TEST(DeadlinesJson, EscapedVietnameseAndNullsAreTheWholeTreesText) {
  auto candidate = item("THA-2", "Trần \"Bé\" \\ Hai; Lò Thị Ỷ", "Dòng\nhai\tcột \x01 / </script>", "", "so.xml", 0);
  candidate.deadline.candidate = true;
  candidate.deadline.confirmed = false;
  candidate.deadline.basis = "";
  const auto list = list_of({item("THA-1", "Nguyễn Văn A", "Thông báo", "tb-tha", "so.xml", -120), candidate,
                             item("THA-3", "Đặng Thị Ánh", "Xác minh", "tb-tha", "mot.xml", 12)},
                            30);
  const std::string text = written(list);
  EXPECT_EQ(text, whole_tree_text(list));
  EXPECT_NE(text.find("\\\"Bé\\\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"template\": null"), std::string::npos) << text;
}

}  // namespace
}  // namespace vanban::api
