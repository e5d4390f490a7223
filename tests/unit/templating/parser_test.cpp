#include <gtest/gtest.h>

#include "templating/template_set.hpp"

namespace vanban::templating {
namespace {

struct BrokenTemplate {
  const char* name;
  const char* source;
  const char* expected;  ///< the first diagnostic
};

std::string first_error(const std::string& source) {
  Diagnostics diagnostics;
  std::vector<TemplateSource> sources;
  sources.push_back({"mau", make_file_name("templates/mau.vbt"),
                     std::string("{@document name=\"Quyết định\" code=\"QĐ\"}\n") + source});
  sources.push_back({"parts/x", make_file_name("templates/parts/x.vbt"), "phần x"});
  const auto set = TemplateSet::parse(std::move(sources), diagnostics);
  if (set) return "(no error)";
  return format_diagnostic(diagnostics.list().front());
}

class TemplateErrors : public ::testing::TestWithParam<BrokenTemplate> {};

TEST_P(TemplateErrors, NamePositionAndWhatWasExpected) {
  EXPECT_EQ(first_error(GetParam().source), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, TemplateErrors,
    ::testing::Values(
        BrokenTemplate{"unclosed_block", "{#basis}\nCăn cứ\n",
                       "templates/mau.vbt:2:1: lỗi: [E0407] khối {#basis} chưa được đóng bằng {/basis}"},
        BrokenTemplate{"mismatched_close", "{#if a}\nx\n{/each}\n",
                       "templates/mau.vbt:4:1: lỗi: [E0408] gặp {/each} nhưng khối đang mở là {#if} (dòng 2, cột 1)"},
        BrokenTemplate{"unclosed_brace", "Ông {debtor.name\n",
                       "templates/mau.vbt:2:5: lỗi: [E0405] thiếu dấu \"}\" đóng trường hoặc thẻ (mỗi thẻ phải nằm "
                       "trên một dòng)"},
        BrokenTemplate{"stray_brace", "giá } trị\n",
                       "templates/mau.vbt:2:5: lỗi: [E0405] dấu \"}\" thừa; muốn in dấu ngoặc thì viết \"}}\""},
        BrokenTemplate{
            "unknown_block", "{#loop x}\n{/loop}\n",
            "templates/mau.vbt:2:1: lỗi: [E0406] không có khối {#loop} (có: if, each, title, subject, basis, "
            "article, heading, center, recipients, addressee, table)"},
        BrokenTemplate{"bad_each", "{#each obligations}\n{/each}\n",
                       "templates/mau.vbt:2:7: lỗi: [E0412] cú pháp đúng: {#each danh-sách as tên [sep=\", \"] "
                       "[last=\" và \"]}"},
        BrokenTemplate{"bad_expression", "{#if a = b}\n{/if}\n",
                       "templates/mau.vbt:2:8: lỗi: [E0401] dùng \"==\" để so sánh bằng"},
        BrokenTemplate{"include_not_found", "{@include \"parts/khong-co\"}\n",
                       "templates/mau.vbt:2:1: lỗi: [E0411] không tìm thấy phần mẫu \"parts/khong-co\" (tệp "
                       "templates/parts/khong-co.vbt)"},
        BrokenTemplate{"else_outside_if", "{:else}\n",
                       "templates/mau.vbt:2:1: lỗi: [E0408] {:else} không nằm trong khối {#if}"},
        BrokenTemplate{"valid", "Ông {debtor.name | upper}, {{ngoặc}}\n", "(no error)"}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(TemplateSet, DocumentTemplatesMustDeclareThemselves) {
  Diagnostics diagnostics;
  std::vector<TemplateSource> sources;
  sources.push_back({"mau", make_file_name("templates/mau.vbt"), "Không khai báo\n"});
  EXPECT_FALSE(TemplateSet::parse(std::move(sources), diagnostics).has_value());
  EXPECT_TRUE(diagnostics.contains("E0413"));
}

TEST(TemplateSet, IncludeCyclesAreRejected) {
  Diagnostics diagnostics;
  std::vector<TemplateSource> sources;
  sources.push_back({"parts/a", make_file_name("templates/parts/a.vbt"), "{@include \"parts/b\"}"});
  sources.push_back({"parts/b", make_file_name("templates/parts/b.vbt"), "{@include \"parts/a\"}"});
  EXPECT_FALSE(TemplateSet::parse(std::move(sources), diagnostics).has_value());
  EXPECT_TRUE(diagnostics.contains("E0411")) << diagnostics.to_string();
}

}  // namespace
}  // namespace vanban::templating
