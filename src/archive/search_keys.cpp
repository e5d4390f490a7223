#include "archive/search_keys.hpp"

#include "text/collation.hpp"
#include "text/normalize.hpp"

namespace vanban::archive {

std::string search_key(std::string_view text) { return text::fold_for_search(text::normalize_field(text)); }

}  // namespace vanban::archive
