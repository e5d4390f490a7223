// libFuzzer target for the case loader: bytes → safe parse → schema (libxml2) → repair → model → checks.
// Built with clang when VANBAN_FUZZ=ON (cmake --preset fuzz); under gcc the same function runs over the corpus in
// ctest (fuzz_corpus_replay). Besides "never crash, never hang, never leak", it checks the reader's contract: a
// rejected file has at least one error, an accepted one none, and every position lies inside the file.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "base/line_index.hpp"
#include "xml/case_reader.hpp"

namespace {

std::shared_ptr<const vanban::xml::CaseSchema> schema() {
  static const auto compiled = [] {
    std::ifstream in(std::string(VANBAN_SOURCE_DIR) + "/schemas/case.xsd", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return vanban::xml::CaseSchema::compile(text.str(), "case.xsd");
  }();
  return compiled;
}

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  // Lines as diagnostics count them ("\n", "\r\n" or a lone "\r").
  const std::size_t lines = vanban::LineIndex(nullptr, bytes).line(bytes.size());
  for (const auto repair : {vanban::text::RepairMode::repair, vanban::text::RepairMode::keep}) {
    vanban::xml::ReadOptions options;
    options.schema = schema();
    options.repair = repair;
    options.limits.max_bytes = 1U << 20U;  // keep each run short; the limit itself is tested elsewhere
    vanban::Diagnostics diagnostics;
    const auto cases = vanban::xml::read_register(bytes, vanban::make_file_name("fuzz.xml"), options, diagnostics);
    require(cases.has_value() != diagnostics.has_errors());
    for (const auto& diagnostic : diagnostics.list()) {
      require(!diagnostic.code.empty() && !diagnostic.message.empty());
      require(diagnostic.loc.line <= lines);
    }
  }
  return 0;
}
