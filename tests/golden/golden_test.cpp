// Golden layout dumps: every sample case × every template meant for it. A dump is text, one line per placed
// item; a change shows up as a readable diff. UPDATE_GOLDEN=1 rewrites the files (on purpose only).

#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>

#include "pipeline/engine.hpp"
#include "support/paths.hpp"

namespace vanban {
namespace {

struct GoldenCase {
  std::filesystem::path file;
  std::string template_name;
  std::string golden_name;
};

std::unique_ptr<pipeline::Engine> engine() {
  Diagnostics diagnostics;
  auto loaded = pipeline::Engine::load(pipeline::ResourcePaths::under(test::source_dir()), diagnostics);
  EXPECT_TRUE(loaded) << diagnostics.to_string();
  return loaded;
}

// A fixed "today" keeps goldens stable whatever day the tests run.
const model::Date kToday = *model::Date::parse_iso("2024-10-15");

std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> out;
  const auto loaded = engine();
  for (const auto& path : test::all_sample_cases()) {
    Diagnostics diagnostics;
    const auto cases = loaded->read_cases(test::read_text(path), path.string(), diagnostics);
    if (!cases || cases->cases.size() != 1) continue;
    const bool shared = path.parent_path() == test::shared_cases_dir();
    for (const auto& name : loaded->templates_for(cases->cases.front(), kToday))
      out.push_back({path, name, (shared ? "shared-" : "") + path.stem().string() + "." + name + ".layout"});
  }
  return out;
}

TEST(Golden, LayoutDumpsMatch) {
  const auto loaded = engine();
  const bool update = std::getenv("UPDATE_GOLDEN") != nullptr;
  const auto cases = golden_cases();
  EXPECT_FALSE(cases.empty());
  for (const auto& item : cases) {
    Diagnostics diagnostics;
    const auto register_ = loaded->read_cases(test::read_text(item.file), item.file.string(), diagnostics);
    pipeline::RenderOptions options;
    options.template_name = item.template_name;
    options.today = kToday;
    const auto dump = loaded->layout_dump(register_->cases.front(), options, diagnostics);
    ASSERT_TRUE(dump) << item.file << " " << item.template_name << "\n" << diagnostics.to_string();
    const auto golden = std::filesystem::path(VANBAN_GOLDEN_DIR) / item.golden_name;
    if (update) {
      test::write_text(golden, *dump);
      continue;
    }
    ASSERT_TRUE(std::filesystem::exists(golden)) << golden << " is missing; run with UPDATE_GOLDEN=1";
    EXPECT_EQ(*dump, test::read_text(golden)) << golden;
  }
}

// Every placed text lies inside the text area (page numbers inside the top margin), on every golden document.
TEST(Golden, NothingIsDrawnOutsideTheTextArea) {
  const std::regex text_line(R"(^p(\d+) text ([\d.]+) ([\d.]+) \S+ ([\d.]+) w=([\d.]+))");
  const double left = 85.04, right = 595.28 - 42.52, top = 56.69, bottom = 841.89 - 56.69;
  for (const auto& entry : std::filesystem::directory_iterator(VANBAN_GOLDEN_DIR)) {
    if (entry.path().extension() != ".layout") continue;
    std::istringstream lines(test::read_text(entry.path()));
    std::string line;
    while (std::getline(lines, line)) {
      std::smatch m;
      if (!std::regex_search(line, m, text_line)) continue;
      const double x = std::stod(m[2]), baseline = std::stod(m[3]), size = std::stod(m[4]), width = std::stod(m[5]);
      EXPECT_GE(x, left - 0.01) << entry.path().filename() << ": " << line;
      EXPECT_LE(x + width, right + 0.01) << entry.path().filename() << ": " << line;
      const bool page_number = baseline < top;
      if (!page_number) {
        EXPECT_GE(baseline - size * 0.9, top - 0.01) << entry.path().filename() << ": " << line;
        EXPECT_LE(baseline + size * 0.25, bottom + 0.01) << entry.path().filename() << ": " << line;
      }
    }
  }
}

}  // namespace
}  // namespace vanban
