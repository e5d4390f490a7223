#include "cli/arguments.hpp"

namespace vanban::cli {

Arguments Arguments::parse(const std::vector<std::string>& args, const OptionSpec& spec) {
  Arguments result;
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
    if (const auto alias = spec.aliases.find(arg); alias != spec.aliases.end()) arg = alias->second;
    if (spec.flags.count(arg)) {
      if (inline_value) throw UsageError{"tùy chọn " + arg + " không nhận giá trị"};
      result.flags_.insert(arg);
    } else if (spec.with_value.count(arg)) {
      std::string value;
      if (inline_value) {
        value = *inline_value;
      } else {
        if (i + 1 >= args.size()) throw UsageError{"tùy chọn " + arg + " cần một giá trị"};
        value = args[++i];
      }
      auto& list = result.values_[arg];
      if (!list.empty() && !spec.repeatable.count(arg)) throw UsageError{"tùy chọn " + arg + " chỉ được dùng một lần"};
      list.push_back(std::move(value));
    } else {
      throw UsageError{"không có tùy chọn " + arg + " (xem --help)"};
    }
  }
  return result;
}

std::optional<std::string> Arguments::value(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.front();
}

std::vector<std::string> Arguments::values(const std::string& name) const {
  const auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::string Arguments::required(const std::string& name) const {
  auto found = value(name);
  if (!found) throw UsageError{"thiếu tùy chọn bắt buộc " + name};
  return *found;
}

}  // namespace vanban::cli
