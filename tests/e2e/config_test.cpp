// The configuration file applied: a case rendered with the office profile alone, the [render], [batch], [archive],
// [trust] and [paths] settings taking effect, an override template taking precedence, and a wrong key refused at its
// line.

#include <gtest/gtest.h>

#include <regex>

#include "support/paths.hpp"
#include "support/png_writer.hpp"
#include "support/process.hpp"
#include "support/test_pki.hpp"

namespace vanban {
namespace {

using test::quote;
using test::run;
using test::vanban;

const std::filesystem::path& example() {
  static const auto path = test::source_dir() / "examples" / "chu-dong-ma-tuy.xml";
  return path;
}

// The example without <agency> and <officers>.
std::filesystem::path bare_case(const std::filesystem::path& dir) {
  std::string text = test::read_text(example());
  for (const char* element : {"agency", "officers"}) {
    const auto from = text.find(std::string("<") + element + ">");
    const std::string close = std::string("</") + element + ">";
    const auto to = text.find(close);
    text.erase(from, to + close.size() - from);
  }
  const auto path = dir / "bare.xml";
  test::write_text(path, text);
  return path;
}

// The office of the example, as a configuration file would state it, plus `more`.
std::filesystem::path office_config(const std::filesystem::path& dir, const std::string& more = "",
                                    const std::string& head = "Lê Thị Thu Hằng") {
  const auto path = dir / "vanban.conf";
  test::write_text(path,
                   "[office]\n"
                   "place = \"Thường Xuân\"\n"
                   "address = \"Khu phố 2, thị trấn Thường Xuân, huyện Thường Xuân, tỉnh Thanh Hóa\"\n"
                   "phone = \"0237 3873 215\"\n"
                   "police = \"Công an huyện Thường Xuân\"\n"
                   "[[office.names]]\n"
                   "parent = \"CỤC THI HÀNH ÁN DÂN SỰ TỈNH THANH HÓA\"\n"
                   "name = \"CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN THƯỜNG XUÂN\"\n"
                   "code = \"CCTHADS\"\n"
                   "[[office.officers]]\n"
                   "id = \"truong\"\n"
                   "name = \"" +
                       head +
                       "\"\n"
                       "position = \"Chi cục trưởng\"\n"
                       "[[office.officers]]\n"
                       "id = \"pho\"\n"
                       "name = \"Cầm Bá Nguyện\"\n"
                       "position = \"Phó Chi cục trưởng\"\n"
                       "[[office.officers]]\n"
                       "id = \"chv\"\n"
                       "name = \"Phạm Quốc Khánh\"\n"
                       "position = \"Chấp hành viên\"\n"
                       "card = \"CHV-1187\"\n" +
                       more);
  return path;
}

std::string pdf_text(const std::filesystem::path& pdf) {
  return test::flat(run("pdftotext -enc UTF-8 " + quote(pdf.string()) + " -").out);
}

TEST(Config, ACaseWithoutAgencyAndOfficersRendersWithTheOfficeProfileAlone) {
  const auto dir = test::scratch_dir("config_profile");
  const auto config = office_config(dir);
  const auto full = dir / "full.pdf";
  const auto bare = dir / "bare.pdf";
  const std::string options = " --template qd-tha-chu-dong --number 517 --date 2024-06-24 -o ";
  ASSERT_EQ(vanban("render " + quote(example().string()) + options + quote(full.string())).exit_code, 0);
  // Without a profile the case cannot be rendered.
  const auto refused = vanban("render " + quote(bare_case(dir).string()) + options + quote(bare.string()));
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("lỗi: [E0317]"), std::string::npos) << refused.err;
  // validate accepts it: agency and officers are optional in the format.
  EXPECT_EQ(vanban("validate " + quote(bare_case(dir).string())).exit_code, 0);
  const auto result = vanban("--config " + quote(config.string()) + " render " + quote(bare_case(dir).string()) +
                             options + quote(bare.string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(test::read_text(full), test::read_text(bare)) << "the profile gives the same document";
  const auto text = pdf_text(bare);
  EXPECT_NE(text.find("CHI CỤC THI HÀNH ÁN DÂN SỰ"), std::string::npos) << text;
  EXPECT_NE(text.find("Cầm Bá Nguyện"), std::string::npos) << text;
}

TEST(Config, ACaseThatDisagreesWithTheProfileIsWarnedAtItsLine) {
  const auto dir = test::scratch_dir("config_disagree");
  const auto config = office_config(dir, "", "Nguyễn Văn Trưởng");
  const auto pdf = dir / "out.pdf";
  const auto result = vanban("render " + quote(example().string()) + " --config " + quote(config.string()) +
                             " --template qd-tha-chu-dong -o " + quote(pdf.string()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find(example().string() + ":13:5: cảnh báo: [W0319] cán bộ \"truong\" trong hồ sơ là Lê Thị "
                                                 "Thu Hằng (Chi cục trưởng), tệp cấu hình ghi Nguyễn Văn Trưởng"),
            std::string::npos)
      << result.err;
}

TEST(Config, AnUnknownKeyIsAnErrorWithItsLine) {
  const auto dir = test::scratch_dir("config_unknown");
  const auto config = dir / "vanban.conf";
  test::write_text(config, "# office\n[render]\nsinger = \"pho\"\n");
  const auto result = vanban("--config " + quote(config.string()) + " validate " + quote(example().string()));
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.err, config.string() +
                            ":3:1: lỗi: [E0811] khóa \"singer\" không có trong [render] (có phải ý bạn là \"signer\"?) "
                            "(các khóa: xem vanban.conf.example)\nvanban: lỗi môi trường: [E0815] tệp cấu hình có lỗi "
                            "(xem ở trên)\n");
  // The variable names a file too; a file that cannot be read is an environment error.
  const auto missing =
      run("VANBAN_CONFIG=/nonexistent/vanban.conf " + quote(test::binary().string()) + " --resources " +
          quote(test::source_dir().string()) + " validate " + quote(example().string()));
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("lỗi môi trường: [E0801] không đọc được tệp cấu hình"), std::string::npos) << missing.err;
}

TEST(Config, RenderAndBatchDefaultsApplyAndOptionsWin) {
  const auto dir = test::scratch_dir("config_render");
  // The head signs unless [render] signer names the deputy; the geometry comes from [render] too.
  const auto config = office_config(dir,
                                    "[render]\nsigner = \"truong\"\nmargins = \"25,25,35,20\"\nline_spacing = "
                                    "1.2\nbody_size = 13\n[batch]\njobs = 0\n");
  const std::string render = "--config " + quote(config.string()) + " render " + quote(example().string()) +
                             " --template qd-tha-chu-dong --dump-layout ";
  const auto with_config = dir / "config.layout";
  const auto plain = dir / "plain.layout";
  ASSERT_EQ(vanban(render + quote(with_config.string())).exit_code, 0);
  ASSERT_EQ(vanban("render " + quote(example().string()) + " --template qd-tha-chu-dong --dump-layout " +
                   quote(plain.string()))
                .exit_code,
            0);
  const auto layout = test::read_text(with_config);
  EXPECT_NE(layout, test::read_text(plain));
  EXPECT_NE(layout.find("Lê Thị Thu Hằng"), std::string::npos);     // [render] signer
  EXPECT_EQ(layout.find("KT. CHI CỤC TRƯỞNG"), std::string::npos);  // not the deputy of the case's decision
  // An option given on the command line wins over the file.
  const auto deputy = dir / "deputy.layout";
  ASSERT_EQ(vanban(render + quote(deputy.string()) + " --signer pho").exit_code, 0);
  EXPECT_NE(test::read_text(deputy).find("Cầm Bá Nguyện"), std::string::npos);
  // [batch] jobs is read and checked like --jobs.
  const auto batch = vanban("--config " + quote(config.string()) + " batch " + quote(example().string()) +
                            " --template qd-tha-chu-dong -o " + quote((dir / "batch").string()));
  EXPECT_EQ(batch.exit_code, 2);
  EXPECT_NE(batch.err.find("--jobs \"0\""), std::string::npos) << batch.err;
}

TEST(Config, TheArchiveAndTheTrustAnchorsComeFromTheFile) {
  const auto dir = test::scratch_dir("config_archive");
  const auto& pki = test::test_pki();
  std::filesystem::create_directories(dir / "trust");
  std::filesystem::copy_file(pki / "ca.pem", dir / "trust" / "ca.pem");
  const auto config = office_config(dir, "[archive]\nstore = \"kho\"\n[trust]\nanchors = \"trust\"\n");
  const auto pdf = dir / "qd.pdf";
  ASSERT_EQ(vanban("render " + quote(example().string()) + " --template qd-tha-chu-dong --number 517 -o " +
                   quote(pdf.string()))
                .exit_code,
            0);
  const auto signed_pdf = dir / "qd-1.pdf";
  ASSERT_EQ(vanban("sign " + quote(pdf.string()) + " -o " + quote(signed_pdf.string()) + " --key " +
                   quote((pki / "officer.key").string()) + " --cert " + quote((pki / "officer.pem").string()) +
                   " --time 2025-06-01T09:00:00+07:00")
                .exit_code,
            0);
  const std::string with = "--config " + quote(config.string()) + " ";
  // verify: the chain is checked against [trust] anchors without --trust.
  const auto verify = vanban(with + "verify " + quote(signed_pdf.string()) + " --time 2025-06-01T10:00:00+07:00");
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("tới gốc tin cậy"), std::string::npos);
  // archive: the store is [archive] store (relative to the file's folder), the anchors [trust] anchors.
  const auto added = vanban(with + "archive add " + quote(signed_pdf.string()) + " --time 2025-06-01T10:00:00+07:00");
  EXPECT_EQ(added.exit_code, 0) << added.err;
  EXPECT_NE(added.out.find("hợp lệ, tin cậy"), std::string::npos) << added.out;
  EXPECT_TRUE(std::filesystem::exists(dir / "kho" / "archive.sqlite"));
  // [archive] database names the records' database apart from the store.
  const auto separate = office_config(dir, "[archive]\nstore = \"kho2\"\ndatabase = \"csdl/luu-tru.sqlite\"\n");
  std::filesystem::create_directories(dir / "csdl");
  const auto added_there =
      vanban("--config " + quote(separate.string()) + " archive add " + quote(signed_pdf.string()) + " --trust " +
             quote((pki / "ca.pem").string()) + " --time 2025-06-01T10:00:00+07:00");
  EXPECT_EQ(added_there.exit_code, 0) << added_there.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "csdl" / "luu-tru.sqlite"));
  EXPECT_FALSE(std::filesystem::exists(dir / "kho2" / "archive.sqlite"));
  // Without a store named anywhere, archive refuses rather than using the current folder.
  const auto nowhere = run("cd " + quote(dir.string()) + " && " + quote(test::binary().string()) + " --resources " +
                           quote(test::source_dir().string()) + " archive search");
  EXPECT_EQ(nowhere.exit_code, 2);
  EXPECT_NE(nowhere.err.find("chưa chỉ định kho lưu trữ"), std::string::npos) << nowhere.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "archive"));
}

TEST(Config, PathsResourcesNamesTheResources) {
  const auto dir = test::scratch_dir("config_paths");
  const auto config = office_config(dir, "[paths]\nresources = \"khong-co\"\n");
  // Without --resources or VANBAN_HOME, [paths] resources is the one place looked at.
  const auto result = run("env -u VANBAN_HOME " + quote(test::binary().string()) + " --config " +
                          quote(config.string()) + " validate " + quote(example().string()));
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find((dir / "khong-co").string() + " ([paths] resources)"), std::string::npos) << result.err;
  const auto good = office_config(dir, "[paths]\nresources = \"" + test::source_dir().string() + "\"\n");
  EXPECT_EQ(run("env -u VANBAN_HOME " + quote(test::binary().string()) + " --config " + quote(good.string()) +
                " validate " + quote(example().string()))
                .exit_code,
            0);
}

TEST(Config, TheOfficesSealAndSignatureImagesSign) {
  const auto dir = test::scratch_dir("config_images");
  const auto& pki = test::test_pki();
  test::write_text(dir / "chu-ky.png", test::signature_png());
  test::write_text(dir / "dau.png", test::seal_png());
  // seal_image and signature_image are read against the file's folder.
  std::string profile = test::read_text(office_config(dir));
  profile.insert(profile.find("[[office.names]]"), "seal_image = \"dau.png\"\n");
  profile.insert(profile.find("position = \"Phó Chi cục trưởng\"\n"), "signature_image = \"chu-ky.png\"\n");
  test::write_text(dir / "vanban.conf", profile);
  const std::string with = "--config " + quote((dir / "vanban.conf").string()) + " ";
  const auto pdf = dir / "qd.pdf";
  ASSERT_EQ(vanban("render " + quote(example().string()) + " --template qd-tha-chu-dong --number 517 -o " +
                   quote(pdf.string()))
                .exit_code,
            0);
  const std::string time = " --time 2025-06-01T09:00:00+07:00";
  const auto once = dir / "qd-1.pdf";
  const auto signed_once = vanban(with + "sign " + quote(pdf.string()) + " -o " + quote(once.string()) + " --key " +
                                  quote((pki / "officer.key").string()) + " --cert " +
                                  quote((pki / "officer.pem").string()) + " --officer pho" + time);
  ASSERT_EQ(signed_once.exit_code, 0) << signed_once.err;
  const auto twice = dir / "qd-2.pdf";
  const auto signed_twice = vanban(with + "sign " + quote(once.string()) + " -o " + quote(twice.string()) + " --key " +
                                   quote((pki / "agency.key").string()) + " --cert " +
                                   quote((pki / "agency.pem").string()) + " --seal" + time);
  ASSERT_EQ(signed_twice.exit_code, 0) << signed_twice.err;
  const auto verified =
      vanban("verify " + quote(twice.string()) + " --trust " + quote((pki / "ca.pem").string()) + time);
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
  EXPECT_NE(verified.out.find("trường \"signer\""), std::string::npos) << verified.out;
  // An officer the file gives no image for.
  const auto none = vanban(with + "sign " + quote(pdf.string()) + " -o " + quote((dir / "x.pdf").string()) + " --key " +
                           quote((pki / "officer.key").string()) + " --cert " + quote((pki / "officer.pem").string()) +
                           " --officer chv" + time);
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("--officer chv: tệp cấu hình không ghi signature_image"), std::string::npos) << none.err;
}

TEST(Config, AnOverrideTemplateTakesPrecedenceAndIsChecked) {
  const auto dir = test::scratch_dir("config_override");
  std::filesystem::create_directories(dir / "office" / "templates");
  std::string own = test::read_text(test::source_dir() / "templates" / "qd-tha-chu-dong.vbt");
  // The office's own wording: a recognisable article before the others.
  std::string marked = own;
  const auto body = marked.find("{#article}");
  ASSERT_NE(body, std::string::npos);
  marked.insert(body, "{#article}\nMẫu riêng của Chi cục Thường Xuân.\n{/article}\n");
  test::write_text(dir / "office" / "templates" / "qd-tha-chu-dong.vbt", marked);
  const auto config = office_config(dir, "[paths]\noverrides = \"office\"\n");
  const auto pdf = dir / "own.pdf";
  const auto result = vanban("--config " + quote(config.string()) + " render " + quote(example().string()) +
                             " --template qd-tha-chu-dong -o " + quote(pdf.string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(pdf_text(pdf).find("Mẫu riêng của Chi cục Thường Xuân."), std::string::npos);
  const auto check = vanban("--config " + quote(config.string()) + " templates --check");
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_NE(check.out.find("mẫu riêng của cơ quan: 1 tệp trong " + (dir / "office" / "templates").string()),
            std::string::npos)
      << check.out;
  // The office's calendar is read instead of the installed one: a broken one is refused (E0902).
  std::filesystem::copy_file(test::source_dir() / "rules" / "calendar.xml", dir / "office" / "calendar.xml");
  const auto with_calendar = vanban("--config " + quote(config.string()) + " templates --check");
  EXPECT_EQ(with_calendar.exit_code, 0) << with_calendar.err;
  EXPECT_NE(with_calendar.out.find("lịch riêng của cơ quan: " + (dir / "office" / "calendar.xml").string()),
            std::string::npos)
      << with_calendar.out;
  test::write_text(dir / "office" / "calendar.xml", "<calendar>");
  const auto bad_calendar = vanban("--config " + quote(config.string()) + " templates --check");
  EXPECT_NE(bad_calendar.exit_code, 0);
  EXPECT_NE(bad_calendar.err.find((dir / "office" / "calendar.xml").string()), std::string::npos) << bad_calendar.err;
  std::filesystem::remove(dir / "office" / "calendar.xml");
  // A broken override is found by --check, at its line.
  test::write_text(dir / "office" / "templates" / "qd-tha-chu-dong.vbt", own + "{debtor.nmae}\n");
  const auto broken = vanban("--config " + quote(config.string()) + " templates --check");
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.err.find((dir / "office" / "templates" / "qd-tha-chu-dong.vbt").string() + ":"), std::string::npos)
      << broken.err;
}

}  // namespace
}  // namespace vanban
