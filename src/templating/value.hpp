#pragma once
// Values of the template context: what a field can hold.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/source_loc.hpp"
#include "model/date.hpp"
#include "model/money.hpp"

namespace vanban::templating {

class Value;
using List = std::vector<Value>;
using Object = std::map<std::string, Value, std::less<>>;

/// A context value: absent, boolean, number, money, date, text, list or object. Values are immutable and
/// cheap to copy (lists and objects are shared). Each value remembers where in the case it came from.
class Value {
 public:
  enum class Kind { absent, boolean, number, money, date, text, list, object };

  Value() = default;  ///< absent
  static Value absent(SourceLoc owner = {}) { return Value(std::monostate{}, std::move(owner)); }
  static Value boolean(bool value) { return Value(value, {}); }
  static Value number(std::int64_t value, SourceLoc loc = {}) { return Value(value, std::move(loc)); }
  static Value money(model::Money value, SourceLoc loc = {}) { return Value(value, std::move(loc)); }
  static Value date(model::Date value, SourceLoc loc = {}) { return Value(value, std::move(loc)); }
  static Value text(std::string value, SourceLoc loc = {}) { return Value(std::move(value), std::move(loc)); }
  /// A text that stays where it is (a field of the case the context is built from): the value refers to it instead
  /// of copying it, so `value` must outlive every copy of this value.
  static Value borrowed_text(const std::string& value, SourceLoc loc = {}) { return Value(&value, std::move(loc)); }
  static Value list(List items, SourceLoc loc = {});
  static Value object(Object fields, SourceLoc loc = {});

  [[nodiscard]] Kind kind() const {
    return std::holds_alternative<const std::string*>(storage_) ? Kind::text : static_cast<Kind>(storage_.index());
  }
  [[nodiscard]] bool is_absent() const { return kind() == Kind::absent; }
  /// Absent, false, zero, empty text and empty list are false; everything else is true.
  [[nodiscard]] bool truthy() const;
  [[nodiscard]] const SourceLoc& loc() const { return loc_; }

  [[nodiscard]] bool as_boolean() const { return std::get<bool>(storage_); }
  [[nodiscard]] std::int64_t as_number() const { return std::get<std::int64_t>(storage_); }
  [[nodiscard]] model::Money as_money() const { return std::get<model::Money>(storage_); }
  [[nodiscard]] model::Date as_date() const { return std::get<model::Date>(storage_); }
  [[nodiscard]] const std::string& as_text() const {
    if (const auto* borrowed = std::get_if<const std::string*>(&storage_)) return **borrowed;
    return std::get<std::string>(storage_);
  }
  [[nodiscard]] const List& as_list() const { return *std::get<std::shared_ptr<const List>>(storage_); }
  [[nodiscard]] const Object& as_object() const { return *std::get<std::shared_ptr<const Object>>(storage_); }

  /// The field of an object, or nullptr when this is not an object or has no such field.
  [[nodiscard]] const Value* find(std::string_view name) const;

  /// This value marked as coming from law data not yet confirmed (UNCONFIRMED in rules/law.xml) under `key`
  /// ("luat-2025/voluntary-period"): printing it warns (W0331).
  [[nodiscard]] Value unconfirmed(std::string key) const;
  /// The key of the unconfirmed law data this value comes from, or nullptr when it is confirmed.
  [[nodiscard]] const std::string* unconfirmed_key() const { return unconfirmed_.get(); }

 private:
  using Storage = std::variant<std::monostate, bool, std::int64_t, model::Money, model::Date, std::string,
                               std::shared_ptr<const List>, std::shared_ptr<const Object>, const std::string*>;
  template <typename T>
  Value(T value, SourceLoc loc) : storage_(std::move(value)), loc_(std::move(loc)) {}
  Storage storage_;
  SourceLoc loc_;
  std::shared_ptr<const std::string> unconfirmed_;
};

/// Vietnamese name of a kind, for messages: "số tiền", "ngày", "văn bản"…
std::string_view kind_name(Value::Kind kind);

/// Appends an optional text as a text value, or an absent value pointing at `owner`.
Value text_or_absent(const std::string* text, const SourceLoc& loc, const SourceLoc& owner);

}  // namespace vanban::templating
