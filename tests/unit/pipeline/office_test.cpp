// The one place a case meets the office profile: what it lacks is filled as the profile stands on the document's
// date; what it carries is kept, with a warning where it disagrees.

#include "pipeline/office.hpp"

#include <gtest/gtest.h>

#include "pipeline/request.hpp"

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
                          {std::nullopt, date(2025, 6, 30)},
                          {}});
  office.names.push_back({"THI HÀNH ÁN DÂN SỰ TỈNH NGHỆ AN",
                          "PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 5 - NGHỆ AN",
                          "PTHADS",
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
