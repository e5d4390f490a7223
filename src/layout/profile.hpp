#pragma once
// The Nghị định 30/2020 layout profile: page geometry and the typography of each part, in points.
// Defaults follow ../shared/DOMAIN.md §1; `check_profile` keeps every value within the legal ranges.

#include <string>
#include <vector>

namespace vanban::layout {

/// Millimetres to points.
constexpr double mm(double millimetres) { return millimetres * 72.0 / 25.4; }

/// Height of one line at single spacing, as a multiple of the font size: what a word processor calls
/// "single" for Times New Roman and Liberation Serif (ascent 0.891 + descent 0.216 + line gap 0.042 em).
inline constexpr double kSingleLine = 1.15;

struct Profile {
  double page_width = mm(210);
  double page_height = mm(297);
  double margin_top = mm(20);     ///< 20–25 mm
  double margin_bottom = mm(20);  ///< 20–25 mm
  double margin_left = mm(30);    ///< 30–35 mm
  double margin_right = mm(15);   ///< 15–20 mm

  double body_size = 14;                ///< 13–14 pt
  double line_spacing = 1.0;            ///< body line height in lines: 1.0 (single, the minimum) … 1.5
  double paragraph_spacing = 6;         ///< at least 6 pt between paragraphs
  double first_line_indent = mm(12.7);  ///< 1 cm or 1.27 cm

  double header_left_width = mm(75);    ///< agency column; the rest is the Quốc hiệu column
  double agency_size = 12;              ///< parent agency and agency: 12–13 pt
  double national_title_size = 12;      ///< Quốc hiệu: 12–13 pt
  double motto_size = 13;               ///< Tiêu ngữ: 13–14 pt
  double number_size = 13;              ///< Số, ký hiệu: 13 pt
  double letter_subject_size = 12;      ///< a công văn's "V/v …" under Số: 12–13 pt
  double place_date_size = 13;          ///< 13–14 pt
  double title_size = 14;               ///< tên loại and trích yếu: 13–14 pt
  double signature_size = 14;           ///< authority, title and name: 13–14 pt
  double recipients_heading_size = 12;  ///< "Nơi nhận:": 12 pt
  double recipients_size = 11;          ///< recipient list: 11 pt
  double page_number_size = 13;         ///< 13–14 pt
  double table_size = 13;  ///< table text: 12–14 pt (not fixed by the decree; the body size or a point less)
  double signature_column_width = mm(95);
  double signature_gap = mm(25);  ///< room for the handwritten signature and seal
  double rule_thickness = 0.6;
  double agency_rule_fraction = 0.4;   ///< 1/3–1/2 of the agency name
  double subject_rule_fraction = 0.4;  ///< 1/3–1/2 of the trích yếu
  /// Where a long agency name or signing title should wrap: before an administrative unit.
  std::vector<std::string> preferred_header_breaks = {"TỈNH",    "THÀNH PHỐ", "HUYỆN",  "QUẬN",     "THỊ XÃ",
                                                      "KHU VỰC", "XÃ",        "PHƯỜNG", "THỊ TRẤN", "ĐẶC KHU"};
  /// Where a deciding authority ("CHI CỤC TRƯỞNG CHI CỤC THI HÀNH ÁN DÂN SỰ …") should wrap first: between the
  /// title and the agency's name.
  std::vector<std::string> agency_name_starts = {"CHI CỤC THI HÀNH ÁN", "CỤC THI HÀNH ÁN", "PHÒNG THI HÀNH ÁN",
                                                 "THI HÀNH ÁN DÂN SỰ"};
  /// Words a centred upper-case line should not be broken between, when it can be broken elsewhere.
  std::vector<std::string> unbreakable_phrases = {"CHI CỤC",       "THI HÀNH ÁN", "DÂN SỰ",
                                                  "VIỆN KIỂM SÁT", "TÒA ÁN",      "NHÂN DÂN"};
};

/// Body line height in points: the line spacing times the single line of the body size.
constexpr double body_line_height(const Profile& profile) {
  return profile.line_spacing * kSingleLine * profile.body_size;
}

/// Problems with a profile, one message (Vietnamese) per value outside its legal range.
std::vector<std::string> check_profile(const Profile& profile);

}  // namespace vanban::layout
