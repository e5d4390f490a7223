// Every kind of enforcement the law names, decided ex officio (Luật THADS 2008 khoản 2 Điều 36 điểm a–e; Luật
// 106/2025/QH15 Điều 33) or on request (khoản 1 Điều 36; Điều 34): the decision says what the law requires for its
// kind, and no sentence that does not apply to it. Targeted assertions on the printed text of the example cases.

#include <gtest/gtest.h>

#include <regex>

#include "pipeline/engine.hpp"
#include "support/printed.hpp"

namespace vanban {
namespace {

using test::omits;
using test::print;
using test::refused;
using test::replace;
using test::says;

// Trả lại tiền cho đương sự (điểm b): the payee with an address, the money's origin; no debtor, no voluntary period,
// no coercion, no sentence meant for a debtor.
TEST(EnforcementKinds, ARefundNamesThePayeeAndTheReceiptAndNothingMeantForADebtor) {
  const auto decision = print("tra-lai-tam-ung-an-phi", "qd-tha-chu-dong");
  ASSERT_FALSE(decision.text.empty()) << decision.diagnostics;
  says(decision, {"Căn cứ điểm a khoản 1 Điều 23, Điều 35, điểm b khoản 2 Điều 36 và Điều 126 Luật Thi hành án",
                  "Trả lại tiền cho: Bà Phan Thị Thu Hà", "địa chỉ: Xóm 5, xã Nghi Phong, huyện Nghi Lộc, tỉnh Nghệ An",
                  "300.000 đồng (Ba trăm nghìn đồng), đã nộp theo biên lai thu tiền số AA/2023/0004512 ngày 02",
                  "thông báo cho người được trả lại tiền thời gian, địa điểm nhận lại tiền"});
  omits(decision, {"tự nguyện", "Điều 45", "cưỡng chế", "người phải thi hành án", "Cho thi hành án đối với"});
  // Under the 2025 law: its articles, none of the old decree's.
  const auto later = print("tra-lai-tam-ung-an-phi", "qd-tha-chu-dong", {}, "2026-07-01");
  says(later, {"Căn cứ Điều 33 và Điều 59 Luật Thi hành án dân sự số 106/2025/QH15"});
  omits(later, {"62/2015", "tự nguyện"});
  // The notice to the payee.
  const auto notice = print("tra-lai-tam-ung-an-phi", "tb-nhan-tien");
  says(notice, {"Kính gửi: Bà Phan Thị Thu Hà", "biên lai thu tiền số AA/2023/0004512",
                "Hết thời hạn 15 ngày, kể từ ngày được thông báo"});
  omits(notice, {"người phải thi hành án"});
  // What a refund decision cannot do without: the payee's address, the receipt.
  const auto no_address = print("tra-lai-tam-ung-an-phi", "qd-tha-chu-dong", {}, std::nullopt, [](std::string& xml) {
    replace(xml, "<address>Xóm 5, xã Nghi Phong, huyện Nghi Lộc, tỉnh Nghệ An</address>", "");
  });
  refused(no_address, "[E0311]");
  refused(no_address, "người được trả lại tiền, tài sản chưa có địa chỉ");
  const auto no_receipt = print("tra-lai-tam-ung-an-phi", "qd-tha-chu-dong", {}, std::nullopt, [](std::string& xml) {
    replace(xml, R"(<origin kind="receipt" number="AA/2023/0004512" date="2023-11-02"/>)", "");
  });
  refused(no_receipt, "khoản trả lại tiền, tài sản chưa ghi nguồn gốc");
  // Documents meant for a debtor are refused, not half-made.
  const auto to_debtor = print("tra-lai-tam-ung-an-phi", "thong-bao-tha");
  refused(to_debtor, "hồ sơ không có người phải thi hành án");
}

// One person who owes and is paid back (Nghị định 62/2015 khoản 1 Điều 6 điểm c): one decision, the voluntary period
// for what is owed, the refund and what happens to it if the person does not pay.
TEST(EnforcementKinds, AMixedDecisionKeepsTheVoluntaryPeriodAndTheRefund) {
  const auto decision = print("quyet-dinh-hon-hop", "qd-tha-chu-dong");
  ASSERT_FALSE(decision.text.empty()) << decision.diagnostics;
  says(decision,
       {"Cho thi hành án đối với: Ông Võ Văn Quang", "Án phí dân sự sơ thẩm: 2.150.000 đồng",
        "Trả lại cho ông Võ Văn Quang:", "biên lai thu tiền số AA/2023/0004877",
        "Trong thời hạn 10 ngày, kể từ ngày nhận được hoặc được thông báo hợp lệ",
        "xử lý số tiền được trả lại để thi hành án (khoản 1 Điều 126", "Căn cứ Điều 126 Luật Thi hành án dân sự"});
  // A refund to someone who owes nothing in the decision needs a decision of its own.
  const auto other = print("quyet-dinh-hon-hop", "qd-tha-chu-dong", {}, std::nullopt, [](std::string& xml) {
    replace(xml, R"(kind="refund" creditor="bd")", R"(kind="refund" creditor="nd")");
    replace(xml, "  </parties>",
            "    <person id=\"nd\" role=\"creditor\"><name>Lê Thị Cúc</name><address>Xóm 1, xã Nghi "
            "Thạch</address></person>\n  </parties>");
  });
  refused(other, "bằng một quyết định thi hành án riêng");
  refused(other, "[W0227]");
}

// Payments to the State and confiscation (điểm a, c): the voluntary period and coercion when it passes.
TEST(EnforcementKinds, PaymentsToTheStateHaveAVoluntaryPeriodAndCoercion) {
  const auto decision = print("chu-dong-ma-tuy", "qd-tha-chu-dong");
  ASSERT_FALSE(decision.text.empty()) << decision.diagnostics;
  says(decision, {"Điều 35 và khoản 2 Điều 36 Luật Thi hành án dân sự",
                  "Tịch thu sung quỹ Nhà nước số tiền dùng vào việc phạm tội: 1.250.000 đồng", "Trong thời hạn 10 ngày",
                  "bị cưỡng chế thi hành án"});
  omits(decision, {"Trả lại", "ngay"});
}

// Payments between parties, on request (khoản 1 Điều 36): the request, the requester; only what is owed to the
// requester (the court fee is the State's, decided ex officio).
TEST(EnforcementKinds, APaymentBetweenPartiesIsDecidedOnRequestForTheRequesterOnly) {
  const auto decision = print("theo-yeu-cau-the-chap", "qd-tha-theo-yeu-cau");
  ASSERT_FALSE(decision.text.empty()) << decision.diagnostics;
  says(decision, {"khoản 1 Điều 36 Luật Thi hành án dân sự", "Căn cứ đơn yêu cầu thi hành án ngày 29 tháng 3 năm 2024",
                  "Trong thời hạn 10 ngày"});
  omits(decision, {"Án phí", "Trả lại"});
}

// An interim measure (điểm đ; Điều 130): enforced at once, no voluntary period, no coercion decision needed.
TEST(EnforcementKinds, AnInterimMeasureIsEnforcedAtOnce) {
  const auto decision = print("bien-phap-khan-cap", "qd-tha-chu-dong");
  ASSERT_FALSE(decision.text.empty()) << decision.diagnostics;
  says(decision, {"điểm đ khoản 2 Điều 36 và Điều 130 Luật Thi hành án dân sự",
                  "Cho thi hành ngay Quyết định áp dụng biện pháp khẩn cấp tạm thời số 06/2024/QĐ-BPKCTT",
                  "Biện pháp khẩn cấp tạm thời phải thi hành:", "trong thời hạn 24 giờ",
                  "không phải ra quyết định cưỡng chế thi hành án (khoản 3 Điều 70"});
  omits(decision, {"tự nguyện", "10 ngày"});
  // The 2025 law: no article confirmed for the exception, so no such sentence.
  const auto later = print("bien-phap-khan-cap", "qd-tha-chu-dong", {}, "2026-07-01");
  omits(later, {"không phải ra quyết định cưỡng chế", "24 giờ"});
  // The freeze it orders keeps until the court decides, not ten days.
  const auto freeze = print("bien-phap-khan-cap", "qd-bien-phap-bao-dam");
  says(freeze, {"Phong tỏa số tiền 850.000.000 đồng (Tám trăm năm mươi triệu đồng) trong tài khoản số 1900",
                "được duy trì cho đến khi Tòa án thay đổi, hủy bỏ biện pháp khẩn cấp tạm thời"});
  omits(freeze, {"10 ngày", "Số tiền phải thi hành án"});
  // Notices about the voluntary period are refused.
  const auto notice = print("bien-phap-khan-cap", "thong-bao-tha");
  refused(notice, "không có thời hạn tự nguyện thi hành án");
}

// A bankruptcy decision (điểm e; Luật Phá sản 2014 Điều 120): liquidation and distribution, no voluntary period.
TEST(EnforcementKinds, ABankruptcyDecisionIsEnforcedByLiquidation) {
  const auto decision = print("pha-san", "qd-tha-chu-dong");
  ASSERT_FALSE(decision.text.empty()) << decision.diagnostics;
  says(decision,
       {"Điều 35 và điểm e khoản 2 Điều 36 Luật Thi hành án dân sự", "Căn cứ Điều 120 Luật Phá sản số 51/2014/QH13",
        "Cho thi hành Quyết định tuyên bố phá sản số 04/2024/QĐ-TBPS",
        "giám sát Quản tài viên, doanh nghiệp quản lý, thanh lý tài sản thực hiện thanh lý tài sản"});
  omits(decision, {"tự nguyện", "Người được thi hành án"});
}

// Land recovered for the State (điểm d): the voluntary period; a case received by delegation cites the delegating
// agency's decision.
TEST(EnforcementKinds, LandRecoveryAndADelegatedCase) {
  const auto decision = print("thu-hoi-dat", "qd-tha-chu-dong");
  ASSERT_FALSE(decision.text.empty()) << decision.diagnostics;
  says(decision, {"Thu hồi quyền sử dụng đất thửa số 215",
                  "Căn cứ Quyết định ủy thác thi hành án số 58/QĐ-CTHADS ngày 13 tháng 01 năm 2025 của Cục Thi",
                  "Trong thời hạn 10 ngày"});
  omits(decision, {"Trả lại"});
}

// The steps of the new forms cite the law in force and only the sentences that apply.
TEST(EnforcementKinds, TheNewFormsSayWhatTheLawRequires) {
  const auto delegation = print("uy-thac", "qd-uy-thac");
  says(delegation, {"Ủy thác cho Chi cục Thi hành án dân sự thành phố Vinh, tỉnh Nghệ An tổ chức thi hành toàn bộ",
                    "đã thi hành 20.000.000 đồng, còn phải thi hành 166.000.000 đồng",
                    "Căn cứ Quyết định thu hồi quyết định thi hành án số 52/QĐ-CCTHADS"});
  // the requester's decision does not enforce the court fee
  omits(delegation, {"Án phí"});
  const auto withdrawal = print("uy-thac", "qd-thu-hoi");
  says(withdrawal,
       {"(điểm a khoản 1 Điều 57 Luật Thi hành án dân sự)", "không còn hiệu lực kể từ ngày ký Quyết định này"});
  const auto account = print("khau-tru-thu-nhap", "qd-khau-tru-tai-khoan", {{"tai-khoan-nhan", "tài khoản số 1"}});
  says(account, {"Khấu trừ số tiền 8.000.000 đồng (Tám triệu đồng)", "số tài khoản 0101 2345 6789",
                 "Căn cứ Điều 42 và Điều 49 Nghị định số 152/2026/NĐ-CP"});
  const auto income =
      print("khau-tru-thu-nhap", "qd-tru-thu-nhap", {{"tai-khoan-nhan", "tài khoản số 1"}, {"truong-hop", "khac"}});
  says(income, {"Mức trừ: 25% thu nhập được nhận mỗi kỳ", "01 lần mức lương tối thiểu tháng theo vùng"});
  // the old law's ceiling
  omits(income, {"30%"});
  const auto before = print("khau-tru-thu-nhap", "qd-tru-thu-nhap", {{"tai-khoan-nhan", "x"}, {"truong-hop", "khac"}},
                            std::nullopt, [](std::string& xml) {
                              xml = std::regex_replace(xml, std::regex("\"2026-"), "\"2025-");
                              // a year earlier, a district court judged it (the regional courts exist from 01/07/2025)
                              xml = std::regex_replace(xml, std::regex("Tòa án nhân dân khu vực 1 - Nghệ An"),
                                                       "Tòa án nhân dân huyện Quỳ Hợp, tỉnh Nghệ An");
                            });
  says(before, {"là 30% tổng số tiền được nhận hằng tháng", "(điểm c khoản 2 Điều 78 Luật Thi hành án dân sự)"});
  const auto valuation = print("ke-bien-dau-gia", "tb-ket-qua-tham-dinh-gia");
  says(valuation, {"Giá tài sản: 1.050.000.000 đồng",
                   "Trong thời hạn 05 ngày làm việc, kể từ ngày nhận được Thông báo này, đương sự có quyền yêu "
                   "cầu định giá lại tài sản (điểm b khoản 1 Điều 99"});
  const auto handover = print("ke-bien-dau-gia", "bb-giao-nhan-tai-san", {{"ben-giao", "co-mat"}});
  says(handover, {"Bên nhận: Đinh Thị Mai, người mua được tài sản bán đấu giá", "với giá 980.000.000 đồng"});
  const auto release = print("ke-bien-dau-gia", "qd-giai-toa-ke-bien");
  says(release, {"Giải tỏa kê biên tài sản của bà Nguyễn Thị Hồng: Xe mô tô Honda SH 125i",
                 "(điểm b khoản 1 Điều 105 Luật Thi hành án dân sự)"});
  const auto resumption = print("tam-dinh-chi-pha-san", "qd-tiep-tuc");
  says(resumption, {"Căn cứ điểm a khoản 1 Điều 23 và khoản 3 Điều 49 Luật Thi hành án dân sự",
                    "Căn cứ Quyết định tạm đình chỉ thi hành án ngày 07 tháng 10 năm 2024"});
  // Trả đơn was repealed in 2015: the notice of returning a request exists from 01/7/2026 only.
  const auto returned = print("gui-lai-yeu-cau", "tb-gui-lai-yeu-cau");
  says(returned, {"Căn cứ khoản 4 Điều 38 Luật Thi hành án dân sự số 106/2025/QH15",
                  "gửi lại yêu cầu thi hành án cho bà Lò Thị Xuân"});
  const auto early = print("gui-lai-yeu-cau", "tb-gui-lai-yeu-cau", {}, std::nullopt, [](std::string& xml) {
    replace(xml, R"(<request-returned date="2027-09-06")", R"(<request-returned date="2027-08-20")");
  });
  refused(early, "chưa hết thời hạn 02 năm");
  const auto repealed = print("gui-lai-yeu-cau", "tb-gui-lai-yeu-cau", {}, "2026-06-30");
  refused(repealed, "đã bị bãi bỏ từ ngày 01/7/2015");
}

}  // namespace
}  // namespace vanban
