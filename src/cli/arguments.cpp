#include "cli/arguments.hpp"

#include <stdexcept>

#include "base/suggest.hpp"

namespace vanban::cli {

const OptionDef* find_option(const CommandDef& command, const std::string& name) {
  for (const auto* list : {&command.options, &global_options()})
    for (const auto& option : *list)
      if (option.name == name || (!option.alias.empty() && option.alias == name)) return &option;
  return nullptr;
}

namespace {

std::vector<std::string> known_names(const CommandDef& command) {
  std::vector<std::string> names;
  for (const auto* list : {&command.options, &global_options()})
    for (const auto& option : *list)
      if (!option.hidden) names.push_back(option.name);
  return names;
}

}  // namespace

Arguments Arguments::parse(const std::vector<std::string>& args, const CommandDef& command) {
  Arguments result;
  result.command_ = &command;
  bool only_positional = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (only_positional || arg.empty() || arg[0] != '-' || arg == "-") {
      result.positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positional = true;
      continue;
    }
    std::optional<std::string> inline_value;
    if (const auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      inline_value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    const OptionDef* option = find_option(command, arg);
    if (option == nullptr)
      throw UsageError{"lệnh " + command.name + " không có tùy chọn " + arg + did_you_mean(arg, known_names(command)) +
                       " (xem: vanban " + command.name + " --help)"};
    const std::string& name = option->name;
    if (!option->takes_value()) {
      if (inline_value) throw UsageError{"tùy chọn " + name + " không nhận giá trị"};
      result.flags_.insert(name);
      continue;
    }
    std::string value;
    if (inline_value) {
      value = *inline_value;
    } else {
      if (i + 1 >= args.size()) throw UsageError{"tùy chọn " + name + " cần một giá trị (" + option->placeholder + ")"};
      value = args[++i];
    }
    auto& list = result.values_[name];
    if (!list.empty() && !option->repeatable) throw UsageError{"tùy chọn " + name + " chỉ được dùng một lần"};
    list.push_back(std::move(value));
  }
  return result;
}

bool Arguments::declares(const std::string& name) const {
  const OptionDef* option = find_option(*command_, name);
  return option != nullptr && option->name == name;
}

void Arguments::check_declared(const std::string& name) const {
  if (!declares(name)) throw std::logic_error("the option table has no " + name + " for " + command_->name);
}

std::optional<std::string> Arguments::value(const std::string& name) const {
  check_declared(name);
  const auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.front();
}

std::vector<std::string> Arguments::values(const std::string& name) const {
  check_declared(name);
  const auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

bool Arguments::flag(const std::string& name) const {
  check_declared(name);
  return flags_.count(name) != 0;
}

std::string Arguments::required(const std::string& name) const {
  auto found = value(name);
  if (!found) {
    const OptionDef* option = find_option(*command_, name);
    const std::string shown = option->alias.empty() ? name : option->alias + "/" + name;
    throw UsageError{"thiếu tùy chọn bắt buộc " + shown + " " + option->placeholder + " (xem: vanban " +
                     command_->name + " --help)"};
  }
  return *found;
}

}  // namespace vanban::cli
