#pragma once
// The one table of the CLI's commands and options. The parser (arguments.hpp), `--help`, the man page and the bash
// completion are all made from it, so that none can drift from the others. A new option is one row here.

#include <string>
#include <string_view>
#include <vector>

namespace vanban::cli {

/// What the shell completes after an option (or as a command's operands).
enum class Completion { none, file, directory, choice, template_name };

/// One option of a command.
struct OptionDef {
  std::string name{};         ///< "--output"
  std::string alias{};        ///< "-o", or "" when it has none
  std::string placeholder{};  ///< "TỆP" for an option taking a value, "" for a flag
  std::string help{};         ///< Vietnamese, one or more sentences; "\n" starts a new line in the help
  bool repeatable = false;    ///< may be given several times (values are kept in order)
  Completion completion = Completion::none;
  std::string choices{};  ///< the values, separated by spaces, when completion is choice
  bool hidden = false;    ///< accepted but not shown (--time, which tests use to fix the clock)

  /// Whether the option takes a value.
  [[nodiscard]] bool takes_value() const { return !placeholder.empty(); }
};

/// One command ("render") or subcommand ("archive add").
struct CommandDef {
  std::string name{};         ///< as typed after "vanban": "render", "archive add"
  std::string operands{};     ///< what follows the name in the usage line: "HỒ-SƠ.xml --template TÊN -o RA.pdf"
  std::string summary{};      ///< one line for the list of commands
  std::string description{};  ///< paragraphs shown before the options ("" when the summary says it all)
  std::vector<OptionDef> options{};
  std::string notes{};  ///< paragraphs shown after the options (exit codes, order, …)
  Completion operand_completion = Completion::file;
};

/// Every command, in the order the help lists them; a group's subcommands follow the group ("archive", then
/// "archive add", …).
const std::vector<CommandDef>& commands();

/// The options every command takes as well, before or after its name (--resources, --config, --help).
const std::vector<OptionDef>& global_options();

/// The command of this name, or nullptr.
const CommandDef* find_command(std::string_view name);

/// The names of the subcommands of a group ("archive" → "add", "get", …); empty for a plain command.
std::vector<std::string> subcommands(std::string_view group);

/// `vanban --help`.
std::string main_help();

/// `vanban COMMAND --help`: the usage line, the description, every visible option, the notes.
std::string command_help(const CommandDef& command);

/// The man page vanban(1) in roff, for `version` ("0.1.0").
std::string man_page(std::string_view version);

/// The bash completion script (`complete -F _vanban vanban`).
std::string bash_completion();

}  // namespace vanban::cli
