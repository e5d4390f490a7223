#include "api/answers.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace vanban::api {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr object() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

std::string text(const Array& array) {
  std::ostringstream out;
  array.stringify(out, 2);
  out << '\n';
  return out.str();
}

Object::Ptr hit(const archive::Entry& entry) {
  const archive::Record& r = entry.record;
  auto out = object();
  out->set("id", static_cast<Poco::Int64>(r.seq));
  out->set("case_id", r.case_id);
  out->set("number", entry.number_and_notation());
  out->set("type", r.type_name);
  out->set("date", r.issued_date);
  out->set("subject", r.subject);
  out->set("organ", r.organ_name);
  out->set("signer", r.signer_name);
  Array::Ptr parties = new Array();
  for (const auto& party : entry.parties()) {
    auto p = object();
    p->set("role", party.role);
    p->set("name", party.name);
    parties->add(p);
  }
  out->set("parties", parties);
  out->set("signature", r.status);
  Array::Ptr levels = new Array();
  for (const auto& level : entry.levels()) levels->add(level);
  out->set("levels", levels);
  out->set("sha256", r.sha256);
  out->set("recorded_at", r.recorded_at);
  if (entry.withdrawal) {
    auto withdrawn = object();
    withdrawn->set("id", static_cast<Poco::Int64>(entry.withdrawal->seq));
    withdrawn->set("reason", entry.withdrawal->note);
    withdrawn->set("recorded_at", entry.withdrawal->recorded_at);
    out->set("withdrawn", withdrawn);
  } else {
    out->set("withdrawn", Poco::Dynamic::Var());
  }
  return out;
}

}  // namespace

std::string archive_hits(const std::vector<archive::Entry>& hits) {
  Array array;
  for (const auto& entry : hits) array.add(hit(entry));
  return text(array);
}

}  // namespace vanban::api
