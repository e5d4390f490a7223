#include "cli/common.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "base/error.hpp"
#include "base/file_io.hpp"

#ifndef VANBAN_RESOURCE_DIR
#define VANBAN_RESOURCE_DIR "."
#endif

namespace vanban::cli {

void print(const Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics.list()) std::cerr << format_diagnostic(diagnostic) << '\n';
}

model::Date today_in_vietnam() {
  // Vietnam keeps UTC+7 all year.
  const auto now = std::chrono::system_clock::now() + std::chrono::hours(7);
  const auto days = std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
  return model::Date::from_days(days);
}

sign::Moment read_clock(const Arguments& arguments) {
  if (const auto fixed = arguments.value("--time")) {
    const auto moment = sign::Moment::parse_iso(*fixed);
    if (!moment) throw UsageError{"--time \"" + *fixed + "\" không phải thời điểm ISO 8601"};
    return *moment;
  }
  // Vietnam keeps UTC+7 all year.
  const auto now = std::chrono::system_clock::now();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return sign::Moment::from_unix(seconds, 7 * 60);
}

std::filesystem::path resource_root(const std::optional<std::string>& option) {
  if (option) return *option;
  if (const char* home = std::getenv("VANBAN_HOME"); home != nullptr && *home != '\0') return home;
  return VANBAN_RESOURCE_DIR;
}

std::unique_ptr<pipeline::Engine> load_engine(const std::filesystem::path& root) {
  Diagnostics diagnostics;
  auto engine = pipeline::Engine::load(pipeline::ResourcePaths::under(root), diagnostics);
  print(diagnostics);
  if (!engine) throw Error("the templates or the law data in " + root.string() + " have errors (see above)");
  return engine;
}

std::optional<Bytes> read_input(const std::string& path) {
  std::string problem;
  auto bytes = read_file(path, kMaxInputFile, problem);
  if (!bytes) std::cerr << path << ": error: [E0100] " << problem << '\n';
  return bytes;
}

text::RepairMode repair_mode(const Arguments& arguments) {
  return arguments.flag("--no-repair") ? text::RepairMode::keep : text::RepairMode::repair;
}

bool wants_help(const std::vector<std::string>& args) {
  for (const auto& arg : args)
    if (arg == "--help" || arg == "-h") return true;
  return false;
}

namespace {

// A decimal number written in full ("20", "1.5" or "1,5"), or nullopt.
std::optional<double> decimal(std::string text) {
  std::replace(text.begin(), text.end(), ',', '.');
  if (text.empty() || text.find_first_not_of("0123456789.") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

layout::Profile layout_profile(const Arguments& arguments) {
  layout::Profile profile;
  if (const auto margins = arguments.value("--margins")) {
    std::vector<double> values;
    for (std::size_t start = 0; start <= margins->size();) {
      const std::size_t comma = std::min(margins->find(',', start), margins->size());
      const auto value = decimal(margins->substr(start, comma - start));
      if (!value) break;
      values.push_back(*value);
      start = comma + 1;
    }
    if (values.size() != 4)
      throw UsageError{"--margins \"" + *margins + "\" phải là bốn số (mm) trên,dưới,trái,phải, ví dụ 20,20,30,15"};
    profile.margin_top = layout::mm(values[0]);
    profile.margin_bottom = layout::mm(values[1]);
    profile.margin_left = layout::mm(values[2]);
    profile.margin_right = layout::mm(values[3]);
  }
  const auto number = [&](const char* option, double& target) {
    if (const auto text = arguments.value(option)) {
      const auto value = decimal(*text);
      if (!value) throw UsageError{std::string(option) + " \"" + *text + "\" không phải là số"};
      target = *value;
    }
  };
  number("--line-spacing", profile.line_spacing);
  number("--body-size", profile.body_size);
  const auto problems = pipeline::profile_problems(profile);
  if (!problems.empty()) {
    std::string message = "bố cục trang không đúng Nghị định 30/2020/NĐ-CP:";
    for (const auto& problem : problems) message += " " + problem + ";";
    message.back() = '.';
    throw UsageError{message};
  }
  return profile;
}

pipeline::RenderOptions render_options(const Arguments& arguments, model::Date today) {
  pipeline::RenderOptions options;
  options.template_name = arguments.required("--template");
  options.today = today;
  if (const auto date = arguments.value("--date")) {
    options.date = model::Date::parse_iso(*date);
    if (!options.date) throw UsageError{"--date \"" + *date + "\" không phải ngày hợp lệ dạng YYYY-MM-DD"};
  }
  for (const auto& pair : arguments.values("--set")) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError{"--set \"" + pair + "\" phải có dạng khóa=giá-trị"};
    options.parameters[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  options.profile = layout_profile(arguments);
  return options;
}

}  // namespace vanban::cli
