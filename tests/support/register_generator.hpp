#pragma once
// A deterministic register of N invented cases for batch tests: varied Vietnamese names, both enforcement
// modes, some mortgaged assets, some cases without means, and (optionally) cases that cannot be rendered.

#include <cstdint>
#include <string>

namespace vanban::test {

struct GeneratedRegister {
  std::string xml;
  std::size_t unrenderable = 0;  ///< cases whose debtor name holds a character the font cannot show
  std::size_t on_request = 0;    ///< cases enforced on request (a template for ex-officio cases does not apply)
  std::size_t unrenderable_ex_officio = 0;  ///< unrenderable cases enforced ex officio
};

/// `count` cases; every `unrenderable_every`-th case (0: none) gets a debtor name the font cannot show.
inline GeneratedRegister generate_register(std::size_t count, std::size_t unrenderable_every = 0) {
  static const char* kFamily[] = {"Nguyễn", "Trần",  "Lê", "Phạm", "Hoàng", "Đặng", "Bùi", "Đỗ", "Hồ",
                                  "Ngô",    "Dương", "Lý", "Vi",   "Lương", "Lò",   "Ưng", "Âu", "Ông"};
  static const char* kMiddle[] = {"Văn", "Thị", "Hữu", "Ngọc", "Quốc", "Thu", "Minh", "Đức"};
  static const char* kGiven[] = {"Hùng", "Nhung", "Tường", "Ánh",  "Đạt", "Yến", "Ước", "Khánh",
                                 "Hằng", "Lực",   "Quý",   "Thảo", "Ân",  "Ơn",  "Ý"};
  GeneratedRegister out;
  std::uint64_t seed = 20241015;
  const auto next = [&seed]() {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(seed >> 33U);
  };
  out.xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<register xmlns=\"urn:vanban:case:1\">\n";
  for (std::size_t i = 1; i <= count; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "THA-2024-%06zu", i);
    std::string name = std::string(kFamily[next() % 18]) + " " + kMiddle[next() % 8] + " " + kGiven[next() % 15];
    if (unrenderable_every != 0 && i % unrenderable_every == 0) {
      name += " 王";  // no glyph in Liberation Serif
      ++out.unrenderable;
    }
    const bool ex_officio = next() % 3 != 0;
    out.on_request += ex_officio ? 0 : 1;
    if (ex_officio && unrenderable_every != 0 && i % unrenderable_every == 0) ++out.unrenderable_ex_officio;
    const bool mortgaged = next() % 4 == 0;
    const bool no_means = next() % 5 == 0;
    const std::size_t amount = 100000 * (1 + next() % 5000);
    const std::size_t paid = next() % 3 == 0 ? amount : 0;
    out.xml += "<case id=\"" + std::string(id) +
               "\"><agency><parent>THI HÀNH ÁN DÂN SỰ TỈNH NGHỆ AN</parent><name>PHÒNG THI HÀNH ÁN DÂN SỰ "
               "KHU VỰC 9</name><code>THADS</code><place>Nghệ An</place></agency>"
               "<officers><officer id=\"h\" position=\"Trưởng Thi hành án dân sự tỉnh\">Hoàng Minh Đức</officer>"
               "<officer id=\"c\" position=\"Chấp hành viên\">Lữ Văn Thắng</officer></officers>"
               "<judgments><judgment id=\"j\" kind=\"Bản án\" number=\"" +
               std::to_string(i) +
               "/2024/DS-ST\" date=\"2024-01-10\" court=\"Tòa án nhân dân huyện Quỳ Hợp, tỉnh Nghệ An\"/></judgments>"
               "<parties><person id=\"p\" role=\"debtor\"><name>" +
               name + "</name><gender>" + (next() % 2 ? "male" : "female") +
               "</gender><address>Xã Châu Quang, huyện Quỳ Hợp, tỉnh Nghệ An</address></person>"
               "<organization id=\"b\" role=\"creditor\"><name>Ngân hàng Nông nghiệp và Phát triển Nông thôn – Chi "
               "nhánh Quỳ Hợp</name></organization></parties>"
               "<obligations><obligation id=\"o\" kind=\"debt\" debtor=\"p\" creditor=\"b\" judgment=\"j\"><text>Trả "
               "nợ vay</text><amount>" +
               std::to_string(amount) + "</amount></obligation></obligations>" +
               (mortgaged ? "<assets><asset id=\"a\" owner=\"p\" kind=\"land\" mortgagee=\"b\"><text>Quyền sử dụng "
                            "đất</text></asset></assets>"
                          : "") +
               "<enforcement mode=\"" + (ex_officio ? "ex-officio" : "on-request") +
               "\" officer=\"c\"><decision date=\"2024-02-01\" signer=\"h\"/><events>" +
               (paid ? "<payment date=\"2024-03-01\" amount=\"" + std::to_string(paid) + "\" obligation=\"o\"/>" : "") +
               "</events><status as-of=\"2024-09-30\" condition=\"" + (no_means ? "no-means" : "has-means") +
               "\" result=\"in-progress\"/></enforcement></case>\n";
  }
  out.xml += "</register>\n";
  return out;
}

}  // namespace vanban::test
