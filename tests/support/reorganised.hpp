#pragma once
// A case file written before the 2025 reorganisation, moved to the bodies that replaced its own (Cục THADS tỉnh →
// Thi hành án dân sự tỉnh, Chi cục → Phòng THADS khu vực, their ký hiệu and heads' titles): what an office does to an
// old file before issuing a document dated after 30/06/2025 (E0320 otherwise). Courts keep their names: a judgment
// names its court as it was when it judged.

#include <regex>
#include <string>

namespace vanban::test {

/// `xml` with its agency, parent, ký hiệu and positions of before 01/07/2025 replaced by their successors.
inline std::string reorganised(std::string xml) {
  static const std::pair<std::regex, const char*> kRules[] = {
      {std::regex("<parent>TỔNG CỤC THI HÀNH ÁN DÂN SỰ</parent>"), "<parent>CỤC QUẢN LÝ THI HÀNH ÁN DÂN SỰ</parent>"},
      {std::regex("<parent>CỤC THI HÀNH ÁN DÂN SỰ "), "<parent>THI HÀNH ÁN DÂN SỰ "},
      {std::regex("<name>CHI CỤC THI HÀNH ÁN DÂN SỰ [^<]*</name>"), "<name>PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 1</name>"},
      {std::regex("<name>CỤC THI HÀNH ÁN DÂN SỰ "), "<name>THI HÀNH ÁN DÂN SỰ "},
      {std::regex("<code>C?CTHADS</code>"), "<code>THADS</code>"},
      {std::regex("position=\"Phó (Chi c|C)ục trưởng\""), "position=\"Phó Trưởng Thi hành án dân sự tỉnh\""},
      {std::regex("position=\"(Chi c|C)ục trưởng\""), "position=\"Trưởng Thi hành án dân sự tỉnh\""},
  };
  for (const auto& [pattern, replacement] : kRules) xml = std::regex_replace(xml, pattern, replacement);
  return xml;
}

}  // namespace vanban::test
