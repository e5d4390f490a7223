#include "cli/common.hpp"

#include <cstdlib>
#include <iostream>
#include <stdexcept>

#include "base/error.hpp"
#include "base/file_io.hpp"
#include "pipeline/clock.hpp"

namespace vanban::cli {

void print(const Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics.list()) std::cerr << format_diagnostic(diagnostic) << '\n';
}

model::Date today_in_vietnam() { return pipeline::today_in_vietnam(); }

sign::Moment read_clock(const Arguments& arguments) {
  if (const auto fixed = arguments.value("--time")) {
    const auto moment = sign::Moment::parse_iso(*fixed);
    if (!moment) throw UsageError{"--time \"" + *fixed + "\" không phải thời điểm ISO 8601"};
    return *moment;
  }
  return pipeline::now_in_vietnam();
}

namespace {
std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}
}  // namespace

Invocation::Invocation(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") break;
    for (const char* name : {"--resources", "--config"}) {
      const std::string option(name);
      std::optional<std::string> value;
      if (arg == option && i + 1 < args.size()) value = args[++i];
      else if (arg.rfind(option + "=", 0) == 0) value = arg.substr(option.size() + 1);
      if (!value) continue;
      (option == "--resources" ? surroundings_.resources_option : surroundings_.config_option) =
          std::filesystem::path(*value);
      break;
    }
  }
  surroundings_.home_variable = environment("VANBAN_HOME");
  surroundings_.config_variable = environment("VANBAN_CONFIG");
  std::error_code ec;
  surroundings_.executable = std::filesystem::read_symlink("/proc/self/exe", ec);
}

const pipeline::Configuration& Invocation::configuration() {
  if (!configuration_) {
    Diagnostics diagnostics;
    try {
      configuration_ =
          pipeline::load_configuration(surroundings_, pipeline::SystemPlaces::of_this_build(), diagnostics);
    } catch (...) {
      print(diagnostics);
      throw;
    }
    print(diagnostics);
  }
  return *configuration_;
}

const pipeline::ResourcePaths& Invocation::resources() {
  if (!resources_)
    resources_ = pipeline::locate_resources(surroundings_, configuration(), pipeline::SystemPlaces::of_this_build());
  return *resources_;
}

std::unique_ptr<pipeline::Engine> load_engine(Invocation& invocation) {
  Diagnostics diagnostics;
  try {
    auto engine = pipeline::load_engine(invocation.resources(), invocation.configuration(), diagnostics);
    print(diagnostics);
    return engine;
  } catch (...) {
    print(diagnostics);
    throw;
  }
}

std::optional<Bytes> read_input(const std::string& path, std::size_t max_size) {
  Diagnostics diagnostics;
  auto bytes = pipeline::read_input_file(path, diagnostics, max_size);
  print(diagnostics);
  return bytes;
}

text::RepairMode repair_mode(const Arguments& arguments) {
  return arguments.flag("--no-repair") ? text::RepairMode::keep : text::RepairMode::repair;
}

pipeline::TrustSources given_trust(const Arguments& arguments) {
  pipeline::TrustSources given;
  for (const auto& file : arguments.values("--trust")) given.files.emplace_back(file);
  for (const auto& folder : arguments.values("--trust-dir")) given.folders.emplace_back(folder);
  return given;
}

std::optional<std::vector<pipeline::TrustAnchorFile>> read_trust(const Arguments& arguments, Invocation& invocation) {
  Diagnostics diagnostics;
  auto anchors = pipeline::read_trust_anchors(
      pipeline::trust_sources(given_trust(arguments), invocation.configuration()), diagnostics);
  print(diagnostics);
  return anchors;
}

const CommandDef& command(const std::string& name) {
  const CommandDef* found = find_command(name);
  if (found == nullptr) throw std::logic_error("the option table has no command " + name);
  return *found;
}

Arguments parse(const std::vector<std::string>& args, const std::string& command_name) {
  return Arguments::parse(args, command(command_name));
}

bool print_help(const std::vector<std::string>& args, const std::string& command_name) {
  for (const auto& arg : args) {
    if (arg == "--") break;
    if (arg == "--help" || arg == "-h") {
      std::cout << command_help(command(command_name));
      return true;
    }
  }
  return false;
}

pipeline::RenderOptions render_options(const Arguments& arguments, const pipeline::Engine& engine, model::Date today,
                                       const config::Settings& settings) {
  pipeline::RenderRequest request;
  request.template_name = arguments.required("--template");
  request.date = arguments.value("--date");
  if (arguments.declares("--number")) request.number = arguments.value("--number");
  request.signer = arguments.value("--signer");
  request.parameters = arguments.values("--set");
  request.margins = arguments.value("--margins");
  request.line_spacing = arguments.value("--line-spacing");
  request.body_size = arguments.value("--body-size");
  pipeline::apply_defaults(request, settings);
  return pipeline::render_options(engine, request, today);
}

}  // namespace vanban::cli
