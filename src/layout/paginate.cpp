// Pagination: fill each page, and when a band does not fit, break at the latest place the keep rules allow.

#include <algorithm>

#include "layout/flow.hpp"

namespace vanban::layout {

namespace {

struct Band {
  const Slice* slice = nullptr;
  std::size_t block = 0;
  double space_before = 0;   ///< only the first band of a block has one
  bool break_before = true;  ///< a page break is allowed right before this band
  bool forced_before = false;
};

void place(Page& page, const Slice& slice, double top) {
  for (auto text : slice.texts) {
    text.baseline += top;
    page.texts.push_back(std::move(text));
  }
  for (auto rule : slice.rules) {
    rule.y1 += top;
    rule.y2 += top;
    page.rules.push_back(rule);
  }
  for (auto box : slice.signature_boxes) {
    box.top += top;
    page.signature_boxes.push_back(box);
  }
}

std::vector<Band> bands_of(const std::vector<FlowBlock>& blocks) {
  std::vector<Band> bands;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const FlowBlock& block = blocks[b];
    const std::size_t n = block.slices.size();
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
        band.break_before = !block.keep_together && i >= block.orphans && n - i >= block.widows;
      }
      bands.push_back(band);
    }
  }
  return bands;
}

}  // namespace

std::vector<Page> paginate(std::vector<FlowBlock> blocks, double top, double bottom) {
  blocks.erase(std::remove_if(blocks.begin(), blocks.end(), [](const FlowBlock& b) { return b.slices.empty(); }),
               blocks.end());
  const std::vector<Band> bands = bands_of(blocks);
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
      if (y + gap + bands[end].slice->height > bottom + 1e-6 && end > start) break;
      y += gap + bands[end].slice->height;
      ++end;
    }
    if (end < bands.size() && !bands[end].forced_before) {
      // Back up to the latest allowed break after `start`.
      std::size_t cut = end;
      while (cut > start + 1 && !bands[cut].break_before) --cut;
      if (cut > start + 1 || bands[cut].break_before) end = cut;
    }
    Page page;
    double at = top;
    if (header != nullptr) {
      place(page, *header, at);
      at += header->height;
    }
    for (std::size_t i = start; i < end; ++i) {
      if (i > start) at += bands[i].space_before;
      place(page, *bands[i].slice, at);
      at += bands[i].slice->height;
    }
    pages.push_back(std::move(page));
    start = end;
  }
  if (pages.empty()) pages.emplace_back();
  return pages;
}

}  // namespace vanban::layout
