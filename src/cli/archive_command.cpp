// vanban archive: the archive of signed documents (add, get, search, verify, export, withdraw). The front end
// reads the clock once, verifies signatures (sign module), reads the PDF's metadata and the case file
// (pipeline), and hands these facts to the archive, which decides and records.

#include <cstdlib>
#include <iostream>

#include "api/answers.hpp"
#include "base/error.hpp"
#include "base/file_io.hpp"
#include "base/utf8.hpp"
#include "cli/common.hpp"
#include "pipeline/archive_intake.hpp"
#include "pipeline/chain_head.hpp"
#include "pipeline/signing.hpp"

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
    "  verify [--trust GỐC.pem]... [--expect-head SỐ:MÃ-BĂM]\n"
    "      băm lại mọi tệp, kiểm tra chuỗi bản ghi (bị xóa, sửa, đổi thứ tự), kiểm tra lại chữ ký;\n"
    "      báo mọi vấn đề, mã thoát 1 khi có. --expect-head: đầu chuỗi đã ghi lại ở nơi khác (archive head)\n"
    "      phải còn nguyên trong chuỗi: cách duy nhất phát hiện các bản ghi cuối bị xóa cùng tệp đầu chuỗi\n"
    "  head [--sign -o XÁC-NHẬN.pdf (--key KHÓA.pem --cert CHỨNG-THƯ.pem | --p12 TỆP.p12) [--pass-env BIẾN]]\n"
    "      in đầu chuỗi SỐ:MÃ-BĂM để ghi lại ở nơi khác; --sign: lập bản xác nhận đầu chuỗi (PDF) và ký số\n"
    "      bằng khóa của cơ quan, để chính đầu chuỗi trở thành chứng cứ\n"
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
void common_options(OptionSpec& spec) { spec.with_value.insert({"--db", "--store", "--time"}); }

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

// The trust anchors named by --trust; nullopt when one cannot be read (reported).
std::optional<std::vector<pipeline::TrustAnchorFile>> trust_files(const Arguments& arguments) {
  std::vector<pipeline::TrustAnchorFile> out;
  bool readable = true;
  for (const auto& path : arguments.values("--trust")) {
    auto pem = read_input(path);
    if (!pem) readable = false;
    else out.push_back({path, std::move(*pem)});
  }
  if (!readable) return std::nullopt;
  return out;
}

constexpr const char* kRepeatable[] = {"--trust"};

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
  const auto policy = arguments.flag("--allow-unsigned")    ? archive::TrustPolicy::any_document
                      : arguments.flag("--require-trusted") ? archive::TrustPolicy::trusted_documents
                                                            : archive::TrustPolicy::signed_documents;
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
  pipeline::ArchiveIntake intake(*store, pipeline::archive_trust_anchors(*store, *trusted, now.iso8601()), now, policy,
                                 cases ? &*cases : nullptr);
  bool rejected = false;
  for (const auto& path : arguments.positional()) {
    const auto pdf = read_input(path);
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

int archive_get(const std::vector<std::string>& args) {
  OptionSpec spec;
  common_options(spec);
  spec.with_value.insert({"--output", "--number", "--year"});
  spec.aliases = {{"-o", "--output"}};
  const Arguments arguments = Arguments::parse(args, spec);
  const std::string output = arguments.required("--output");
  const auto location = archive_location(arguments);
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

int archive_search(const std::vector<std::string>& args) {
  OptionSpec spec;
  common_options(spec);
  spec.with_value.insert(
      {"--case", "--number", "--party", "--type", "--signer", "--from", "--to", "--year", "--limit"});
  spec.flags = {"--json"};
  const Arguments arguments = Arguments::parse(args, spec);
  if (!arguments.positional().empty()) throw UsageError{"search chỉ nhận tùy chọn (xem vanban archive --help)"};
  pipeline::ArchiveSearchRequest request;
  request.case_id = arguments.value("--case").value_or("");
  request.number = arguments.value("--number").value_or("");
  request.party = arguments.value("--party").value_or("");
  request.type = arguments.value("--type").value_or("");
  request.signer = arguments.value("--signer").value_or("");
  request.from = arguments.value("--from");
  request.to = arguments.value("--to");
  request.year = arguments.value("--year");
  request.limit = arguments.value("--limit");
  const archive::Query query = pipeline::archive_query(request);
  const auto store = archive::Archive::open(archive_location(arguments), archive::Archive::OpenMode::existing);
  const auto hits = store->search(query);
  if (arguments.flag("--json")) std::cout << api::archive_hits(hits);
  else print_table(hits);
  return kOk;
}

int archive_verify(const std::vector<std::string>& args) {
  OptionSpec spec;
  common_options(spec);
  spec.with_value.insert({"--trust", "--expect-head"});
  spec.repeatable.insert("--trust");
  const Arguments arguments = Arguments::parse(args, spec);
  if (!arguments.positional().empty()) throw UsageError{"verify không nhận tham số vị trí"};
  const sign::Moment now = read_clock(arguments);
  std::optional<archive::ChainHead> expected;
  if (const auto head = arguments.value("--expect-head")) expected = pipeline::parse_chain_head(*head);
  const auto trusted = trust_files(arguments);
  if (!trusted) return kInputRejected;
  const auto location = archive_location(arguments);
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

int archive_head(const std::vector<std::string>& args, const std::filesystem::path& root) {
  OptionSpec spec;
  common_options(spec);
  spec.with_value.insert({"--output", "--key", "--cert", "--chain", "--p12", "--pass-env"});
  spec.flags = {"--sign"};
  spec.aliases = {{"-o", "--output"}};
  const Arguments arguments = Arguments::parse(args, spec);
  if (!arguments.positional().empty()) throw UsageError{"head không nhận tham số vị trí"};
  const bool signing = arguments.flag("--sign");
  const auto output = arguments.value("--output");
  if (signing != output.has_value()) throw UsageError{"--sign và -o TỆP.pdf (bản xác nhận đã ký) đi cùng nhau"};
  const auto location = archive_location(arguments);
  pipeline::SigningRequest request;
  const auto path = [&](const char* option) -> std::optional<std::filesystem::path> {
    if (const auto value = arguments.value(option)) return std::filesystem::path(*value);
    return std::nullopt;
  };
  request.keys = {path("--key"), path("--cert"), path("--chain"), path("--p12")};
  std::vector<std::filesystem::path> inputs = pipeline::archive_files(location);
  if (signing) {
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
  const auto engine = load_engine(root);
  Diagnostics diagnostics;
  const auto statement = pipeline::chain_head_statement(*engine, {location.database.display, *head, now}, diagnostics);
  const auto identity =
      pipeline::load_identity(request.keys, passphrase_source(arguments.value("--pass-env")), diagnostics);
  print(diagnostics);
  if (!statement || !identity) return kInputRejected;
  Diagnostics signing_problems;
  const auto signed_statement = pipeline::sign_document(*statement, *output, *identity, request, now,
                                                        pipeline::ResourcePaths::under(root), signing_problems);
  print(signing_problems);
  if (!signed_statement) return kInputRejected;
  write_output(*output, *signed_statement, inputs);
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
  const auto location = archive_location(arguments);
  pipeline::check_output("-o", output, pipeline::archive_files(location));
  const auto store = archive::Archive::open(location, archive::Archive::OpenMode::existing);
  Diagnostics diagnostics;
  const auto zip = store->export_case(case_id, diagnostics);
  print(diagnostics);
  if (!zip) return kInputRejected;
  write_output(output, *zip, pipeline::archive_files(location));
  (output == kStandardOutput ? std::cerr : std::cout)
      << output << ": hồ sơ " << case_id << ", " << zip->size() << " byte\n";
  return kOk;
}

int archive_withdraw(const std::vector<std::string>& args) {
  OptionSpec spec;
  common_options(spec);
  spec.with_value.insert("--reason");
  const Arguments arguments = Arguments::parse(args, spec);
  if (arguments.positional().size() != 1) throw UsageError{"cần đúng một mã lưu trữ"};
  const auto id = pipeline::parse_archive_id(arguments.positional().front());
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
  if (command == "head") return archive_head(rest, root);
  if (command == "withdraw") return archive_withdraw(rest);
  throw UsageError{"không có lệnh archive \"" + command +
                   "\" (các lệnh: add, get, search, verify, head, export, withdraw)"};
}

}  // namespace vanban::cli
