#pragma once
// Internal to the rules module: what every rules/*.xml reader shares: its code for problems, required attributes
// and dates, the confirmed="false" mark, and regimes keyed by the date they took effect, without gaps or overlaps.

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "model/date.hpp"
#include "xml/data_reader.hpp"

namespace vanban::rules {

/// Reads the fields of one rules file, reporting each problem with the file's code.
class FieldReader {
 public:
  FieldReader(Diagnostics& diagnostics, const char* code) : diagnostics_(diagnostics), code_(code) {}

  /// Reports a problem of the file.
  void error(const SourceLoc& loc, std::string message) { diagnostics_.error(code_, loc, std::move(message)); }

  /// A required attribute's value; "" (and a problem) when it is missing.
  std::string attribute(const xml::Element& element, std::string_view name) {
    if (const auto* found = element.find_attribute(name)) return found->value;
    missing(element, name);
    return {};
  }

  /// A required date attribute (YYYY-MM-DD); 1970-01-01 (and a problem) when it is missing or not a date.
  model::Date date(const xml::Element& element, std::string_view name) {
    const auto* found = element.find_attribute(name);
    if (found == nullptr) {
      missing(element, name);
      return {};
    }
    const auto parsed = model::Date::parse_iso(found->value);
    if (!parsed) error(found->value_loc, "ngày \"" + found->value + "\" không hợp lệ");
    return parsed.value_or(model::Date{});
  }

  /// Whether the element is not marked confirmed="false" (UNCONFIRMED).
  static bool confirmed(const xml::Element& element) {
    const auto* found = element.find_attribute("confirmed");
    return found == nullptr || found->value != "false";
  }

  /// Sorts regimes (with `id`, `from`, `until`, `loc`) by their start and reports a gap or an overlap between two
  /// in a row; `kind` names them in the message ("chế độ pháp lý").
  template <typename Regime>
  void order_regimes(std::vector<Regime>& regimes, const std::string& kind) {
    std::sort(regimes.begin(), regimes.end(), [](const Regime& a, const Regime& b) { return a.from < b.from; });
    for (std::size_t i = 1; i < regimes.size(); ++i) {
      const Regime& previous = regimes[i - 1];
      const Regime& current = regimes[i];
      if (!previous.until || previous.until->plus_days(1) != current.from)
        error(current.loc, kind + " \"" + current.id + "\" phải bắt đầu đúng ngày sau khi chế độ \"" + previous.id +
                               "\" hết hiệu lực (không được hở hoặc chồng lấn)");
    }
  }

  /// Reports a regime without a name, or one that ends before it starts.
  template <typename Regime>
  void check_regime(const Regime& regime, const std::string& kind) {
    if (regime.name.empty()) error(regime.loc, kind + " \"" + regime.id + "\" thiếu <name>");
    if (regime.until && *regime.until < regime.from)
      error(regime.loc, kind + " \"" + regime.id + "\" hết hiệu lực trước khi bắt đầu");
  }

 private:
  void missing(const xml::Element& element, std::string_view name) {
    error(element.loc, "thiếu thuộc tính \"" + std::string(name) + "\" của <" + element.name + ">");
  }

  Diagnostics& diagnostics_;
  const char* code_;
};

}  // namespace vanban::rules
