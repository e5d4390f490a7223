#pragma once
// What every command of the CLI shares: exit codes, printing diagnostics, the clock, loading resources, reading
// input files. Each command lives in its own file (main.cpp: render, validate, templates; batch_command.cpp;
// signing_commands.cpp: sign, verify; archive_command.cpp; report_commands.cpp: report, deadlines); common.cpp
// implements what is declared here.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "base/diagnostics.hpp"
#include "cli/arguments.hpp"
#include "cli/options.hpp"
#include "pipeline/engine.hpp"
#include "pipeline/installation.hpp"
#include "pipeline/request.hpp"
#include "pipeline/signing.hpp"
#include "pipeline/trust.hpp"

namespace vanban::cli {

inline constexpr int kOk = 0;
inline constexpr int kInputRejected = 1;
inline constexpr int kUsage = 2;
inline constexpr int kEnvironment = 3;
inline constexpr int kSignerUnknown = 4;  ///< `verify`: the bytes are as signed, but no signer chains to a trust anchor
inline constexpr int kInterrupted = 130;

/// Prints every diagnostic to stderr, one per line.
void print(const Diagnostics& diagnostics);

/// Today's date in Vietnam (UTC+7), read once per command.
model::Date today_in_vietnam();

/// The moment now in Vietnam (UTC+7), read once per command (sign, verify, archive); the hidden option --time
/// fixes it for tests (a usage error when it is not ISO 8601).
sign::Moment read_clock(const Arguments& arguments);

/// Where this run is: the global options, the environment and the program's path, read once; the configuration file
/// and the resources are found (by pipeline) the first time a command asks for them.
class Invocation {
 public:
  /// Reads --resources and --config wherever they stand in `args` (before "--"), $VANBAN_HOME, $VANBAN_CONFIG and
  /// the program's own path.
  explicit Invocation(const std::vector<std::string>& args);

  /// The configuration file and its settings (loaded once; vanban::Error when it is wrong).
  const pipeline::Configuration& configuration();
  /// The resources (found once; vanban::Error naming every place looked at when there are none).
  const pipeline::ResourcePaths& resources();
  /// What the front end read about where it runs.
  [[nodiscard]] const pipeline::Surroundings& surroundings() const { return surroundings_; }

 private:
  pipeline::Surroundings surroundings_;
  std::optional<pipeline::Configuration> configuration_;
  std::optional<pipeline::ResourcePaths> resources_;
};

/// Loads templates, law data and fonts with the office profile; throws vanban::Error (exit 3) when they are missing
/// or wrong.
std::unique_ptr<pipeline::Engine> load_engine(Invocation& invocation);

/// Reads an input file of at most `max_size` bytes; prints "PATH: lỗi: [E0100] …" and returns nullopt when it cannot
/// be read.
std::optional<Bytes> read_input(const std::string& path, std::size_t max_size = pipeline::kMaxInputFile);

/// Whether text in legacy encodings is repaired (the default) or kept as read (--no-repair).
text::RepairMode repair_mode(const Arguments& arguments);

/// The passphrase or PIN of a key: from the environment variable `variable` (--pass-env; a usage error when it is
/// not set), else asked on the terminal with `prompt`, echo off (signing_commands.cpp).
sign::PassphraseSource passphrase_source(const std::optional<std::string>& variable, const char* prompt);

/// The trust anchors the command line names: --trust (files) and --trust-dir (folders).
pipeline::TrustSources given_trust(const Arguments& arguments);

/// The trust anchors of verify, sign --accept and archive, read: those the command line names, else the
/// configuration's [trust] anchors folder; nullopt when one cannot be used (reported).
std::optional<std::vector<pipeline::TrustAnchorFile>> read_trust(const Arguments& arguments, Invocation& invocation);

/// The command of the option table with this name (a bug when there is none: std::logic_error).
const CommandDef& command(const std::string& name);

/// Parses a command's arguments against its row of the option table.
Arguments parse(const std::vector<std::string>& args, const std::string& command_name);

/// When --help or -h is among the arguments (before any "--"), prints the command's help and returns true.
bool print_help(const std::vector<std::string>& args, const std::string& command_name);

/// Options shared by render and batch: --template, --date, --number, --signer, --set and the page geometry, with the
/// configuration's [render] defaults, checked by pipeline (pipeline::RequestError, a usage error, when one cannot be
/// used).
pipeline::RenderOptions render_options(const Arguments& arguments, const pipeline::Engine& engine, model::Date today,
                                       const config::Settings& settings);

/// `vanban render CASE.xml --template NAME -o OUT.pdf …` (main.cpp): one document, written atomically.
int run_render(const std::vector<std::string>& args, Invocation& invocation);
/// `vanban validate FILE.xml…` (main.cpp): every problem of every file; exit 1 when any has an error.
int run_validate(const std::vector<std::string>& args, Invocation& invocation);
/// `vanban templates [--for CASE.xml] [--check] [--describe NAME]` (main.cpp): lists or checks the templates.
int run_templates(const std::vector<std::string>& args, Invocation& invocation);
/// `vanban batch INPUT --template NAME --out DIR …` (batch_command.cpp): one template for a register or folder.
int run_batch(const std::vector<std::string>& args, Invocation& invocation);
/// `vanban sign IN.pdf -o OUT.pdf …` (signing_commands.cpp): reads the files, the clock and the passphrase,
/// signs, writes atomically.
int run_sign(const std::vector<std::string>& args, Invocation& invocation);
/// `vanban verify FILE.pdf [--trust CA.pem]…` (signing_commands.cpp): prints a report; exit 0 only when every
/// signature holds.
int run_verify(const std::vector<std::string>& args, Invocation& invocation);
/// `vanban report CASES… (--from D --to D | --year Y [--months N]) …` (report_commands.cpp): the statistics.
int run_report(const std::vector<std::string>& args, Invocation& invocation);
/// `vanban deadlines CASES… --as-of D [--within N] …` (report_commands.cpp): what is late or due.
int run_deadlines(const std::vector<std::string>& args, Invocation& invocation);
/// `vanban archive [--db …] [--store DIR] COMMAND …` (archive_command.cpp): the archive of signed documents.
int run_archive(const std::vector<std::string>& args, Invocation& invocation);

}  // namespace vanban::cli
