#include "cli/common.hpp"

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
  if (!engine)
    throw Error(errors::kResourceErrors,
                "mẫu văn bản hoặc dữ liệu pháp luật trong " + root.string() + " có lỗi (xem ở trên)", root.string());
  return engine;
}

std::optional<Bytes> read_input(const std::string& path) {
  Diagnostics diagnostics;
  auto bytes = pipeline::read_input_file(path, diagnostics);
  print(diagnostics);
  return bytes;
}

text::RepairMode repair_mode(const Arguments& arguments) {
  return arguments.flag("--no-repair") ? text::RepairMode::keep : text::RepairMode::repair;
}

pipeline::TrustSources trust_sources(const Arguments& arguments) {
  pipeline::TrustSources sources;
  for (const auto& file : arguments.values("--trust")) sources.files.emplace_back(file);
  for (const auto& folder : arguments.values("--trust-dir")) sources.folders.emplace_back(folder);
  return sources;
}

bool wants_help(const std::vector<std::string>& args) {
  for (const auto& arg : args)
    if (arg == "--help" || arg == "-h") return true;
  return false;
}

pipeline::RenderOptions render_options(const Arguments& arguments, const pipeline::Engine& engine, model::Date today) {
  pipeline::RenderRequest request;
  request.template_name = arguments.required("--template");
  request.date = arguments.value("--date");
  request.number = arguments.value("--number");
  request.signer = arguments.value("--signer");
  request.parameters = arguments.values("--set");
  request.margins = arguments.value("--margins");
  request.line_spacing = arguments.value("--line-spacing");
  request.body_size = arguments.value("--body-size");
  return pipeline::render_options(engine, request, today);
}

}  // namespace vanban::cli
