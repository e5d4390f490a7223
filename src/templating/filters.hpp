#pragma once
// Filters turn a context value into document text: {o.amount | money}, {date | short}, {names | join ", "}.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "templating/template.hpp"

namespace vanban::templating {

/// Applies one filter. Template errors (unknown filter, wrong argument, wrong input) are reported at the
/// filter's position; the result is then nullopt.
std::optional<Value> apply_filter(const FilterCall& filter, const Value& input, Diagnostics& diagnostics);

/// Whether a filter of this name exists (for checking templates without a case).
bool filter_exists(std::string_view name);

/// The names of all filters, for messages and documentation.
std::vector<std::string_view> filter_names();

/// The document text of a value printed bare: text as is, numbers in digits, money as "15.000.000 đồng",
/// dates as "ngày 05 tháng 3 năm 2024", booleans as "có"/"không". nullopt for lists, objects and absent values.
std::optional<std::string> to_document_text(const Value& value);

}  // namespace vanban::templating
