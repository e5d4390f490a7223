// Archive::verify: every stored file rehashed, the chain checked link by link, signatures verified again.
// Each kind of tampering is reported once: an edited record by its own hash, a deleted one by the gap in the
// positions, a rewritten one (edited and hashed again) by the broken link after it, a reordering by comparing
// the positions with the order the links give, records deleted at the end by the chain head in the store (which must
// name a record by its own hash) and, beyond what the store can prove, by a head noted elsewhere.

#include <algorithm>
#include <limits>
#include <set>
#include <unordered_map>

#include "archive/archive.hpp"
#include "archive/database.hpp"
#include "archive/store.hpp"
#include "crypto/sha256.hpp"

namespace vanban::archive {

namespace {

constexpr std::size_t kBatch = 2000;
constexpr std::size_t kListed = 5;

struct Link {
  std::int64_t seq = 0;
  std::string hash;
  std::string prev;
};

std::string label(const Record& record) {
  std::string out = "bản ghi " + std::to_string(record.seq);
  if (record.kind == kDocumentRecord && !(record.number.empty() && record.notation.empty()))
    out += " (văn bản " + record.number + "/" + record.notation + ")";
  return out;
}

// "a, b, c và 4 tệp khác"
std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kListed; ++i) out += (i == 0 ? "" : ", ") + names[i];
  if (names.size() > kListed) out += " và " + std::to_string(names.size() - kListed) + " tệp khác";
  return out;
}

std::string range_text(std::int64_t first, std::int64_t last) {
  return first == last ? "bản ghi số " + std::to_string(first)
                       : "các bản ghi số " + std::to_string(first) + " đến " + std::to_string(last);
}

// Deleted positions, as ranges [first, last].
std::vector<std::pair<std::int64_t, std::int64_t>> gaps(const std::vector<Link>& links) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  std::int64_t expected = 1;
  for (const auto& link : links) {
    if (link.seq > expected) out.emplace_back(expected, link.seq - 1);
    expected = std::max(expected, link.seq + 1);
  }
  return out;
}

// Reports deleted, reordered and replaced records; whether it found any.
bool check_links(const std::vector<Link>& links, const SourceLoc& loc, Diagnostics& diagnostics) {
  const std::size_t before = diagnostics.error_count();
  for (const auto& [first, last] : gaps(links))
    diagnostics.error("E0731", loc, range_text(first, last) + " đã bị xóa khỏi chuỗi");

  // Follow the links from the start: when they take in every record, the chain is whole as a set.
  std::unordered_map<std::string, std::vector<std::size_t>> by_prev;
  for (std::size_t i = 0; i < links.size(); ++i) by_prev[links[i].prev].push_back(i);
  std::vector<std::size_t> order;
  std::vector<bool> seen(links.size(), false);
  std::string current(kGenesisHash);
  for (;;) {
    const auto it = by_prev.find(current);
    if (it == by_prev.end() || it->second.size() != 1 || seen[it->second.front()]) break;
    const std::size_t next = it->second.front();
    seen[next] = true;
    order.push_back(next);
    current = links[next].hash;
  }
  if (order.size() == links.size()) {
    std::string found_order;
    std::string positions;
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (order[i] == i) continue;
      found_order += (found_order.empty() ? "" : ", ") + std::to_string(links[order[i]].seq);
      positions += (positions.empty() ? "" : ", ") + std::to_string(links[i].seq);
    }
    if (!found_order.empty())
      diagnostics.error("E0732", loc,
                        "các bản ghi đã bị đổi thứ tự: theo mắt xích của chuỗi, ở các vị trí " + positions +
                            " phải là các bản ghi đang mang số " + found_order);
    return diagnostics.error_count() > before;
  }
  // Otherwise: each link that is broken where no deletion explains it.
  for (std::size_t i = 0; i < links.size(); ++i) {
    const bool after_gap = i == 0 ? links[i].seq != 1 : links[i].seq != links[i - 1].seq + 1;
    if (after_gap) continue;
    const std::string expected = i == 0 ? std::string(kGenesisHash) : links[i - 1].hash;
    if (links[i].prev == expected) continue;
    if (i == 0) diagnostics.error("E0733", loc, "bản ghi số 1 không phải là đầu chuỗi: bản ghi đã bị thay");
    else
      diagnostics.error("E0733", loc,
                        "chuỗi bị đứt giữa bản ghi " + std::to_string(links[i - 1].seq) + " và " +
                            std::to_string(links[i].seq) +
                            ": một trong hai đã bị sửa rồi tính lại mã băm, hoặc bị thay");
  }
  return diagnostics.error_count() > before;
}

const Link* find_link(const std::vector<Link>& links, std::int64_t seq) {
  const auto it = std::lower_bound(links.begin(), links.end(), seq,
                                   [](const Link& link, std::int64_t wanted) { return link.seq < wanted; });
  return it != links.end() && it->seq == seq ? &*it : nullptr;
}

// The chain head kept in the store names a record by position and hash: that record must hold that hash, and the
// head is behind the chain by at most the one record of an add interrupted after its commit (append brings it up to
// the tail before it appends). In a chain already found broken (`broken`), the head is only checked for records
// deleted at its end, so that one tampering is reported once.
void check_head(std::int64_t seq, const std::string& hash, const std::vector<Link>& links, bool broken,
                const SourceLoc& loc, Diagnostics& diagnostics) {
  const std::int64_t last = links.empty() ? 0 : links.back().seq;
  if (broken) {
    const bool found = std::any_of(links.begin(), links.end(), [&](const Link& link) { return link.hash == hash; });
    if (!found && seq > last)
      diagnostics.error(
          "E0734", loc,
          range_text(last + 1, seq) + " ở cuối chuỗi đã bị xóa (tệp đầu chuỗi ghi số " + std::to_string(seq) + ")");
    return;
  }
  if (seq > last) {
    diagnostics.error(
        "E0734", loc,
        range_text(last + 1, seq) + " ở cuối chuỗi đã bị xóa (tệp đầu chuỗi ghi số " + std::to_string(seq) + ")");
    return;
  }
  if (seq == 0) {
    if (hash != kGenesisHash) {
      diagnostics.error("E0734", loc, "tệp đầu chuỗi ghi bản ghi số 0 với mã băm khác mã khởi đầu: tệp đã bị sửa");
      return;
    }
  } else if (const Link* named = find_link(links, seq); named == nullptr) {
    return;  // a deleted record: reported as such (E0731)
  } else if (named->hash != hash) {
    diagnostics.error("E0734", loc,
                      "bản ghi số " + std::to_string(seq) +
                          " mà tệp đầu chuỗi ghi đã bị thay (mã băm khác), hoặc tệp đầu chuỗi đã bị sửa");
    return;
  }
  if (last - seq == 1)
    diagnostics.warning("W0744", loc,
                        "tệp đầu chuỗi chậm một bản ghi (ghi số " + std::to_string(seq) + ", chuỗi có đến số " +
                            std::to_string(last) +
                            "): một lần thêm bị ngắt sau khi ghi bản ghi; lần thêm sau sẽ cập nhật đầu chuỗi");
  else if (last - seq > 1)
    diagnostics.error("E0740", loc,
                      "tệp đầu chuỗi ghi bản ghi số " + std::to_string(seq) + " mà chuỗi có đến số " +
                          std::to_string(last) + ": " + range_text(seq + 1, last) +
                          " không được đầu chuỗi xác nhận (tệp đầu chuỗi đã bị ghi lại về trước)");
}

}  // namespace

void Archive::check_document(const Record& record, const SignatureChecker& checker, VerifyReport& report,
                             Diagnostics& diagnostics) const {
  ++report.documents;
  const SourceLoc loc = where();
  if (!is_sha256_hex(record.sha256)) {
    diagnostics.error("E0741", loc, label(record) + " có mã SHA-256 không hợp lệ; tệp không được mở");
    return;
  }
  const auto path = store_->object_path(record.sha256);
  std::string problem;
  const auto bytes = store_->read(record.sha256, problem);
  if (!bytes) {
    diagnostics.error("E0735", loc, "tệp của " + label(record) + " (" + path.string() + "): " + problem);
    return;
  }
  ++report.files_checked;
  report.bytes_checked += bytes->size();
  if (crypto::sha256_hex(*bytes) != record.sha256) {
    diagnostics.error("E0736", loc,
                      "tệp của " + label(record) + " (" + path.string() + ") đã bị thay đổi: SHA-256 không khớp");
    return;
  }
  const auto recorded = status_from_name(record.status);
  if (!checker || !recorded || *recorded == SignatureStatus::unsigned_document || *recorded == SignatureStatus::invalid)
    return;
  const auto check = checker(*bytes);
  if (!check) {
    diagnostics.error("E0737", loc, "không đọc lại được PDF của " + label(record) + " để kiểm tra chữ ký");
    return;
  }
  report.signatures_checked += check->signatures.size();
  const SignatureStatus now = classify(*check);
  if (now == *recorded || now == SignatureStatus::trusted) return;
  if (*recorded == SignatureStatus::untrusted && now == SignatureStatus::untrusted) return;
  diagnostics.error("E0737", loc,
                    "chữ ký của " + label(record) + " lúc lưu là \"" + record.status + "\", nay kiểm tra lại là \"" +
                        std::string(status_name(now)) + "\"");
}

VerifyReport Archive::verify(const SignatureChecker& checker, Diagnostics& diagnostics,
                             const std::optional<ChainHead>& expected) const {
  VerifyReport report;
  const SourceLoc loc = where();
  for (const auto& line : database_->integrity_problems())
    diagnostics.error("E0738", loc, "cơ sở dữ liệu SQLite bị hỏng: " + line);

  std::vector<Link> links;
  std::set<std::string> referenced;
  std::int64_t after = std::numeric_limits<std::int64_t>::min();
  for (;;) {
    const auto batch = database_->select("seq > ? ORDER BY seq LIMIT " + std::to_string(kBatch), {after});
    for (const Record& record : batch) {
      after = record.seq;
      ++report.records;
      links.push_back({record.seq, record.hash, record.prev_hash});
      if (record_hash(record) != record.hash)
        diagnostics.error("E0730", loc, label(record) + " đã bị sửa: nội dung không còn khớp với mã băm của nó");
      if (record.kind != kDocumentRecord) continue;
      if (is_sha256_hex(record.sha256)) referenced.insert(record.sha256.substr(0, 2) + "/" + record.sha256 + ".pdf");
      check_document(record, checker, report, diagnostics);
    }
    if (batch.size() < kBatch) break;
  }
  const bool broken = check_links(links, loc, diagnostics);

  std::string problem;
  const auto head = store_->read_head(problem);
  const std::int64_t last = links.empty() ? 0 : links.back().seq;
  if (!head) diagnostics.error("E0739", loc, problem + ": không biết chuỗi có bị cắt mất phần cuối hay không");
  else check_head(head->seq, head->hash, links, broken, loc, diagnostics);
  if (expected) {
    const Link* noted = find_link(links, expected->seq);
    if (expected->seq > last)
      diagnostics.error("E0745", loc,
                        "đầu chuỗi đã ghi lại (bản ghi " + std::to_string(expected->seq) +
                            ") không còn: " + range_text(last + 1, expected->seq) + " ở cuối chuỗi đã bị xóa");
    else if (noted == nullptr || noted->hash != expected->hash)
      diagnostics.error("E0745", loc,
                        "đầu chuỗi đã ghi lại (bản ghi " + std::to_string(expected->seq) + ", mã băm " +
                            expected->hash.substr(0, 16) + "…) không khớp chuỗi: bản ghi " +
                            std::to_string(expected->seq) +
                            (noted == nullptr ? " không còn" : " nay mang mã băm " + noted->hash.substr(0, 16) + "…") +
                            ", chuỗi đã bị viết lại từ đó trở về trước");
  }
  if (!links.empty()) {
    report.head_seq = links.back().seq;
    report.head_hash = links.back().hash;
  }

  std::vector<std::string> strays;
  std::vector<std::string> temporaries;
  for (const auto& name : store_->object_names()) {
    const auto slash = name.find('/');
    if (slash != std::string::npos && name.compare(slash + 1, 1, ".") == 0) temporaries.push_back(name);
    else if (!referenced.count(name)) strays.push_back(name);
  }
  if (!strays.empty())
    diagnostics.warning("W0742", loc,
                        std::to_string(strays.size()) +
                            " tệp trong kho không thuộc bản ghi nào (lần thêm bị ngắt trước khi ghi bản ghi, hoặc "
                            "bản ghi đã bị xóa): " +
                            listed(strays));
  if (!temporaries.empty())
    diagnostics.warning(
        "W0743", loc,
        std::to_string(temporaries.size()) + " tệp tạm còn lại từ lần thêm bị ngắt: " + listed(temporaries));
  return report;
}

}  // namespace vanban::archive
