// The whole pipeline on a case: PDF/A output, and a character the font cannot show rejected as an input error.

#include "pipeline/engine.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "pipeline/pdf_metadata.hpp"
#include "support/paths.hpp"

namespace vanban::pipeline {
namespace {

std::unique_ptr<Engine> engine() {
  Diagnostics diagnostics;
  auto loaded = Engine::load(ResourcePaths::under(test::source_dir()), diagnostics);
  EXPECT_TRUE(loaded) << diagnostics.to_string();
  return loaded;
}

RenderOptions decision() {
  RenderOptions options;
  options.template_name = "qd-tha-chu-dong";
  options.today = *model::Date::parse_iso("2024-10-15");
  options.number = "7";
  return options;
}

const std::filesystem::path kCase = test::source_dir() / "examples" / "chu-dong-ma-tuy.xml";

TEST(Engine, RendersAPdfA1bWithThePhuLucVIMetadata) {
  const auto loaded = engine();
  Diagnostics diagnostics;
  const auto pdf = loaded->render_file(test::read_text(kCase), kCase.string(), decision(), diagnostics);
  ASSERT_TRUE(pdf) << diagnostics.to_string();
  EXPECT_EQ(pdf->substr(0, 9), "%PDF-1.4\n");
  EXPECT_NE(pdf->find("/S /GTS_PDFA1"), std::string::npos);
  EXPECT_NE(pdf->find("<pdfaid:conformance>B</pdfaid:conformance>"), std::string::npos);
  for (const char* field :
       {"<nd30:CodeNumber>07</nd30:CodeNumber>", "<nd30:CodeNotation>QĐ-CCTHADS</nd30:CodeNotation>",
        "<nd30:IssuedDate>2024-06-24</nd30:IssuedDate>",
        "<nd30:OrganName>CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN THƯỜNG XUÂN</nd30:OrganName>",
        "<nd30:Subject>Về việc thi hành án</nd30:Subject>", "<nd30signer:FullName>Cầm Bá Nguyện</nd30signer:FullName>"})
    EXPECT_NE(pdf->find(field), std::string::npos) << field;
  // Same input, same bytes.
  const auto again = loaded->render_file(test::read_text(kCase), kCase.string(), decision(), diagnostics);
  EXPECT_EQ(*pdf, *again);
}

TEST(Engine, TheMetadataOfARenderedPdfReadsBack) {
  Diagnostics diagnostics;
  const auto pdf = engine()->render_file(test::read_text(kCase), kCase.string(), decision(), diagnostics);
  ASSERT_TRUE(pdf) << diagnostics.to_string();
  const auto m = read_pdf_metadata(*pdf, make_file_name("qd.pdf"), diagnostics);
  ASSERT_TRUE(m) << diagnostics.to_string();
  EXPECT_EQ(m->case_id, "THA-2024-000517");
  EXPECT_EQ(m->type_name, "Quyết định");
  EXPECT_EQ(m->code_number, "07");
  EXPECT_EQ(m->code_notation, "QĐ-CCTHADS");
  EXPECT_EQ(m->issued_date, model::Date::parse_iso("2024-06-24"));
  EXPECT_EQ(m->organ_name, "CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN THƯỜNG XUÂN");
  EXPECT_EQ(m->subject, "Về việc thi hành án");
  EXPECT_EQ(m->signer_name, "Cầm Bá Nguyện");
  EXPECT_GE(m->page_amount, 1);
  EXPECT_FALSE(read_pdf_metadata("%PDF-1.4\n%%EOF\n", make_file_name("bare.pdf"), diagnostics));
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_string();
}

TEST(Engine, ACjkCharacterInTheDebtorsNameIsAnInputErrorNamingTheField) {
  std::string xml = test::read_text(kCase);
  const std::string name = "<name>Hà Văn Hưởng</name>";
  ASSERT_NE(xml.find(name), std::string::npos);
  xml.replace(xml.find(name), name.size(), "<name>Hà Văn 香</name>");
  Diagnostics diagnostics;
  const auto pdf = engine()->render_file(xml, "cjk.xml", decision(), diagnostics);
  EXPECT_FALSE(pdf);
  ASSERT_TRUE(diagnostics.contains("E0501")) << diagnostics.to_string();
  for (const auto& diagnostic : diagnostics.list()) {
    if (diagnostic.code != "E0501") continue;
    EXPECT_EQ(diagnostic.loc.line, 23U);  // the debtor's <name> in the case file
    EXPECT_NE(diagnostic.message.find("\"香\" (U+9999)"), std::string::npos) << diagnostic.message;
    EXPECT_NE(diagnostic.message.find("trong trường \"p."), std::string::npos) << diagnostic.message;
  }
}

// Batch rendering calls render() from several threads at once: the per-process caches (fonts, the compressed ICC
// profile, the per-thread compressor) must give every thread the same bytes as one thread alone.
TEST(Engine, RendersTheSameBytesFromSeveralThreadsAtOnce) {
  const auto loaded = engine();
  const std::string xml = test::read_text(kCase);
  Diagnostics diagnostics;
  const auto reference = loaded->render_file(xml, kCase.string(), decision(), diagnostics);
  ASSERT_TRUE(reference) << diagnostics.to_string();
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        Diagnostics local;
        const auto pdf = loaded->render_file(xml, kCase.string(), decision(), local);
        if (!pdf || *pdf != *reference) ++mismatches;
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, 0);
}

}  // namespace
}  // namespace vanban::pipeline

namespace vanban::pipeline {
namespace {

// Issue 18: render checked a template's applies="…" rule nowhere. A letter urging a debtor who owes nothing to pay is
// refused (E0311) on the document's date; on an earlier date, when the debt was still owed, it is drafted.
TEST(Engine, RenderRefusesACaseTheTemplateDoesNotApplyTo) {
  const auto loaded = engine();
  const auto file = test::source_dir() / "examples" / "so-thu-ly-thuong-xuan.xml";
  Diagnostics diagnostics;
  const auto cases = loaded->read_cases(test::read_text(file), file.string(), diagnostics);
  ASSERT_TRUE(cases) << diagnostics.to_string();
  const model::Case* paid = nullptr;
  for (const auto& the_case : cases->cases)
    if (the_case.id == "THA-2024-000604") paid = &the_case;
  ASSERT_NE(paid, nullptr);
  RenderOptions options;
  options.template_name = "thu-van-dong";
  options.today = *model::Date::parse_iso("2024-10-15");
  options.date = options.today;
  const auto resolved = loaded->resolve(*paid, options, diagnostics);
  ASSERT_TRUE(resolved);
  EXPECT_FALSE(resolved->applies);
  EXPECT_FALSE(loaded->render(*paid, options, diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1U) << diagnostics.to_string();
  EXPECT_EQ(diagnostics.list().front().code, "E0311");
  // The rule named whole, as the template states it.
  EXPECT_NE(diagnostics.list().front().message.find(
                "điều kiện \"has(enforcement.decision) and enforced.outstanding > 0 and has(debtors) and "
                "enforcement.has_voluntary_period\" không thỏa"),
            std::string::npos)
      << diagnostics.to_string();
  EXPECT_GT(diagnostics.list().front().loc.line, 0U) << "positioned at the case";
  // Dated by default (the decision's date, 07/5/2024, before the payment of 20/5/2024), the letter is drafted.
  options.date.reset();
  Diagnostics earlier;
  EXPECT_TRUE(loaded->render(*paid, options, earlier)) << earlier.to_string();
}

}  // namespace
}  // namespace vanban::pipeline
