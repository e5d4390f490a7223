#pragma once
// Internal to layout: the vertical flow between collecting blocks and paginating them.

#include <optional>
#include <vector>

#include "layout/page_set.hpp"

namespace vanban::layout {

/// An unbreakable horizontal band: placed items with y relative to the band's top.
struct Slice {
  double height = 0;
  std::vector<PlacedText> texts;
  std::vector<PlacedRule> rules;
  std::vector<SignatureBox> signature_boxes;
};

/// One block's bands and the rules for breaking pages inside and around it.
struct FlowBlock {
  std::vector<Slice> slices;
  double space_before = 0;         ///< dropped at the top of a page
  std::size_t orphans = 1;         ///< bands that must stay at the bottom of a page when the block splits
  std::size_t widows = 1;          ///< bands that must start the next page when the block splits
  bool keep_together = false;
  bool keep_with_next = false;     ///< no page break between this block and the next
  bool keep_with_previous = false; ///< no page break between the previous block and this one
  bool page_break_before = false;
  std::optional<Slice> repeat_header;  ///< a table's header row, repeated on each page the block continues on
};

/// Places the blocks on pages of the content area [top, bottom), x unchanged.
std::vector<Page> paginate(std::vector<FlowBlock> blocks, double top, double bottom);

}  // namespace vanban::layout
