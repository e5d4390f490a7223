// Golden layout dumps: every sample case × every template meant for it. A dump is text, one line per placed
// item; a change shows up as a readable diff. Beside each dump, the document's text (one line per printed line)
// for legal review. UPDATE_GOLDEN=1 rewrites the files (on purpose only).

#include <gtest/gtest.h>

#include <cstdlib>
#include <cmath>
#include <regex>
#include <sstream>

#include "pipeline/engine.hpp"
#include "support/paths.hpp"

namespace vanban {
namespace {

struct GoldenCase {
  std::filesystem::path file;
  std::string template_name;
  std::string golden_name;  ///< "<case>.<template>": .layout and .txt
};

// The printed text of a layout dump: each page's items grouped by baseline, in reading order; runs that touch
// are joined, a small gap is a space, a column gap (header, signature beside the recipients) four spaces.
std::string text_of(const std::string& dump) {
  const std::regex item(R"re(^p(\d+) text ([\d.]+) ([\d.]+) \S+ [\d.]+ w=([\d.]+)(?: ws=[-\d.]+)? "(.*)"$)re");
  struct Piece {
    int page;
    double baseline, x, width;
    std::string text;
  };
  std::vector<Piece> pieces;
  std::istringstream lines(dump);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (std::regex_match(line, m, item))
      pieces.push_back({std::stoi(m[1]), std::stod(m[3]), std::stod(m[2]), std::stod(m[4]), m[5]});
  }
  std::stable_sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) {
    if (a.page != b.page) return a.page < b.page;
    if (std::abs(a.baseline - b.baseline) > 0.01) return a.baseline < b.baseline;
    return a.x < b.x;
  });
  std::string out;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const Piece& piece = pieces[i];
    const bool same_line = i > 0 && pieces[i - 1].page == piece.page &&
                           std::abs(pieces[i - 1].baseline - piece.baseline) <= 0.01;
    if (i > 0 && pieces[i - 1].page != piece.page) out += "\n--- trang " + std::to_string(piece.page) + " ---\n";
    else if (i > 0 && !same_line) out += '\n';
    if (same_line) {
      const double gap = piece.x - (pieces[i - 1].x + pieces[i - 1].width);
      if (gap > 20) out += "    ";
      else if (gap > 1 && out.back() != ' ' && piece.text.front() != ' ') out += ' ';
    }
    out += piece.text;
  }
  return out + "\n";
}

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
      out.push_back({path, name, (shared ? "shared-" : "") + path.stem().string() + "." + name});
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
    // The values the template's `--describe` example gives for what the case does not hold.
    const auto described = loaded->describe(item.template_name);
    ASSERT_TRUE(described) << item.template_name;
    for (const auto& parameter : described->parameters)
      if (parameter.required) options.parameters[parameter.name] = parameter.example;
    const auto dump = loaded->layout_dump(register_->cases.front(), options, diagnostics);
    ASSERT_TRUE(dump) << item.file << " " << item.template_name << "\n" << diagnostics.to_string();
    const auto golden = std::filesystem::path(VANBAN_GOLDEN_DIR) / (item.golden_name + ".layout");
    const auto golden_text = std::filesystem::path(VANBAN_GOLDEN_DIR) / (item.golden_name + ".txt");
    if (update) {
      test::write_text(golden, *dump);
      test::write_text(golden_text, text_of(*dump));
      continue;
    }
    ASSERT_TRUE(std::filesystem::exists(golden)) << golden << " is missing; run with UPDATE_GOLDEN=1";
    EXPECT_EQ(*dump, test::read_text(golden)) << golden;
    EXPECT_EQ(text_of(*dump), test::read_text(golden_text)) << golden_text;
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
