#pragma once
// Internal to sign: the appearance streams of a signature widget (Nghị định 30/2020, Phụ lục I) as PDF/A-1
// objects: an image with a stencil mask (no SMask, no transparency group), or lines of text in an
// embedded CID font (its objects as pdfobj::write_font makes them), or nothing at all.

#include <array>
#include <string>
#include <vector>

#include "sign/font_source.hpp"
#include "sign/pdf_objects.hpp"
#include "sign/png_image.hpp"

namespace vanban::sign {

/// A rectangle in default user space: x1, y1, x2, y2 with x1 <= x2 and y1 <= y2.
using Rect = std::array<double, 4>;

/// An empty appearance (invisible signatures): a form with an empty content stream.
Ref add_empty_appearance(IncrementalUpdate& update, const Rect& rect);

/// An appearance that draws `image` filling `rect`.
Ref add_image_appearance(IncrementalUpdate& update, const RasterImage& image, const Rect& rect);

/// The size in points of lines of text set in `font` at `size` points with `leading`.
std::array<double, 2> text_block_size(const EmbeddableFont& font, const std::vector<std::u32string>& lines, double size,
                                      double leading);

/// An appearance that sets `lines` right-aligned in `rect`, in `font` at `size` points, black.
Ref add_text_appearance(IncrementalUpdate& update, const EmbeddableFont& font, const std::vector<std::u32string>& lines,
                        double size, double leading, const Rect& rect);

}  // namespace vanban::sign
