#include "rules/calendar.hpp"

#include <charconv>

#include "xml/data_reader.hpp"

namespace vanban::rules {

namespace {
constexpr std::string_view kCalendarNamespace = "urn:vanban:calendar:1";

std::optional<int> whole(const std::string& text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<int> weekday_number(std::string_view name) {
  static constexpr std::string_view kNames[] = {"sunday",   "monday", "tuesday", "wednesday",
                                                "thursday", "friday", "saturday"};
  for (int i = 0; i < 7; ++i)
    if (kNames[i] == name) return i;
  return std::nullopt;
}

// The same day `months` months later, or the month's last day when it has no such day (31/1 + 1 → 28/2).
model::Date add_months(model::Date start, int months) {
  const int index = start.month() - 1 + months;
  const int year = start.year() + index / 12;
  const int month = index % 12 + 1;
  return *model::Date::from_ymd(year, month, std::min(start.day(), model::days_in_month(year, month)));
}
}  // namespace

std::optional<Calendar> Calendar::parse(std::string_view bytes, const FileName& file, Diagnostics& diagnostics) {
  Diagnostics local;
  const auto root = xml::read_data_file(bytes, file, kCalendarNamespace, local);
  Calendar calendar;
  const auto fail = [&](const SourceLoc& loc, const std::string& message) { local.error("E0902", loc, message); };
  const auto attribute = [&](const xml::Element& element, std::string_view name) -> const xml::Attribute* {
    const auto* found = element.find_attribute(name);
    if (!found) fail(element.loc, "thiếu thuộc tính \"" + std::string(name) + "\" của <" + element.name + ">");
    return found;
  };
  const auto date = [&](const xml::Attribute* attr) -> std::optional<model::Date> {
    if (!attr) return std::nullopt;
    auto parsed = model::Date::parse_iso(attr->value);
    if (!parsed) fail(attr->value_loc, "ngày \"" + attr->value + "\" không hợp lệ");
    return parsed;
  };
  if (root) {
    for (const auto& child : root->children) {
      if (child.name == "weekend") {
        std::size_t start = 0;
        const std::string& text = child.text;
        while (start < text.size()) {
          const std::size_t space = text.find(' ', start);
          const std::string word = text.substr(start, space == std::string::npos ? std::string::npos : space - start);
          if (const auto day = weekday_number(word)) calendar.weekend_.insert(*day);
          else fail(child.text_loc, "\"" + word + "\" không phải tên ngày trong tuần (sunday … saturday)");
          if (space == std::string::npos) break;
          start = space + 1;
        }
      } else if (child.name == "holiday") {
        const auto* month = attribute(child, "month");
        const auto* day = attribute(child, "day");
        const auto* name = attribute(child, "name");
        if (!month || !day || !name) continue;
        const auto m = whole(month->value), d = whole(day->value);
        if (!m || !d || !model::Date::from_ymd(2024, *m, *d)) {
          fail(child.loc, "ngày lễ " + month->value + "/" + day->value + " không hợp lệ");
          continue;
        }
        calendar.fixed_[{*m, *d}] = name->value;
      } else if (child.name == "year") {
        const auto* value = attribute(child, "value");
        const auto year = value ? whole(value->value) : std::nullopt;
        if (!year) {
          fail(child.loc, "thuộc tính value của <year> phải là năm");
          continue;
        }
        calendar.years_.insert(*year);
        for (const auto& entry : child.children) {
          const auto* name = attribute(entry, "name");
          std::optional<model::Date> from, to;
          if (entry.find_attribute("date")) {
            from = to = date(entry.find_attribute("date"));
          } else {
            from = date(attribute(entry, "from"));
            to = date(attribute(entry, "to"));
          }
          if (!from || !to || !name) continue;
          if (from->year() != *year || to->year() != *year || *to < *from) {
            fail(entry.loc, "khoảng ngày phải nằm trong năm " + std::to_string(*year) + " và không đảo ngược");
            continue;
          }
          for (model::Date d = *from; d <= *to; d = d.plus_days(1)) {
            if (entry.name == "off") calendar.off_[d.days()] = name->value;
            else if (entry.name == "work") calendar.worked_.insert(d.days());
            else fail(entry.loc, "phần tử <" + entry.name + "> không thuộc <year> (chỉ có <off> và <work>)");
          }
        }
      } else {
        fail(child.loc, "phần tử <" + child.name + "> không thuộc lịch ngày làm việc");
      }
    }
  }
  diagnostics.merge(local);
  if (local.has_errors() || !root) return std::nullopt;
  return calendar;
}

std::string Calendar::day_off_name(model::Date date) const {
  if (const auto it = off_.find(date.days()); it != off_.end()) return it->second;
  if (const auto it = fixed_.find({date.month(), date.day()}); it != fixed_.end()) return it->second;
  return {};
}

bool Calendar::is_working_day(model::Date date) const {
  if (worked_.count(date.days())) return true;
  if (!day_off_name(date).empty()) return false;
  return weekend_.count(date.weekday()) == 0;
}

model::Date Calendar::next_working_day(model::Date date) const {
  while (!is_working_day(date)) date = date.plus_days(1);
  return date;
}

model::Date Calendar::add_working_days(model::Date start, int count) const {
  model::Date date = start;
  for (int counted = 0; counted < count;) {
    date = date.plus_days(1);
    if (is_working_day(date)) ++counted;
  }
  return date;
}

model::Date Calendar::deadline(model::Date event, const TimeLimit& limit) const {
  switch (limit.unit) {
    case DayCount::working_days: return add_working_days(event, limit.count);
    case DayCount::calendar_days: return next_working_day(event.plus_days(limit.count));
    case DayCount::months: return next_working_day(add_months(event, limit.count));
  }
  return event;
}

}  // namespace vanban::rules
