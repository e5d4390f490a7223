// vanban archive: the archive of signed documents (add, get, search, verify, export, withdraw). The front end
// reads the clock once, verifies signatures (sign module), reads the PDF's metadata and the case file
// (pipeline), and hands these facts to the archive, which decides and records.

#include <cstdlib>
#include <iostream>

#include "api/answers.hpp"
#include "base/error.hpp"
#include "base/file_io.hpp"
#include "base/suggest.hpp"
#include "base/utf8.hpp"
#include "cli/common.hpp"
#include "pipeline/archive_intake.hpp"
#include "pipeline/chain_head.hpp"
#include "pipeline/signing.hpp"

namespace vanban::cli {

namespace {

archive::Location archive_location(const Arguments& arguments, Invocation& invocation) {
  std::optional<std::string> variable;
  if (const char* value = std::getenv("VANBAN_ARCHIVE"); value != nullptr && *value != '\0') variable = value;
  return pipeline::archive_location(arguments.value("--db"), arguments.value("--store"), variable,
                                    invocation.configuration().settings);
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
  const auto date = model::Date::parse_iso(iso);
  return date ? date->to_dmy() : iso;
}

std::string party_names(const archive::Entry& entry) {
  std::string out;
  for (const auto& party : entry.parties()) out += (out.empty() ? "" : "; ") + party.name;
  return out;
}

int archive_add(const std::vector<std::string>& args, Invocation& invocation) {
  const Arguments arguments = parse(args, "archive add");
  if (arguments.positional().empty()) throw UsageError{"cần ít nhất một tệp PDF để lưu (xem vanban archive --help)"};
  if (arguments.flag("--allow-unsigned") && arguments.flag("--require-trusted"))
    throw UsageError{"--allow-unsigned và --require-trusted không dùng cùng nhau"};
  const sign::Moment now = read_clock(arguments);
  const auto policy = arguments.flag("--allow-unsigned")    ? archive::TrustPolicy::any_document
                      : arguments.flag("--require-trusted") ? archive::TrustPolicy::trusted_documents
                                                            : archive::TrustPolicy::signed_documents;
  const auto location = archive_location(arguments, invocation);

  const auto trusted = read_trust(arguments, invocation);
  if (!trusted) return kInputRejected;
  // The case file (or a register: each document then takes the case its metadata names).
  std::optional<model::Register> cases;
  if (const auto case_path = arguments.value("--case")) {
    const auto engine = load_engine(invocation);
    const auto bytes = read_input(*case_path);
    if (!bytes) return kInputRejected;
    Diagnostics diagnostics;
    cases = engine->read_cases(*bytes, *case_path, diagnostics, repair_mode(arguments));
    print(diagnostics);
    if (!cases) return kInputRejected;
  }

  const auto store = archive::Archive::open(location, archive::Archive::OpenMode::create);
  pipeline::ArchiveIntake intake(*store, pipeline::archive_trust_anchors(*store, *trusted, now.iso8601()), now, policy,
                                 cases ? &*cases : nullptr);
  bool rejected = false;
  for (const auto& path : arguments.positional()) {
    const auto pdf = read_input(path, pipeline::kMaxSignedPdf);
    if (!pdf) {
      rejected = true;
      continue;
    }
    Diagnostics diagnostics;
    const auto result = intake.add(*pdf, path, diagnostics);
    print(diagnostics);
    if (!result) {
      rejected = true;
      continue;
    }
    switch (result->outcome) {
      case archive::AddResult::Outcome::added:
        std::cout << "đã lưu  " << path << ": mã lưu trữ " << result->id << ", SHA-256 " << result->sha256
                  << ", chữ ký: " << status_text(archive::status_name(result->status)) << '\n';
        break;
      case archive::AddResult::Outcome::present:
        std::cout << "đã có   " << path << ": đã có trong kho với mã lưu trữ " << result->id << ", không thêm lại\n";
        break;
      case archive::AddResult::Outcome::refused: rejected = true; break;
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
    chosen = store.document(pipeline::parse_archive_id(arguments.positional().front()), diagnostics);
  } else {
    const auto year = arguments.value("--year");
    chosen = store.document_numbered(*number, year ? std::optional<int>(pipeline::parse_year(*year)) : std::nullopt,
                                     diagnostics);
  }
  print(diagnostics);
  return chosen;
}

int archive_get(const std::vector<std::string>& args, Invocation& invocation) {
  const Arguments arguments = parse(args, "archive get");
  const std::string output = arguments.required("--output");
  const auto location = archive_location(arguments, invocation);
  pipeline::check_output("-o", output, pipeline::archive_files(location));
  const auto store = archive::Archive::open(location, archive::Archive::OpenMode::existing);
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
  write_output(output, *bytes, pipeline::archive_files(location));
  // The file itself may be what standard output carries: the summary then goes to standard error.
  (output == kStandardOutput ? std::cerr : std::cout)
      << output << ": mã lưu trữ " << entry->record.seq << ", " << entry->number_and_notation() << ", "
      << entry->record.type_name << ", " << bytes->size() << " byte\n";
  return kOk;
}

void print_table(const std::vector<archive::Entry>& hits) {
  std::vector<std::vector<std::string>> rows = {{"Mã", "Hồ sơ", "Số/ký hiệu", "Loại", "Ngày", "Đương sự"}};
  for (const auto& hit : hits) {
    std::string parties = party_names(hit);
    if (hit.withdrawal) parties += (parties.empty() ? "" : " ") + std::string("[ĐÃ THU HỒI]");
    rows.push_back({std::to_string(hit.record.seq), hit.record.case_id, hit.number_and_notation(), hit.record.type_name,
                    display_date(hit.record.issued_date), parties});
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

// How many hits search prints unless --limit says otherwise.
constexpr std::size_t kDefaultLimit = 100;

int archive_search(const std::vector<std::string>& args, Invocation& invocation) {
  const Arguments arguments = parse(args, "archive search");
  if (arguments.positional().size() > 1)
    throw UsageError{"search nhận nhiều nhất một chuỗi tìm (đặt trong ngoặc kép nếu có dấu cách)"};
  pipeline::ArchiveSearchRequest request;
  if (!arguments.positional().empty()) request.text = arguments.positional().front();
  request.case_id = arguments.value("--case").value_or("");
  request.number = arguments.value("--number").value_or("");
  request.party = arguments.value("--party").value_or("");
  request.type = arguments.value("--type").value_or("");
  request.signer = arguments.value("--signer").value_or("");
  request.from = arguments.value("--from");
  request.to = arguments.value("--to");
  request.year = arguments.value("--year");
  request.limit = arguments.value("--limit");
  archive::Query query = pipeline::archive_query(request);
  const std::size_t limit = query.limit != 0 ? query.limit : kDefaultLimit;
  // One more than shown: whether there are more hits than the limit.
  query.limit = limit + 1;
  const auto store =
      archive::Archive::open(archive_location(arguments, invocation), archive::Archive::OpenMode::existing);
  auto hits = store->search(query);
  const bool more = hits.size() > limit;
  if (more) hits.resize(limit);
  if (arguments.flag("--json")) {
    std::cout << api::archive_hits(hits);
  } else {
    print_table(hits);
    if (more)
      std::cout << "còn nữa: có hơn " << limit << " văn bản khớp, chỉ " << limit
                << " văn bản đầu được in (thu hẹp tìm kiếm, hoặc --limit N)\n";
  }
  if (more) std::cerr << "vanban: có hơn " << limit << " văn bản khớp; chỉ in " << limit << " văn bản đầu\n";
  return kOk;
}

int archive_verify(const std::vector<std::string>& args, Invocation& invocation) {
  const Arguments arguments = parse(args, "archive verify");
  if (!arguments.positional().empty()) throw UsageError{"verify không nhận tham số vị trí"};
  const sign::Moment now = read_clock(arguments);
  std::optional<archive::ChainHead> expected;
  if (const auto head = arguments.value("--expect-head")) expected = pipeline::parse_chain_head(*head);
  const auto trusted = read_trust(arguments, invocation);
  if (!trusted) return kInputRejected;
  const auto location = archive_location(arguments, invocation);
  const auto store = archive::Archive::open(location, archive::Archive::OpenMode::existing);
  std::vector<Bytes> anchors = store->trust_anchors();
  for (const auto& anchor : *trusted) anchors.push_back(anchor.pem);
  Diagnostics diagnostics;
  const auto report =
      store->verify(pipeline::archive_signature_checker(std::move(anchors), now), diagnostics, expected);
  print(diagnostics);
  std::cout << location.database.display << ": " << report.records << " bản ghi, " << report.documents << " văn bản, "
            << report.files_checked << " tệp (" << report.bytes_checked << " byte) đã băm lại, "
            << report.signatures_checked << " chữ ký đã kiểm tra lại\n";
  if (report.head_seq > 0)
    std::cout << "đầu chuỗi: " << pipeline::format_chain_head({report.head_seq, report.head_hash})
              << " (ghi lại ở nơi khác, hoặc vanban archive head --sign, để đối chiếu về sau bằng --expect-head)\n";
  if (diagnostics.has_errors()) {
    std::cout << "KHÔNG ĐẠT: " << diagnostics.error_count() << " vấn đề\n";
    return kInputRejected;
  }
  std::cout << "đạt: kho nguyên vẹn\n";
  return kOk;
}

int archive_head(const std::vector<std::string>& args, Invocation& invocation) {
  const Arguments arguments = parse(args, "archive head");
  if (!arguments.positional().empty()) throw UsageError{"head không nhận tham số vị trí"};
  const bool signing = arguments.flag("--sign");
  const auto output = arguments.value("--output");
  if (signing != output.has_value()) throw UsageError{"--sign và -o TỆP.pdf (bản xác nhận đã ký) đi cùng nhau"};
  const auto location = archive_location(arguments, invocation);
  pipeline::SigningRequest request;
  const auto path = [&](const char* option) -> std::optional<std::filesystem::path> {
    if (const auto value = arguments.value(option)) return std::filesystem::path(*value);
    return std::nullopt;
  };
  request.keys = {path("--key"),          path("--cert"), path("--chain"), path("--p12"), arguments.value("--pkcs11"),
                  path("--pkcs11-module")};
  std::vector<std::filesystem::path> inputs = pipeline::archive_files(location);
  if (signing) {
    pipeline::apply_defaults(request, invocation.configuration());
    pipeline::check_signing_request(request);
    for (const auto& file : {request.keys.key, request.keys.certificate, request.keys.chain, request.keys.pkcs12})
      if (file) inputs.push_back(*file);
    pipeline::check_output("-o", *output, inputs);
  }
  const sign::Moment now = read_clock(arguments);
  const auto store = archive::Archive::open(location, archive::Archive::OpenMode::existing);
  const auto head = store->head();
  if (!head) {
    std::cerr << location.database.display << ": kho chưa có bản ghi nào, chưa có đầu chuỗi\n";
    return kInputRejected;
  }
  // With the statement on standard output, the head goes to standard error.
  (output == std::optional<std::string>(kStandardOutput) ? std::cerr : std::cout)
      << pipeline::format_chain_head(*head) << '\n';
  if (!signing) return kOk;
  const auto engine = load_engine(invocation);
  Diagnostics diagnostics;
  const auto statement = pipeline::chain_head_statement(*engine, {location.database.display, *head, now}, diagnostics);
  const auto identity = pipeline::load_identity(
      request.keys,
      passphrase_source(arguments.value("--pass-env"), request.keys.pkcs11 ? "Mã PIN của thẻ ký số: " : "Mật khẩu: "),
      diagnostics);
  print(diagnostics);
  if (!statement || !identity) return kInputRejected;
  Diagnostics signing_problems;
  const auto signed_statement =
      pipeline::sign_document(*statement, *output, *identity, request, now, invocation.resources(), signing_problems);
  print(signing_problems);
  if (!signed_statement) return kInputRejected;
  write_output(*output, *signed_statement, inputs);
  return kOk;
}

int archive_export(const std::vector<std::string>& args, Invocation& invocation) {
  const Arguments arguments = parse(args, "archive export");
  if (!arguments.positional().empty()) throw UsageError{"export chỉ nhận --case và -o"};
  const std::string case_id = arguments.required("--case");
  const std::string output = arguments.required("--output");
  const auto location = archive_location(arguments, invocation);
  pipeline::check_output("-o", output, pipeline::archive_files(location));
  const auto store = archive::Archive::open(location, archive::Archive::OpenMode::existing);
  Diagnostics diagnostics;
  std::streamoff size = 0;
  // Written as it is made, never held: to a temporary file renamed into place (or copied to standard output) once
  // every document is in; nothing is written when one is missing or changed.
  const bool written = write_output(
      output,
      [&](std::ostream& zip) {
        if (!store->export_case(case_id, zip, diagnostics)) return false;
        size = zip.tellp();
        return true;
      },
      pipeline::archive_files(location));
  print(diagnostics);
  if (!written) return kInputRejected;
  (output == kStandardOutput ? std::cerr : std::cout) << output << ": hồ sơ " << case_id << ", " << size << " byte\n";
  return kOk;
}

int archive_withdraw(const std::vector<std::string>& args, Invocation& invocation) {
  const Arguments arguments = parse(args, "archive withdraw");
  if (arguments.positional().size() != 1) throw UsageError{"cần đúng một mã lưu trữ"};
  const auto id = pipeline::parse_archive_id(arguments.positional().front());
  const std::string reason = arguments.required("--reason");
  if (reason.find_first_not_of(" \t") == std::string::npos) throw UsageError{"--reason không được rỗng"};
  const std::string now = read_clock(arguments).iso8601();
  const auto store =
      archive::Archive::open(archive_location(arguments, invocation), archive::Archive::OpenMode::existing);
  Diagnostics diagnostics;
  const auto record = store->withdraw(id, reason, now, diagnostics);
  print(diagnostics);
  if (!record) return kInputRejected;
  std::cout << "đã thu hồi văn bản mã " << id << " (bản ghi " << record->seq << ")\n";
  return kOk;
}

}  // namespace

int run_archive(const std::vector<std::string>& args, Invocation& invocation) {
  // --db and --store may come before the command; they are handed to it.
  std::vector<std::string> leading;
  std::size_t at = 0;
  while (at < args.size() && (args[at] == "--db" || args[at] == "--store" || args[at] == "--time" ||
                              args[at] == "--config" || args[at] == "--resources")) {
    if (at + 1 >= args.size()) throw UsageError{"tùy chọn " + args[at] + " cần một giá trị"};
    leading.push_back(args[at]);
    leading.push_back(args[at + 1]);
    at += 2;
  }
  if (at >= args.size() || args[at] == "--help" || args[at] == "-h") {
    (at >= args.size() ? std::cerr : std::cout) << command_help(command("archive"));
    return at >= args.size() ? kUsage : kOk;
  }
  const std::string name = args[at];
  std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(at) + 1, args.end());
  if (!find_command("archive " + name))
    throw UsageError{"không có lệnh archive \"" + name + "\"" + did_you_mean(name, subcommands("archive")) +
                     " (các lệnh: add, get, search, verify, head, export, withdraw)"};
  if (print_help(rest, "archive " + name)) return kOk;
  rest.insert(rest.end(), leading.begin(), leading.end());
  if (name == "add") return archive_add(rest, invocation);
  if (name == "get") return archive_get(rest, invocation);
  if (name == "search") return archive_search(rest, invocation);
  if (name == "verify") return archive_verify(rest, invocation);
  if (name == "export") return archive_export(rest, invocation);
  if (name == "head") return archive_head(rest, invocation);
  if (name == "withdraw") return archive_withdraw(rest, invocation);
  throw std::logic_error("archive " + name + " is in the option table but has no handler");
}

}  // namespace vanban::cli
