#include "api/service_answers.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "api/answers.hpp"
#include "api/json_text.hpp"
#include "pipeline/request.hpp"

namespace vanban::api {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

using json_text::object;
using json_text::text;

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

Array::Ptr diagnostics_array(const Diagnostics& diagnostics) {
  Array::Ptr out = new Array();
  for (const auto& d : diagnostics.list()) {
    auto item = object();
    item->set("severity", severity_name(d.severity));
    item->set("code", d.code);
    item->set("file", std::string(d.loc.file_name()));
    item->set("line", static_cast<Poco::UInt64>(d.loc.line));
    item->set("column", static_cast<Poco::UInt64>(d.loc.column));
    item->set("message", d.message);
    out->add(item);
  }
  return out;
}

Object::Ptr summary_object(const cases::Summary& s) {
  auto out = object();
  out->set("id", s.id);
  out->set("version", static_cast<Poco::Int64>(s.version));
  out->set("debtor", s.debtor);
  out->set("officer", s.officer);
  out->set("mode", s.mode);
  out->set("condition", s.condition);
  out->set("outstanding", static_cast<Poco::Int64>(s.outstanding));
  out->set("decision_date", s.decision_date.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(s.decision_date));
  out->set("updated_at", s.updated_at);
  out->set("updated_by", s.updated_by);
  return out;
}

const char* outcome_name(cases::WriteResult::Outcome outcome) {
  switch (outcome) {
    case cases::WriteResult::Outcome::created: return "created";
    case cases::WriteResult::Outcome::updated: return "updated";
    case cases::WriteResult::Outcome::unchanged: return "unchanged";
    case cases::WriteResult::Outcome::stale: return "stale";
  }
  return "unchanged";
}

}  // namespace

std::string problem(std::string_view kind, std::string_view title, int status, std::string_view detail,
                    const Diagnostics* diagnostics) {
  auto out = object();
  out->set("type", "urn:vanban:problem:" + std::string(kind));
  out->set("title", std::string(title));
  out->set("status", status);
  out->set("detail", std::string(detail));
  if (diagnostics != nullptr) out->set("diagnostics", diagnostics_array(*diagnostics));
  return text(*out);
}

std::string validation(const std::optional<model::Register>& cases, const Diagnostics& diagnostics) {
  auto out = object();
  out->set("valid", cases.has_value());
  Array::Ptr ids = new Array();
  if (cases)
    for (const auto& the_case : cases->cases) ids->add(the_case.id);
  out->set("cases", ids);
  out->set("diagnostics", diagnostics_array(diagnostics));
  return text(*out);
}

std::string templates(const std::vector<pipeline::TemplateInfo>& list) {
  Array out;
  for (const auto& info : list) {
    auto item = object();
    item->set("name", info.name);
    item->set("description", info.description);
    out.add(item);
  }
  return text(out);
}

std::string template_info(const pipeline::TemplateInfo& info) {
  auto out = object();
  out->set("name", info.name);
  out->set("description", info.description);
  Array::Ptr parameters = new Array();
  for (const auto& p : info.parameters) {
    auto item = object();
    item->set("name", p.name);
    item->set("type", p.type);
    item->set("description", p.description);
    item->set("example", p.example);
    item->set("default", p.default_value.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(p.default_value));
    item->set("required", p.required);
    parameters->add(item);
  }
  out->set("parameters", parameters);
  return text(*out);
}

std::string template_names(const std::vector<std::string>& names) {
  Array out;
  for (const auto& name : names) out.add(name);
  return text(out);
}

std::string case_summary(const cases::Summary& summary) { return text(*summary_object(summary)); }

std::string case_page(const cases::ListPage& page, std::size_t limit, std::size_t offset) {
  auto out = object();
  out->set("total", static_cast<Poco::Int64>(page.total));
  out->set("limit", static_cast<Poco::UInt64>(limit));
  out->set("offset", static_cast<Poco::UInt64>(offset));
  Array::Ptr items = new Array();
  for (const auto& s : page.items) items->add(summary_object(s));
  out->set("items", items);
  return text(*out);
}

std::string case_versions(const std::string& id, const std::vector<cases::Version>& versions) {
  auto out = object();
  out->set("id", id);
  Array::Ptr list = new Array();
  for (const auto& v : versions) {
    auto item = object();
    item->set("version", static_cast<Poco::Int64>(v.version));
    item->set("recorded_at", v.change.when);
    item->set("recorded_by", v.change.who);
    item->set("what", v.change.what);
    item->set("size", static_cast<Poco::Int64>(v.size));
    list->add(item);
  }
  out->set("versions", list);
  return text(*out);
}

std::string write_results(const std::vector<cases::WriteResult>& results, const Diagnostics& diagnostics) {
  auto out = object();
  Array::Ptr list = new Array();
  for (const auto& r : results) {
    auto item = object();
    item->set("id", r.id);
    item->set("outcome", outcome_name(r.outcome));
    item->set("version", static_cast<Poco::Int64>(r.version));
    list->add(item);
  }
  out->set("cases", list);
  out->set("diagnostics", diagnostics_array(diagnostics));
  return text(*out);
}

std::string archive_added(const archive::AddResult& result, const Diagnostics& diagnostics) {
  auto out = object();
  const bool refused = result.outcome == archive::AddResult::Outcome::refused;
  out->set("id", refused ? Poco::Dynamic::Var() : Poco::Dynamic::Var(static_cast<Poco::Int64>(result.id)));
  out->set("outcome", result.outcome == archive::AddResult::Outcome::added     ? "added"
                      : result.outcome == archive::AddResult::Outcome::present ? "present"
                                                                               : "refused");
  out->set("sha256", result.sha256);
  out->set("signature", std::string(archive::status_name(result.status)));
  out->set("diagnostics", diagnostics_array(diagnostics));
  return text(*out);
}

std::string archive_report(const archive::VerifyReport& report, const Diagnostics& diagnostics) {
  auto out = object();
  out->set("records", static_cast<Poco::UInt64>(report.records));
  out->set("documents", static_cast<Poco::UInt64>(report.documents));
  out->set("files_checked", static_cast<Poco::UInt64>(report.files_checked));
  out->set("bytes_checked", static_cast<Poco::UInt64>(report.bytes_checked));
  out->set("signatures_checked", static_cast<Poco::UInt64>(report.signatures_checked));
  auto head = object();
  head->set("seq", static_cast<Poco::Int64>(report.head_seq));
  head->set("hash", report.head_hash);
  out->set("head", head);
  out->set("intact", !diagnostics.has_errors());
  out->set("diagnostics", diagnostics_array(diagnostics));
  return text(*out);
}

std::string archive_entry(const archive::Entry& entry) {
  // One hit of archive_hits: the array's single element, re-indented.
  Poco::JSON::Parser parser;
  const auto array = parser.parse(archive_hits({entry})).extract<Array::Ptr>();
  return text(*array->getObject(0));
}

std::string preview(const std::string& template_name, const std::vector<std::string>& pages) {
  auto out = object();
  out->set("template", template_name);
  Array list;
  for (const auto& page : pages) list.add(page);
  out->set("pages", list);
  return text(*out);
}

std::string job(const cases::Job& job, const std::vector<cases::JobItem>& failed_items) {
  auto out = object();
  out->set("id", static_cast<Poco::Int64>(job.id));
  out->set("state", cases::job_state_name(job.state));
  out->set("template", job.spec.template_name);
  out->set("date", job.spec.date);
  Array parameters;
  for (const auto& parameter : job.spec.parameters) parameters.add(parameter);
  out->set("parameters", parameters);
  out->set("where", job.spec.where);
  Array ids;
  for (const auto& id : job.spec.case_ids) ids.add(id);
  out->set("case_ids", ids);
  out->set("duplex", job.spec.duplex);
  out->set("total", static_cast<Poco::Int64>(job.total));
  out->set("done", static_cast<Poco::Int64>(job.done));
  out->set("failed", static_cast<Poco::Int64>(job.failed));
  out->set("not_applicable", static_cast<Poco::Int64>(job.not_applicable));
  out->set("created_at", job.spec.created_at);
  out->set("created_by", job.spec.created_by);
  out->set("finished_at", job.finished_at);
  const auto problems = [](const std::vector<cases::ItemProblem>& list) {
    Array array;
    for (const auto& problem : list) {
      auto one = object();
      one->set("code", problem.code);
      one->set("message", problem.message);
      array.add(one);
    }
    return array;
  };
  out->set("diagnostics", problems(job.problems));
  Array failed;
  for (const auto& item : failed_items) {
    auto entry = object();
    entry->set("case_id", item.case_id);
    entry->set("file", item.file);
    entry->set("diagnostics", problems(item.problems));
    failed.add(entry);
  }
  out->set("failed_items", failed);
  if (job.state == cases::JobState::done && job.total == 0)
    out->set("note", "không hồ sơ nào thỏa điều kiện: không văn bản nào được lập");
  return text(*out);
}

std::string job_progress(const cases::Job& job, double rate, double seconds_left) {
  auto out = object();
  out->set("id", static_cast<Poco::Int64>(job.id));
  out->set("state", cases::job_state_name(job.state));
  out->set("done", static_cast<Poco::Int64>(job.done));
  out->set("failed", static_cast<Poco::Int64>(job.failed));
  out->set("not_applicable", static_cast<Poco::Int64>(job.not_applicable));
  out->set("total", static_cast<Poco::Int64>(job.total));
  out->set("rate", rate);
  out->set("seconds_left", seconds_left);
  std::ostringstream line;
  out->stringify(line);
  return line.str();
}

std::string health(bool engine, bool database) {
  auto out = object();
  out->set("status", engine && database ? "ready" : "not_ready");
  out->set("engine", engine);
  out->set("database", database);
  return text(*out);
}

std::string access_log_line(const std::string& time, const std::string& method, const std::string& route, int status,
                            double seconds, std::size_t bytes_in, std::size_t bytes_out, const std::string& user) {
  auto out = object();
  out->set("time", time);
  out->set("method", method);
  out->set("route", route);
  out->set("status", status);
  out->set("seconds", seconds);
  out->set("bytes_in", static_cast<Poco::UInt64>(bytes_in));
  out->set("bytes_out", static_cast<Poco::UInt64>(bytes_out));
  out->set("user", user.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(user));
  std::ostringstream line;
  out->stringify(line);
  line << '\n';
  return line.str();
}

pipeline::EventRequest parse_event(std::string_view body) {
  Poco::Dynamic::Var parsed;
  try {
    Poco::JSON::Parser parser;
    parsed = parser.parse(std::string(body));
  } catch (const Poco::Exception&) {
    throw pipeline::RequestError("nội dung không phải JSON hợp lệ");
  }
  if (parsed.type() != typeid(Object::Ptr)) throw pipeline::RequestError("nội dung phải là một đối tượng JSON");
  const auto json = parsed.extract<Object::Ptr>();
  pipeline::EventRequest event;
  std::vector<std::string> names;
  json->getNames(names);
  for (const auto& name : names) {
    const auto value = json->get(name);
    if (!(value.isString() || value.isInteger()))
      throw pipeline::RequestError("trường \"" + name + "\" phải là chuỗi hoặc số nguyên");
    if (name == "kind") event.kind = value.toString();
    else if (name == "text") event.text = value.toString();
    else event.attributes.emplace_back(name, value.toString());
  }
  if (event.kind.empty()) throw pipeline::RequestError("thiếu trường \"kind\" (loại diễn biến: payment, notified, …)");
  return event;
}

}  // namespace vanban::api
