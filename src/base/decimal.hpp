#pragma once
// Numbers as a Vietnamese reader writes them (a decimal comma: "35,29 giây"), and as PDF and SVG write them.

#include <string>

namespace vanban {

/// `value` with `digits` decimals and a decimal comma: decimal_comma(35.294, 2) is "35,29".
std::string decimal_comma(double value, int digits);

/// Appends `value` in fixed point with at most `decimals` (0–6) digits and a decimal point, no trailing zeros, never
/// "-0"; a value that is not finite or beyond ±9·10¹⁸ in units of the last digit is written as 0. Written by hand:
/// snprintf was the largest cost of writing PDF content streams; the SVG pages write their coordinates alike.
void append_fixed(std::string& out, double value, int decimals);

}  // namespace vanban
