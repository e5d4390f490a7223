#pragma once
// What every command of the CLI shares: exit codes, printing diagnostics, the clock, loading resources, reading
// input files. Each command lives in its own file (main.cpp: render, validate, templates; batch_command.cpp;
// signing_commands.cpp: sign, verify; archive_command.cpp); common.cpp implements what is declared here.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "base/diagnostics.hpp"
#include "cli/arguments.hpp"
#include "pipeline/engine.hpp"
#include "pipeline/request.hpp"
#include "pipeline/signing.hpp"

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

/// The moment now in Vietnam (UTC+7), read once per command (sign, verify, archive); the hidden option --time
/// fixes it for tests (a usage error when it is not ISO 8601).
sign::Moment read_clock(const Arguments& arguments);

/// The resource root: the --resources option, else $VANBAN_HOME, else the source tree the binary was built from.
std::filesystem::path resource_root(const std::optional<std::string>& option);

/// Loads templates, law data and fonts; throws vanban::Error (exit 3) when they are missing or wrong.
std::unique_ptr<pipeline::Engine> load_engine(const std::filesystem::path& root);

/// Reads an input file; prints "PATH: error: [E0100] …" and returns nullopt when it cannot be read.
std::optional<Bytes> read_input(const std::string& path);

/// Whether text in legacy encodings is repaired (the default) or kept as read (--no-repair).
text::RepairMode repair_mode(const Arguments& arguments);

/// Where a passphrase comes from: the environment variable `variable` (--pass-env; a usage error when it is not set),
/// else the terminal, echo off (signing_commands.cpp).
sign::PassphraseSource passphrase_source(const std::optional<std::string>& variable);

/// Whether --help or -h is among the arguments.
bool wants_help(const std::vector<std::string>& args);

/// Options shared by render and batch: --template, --date, --number, --signer, --set and the page geometry,
/// checked by pipeline (pipeline::RequestError, a usage error, when one cannot be used).
pipeline::RenderOptions render_options(const Arguments& arguments, const pipeline::Engine& engine, model::Date today);

/// `vanban render CASE.xml --template NAME -o OUT.pdf …` (main.cpp): one document, written atomically.
int run_render(const std::vector<std::string>& args, const std::filesystem::path& root);
/// `vanban validate FILE.xml…` (main.cpp): every problem of every file; exit 1 when any has an error.
int run_validate(const std::vector<std::string>& args, const std::filesystem::path& root);
/// `vanban templates [--for CASE.xml] [--check] [--describe NAME]` (main.cpp): lists or checks the templates.
int run_templates(const std::vector<std::string>& args, const std::filesystem::path& root);
/// `vanban batch INPUT --template NAME --out DIR …` (batch_command.cpp): one template for a register or folder.
int run_batch(const std::vector<std::string>& args, const std::filesystem::path& root);
/// `vanban sign IN.pdf -o OUT.pdf …` (signing_commands.cpp): reads the files, the clock and the passphrase,
/// signs, writes atomically.
int run_sign(const std::vector<std::string>& args, const std::filesystem::path& root);
/// `vanban verify FILE.pdf [--trust CA.pem]…` (signing_commands.cpp): prints a report; exit 0 only when every
/// signature holds.
int run_verify(const std::vector<std::string>& args);
/// `vanban archive [--db …] [--store DIR] COMMAND …` (archive_command.cpp): the archive of signed documents.
int run_archive(const std::vector<std::string>& args, const std::filesystem::path& root);

}  // namespace vanban::cli
