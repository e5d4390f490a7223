#include "pipeline/archive_intake.hpp"

#include "pipeline/pdf_metadata.hpp"
#include "pipeline/request.hpp"
#include "sign/verification.hpp"

namespace vanban::pipeline {

namespace {

// The case of the case file a document belongs to: the one its metadata names (E0718 when the file has no such
// case), or the file's only case when the document names none.
const model::Case* case_for(const model::Register& cases, const std::string& case_id, const SourceLoc& file,
                            Diagnostics& diagnostics) {
  for (const auto& candidate : cases.cases)
    if (candidate.id == case_id) return &candidate;
  if (case_id.empty() && cases.cases.size() == 1) return &cases.cases.front();
  if (case_id.empty())
    diagnostics.error("E0718", file,
                      "văn bản không ghi mã hồ sơ, mà tệp --case có " + std::to_string(cases.cases.size()) +
                          " hồ sơ: không biết văn bản thuộc hồ sơ nào");
  else if (cases.cases.size() == 1)
    diagnostics.error(
        "E0718", file,
        "văn bản thuộc hồ sơ \"" + case_id + "\" nhưng --case là hồ sơ \"" + cases.cases.front().id + "\"");
  else diagnostics.error("E0718", file, "văn bản thuộc hồ sơ \"" + case_id + "\", không có trong tệp --case");
  return nullptr;
}

}  // namespace

std::optional<archive::SignatureCheck> archive_signature_check(std::string_view pdf, const std::vector<Bytes>& anchors,
                                                               const sign::Moment& now, const SourceLoc& file,
                                                               Diagnostics& diagnostics) {
  sign::VerifyOptions options;
  options.trusted_roots_pem = anchors;
  options.now = now;
  const auto report = sign::verify_pdf(pdf, options, file, diagnostics);
  if (!report) return std::nullopt;
  archive::SignatureCheck check;
  check.appended_bytes = report->appended_bytes;
  for (const auto& s : report->signatures) {
    archive::SignatureFacts facts;
    facts.field = s.field_name;
    if (s.signer) {
      facts.signer = s.signer->common_name;
      facts.certificate = s.signer->sha256;
    }
    if (s.time) facts.signed_at = s.time->iso8601();
    facts.intact = s.integrity == sign::Check::passed && s.signature == sign::Check::passed && s.covers_revision;
    facts.anchored = s.chain == sign::Check::passed;
    facts.level = s.level;
    for (const auto& problem : s.problems)
      if (problem.code != sign::kUntrustedChain) facts.problems.push_back(problem);
    check.signatures.push_back(std::move(facts));
  }
  return check;
}

archive::Query archive_query(const ArchiveSearchRequest& request) {
  archive::Query query;
  query.text = request.text;
  query.case_id = request.case_id;
  query.number = request.number;
  query.party = request.party;
  query.type = request.type;
  query.signer = request.signer;
  if (request.from) query.from = parse_date("--from", *request.from);
  if (request.to) query.to = parse_date("--to", *request.to);
  if (request.year) {
    if (request.from || request.to) throw RequestError("--year không dùng cùng --from/--to");
    const int year = parse_year(*request.year);
    query.from = model::Date::from_ymd(year, 1, 1);
    query.to = model::Date::from_ymd(year, 12, 31);
  }
  if (request.limit) query.limit = parse_count("--limit", *request.limit);
  return query;
}

archive::SignatureChecker archive_signature_checker(std::vector<Bytes> anchors, sign::Moment now) {
  return [anchors = std::move(anchors), now](std::string_view pdf) {
    Diagnostics ignored;
    return archive_signature_check(pdf, anchors, now, SourceLoc{}, ignored);
  };
}

std::vector<Bytes> archive_trust_anchors(archive::Archive& store, const std::vector<TrustAnchorFile>& given,
                                         const std::string& recorded_at) {
  std::vector<Bytes> anchors;
  for (const auto& anchor : given) {
    store.add_trust_anchor(anchor.pem, anchor.name, recorded_at);
    anchors.push_back(anchor.pem);
  }
  if (anchors.empty()) anchors = store.trust_anchors();
  return anchors;
}

ArchiveIntake::ArchiveIntake(archive::Archive& store, std::vector<Bytes> anchors, sign::Moment now,
                             archive::TrustPolicy policy, const model::Register* cases)
    : store_(store), anchors_(std::move(anchors)), now_(now), policy_(policy), cases_(cases) {}

std::optional<archive::AddResult> ArchiveIntake::add(std::string_view pdf, const std::string& file_name,
                                                     Diagnostics& diagnostics) {
  const SourceLoc file{make_file_name(file_name)};
  archive::DocumentFacts facts;
  auto check = archive_signature_check(pdf, anchors_, now_, file, diagnostics);
  if (!check) return std::nullopt;
  facts.signatures = std::move(*check);
  Diagnostics metadata_problems;
  if (auto metadata = read_pdf_metadata(pdf, file.file, metadata_problems)) {
    facts.metadata = std::move(*metadata);
  } else {
    std::string message = "không đọc được siêu dữ liệu XMP (Phụ lục VI) của tệp";
    if (!metadata_problems.empty()) message += ": " + metadata_problems.list().front().message;
    diagnostics.warning("W0717", file, message + " (đã ghi vào bản ghi lưu trữ)");
    facts.warnings.push_back("[W0717] " + message);
  }
  facts.case_id = facts.metadata.case_id;
  for (const auto& [role, name] : facts.metadata.parties) facts.parties.push_back({role, name});
  if (cases_ != nullptr) {
    const model::Case* the_case = case_for(*cases_, facts.metadata.case_id, file, diagnostics);
    if (the_case == nullptr) return std::nullopt;
    facts.case_id = the_case->id;
    facts.parties.clear();  // the case file is the fuller source
    for (const auto& party : the_case->parties)
      facts.parties.push_back({std::string(model::role_code(party.role)), party.name.value});
  }
  archive::AddRequest request;
  request.file_name = file_name;
  request.recorded_at = now_.iso8601();
  request.policy = policy_;
  return store_.add(pdf, facts, request, file, diagnostics);
}

}  // namespace vanban::pipeline
