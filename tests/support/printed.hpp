#pragma once
// A document of an example case as flat printed text, and assertions on it (phrases said, omitted, a refusal).

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/engine.hpp"
#include "support/engine.hpp"
#include "support/paths.hpp"
#include "support/reorganised.hpp"

namespace vanban::test {

struct Printed {
  std::string text;         ///< every printed word of the document, separated by single spaces
  std::string diagnostics;  ///< what rendering reported
};

// The document a template makes of an example case (edited by `edit` first), as flat text; an empty text when it
// could not be made (the diagnostics say why).
inline Printed print(const std::string& example, const std::string& template_name,
                     const std::map<std::string, std::string, std::less<>>& parameters = {},
                     const std::optional<std::string>& date = std::nullopt,
                     const std::function<void(std::string&)>& edit = {},
                     const pipeline::Engine& engine = shared_engine());

// The document a template makes of the case in a file (any sample case: support/paths.hpp), on its own date.
inline Printed print_file(const std::filesystem::path& file, const std::string& template_name,
                          const pipeline::Engine& engine = shared_engine()) {
  return print(file.string(), template_name, {}, std::nullopt, {}, engine);
}

// The document a template makes of a case already read (edited in the model, for what its file cannot say), as flat
// text: rendered as print() renders an example.
inline Printed print_case(const model::Case& the_case, const std::string& template_name,
                          const std::map<std::string, std::string, std::less<>>& parameters = {},
                          const std::optional<std::string>& date = std::nullopt,
                          const pipeline::Engine& engine = shared_engine()) {
  Diagnostics diagnostics;
  pipeline::RenderOptions options;
  options.template_name = template_name;
  options.today = *model::Date::parse_iso("2024-10-15");
  if (date) options.date = model::Date::parse_iso(*date);
  // What the case does not hold: the template's `--describe` examples, unless the test gives a value.
  if (const auto described = engine.describe(template_name))
    for (const auto& parameter : described->parameters)
      if (parameter.required) options.parameters[parameter.name] = parameter.example;
  for (const auto& [name, value] : parameters) options.parameters[name] = value;
  const auto dump = engine.layout_dump(the_case, options, diagnostics);
  if (!dump) return {"", diagnostics.to_string()};
  static const std::regex item(R"re(^p\d+ text .* "(.*)"$)re");
  std::string text;
  std::istringstream lines(*dump);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_match(line, m, item)) text += m[1].str() + " ";
  }
  return {std::regex_replace(text, std::regex(" +"), " "), diagnostics.to_string()};
}

// The cases of an example's file (or of a case file's path), as read for print(); the diagnostics when they could
// not be read.
inline std::optional<model::Register> read_example(const std::string& example, Diagnostics& diagnostics,
                                                   const std::optional<std::string>& date = std::nullopt,
                                                   const std::function<void(std::string&)>& edit = {},
                                                   const pipeline::Engine& engine = shared_engine()) {
  const bool is_path = example.size() > 4 && example.compare(example.size() - 4, 4, ".xml") == 0;
  const std::filesystem::path file =
      is_path ? std::filesystem::path(example) : source_dir() / "examples" / (example + ".xml");
  std::string xml = read_text(file);
  if (date && *date >= "2025-07-01") xml = reorganised(xml);  // the bodies of that date (E0320 otherwise)
  if (edit) edit(xml);
  return engine.read_cases(xml, file.filename().string(), diagnostics);
}

inline Printed print(const std::string& example, const std::string& template_name,
                     const std::map<std::string, std::string, std::less<>>& parameters,
                     const std::optional<std::string>& date, const std::function<void(std::string&)>& edit,
                     const pipeline::Engine& engine) {
  Diagnostics diagnostics;
  const auto cases = read_example(example, diagnostics, date, edit, engine);
  if (!cases) return {"", diagnostics.to_string()};
  Printed printed = print_case(cases->cases.front(), template_name, parameters, date, engine);
  printed.diagnostics = diagnostics.to_string() + printed.diagnostics;
  return printed;
}

// A decision (qd-*) drafted from a sample case, as flat text.
struct PrintedDecision {
  std::string name;  ///< "<case file stem>.<template>"
  Printed printed;
};

// Every template whose name starts with `prefix` ("" for all) applicable to every sample case with one case (the pairs
// the golden tests cover).
inline std::vector<PrintedDecision> printed_documents(const std::string& prefix,
                                                      const pipeline::Engine& engine = shared_engine()) {
  std::vector<PrintedDecision> out;
  for (const auto& path : all_sample_cases()) {
    Diagnostics diagnostics;
    const auto cases = engine.read_cases(read_text(path), path.string(), diagnostics);
    if (!cases || cases->cases.size() != 1) continue;
    for (const auto& name : engine.templates_for(cases->cases.front(), *model::Date::parse_iso("2024-10-15")))
      if (name.rfind(prefix, 0) == 0)
        out.push_back({path.stem().string() + "." + name, print_file(path, name, engine)});
  }
  return out;
}

// Every decision template applicable to every sample case with one case.
inline std::vector<PrintedDecision> printed_decisions(const pipeline::Engine& engine = shared_engine()) {
  return printed_documents("qd-", engine);
}

// `text` with the first `from` replaced by `to` (a test failure when there is none).
inline void replace(std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
}

// Every phrase is in the printed text.
inline void says(const Printed& printed, std::initializer_list<std::string_view> phrases) {
  for (const auto phrase : phrases)
    EXPECT_NE(printed.text.find(phrase), std::string::npos) << "missing: " << phrase << "\n" << printed.text;
}

// The document was not made, for the reason given (E0311 and the words that name it).
inline void refused(const Printed& printed, std::string_view reason) {
  EXPECT_NE(printed.diagnostics.find("[E0311]"), std::string::npos) << printed.diagnostics;
  EXPECT_NE(printed.diagnostics.find(reason), std::string::npos) << printed.diagnostics;
}

// No phrase is in the printed text.
inline void omits(const Printed& printed, std::initializer_list<std::string_view> phrases) {
  for (const auto phrase : phrases)
    EXPECT_EQ(printed.text.find(phrase), std::string::npos) << "present: " << phrase << "\n" << printed.text;
}

}  // namespace vanban::test
