#pragma once
// What every command of the CLI shares: exit codes, printing diagnostics, the clock, loading resources.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "base/diagnostics.hpp"
#include "cli/arguments.hpp"
#include "pipeline/engine.hpp"

namespace vanban::cli {

inline constexpr int kOk = 0;
inline constexpr int kInputRejected = 1;
inline constexpr int kUsage = 2;
inline constexpr int kEnvironment = 3;
inline constexpr int kInterrupted = 130;

/// Prints every diagnostic to stderr, one per line.
void print(const Diagnostics& diagnostics);

/// Today's date in Vietnam (UTC+7), read once per command.
model::Date today_in_vietnam();

/// The resource root: the --resources option, else $VANBAN_HOME, else the source tree the binary was built from.
std::filesystem::path resource_root(const std::optional<std::string>& option);

/// Loads templates, law data and fonts; throws vanban::Error (exit 3) when they are missing or wrong.
std::unique_ptr<pipeline::Engine> load_engine(const std::filesystem::path& root);

/// Reads an input file; prints "PATH: error: [E0100] …" and returns nullopt when it cannot be read.
std::optional<Bytes> read_input(const std::string& path);

/// Whether text in legacy encodings is repaired (the default) or kept as read (--no-repair).
text::RepairMode repair_mode(const Arguments& arguments);

/// Whether --help or -h is among the arguments.
bool wants_help(const std::vector<std::string>& args);

/// The page geometry from --margins, --line-spacing and --body-size, within the ranges of Nghị định 30
/// (a usage error otherwise).
layout::Profile layout_profile(const Arguments& arguments);

/// Options shared by render and batch: --template, --date, --set and the page geometry (values checked;
/// usage errors thrown).
pipeline::RenderOptions render_options(const Arguments& arguments, model::Date today);

int run_render(const std::vector<std::string>& args, const std::filesystem::path& root);
int run_validate(const std::vector<std::string>& args, const std::filesystem::path& root);
int run_templates(const std::vector<std::string>& args, const std::filesystem::path& root);
int run_batch(const std::vector<std::string>& args, const std::filesystem::path& root);
int run_archive(const std::vector<std::string>& args, const std::filesystem::path& root);

}  // namespace vanban::cli
