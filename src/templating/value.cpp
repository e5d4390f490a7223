#include "templating/value.hpp"

namespace vanban::templating {

Value Value::list(List items, SourceLoc loc) {
  return Value(std::shared_ptr<const List>(std::make_shared<List>(std::move(items))), std::move(loc));
}

Value Value::object(Object fields, SourceLoc loc) {
  return Value(std::shared_ptr<const Object>(std::make_shared<Object>(std::move(fields))), std::move(loc));
}

bool Value::truthy() const {
  switch (kind()) {
    case Kind::absent: return false;
    case Kind::boolean: return as_boolean();
    case Kind::number: return as_number() != 0;
    case Kind::money: return as_money().dong != 0;
    case Kind::date: return true;
    case Kind::text: return !as_text().empty();
    case Kind::list: return !as_list().empty();
    case Kind::object: return true;
  }
  return false;
}

Value Value::unconfirmed(std::string key) const {
  Value marked = *this;
  marked.unconfirmed_ = std::make_shared<const std::string>(std::move(key));
  return marked;
}

const Value* Value::find(std::string_view name) const {
  if (kind() != Kind::object) return nullptr;
  const Object& fields = as_object();
  const auto it = fields.find(name);
  return it == fields.end() ? nullptr : &it->second;
}

std::string_view kind_name(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::absent: return "giá trị trống";
    case Value::Kind::boolean: return "đúng/sai";
    case Value::Kind::number: return "số";
    case Value::Kind::money: return "số tiền";
    case Value::Kind::date: return "ngày";
    case Value::Kind::text: return "văn bản";
    case Value::Kind::list: return "danh sách";
    case Value::Kind::object: return "đối tượng";
  }
  return "giá trị";
}

Value text_or_absent(const std::string* text, const SourceLoc& loc, const SourceLoc& owner) {
  if (text == nullptr || text->empty()) return Value::absent(owner);
  return Value::text(*text, loc);
}

}  // namespace vanban::templating
