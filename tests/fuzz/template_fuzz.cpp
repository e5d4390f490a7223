// libFuzzer target for the template language: the input is a document template, parsed with the shared parts of the
// form library (templates/parts), checked in every branch against the reference context under every legal regime,
// and rendered for a sample case. Seeded with the form library (templates/*.vbt); tests/fuzz/template_corpus holds
// what the fuzzer found. Besides "never crash, never hang, never leak" (deep nesting included: E0419), it checks the
// parser's contract: a set is refused exactly when there is an error, every diagnostic has a code and a message, and
// every position in the fuzzed template lies inside it.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/line_index.hpp"
#include "rules/law.hpp"
#include "templating/template_set.hpp"
#include "xml/case_reader.hpp"

namespace {

using namespace vanban;

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void require(bool condition) {
  if (!condition) std::abort();
}

struct Fixture {
  std::vector<templating::TemplateSource> parts;
  std::optional<rules::Law> law;
  std::optional<model::Case> the_case;
};

const Fixture& fixture() {
  static const Fixture loaded = [] {
    Fixture f;
    const std::filesystem::path root(VANBAN_SOURCE_DIR);
    for (const auto& entry : std::filesystem::directory_iterator(root / "templates" / "parts")) {
      if (entry.path().extension() != ".vbt") continue;
      f.parts.push_back(
          {"parts/" + entry.path().stem().string(), make_file_name(entry.path().string()), read(entry.path())});
    }
    Diagnostics diagnostics;
    auto regimes = rules::LawBook::parse(read(root / "rules" / "law.xml"), make_file_name("law.xml"), diagnostics);
    auto calendar =
        rules::Calendar::parse(read(root / "rules" / "calendar.xml"), make_file_name("calendar.xml"), diagnostics);
    require(regimes && calendar);
    f.law = rules::Law{std::move(*regimes), std::move(*calendar), {}};
    xml::ReadOptions options;
    options.schema = xml::CaseSchema::compile(read(root / "schemas" / "case.xsd"), "case.xsd");
    auto cases = xml::read_register(read(root / "examples" / "chu-dong-ma-tuy.xml"),
                                    make_file_name("chu-dong-ma-tuy.xml"), options, diagnostics);
    require(cases && cases->cases.size() == 1);
    f.the_case = std::move(cases->cases.front());
    return f;
  }();
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;  // templates are small; keep each run short
  const Fixture& f = fixture();
  const std::string source(reinterpret_cast<const char*>(data), size);
  // Lines as diagnostics count them ("\n", "\r\n" or a lone "\r").
  const std::size_t lines = vanban::LineIndex(nullptr, source).line(source.size());
  const FileName file = make_file_name("templates/fuzz.vbt");

  std::vector<templating::TemplateSource> sources = f.parts;
  sources.push_back({"fuzz", file, source});
  Diagnostics diagnostics;
  const auto set = templating::TemplateSet::parse(std::move(sources), diagnostics);
  require(set.has_value() != diagnostics.has_errors());
  for (const auto& diagnostic : diagnostics.list()) {
    require(!diagnostic.code.empty() && !diagnostic.message.empty());
    if (diagnostic.loc.file == file) require(diagnostic.loc.line <= lines);
  }
  if (!set) return 0;
  Diagnostics checked;
  set->check(*f.law, checked);
  const templating::Template* document_template = set->find("fuzz");
  require(document_template != nullptr);
  // The sample case on its decision date, with every declared parameter given its example.
  templating::RenderInput input{model::Ledger::of(*f.the_case, f.the_case->enforcement.decision->date)};
  for (const auto& parameter : set->parameters_of(*document_template))
    input.parameters[parameter.name] = parameter.example;
  Diagnostics rendered;
  const auto document = set->render(*document_template, input, *f.law, rendered);
  require(document.has_value() != rendered.has_errors());
  (void)set->applies(*document_template, input, *f.law);
  return 0;
}
