#pragma once
// The end-to-end tests' sample decision: a case file and the CLI command that renders it.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/paths.hpp"
#include "support/process.hpp"

namespace vanban::test {

/// ../shared/cases/chu-dong-hinh-su.xml when present, else the project's own example.
inline std::filesystem::path decision_case() {
  const auto shared = shared_cases_dir() / "chu-dong-hinh-su.xml";
  return std::filesystem::exists(shared) ? shared : source_dir() / "examples" / "chu-dong-ma-tuy.xml";
}

/// Renders the decision into dir/decision.pdf (expecting success and silence) and returns its path.
inline std::string render_decision(const std::filesystem::path& dir, const std::string& extra = "") {
  const auto pdf = dir / "decision.pdf";
  const auto result = vanban("render " + quote(decision_case().string()) + " --template qd-tha-chu-dong -o " +
                             quote(pdf.string()) + " " + extra);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  return pdf.string();
}

}  // namespace vanban::test
