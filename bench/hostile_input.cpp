// How fast hostile and broken case files are refused, and what the largest acceptable register costs. Measured
// here, never asserted in tests (these machines are shared and noisy): prints one line per input with its size,
// the median wall time of several reads through the whole loader (safe parse, schema, repair, checks), the first
// diagnostic's code and the process's peak resident memory so far.
//
//   build/bench/bench_hostile_input [runs [name-filter]]

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "xml/case_reader.hpp"

namespace {

std::string read_source_file(const std::string& path) {
  std::ifstream in(std::string(VANBAN_SOURCE_DIR) + "/" + path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A register of `count` copies of a case, each with its own id.
std::string register_of(const std::string& one_case, std::size_t count) {
  std::string out = "<register xmlns=\"urn:vanban:case:1\">\n";
  for (std::size_t i = 0; i < count; ++i) out += "<case id=\"C" + std::to_string(i) + "\">" + one_case;
  return out;
}

std::string repeat(const std::string& piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

long peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

struct Input {
  std::string name;
  std::function<std::string()> make;
};

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const std::string filter = argc > 2 ? argv[2] : "";
  vanban::xml::ReadOptions options;
  options.schema = vanban::xml::CaseSchema::compile(read_source_file("schemas/case.xsd"), "case.xsd");
  const std::string example = read_source_file("examples/chu-dong-ma-tuy.xml");
  const std::size_t body_start = example.find("<case ");
  const std::string case_body = example.substr(body_start + example.substr(body_start).find('>') + 1);
  const std::string one_case = case_body.substr(0, case_body.rfind("</case>")) + "</case>\n";

  const std::vector<Input> inputs = {
      {"empty file", [] { return std::string(); }},
      {"billion laughs (DOCTYPE, 10^9 expansions)",
       [] {
         std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
         for (int level = 1; level <= 9; ++level) {
           doc += " <!ENTITY lol" + std::to_string(level) + " \"";
           for (int i = 0; i < 10; ++i) doc += "&lol" + (level == 1 ? std::string() : std::to_string(level - 1)) + ";";
           doc += "\">\n";
         }
         return doc + "]>\n<case xmlns=\"urn:vanban:case:1\">&lol9;</case>\n";
       }},
      {"external entity (file:///etc/passwd, http://)",
       [] {
         return std::string(
             "<!DOCTYPE case [<!ENTITY a SYSTEM \"file:///etc/passwd\"><!ENTITY b SYSTEM "
             "\"http://192.0.2.1/x\">]>\n<case xmlns=\"urn:vanban:case:1\">&a;&b;</case>\n");
       }},
      {"oversized (64 MiB + 1)", [] { return std::string(64U * 1024U * 1024U + 1U, ' '); }},
      {"nesting 1,000,000 levels (3 MB)", [] { return repeat("<a>", 1'000'000); }},
      {"nesting to the size limit (64 MiB)", [] { return repeat("<a>", 64U * 1024U * 1024U / 3U); }},
      {"flat element flood (64 MiB of <a/>)",
       [] { return "<case xmlns=\"urn:vanban:case:1\">" + repeat("<a/>", 16U * 1024U * 1024U - 16U); }},
      {"just under the node limit: 2 Mi unknown elements with an attribute",
       [] {
         return "<case xmlns=\"urn:vanban:case:1\">" + repeat("<x a=\"\"/>", 2U * 1024U * 1024U - 2U) + "</case>";
       }},
      {"one element, 1,000,000 attributes",
       [] {
         std::string doc = "<case xmlns=\"urn:vanban:case:1\"";
         for (int i = 0; i < 1'000'000; ++i) doc += " a" + std::to_string(i) + "=\"\"";
         return doc + "/>";
       }},
      {"wrong namespace", [&] { return std::string("<case xmlns=\"urn:other\" id=\"C\">") + case_body; }},
      {"invalid UTF-8 near the end of 30 MB declared UTF-8",
       [&] {
         return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + register_of(one_case, 10'000) +
                "<!-- \xC3 -->\n</register>\n";
       }},
      {"TCVN3 bytes without declaration", [] { return std::string("<case>Ninh B\xD7nh</case>"); }},
      {"undeclared entity at the end of 30 MB", [&] { return register_of(one_case, 10'000) + "&xxe;</register>\n"; }},
      {"valid register, 1,000 cases", [&] { return register_of(one_case, 1'000) + "</register>\n"; }},
      {"valid register, 10,000 cases", [&] { return register_of(one_case, 10'000) + "</register>\n"; }},
  };

  std::printf("%-52s %12s %10s %-7s %8s\n", "input", "bytes", "ms", "first", "peak MB");
  for (const auto& input : inputs) {
    if (input.name.find(filter) == std::string::npos) continue;
    const std::string bytes = input.make();
    std::vector<double> times;
    std::string code = "ok";
    for (int run = 0; run < runs; ++run) {
      vanban::Diagnostics diagnostics;
      const auto start = std::chrono::steady_clock::now();
      const auto cases = vanban::xml::read_register(bytes, vanban::make_file_name("bench.xml"), options, diagnostics);
      const auto stop = std::chrono::steady_clock::now();
      times.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
      for (const auto& diagnostic : diagnostics.list()) {
        if (cases || diagnostic.severity != vanban::Severity::error) continue;
        code = diagnostic.code;
        break;
      }
    }
    std::sort(times.begin(), times.end());
    std::printf("%-52s %12zu %10.2f %-7s %8ld\n", input.name.c_str(), bytes.size(), times[times.size() / 2],
                code.c_str(), peak_rss_mb());
  }
  return 0;
}
