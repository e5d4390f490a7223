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
  check(problems, "khổ giấy (rộng)", p.page_width, mm(210), mm(210), "mm", per_mm);
  check(problems, "khổ giấy (cao)", p.page_height, mm(297), mm(297), "mm", per_mm);
  check(problems, "lề trên", p.margin_top, mm(20), mm(25), "mm", per_mm);
  check(problems, "lề dưới", p.margin_bottom, mm(20), mm(25), "mm", per_mm);
  check(problems, "lề trái", p.margin_left, mm(30), mm(35), "mm", per_mm);
  check(problems, "lề phải", p.margin_right, mm(15), mm(20), "mm", per_mm);
  check(problems, "cỡ chữ nội dung", p.body_size, 13, 14, "pt", 1);
  check(problems, "giãn dòng", p.line_spacing, 1.0, 1.5, "dòng", 1);
  check(problems, "khoảng cách giữa các đoạn", p.paragraph_spacing, 6, 24, "pt", 1);
  check(problems, "thụt đầu dòng", p.first_line_indent, mm(10), mm(12.7), "mm", per_mm);
  check(problems, "cỡ chữ tên cơ quan", p.agency_size, 12, 13, "pt", 1);
  check(problems, "cỡ chữ Quốc hiệu", p.national_title_size, 12, 13, "pt", 1);
  check(problems, "cỡ chữ Tiêu ngữ", p.motto_size, 13, 14, "pt", 1);
  check(problems, "cỡ chữ số, ký hiệu", p.number_size, 13, 13, "pt", 1);
  check(problems, "cỡ chữ địa danh, ngày tháng", p.place_date_size, 13, 14, "pt", 1);
  check(problems, "cỡ chữ trích yếu công văn (V/v)", p.letter_subject_size, 12, 13, "pt", 1);
  check(problems, "cỡ chữ tên loại, trích yếu", p.title_size, 13, 14, "pt", 1);
  check(problems, "cỡ chữ chữ ký", p.signature_size, 13, 14, "pt", 1);
  check(problems, "cỡ chữ \"Nơi nhận\"", p.recipients_heading_size, 12, 12, "pt", 1);
  check(problems, "cỡ chữ danh sách nơi nhận", p.recipients_size, 11, 11, "pt", 1);
  check(problems, "cỡ chữ số trang", p.page_number_size, 13, 14, "pt", 1);
  check(problems, "cỡ chữ trong bảng", p.table_size, 12, 14, "pt", 1);
  check(problems, "độ dài đường kẻ dưới tên cơ quan", p.agency_rule_fraction, 1.0 / 3, 0.5, "độ dài chữ", 1);
  check(problems, "độ dài đường kẻ dưới trích yếu", p.subject_rule_fraction, 1.0 / 3, 0.5, "độ dài chữ", 1);
  return problems;
}

}  // namespace vanban::layout
