#pragma once
// The project's law data (rules/law.xml and rules/calendar.xml), loaded for tests.

#include <gtest/gtest.h>

#include "rules/law.hpp"
#include "support/paths.hpp"

namespace vanban::test {

/// Parses one of the rules/ files with `Parser::parse`; fails the test when it does not load.
template <typename Parser>
Parser load_rules_file(const char* name) {
  Diagnostics diagnostics;
  const auto path = source_dir() / "rules" / name;
  auto parsed = Parser::parse(read_text(path), make_file_name(path.string()), diagnostics);
  EXPECT_TRUE(parsed.has_value()) << diagnostics.to_string();
  return std::move(*parsed);
}

inline rules::Law load_law() {
  return rules::Law{load_rules_file<rules::LawBook>("law.xml"), load_rules_file<rules::Calendar>("calendar.xml"),
                    load_rules_file<rules::StatisticsBook>("statistics.xml")};
}

}  // namespace vanban::test
