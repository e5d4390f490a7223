#pragma once
// Internal to layout: the vertical flow between collecting blocks and paginating them, and the typesetting
// helpers the block collectors share.

#include <optional>
#include <vector>

#include "base/diagnostics.hpp"
#include "doc/document.hpp"
#include "layout/font_metrics.hpp"
#include "layout/linebreak.hpp"
#include "layout/page_set.hpp"
#include "layout/profile.hpp"

namespace vanban::layout {

/// An unbreakable horizontal band: placed items with y relative to the band's top.
struct Slice {
  double height = 0;
  std::vector<PlacedText> texts;
  std::vector<PlacedRule> rules;
  std::vector<PlacedRect> rects;  ///< tops relative to the band's top
  /// Rules drawn only when the page breaks right after this band (a table row's bottom border when the row
  /// continues on the next page).
  std::vector<PlacedRule> rules_at_break;
  bool keep_with_previous = false;            ///< no page break between the previous band of the block and this one
  std::vector<SignatureBox> signature_boxes;  ///< room kept for signature images, top relative to the band's top
};

/// One block's bands and the rules for breaking pages inside and around it.
struct FlowBlock {
  std::vector<Slice> slices;
  double space_before = 0;          ///< dropped at the top of a page
  std::size_t orphans = 1;          ///< bands that must stay at the bottom of a page when the block splits
  std::size_t widows = 1;           ///< bands that must start the next page when the block splits
  bool keep_together = false;       ///< unless the block is taller than a page
  bool keep_with_next = false;      ///< no page break between this block and the next
  bool keep_with_previous = false;  ///< no page break between the previous block and this one
  std::size_t carry_lines = 0;      ///< with keep_with_previous: bands of the text before that come along
  bool page_break_before = false;
  std::optional<Slice> repeat_header;  ///< a table's header row, repeated on each page the block continues on
};

/// Places the blocks on pages of the content area [top, bottom), x unchanged. A band taller than the area is
/// cut between its lines, so nothing is ever placed below `bottom`.
std::vector<Page> paginate(std::vector<FlowBlock> blocks, double top, double bottom);

/// What every block collector needs: the metrics, the profile, where messages go, and the text area.
class Typesetter {
 public:
  Typesetter(const FontMetrics& metrics, const Profile& profile, Diagnostics& diagnostics);

  [[nodiscard]] const Profile& profile() const { return profile_; }
  [[nodiscard]] const FontMetrics& metrics() const { return metrics_; }
  [[nodiscard]] double left() const { return left_; }
  [[nodiscard]] double width() const { return width_; }
  [[nodiscard]] double content_height() const {
    return profile_.page_height - profile_.margin_top - profile_.margin_bottom;
  }

  /// Breaks spans into lines of `spec`.
  [[nodiscard]] std::vector<BrokenLine> lines(const std::vector<StyledSpan>& spans, const LineSpec& spec) const;
  /// Breaks spans into lines `width` wide, aligned, with optional first-line and hanging indents.
  [[nodiscard]] std::vector<BrokenLine> lines(const std::vector<StyledSpan>& spans, double width, Alignment alignment,
                                              double first_indent = 0, double hanging = 0) const;
  /// The baseline of a line of text of `size` centred in a line box `line_height` high.
  [[nodiscard]] double baseline_in(double line_height, double size) const;
  /// Appends lines to a slice at x offset `x`, the first line's box starting at `y`; returns the y below them.
  double stack(Slice& slice, const std::vector<BrokenLine>& broken, double x, double y, double size,
               double line_height) const;
  /// The y of a rule under text of `size` on `baseline`, clear of its descenders and marks below.
  [[nodiscard]] double rule_under(double baseline, double size) const;

 private:
  const FontMetrics& metrics_;
  const Profile& profile_;
  Diagnostics& diagnostics_;
  double left_;
  double width_;
};

/// A styled span.
StyledSpan span(std::string text, Face face, double size, const SourceLoc& loc, std::string field = {});

/// A bar chart: the bars as filled rectangles on a scale of 0–100 %, the value over each bar, the label under it, and
/// the target as a line across; kept on one page.
FlowBlock chart_block(const Typesetter& setter, const doc::BarChart& chart);

/// A bordered table: widths from content, the header row repeated on each page, numbers right-aligned, a
/// row split across pages only when it is taller than a page.
FlowBlock table_block(const Typesetter& setter, const doc::Table& table);

}  // namespace vanban::layout
