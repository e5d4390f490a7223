#include "archive/archive.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "archive/database.hpp"
#include "archive/store.hpp"
#include "base/error.hpp"
#include "crypto/sha256.hpp"
#include "text/collation.hpp"

namespace vanban::archive {

namespace {

std::string joined_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    if (line.empty()) continue;
    out += line;
    out += '\n';
  }
  return out;
}

// "chữ ký 1 (trường "signer", Hoàng Minh Đức)"
std::string describe(const SignatureFacts& signature, std::size_t index) {
  std::string out = "chữ ký " + std::to_string(index + 1) + " (trường \"" + signature.field + "\"";
  if (!signature.signer.empty()) out += ", " + signature.signer;
  return out + ")";
}

std::string problems_of(const SignatureFacts& signature) {
  std::string out;
  for (const auto& problem : signature.problems) out += (out.empty() ? "" : "; ") + format_finding(problem);
  return out;
}

// One recorded line per signature: field, signer, certificate fingerprint, time, and what holds.
std::string signature_lines(const SignatureCheck& check) {
  std::vector<std::string> lines;
  for (const auto& s : check.signatures) {
    std::string flags = s.intact ? "intact" : "broken";
    flags += s.anchored ? ",anchored" : ",not-anchored";
    if (!s.problems.empty()) flags += ",invalid";
    lines.push_back(s.field + "\t" + s.signer + "\t" + s.certificate + "\t" + s.signed_at + "\t" + flags);
  }
  return joined_lines(lines);
}

// One recorded line per signature, in the same order: its PAdES level ("-" when none); nothing when no signature has
// one (a record then reads, and hashes, as before levels were recorded).
std::string level_lines(const SignatureCheck& check) {
  std::vector<std::string> lines;
  bool any = false;
  for (const auto& s : check.signatures) {
    lines.push_back(s.level.empty() ? "-" : s.level);
    any = any || !s.level.empty();
  }
  return any ? joined_lines(lines) : std::string();
}

// The policy: refuse, or accept with the warnings to record. Returns false when refused.
bool admit(SignatureStatus status, const SignatureCheck& check, const AddRequest& request, const SourceLoc& file,
           std::vector<std::string>& recorded, Diagnostics& diagnostics) {
  const auto warn = [&](const char* code, const std::string& message) {
    diagnostics.warning(code, file, message + " (đã ghi vào bản ghi lưu trữ)");
    recorded.push_back(std::string("[") + code + "] " + message);
  };
  switch (status) {
    case SignatureStatus::broken:
      for (std::size_t i = 0; i < check.signatures.size(); ++i) {
        const auto& s = check.signatures[i];
        if (s.intact) continue;
        const std::string why = problems_of(s);
        diagnostics.error("E0711", file,
                          describe(s, i) + " không khớp với nội dung tệp" + (why.empty() ? "" : ": " + why) +
                              "; không lưu văn bản có chữ ký hỏng");
      }
      return false;
    case SignatureStatus::unsigned_document:
      if (request.policy != TrustPolicy::any_document) {
        diagnostics.error("E0710", file, "văn bản chưa được ký số; chỉ lưu khi có --allow-unsigned");
        return false;
      }
      warn("W0715", "lưu văn bản chưa ký số theo --allow-unsigned");
      return true;
    case SignatureStatus::invalid: {
      std::string why;
      for (std::size_t i = 0; i < check.signatures.size(); ++i)
        if (!check.signatures[i].problems.empty())
          why += (why.empty() ? "" : "; ") + describe(check.signatures[i], i) + ": " + problems_of(check.signatures[i]);
      if (check.appended_bytes != 0)
        why += (why.empty() ? "" : "; ") + std::string("có ") + std::to_string(check.appended_bytes) +
               " byte được thêm vào sau chữ ký cuối";
      if (request.policy != TrustPolicy::any_document) {
        diagnostics.error("E0712", file, "chữ ký không hợp lệ: " + why + "; chỉ lưu khi có --allow-unsigned");
        return false;
      }
      warn("W0716", "lưu văn bản có chữ ký không hợp lệ theo --allow-unsigned: " + why);
      return true;
    }
    case SignatureStatus::untrusted:
      for (std::size_t i = 0; i < check.signatures.size(); ++i) {
        const auto& s = check.signatures[i];
        if (s.anchored) continue;
        const std::string message = describe(s, i) + " còn nguyên vẹn nhưng chứng thư không dẫn tới gốc tin cậy nào";
        if (request.policy == TrustPolicy::trusted_documents)
          diagnostics.error("E0713", file, message + "; --require-trusted không cho lưu");
        else warn("W0714", message);
      }
      return request.policy != TrustPolicy::trusted_documents;
    case SignatureStatus::trusted: return true;
  }
  return false;
}

std::string without_leading_zeros(const std::string& number) {
  const auto first = number.find_first_not_of('0');
  if (first == std::string::npos) return number.empty() ? "" : "0";
  return number.substr(first);
}

}  // namespace

std::vector<Party> Entry::parties() const {
  std::vector<Party> out;
  for (const auto& line : split_lines(record.parties)) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) out.push_back({"", line});
    else out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}

std::vector<std::string> Entry::levels() const {
  std::vector<std::string> out;
  for (auto& line : split_lines(record.levels)) out.push_back(line == "-" ? "" : std::move(line));
  return out;
}

std::string Entry::number_and_notation() const {
  if (record.number.empty() && record.notation.empty()) return "";
  return record.number + "/" + record.notation;
}

Archive::Archive(const Location& location, std::unique_ptr<Database> database)
    : location_(location),
      database_(std::move(database)),
      store_(std::make_unique<Store>(location.store)),
      name_(make_file_name(location.database.display)) {}

Archive::~Archive() = default;

std::unique_ptr<Archive> Archive::open(const Location& location, OpenMode mode) {
  const bool create = mode == OpenMode::create;
  if (create && location.database.backend == db::Backend::sqlite) {
    // The SQLite file's folder (the store folder by default) must exist before SQLite can create the file.
    const auto folder = std::filesystem::absolute(location.database.connection).parent_path();
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) throw Error("E0764", "không tạo được thư mục " + folder.string() + ": " + ec.message());
  }
  auto database = std::make_unique<Database>(location.database, create ? db::OpenMode::create : db::OpenMode::existing);
  Store store(location.store);
  const bool has_schema = database->schema_version() > 0;
  if (create) {
    // A database that already holds records with a store folder that is not a store: a wrong --store.
    if (has_schema && database->tail() && !store.exists())
      throw Error("E0768", "thư mục kho " + location.store.string() + " không có tệp đầu chuỗi trong khi " +
                               location.database.display +
                               " đã có bản ghi: --store có đúng không? (chạy vanban archive verify)");
    // The store first: tables that exist imply a store head.
    store.create();
  } else {
    if (!has_schema)
      throw Error("E0770", "chưa có kho lưu trữ trong " + location.database.display + " (kho được tạo bởi lệnh add)");
    if (!std::filesystem::is_directory(location.store))
      throw Error("E0768", "không có thư mục kho " + location.store.string());
  }
  // Creates the tables, or brings an older archive's to this version.
  database->migrate();
  database->check_schema();
  return std::unique_ptr<Archive>(new Archive(location, std::move(database)));
}

SourceLoc Archive::where() const { return SourceLoc{name_}; }

std::optional<Record> Archive::append(Record record, const std::function<bool()>& duplicate) {
  {
    // Rolled back when it returns or throws before the commit.
    auto transaction = database_->begin_append();
    if (duplicate()) return std::nullopt;
    const auto tail = database_->tail();
    const std::int64_t last = tail ? tail->first : 0;
    std::string problem;
    const auto head = store_->read_head(problem);
    if (!head) throw Error("E0766", problem + "; không ghi thêm vào chuỗi (chạy vanban archive verify)");
    if (head->seq > last)
      throw Error("E0767", "tệp đầu chuỗi ghi bản ghi số " + std::to_string(head->seq) +
                               " nhưng cơ sở dữ liệu chỉ có đến số " + std::to_string(last) +
                               ": bản ghi cuối đã bị xóa? Không ghi thêm (chạy vanban archive verify)");
    record.seq = last + 1;
    record.prev_hash = tail ? tail->second : std::string(kGenesisHash);
    record.hash = record_hash(record);
    database_->insert(record);
    transaction.commit();
  }
  store_->advance_head({record.seq, record.hash});
  return record;
}

AddResult Archive::add(std::string_view pdf, const DocumentFacts& facts, const AddRequest& request,
                       const SourceLoc& file, Diagnostics& diagnostics) {
  AddResult result;
  result.sha256 = crypto::sha256_hex(pdf);
  result.status = classify(facts.signatures);
  const auto present = [&]() -> std::optional<std::int64_t> {
    const auto found = database_->select("kind = ? AND sha256 = ?", {std::string(kDocumentRecord), result.sha256});
    if (found.empty()) return std::nullopt;
    return found.front().seq;
  };
  if (const auto id = present()) {
    result.outcome = AddResult::Outcome::present;
    result.id = *id;
    return result;
  }
  std::vector<std::string> recorded = facts.warnings;
  if (!admit(result.status, facts.signatures, request, file, recorded, diagnostics)) return result;
  if (store_->put(result.sha256, pdf) == Store::Put::conflict) {
    diagnostics.error("E0720", file,
                      "kho đã có tệp mang tên " + result.sha256 +
                          " nhưng nội dung khác: kho bị hỏng, không ghi đè "
                          "(chạy vanban archive verify)");
    return result;
  }

  const model::DocumentMetadata& m = facts.metadata;
  Record record;
  record.kind = kDocumentRecord;
  record.recorded_at = request.recorded_at;
  record.sha256 = result.sha256;
  record.byte_size = static_cast<std::int64_t>(pdf.size());
  record.file_name = std::filesystem::path(request.file_name).filename().string();
  record.case_id = facts.case_id;
  record.number = m.code_number;
  record.notation = m.code_notation;
  record.issued_date = m.issued_date ? m.issued_date->to_iso() : "";
  record.type_name = m.type_name;
  record.subject = m.subject;
  record.organ_name = m.organ_name;
  record.signer_name = m.signer_name;
  record.signer_position = m.signer_position;
  record.page_amount = m.page_amount;
  std::vector<std::string> party_lines;
  std::vector<std::string> party_keys;
  for (const auto& party : facts.parties) {
    party_lines.push_back(party.role + "\t" + party.name);
    party_keys.push_back(text::search_key(party.name));
  }
  record.parties = joined_lines(party_lines);
  record.status = std::string(status_name(result.status));
  record.signatures = signature_lines(facts.signatures);
  record.levels = level_lines(facts.signatures);
  record.warnings = joined_lines(recorded);
  record.number_key = without_leading_zeros(m.code_number);
  record.notation_key = text::search_key(m.code_notation);
  record.type_key = text::search_key(m.type_name);
  record.parties_key = joined_lines(party_keys);
  std::vector<std::string> signer_keys = {text::search_key(m.signer_name)};
  for (const auto& signature : facts.signatures.signatures) signer_keys.push_back(text::search_key(signature.signer));
  record.signer_key = joined_lines(signer_keys);

  const auto appended = append(std::move(record), [&] { return present().has_value(); });
  if (!appended) {
    // Another process added the same bytes meanwhile.
    result.outcome = AddResult::Outcome::present;
    result.id = present().value_or(0);
    return result;
  }
  result.outcome = AddResult::Outcome::added;
  result.id = appended->seq;
  return result;
}

bool Archive::add_trust_anchor(std::string_view pem, const std::string& file_name, const std::string& recorded_at) {
  Record record;
  record.kind = kTrustRecord;
  record.recorded_at = recorded_at;
  record.sha256 = crypto::sha256_hex(pem);
  record.file_name = std::filesystem::path(file_name).filename().string();
  record.note = std::string(pem);
  const std::string sha = record.sha256;
  const auto known = [&] {
    return !database_->select("kind = ? AND sha256 = ?", {std::string(kTrustRecord), sha}).empty();
  };
  if (known()) return false;
  return append(std::move(record), known).has_value();
}

std::vector<Bytes> Archive::trust_anchors() const {
  std::vector<Bytes> out;
  for (auto& record : database_->select("kind = ? ORDER BY seq", {std::string(kTrustRecord)}))
    out.push_back(std::move(record.note));
  return out;
}

std::optional<Record> Archive::withdraw(std::int64_t id, const std::string& reason, const std::string& recorded_at,
                                        Diagnostics& diagnostics) {
  const auto entry = document(id, diagnostics);
  if (!entry) return std::nullopt;
  const auto already = [&](std::int64_t by) {
    diagnostics.error("E0754", where(),
                      "văn bản mã " + std::to_string(id) + " đã bị thu hồi (bản ghi " + std::to_string(by) + ")");
  };
  if (entry->withdrawal) {
    already(entry->withdrawal->seq);
    return std::nullopt;
  }
  const Record& target = entry->record;
  Record record;
  record.kind = kWithdrawalRecord;
  record.recorded_at = recorded_at;
  record.sha256 = target.sha256;
  record.case_id = target.case_id;
  record.number = target.number;
  record.notation = target.notation;
  record.issued_date = target.issued_date;
  record.refers_to = target.hash;
  record.note = reason;
  const auto withdrawn = [&] {
    return !database_->select("kind = ? AND sha256 = ?", {std::string(kWithdrawalRecord), target.sha256}).empty();
  };
  auto appended = append(std::move(record), withdrawn);
  if (!appended) already(0);
  return appended;
}

std::vector<Entry> Archive::entries(const std::string& condition, const std::vector<db::Value>& parameters) const {
  std::vector<Entry> out;
  for (auto& record : database_->select(condition, parameters)) out.push_back({std::move(record), std::nullopt});
  if (out.empty()) return out;
  std::map<std::string, Record> withdrawals;
  for (auto& record : database_->select("kind = ?", {std::string(kWithdrawalRecord)}))
    withdrawals.emplace(record.refers_to, std::move(record));
  for (auto& entry : out) {
    if (const auto it = withdrawals.find(entry.record.hash); it != withdrawals.end()) entry.withdrawal = it->second;
  }
  return out;
}

std::optional<Entry> Archive::find(std::int64_t id) const {
  auto found = entries("kind = ? AND seq = ?", {std::string(kDocumentRecord), id});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<Entry> Archive::document(std::int64_t id, Diagnostics& diagnostics) const {
  auto entry = find(id);
  if (!entry) diagnostics.error("E0750", where(), "không có văn bản nào mang mã lưu trữ " + std::to_string(id));
  return entry;
}

std::optional<Entry> Archive::document_numbered(const std::string& number, std::optional<int> year,
                                                Diagnostics& diagnostics) const {
  Query query;
  query.number = number;
  if (year) {
    query.from = model::Date::from_ymd(*year, 1, 1);
    query.to = model::Date::from_ymd(*year, 12, 31);
  }
  auto hits = search(query);
  if (hits.empty()) {
    diagnostics.error("E0750", where(), "không có văn bản số " + number + " trong kho");
    return std::nullopt;
  }
  if (hits.size() > 1) {
    std::string ids;
    for (const auto& hit : hits) ids += (ids.empty() ? "" : ", ") + std::to_string(hit.record.seq);
    diagnostics.error("E0751", where(),
                      "có " + std::to_string(hits.size()) + " văn bản số " + number + " (mã lưu trữ " + ids +
                          "): hãy cho --year hoặc mã lưu trữ");
    return std::nullopt;
  }
  return std::move(hits.front());
}

std::vector<Entry> Archive::search(const Query& query) const {
  std::string condition = "kind = ?";
  std::vector<db::Value> parameters = {std::string(kDocumentRecord)};
  const auto add = [&](const std::string& clause, db::Value value) {
    condition += " AND " + clause;
    parameters.push_back(std::move(value));
  };
  const auto like = [&](const char* column, const std::string& text) {
    const std::string key = text::search_key(text);
    if (!key.empty()) add(std::string(column) + " LIKE ? ESCAPE '\\'", db::contains_pattern(key));
  };
  if (!query.case_id.empty()) add("case_id = ?", query.case_id);
  if (!query.number.empty()) {
    const auto slash = query.number.find('/');
    std::string number = slash == std::string::npos ? query.number : query.number.substr(0, slash);
    std::string notation = slash == std::string::npos ? "" : query.number.substr(slash + 1);
    if (slash == std::string::npos && number.find_first_not_of("0123456789 ") != std::string::npos) {
      notation = number;
      number.clear();
    }
    number.erase(std::remove(number.begin(), number.end(), ' '), number.end());
    if (!number.empty()) add("number_key = ?", without_leading_zeros(number));
    if (!text::search_key(notation).empty()) add("notation_key = ?", text::search_key(notation));
  }
  like("parties_key", query.party);
  like("type_key", query.type);
  like("signer_key", query.signer);
  if (query.from) add("issued_date >= ?", query.from->to_iso());
  if (query.to) add("issued_date <= ? AND issued_date <> ''", query.to->to_iso());
  condition += " ORDER BY issued_date, seq";
  const std::string text = text::search_key(query.text);
  if (text.empty()) {
    if (query.limit != 0) condition += " LIMIT " + std::to_string(query.limit);
    return entries(condition, parameters);
  }
  // The trích yếu has no search column (the chain covers every column): free text is matched here, on the entries the
  // other conditions leave.
  const bool digits = text.find_first_not_of("0123456789") == std::string::npos;
  std::vector<Entry> hits;
  for (auto& entry : entries(condition, parameters)) {
    const auto& r = entry.record;
    const bool found = r.parties_key.find(text) != std::string::npos ||
                       text::search_key(r.subject).find(text) != std::string::npos ||
                       text::search_key(entry.number_and_notation()).find(text) != std::string::npos ||
                       (digits && r.number_key == without_leading_zeros(text));
    if (!found) continue;
    hits.push_back(std::move(entry));
    if (query.limit != 0 && hits.size() == query.limit) break;
  }
  return hits;
}

std::optional<Bytes> Archive::content(const Entry& entry, Diagnostics& diagnostics) const {
  const std::string id = std::to_string(entry.record.seq);
  if (!is_sha256_hex(entry.record.sha256)) {
    diagnostics.error("E0741", where(), "bản ghi " + id + " có mã SHA-256 không hợp lệ: bản ghi đã bị sửa");
    return std::nullopt;
  }
  std::string problem;
  auto bytes = store_->read(entry.record.sha256, problem);
  if (!bytes) {
    diagnostics.error(
        "E0735", where(),
        "tệp của văn bản mã " + id + " (" + store_->object_path(entry.record.sha256).string() + "): " + problem);
    return std::nullopt;
  }
  if (crypto::sha256_hex(*bytes) != entry.record.sha256) {
    diagnostics.error("E0736", where(),
                      "tệp của văn bản mã " + id + " (" + store_->object_path(entry.record.sha256).string() +
                          ") đã bị thay đổi: SHA-256 không còn khớp với bản ghi");
    return std::nullopt;
  }
  return bytes;
}

}  // namespace vanban::archive
