#pragma once
// The answers vanban gives as JSON, one shape for `--json` on the command line and for the service: built here with
// Poco::JSON (keys in a fixed order, UTF-8 text as is), so that both front ends print the same bytes.

#include <string>
#include <vector>

#include "pipeline/archive_intake.hpp"

namespace vanban::api {

/// Archive search hits: an array with one object per document (id, case_id, number, type, date, subject, organ,
/// signer, parties [{role, name}], signature, sha256, recorded_at, withdrawn: null or {id, reason, recorded_at}),
/// indented by two spaces, ending in a line feed.
std::string archive_hits(const std::vector<archive::Entry>& hits);

}  // namespace vanban::api
