#pragma once
// The output of layout: pages of placed text and rules, in points, y measured down from the page's top.

#include <array>
#include <string>
#include <vector>

#include "layout/font_metrics.hpp"

namespace vanban::layout {

/// A run of text in one face on one baseline. Each U+0020 in `text` is widened by `word_spacing` points
/// (justification); `width` is the run's total advance including that extra space.
struct PlacedText {
  double x = 0;
  double baseline = 0;
  Face face = Face::regular;
  double size = 0;
  std::string text;
  double width = 0;
  double word_spacing = 0;
};

/// A straight line (the rules under the agency name, the motto and the subject; table borders).
struct PlacedRule {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double thickness = 0.5;
};

/// A filled rectangle (a bar of a chart), y measured down from the page's top to its top edge; the colour in sRGB
/// components from 0 to 1.
struct PlacedRect {
  double x = 0, top = 0, width = 0, height = 0;
  double red = 0, green = 0, blue = 0;
};

/// Room kept empty for the signer's signature image (Nghị định 30, ô 7c: between the title and the name).
struct SignatureBox {
  double x = 0;
  double top = 0;  ///< measured down from the page's top, like baselines
  double width = 0;
  double height = 0;
};

struct Page {
  std::vector<PlacedText> texts;
  std::vector<PlacedRule> rules;
  std::vector<PlacedRect> rects;  ///< drawn first, under the rules and the text
  std::vector<SignatureBox> signature_boxes;
};

/// Every page of one document.
struct PageSet {
  double width = 0;
  double height = 0;
  std::vector<Page> pages;
};

/// The characters each face draws on the pages (index: Face), ascending, each once: what an output stage embeds of
/// each face (pdf and svg use the same subsets).
std::array<std::vector<char32_t>, kFaceCount> code_points_by_face(const PageSet& pages);

/// A readable dump, one line per placed item, for golden tests: "p1 text 85.04 70.87 B 12 \"…\" w=… ws=…"; a
/// rectangle is "p1 rect X TOP W H rgb=R,G,B".
std::string dump(const PageSet& pages);

}  // namespace vanban::layout
