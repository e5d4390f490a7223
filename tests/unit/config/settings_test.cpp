// The configuration file: every key of the annotated example is read; problems are positioned and coded.

#include "config/settings.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/paths.hpp"

namespace vanban::config {
namespace {

std::optional<Settings> parse(const std::string& text, Diagnostics& diagnostics) {
  return parse_settings(text, "/etc/vanban/vanban.conf", diagnostics);
}

TEST(Settings, TheAnnotatedExampleSetsEveryKey) {
  const auto path = test::source_dir() / "etc" / "vanban.conf.example";
  Diagnostics diagnostics;
  const auto settings = parse_settings(test::read_text(path), path.string(), diagnostics);
  ASSERT_TRUE(settings) << diagnostics.to_string();
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_string();
  ASSERT_TRUE(settings->office);
  const model::OfficeProfile& office = *settings->office;
  EXPECT_EQ(office.place, "Thường Xuân");
  EXPECT_FALSE(office.address.empty());
  EXPECT_EQ(office.phone, "0237 3873 215");
  EXPECT_EQ(office.email, "ccthads.thuongxuan@moj.gov.vn");
  EXPECT_EQ(office.seal_image, (path.parent_path() / "images" / "dau.png").string());  // against the file's folder
  // The bodies the documents address, per name (a district's ended with the 2025 reorganisation).
  EXPECT_EQ(office.bodies_on(*model::Date::from_ymd(2025, 6, 30)).police, "Công an huyện Thường Xuân");
  EXPECT_EQ(office.bodies_on(*model::Date::from_ymd(2025, 6, 30)).finance,
            "Phòng Tài chính - Kế hoạch huyện Thường Xuân");
  EXPECT_EQ(office.bodies_on(*model::Date::from_ymd(2025, 7, 1)).procuracy,
            "Viện kiểm sát nhân dân khu vực 7 - Thanh Hóa");
  EXPECT_EQ(office.communes.size(), 3U);
  EXPECT_TRUE(office.confirmed_limits.empty());  // nothing confirmed until the office has checked the text
  ASSERT_EQ(office.mapping.size(), 5U);
  ASSERT_NE(office.renaming_of("CCTHADS"), nullptr);
  EXPECT_EQ(office.renaming_of("CCTHADS")->new_name, "THADS");
  ASSERT_EQ(office.names.size(), 2U);
  EXPECT_EQ(office.names[0].code, "CCTHADS");
  EXPECT_EQ(office.names[0].parent, "CỤC THI HÀNH ÁN DÂN SỰ TỈNH THANH HÓA");
  EXPECT_EQ(office.names[0].valid.until, model::Date::from_ymd(2025, 6, 30));
  EXPECT_EQ(office.names[1].valid.from, model::Date::from_ymd(2025, 7, 1));
  EXPECT_EQ(office.names[1].place, "Thường Xuân");
  ASSERT_EQ(office.officers.size(), 4U);
  EXPECT_EQ(office.officers[1].signature_image, (path.parent_path() / "images" / "chu-ky-pho.png").string());
  EXPECT_EQ(office.officers[3].card, "CHV-1187");
  EXPECT_EQ(office.officers[3].valid.from, model::Date::from_ymd(2020, 1, 1));
  ASSERT_TRUE(office.account);
  EXPECT_EQ(office.account->number, "3949.0.1055735.00000");
  EXPECT_FALSE(office.account->holder.empty());
  EXPECT_FALSE(office.account->bank.empty());
  EXPECT_EQ(settings->archive_store, "/var/lib/vanban/archive");
  EXPECT_EQ(settings->archive_database, "/var/lib/vanban/archive/archive.sqlite");
  EXPECT_EQ(settings->trust_anchors, "/etc/vanban/trust");
  EXPECT_EQ(settings->signing_tsa, "http://tsa.example.vn");  // a URL is not a path: not made absolute
  EXPECT_EQ(settings->signing_timeout, "30");
  EXPECT_EQ(settings->signing_pkcs11_module, "/usr/lib/x86_64-linux-gnu/pkcs11/vgca.so");
  EXPECT_EQ(settings->overrides, "/etc/vanban");
  EXPECT_FALSE(settings->resources);  // commented out in the example
  EXPECT_FALSE(settings->fonts);      // likewise: Liberation Serif unless the office installs Times New Roman
  EXPECT_EQ(settings->render_signer, "pho");
  EXPECT_EQ(settings->render_margins, "20,20,30,15");
  EXPECT_EQ(settings->render_line_spacing, "1");
  EXPECT_EQ(settings->render_body_size, "14");
  EXPECT_EQ(settings->batch_jobs, "2");
}

// The office's font folder and the time limits it has confirmed.
TEST(Settings, TheFontFolderAndTheConfirmedLimits) {
  Diagnostics diagnostics;
  const auto settings = parse(
      "[office]\nplace = \"A\"\nconfirmed_limits = [\"luat-2025/voluntary-period\"]\n[[office.names]]\nname = "
      "\"N\"\ncode = \"C\"\n[paths]\nfonts = \"/usr/share/fonts/truetype/msttcorefonts\"\n",
      diagnostics);
  ASSERT_TRUE(settings) << diagnostics.to_string();
  EXPECT_EQ(settings->fonts, "/usr/share/fonts/truetype/msttcorefonts");
  ASSERT_TRUE(settings->office);
  EXPECT_TRUE(settings->office->confirms("luat-2025", "voluntary-period"));
  EXPECT_FALSE(settings->office->confirms("luat-2025", "reverification"));
  EXPECT_FALSE(settings->office->confirms("luat-2008", "voluntary-period"));
}

TEST(Settings, TheOfficeOnADate) {
  const auto path = test::source_dir() / "etc" / "vanban.conf.example";
  Diagnostics diagnostics;
  const auto office = *parse_settings(test::read_text(path), path.string(), diagnostics)->office;
  const auto before = office.agency_on(*model::Date::from_ymd(2025, 6, 30));
  const auto after = office.agency_on(*model::Date::from_ymd(2025, 7, 1));
  ASSERT_TRUE(before && after);
  EXPECT_EQ(before->code.value, "CCTHADS");
  EXPECT_EQ(after->code.value, "THADS");
  EXPECT_EQ(before->place.value, "Thường Xuân");
  // The first [[office.names]] table of the example, wherever the comments above it put it.
  const std::string example = test::read_text(path);
  const auto table = example.find("[[office.names]]");
  ASSERT_NE(table, std::string::npos);
  const auto line = 1 + std::count(example.begin(), example.begin() + static_cast<std::ptrdiff_t>(table), '\n');
  EXPECT_EQ(before->loc.to_string(), path.string() + ":" + std::to_string(line) + ":1");
  EXPECT_EQ(office.officers_on(*model::Date::from_ymd(2025, 6, 30)).size(), 3U);
  EXPECT_EQ(office.officers_on(*model::Date::from_ymd(2025, 7, 1)).size(), 2U);  // the head left on 30/06/2025
}

TEST(Settings, AnUnknownKeyIsAnErrorAtItsLineWithTheNearestKnownOne) {
  Diagnostics diagnostics;
  EXPECT_FALSE(
      parse("[office]\nplace = \"A\"\nphnoe = \"1\"\n[[office.names]]\nname = \"N\"\ncode = \"C\"\n", diagnostics));
  EXPECT_EQ(diagnostics.to_string(),
            "/etc/vanban/vanban.conf:3:1: lỗi: [E0811] khóa \"phnoe\" không có trong [office] (có phải ý bạn là "
            "\"phone\"?) (các khóa: xem vanban.conf.example)\n");
}

TEST(Settings, EachProblemHasItsCodeAndPlace) {
  const auto first = [](const std::string& text) {
    Diagnostics diagnostics;
    EXPECT_FALSE(parse(text, diagnostics));
    return diagnostics.empty() ? std::string() : format_diagnostic(diagnostics.list().front());
  };
  EXPECT_EQ(
      first("[office\n").rfind("/etc/vanban/vanban.conf:1:8: lỗi: [E0810] tệp cấu hình không đúng cú pháp TOML", 0),
      0U);
  EXPECT_EQ(first("[render]\nsigner = 3\n"),
            "/etc/vanban/vanban.conf:2:10: lỗi: [E0812] render.signer phải là chuỗi trong ngoặc kép");
  EXPECT_EQ(first("[office]\nplace = \"A\"\n[[office.names]]\nname = \"N\"\ncode = \"C\"\nfrom = \"31/02/2025\"\n"),
            "/etc/vanban/vanban.conf:6:8: lỗi: [E0813] office.names.from không phải ngày (2025-07-01 hoặc "
            "\"01/07/2025\")");
  EXPECT_EQ(first("[office]\nplace = \"A\"\n[[office.names]]\nname = \"N\"\n"),
            "/etc/vanban/vanban.conf:3:1: lỗi: [E0814] thiếu khóa bắt buộc office.names.code");
  EXPECT_EQ(first("[office]\nplace = \"A\"\n"),
            "/etc/vanban/vanban.conf:1:1: lỗi: [E0814] [office] cần ít nhất một tên cơ quan [[office.names]] (name, "
            "code)");
  EXPECT_EQ(first("[archive]\nstore = \"\"\n"), "/etc/vanban/vanban.conf:2:9: lỗi: [E0813] archive.store rỗng");
  EXPECT_EQ(first("tocdo = 1\n"),
            "/etc/vanban/vanban.conf:1:1: lỗi: [E0811] khóa \"tocdo\" không có trong tệp cấu hình (các khóa: xem "
            "vanban.conf.example)");
}

TEST(Settings, SigningSettingsTheirPathsAndTheirProblems) {
  Diagnostics diagnostics;
  const auto settings =
      parse("[signing]\ntsa = \"http://127.0.0.1:3180/tsa\"\ntimeout = \"45\"\npkcs11_module = \"lib/token.so\"\n",
            diagnostics);
  ASSERT_TRUE(settings) << diagnostics.to_string();
  EXPECT_EQ(settings->signing_tsa, "http://127.0.0.1:3180/tsa");
  EXPECT_EQ(settings->signing_timeout, "45");
  EXPECT_EQ(settings->signing_pkcs11_module, "/etc/vanban/lib/token.so");  // against the file's folder
  const auto first = [](const std::string& text) {
    Diagnostics problems;
    EXPECT_FALSE(parse(text, problems));
    return problems.empty() ? std::string() : format_diagnostic(problems.list().front());
  };
  EXPECT_EQ(first("[signing]\ntsa = 3\n"),
            "/etc/vanban/vanban.conf:2:7: lỗi: [E0812] signing.tsa phải là chuỗi trong ngoặc kép");
  EXPECT_EQ(first("[signing]\npin = \"1234\"\n"),
            "/etc/vanban/vanban.conf:2:1: lỗi: [E0811] khóa \"pin\" không có trong [signing] (các khóa: xem "
            "vanban.conf.example)");
}

TEST(Settings, AnEmptyFileSetsNothing) {
  Diagnostics diagnostics;
  const auto settings = parse("# nothing\n", diagnostics);
  ASSERT_TRUE(settings);
  EXPECT_FALSE(settings->office);
  EXPECT_FALSE(settings->archive_store);
}

TEST(Settings, DatesMayBeWrittenAsAClerkWritesThem) {
  Diagnostics diagnostics;
  const auto settings = parse(
      "[office]\nplace = \"A\"\n[[office.names]]\nname = \"N\"\ncode = \"C\"\nfrom = \"01/07/2025\"\nuntil = "
      "2026-12-31\n",
      diagnostics);
  ASSERT_TRUE(settings) << diagnostics.to_string();
  EXPECT_EQ(settings->office->names[0].valid.from, model::Date::from_ymd(2025, 7, 1));
  EXPECT_EQ(settings->office->names[0].valid.until, model::Date::from_ymd(2026, 12, 31));
}

}  // namespace
}  // namespace vanban::config
