#pragma once
// The live preview: a document as SVG pages (Engine::render_svg) whose fonts are named so that any node of the
// service makes a font again from its name alone (nothing is kept on a node), and the key an answer is cached under.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layout/font_metrics.hpp"

namespace vanban::pipeline {

/// A font of a preview: the web font of one face drawing exactly these characters (ascending, each once).
struct FontRequest {
  layout::Face face = layout::Face::regular;
  std::vector<char32_t> code_points;
};

/// The file name of the font: "<face>-<ranges>.ttf", the face r, b, i or bi, the characters as ranges of hexadecimal
/// code points ("r-20-7e.c0-c3.1ea1.ttf").
std::string font_file_name(const FontRequest& font);

/// The font a file name names, or nullopt for a name font_file_name does not make (anything else: ranges out of
/// order, overlapping or beyond the BMP, other characters).
std::optional<FontRequest> parse_font_file_name(std::string_view name);

/// A key for an answer made from these parts (the request's content): the SHA-256 of their lengths and bytes, in
/// lowercase hexadecimal. Parts ["ab", "c"] and ["a", "bc"] give different keys.
std::string content_key(const std::vector<std::string_view>& parts);

}  // namespace vanban::pipeline
