#include "templating/filters.hpp"

#include <functional>

#include "text/case_mapping.hpp"
#include "text/dates.hpp"
#include "text/numbers.hpp"

namespace vanban::templating {

namespace {

using Kind = Value::Kind;

struct FilterSpec {
  std::string_view name;
  std::size_t min_arguments;
  std::size_t max_arguments;
  std::string_view accepts;  ///< Vietnamese description of accepted input, for messages
  std::function<std::optional<Value>(const Value&, const std::vector<Value>&)> apply;
};

std::optional<std::int64_t> numeric(const Value& value) {
  if (value.kind() == Kind::number) return value.as_number();
  if (value.kind() == Kind::money) return value.as_money().dong;
  return std::nullopt;
}

std::optional<Value> text_filter(const Value& input, std::string (*transform)(std::string_view)) {
  if (input.kind() != Kind::text) return std::nullopt;
  return Value::text(transform(input.as_text()), input.loc());
}

const std::vector<FilterSpec>& specs() {
  static const std::vector<FilterSpec> table = {
      {"money", 0, 0, "số tiền hoặc số",
       [](const Value& v, const std::vector<Value>&) -> std::optional<Value> {
         const auto n = numeric(v);
         if (!n) return std::nullopt;
         return Value::text(text::format_money(*n), v.loc());
       }},
      {"number", 0, 0, "số tiền hoặc số",
       [](const Value& v, const std::vector<Value>&) -> std::optional<Value> {
         const auto n = numeric(v);
         if (!n) return std::nullopt;
         return Value::text(text::group_thousands(*n), v.loc());
       }},
      {"words", 0, 0, "số tiền hoặc số",
       [](const Value& v, const std::vector<Value>&) -> std::optional<Value> {
         const auto n = numeric(v);
         if (!n) return std::nullopt;
         if (v.kind() == Kind::money) return Value::text(text::amount_in_words(*n), v.loc());
         return Value::text(text::capitalize_first(text::spell_out(*n)), v.loc());
       }},
      {"date", 0, 0, "ngày",
       [](const Value& v, const std::vector<Value>&) -> std::optional<Value> {
         if (v.kind() != Kind::date) return std::nullopt;
         const model::Date d = v.as_date();
         return Value::text(text::long_date(d.year(), d.month(), d.day()), v.loc());
       }},
      {"short", 0, 0, "ngày",
       [](const Value& v, const std::vector<Value>&) -> std::optional<Value> {
         if (v.kind() != Kind::date) return std::nullopt;
         const model::Date d = v.as_date();
         return Value::text(text::short_date(d.year(), d.month(), d.day()), v.loc());
       }},
      {"upper", 0, 0, "văn bản",
       [](const Value& v, const std::vector<Value>&) { return text_filter(v, text::to_upper); }},
      {"lower", 0, 0, "văn bản",
       [](const Value& v, const std::vector<Value>&) { return text_filter(v, text::to_lower); }},
      {"capitalize", 0, 0, "văn bản",
       [](const Value& v, const std::vector<Value>&) { return text_filter(v, text::capitalize_first); }},
      {"title", 0, 0, "văn bản",
       [](const Value& v, const std::vector<Value>&) { return text_filter(v, text::to_title); }},
      {"two-digits", 0, 0, "số",
       [](const Value& v, const std::vector<Value>&) -> std::optional<Value> {
         if (v.kind() != Kind::number) return std::nullopt;
         return Value::text(text::two_digits(v.as_number()), v.loc());
       }},
      {"percent", 0, 0, "số (phần trăm nhân 100)",
       [](const Value& v, const std::vector<Value>&) -> std::optional<Value> {
         if (v.kind() != Kind::number) return std::nullopt;
         return Value::text(text::format_percent(v.as_number()), v.loc());
       }},
      {"join", 1, 2, "danh sách văn bản",
       [](const Value& v, const std::vector<Value>& args) -> std::optional<Value> {
         if (v.kind() != Kind::list) return std::nullopt;
         const std::string& separator = args[0].as_text();
         const std::string& last = args.size() > 1 ? args[1].as_text() : separator;
         std::vector<std::string> parts;
         for (const auto& item : v.as_list()) {
           auto piece = to_document_text(item);
           if (!piece) return std::nullopt;
           parts.push_back(std::move(*piece));
         }
         std::string out;
         for (std::size_t i = 0; i < parts.size(); ++i) {
           if (i > 0) out += i + 1 == parts.size() ? last : separator;
           out += parts[i];
         }
         return Value::text(out, v.loc());
       }},
      {"default", 1, 1, "mọi giá trị",
       [](const Value& v, const std::vector<Value>& args) -> std::optional<Value> {
         if (v.is_absent() || (v.kind() == Kind::text && v.as_text().empty())) return args[0];
         return v;
       }},
  };
  return table;
}

const FilterSpec* find_spec(std::string_view name) {
  for (const auto& spec : specs())
    if (spec.name == name) return &spec;
  return nullptr;
}

}  // namespace

bool filter_exists(std::string_view name) { return find_spec(name) != nullptr; }

std::vector<std::string_view> filter_names() {
  std::vector<std::string_view> names;
  for (const auto& spec : specs()) names.push_back(spec.name);
  return names;
}

std::optional<std::string> to_document_text(const Value& value) {
  switch (value.kind()) {
    case Kind::text: return value.as_text();
    case Kind::number: return std::to_string(value.as_number());
    case Kind::money: return text::format_money(value.as_money().dong);
    case Kind::date: {
      const model::Date d = value.as_date();
      return text::long_date(d.year(), d.month(), d.day());
    }
    case Kind::boolean: return std::string(value.as_boolean() ? "có" : "không");
    default: return std::nullopt;
  }
}

std::optional<Value> apply_filter(const FilterCall& filter, const Value& input, Diagnostics& diagnostics) {
  const FilterSpec* spec = find_spec(filter.name);
  if (spec == nullptr) {
    std::string names;
    for (const auto name : filter_names()) names += (names.empty() ? "" : ", ") + std::string(name);
    diagnostics.error("E0409", filter.loc, "không có bộ lọc \"" + filter.name + "\" (có: " + names + ")");
    return std::nullopt;
  }
  const std::size_t count = filter.arguments.size();
  if (count < spec->min_arguments || count > spec->max_arguments) {
    diagnostics.error("E0410", filter.loc,
                      "bộ lọc " + filter.name + " cần " +
                          (spec->min_arguments == spec->max_arguments
                               ? std::to_string(spec->min_arguments)
                               : std::to_string(spec->min_arguments) + "–" + std::to_string(spec->max_arguments)) +
                          " tham số, ở đây có " + std::to_string(count));
    return std::nullopt;
  }
  if (spec->name == "join")
    for (const auto& argument : filter.arguments)
      if (argument.kind() != Kind::text) {
        diagnostics.error("E0410", filter.loc, "tham số của bộ lọc join phải là chuỗi trong ngoặc kép");
        return std::nullopt;
      }
  if (input.is_absent() && spec->name != "default") return input;  // the caller reports the missing value
  auto result = spec->apply(input, filter.arguments);
  if (!result)
    diagnostics.error("E0410", filter.loc,
                      "bộ lọc " + filter.name + " dùng cho " + std::string(spec->accepts) + ", không dùng được cho " +
                          std::string(kind_name(input.kind())));
  return result;
}

}  // namespace vanban::templating
