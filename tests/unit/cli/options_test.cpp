// The option table is the one source of the parser, --help, the man page and the completion: every option the parser
// accepts is in each of them, and every option they show is one the parser accepts.

#include "cli/options.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "cli/arguments.hpp"

namespace vanban::cli {
namespace {

// Every option name or alias a text shows ("--output", "-o"), leaving out those of other commands it refers to
// ("xem: vanban templates --describe TÊN").
std::set<std::string> shown_options(const std::string& help) {
  const std::string text = std::regex_replace(help, std::regex(R"(vanban [a-z]+ --[a-z-]+)"), "");
  std::set<std::string> out;
  const std::regex option(R"((^|[\s\[(,/|])(--?[a-z][a-z0-9-]*))");
  for (std::sregex_iterator it(text.begin(), text.end(), option), end; it != end; ++it) out.insert((*it)[2]);
  return out;
}

// Whether the parser of `command` accepts `name` (with a value when it takes one).
bool parser_accepts(const CommandDef& command, const std::string& name) {
  const OptionDef* option = find_option(command, name);
  std::vector<std::string> args = {name};
  if (option == nullptr || option->takes_value()) args.push_back("x");
  try {
    (void)Arguments::parse(args, command);
    return true;
  } catch (const UsageError&) {
    return false;
  }
}

TEST(OptionTable, EveryOptionTheParserAcceptsIsInTheHelpAndTheReverse) {
  ASSERT_GE(commands().size(), 13U);
  for (const auto& command : commands()) {
    const std::string help = command_help(command);
    const auto shown = shown_options(help);
    for (const auto* list : {&command.options, &global_options()}) {
      for (const auto& option : *list) {
        ASSERT_TRUE(parser_accepts(command, option.name)) << command.name << " " << option.name;
        if (option.hidden) {
          EXPECT_FALSE(shown.count(option.name)) << command.name << ": hidden " << option.name << " is shown";
          continue;
        }
        EXPECT_TRUE(shown.count(option.name)) << command.name << ": " << option.name << " is not in the help\n" << help;
        if (!option.alias.empty()) {
          EXPECT_TRUE(parser_accepts(command, option.alias)) << command.name << " " << option.alias;
          EXPECT_TRUE(shown.count(option.alias)) << command.name << ": " << option.alias << " is not in the help";
        }
      }
    }
    for (const auto& name : shown)
      EXPECT_TRUE(parser_accepts(command, name))
          << command.name << ": the help shows " << name << ", which the parser refuses\n"
          << help;
  }
}

TEST(OptionTable, OnlyTheClockOptionIsHidden) {
  for (const auto& command : commands())
    for (const auto& option : command.options)
      if (option.hidden) {
        EXPECT_EQ(option.name, "--time") << command.name;
      }
}

TEST(OptionTable, TheManPageAndTheCompletionNameEveryVisibleOption) {
  const std::string man = man_page("1.2.3");
  const std::string completion = bash_completion();
  // roff writes a hyphen as "\-".
  const auto in_man = [&](std::string name) {
    return man.find(std::regex_replace(name, std::regex("-"), "\\-")) != std::string::npos;
  };
  const auto in_completion = [&](const std::string& name) {
    return std::regex_search(completion, std::regex("[\" ]" + name + "[\" |)]"));
  };
  for (const auto& command : commands()) {
    EXPECT_NE(man.find(".SS \"vanban " + command.name + "\""), std::string::npos) << command.name;
    EXPECT_NE(completion.find("\"" + command.name + "\")"), std::string::npos) << command.name;
    for (const auto& option : command.options) {
      if (option.hidden) {
        EXPECT_FALSE(in_completion(option.name)) << option.name;
        continue;
      }
      EXPECT_TRUE(in_man(option.name)) << command.name << " " << option.name;
      EXPECT_TRUE(in_completion(option.name)) << command.name << " " << option.name;
    }
  }
  EXPECT_NE(man.find("vanban 1.2.3"), std::string::npos);
  EXPECT_NE(completion.find("complete -o filenames -F _vanban vanban"), std::string::npos);
}

TEST(OptionTable, ChoicesAreCompleted) {
  EXPECT_NE(bash_completion().find("--appearance) COMPREPLY=($(compgen -W \"signer agency none\""), std::string::npos);
}

TEST(Arguments, ParsesValuesFlagsAliasesAndRepeats) {
  const CommandDef* render = find_command("render");
  ASSERT_NE(render, nullptr);
  const auto arguments = Arguments::parse(
      {"case.xml", "-o", "out.pdf", "--set", "a=1", "--set=b=2", "--no-repair", "--", "--odd.xml"}, *render);
  EXPECT_EQ(arguments.positional(), (std::vector<std::string>{"case.xml", "--odd.xml"}));
  EXPECT_EQ(arguments.value("--output"), "out.pdf");
  EXPECT_EQ(arguments.values("--set"), (std::vector<std::string>{"a=1", "b=2"}));
  EXPECT_TRUE(arguments.flag("--no-repair"));
  EXPECT_FALSE(arguments.value("--date"));
}

TEST(Arguments, RefusesWhatTheTableDoesNotSay) {
  const CommandDef& render = *find_command("render");
  const auto message = [&](const std::vector<std::string>& args) {
    try {
      (void)Arguments::parse(args, render);
    } catch (const UsageError& error) {
      return error.message;
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message({"--templte", "x"}),
            "lệnh render không có tùy chọn --templte (có phải ý bạn là \"--template\"?) (xem: vanban render --help)");
  EXPECT_EQ(message({"--no-repair=1"}), "tùy chọn --no-repair không nhận giá trị");
  EXPECT_EQ(message({"--date", "1/1/2024", "--date", "2/1/2024"}), "tùy chọn --date chỉ được dùng một lần");
  EXPECT_EQ(message({"--output"}), "tùy chọn --output cần một giá trị (RA.pdf)");
  EXPECT_EQ(message({"--zzzzzz"}), "lệnh render không có tùy chọn --zzzzzz (xem: vanban render --help)");
  const auto parsed = Arguments::parse({}, render);
  // Reading an option the command does not declare is a bug, not a usage error.
  EXPECT_THROW((void)parsed.value("--out"), std::logic_error);
  try {
    (void)parsed.required("--output");
    ADD_FAILURE() << "no usage error";
  } catch (const UsageError& error) {
    EXPECT_EQ(error.message, "thiếu tùy chọn bắt buộc -o/--output RA.pdf (xem: vanban render --help)");
  }
}

TEST(OptionTable, BatchWritesWithOutputLikeEveryCommand) {
  for (const auto& command : commands())
    for (const auto& option : command.options) {
      EXPECT_NE(option.name, "--out") << command.name;
      if (option.name == "--output") {
        EXPECT_EQ(option.alias, "-o") << command.name;
      }
    }
  EXPECT_NE(find_option(*find_command("batch"), "-o"), nullptr);
}

TEST(OptionTable, HelpLinesFitAndTheMainHelpListsEveryCommand) {
  const std::string help = main_help();
  for (const auto& command : commands()) {
    if (command.name.find(' ') == std::string::npos) {
      EXPECT_NE(help.find("  " + command.name + " "), std::string::npos);
    }
    std::istringstream lines(command_help(command));
    std::string line;
    while (std::getline(lines, line)) EXPECT_LE(line.size(), 160U) << line;  // bytes: 110 characters of Vietnamese
  }
}

}  // namespace
}  // namespace vanban::cli
