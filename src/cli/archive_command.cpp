// vanban archive: the archive of signed documents (add, get, search, verify, export, withdraw). The front end
// reads the clock once, verifies signatures (sign module), reads the PDF's metadata and the case file
// (pipeline), and hands these facts to the archive, which decides and records.

#include <cstdlib>
#include <iostream>

#include "archive/archive.hpp"
#include "base/error.hpp"
#include "base/file_io.hpp"
#include "base/json.hpp"
#include "base/utf8.hpp"
#include "cli/common.hpp"
#include "pipeline/pdf_metadata.hpp"
#include "sign/verification.hpp"

namespace vanban::cli {

namespace {

constexpr const char* kArchiveHelp =
    "Cách dùng: vanban archive [--db TỆP|postgresql://…] [--store THƯ-MỤC] LỆNH [TÙY CHỌN]\n"
    "\n"
    "Kho lưu trữ văn bản đã ký số: mỗi tệp được lưu theo mã SHA-256 của nó (chỉ đọc, không bao giờ ghi đè),\n"
    "mỗi lần lưu là một bản ghi nối vào chuỗi băm (không xóa, không sửa được mà không bị phát hiện).\n"
    "\n"
    "Lệnh:\n"
    "  add TỆP.pdf... [--case HỒ-SƠ.xml] [--trust GỐC.pem]... [--allow-unsigned] [--require-trusted]\n"
    "      kiểm tra chữ ký, đọc siêu dữ liệu (Phụ lục VI) của tệp và đương sự của hồ sơ (--case: một hồ sơ, hoặc\n"
    "      một sổ: mỗi văn bản lấy hồ sơ mang mã ghi trong văn bản), lưu tệp và ghi bản ghi.\n"
    "      Tệp đã có trong kho thì không thêm lại. Văn bản chưa ký hoặc chữ ký không hợp lệ bị từ chối, trừ khi\n"
    "      có --allow-unsigned (được ghi lại như vậy); chữ ký hỏng (nội dung bị sửa sau khi ký) luôn bị từ chối.\n"
    "      Gốc tin cậy: --trust (được ghi vào kho), nếu không có thì các gốc đã ghi trong kho; chữ ký còn nguyên\n"
    "      vẹn nhưng không dẫn tới gốc tin cậy được lưu kèm cảnh báo, hoặc bị từ chối với --require-trusted\n"
    "  get MÃ -o RA.pdf | get --number SỐ/KÝ-HIỆU --year NĂM -o RA.pdf\n"
    "      lấy một văn bản ra (kiểm tra mã SHA-256 trước khi ghi)\n"
    "  search [--case MÃ] [--number SỐ/KÝ-HIỆU] [--party TÊN] [--type LOẠI] [--signer TÊN]\n"
    "         [--from NGÀY] [--to NGÀY] [--year NĂM] [--limit N] [--json]\n"
    "      tìm văn bản; tên không phân biệt hoa thường và dấu (\"nguyen van hung\" tìm được \"Nguyễn Văn Hùng\")\n"
    "  verify [--trust GỐC.pem]...\n"
    "      băm lại mọi tệp, kiểm tra chuỗi bản ghi (bị xóa, sửa, đổi thứ tự), kiểm tra lại chữ ký;\n"
    "      báo mọi vấn đề, mã thoát 1 khi có\n"
    "  export --case MÃ -o RA.zip\n"
    "      hồ sơ giao nộp: các văn bản của hồ sơ theo thứ tự thời gian, mỗi văn bản một tệp .pdf và một tệp\n"
    "      .xml (Phụ lục VI), cùng manifest.xml\n"
    "  withdraw MÃ --reason LÝ-DO\n"
    "      thu hồi một văn bản: thêm một bản ghi trỏ tới nó (không xóa gì)\n"
    "\n"
    "  --db TỆP|URI     cơ sở dữ liệu: tệp SQLite (mặc định THƯ-MỤC/archive.sqlite) hoặc\n"
    "                   postgresql://người-dùng@máy:cổng/tên-csdl (mật khẩu: biến PGPASSWORD hoặc ~/.pgpass)\n"
    "  --store THƯ-MỤC  thư mục chứa các tệp (mặc định: biến VANBAN_ARCHIVE, nếu không có thì ./archive)\n"
    "\n"
    "Mã thoát: 0 thành công, 1 có văn bản bị từ chối hoặc kho có vấn đề, 2 sai cách dùng, 3 lỗi môi trường\n"
    "(không mở được cơ sở dữ liệu, cơ sở dữ liệu hỏng, thiếu thư mục kho).\n";

// Options every archive command takes.
void common_options(OptionSpec& spec) {
  spec.with_value.insert({"--db", "--store", "--time"});
}

archive::Location archive_location(const Arguments& arguments) {
  std::string store = "archive";
  if (const char* variable = std::getenv("VANBAN_ARCHIVE"); variable != nullptr && *variable != '\0') store = variable;
  if (const auto option = arguments.value("--store")) store = *option;
  if (store.empty()) throw UsageError{"--store rỗng"};
  std::string problem;
  const auto location = archive::make_location(arguments.value("--db"), store, problem);
  if (!location) throw UsageError{"--db \"" + arguments.value("--db").value_or("") + "\": " + problem};
  return *location;
}

// An archive id as typed: digits only.
std::int64_t archive_id(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError{"mã lưu trữ \"" + text + "\" phải là một số nguyên dương"};
  return std::stoll(text);
}

std::optional<model::Date> date_option(const Arguments& arguments, const char* name) {
  const auto text = arguments.value(name);
  if (!text) return std::nullopt;
  const auto date = model::Date::parse_iso(*text);
  if (!date) throw UsageError{std::string(name) + " \"" + *text + "\" không phải ngày hợp lệ dạng YYYY-MM-DD"};
  return date;
}

int year_option(const std::string& text) {
  if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError{"--year \"" + text + "\" phải là năm bốn chữ số"};
  return std::stoi(text);
}

std::string status_text(std::string_view status) {
  if (status == "trusted") return "hợp lệ, tin cậy";
  if (status == "untrusted") return "nguyên vẹn, chưa tới gốc tin cậy";
  if (status == "invalid") return "không hợp lệ (lưu theo --allow-unsigned)";
  if (status == "unsigned") return "chưa ký (lưu theo --allow-unsigned)";
  return std::string(status);
}

// dd/mm/yyyy, as clerks write dates.
std::string display_date(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string party_names(const archive::Entry& entry) {
  std::string out;
  for (const auto& party : entry.parties()) out += (out.empty() ? "" : "; ") + party.name;
  return out;
}

// The signatures of `pdf` as the sign module finds them, against `anchors` at `now`; nullopt (reported) when the
// file cannot be read as a PDF.
std::optional<archive::SignatureCheck> check_signatures(std::string_view pdf, const std::vector<Bytes>& anchors,
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
    // The archive weighs anchoring itself (a warning, or a refusal with --require-trusted): sign's problem for a
    // chain that does not reach the anchors is left out; every other problem makes the signature invalid.
    for (const auto& problem : s.problems)
      if (problem.code != sign::kUntrustedChain) facts.problems.push_back(problem);
    check.signatures.push_back(std::move(facts));
  }
  return check;
}

// The trust anchors named by --trust; nullopt when one cannot be read (reported).
std::optional<std::vector<std::pair<std::string, Bytes>>> trust_files(const Arguments& arguments) {
  std::vector<std::pair<std::string, Bytes>> out;
  bool readable = true;
  for (const auto& path : arguments.values("--trust")) {
    auto pem = read_input(path);
    if (!pem) readable = false;
    else out.emplace_back(path, std::move(*pem));
  }
  if (!readable) return std::nullopt;
  return out;
}

constexpr const char* kRepeatable[] = {"--trust"};

// The case of --case a document belongs to: the one its metadata names (E0718 when the file has no such case),
// or the file's only case when the document names none.
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
    diagnostics.error("E0718", file,
                      "văn bản thuộc hồ sơ \"" + case_id + "\" nhưng --case là hồ sơ \"" + cases.cases.front().id + "\"");
  else
    diagnostics.error("E0718", file, "văn bản thuộc hồ sơ \"" + case_id + "\", không có trong tệp --case");
  return nullptr;
}

int archive_add(const std::vector<std::string>& args, const std::filesystem::path& root) {
  OptionSpec spec;
  common_options(spec);
  spec.with_value.insert({"--case", "--trust"});
  spec.repeatable.insert(std::begin(kRepeatable), std::end(kRepeatable));
  spec.flags = {"--allow-unsigned", "--require-trusted", "--no-repair"};
  const Arguments arguments = Arguments::parse(args, spec);
  if (arguments.positional().empty()) throw UsageError{"cần ít nhất một tệp PDF để lưu (xem vanban archive --help)"};
  if (arguments.flag("--allow-unsigned") && arguments.flag("--require-trusted"))
    throw UsageError{"--allow-unsigned và --require-trusted không dùng cùng nhau"};
  const sign::Moment now = read_clock(arguments);
  archive::AddRequest request;
  request.recorded_at = now.iso8601();
  request.allow_unsigned = arguments.flag("--allow-unsigned");
  request.require_trusted = arguments.flag("--require-trusted");
  const auto location = archive_location(arguments);

  const auto trusted = trust_files(arguments);
  if (!trusted) return kInputRejected;
  // The case file (or a register: each document then takes the case its metadata names).
  std::optional<model::Register> cases;
  if (const auto case_path = arguments.value("--case")) {
    const auto engine = load_engine(root);
    const auto bytes = read_input(*case_path);
    if (!bytes) return kInputRejected;
    Diagnostics diagnostics;
    cases = engine->read_cases(*bytes, *case_path, diagnostics, repair_mode(arguments));
    print(diagnostics);
    if (!cases) return kInputRejected;
  }

  const auto store = archive::Archive::open(location, archive::Archive::OpenMode::create);
  // Anchors given now are used now and kept in the archive's configuration for later runs.
  std::vector<Bytes> anchors;
  for (const auto& [path, pem] : *trusted) {
    store->add_trust_anchor(pem, path, request.recorded_at);
    anchors.push_back(pem);
  }
  if (anchors.empty()) anchors = store->trust_anchors();

  bool rejected = false;
  for (const auto& path : arguments.positional()) {
    const auto pdf = read_input(path);
    if (!pdf) {
      rejected = true;
      continue;
    }
    const SourceLoc file{make_file_name(path)};
    Diagnostics diagnostics;
    archive::DocumentFacts facts;
    const auto check = check_signatures(*pdf, anchors, now, file, diagnostics);
    if (!check) {
      print(diagnostics);
      rejected = true;
      continue;
    }
    facts.signatures = *check;
    Diagnostics metadata_problems;
    if (auto metadata = pipeline::read_pdf_metadata(*pdf, file.file, metadata_problems)) {
      facts.metadata = std::move(*metadata);
    } else {
      std::string message = "không đọc được siêu dữ liệu XMP (Phụ lục VI) của tệp";
      if (!metadata_problems.empty()) message += ": " + metadata_problems.list().front().message;
      diagnostics.warning("W0717", file, message + " (đã ghi vào bản ghi lưu trữ)");
      facts.warnings.push_back("[W0717] " + message);
    }
    facts.case_id = facts.metadata.case_id;
    for (const auto& [role, name] : facts.metadata.parties) facts.parties.push_back({role, name});
    if (cases) {
      const model::Case* the_case = case_for(*cases, facts.metadata.case_id, file, diagnostics);
      if (the_case == nullptr) {
        print(diagnostics);
        rejected = true;
        continue;
      }
      facts.case_id = the_case->id;
      facts.parties.clear();  // the case file is the fuller source
      for (const auto& party : the_case->parties)
        facts.parties.push_back({std::string(model::role_code(party.role)), party.name.value});
    }
    request.file_name = path;
    const auto result = store->add(*pdf, facts, request, file, diagnostics);
    print(diagnostics);
    switch (result.outcome) {
      case archive::AddResult::Outcome::added:
        std::cout << "đã lưu  " << path << ": mã lưu trữ " << result.id << ", SHA-256 " << result.sha256
                  << ", chữ ký: " << status_text(archive::status_name(result.status)) << '\n';
        break;
      case archive::AddResult::Outcome::present:
        std::cout << "đã có   " << path << ": đã có trong kho với mã lưu trữ " << result.id
                  << ", không thêm lại\n";
        break;
      case archive::AddResult::Outcome::refused:
        rejected = true;
        break;
    }
  }
  return rejected ? kInputRejected : kOk;
}

// The entry ID or --number/--year name; nullopt (reported) when there is none or more than one.
std::optional<archive::Entry> chosen_entry(const archive::Archive& store, const Arguments& arguments) {
  const auto number = arguments.value("--number");
  if (number && !arguments.positional().empty()) throw UsageError{"cho MÃ hoặc --number, không cả hai"};
  if (!number && arguments.positional().size() != 1) throw UsageError{"cần đúng một mã lưu trữ, hoặc --number"};
  Diagnostics diagnostics;
  std::optional<archive::Entry> chosen;
  if (!number) {
    const auto id = archive_id(arguments.positional().front());
    chosen = store.find(id);
    if (!chosen) diagnostics.error("E0750", SourceLoc{}, "không có văn bản nào mang mã lưu trữ " + std::to_string(id));
  } else {
    archive::Query query;
    query.number = *number;
    if (const auto year = arguments.value("--year")) {
      const int value = year_option(*year);
      query.from = model::Date::from_ymd(value, 1, 1);
      query.to = model::Date::from_ymd(value, 12, 31);
    }
    const auto hits = store.search(query);
    if (hits.empty()) {
      diagnostics.error("E0750", SourceLoc{}, "không có văn bản số " + *number + " trong kho");
    } else if (hits.size() > 1) {
      std::string ids;
      for (const auto& hit : hits) ids += (ids.empty() ? "" : ", ") + std::to_string(hit.record.seq);
      diagnostics.error("E0751", SourceLoc{},
                        "có " + std::to_string(hits.size()) + " văn bản số " + *number + " (mã lưu trữ " + ids +
                            "): hãy cho --year hoặc mã lưu trữ");
    } else {
      chosen = hits.front();
    }
  }
  print(diagnostics);
  return chosen;
}

int archive_get(const std::vector<std::string>& args) {
  OptionSpec spec;
  common_options(spec);
  spec.with_value.insert({"--output", "--number", "--year"});
  spec.aliases = {{"-o", "--output"}};
  const Arguments arguments = Arguments::parse(args, spec);
  const std::string output = arguments.required("--output");
  const auto store = archive::Archive::open(archive_location(arguments), archive::Archive::OpenMode::existing);
  const auto entry = chosen_entry(*store, arguments);
  if (!entry) return kInputRejected;
  Diagnostics diagnostics;
  const auto bytes = store->content(*entry, diagnostics);
  if (bytes && entry->withdrawal)
    diagnostics.warning("W0753", SourceLoc{},
                        "văn bản mã " + std::to_string(entry->record.seq) + " đã bị thu hồi (bản ghi " +
                            std::to_string(entry->withdrawal->seq) + ": " + entry->withdrawal->note + ")");
  print(diagnostics);
  if (!bytes) return kInputRejected;
  write_file_atomically(output, *bytes);
  std::cout << output << ": mã lưu trữ " << entry->record.seq << ", " << entry->number_and_notation() << ", "
            << entry->record.type_name << ", " << bytes->size() << " byte\n";
  return kOk;
}

void print_json(const std::vector<archive::Entry>& hits) {
  std::cout << "[";
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const archive::Record& r = hits[i].record;
    std::cout << (i == 0 ? "\n" : ",\n") << "  {\"id\": " << r.seq << ", \"case_id\": " << json_string(r.case_id)
              << ", \"number\": " << json_string(hits[i].number_and_notation())
              << ", \"type\": " << json_string(r.type_name) << ", \"date\": " << json_string(r.issued_date)
              << ", \"subject\": " << json_string(r.subject) << ", \"organ\": " << json_string(r.organ_name)
              << ", \"signer\": " << json_string(r.signer_name) << ", \"parties\": [";
    const auto parties = hits[i].parties();
    for (std::size_t p = 0; p < parties.size(); ++p)
      std::cout << (p == 0 ? "" : ", ") << "{\"role\": " << json_string(parties[p].role)
                << ", \"name\": " << json_string(parties[p].name) << "}";
    std::cout << "], \"signature\": " << json_string(r.status) << ", \"sha256\": " << json_string(r.sha256)
              << ", \"recorded_at\": " << json_string(r.recorded_at) << ", \"withdrawn\": ";
    if (hits[i].withdrawal)
      std::cout << "{\"id\": " << hits[i].withdrawal->seq << ", \"reason\": " << json_string(hits[i].withdrawal->note)
                << ", \"recorded_at\": " << json_string(hits[i].withdrawal->recorded_at) << "}";
    else
      std::cout << "null";
    std::cout << "}";
  }
  std::cout << (hits.empty() ? "]\n" : "\n]\n");
}

void print_table(const std::vector<archive::Entry>& hits) {
  std::vector<std::vector<std::string>> rows = {{"Mã", "Hồ sơ", "Số/ký hiệu", "Loại", "Ngày", "Đương sự"}};
  for (const auto& hit : hits) {
    std::string parties = party_names(hit);
    if (hit.withdrawal) parties += (parties.empty() ? "" : " ") + std::string("[ĐÃ THU HỒI]");
    rows.push_back({std::to_string(hit.record.seq), hit.record.case_id, hit.number_and_notation(),
                    hit.record.type_name, display_date(hit.record.issued_date), parties});
  }
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], utf8::length(row[c]));
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - utf8::length(row[c]) + 2, ' ');
    }
    std::cout << line << '\n';
  }
  std::cout << hits.size() << " văn bản\n";
}

int archive_search(const std::vector<std::string>& args) {
  OptionSpec spec;
  common_options(spec);
  spec.with_value.insert({"--case", "--number", "--party", "--type", "--signer", "--from", "--to", "--year", "--limit"});
  spec.flags = {"--json"};
  const Arguments arguments = Arguments::parse(args, spec);
  if (!arguments.positional().empty()) throw UsageError{"search chỉ nhận tùy chọn (xem vanban archive --help)"};
  archive::Query query;
  query.case_id = arguments.value("--case").value_or("");
  query.number = arguments.value("--number").value_or("");
  query.party = arguments.value("--party").value_or("");
  query.type = arguments.value("--type").value_or("");
  query.signer = arguments.value("--signer").value_or("");
  query.from = date_option(arguments, "--from");
  query.to = date_option(arguments, "--to");
  if (const auto year = arguments.value("--year")) {
    if (query.from || query.to) throw UsageError{"--year không dùng cùng --from/--to"};
    const int value = year_option(*year);
    query.from = model::Date::from_ymd(value, 1, 1);
    query.to = model::Date::from_ymd(value, 12, 31);
  }
  if (const auto limit = arguments.value("--limit")) query.limit = static_cast<std::size_t>(archive_id(*limit));
  const auto store = archive::Archive::open(archive_location(arguments), archive::Archive::OpenMode::existing);
  const auto hits = store->search(query);
  if (arguments.flag("--json")) print_json(hits);
  else print_table(hits);
  return kOk;
}

int archive_verify(const std::vector<std::string>& args) {
  OptionSpec spec;
  common_options(spec);
  spec.with_value.insert("--trust");
  spec.repeatable.insert("--trust");
  const Arguments arguments = Arguments::parse(args, spec);
  if (!arguments.positional().empty()) throw UsageError{"verify không nhận tham số vị trí"};
  const sign::Moment now = read_clock(arguments);
  const auto trusted = trust_files(arguments);
  if (!trusted) return kInputRejected;
  const auto location = archive_location(arguments);
  const auto store = archive::Archive::open(location, archive::Archive::OpenMode::existing);
  std::vector<Bytes> anchors = store->trust_anchors();
  for (const auto& [path, pem] : *trusted) anchors.push_back(pem);
  Diagnostics diagnostics;
  const archive::SignatureChecker checker = [&](std::string_view pdf) {
    Diagnostics ignored;
    return check_signatures(pdf, anchors, now, SourceLoc{}, ignored);
  };
  const auto report = store->verify(checker, diagnostics);
  print(diagnostics);
  std::cout << location.database.display << ": " << report.records << " bản ghi, " << report.documents << " văn bản, "
            << report.files_checked << " tệp (" << report.bytes_checked << " byte) đã băm lại, "
            << report.signatures_checked << " chữ ký đã kiểm tra lại\n";
  if (report.head_seq > 0)
    std::cout << "đầu chuỗi: bản ghi " << report.head_seq << ", mã băm " << report.head_hash
              << " (ghi lại ở nơi khác để đối chiếu về sau)\n";
  if (diagnostics.has_errors()) {
    std::cout << "KHÔNG ĐẠT: " << diagnostics.error_count() << " vấn đề\n";
    return kInputRejected;
  }
  std::cout << "đạt: kho nguyên vẹn\n";
  return kOk;
}

int archive_export(const std::vector<std::string>& args) {
  OptionSpec spec;
  common_options(spec);
  spec.with_value.insert({"--case", "--output"});
  spec.aliases = {{"-o", "--output"}};
  const Arguments arguments = Arguments::parse(args, spec);
  if (!arguments.positional().empty()) throw UsageError{"export chỉ nhận --case và -o"};
  const std::string case_id = arguments.required("--case");
  const std::string output = arguments.required("--output");
  const auto store = archive::Archive::open(archive_location(arguments), archive::Archive::OpenMode::existing);
  Diagnostics diagnostics;
  const auto zip = store->export_case(case_id, diagnostics);
  print(diagnostics);
  if (!zip) return kInputRejected;
  write_file_atomically(output, *zip);
  std::cout << output << ": hồ sơ " << case_id << ", " << zip->size() << " byte\n";
  return kOk;
}

int archive_withdraw(const std::vector<std::string>& args) {
  OptionSpec spec;
  common_options(spec);
  spec.with_value.insert("--reason");
  const Arguments arguments = Arguments::parse(args, spec);
  if (arguments.positional().size() != 1) throw UsageError{"cần đúng một mã lưu trữ"};
  const auto id = archive_id(arguments.positional().front());
  const std::string reason = arguments.required("--reason");
  if (reason.find_first_not_of(" \t") == std::string::npos) throw UsageError{"--reason không được rỗng"};
  const std::string now = read_clock(arguments).iso8601();
  const auto store = archive::Archive::open(archive_location(arguments), archive::Archive::OpenMode::existing);
  Diagnostics diagnostics;
  const auto record = store->withdraw(id, reason, now, diagnostics);
  print(diagnostics);
  if (!record) return kInputRejected;
  std::cout << "đã thu hồi văn bản mã " << id << " (bản ghi " << record->seq << ")\n";
  return kOk;
}

}  // namespace

int run_archive(const std::vector<std::string>& args, const std::filesystem::path& root) {
  // --db and --store may come before the command; they are handed to it.
  std::vector<std::string> leading;
  std::size_t at = 0;
  while (at < args.size() && (args[at] == "--db" || args[at] == "--store" || args[at] == "--time")) {
    if (at + 1 >= args.size()) throw UsageError{"tùy chọn " + args[at] + " cần một giá trị"};
    leading.push_back(args[at]);
    leading.push_back(args[at + 1]);
    at += 2;
  }
  if (at >= args.size() || args[at] == "--help" || args[at] == "-h") {
    std::cout << kArchiveHelp;
    return at >= args.size() ? kUsage : kOk;
  }
  const std::string command = args[at];
  std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(at) + 1, args.end());
  if (wants_help(rest)) {
    std::cout << kArchiveHelp;
    return kOk;
  }
  rest.insert(rest.end(), leading.begin(), leading.end());
  if (command == "add") return archive_add(rest, root);
  if (command == "get") return archive_get(rest);
  if (command == "search") return archive_search(rest);
  if (command == "verify") return archive_verify(rest);
  if (command == "export") return archive_export(rest);
  if (command == "withdraw") return archive_withdraw(rest);
  throw UsageError{"không có lệnh archive \"" + command + "\" (các lệnh: add, get, search, verify, export, withdraw)"};
}

}  // namespace vanban::cli
