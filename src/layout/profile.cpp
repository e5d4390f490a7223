#include "layout/profile.hpp"

#include <cstdio>

namespace vanban::layout {

namespace {
void check(std::vector<std::string>& problems, const char* what, double value, double low, double high,
           const char* unit, double scale) {
  if (value + 1e-9 < low || value - 1e-9 > high) {
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, "%s phải trong khoảng %.2f–%.2f %s (đang là %.2f)", what, low / scale,
                  high / scale, unit, value / scale);
    problems.emplace_back(buffer);
  }
}
}  // namespace

std::vector<std::string> check_profile(const Profile& p) {
  std::vector<std::string> problems;
  const double per_mm = mm(1);
  check(problems, "lề trên", p.margin_top, mm(20), mm(25), "mm", per_mm);
  check(problems, "lề dưới", p.margin_bottom, mm(20), mm(25), "mm", per_mm);
  check(problems, "lề trái", p.margin_left, mm(30), mm(35), "mm", per_mm);
  check(problems, "lề phải", p.margin_right, mm(15), mm(20), "mm", per_mm);
  check(problems, "cỡ chữ nội dung", p.body_size, 13, 14, "pt", 1);
  check(problems, "giãn dòng", p.line_spacing, 1.0, 1.5, "lần", 1);
  check(problems, "khoảng cách giữa các đoạn", p.paragraph_spacing, 6, 24, "pt", 1);
  check(problems, "thụt đầu dòng", p.first_line_indent, mm(10), mm(12.7), "mm", per_mm);
  return problems;
}

}  // namespace vanban::layout
