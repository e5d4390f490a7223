#pragma once
// The answers vanban gives as JSON, one shape for `--json` on the command line and for the service: built here with
// Poco::JSON (keys in a fixed order, UTF-8 text as is), so that both front ends print the same bytes.

#include <iosfwd>
#include <string>
#include <vector>

#include "pipeline/archive_intake.hpp"
#include "pipeline/report.hpp"
#include "pipeline/verification.hpp"

namespace vanban::api {

/// Archive search hits: an array with one object per document (id, case_id, number, type, date, subject, organ,
/// signer, parties [{role, name}], signature, levels [the PAdES level of each signature], sha256, recorded_at,
/// withdrawn: null or {id, reason, recorded_at}), indented by two spaces, ending in a line feed.
std::string archive_hits(const std::vector<archive::Entry>& hits);

/// A statistics report: {regime, form, period {from, to}, cases_read, cases_counted, columns [{id, number, label}],
/// rates [{id, label, of}], total {label, figures {column id: {cases, money}}, rates {rate id: "52,87" or null,
/// target, difference}}, rows [same as total, with key]}, indented by two spaces, ending in a line feed.
std::string statistics(const pipeline::StatisticsReport& report);

/// A deadline list: {as_of, within, items [{days, case_id, debtor, step, label, trigger, due, basis, confirmed,
/// officer, candidate, template, file, command}]}, most overdue first, indented by two spaces, ending in a line feed;
/// written to `out` an item at a time (never held whole: 184,000 items are about 120 MB of text).
void write_deadlines(std::ostream& out, const pipeline::DeadlineList& list);
/// The same text as write_deadlines, as a string.
std::string deadlines(const pipeline::DeadlineList& list);

/// A verified PDF: {file, size, signatures: [{field, sub_filter, pades_baseline, level ("B-B", "B-T", "B-LT", ""),
/// signer and tsa: null or {common_name, subject, issuer, serial, not_before, not_after, sha256}, time, timestamp
/// (null when there is none that holds), reason, location, signed_end, covers_revision, covers_whole_file, integrity,
/// signature, chain, revocation ("passed", "failed", "not_checked"), valid, trusted, problems and warnings: [{code,
/// message}]}], empty_fields, updates: [{after (the signature they follow, 1-based), after_last, from, to, revisions,
/// changes, problems}], appended_bytes, appended_revisions, validation_bytes, validation_revisions,
/// has_validation_data, holds, signer_known (holds, and every signer chains to a trust anchor), verdict: [{code,
/// message}]}; times in ISO 8601 at `offset_minutes`; indented by two
/// spaces, ending in a line feed.
std::string verification(const std::string& file, const pipeline::Verification& verification, int offset_minutes);

}  // namespace vanban::api
