// rules/statistics.xml: the shipped rules load, conditions compile, and a rules file with a fault is refused with
// E0904 at the fault.

#include "rules/statistics.hpp"

#include <gtest/gtest.h>

#include "support/law.hpp"

namespace vanban::rules {
namespace {

FactSet facts(std::initializer_list<CaseFact> list) {
  FactSet out;
  for (const auto fact : list) out.set(static_cast<std::size_t>(fact));
  return out;
}

TEST(StatisticsRules, TheShippedRulesLoadWithTheirSourceAndUnconfirmedItems) {
  const auto book = test::load_rules_file<StatisticsBook>("statistics.xml");
  ASSERT_EQ(book.regimes().size(), 2U);
  const auto* current = book.regime_on(*model::Date::parse_iso("2025-09-30"));
  ASSERT_NE(current, nullptr);
  EXPECT_NE(current->name.find("05/2024/TT-BTP"), std::string::npos);
  EXPECT_EQ(current->form_code, "01/TKLN-THADS");
  EXPECT_EQ(current->outcomes.back().id, "dang-thi-hanh");
  EXPECT_TRUE(current->outcomes.back().when.always());
  EXPECT_FALSE(current->find_column("cu")->confirmed);
  // Formula columns come after the columns they sum.
  std::vector<bool> ready(current->columns.size());
  for (std::size_t c = 0; c < current->columns.size(); ++c)
    ready[c] = current->columns[c].kind != Column::Kind::formula;
  for (const auto c : current->formula_order) {
    for (const auto& term : current->columns[c].terms) EXPECT_TRUE(ready[term.column]) << current->columns[c].id;
    ready[c] = true;
  }
}

TEST(StatisticsRules, ConditionsOverTheFactsOfACase) {
  std::string problem;
  const auto condition = Condition::parse("completed or (delegated-out and not paid-in-period)", problem);
  ASSERT_TRUE(condition) << problem;
  EXPECT_TRUE(condition->holds(facts({CaseFact::completed})));
  EXPECT_TRUE(condition->holds(facts({CaseFact::delegated_out})));
  EXPECT_FALSE(condition->holds(facts({CaseFact::delegated_out, CaseFact::paid_in_period})));
  EXPECT_FALSE(condition->holds(facts({})));
  EXPECT_TRUE(Condition::parse("always", problem)->always());
  EXPECT_FALSE(Condition::parse("paid", problem));
  EXPECT_NE(problem.find("\"paid\""), std::string::npos);
  EXPECT_FALSE(Condition::parse("(completed", problem));
  EXPECT_FALSE(Condition::parse("completed terminated", problem));
  EXPECT_FALSE(Condition::parse("not", problem));
  EXPECT_FALSE(Condition::parse("always and completed", problem));
}

TEST(StatisticsRules, EveryFactHasItsName) {
  ASSERT_EQ(case_facts().size(), kCaseFactCount);
  for (std::size_t i = 0; i < case_facts().size(); ++i) EXPECT_EQ(static_cast<std::size_t>(case_facts()[i].fact), i);
}

std::string parse_problems(const std::string& regime_body) {
  const std::string xml =
      "<statistics xmlns=\"urn:vanban:statistics:1\"><regime id=\"r\" from=\"2024-01-01\">"
      "<name>R</name>" +
      regime_body + "</regime></statistics>";
  Diagnostics diagnostics;
  const auto book = StatisticsBook::parse(xml, make_file_name("statistics.xml"), diagnostics);
  EXPECT_EQ(book.has_value(), !diagnostics.has_errors());
  return diagnostics.to_string();
}

TEST(StatisticsRules, AFaultyRulesFileIsRefusedAtTheFault) {
  const std::string outcomes =
      "<outcome id=\"x\" when=\"completed\" carries=\"false\" label=\"X\" basis=\"b\"/>"
      "<outcome id=\"y\" when=\"always\" carries=\"true\" label=\"Y\" basis=\"b\"/><money paid=\"x\" remitted=\"x\" "
      "delegated=\"x\"/>";
  EXPECT_EQ(parse_problems(outcomes + "<column id=\"a\" number=\"1\" outcome=\"x\" label=\"A\"/>"), "");
  EXPECT_NE(parse_problems(outcomes + "<column id=\"a\" number=\"1\" outcome=\"z\" label=\"A\"/>").find("E0904"),
            std::string::npos);
  // Where remitted money goes must name an outcome.
  const std::string no_remitted =
      "<outcome id=\"y\" when=\"always\" carries=\"true\" label=\"Y\" basis=\"b\"/>"
      "<money paid=\"y\" remitted=\"z\" delegated=\"y\"/>";
  EXPECT_NE(parse_problems(no_remitted).find("\"z\""), std::string::npos);
  // An unknown fact, with its position.
  const auto unknown = parse_problems(
      "<outcome id=\"y\" when=\"paid\" carries=\"true\" label=\"Y\" basis=\"b\"/><money paid=\"y\" remitted=\"y\" "
      "delegated=\"y\"/>");
  EXPECT_NE(unknown.find("statistics.xml:1:"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("\"paid\""), std::string::npos) << unknown;
  // The last outcome must hold for every case.
  EXPECT_NE(parse_problems("<outcome id=\"x\" when=\"completed\" carries=\"false\" label=\"X\" basis=\"b\"/>"
                           "<money paid=\"x\" remitted=\"x\" delegated=\"x\"/>")
                .find("always"),
            std::string::npos);
  // Formulas: unknown columns and cycles.
  EXPECT_NE(parse_problems(outcomes + "<column id=\"a\" number=\"1\" formula=\"b + c\" label=\"A\"/>").find("\"b\""),
            std::string::npos);
  EXPECT_NE(parse_problems(outcomes + "<column id=\"a\" number=\"1\" formula=\"b\" label=\"A\"/>"
                                      "<column id=\"b\" number=\"2\" formula=\"a\" label=\"B\"/>")
                .find("vòng"),
            std::string::npos);
  EXPECT_NE(parse_problems(outcomes + "<column id=\"a\" number=\"1\" formula=\"x +\" label=\"A\"/>").find("E0904"),
            std::string::npos);
}

}  // namespace
}  // namespace vanban::rules
