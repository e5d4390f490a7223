// Golden layout dumps: every sample case × every template meant for it, and every sample case with the test-only
// templates of tests/golden/templates (tables). A dump is text, one line per placed item; a change shows up as a
// readable diff. Beside each dump, the document's text (one line per printed line) for legal review.
// UPDATE_GOLDEN=1 rewrites the files (on purpose only).

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <regex>
#include <sstream>

#include "pipeline/engine.hpp"
#include "support/office.hpp"
#include "support/paths.hpp"

namespace vanban {
namespace {

struct GoldenCase {
  std::filesystem::path file;
  const pipeline::Engine* engine = nullptr;
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
    const bool same_line =
        i > 0 && pieces[i - 1].page == piece.page && std::abs(pieces[i - 1].baseline - piece.baseline) <= 0.01;
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

// The sample office profile gives the account and telephone a configuration file adds (support/office.hpp).
std::unique_ptr<pipeline::Engine> load(const pipeline::ResourcePaths& paths) {
  Diagnostics diagnostics;
  auto loaded = pipeline::Engine::load(paths, diagnostics, test::sample_office());
  EXPECT_TRUE(loaded) << diagnostics.to_string();
  return loaded;
}

// The project's templates, and the test-only templates with the project's fonts and law data.
const pipeline::Engine& project_engine() {
  static const auto engine = load(pipeline::ResourcePaths::under(test::source_dir()));
  return *engine;
}
const pipeline::Engine& test_engine() {
  static const auto engine = [] {
    auto paths = pipeline::ResourcePaths::under(test::source_dir());
    paths.templates = std::filesystem::path(VANBAN_GOLDEN_DIR) / "templates";
    return load(paths);
  }();
  return *engine;
}

// A fixed "today" keeps goldens stable whatever day the tests run.
const model::Date kToday = *model::Date::parse_iso("2024-10-15");

std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> out;
  for (const auto& path : test::all_sample_cases()) {
    Diagnostics diagnostics;
    const auto cases = project_engine().read_cases(test::read_text(path), path.string(), diagnostics);
    if (!cases || cases->cases.size() != 1) continue;
    const bool shared = path.parent_path() == test::shared_cases_dir();
    const std::string stem = (shared ? "shared-" : "") + path.stem().string() + ".";
    for (const auto& name : project_engine().templates_for(cases->cases.front(), kToday))
      out.push_back({path, &project_engine(), name, stem + name});
    for (const auto& info : test_engine().templates())
      out.push_back({path, &test_engine(), info.name, stem + info.name});
  }
  return out;
}

std::optional<std::string> dump_of(const GoldenCase& item, Diagnostics& diagnostics) {
  const auto register_ = item.engine->read_cases(test::read_text(item.file), item.file.string(), diagnostics);
  if (!register_) return std::nullopt;
  pipeline::RenderOptions options;
  options.template_name = item.template_name;
  options.today = kToday;
  // The values the template's `--describe` example gives for what the case does not hold.
  const auto described = item.engine->describe(item.template_name);
  if (!described) return std::nullopt;
  for (const auto& parameter : described->parameters)
    if (parameter.required) options.parameters[parameter.name] = parameter.example;
  return item.engine->layout_dump(register_->cases.front(), options, diagnostics);
}

TEST(Golden, LayoutDumpsMatch) {
  const bool update = std::getenv("UPDATE_GOLDEN") != nullptr;
  const auto cases = golden_cases();
  // Every example case has at least one golden layout (registers are batch input: tests/e2e/batch_test.cpp).
  for (const auto& example : test::xml_files(test::source_dir() / "examples")) {
    if (test::read_text(example).find("<register") != std::string::npos) continue;
    EXPECT_TRUE(std::any_of(cases.begin(), cases.end(), [&](const GoldenCase& c) { return c.file == example; }))
        << example;
  }
  for (const auto& item : cases) {
    Diagnostics diagnostics;
    const auto dump = dump_of(item, diagnostics);
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

// A profile outside the ranges of Nghị định 30 is refused (E0502), not laid out.
TEST(Golden, AProfileOutsideTheDecreeIsRefused) {
  const auto path = test::source_dir() / "examples" / "chu-dong-ma-tuy.xml";
  Diagnostics diagnostics;
  const auto register_ = project_engine().read_cases(test::read_text(path), path.string(), diagnostics);
  ASSERT_TRUE(register_);
  pipeline::RenderOptions options;
  options.template_name = "qd-tha-chu-dong";
  options.today = kToday;
  options.profile.margin_left = layout::mm(25);
  options.profile.body_size = 12;
  EXPECT_FALSE(project_engine().layout_dump(register_->cases.front(), options, diagnostics));
  EXPECT_EQ(diagnostics.error_count(), 2U) << diagnostics.to_string();
  EXPECT_NE(diagnostics.to_string().find("[E0502] bố cục trang không đúng Nghị định 30/2020/NĐ-CP: lề trái"),
            std::string::npos)
      << diagnostics.to_string();
}

// ---- geometry of placed items, read back from the dumps ------------------------------------------

// The default profile's text area (A4, margins 20/20/30/15 mm) and Liberation Serif's line box (hhea ascent
// and descent, in em).
constexpr double kLeft = 85.04, kRight = 595.28 - 42.52, kTop = 56.69, kBottom = 841.89 - 56.69;
constexpr double kAscent = 0.891, kDescent = 0.216;
// The dump rounds each position and width to 0.01 pt, so a run that starts where the previous one ends may seem to
// overlap it by up to 0.015 (three roundings): the tolerance is just above that.
constexpr double kTolerance = 0.016;

struct Box {
  double x1, y1, x2, y2;
  bool rule;
  std::string line;
};

bool overlap(const Box& a, const Box& b) {
  return a.x1 < b.x2 - kTolerance && b.x1 < a.x2 - kTolerance && a.y1 < b.y2 - kTolerance && b.y1 < a.y2 - kTolerance;
}

// Every placed item of every page of a dump, as boxes: a text's line box, a rule's stroke.
std::map<int, std::vector<Box>> boxes_of(const std::string& dump) {
  static const std::regex text_line(R"(^p(\d+) text ([\d.]+) ([\d.]+) \S+ ([\d.]+) w=([\d.]+))");
  static const std::regex rule_line(R"(^p(\d+) rule ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) t=([\d.]+))");
  std::map<int, std::vector<Box>> pages;
  std::istringstream lines(dump);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (std::regex_search(line, m, text_line)) {
      const double x = std::stod(m[2]), baseline = std::stod(m[3]), size = std::stod(m[4]), w = std::stod(m[5]);
      pages[std::stoi(m[1])].push_back({x, baseline - kAscent * size, x + w, baseline + kDescent * size, false, line});
    } else if (std::regex_search(line, m, rule_line)) {
      const double x1 = std::stod(m[2]), y1 = std::stod(m[3]), x2 = std::stod(m[4]), y2 = std::stod(m[5]);
      const double half = std::stod(m[6]) / 2;
      pages[std::stoi(m[1])].push_back(
          {std::min(x1, x2) - (x1 == x2 ? half : 0), std::min(y1, y2) - (y1 == y2 ? half : 0),
           std::max(x1, x2) + (x1 == x2 ? half : 0), std::max(y1, y2) + (y1 == y2 ? half : 0), true, line});
    }
  }
  return pages;
}

std::vector<std::filesystem::path> golden_files() {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(VANBAN_GOLDEN_DIR))
    if (entry.path().extension() == ".layout") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Every placed item lies inside the text area (page numbers inside the top margin), and no item is drawn over
// another: no two texts overlap, no rule crosses a text (rules may meet rules: table borders).
TEST(Golden, NothingIsDrawnOutsideTheTextAreaOrOverAnotherItem) {
  const auto files = golden_files();
  EXPECT_GE(files.size(), 10U);
  for (const auto& file : files) {
    const std::string name = file.filename().string();
    std::size_t items = 0;
    for (const auto& [page, boxes] : boxes_of(test::read_text(file))) {
      items += boxes.size();
      for (const auto& box : boxes) {
        const bool page_number = !box.rule && box.y2 < kTop;
        EXPECT_GE(box.x1, kLeft - kTolerance) << name << ": " << box.line;
        EXPECT_LE(box.x2, kRight + kTolerance) << name << ": " << box.line;
        EXPECT_LE(box.y2, kBottom + kTolerance) << name << ": " << box.line;
        if (page_number) EXPECT_GE(box.y1, 0) << name << ": " << box.line;
        else EXPECT_GE(box.y1, kTop - kTolerance) << name << ": " << box.line;
      }
      for (std::size_t i = 0; i < boxes.size(); ++i)
        for (std::size_t j = i + 1; j < boxes.size(); ++j) {
          if (boxes[i].rule && boxes[j].rule) continue;
          EXPECT_FALSE(overlap(boxes[i], boxes[j]))
              << name << " page " << page << ":\n  " << boxes[i].line << "\n  " << boxes[j].line;
        }
    }
    EXPECT_GT(items, 20U) << name;
  }
}

// The checks above can fail: an item moved into the margin or onto its neighbour is caught.
TEST(Golden, OverlapAndBoundsChecksCatchFaults) {
  const auto pages = boxes_of(
      "p1 text 85.04 100.00 R 14.00 w=50.00 \"a\"\n"
      "p1 text 120.00 105.00 R 14.00 w=50.00 \"b\"\n"
      "p1 rule 85.04 101.00 300.00 101.00 t=0.60\n"
      "p1 rule 85.04 117.00 300.00 117.00 t=0.60\n");
  const auto& boxes = pages.at(1);
  ASSERT_EQ(boxes.size(), 4U);
  EXPECT_TRUE(overlap(boxes[0], boxes[1]));   // two texts
  EXPECT_TRUE(overlap(boxes[0], boxes[2]));   // a rule through a text
  EXPECT_FALSE(overlap(boxes[0], boxes[3]));  // a rule clear below
}

// The stress case paginates cleanly: its table continues under a repeated header on every page it reaches, and
// the signature (with "Nơi nhận:") never starts a page.
TEST(Golden, StressCasePaginatesCleanly) {
  const auto path = test::source_dir() / "examples" / "stress-60-khoan.xml";
  const GoldenCase item{path, &test_engine(), "bang-nghia-vu", ""};
  Diagnostics diagnostics;
  const auto dump = dump_of(item, diagnostics);
  ASSERT_TRUE(dump) << diagnostics.to_string();
  const auto pages = boxes_of(*dump);
  ASSERT_GE(pages.size(), 3U);
  bool signed_ = false;
  for (const auto& [page, boxes] : pages) {
    const Box* first = nullptr;  // the first text under the top margin
    bool table = false;
    for (const auto& box : boxes) {
      if (box.rule) table = table || box.x1 + 1 > box.x2;  // a vertical border
      else if (first == nullptr && box.y1 >= kTop) first = &box;
    }
    ASSERT_NE(first, nullptr) << "page " << page;
    if (page > 1 && table) {
      EXPECT_NE(first->line.find("\"STT\""), std::string::npos) << "page " << page;
    }
    const bool signature = std::any_of(boxes.begin(), boxes.end(),
                                       [](const Box& b) { return b.line.find("\"Nơi nhận:\"") != std::string::npos; });
    if (signature) {
      signed_ = true;
      EXPECT_EQ(first->line.find("\"Nơi nhận:\""), std::string::npos) << "page " << page;
      EXPECT_EQ(first->line.find("CHI CỤC TRƯỞNG"), std::string::npos) << "page " << page;
    }
  }
  EXPECT_TRUE(signed_);
}

}  // namespace
}  // namespace vanban
