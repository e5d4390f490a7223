#include "pipeline/request.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "base/file_io.hpp"
#include "base/suggest.hpp"
#include "pipeline/parallel.hpp"
#include "xml/limits.hpp"

namespace vanban::pipeline {

namespace {

// A decimal number written in full ("20", "1.5" or "1,5"), or nullopt.
std::optional<double> decimal(std::string text) {
  std::replace(text.begin(), text.end(), ',', '.');
  if (text.empty() || text.size() > 16 || text.find_first_not_of("0123456789.") != std::string::npos)
    return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return value;
}

bool all_digits(const std::string& text, std::size_t max_length) {
  return !text.empty() && text.size() <= max_length && text.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

std::string option_name(std::string_view name, OptionStyle style) {
  if (style == OptionStyle::command_line) return "--" + std::string(name);
  std::string out(name);
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

model::Date parse_date(const std::string& option, const std::string& text) {
  const auto date = model::Date::parse(text);
  if (!date) throw RequestError(option + " \"" + text + "\" không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)");
  return *date;
}

std::int64_t parse_archive_id(const std::string& text) {
  if (!all_digits(text, 18) || std::stoll(text) < 1)
    throw RequestError("mã lưu trữ \"" + text + "\" phải là một số nguyên dương");
  return std::stoll(text);
}

int parse_year(const std::string& text, const std::string& option) {
  if (!all_digits(text, 4) || text.size() != 4) throw RequestError(option + " \"" + text + "\" phải là năm bốn chữ số");
  return std::stoi(text);
}

std::size_t parse_count(const std::string& option, const std::string& text) {
  if (!all_digits(text, 9) || std::stoll(text) < 1)
    throw RequestError(option + " \"" + text + "\" phải là số nguyên dương");
  return static_cast<std::size_t>(std::stoll(text));
}

std::string parse_document_number(const std::string& text) {
  if (!all_digits(text, 9)) throw RequestError("--number \"" + text + "\" phải là số nguyên dương");
  return text;
}

unsigned parse_jobs(const std::string& text) {
  if (!all_digits(text, 3) || std::stoi(text) < 1)
    throw RequestError("--jobs \"" + text + "\" phải là số nguyên từ 1 đến 999");
  return static_cast<unsigned>(std::stoi(text));
}

layout::Profile parse_profile(const std::optional<std::string>& margins, const std::optional<std::string>& line_spacing,
                              const std::optional<std::string>& body_size) {
  layout::Profile profile;
  if (margins) {
    std::vector<double> values;
    for (std::size_t start = 0; start <= margins->size();) {
      const std::size_t comma = std::min(margins->find(',', start), margins->size());
      const auto value = decimal(margins->substr(start, comma - start));
      if (!value) break;
      values.push_back(*value);
      start = comma + 1;
    }
    if (values.size() != 4)
      throw RequestError("--margins \"" + *margins + "\" phải là bốn số (mm) trên,dưới,trái,phải, ví dụ 20,20,30,15");
    profile.margin_top = layout::mm(values[0]);
    profile.margin_bottom = layout::mm(values[1]);
    profile.margin_left = layout::mm(values[2]);
    profile.margin_right = layout::mm(values[3]);
  }
  const auto number = [](const char* option, const std::optional<std::string>& text, double& target) {
    if (!text) return;
    const auto value = decimal(*text);
    if (!value) throw RequestError(std::string(option) + " \"" + *text + "\" không phải là số");
    target = *value;
  };
  number("--line-spacing", line_spacing, profile.line_spacing);
  number("--body-size", body_size, profile.body_size);
  const auto problems = profile_problems(profile);
  if (!problems.empty()) {
    std::string message = "bố cục trang không đúng Nghị định 30/2020/NĐ-CP:";
    for (const auto& problem : problems) message += " " + problem + ";";
    message.back() = '.';
    throw RequestError(message);
  }
  return profile;
}

void check_output(const std::string& option, const std::string& target,
                  const std::vector<std::filesystem::path>& inputs) {
  if (const auto problem = output_problem(target, inputs)) throw RequestError(option + ": " + *problem);
}

void check_output_folder(const std::string& option, const std::string& target) {
  if (target == "-") throw RequestError(option + ": các trang được ghi vào một thư mục, không ra đầu ra chuẩn (\"-\")");
  std::error_code error;
  const auto status = std::filesystem::symlink_status(target, error);
  if (!error && std::filesystem::exists(status) && !std::filesystem::is_directory(status))
    throw RequestError(option + ": \"" + target + "\" đã có và không phải là thư mục");
}

void require_document_template(const Engine& engine, const std::string& name) {
  if (engine.has_template(name)) return;
  std::vector<std::string> names;
  for (const auto& info : engine.templates()) names.push_back(info.name);
  throw RequestError("không có mẫu văn bản \"" + name + "\"" + did_you_mean(name, names) + " (xem: vanban templates)");
}

void apply_defaults(RenderRequest& request, const config::Settings& settings) {
  if (!request.signer) request.signer = settings.render_signer;
  if (!request.margins) request.margins = settings.render_margins;
  if (!request.line_spacing) request.line_spacing = settings.render_line_spacing;
  if (!request.body_size) request.body_size = settings.render_body_size;
}

RenderOptions render_options(const Engine& engine, const RenderRequest& request, model::Date today) {
  RenderOptions options;
  options.template_name = request.template_name;
  options.today = today;
  if (request.date) options.date = parse_date("--date", *request.date);
  if (request.number) options.number = parse_document_number(*request.number);
  options.signer_id = request.signer;
  for (const auto& pair : request.parameters) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) throw RequestError("--set \"" + pair + "\" phải có dạng khóa=giá-trị");
    // What reaches a document (and a message) is text: UTF-8, no control character, no longer than a case field.
    if (utf8::find_invalid(pair))
      throw RequestError("--set \"" + pair + "\" không phải văn bản UTF-8 (các byte lạ được ghi dạng <0x..>)");
    for (std::size_t offset = 0; offset < pair.size();)
      if (utf8::is_invisible_control(utf8::decode(pair, offset)))
        throw RequestError("--set \"" + pair +
                           "\" chứa ký tự điều khiển (ghi dạng <U+….>), không dùng được trong văn bản");
    const std::string value = pair.substr(eq + 1);
    if (utf8::length(value) > xml::kMaxFieldLength)
      throw RequestError("--set " + pair.substr(0, eq) + ": giá trị dài " + std::to_string(utf8::length(value)) +
                         " ký tự, quá giới hạn " + std::to_string(xml::kMaxFieldLength) + " ký tự của một trường");
    options.parameters[pair.substr(0, eq)] = value;
  }
  options.profile = parse_profile(request.margins, request.line_spacing, request.body_size);
  require_document_template(engine, options.template_name);
  // A date parameter may be written as the clerk writes dates; the template reads it as ISO.
  const auto info = engine.describe(options.template_name);
  for (const auto& parameter : info->parameters) {
    const auto given = options.parameters.find(parameter.name);
    if (parameter.type != "date" || given == options.parameters.end()) continue;
    if (const auto date = model::Date::parse(given->second)) given->second = date->to_iso();
  }
  return options;
}

std::optional<Bytes> read_input_file(const std::filesystem::path& path, Diagnostics& diagnostics,
                                     std::size_t max_size) {
  std::string problem;
  auto bytes = read_file(path, max_size, problem);
  if (!bytes) diagnostics.error("E0100", SourceLoc{make_file_name(path.string())}, problem);
  return bytes;
}

std::vector<std::filesystem::path> case_files(const std::filesystem::path& input) {
  std::error_code ec;
  if (!std::filesystem::is_directory(input, ec)) return {input};
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(input, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".xml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw RequestError("thư mục " + input.string() + " không có tệp hồ sơ .xml nào");
  return files;
}

std::vector<CaseFile> read_case_files(const Engine& engine, const std::vector<std::filesystem::path>& paths,
                                      text::RepairMode repair, unsigned jobs) {
  std::vector<CaseFile> files(paths.size());
  parallel_for(paths.size(), jobs, [&](std::size_t i) {
    CaseFile& file = files[i];
    file.path = paths[i];
    const auto bytes = read_input_file(file.path, file.diagnostics);
    if (bytes) file.cases = engine.read_cases(*bytes, file.path.string(), file.diagnostics, repair);
  });
  return files;
}

}  // namespace vanban::pipeline
