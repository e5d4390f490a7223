// The one place a case meets the office profile: what it lacks is filled as the profile stands on the document's
// date; what it carries is kept, with a warning where it disagrees.

#include "pipeline/office.hpp"

#include <gtest/gtest.h>

#include "pipeline/request.hpp"
#include "support/law.hpp"

namespace vanban::pipeline {
namespace {

model::Date date(int y, int m, int d) { return *model::Date::from_ymd(y, m, d); }

model::OfficeProfile profile() {
  model::OfficeProfile office;
  office.place = "Quỳ Hợp";
  office.names.push_back({"CỤC THI HÀNH ÁN DÂN SỰ TỈNH NGHỆ AN",
                          "CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUỲ HỢP",
                          "CCTHADS",
                          "",
                          "",
                          "",
                          "",
                          {std::nullopt, date(2025, 6, 30)},
                          {}});
  office.names.push_back({"THI HÀNH ÁN DÂN SỰ TỈNH NGHỆ AN",
                          "PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 5 - NGHỆ AN",
                          "PTHADS",
                          "",
                          "",
                          "",
                          "",
                          {date(2025, 7, 1), std::nullopt},
                          {}});
  office.officers.push_back({"chv", "Phạm Quốc Khánh", "Chấp hành viên", "", "", {}, {}});
  office.officers.push_back({"truong", "Lê Văn A", "Chi cục trưởng", "", "", {std::nullopt, date(2025, 6, 30)}, {}});
  return office;
}

model::Case bare() {
  model::Case c;
  c.id = "THA-1";
  c.enforcement.officer_id = "chv";
  return c;
}

TEST(Office, ACaseWithoutAgencyAndOfficersTakesThoseOnTheDocumentsDate) {
  const auto office = profile();
  Diagnostics diagnostics;
  std::shared_ptr<const model::Case> completed;
  ASSERT_TRUE(complete_case(bare(), &office, date(2025, 6, 30), completed, diagnostics));
  ASSERT_TRUE(completed);
  EXPECT_EQ(completed->agency.code.value, "CCTHADS");
  EXPECT_EQ(completed->agency.place.value, "Quỳ Hợp");
  EXPECT_EQ(completed->officers.size(), 2U);
  ASSERT_TRUE(complete_case(bare(), &office, date(2025, 7, 1), completed, diagnostics));
  EXPECT_EQ(completed->agency.code.value, "PTHADS");
  EXPECT_EQ(completed->officers.size(), 1U);  // the head's period ended
  EXPECT_TRUE(diagnostics.empty());
}

TEST(Office, WhatCannotBeFilledIsAnError) {
  Diagnostics diagnostics;
  std::shared_ptr<const model::Case> completed;
  EXPECT_FALSE(complete_case(bare(), nullptr, date(2025, 1, 1), completed, diagnostics));
  EXPECT_TRUE(diagnostics.contains("E0317"));
  auto office = profile();
  office.names.resize(1);
  Diagnostics later;
  EXPECT_FALSE(complete_case(bare(), &office, date(2026, 1, 1), completed, later));  // no name valid then
  EXPECT_TRUE(later.contains("E0317"));
  auto signed_by_head = bare();
  signed_by_head.enforcement.decision = model::Decision{std::nullopt, date(2025, 7, 2), "truong", {}};
  Diagnostics unknown;
  const auto whole = profile();  // the head's period ended on 30/06/2025
  EXPECT_FALSE(complete_case(signed_by_head, &whole, date(2025, 7, 2), completed, unknown));
  EXPECT_TRUE(unknown.contains("E0318")) << unknown.to_string();
}

TEST(Office, ACaseThatCarriesItsOwnKeepsThemAndIsWarnedWhereTheyDiffer) {
  const auto office = profile();
  auto own = bare();
  own.agency.name = model::Text{"CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUỲ HỢP", {make_file_name("c.xml"), 3, 11}};
  own.agency.code = model::Text{"CCTHADS", {make_file_name("c.xml"), 4, 11}};
  own.officers.push_back({"chv",
                          model::Text{"Phạm Quốc Khánh", {}},
                          model::Text{"Chấp hành viên", {}},
                          std::nullopt,
                          {make_file_name("c.xml"), 7, 5}});
  Diagnostics same;
  std::shared_ptr<const model::Case> completed;
  ASSERT_TRUE(complete_case(own, &office, date(2025, 1, 1), completed, same));
  EXPECT_FALSE(completed);
  EXPECT_TRUE(same.empty()) << same.to_string();
  own.officers.front().name.value = "Phạm Văn Khánh";
  own.agency.code.value = "CCTHA";
  Diagnostics differ;
  ASSERT_TRUE(complete_case(own, &office, date(2025, 1, 1), completed, differ));
  EXPECT_EQ(differ.to_string(),
            "c.xml:4:11: cảnh báo: [W0319] ký hiệu của cơ quan trong hồ sơ \"CCTHA\" khác hồ sơ cơ quan trong tệp cấu "
            "hình \"CCTHADS\" (ngày 01/01/2025); văn bản dùng của hồ sơ\n"
            "c.xml:7:5: cảnh báo: [W0319] cán bộ \"chv\" trong hồ sơ là Phạm Văn Khánh (Chấp hành viên), tệp cấu hình "
            "ghi Phạm Quốc Khánh (Chấp hành viên); văn bản dùng của hồ sơ\n");
}

// A case file of before the 2025 reorganisation: a Chi cục, its ký hiệu and head, a district court's judgment.
model::Case old_office_case() {
  auto c = bare();
  const auto at = [](std::uint32_t line) { return SourceLoc{make_file_name("c.xml"), line, 11}; };
  c.agency.parent = model::Text{"CỤC THI HÀNH ÁN DÂN SỰ TỈNH NGHỆ AN", at(2)};
  c.agency.name = model::Text{"CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUỲ HỢP", at(3)};
  c.agency.code = model::Text{"CCTHADS", at(4)};
  c.officers.push_back(
      {"truong", model::Text{"Lê Văn A", at(6)}, model::Text{"Chi cục trưởng", at(6)}, std::nullopt, at(6)});
  c.officers.push_back(
      {"chv", model::Text{"Phạm Quốc Khánh", at(7)}, model::Text{"Chấp hành viên", at(7)}, std::nullopt, at(7)});
  model::Judgment judgment;
  judgment.court = model::Text{"Tòa án nhân dân huyện Quỳ Hợp", at(9)};
  judgment.date = date(2024, 3, 1);
  judgment.loc = at(9);
  c.judgments.push_back(judgment);
  return c;
}

std::string codes_at(const Diagnostics& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics.list()) out += d.code + "@" + std::to_string(d.loc.line) + " ";
  return out;
}

TEST(Office, ABodyThatDoesNotExistOnTheDocumentsDateIsAnErrorAtItsNameNamingWhatExists) {
  const auto law = test::load_law();
  const auto c = old_office_case();
  Diagnostics before;
  EXPECT_TRUE(check_bodies(c, law.regimes, nullptr, date(2025, 6, 30), before));
  EXPECT_TRUE(before.empty()) << before.to_string();
  Diagnostics after;
  EXPECT_FALSE(check_bodies(c, law.regimes, nullptr, date(2026, 7, 24), after));
  // The parent, the agency, its ký hiệu and the head's title; the district court judged in 2024, when it existed.
  EXPECT_EQ(codes_at(after), "E0320@3 E0320@2 E0320@4 E0320@6 ") << after.to_string();
  EXPECT_NE(
      after.to_string().find("c.xml:3:11: lỗi: [E0320] cơ quan \"CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUỲ HỢP\" "
                             "không có vào ngày văn bản 24/07/2026 (chỉ tồn tại đến hết ngày 30/06/2025); nay là: "
                             "Phòng Thi hành án dân sự khu vực"),
      std::string::npos)
      << after.to_string();
  EXPECT_NE(after.to_string().find("[office.mapping]"), std::string::npos);
  // A name of the new organisation on a date before it existed is as wrong.
  auto early = c;
  early.agency.name.value = "PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 5 - NGHỆ AN";
  early.agency.parent->value = "THI HÀNH ÁN DÂN SỰ TỈNH NGHỆ AN";
  Diagnostics too_early;
  EXPECT_FALSE(check_bodies(early, law.regimes, nullptr, date(2025, 6, 30), too_early));
  EXPECT_EQ(codes_at(too_early), "E0320@3 E0320@2 ") << too_early.to_string();
}

TEST(Office, AJudgmentsCourtMustExistOnTheJudgmentsDate) {
  const auto law = test::load_law();
  auto c = old_office_case();
  c.judgments.front().date = date(2025, 8, 4);  // a district court cannot judge after 30/06/2025
  Diagnostics diagnostics;
  EXPECT_FALSE(check_bodies(c, law.regimes, nullptr, date(2025, 6, 30), diagnostics));
  EXPECT_EQ(codes_at(diagnostics), "E0320@9 ") << diagnostics.to_string();
  EXPECT_NE(diagnostics.to_string().find("Tòa án nhân dân khu vực"), std::string::npos);
  c.judgments.front().court.value = "Tòa án nhân dân khu vực 5 - Nghệ An";
  Diagnostics regional;
  EXPECT_TRUE(check_bodies(c, law.regimes, nullptr, date(2025, 6, 30), regional)) << regional.to_string();
}

TEST(Office, TheOfficesMappingReadsOldNamesAsTheirSuccessors) {
  const auto law = test::load_law();
  auto office = profile();
  office.mapping = {{"CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUỲ HỢP", "PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 5 - NGHỆ AN", {}},
                    {"CỤC THI HÀNH ÁN DÂN SỰ TỈNH NGHỆ AN", "THI HÀNH ÁN DÂN SỰ TỈNH NGHỆ AN", {}},
                    {"CCTHADS", "PTHADS", {}},
                    {"Chi cục trưởng", "Trưởng Thi hành án dân sự tỉnh", {}}};
  Diagnostics diagnostics;
  std::shared_ptr<const model::Case> completed;
  ASSERT_TRUE(complete_case(old_office_case(), &office, date(2026, 7, 24), completed, diagnostics));
  ASSERT_TRUE(completed);
  EXPECT_EQ(completed->agency.name.value, "PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 5 - NGHỆ AN");
  EXPECT_EQ(completed->agency.parent->value, "THI HÀNH ÁN DÂN SỰ TỈNH NGHỆ AN");
  EXPECT_EQ(completed->agency.code.value, "PTHADS");
  EXPECT_EQ(completed->officers.front().position.value, "Trưởng Thi hành án dân sự tỉnh");
  EXPECT_TRUE(check_bodies(*completed, law.regimes, &office, date(2026, 7, 24), diagnostics));
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_string();
}

TEST(Office, TheOfficesBodiesAreThoseOfTheNameValidOnTheDateAndMustExistThen) {
  const auto law = test::load_law();
  auto office = profile();
  office.procuracy = "Viện kiểm sát nhân dân huyện Quỳ Hợp";
  office.names.back().procuracy = "Viện kiểm sát nhân dân khu vực 5 - Nghệ An";
  EXPECT_EQ(office.bodies_on(date(2025, 6, 30)).procuracy, "Viện kiểm sát nhân dân huyện Quỳ Hợp");
  EXPECT_EQ(office.bodies_on(date(2025, 7, 1)).procuracy, "Viện kiểm sát nhân dân khu vực 5 - Nghệ An");
  auto c = old_office_case();
  c.agency.name.value = "PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 5 - NGHỆ AN";
  c.agency.parent->value = "THI HÀNH ÁN DÂN SỰ TỈNH NGHỆ AN";
  c.agency.code.value = "THADS";
  c.officers.front().position.value = "Trưởng Thi hành án dân sự tỉnh";
  Diagnostics fine;
  EXPECT_TRUE(check_bodies(c, law.regimes, &office, date(2026, 7, 24), fine)) << fine.to_string();
  office.names.back().procuracy.clear();  // the office-wide one, a district procuracy, no longer exists
  office.finance = "Phòng Tài chính - Kế hoạch huyện Quỳ Hợp";
  Diagnostics stale;
  EXPECT_FALSE(check_bodies(c, law.regimes, &office, date(2026, 7, 24), stale));
  EXPECT_EQ(codes_at(stale), "E0320@0 E0320@0 ") << stale.to_string();
}

TEST(Office, TheImagesTheProfileNames) {
  auto office = profile();
  EXPECT_THROW((void)office_image(nullptr, true, std::nullopt), RequestError);
  EXPECT_THROW((void)office_image(&office, true, std::nullopt), RequestError);
  office.seal_image = "/etc/vanban/dau.png";
  office.officers.front().signature_image = "/etc/vanban/chv.png";
  EXPECT_EQ(office_image(&office, true, std::nullopt), "/etc/vanban/dau.png");
  EXPECT_EQ(office_image(&office, false, std::string("chv")), "/etc/vanban/chv.png");
  EXPECT_THROW((void)office_image(&office, false, std::string("truong")), RequestError);
  EXPECT_THROW((void)office_image(&office, false, std::string("ai")), RequestError);
}

}  // namespace
}  // namespace vanban::pipeline
