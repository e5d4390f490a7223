#include "api/answers.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <ostream>
#include <sstream>

#include "api/json_text.hpp"

namespace vanban::api {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

using json_text::object;
using json_text::text;

Poco::Dynamic::Var percent(const std::optional<std::int64_t>& hundredths) {
  if (!hundredths) return Poco::Dynamic::Var();
  return pipeline::percent_text(hundredths);
}

Object::Ptr row_json(const pipeline::StatisticsReport& report, const reports::Row& row) {
  const auto& regime = *report.statistics.regime;
  auto out = object();
  if (!row.key.empty()) out->set("key", row.key);
  out->set("label", row.label);
  auto figures = object();
  for (std::size_t c = 0; c < regime.columns.size(); ++c) {
    auto figure = object();
    figure->set("cases", static_cast<Poco::Int64>(row.figures[c].cases));
    figure->set("money", static_cast<Poco::Int64>(row.figures[c].money));
    figures->set(regime.columns[c].id, figure);
  }
  out->set("figures", figures);
  auto rates = object();
  for (const auto& value : report.statistics.rates(row)) {
    auto rate = object();
    rate->set("percent", percent(value.hundredths));
    const std::optional<std::int64_t> target = value.rate->id == "ty-le-viec"   ? report.options.target_cases
                                               : value.rate->id == "ty-le-tien" ? report.options.target_money
                                                                                : std::nullopt;
    rate->set("target", percent(target));
    rate->set("difference",
              percent(target && value.hundredths ? std::optional(*value.hundredths - *target) : std::nullopt));
    rates->set(value.rate->id, rate);
  }
  out->set("rates", rates);
  return out;
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

const char* check_name(sign::Check check) {
  switch (check) {
    case sign::Check::passed: return "passed";
    case sign::Check::failed: return "failed";
    case sign::Check::not_checked: return "not_checked";
  }
  return "not_checked";
}

Array::Ptr findings(const std::vector<Finding>& list) {
  Array::Ptr out = new Array();
  for (const auto& finding : list) {
    auto item = object();
    item->set("code", finding.code);
    item->set("message", finding.message);
    out->add(item);
  }
  return out;
}

std::string time_text(std::int64_t unix_seconds, int offset_minutes) {
  return sign::Moment::from_unix(unix_seconds, offset_minutes).iso8601();
}

// A certificate as described, or null.
Poco::Dynamic::Var certificate(const std::optional<sign::CertificateInfo>& info, int offset_minutes) {
  if (!info) return Poco::Dynamic::Var();
  auto out = object();
  out->set("common_name", info->common_name);
  out->set("subject", info->subject);
  out->set("issuer", info->issuer);
  out->set("serial", info->serial);
  out->set("not_before", time_text(info->not_before, offset_minutes));
  out->set("not_after", time_text(info->not_after, offset_minutes));
  out->set("sha256", info->sha256);
  return out;
}

Poco::Dynamic::Var moment(const std::optional<sign::Moment>& time) {
  return time ? Poco::Dynamic::Var(time->iso8601()) : Poco::Dynamic::Var();
}

}  // namespace

std::string statistics(const pipeline::StatisticsReport& report) {
  const auto& statistics = report.statistics;
  const auto& regime = *statistics.regime;
  auto out = object();
  out->set("regime", regime.id);
  out->set("regime_name", regime.name);
  out->set("form", regime.form_code);
  auto period = object();
  period->set("from", statistics.period.from.to_iso());
  period->set("to", statistics.period.to.to_iso());
  out->set("period", period);
  out->set("cases_read", static_cast<Poco::UInt64>(statistics.cases_read));
  out->set("cases_counted", static_cast<Poco::UInt64>(statistics.cases_counted));
  Array::Ptr columns = new Array();
  for (const auto& column : regime.columns) {
    auto c = object();
    c->set("id", column.id);
    c->set("number", column.number);
    c->set("label", column.label);
    c->set("confirmed", column.confirmed);
    columns->add(c);
  }
  out->set("columns", columns);
  Array::Ptr rates = new Array();
  for (const auto& rate : regime.rates) {
    auto r = object();
    r->set("id", rate.id);
    r->set("label", rate.label);
    r->set("of", rate.of == rules::Measure::cases ? "cases" : "money");
    rates->add(r);
  }
  out->set("rates", rates);
  out->set("total", row_json(report, statistics.total));
  Array::Ptr rows = new Array();
  for (const auto& row : statistics.rows) rows->add(row_json(report, row));
  out->set("rows", rows);
  return text(*out);
}

namespace {

// One item of a deadline list as an object: its keys are the JSON shape's.
Object::Ptr deadline_item(const pipeline::DeadlineList& list, const pipeline::DueItem& item) {
  const auto& d = item.deadline;
  auto i = object();
  i->set("days", static_cast<Poco::Int64>(d.days));
  i->set("case_id", d.case_id);
  i->set("debtor", d.debtor);
  i->set("step", d.step);
  i->set("label", d.label);
  i->set("trigger", d.trigger.to_iso());
  i->set("due", d.due.to_iso());
  i->set("basis", d.basis);
  i->set("confirmed", d.confirmed);
  i->set("officer", d.officer);
  i->set("candidate", d.candidate);
  i->set("template", d.template_name.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(d.template_name));
  i->set("file", item.file);
  const std::string command = pipeline::due_command(list, item);
  i->set("command", command.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(command));
  return i;
}

}  // namespace

void write_deadlines(std::ostream& out, const pipeline::DeadlineList& list) {
  // The frame Poco::JSON writes for {as_of, within, items: [...]} indented by two spaces (json_text::text), with each
  // item written by Poco at its depth (keys at six spaces, the brace at four) as soon as it is made: the same bytes
  // as the whole tree's text (an empty array too: "[", an empty line, "  ]").
  out << "{\n  \"as_of\": ";
  Poco::JSON::Stringifier::formatString(list.options.as_of.to_iso(), out);
  out << ",\n  \"within\": " << list.options.within << ",\n  \"items\": [\n";
  bool first = true;
  for (const auto& item : list.items) {
    if (!first) out << ",\n";
    first = false;
    out << "    ";
    deadline_item(list, item)->stringify(out, 6, 2);
  }
  out << "\n  ]\n}\n";
}

std::string deadlines(const pipeline::DeadlineList& list) {
  std::ostringstream out;
  write_deadlines(out, list);
  return out.str();
}

std::string verification(const std::string& file, const pipeline::Verification& verification, int offset_minutes) {
  const sign::VerificationReport& report = verification.report;
  auto out = object();
  out->set("file", file);
  out->set("size", static_cast<Poco::UInt64>(report.file_size));
  Array::Ptr signatures = new Array();
  for (const auto& s : report.signatures) {
    auto item = object();
    item->set("field", s.field_name);
    item->set("sub_filter", s.sub_filter);
    item->set("pades_baseline", s.pades_baseline);
    item->set("level", s.level);
    item->set("signer", certificate(s.signer, offset_minutes));
    item->set("time", moment(s.time));
    item->set("timestamp", moment(s.timestamp));
    item->set("tsa", certificate(s.tsa, offset_minutes));
    item->set("reason", s.reason);
    item->set("location", s.location);
    item->set("signed_end", static_cast<Poco::UInt64>(s.signed_end));
    item->set("covers_revision", s.covers_revision);
    item->set("covers_whole_file", s.covers_whole_file);
    item->set("integrity", check_name(s.integrity));
    item->set("signature", check_name(s.signature));
    item->set("chain", check_name(s.chain));
    item->set("revocation", check_name(s.revocation));
    item->set("valid", s.valid());
    item->set("trusted", s.trusted());
    item->set("problems", findings(s.problems));
    item->set("warnings", findings(s.warnings));
    signatures->add(item);
  }
  out->set("signatures", signatures);
  Array::Ptr empty = new Array();
  for (const auto& name : report.empty_fields) empty->add(name);
  out->set("empty_fields", empty);
  Array::Ptr updates = new Array();
  for (const auto& u : report.updates) {
    auto item = object();
    item->set("after", static_cast<Poco::UInt64>(u.after));
    item->set("after_last", u.after_last);
    item->set("from", static_cast<Poco::UInt64>(u.from));
    item->set("to", static_cast<Poco::UInt64>(u.to));
    item->set("revisions", static_cast<Poco::UInt64>(u.revisions));
    item->set("changes", u.changes);
    item->set("problems", findings(u.problems));
    updates->add(item);
  }
  out->set("updates", updates);
  out->set("appended_bytes", static_cast<Poco::UInt64>(report.appended_bytes));
  out->set("appended_revisions", static_cast<Poco::UInt64>(report.appended_revisions));
  out->set("validation_bytes", static_cast<Poco::UInt64>(report.validation_bytes));
  out->set("validation_revisions", static_cast<Poco::UInt64>(report.validation_revisions));
  out->set("has_validation_data", report.has_validation_data);
  out->set("holds", verification.holds());
  out->set("signer_known", verification.signer_known());
  std::vector<Finding> verdict;
  for (const auto& d : verification.verdict.list()) verdict.push_back({d.code, d.message});
  out->set("verdict", findings(verdict));
  return text(*out);
}

std::string archive_hits(const std::vector<archive::Entry>& hits) {
  Array array;
  for (const auto& entry : hits) array.add(hit(entry));
  return text(array);
}

}  // namespace vanban::api
