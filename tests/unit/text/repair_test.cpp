#include "text/repair.hpp"

#include <gtest/gtest.h>

#include "text/normalize.hpp"

namespace vanban::text {
namespace {

// Known sentences, as officers' data holds them. TCVN3 has no capitals with tone marks (those came from the
// ".VnTimeH" fonts): they come back at the start of a field and in the words of a name; capital lines are tested
// on their own.
const std::vector<std::string> kSentences = {
    "Ninh Bình",
    "Xin chào các bạn",
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Người phải thi hành án Lương Văn Tường, sinh năm 1991",
    "Quyết định thi hành án theo đơn yêu cầu của người được thi hành án",
    "Bản Na Ca, xã Châu Lộc, huyện Quỳ Hợp, tỉnh Nghệ An",
    "Tịch thu sung quỹ Nhà nước số tiền dùng vào việc phạm tội",
    "Ông Đậu Văn Khánh và bà Trương Thị Hoài Thương có nghĩa vụ liên đới trả nợ",
    "Nguyễn Thị Mỹ Yến, khuya, thuở ấy, giường, nghiêng, quyết, gìn giữ, ngoằn ngoèo",
    "Hợp đồng thế chấp số 3607-LCP-201900211 ngày 12/3/2019",
    "Số 18, đường Lê Hồng Phong, thành phố Vinh",
    // TCVN3 loses the capital of a toned first letter; a field's first letter and the words of a name get it back.
    "Án phí hình sự sơ thẩm",
    "Võ Thị Ánh Tuyết",
    "Ủy ban nhân dân xã Châu Cường",
};

const std::vector<std::string> kCapitalLines = {
    "CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUỲ HỢP",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "QUYẾT ĐỊNH",
};

struct Encoding {
  TextOrigin origin;
  const char* name;
};

class LegacySample : public ::testing::TestWithParam<Encoding> {};

TEST_P(LegacySample, RoundTripsKnownSentences) {
  for (const auto& sentence : kSentences) {
    const auto bytes = encode_legacy(sentence, GetParam().origin);
    ASSERT_TRUE(bytes) << sentence;
    EXPECT_NE(*bytes, sentence);
    const std::string decoded = decode_legacy(*bytes, GetParam().origin);
    EXPECT_EQ(encode_legacy(decoded, GetParam().origin), bytes) << sentence;
    // TCVN3 writes "Á" with the code of "á" (see above); the other two keep every letter.
    if (GetParam().origin != TextOrigin::tcvn3) {
      EXPECT_EQ(decoded, sentence);
    }
  }
  EXPECT_EQ(decode_legacy(*encode_legacy("Xin chào các bạn", TextOrigin::tcvn3), TextOrigin::tcvn3),
            "Xin chào các bạn");
}

TEST_P(LegacySample, MisreadTextIsDetectedAndRepaired) {
  for (const auto& sentence : kSentences) {
    const std::string misread = read_as_windows_1252(*encode_legacy(sentence, GetParam().origin));
    const Repaired repaired = repair_vietnamese(misread);
    EXPECT_EQ(repaired.text, sentence) << misread;
    // VNI writes ì with the Latin-1 code: "Ninh Bình" reads right as it is.
    EXPECT_EQ(repaired.origin, misread == sentence ? TextOrigin::unicode : GetParam().origin) << misread;
  }
}

TEST_P(LegacySample, CapitalLinesComeBackInCapitals) {
  for (const auto& line : kCapitalLines) {
    const std::string misread = read_as_windows_1252(*encode_legacy(line, GetParam().origin));
    const Repaired repaired = repair_vietnamese(misread);
    EXPECT_EQ(repaired.text, line) << misread;
    EXPECT_EQ(repaired.origin, GetParam().origin);
  }
}

INSTANTIATE_TEST_SUITE_P(Encodings, LegacySample,
                         ::testing::Values(Encoding{TextOrigin::tcvn3, "tcvn3"}, Encoding{TextOrigin::vni, "vni"},
                                           Encoding{TextOrigin::windows_1258, "windows_1258"}),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST_P(LegacySample, ShortFieldsNeedTheFileToAgree) {
  // One weak sign ("Thanh Hoùa": VNI for Thanh Hóa) is not enough on its own, but is when the file's other
  // fields are clearly in the same encoding.
  for (const std::string field : {"Thanh Hóa", "Nghệ An", "Vi Thị Thu Duyên", "12/2023/QĐST-KDTM"}) {
    const std::string misread = read_as_windows_1252(*encode_legacy(field, GetParam().origin));
    const Repaired repaired = repair_vietnamese(misread, GetParam().origin);
    EXPECT_EQ(repaired.text, field) << misread;
    EXPECT_EQ(repaired.origin, misread == field ? TextOrigin::unicode : GetParam().origin) << misread;
  }
  OriginTally tally;
  tally.add("Nguyen Van A");  // ASCII: no vote
  for (const auto& sentence : kSentences) tally.add(read_as_windows_1252(*encode_legacy(sentence, GetParam().origin)));
  EXPECT_EQ(tally.dominant(), GetParam().origin);
  tally.add("Nguyễn");  // real Unicode in the same file: no prior
  EXPECT_EQ(tally.dominant(), TextOrigin::unicode);
}

TEST(Repair, TallyNeedsAgreement) {
  OriginTally tally;
  EXPECT_EQ(tally.dominant(), TextOrigin::unicode);
  tally.add("Ninh B×nh");
  EXPECT_EQ(tally.dominant(), TextOrigin::unicode);  // one field is not a file
  tally.add("Hµ Néi");
  EXPECT_EQ(tally.dominant(), TextOrigin::tcvn3);
  tally.add("Xin chaøo caùc baïn");
  EXPECT_EQ(tally.dominant(), TextOrigin::unicode);  // two encodings: no prior
}

TEST(Repair, PublishedByteValues) {
  // DOMAIN.md §8 and the TCVN3 and VNI tables: exact bytes for a few letters.
  EXPECT_EQ(*encode_legacy("àáảãạ", TextOrigin::tcvn3), "\xB5\xB8\xB6\xB7\xB9");
  EXPECT_EQ(*encode_legacy("ăâđ", TextOrigin::tcvn3), "\xA8\xA9\xAE");
  EXPECT_EQ(*encode_legacy("ì", TextOrigin::tcvn3), "\xD7");
  EXPECT_EQ(*encode_legacy("ư", TextOrigin::tcvn3), "\xAD");
  EXPECT_EQ(*encode_legacy("ĂÂÊÔƠƯĐ", TextOrigin::tcvn3), "\xA1\xA2\xA3\xA4\xA5\xA6\xA7");
  EXPECT_EQ(read_as_windows_1252(*encode_legacy("Ninh Bình", TextOrigin::tcvn3)), "Ninh B×nh");
  EXPECT_EQ(read_as_windows_1252(*encode_legacy("Xin chào các bạn", TextOrigin::vni)), "Xin chaøo caùc baïn");
  EXPECT_EQ(*encode_legacy("Ơ ư Đ ỵ ị", TextOrigin::vni), "\xD4 \xF6 \xD1 \xEE \xF2");
  EXPECT_EQ(*encode_legacy("Bình", TextOrigin::windows_1258), "Bi\xCCnh");
  EXPECT_EQ(*encode_legacy("Việt", TextOrigin::windows_1258), "Vi\xEA\xF2t");
  EXPECT_FALSE(encode_legacy("Ж", TextOrigin::vni));
  EXPECT_FALSE(encode_legacy("ä", TextOrigin::tcvn3));
}

TEST(Repair, DoublyDecodedUtf8) {
  const Repaired repaired = repair_vietnamese(read_as_windows_1252("Nguyễn Văn Việt"));
  EXPECT_EQ(repaired.text, "Nguyễn Văn Việt");
  EXPECT_EQ(repaired.origin, TextOrigin::utf8_as_1252);
}

TEST(Repair, DecomposedAndCombiningUnicode) {
  const Repaired nfd = repair_vietnamese("Vie\xCC\xA3\xCC\x82t Nam");
  EXPECT_EQ(nfd.text, "Việt Nam");
  EXPECT_EQ(nfd.origin, TextOrigin::decomposed);
  const Repaired combining = repair_vietnamese("Vi\xC3\xAA\xCC\xA3t Nam");  // ê + combining dot below
  EXPECT_EQ(combining.text, "Việt Nam");
  EXPECT_EQ(combining.origin, TextOrigin::combining);
}

TEST(Repair, CorrectTextIsLeftAlone) {
  const std::vector<std::string> correct = {
      "",
      "Nguyen Van A",
      "THA-2024-000123",
      "CCTHADS",
      "Nguyễn Thị Müller",
      "José",
      "José García Muñoz",
      "François Loïc Dupont",
      "Loïc Dupont",
      "Zoë Noël",
      "Chloé Renée Hélène",
      "Søren Kierkegaard",
      "Björk Guðmundsdóttir",
      "Anaïs Thaïs Maëlle",
      "Raúl Gómez Iñíguez",
      "São João",
      "Tô Lê",
      "Lê Hà",
      "Tô Thái Hà",
      "Hà Nội",
      "Công ty TNHH Khai thác và Chế biến Đá Châu Quang",
      "Diện tích 312,5 m²",
      "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam – Chi nhánh huyện Quỳ Hợp",
      "€ 150, “quoted”, 50 %, © 2024",
      "Ça va, à bientôt",
  };
  for (const auto& text : correct) {
    const Repaired repaired = repair_vietnamese(text);
    EXPECT_EQ(repaired.text, text);
    EXPECT_EQ(repaired.origin, TextOrigin::unicode) << text;
  }
  // Every sentence in correct Unicode, and in capitals.
  for (const auto& text : kSentences) EXPECT_EQ(repair_vietnamese(text).origin, TextOrigin::unicode) << text;
  for (const auto& text : kCapitalLines) EXPECT_EQ(repair_vietnamese(text).origin, TextOrigin::unicode) << text;
}

TEST(Repair, Syllables) {
  for (const char* word : {"Việt", "nghiêng", "khuya", "thuở", "giường", "gì", "quyết", "ngoằn", "ngoèo", "oà", "ĐỨC",
                           "yêu", "hoặc", "xoong", "uống", "ấy"})
    EXPECT_TRUE(is_vietnamese_syllable(word)) << word;
  for (const char* word : {"José", "Müller", "Dupont", "TNHH", "B×nh", "chaøo", "ka", "cê", "hóá", "tat", "bạnh̀", ""})
    EXPECT_FALSE(is_vietnamese_syllable(word)) << word;
}

}  // namespace
}  // namespace vanban::text
