#pragma once
// The service's answers and requests as JSON (Poco::JSON, keys in a fixed order), one shape per resource, so that a
// later `--json` of the CLI and the web pages read the same: problem documents (RFC 9457), diagnostics, templates,
// cases, versions, events, archive intake and verification figures.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "pipeline/archive_intake.hpp"
#include "pipeline/case_store.hpp"
#include "pipeline/engine.hpp"
#include "pipeline/jobs.hpp"

namespace vanban::api {

/// An RFC 9457 problem document: {type, title, status, detail, diagnostics?: [...]}; `type` is
/// "urn:vanban:problem:<kind>", the title Vietnamese; `diagnostics` is listed only when given.
std::string problem(std::string_view kind, std::string_view title, int status, std::string_view detail,
                    const Diagnostics* diagnostics = nullptr);

/// {valid, cases: [case ids], diagnostics: [{severity, code, file, line, column, message}]}.
std::string validation(const std::optional<model::Register>& cases, const Diagnostics& diagnostics);

/// [{name, description}] of every document template.
std::string templates(const std::vector<pipeline::TemplateInfo>& list);
/// {name, description, parameters: [{name, type, description, example, default, required}]}.
std::string template_info(const pipeline::TemplateInfo& info);
/// [names] of the templates meant for a case.
std::string template_names(const std::vector<std::string>& names);

/// {id, version, debtor, officer, mode, condition, outstanding, decision_date, updated_at, updated_by}.
std::string case_summary(const cases::Summary& summary);
/// {total, limit, offset, items: [case summaries]}.
std::string case_page(const cases::ListPage& page, std::size_t limit, std::size_t offset);
/// {id, versions: [{version, recorded_at, recorded_by, what, size}]}.
std::string case_versions(const std::string& id, const std::vector<cases::Version>& versions);
/// {cases: [{id, outcome ("created", "updated", "unchanged", "stale"), version}], diagnostics: [...]}.
std::string write_results(const std::vector<cases::WriteResult>& results, const Diagnostics& diagnostics);

/// {id, outcome ("added", "present", "refused"), sha256, signature, diagnostics: [...]}.
std::string archive_added(const archive::AddResult& result, const Diagnostics& diagnostics);
/// {records, documents, files_checked, bytes_checked, signatures_checked, head: {seq, hash}, intact, diagnostics}.
std::string archive_report(const archive::VerifyReport& report, const Diagnostics& diagnostics);
/// One archive search hit, as in archive_hits.
std::string archive_entry(const archive::Entry& entry);

/// {template, pages: [one SVG document per page, as text]}: a document's live preview.
std::string preview(const std::string& template_name, const std::vector<std::string>& pages);

/// A batch job: {id, state, template, date, parameters, where, case_ids, duplex, total, done, failed, not_applicable,
/// created_at, created_by, finished_at, diagnostics: [{code, message}] (why it failed as a whole), failed_items:
/// [{case_id, file, diagnostics: [{code, message}]}], note?}; `note`
/// (Vietnamese) when a finished job drafted nothing because no case matched.
std::string job(const cases::Job& job, const std::vector<cases::JobItem>& failed_items);
/// One progress event of a job: {id, state, done, failed, not_applicable, total, rate (letters per second),
/// seconds_left}, on one line (a Server-Sent Event's data).
std::string job_progress(const cases::Job& job, double rate, double seconds_left);

/// {status: "ready" or "not_ready", engine, database}.
std::string health(bool engine, bool database);

/// One access-log line (JSON, ending in a line feed): {time, method, route, status, seconds, bytes_in, bytes_out,
/// user}; the route is a pattern, so no case data is logged.
std::string access_log_line(const std::string& time, const std::string& method, const std::string& route, int status,
                            double seconds, std::size_t bytes_in, std::size_t bytes_out, const std::string& user);

/// An event from a request body: {kind, date, … the exchange format's attributes as strings or numbers, text?}.
/// Throws pipeline::RequestError when the body is not such a JSON object.
pipeline::EventRequest parse_event(std::string_view body);

}  // namespace vanban::api
