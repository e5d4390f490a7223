#pragma once
// A case written inline in a test, read as the CLI would read it.

#include <gtest/gtest.h>

#include <optional>
#include <string_view>

#include "xml/case_reader.hpp"

namespace vanban::test {

/// Reads the case text of a test as file "c.xml"; fails the test when it does not load.
inline std::optional<model::Register> read_test_cases(std::string_view text) {
  Diagnostics diagnostics;
  auto cases = xml::read_register(text, make_file_name("c.xml"), {}, diagnostics);
  EXPECT_TRUE(cases) << diagnostics.to_string();
  return cases;
}

}  // namespace vanban::test
