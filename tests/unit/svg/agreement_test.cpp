// The SVG pages are the PDF: for every document template, on one example case it applies to, both are rendered,
// rasterised (poppler's pdftoppm and librsvg's rsvg-convert, at the same resolution) and compared pixel by pixel
// within a small tolerance; the text of each SVG page is pdftotext's of the same page; every page is well-formed
// (xmllint) and refers to nothing outside itself. rsvg-convert does not load @font-face fonts: it draws with the
// installed Liberation Serif (fonts-liberation2: the same files as fonts/, checked by the installation's test), while
// pdftoppm draws the subsets the PDF embeds; the glyphs are the same, and so are the positions.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/date.hpp"
#include "pipeline/engine.hpp"
#include "support/engine.hpp"
#include "support/paths.hpp"
#include "support/png_reader.hpp"
#include "support/process.hpp"

namespace vanban {
namespace {

using test::quote;
using test::run;

constexpr int kDpi = 100;
// Both renderings are first blurred (the mean of each 3×3 square), then a pixel differs when its grey level lies
// outside the range of the other rendering's pixels within kReach pixels around it, widened by kTolerance. The two
// rasterisers place glyphs on whole or quarter pixels and draw thin rules differently (poppler snaps a 0.5 pt rule
// to one dark row, cairo spreads it over two grey ones): an edge moves by up to a pixel and a pixel may take any
// level between its neighbours'. A glyph out of place puts ink where the other rendering has only paper around.
constexpr int kReach = 1;
constexpr int kTolerance = 64;

struct Rendering {
  std::string case_file;
  std::string pdf;
  std::vector<std::string> svgs;
};

// The template rendered as PDF and as SVG pages from the first example case it applies to and renders.
std::optional<Rendering> render_both(const std::string& name) {
  const auto& engine = test::shared_engine();
  pipeline::RenderOptions options;
  options.template_name = name;
  options.today = *model::Date::parse_iso("2026-07-15");
  if (const auto info = engine.describe(name))
    for (const auto& parameter : info->parameters)
      if (parameter.required && parameter.default_value.empty()) options.parameters[parameter.name] = parameter.example;
  for (const auto& file : test::xml_files(test::source_dir() / "examples")) {
    Diagnostics diagnostics;
    const auto the_case = engine.read_single_case(test::read_text(file), file.string(), diagnostics);
    if (!the_case) continue;
    const auto applicable = engine.templates_for(*the_case, options.today);
    if (std::find(applicable.begin(), applicable.end(), name) == applicable.end()) continue;
    auto pdf = engine.render(*the_case, options, diagnostics);
    auto svg = engine.render_svg(*the_case, options, diagnostics, pipeline::font_data_url);
    if (!pdf || !svg) continue;
    return Rendering{file.filename().string(), std::move(*pdf), std::move(svg->pages)};
  }
  return std::nullopt;
}

struct Difference {
  int count = 0;
  int x = -1, y = -1;  ///< the first pixel found
};

// Pixels of `a` that no pixel of `b` near them explains (see kReach, kTolerance).
Difference unexplained(const test::GreyImage& a, const test::GreyImage& b) {
  Difference out;
  const int width = std::min(a.width, b.width), height = std::min(a.height, b.height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      int darkest = 255, lightest = 0;
      for (int by = std::max(0, y - kReach); by <= std::min(height - 1, y + kReach); ++by)
        for (int bx = std::max(0, x - kReach); bx <= std::min(width - 1, x + kReach); ++bx) {
          darkest = std::min(darkest, b.at(bx, by));
          lightest = std::max(lightest, b.at(bx, by));
        }
      const int value = a.at(x, y);
      const bool explained = value >= darkest - kTolerance && value <= lightest + kTolerance;
      if (!explained && out.count++ == 0) {
        out.x = x;
        out.y = y;
      }
    }
  return out;
}

// The mean of each pixel's 3×3 square (as far as the image reaches).
test::GreyImage blurred(const test::GreyImage& image) {
  test::GreyImage out = image;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      int sum = 0, count = 0;
      for (int by = std::max(0, y - 1); by <= std::min(image.height - 1, y + 1); ++by)
        for (int bx = std::max(0, x - 1); bx <= std::min(image.width - 1, x + 1); ++bx) {
          sum += image.at(bx, by);
          ++count;
        }
      out.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x)] =
          static_cast<std::uint8_t>(sum / count);
    }
  return out;
}

// Pixels that differ between the two renderings, either way round; "" when they agree.
std::string compare(const test::GreyImage& pdf_raster, const test::GreyImage& svg_raster) {
  if (std::abs(pdf_raster.width - svg_raster.width) > 1 || std::abs(pdf_raster.height - svg_raster.height) > 1)
    return "sizes " + std::to_string(pdf_raster.width) + "x" + std::to_string(pdf_raster.height) + " and " +
           std::to_string(svg_raster.width) + "x" + std::to_string(svg_raster.height);
  const test::GreyImage pdf = blurred(pdf_raster), svg = blurred(svg_raster);
  const Difference one = unexplained(pdf, svg), other = unexplained(svg, pdf);
  if (one.count == 0 && other.count == 0) return "";
  const Difference& first = one.count != 0 ? one : other;
  return std::to_string(one.count + other.count) + " pixels differ, the first at " + std::to_string(first.x) + "," +
         std::to_string(first.y);
}

// What an SVG page says: the character data of its <text> elements, entities decoded.
std::string svg_text(const std::string& svg) {
  std::string out;
  for (std::size_t at = svg.find("<text"); at != std::string::npos; at = svg.find("<text", at)) {
    const std::size_t end = svg.find("</text>", at);
    bool in_tag = false;
    for (std::size_t i = svg.find('>', at) + 1; i < end; ++i) {
      if (svg[i] == '<') in_tag = true;
      else if (svg[i] == '>') in_tag = false;
      else if (!in_tag) out += svg[i];
    }
    at = end;
  }
  for (const auto& [entity, character] :
       std::vector<std::pair<std::string, std::string>>{{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}})
    for (std::size_t at = out.find(entity); at != std::string::npos; at = out.find(entity, at + 1))
      out.replace(at, entity.size(), character);
  return out;
}

// Text without white space: pdftotext guesses spaces and line ends from gaps, the SVG states them.
std::string without_spaces(const std::string& text) {
  std::string out;
  for (const char c : text)
    if (c != ' ' && c != '\n' && c != '\t' && c != '\f' && c != '\r') out += c;
  return out;
}

std::optional<test::GreyImage> png(const std::filesystem::path& path) { return test::read_png(test::read_text(path)); }

// The grey rendering of page `page` (from 1) of the PDF.
std::optional<test::GreyImage> pdf_page_image(const std::filesystem::path& pdf, std::size_t page,
                                              const std::filesystem::path& dir) {
  const std::string p = std::to_string(page);
  const auto stem = dir / ("pdf-" + p);
  if (run("pdftoppm -r " + std::to_string(kDpi) + " -gray -png -singlefile -f " + p + " -l " + p + " " +
          quote(pdf.string()) + " " + quote(stem.string()))
          .exit_code != 0)
    return std::nullopt;
  return png(stem.string() + ".png");
}

std::optional<test::GreyImage> svg_image(const std::filesystem::path& svg, const std::filesystem::path& png_path) {
  const std::string dpi = std::to_string(kDpi);
  if (run("rsvg-convert -d " + dpi + " -p " + dpi + " -b white " + quote(svg.string()) + " -o " +
          quote(png_path.string()))
          .exit_code != 0)
    return std::nullopt;
  return png(png_path);
}

// Every problem of one document's SVG pages against its PDF, one line each; "" when they agree.
std::string problems(const Rendering& rendering, const std::filesystem::path& dir) {
  std::string out;
  std::filesystem::create_directories(dir);
  const auto pdf = dir / "document.pdf";
  test::write_text(pdf, rendering.pdf);
  const auto info = run("pdfinfo " + quote(pdf.string())).out;
  const auto pages_at = info.find("Pages:");
  const auto page_count = pages_at == std::string::npos ? 0 : std::stoul(info.substr(pages_at + 6));
  if (page_count != rendering.svgs.size())
    out += std::to_string(rendering.svgs.size()) + " SVG pages, " + std::to_string(page_count) + " PDF pages\n";
  for (std::size_t i = 0; i < rendering.svgs.size() && i < page_count; ++i) {
    const std::string page = "page " + std::to_string(i + 1) + ": ";
    const auto svg = dir / pipeline::svg_page_name(i);
    test::write_text(svg, rendering.svgs[i]);
    if (run("xmllint --noout --nonet " + quote(svg.string())).exit_code != 0) out += page + "not well-formed\n";
    const auto a = pdf_page_image(pdf, i + 1, dir);
    const auto b = svg_image(svg, dir / ("svg-" + std::to_string(i + 1) + ".png"));
    if (!a || !b) {
      out += page + "not rasterised\n";
      continue;
    }
    if (const auto difference = compare(*a, *b); !difference.empty()) out += page + difference + "\n";
    const std::string p = std::to_string(i + 1);
    const auto text = run("pdftotext -enc UTF-8 -raw -f " + p + " -l " + p + " " + quote(pdf.string()) + " -").out;
    if (without_spaces(text) != without_spaces(svg_text(rendering.svgs[i])))
      out += page + "text differs:\n  pdf: " + without_spaces(text) +
             "\n  svg: " + without_spaces(svg_text(rendering.svgs[i])) + "\n";
  }
  return out;
}

// The URLs a page refers to (href attributes and CSS url()); a stand-alone page has only data: URLs.
std::vector<std::string> external_references(const std::string& svg) {
  std::vector<std::string> out;
  for (const char* marker : {"href=\"", "url(\""})
    for (std::size_t at = svg.find(marker); at != std::string::npos; at = svg.find(marker, at + 1)) {
      const std::size_t start = at + std::char_traits<char>::length(marker);
      const std::string url = svg.substr(start, svg.find('"', start) - start);
      if (url.rfind("data:", 0) != 0) out.push_back(url);
    }
  return out;
}

TEST(SvgAgreement, EveryTemplateOnOneExampleLooksAndReadsAsItsPdf) {
  const auto& engine = test::shared_engine();
  const auto dir = test::scratch_dir("svg_agreement");
  std::vector<std::string> without_example;
  std::size_t compared = 0;
  for (const auto& info : engine.templates()) {
    const auto rendering = render_both(info.name);
    if (!rendering) {
      without_example.push_back(info.name);
      continue;
    }
    const auto here = dir / info.name;
    std::filesystem::create_directories(here);
    EXPECT_EQ(problems(*rendering, here), "") << info.name << " on " << rendering->case_file;
    for (const auto& svg : rendering->svgs) EXPECT_TRUE(external_references(svg).empty()) << info.name;
    ++compared;
  }
  EXPECT_GE(compared, 30U);
  EXPECT_TRUE(without_example.empty()) << "no example renders " << ::testing::PrintToString(without_example);
}

// The comparison can fail: one glyph moved by 3 pt, or one character changed, is caught.
TEST(SvgAgreement, AGlyphOutOfPlaceOrAnotherCharacterIsCaught) {
  const auto rendering = render_both("qd-tha-chu-dong");
  ASSERT_TRUE(rendering);
  const auto dir = test::scratch_dir("svg_agreement_mutated");
  ASSERT_EQ(problems(*rendering, dir / "as-is"), "");

  Rendering shifted = *rendering;
  std::string& page = shifted.svgs.front();
  const std::size_t at = page.find("<tspan x=\"", page.find("<tspan x=\"") + 1);  // a glyph inside the first run
  ASSERT_NE(at, std::string::npos);
  const std::size_t value = at + 10, end = page.find('"', value);
  page.replace(value, end - value, std::to_string(std::stod(page.substr(value, end - value)) + 3.0));
  std::filesystem::create_directories(dir / "shifted");
  EXPECT_NE(problems(shifted, dir / "shifted").find("pixels differ"), std::string::npos);

  Rendering changed = *rendering;
  std::string& other = changed.svgs.front();
  std::size_t glyph = std::string::npos;  // the last glyph that is an ASCII letter
  for (std::size_t tspan = other.rfind("<tspan x=\""); tspan != std::string::npos && tspan > 0;
       tspan = other.rfind("<tspan x=\"", tspan - 1)) {
    const std::size_t character = other.find("\">", tspan) + 2;
    if (std::isalpha(static_cast<unsigned char>(other[character])) != 0) {
      glyph = character;
      break;
    }
  }
  ASSERT_NE(glyph, std::string::npos);
  other[glyph] = other[glyph] == 'x' ? 'y' : 'x';
  std::filesystem::create_directories(dir / "changed");
  EXPECT_NE(problems(changed, dir / "changed").find("text differs"), std::string::npos);
}

// Pages placed in one HTML page share its style sheet: each document's fonts and classes are scoped by a class named
// from its fonts, the same on all its pages, another for another document.
TEST(SvgPages, EachDocumentsStyleIsScopedByItsFonts) {
  const auto decision = render_both("qd-tha-chu-dong");
  const auto notice = render_both("thong-bao-tha");
  ASSERT_TRUE(decision && notice);
  ASSERT_GE(decision->svgs.size(), 2U);
  const auto scope = [](const std::string& svg) {
    const std::size_t at = svg.find("class=\"", svg.find("<svg ")) + 7;
    return svg.substr(at, svg.find('"', at) - at);
  };
  const std::string one = scope(decision->svgs[0]);
  EXPECT_EQ(one.size(), 10U);
  EXPECT_EQ(scope(decision->svgs[1]), one);
  EXPECT_NE(scope(notice->svgs[0]), one);
  EXPECT_NE(decision->svgs[0].find("." + one + " .f0{font-family:vanban-r-" + one + ",\"Liberation Serif\""),
            std::string::npos);
  EXPECT_NE(decision->svgs[0].find("@font-face{font-family:vanban-r-" + one + ";"), std::string::npos);
}

}  // namespace
}  // namespace vanban
