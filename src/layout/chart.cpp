// Charts: a bar chart of percentages drawn as vector graphics, filled rectangles on a scale with its grid lines.

#include <algorithm>

#include "layout/flow.hpp"

namespace vanban::layout {

namespace {

constexpr double kTitleSize = 13;
constexpr double kLabelSize = 11;
constexpr double kMinLabelSize = 7;
constexpr double kPlotHeight = mm(55);
constexpr double kScaleWidth = 34;         // room for "100 %" left of the axis
constexpr double kGap = 4;                 // between the plot and its labels
constexpr double kMaxBarWidth = 42;        // a bar is at most this wide, however few there are
constexpr double kBarShare = 0.6;          // of each bar's slot
constexpr std::size_t kMaxLabelLines = 3;  // a longer label is cut to three lines
constexpr double kGridThickness = 0.3;
constexpr double kAxisThickness = 0.6;
constexpr double kTargetThickness = 1.2;
// The bars' colour: a dark blue that prints as a mid grey.
constexpr double kBarRed = 0.18, kBarGreen = 0.36, kBarBlue = 0.62;

}  // namespace

FlowBlock chart_block(const Typesetter& setter, const doc::BarChart& chart) {
  FlowBlock flow;
  Slice slice;
  const double left = setter.left();
  const double width = setter.width();
  const double line = kLabelSize * kSingleLine;
  double y = 0;
  if (!chart.title.empty())
    y = setter.stack(slice,
                     setter.lines({span(chart.title, Face::bold, kTitleSize, chart.loc)}, width, Alignment::center),
                     left, 0, kTitleSize, kTitleSize * kSingleLine) +
        kGap;
  const double plot_top = y + line;  // room for the value over a full bar
  const double plot_bottom = plot_top + kPlotHeight;
  const double axis_x = left + kScaleWidth;
  const double plot_width = width - kScaleWidth;
  const auto level = [&](double percent) {
    return plot_bottom - kPlotHeight * std::clamp(percent, 0.0, 100.0) / 100.0;
  };

  // The scale: a grid line and its label every 25 %.
  for (int percent = 0; percent <= 100; percent += 25) {
    const double at = level(percent);
    slice.rules.push_back(PlacedRule{axis_x, at, left + width, at, percent == 0 ? kAxisThickness : kGridThickness});
    const std::string label = std::to_string(percent) + " %";
    const double label_width = text_width(setter.metrics(), Face::regular, kLabelSize, label);
    slice.texts.push_back(PlacedText{axis_x - kGap - label_width, at + kLabelSize * 0.35, Face::regular, kLabelSize,
                                     label, label_width, 0});
  }
  slice.rules.push_back(PlacedRule{axis_x, plot_top, axis_x, plot_bottom, kAxisThickness});

  // The bars, each centred in an equal slot, with the value over it and the label under it.
  const std::size_t count = std::max<std::size_t>(chart.bars.size(), 1);
  const double slot = plot_width / static_cast<double>(count);
  const double bar_width = std::min(kMaxBarWidth, slot * kBarShare);
  double labels_bottom = plot_bottom;
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const auto& bar = chart.bars[i];
    const double center = axis_x + slot * (static_cast<double>(i) + 0.5);
    const double top = level(bar.percent);
    if (plot_bottom - top > 0)
      slice.rects.push_back(
          PlacedRect{center - bar_width / 2, top, bar_width, plot_bottom - top, kBarRed, kBarGreen, kBarBlue});
    const double value_width = text_width(setter.metrics(), Face::bold, kLabelSize, bar.value_text);
    slice.texts.push_back(PlacedText{center - value_width / 2, top - kGap / 2 - kLabelSize * 0.22, Face::bold,
                                     kLabelSize, bar.value_text, value_width, 0});
    // A label's longest word fits its slot: smaller type when the bars are many (down to kMinLabelSize).
    double size = kLabelSize;
    for (std::size_t start = 0; start < bar.label.size();) {
      const std::size_t space = std::min(bar.label.find(' ', start), bar.label.size());
      const double word = text_width(setter.metrics(), Face::regular, kLabelSize,
                                     std::string_view(bar.label).substr(start, space - start));
      if (word > slot - kGap) size = std::min(size, std::max(kMinLabelSize, kLabelSize * (slot - kGap) / word));
      start = space + 1;
    }
    auto lines = setter.lines({span(bar.label, Face::regular, size, chart.loc)}, slot - kGap, Alignment::center);
    if (lines.size() > kMaxLabelLines) lines.resize(kMaxLabelLines);
    labels_bottom = std::max(labels_bottom, setter.stack(slice, lines, center - (slot - kGap) / 2, plot_bottom + kGap,
                                                         size, size * kSingleLine));
  }

  // The target, a thick line across with its label at the right end, above the line.
  if (chart.target) {
    const double at = level(*chart.target);
    slice.rules.push_back(PlacedRule{axis_x, at, left + width, at, kTargetThickness});
    if (!chart.target_label.empty()) {
      const double label_width = text_width(setter.metrics(), Face::italic, kLabelSize, chart.target_label);
      slice.texts.push_back(PlacedText{left + width - label_width, at - kGap / 2 - kLabelSize * 0.22, Face::italic,
                                       kLabelSize, chart.target_label, label_width, 0});
    }
  }
  slice.height = labels_bottom + kGap;
  flow.slices.push_back(std::move(slice));
  flow.space_before = setter.profile().paragraph_spacing * 2;
  flow.keep_together = true;
  return flow;
}

}  // namespace vanban::layout
