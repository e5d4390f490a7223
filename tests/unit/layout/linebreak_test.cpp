#include "layout/linebreak.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "support/fixed_metrics.hpp"

namespace vanban::layout {
namespace {

// One row per line: "x width word-spacing |text|", so expected layouts read as aligned tables.
std::string table(const std::vector<BrokenLine>& lines) {
  std::string out;
  for (const auto& line : lines) {
    for (const auto& text : line.texts) {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%6.2f %6.2f %5.2f ", text.x, text.width, text.word_spacing);
      out += buffer;
      out += "|" + text.text + "|";
    }
    out += "\n";
  }
  return out;
}

std::vector<BrokenLine> lay(const std::string& text, double width, Alignment alignment, double indent = 0) {
  test::FixedMetrics metrics;
  Diagnostics diagnostics;
  LineSpec spec;
  spec.width = width;
  spec.first_indent = indent;
  spec.alignment = alignment;
  auto lines = break_lines({StyledSpan{text, Face::regular, 10, {}, {}}}, spec, metrics, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << diagnostics.to_string();
  return lines;
}

// At 10 pt a letter is 5 pt and a space 2.5 pt: "aaaa" is 20 pt.
TEST(LineBreak, JustifiesAllButTheLastLine) {
  EXPECT_EQ(table(lay("aaaa bbbb cccc dddd eeee", 50, Alignment::justify)),
            "  0.00  50.00  7.50 |aaaa bbbb|\n"
            "  0.00  50.00  7.50 |cccc dddd|\n"
            "  0.00  20.00  0.00 |eeee|\n");
}

TEST(LineBreak, FirstLineIndent) {
  EXPECT_EQ(table(lay("aa bb cc dd", 32.5, Alignment::justify, 10)),
            " 10.00  22.50  0.00 |aa bb|\n"
            "  0.00  22.50  0.00 |cc dd|\n");
}

TEST(LineBreak, ALonelyWordIsAllowedWhenNothingElseFits) {
  // 20 pt available, "aa bb" needs 22.5 and cannot shrink that much: "aa" stands alone.
  EXPECT_EQ(table(lay("aa bb", 20, Alignment::justify)),
            "  0.00  10.00  0.00 |aa|\n"
            "  0.00  10.00  0.00 |bb|\n");
}

// The spacing of a justified line relative to its natural spaces (the adjustment ratio), per line.
std::vector<double> ratios(const std::vector<BrokenLine>& lines) {
  std::vector<double> out;
  for (std::size_t l = 0; l + 1 < lines.size(); ++l) out.push_back(lines[l].texts.front().word_spacing / 1.25);
  return out;
}

// First fit: as many words as fit, line by line (what ReportLab, WeasyPrint and LibreOffice do).
std::vector<double> first_fit_ratios(const std::vector<std::string>& words, double width) {
  std::vector<double> out;
  double line = 0;
  int gaps = 0;
  for (const auto& word : words) {
    const double w = 5.0 * static_cast<double>(word.size());
    if (line > 0 && line + 2.5 + w > width) {
      out.push_back((width - line) / (1.25 * gaps));
      line = w;
      gaps = 0;
    } else {
      line += (line > 0 ? 2.5 : 0) + w;
      gaps += line > w ? 1 : 0;
    }
  }
  return out;
}

TEST(LineBreak, TotalFitSpacesMoreEvenlyThanFirstFit) {
  const std::string text =
      "Trong thời hạn mười ngày kể từ ngày nhận được hoặc được thông báo hợp lệ quyết định này người phải thi hành "
      "án có trách nhiệm tự nguyện thi hành án hết thời hạn trên nếu người phải thi hành án có điều kiện thi hành mà "
      "không tự nguyện thi hành thì bị cưỡng chế thi hành án theo quy định của pháp luật";
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string word; in >> word;) {
    std::string letters;  // the synthetic metrics count code points: use one byte per letter
    for (std::size_t i = 0; i < word.size(); ++i)
      if ((static_cast<unsigned char>(word[i]) & 0xC0U) != 0x80U) letters += 'x';
    words.push_back(letters);
  }
  std::string ascii;
  for (const auto& word : words) ascii += (ascii.empty() ? "" : " ") + word;
  const auto total_fit = ratios(lay(ascii, 150, Alignment::justify));
  const auto first_fit = first_fit_ratios(words, 150);
  const auto squares = [](const std::vector<double>& r) {
    double sum = 0;
    for (const double x : r) sum += x * x;
    return sum;
  };
  EXPECT_LE(*std::max_element(total_fit.begin(), total_fit.end()),
            *std::max_element(first_fit.begin(), first_fit.end()));
  EXPECT_LT(squares(total_fit), squares(first_fit));
}

TEST(LineBreak, AWordLongerThanTheLineBreaksByCharacter) {
  EXPECT_EQ(table(lay("0123456789ABCD xy", 50, Alignment::justify)),
            "  0.00  50.00  0.00 |0123456789|\n"
            "  0.00  32.50  0.00 |ABCD xy|\n");
}

TEST(LineBreak, CentredLinesBalance) {
  // 40 pt of text in 35 pt: two balanced lines rather than 30 + 5.
  EXPECT_EQ(table(lay("aa bb cc dd", 35, Alignment::center)),
            "  6.25  22.50  0.00 |aa bb|\n"
            "  6.25  22.50  0.00 |cc dd|\n");
}

TEST(LineBreak, MissingGlyphIsReportedWithItsField) {
  test::FixedMetrics metrics;
  Diagnostics diagnostics;
  LineSpec spec;
  spec.width = 100;
  break_lines({StyledSpan{"a~b", Face::bold, 10, SourceLoc{make_file_name("c.xml"), 3, 4}, "debtor.name"}}, spec,
              metrics, diagnostics);
  ASSERT_EQ(diagnostics.error_count(), 1U);
  EXPECT_EQ(format_diagnostic(diagnostics.list().front()),
            "c.xml:3:4: lỗi: [E0501] ký tự \"~\" (U+007E) trong trường \"debtor.name\" không có trong phông chữ "
            "Fixed; hãy sửa dữ liệu");
}

}  // namespace
}  // namespace vanban::layout

namespace vanban::layout {
namespace {

std::vector<BrokenLine> centred(const std::string& text, double width, const std::vector<PreferredStart>* starts) {
  test::FixedMetrics metrics;
  Diagnostics diagnostics;
  LineSpec spec;
  spec.width = width;
  spec.alignment = Alignment::center;
  spec.preferred_starts = starts;
  return break_lines({StyledSpan{text, Face::bold, 10, {}, {}}}, spec, metrics, diagnostics);
}

// Centred lines of `text` in `width` with each set of preferred starts (empty: none), against expected tables.
void expect_centred(const std::string& text, double width,
                    const std::vector<std::pair<std::vector<PreferredStart>, std::string>>& cases) {
  for (const auto& [starts, expected] : cases)
    EXPECT_EQ(table(centred(text, width, starts.empty() ? nullptr : &starts)), expected) << starts.size();
}

// The deciding authority wraps between the title and the agency it heads, as the forms print it; without the
// preference the balanced break falls inside the agency's name.
TEST(LineBreak, AuthorityWrapsBeforeTheAgencyName) {
  expect_centred("CHI CỤC TRƯỞNG CHI CỤC THI HÀNH ÁN DÂN SỰ THỊ XÃ ĐIỆN BÀN", 200,
                 {{{{"THỊ XÃ", 60}, {"XÃ", 60}, {"CHI CỤC THI HÀNH ÁN", 100}},
                   " 67.50  65.00  0.00 |CHI CỤC TRƯỞNG|\n"
                   "  7.50 185.00  0.00 |CHI CỤC THI HÀNH ÁN DÂN SỰ THỊ XÃ ĐIỆN BÀN|\n"},
                  {{},
                   " 41.25 117.50  0.00 |CHI CỤC TRƯỞNG CHI CỤC THI|\n"
                   " 33.75 132.50  0.00 |HÀNH ÁN DÂN SỰ THỊ XÃ ĐIỆN BÀN|\n"}});
}

// An agency name wraps before its administrative unit (the whole "THỊ XÃ", not "XÃ" alone, however strongly
// "XÃ" is preferred); without the preference the balanced break falls inside the name, and without "THỊ XÃ"
// among the units the break would go inside it.
TEST(LineBreak, AgencyNameWrapsBeforeTheWholeUnit) {
  const std::string before_unit =
      " 10.00 115.00  0.00 |CHI CỤC THI HÀNH ÁN DÂN SỰ|\n"
      " 33.75  67.50  0.00 |THỊ XÃ ĐIỆN BÀN|\n";
  expect_centred("CHI CỤC THI HÀNH ÁN DÂN SỰ THỊ XÃ ĐIỆN BÀN", 135,
                 {{{{"THỊ XÃ", 60}, {"XÃ", 60}}, before_unit},
                  {{{"THỊ XÃ", 60}, {"XÃ", 200}}, before_unit},
                  {{},
                   " 25.00  85.00  0.00 |CHI CỤC THI HÀNH ÁN|\n"
                   " 18.75  97.50  0.00 |DÂN SỰ THỊ XÃ ĐIỆN BÀN|\n"},
                  {{{"XÃ", 200}},
                   "  1.25 132.50  0.00 |CHI CỤC THI HÀNH ÁN DÂN SỰ THỊ|\n"
                   " 42.50  50.00  0.00 |XÃ ĐIỆN BÀN|\n"}});
}

// The words before an unbreakable token are not spread out to push it to the next line: the token starts on
// the same line and breaks between characters, each of its lines full.
TEST(LineBreak, TheLineBeforeALongTokenIsNotStretched) {
  EXPECT_EQ(table(lay("aa bb 0123456789ABCDEFGHIJ", 50, Alignment::justify)),
            "  0.00  50.00  0.00 |aa bb 01234|\n"
            "  0.00  50.00  0.00 |56789ABCDE|\n"
            "  0.00  25.00  0.00 |FGHIJ|\n");
}

TEST(LineBreak, LeftAndRightAlignedLines) {
  EXPECT_EQ(table(lay("aa bb cc dd ee", 30, Alignment::left)),
            "  0.00  22.50  0.00 |aa bb|\n"
            "  0.00  22.50  0.00 |cc dd|\n"
            "  0.00  10.00  0.00 |ee|\n");
  EXPECT_EQ(table(lay("1.250.000", 60, Alignment::right)), " 15.00  45.00  0.00 |1.250.000|\n");
}

TEST(LineBreak, HangingIndent) {
  // A recipient: "- " then the text, wrapped lines aligned after the dash.
  test::FixedMetrics metrics;
  Diagnostics diagnostics;
  LineSpec spec;
  spec.width = 38;
  spec.hanging_indent = 7.5;
  spec.alignment = Alignment::left;
  EXPECT_EQ(table(break_lines({StyledSpan{"- aa bb cc dd", Face::regular, 10, {}, {}}}, spec, metrics, diagnostics)),
            "  0.00  30.00  0.00 |- aa bb|\n"
            "  7.50  22.50  0.00 |cc dd|\n");
}

}  // namespace
}  // namespace vanban::layout

namespace vanban::layout {
namespace {

TEST(LineBreak, NeverInsideADocumentNumber) {
  // ICU would allow "62/2015/ | NĐ-CP"; documents break only at spaces.
  // At 125 pt, "theo Nghị định số 62/2015/" (120 pt) would fill the first line nicely.
  const auto lines = lay("theo Nghị định số 62/2015/NĐ-CP ngày", 125, Alignment::justify);
  for (const auto& line : lines)
    for (const auto& text : line.texts) {
      EXPECT_EQ(text.text.find("62/2015/") != std::string::npos, text.text.find("62/2015/NĐ-CP") != std::string::npos)
          << text.text;
    }
}

}  // namespace
}  // namespace vanban::layout
