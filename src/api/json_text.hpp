#pragma once
// The JSON building blocks every answer of api uses (internal to api): objects that keep their keys in the order they
// are set, and a value's text indented by two spaces, ending in a line feed.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>
#include <string>

namespace vanban::api::json_text {

/// An empty object that keeps its keys in the order they are set (answers have a fixed key order).
inline Poco::JSON::Object::Ptr object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

/// `json` (an object or an array) as text, indented by two spaces, ending in a line feed.
template <typename Json>
std::string text(const Json& json) {
  std::ostringstream out;
  json.stringify(out, 2);
  out << '\n';
  return out.str();
}

}  // namespace vanban::api::json_text
