// libFuzzer target for `vanban batch --where`: the input is the filter, parsed and checked for a template of the
// form library exactly as the batch does (pipeline::Engine::parse_filter), then matched against every case of the
// sample register. Seeded with the conditions of the form library (tests/fuzz/where_corpus: every {#if}, {:elif}
// and applies="…" of templates/, and the README's filters). Besides "never crash, never hang" (deep nesting included:
// E0419), it checks the contract: a filter is refused exactly when there is an error, and every error is on line 1
// of "--where" when the filter has no line end.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "pipeline/engine.hpp"

namespace {

using namespace vanban;

void require(bool condition) {
  if (!condition) std::abort();
}

struct Fixture {
  std::unique_ptr<pipeline::Engine> engine;
  std::optional<model::Register> cases;
  std::vector<pipeline::Engine::Resolved> resolved;
  pipeline::RenderOptions options;
};

const Fixture& fixture() {
  static const Fixture loaded = [] {
    Fixture f;
    const std::filesystem::path root(VANBAN_SOURCE_DIR);
    Diagnostics diagnostics;
    f.engine = pipeline::Engine::load(pipeline::ResourcePaths::under(root), diagnostics);
    require(f.engine != nullptr);
    const auto path = root / "examples" / "so-thu-ly-thuong-xuan.xml";
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    f.cases = f.engine->read_cases(bytes.str(), path.string(), diagnostics);
    require(f.cases.has_value());
    f.options.template_name = "thong-bao-tha";
    f.options.today = *model::Date::parse_iso("2024-10-01");
    f.options.date = f.options.today;
    for (const auto& the_case : f.cases->cases) {
      auto request = f.engine->resolve(the_case, f.options, diagnostics);
      require(request.has_value());
      f.resolved.push_back(std::move(*request));
    }
    return f;
  }();
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16 * 1024) return 0;  // a filter is one line; keep each run short
  const Fixture& f = fixture();
  const std::string text(reinterpret_cast<const char*>(data), size);
  Diagnostics diagnostics;
  const auto filter = f.engine->parse_filter(text, f.options.template_name, diagnostics);
  require((filter != nullptr) != diagnostics.has_errors());
  for (const auto& diagnostic : diagnostics.list()) {
    require(!diagnostic.code.empty() && !diagnostic.message.empty());
    require(diagnostic.loc.file_name() == "--where");
    // A line ends at LF, CRLF or a lone CR (base/line_index), in a filter as in a file.
    if (text.find_first_of("\r\n") == std::string::npos) require(diagnostic.loc.line == 1);
  }
  if (!filter) return 0;
  for (const auto& request : f.resolved) (void)f.engine->matches(*filter, request, f.options);
  return 0;
}
