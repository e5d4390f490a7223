// Pagination: fill each page, and when a band does not fit, break at the latest place the keep rules allow.

#include <algorithm>
#include <cmath>

#include "layout/flow.hpp"

namespace vanban::layout {

namespace {

// Without font metrics here, a line of text is taken to reach this far above and below its baseline, in em:
// Liberation Serif's highest and lowest Vietnamese marks (0.906 and 0.221), which single spacing (1.15) clears.
constexpr double kAbove = 0.91;
constexpr double kBelow = 0.22;
constexpr double kEpsilon = 1e-6;

struct Band {
  const Slice* slice = nullptr;
  std::size_t block = 0;
  double space_before = 0;   ///< only the first band of a block has one
  bool break_before = true;  ///< a page break is allowed right before this band
  bool forced_before = false;
};

void place(Page& page, const Slice& slice, double top, bool page_ends) {
  for (auto text : slice.texts) {
    text.baseline += top;
    page.texts.push_back(std::move(text));
  }
  const auto add = [&](PlacedRule rule) {
    rule.y1 += top;
    rule.y2 += top;
    page.rules.push_back(rule);
  };
  for (const auto& rule : slice.rules) add(rule);
  for (auto rect : slice.rects) {
    rect.top += top;
    page.rects.push_back(rect);
  }
  if (page_ends)
    for (const auto& rule : slice.rules_at_break) add(rule);
  for (auto box : slice.signature_boxes) {
    box.top += top;
    page.signature_boxes.push_back(box);
  }
}

double block_height(const FlowBlock& block) {
  double height = 0;
  for (const auto& slice : block.slices) height += slice.height;
  return height;
}

// Cuts a band taller than `limit` between its lines of text; vertical rules are cut with it.
std::vector<Slice> cut_tall(const Slice& slice, double limit) {
  if (slice.height <= limit + kEpsilon) return {slice};
  // A cut may not cross a line of text.
  std::vector<std::pair<double, double>> spans;
  for (const auto& text : slice.texts)
    spans.emplace_back(text.baseline - kAbove * text.size, text.baseline + kBelow * text.size);
  const auto clean = [&](double y) {
    for (const auto& [low, high] : spans)
      if (low < y - kEpsilon && y + kEpsilon < high) return false;
    return true;
  };
  std::vector<double> cuts;
  double from = 0;
  while (slice.height - from > limit + kEpsilon) {
    // The lowest clean cut within reach; with none, cut at the limit.
    double best = from + limit;
    if (!clean(best)) {
      double found = -1;
      for (const auto& [low, high] : spans)
        for (const double y : {low, high})
          if (y > from + kEpsilon && y <= from + limit && y > found && clean(y)) found = y;
      if (found > 0) best = found;
    }
    cuts.push_back(best);
    from = best;
  }
  cuts.push_back(slice.height);
  std::vector<Slice> pieces;
  double top = 0;
  for (const double bottom : cuts) {
    Slice piece;
    piece.height = bottom - top;
    for (auto text : slice.texts) {
      if (text.baseline < top || text.baseline >= bottom) continue;
      text.baseline -= top;
      piece.texts.push_back(std::move(text));
    }
    for (auto rule : slice.rules) {
      const double low = std::min(rule.y1, rule.y2), high = std::max(rule.y1, rule.y2);
      if (high < top || low > bottom || (low == high && (low == bottom && bottom != slice.height))) continue;
      rule.y1 = std::clamp(rule.y1, top, bottom) - top;
      rule.y2 = std::clamp(rule.y2, top, bottom) - top;
      piece.rules.push_back(rule);
    }
    for (auto rect : slice.rects) {  // a rectangle goes with the piece it starts in
      if (rect.top < top || rect.top >= bottom) continue;
      rect.top -= top;
      piece.rects.push_back(rect);
    }
    for (auto box : slice.signature_boxes) {  // a box goes with the piece it starts in
      if (box.top < top || box.top >= bottom) continue;
      box.top -= top;
      piece.signature_boxes.push_back(box);
    }
    piece.keep_with_previous = !pieces.empty();
    pieces.push_back(std::move(piece));
    top = bottom;
  }
  pieces.front().keep_with_previous = slice.keep_with_previous;
  pieces.back().rules_at_break = slice.rules_at_break;
  return pieces;
}

std::vector<Band> bands_of(const std::vector<FlowBlock>& blocks, double page) {
  std::vector<Band> bands;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const FlowBlock& block = blocks[b];
    const std::size_t n = block.slices.size();
    // A block taller than a page cannot be kept together: it breaks where its other rules allow.
    const bool together = block.keep_together && block_height(block) <= page;
    const std::size_t first = bands.size();
    for (std::size_t i = 0; i < n; ++i) {
      Band band;
      band.slice = &block.slices[i];
      band.block = b;
      if (i == 0) {
        band.space_before = block.space_before;
        band.forced_before = block.page_break_before;
        const bool previous_keeps = b > 0 && blocks[b - 1].keep_with_next;
        band.break_before = !previous_keeps && !block.keep_with_previous;
      } else {
        // Inside a block: orphans stay behind, widows go ahead, kept blocks never split.
        band.break_before = !together && i >= block.orphans && n - i >= block.widows && !band.slice->keep_with_previous;
      }
      bands.push_back(band);
    }
    // The lines of text before a block that keeps with them (the signature) come along.
    if (block.keep_with_previous && n > 0)
      for (std::size_t k = 1; k < block.carry_lines && k <= first; ++k) bands[first - k].break_before = false;
  }
  return bands;
}

}  // namespace

std::vector<Page> paginate(std::vector<FlowBlock> blocks, double top, double bottom) {
  const double page = bottom - top;
  blocks.erase(std::remove_if(blocks.begin(), blocks.end(), [](const FlowBlock& b) { return b.slices.empty(); }),
               blocks.end());
  for (auto& block : blocks) {
    const double header = block.repeat_header ? block.repeat_header->height : 0;
    std::vector<Slice> slices;
    for (std::size_t i = 0; i < block.slices.size(); ++i)
      for (auto& piece : cut_tall(block.slices[i], i == 0 ? page : page - header)) slices.push_back(std::move(piece));
    block.slices = std::move(slices);
  }
  const std::vector<Band> bands = bands_of(blocks, page);
  std::vector<Page> pages;
  std::size_t start = 0;
  while (start < bands.size()) {
    // How many bands fit on this page from `start`?
    double y = top;
    std::size_t end = start;
    const Slice* header = nullptr;
    if (start > 0 && bands[start].block == bands[start - 1].block && blocks[bands[start].block].repeat_header) {
      header = &*blocks[bands[start].block].repeat_header;
      y += header->height;
    }
    while (end < bands.size()) {
      if (end > start && bands[end].forced_before) break;
      const double gap = end == start ? 0 : bands[end].space_before;
      if (y + gap + bands[end].slice->height > bottom + kEpsilon && end > start) break;
      y += gap + bands[end].slice->height;
      ++end;
    }
    if (end < bands.size() && !bands[end].forced_before) {
      // Back up to the latest allowed break after `start`; when there is none, break where the page is full.
      std::size_t cut = end;
      while (cut > start + 1 && !bands[cut].break_before) --cut;
      if (bands[cut].break_before) end = cut;
    }
    Page page_out;
    double at = top;
    if (header != nullptr) {
      place(page_out, *header, at, false);
      at += header->height;
    }
    for (std::size_t i = start; i < end; ++i) {
      if (i > start) at += bands[i].space_before;
      place(page_out, *bands[i].slice, at, i + 1 == end && end < bands.size());
      at += bands[i].slice->height;
    }
    pages.push_back(std::move(page_out));
    start = end;
  }
  if (pages.empty()) pages.emplace_back();
  return pages;
}

}  // namespace vanban::layout
