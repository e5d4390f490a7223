// Issue 18m: the deadline list's JSON is written an item at a time, never held whole, and is the same text as the
// Poco::JSON tree of the whole list it replaced.

#include "api/answers.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <sstream>

namespace vanban::api {
namespace {

// The text Poco::JSON gives a whole tree of the same answer (as the answer was made before issue 18m): `json` parsed
// with its keys kept in order, then written indented by two spaces with a line feed.
std::string whole_tree_text(const std::string& json) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
  const auto tree = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
  std::ostringstream text;
  tree->stringify(text, 2);
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
  // Poco::JSON's text of an empty array, as main gave it.
  EXPECT_EQ(written(list), "{\n  \"as_of\": \"2024-10-15\",\n  \"within\": 0,\n  \"items\": [\n\n  ]\n}\n");
  EXPECT_EQ(deadlines(list), written(list));
}

TEST(DeadlinesJson, OneItemIsTheWholeTreesText) {
  const auto list = list_of({item("THA-1", "Nguyễn Văn A", "Thông báo", "tb-tha", "mot.xml", -3)}, 5);
  const std::string text = written(list);
  EXPECT_EQ(text, whole_tree_text(text));
  EXPECT_NE(text.find("\n    {\n      \"days\": -3,\n      \"case_id\": \"THA-1\",\n"), std::string::npos) << text;
  EXPECT_NE(
      text.find(
          "\"command\": \"vanban render mot.xml --template tb-tha --set so=… -o THA-1-tb-tha.pdf\"\n    }\n  ]\n}\n"),
      std::string::npos)
      << text;
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
  EXPECT_EQ(text, whole_tree_text(text));
  EXPECT_NE(text.find("\"debtor\": \"Trần \\\"Bé\\\" \\\\ Hai; Lò Thị Ỷ\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"label\": \"Dòng\\nhai\\tcột \\u0001 / </script>\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"template\": null"), std::string::npos) << text;
  EXPECT_NE(text.find("\"command\": null"), std::string::npos) << text;
  EXPECT_NE(text.find("    },\n    {\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace vanban::api
