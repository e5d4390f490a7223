#pragma once
// Numbers as a Vietnamese reader writes them: a decimal comma ("35,29 giây").

#include <string>

namespace vanban {

/// `value` with `digits` decimals and a decimal comma: decimal_comma(35.294, 2) is "35,29".
std::string decimal_comma(double value, int digits);

}  // namespace vanban
