#pragma once
// Taking signed documents into the archive, the same way for every front end: verify the signatures (sign), read
// the Phụ lục VI metadata from the PDF (xml), match the document to its case, and let the archive decide by its
// trust policy and record it. Also the re-verification `archive verify` runs over every stored document.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "archive/archive.hpp"
#include "base/diagnostics.hpp"
#include "model/case.hpp"
#include "pipeline/trust.hpp"
#include "sign/time.hpp"

namespace vanban::pipeline {

/// The signatures of `pdf` as the archive weighs them, checked against `anchors` (PEM texts) at `now`. A chain that
/// does not reach the anchors is left to the archive's policy; every other problem makes a signature invalid.
/// nullopt (reported against `file`) when the file cannot be read as a PDF.
std::optional<archive::SignatureCheck> archive_signature_check(std::string_view pdf, const std::vector<Bytes>& anchors,
                                                               const sign::Moment& now, const SourceLoc& file,
                                                               Diagnostics& diagnostics);

/// The checker `Archive::verify` calls for each stored document: the same check with `anchors` at `now`.
archive::SignatureChecker archive_signature_checker(std::vector<Bytes> anchors, sign::Moment now);

/// An archive search as the front end received it (absent or empty: not restricted).
struct ArchiveSearchRequest {
  std::string text;  ///< free text: a party's name, a số/ký hiệu or words of the trích yếu
  std::string case_id;
  std::string number;
  std::string party;
  std::string type;
  std::string signer;
  std::optional<std::string> from;   ///< --from, a date
  std::optional<std::string> to;     ///< --to, a date
  std::optional<std::string> year;   ///< --year, instead of --from/--to
  std::optional<std::string> limit;  ///< --limit, a positive count
};

/// The archive query of a search request; throws RequestError for a value that cannot be used.
archive::Query archive_query(const ArchiveSearchRequest& request);

/// The anchors to check against: those given now, recorded in the archive for later runs (with `recorded_at`);
/// without any, those the archive has recorded.
std::vector<Bytes> archive_trust_anchors(archive::Archive& store, const std::vector<TrustAnchorFile>& given,
                                         const std::string& recorded_at);

/// One intake run: the archive, the anchors, the clock read once, the policy, and optionally the case file (a case
/// or a register) the documents belong to.
class ArchiveIntake {
 public:
  ArchiveIntake(archive::Archive& store, std::vector<Bytes> anchors, sign::Moment now, archive::TrustPolicy policy,
                const model::Register* cases);

  /// Verifies, reads the metadata (W0717 when there is none), finds the case (the one the metadata names in the
  /// case file, E0718 when there is none such), and adds. nullopt when the document was refused before the archive
  /// saw it (not a PDF, no matching case); otherwise the archive's result.
  std::optional<archive::AddResult> add(std::string_view pdf, const std::string& file_name, Diagnostics& diagnostics);

 private:
  archive::Archive& store_;
  std::vector<Bytes> anchors_;
  sign::Moment now_;
  archive::TrustPolicy policy_;
  const model::Register* cases_;
};

}  // namespace vanban::pipeline
