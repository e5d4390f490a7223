#pragma once
// The font of the text-only signature appearance (attachments: a 10 pt block at the top right of page 1).
// PDF/A needs every font embedded, and sign cannot read fonts itself: the front end or the pipeline
// implements FontSource over the project's fonts (Liberation Serif, metric-compatible with Times New Roman).

#include <optional>
#include <string_view>

#include "pdfobj/font.hpp"

namespace vanban::sign {

/// Makes embeddable subsets of one regular serif face.
class FontSource {
 public:
  virtual ~FontSource() = default;
  /// A subset holding every character of `text`; nullopt when the face lacks one of them.
  [[nodiscard]] virtual std::optional<pdfobj::EmbeddableFont> subset(std::u32string_view text) const = 0;
};

}  // namespace vanban::sign
