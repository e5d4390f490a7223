#include "cli/options.hpp"

#include <algorithm>
#include <iterator>
#include <sstream>

#include "base/utf8.hpp"

namespace vanban::cli {

namespace {

// Rows shared by several commands.
OptionDef output(std::string placeholder, std::string help) {
  return {.name = "--output",
          .alias = "-o",
          .placeholder = std::move(placeholder),
          .help = std::move(help),
          .completion = Completion::file};
}

OptionDef no_repair() {
  return {.name = "--no-repair", .help = "không tự chuyển chữ mã cũ (TCVN3, VNI, Windows-1258) sang Unicode"};
}

OptionDef fixed_time() {
  return {.name = "--time",
          .placeholder = "THỜI-ĐIỂM",
          .help = "thời điểm ISO 8601 dùng thay đồng hồ (kiểm thử)",
          .hidden = true};
}

OptionDef trust(std::string help) {
  return {.name = "--trust",
          .placeholder = "GỐC.pem",
          .help = std::move(help),
          .repeatable = true,
          .completion = Completion::file};
}

OptionDef trust_dir() {
  return {.name = "--trust-dir",
          .placeholder = "THƯ-MỤC",
          .help = "thư mục các chứng thư gốc tin cậy (.pem, .crt, .cer, .der), như --trust cho từng tệp",
          .repeatable = true,
          .completion = Completion::directory};
}

OptionDef json(std::string help) { return {.name = "--json", .help = std::move(help)}; }

// `first`, the rows of a signing key (sign, archive head --sign) with `certificate_help` for --cert, then `rest`.
std::vector<OptionDef> with_keys(OptionDef first, std::string certificate_help, std::vector<OptionDef> rest) {
  std::vector<OptionDef> out{
      std::move(first),
      {.name = "--key", .placeholder = "KHÓA.pem", .help = "khóa riêng (PEM)", .completion = Completion::file},
      {.name = "--cert",
       .placeholder = "CHỨNG-THƯ.pem",
       .help = std::move(certificate_help),
       .completion = Completion::file},
      {.name = "--chain",
       .placeholder = "CHUỖI.pem",
       .help = "chứng thư trung gian (PEM)",
       .completion = Completion::file},
      {.name = "--p12",
       .placeholder = "TỆP.p12",
       .help = "khóa và chứng thư trong một tệp PKCS#12 (.p12/.pfx)",
       .completion = Completion::file},
      {.name = "--pkcs11",
       .placeholder = "URI",
       .help = "khóa trên thẻ ký số (USB, HSM), URI theo RFC 7512, ví dụ \"pkcs11:token=…;object=…\"; "
               "chứng thư và chuỗi lấy từ thẻ. Mã PIN sai không được thử lại (thẻ bị khóa sau vài lần sai)"},
      {.name = "--pkcs11-module",
       .placeholder = "MÔ-ĐUN.so",
       .help = "mô-đun PKCS#11 của thẻ (tệp .so); mặc định: [signing] pkcs11_module trong tệp cấu hình",
       .completion = Completion::file},
      {.name = "--pass-env",
       .placeholder = "BIẾN",
       .help = "lấy mật khẩu (hoặc mã PIN của thẻ) từ biến môi trường BIẾN; không có thì hỏi (không hiện chữ khi "
               "gõ). Mật khẩu và mã PIN không bao giờ được đưa trên dòng lệnh"},
  };
  out.insert(out.end(), std::make_move_iterator(rest.begin()), std::make_move_iterator(rest.end()));
  return out;
}

// The options render and batch share: the template, the date, the signer, parameters and the page geometry.
std::vector<OptionDef> document_options() {
  return {
      {.name = "--template",
       .placeholder = "TÊN",
       .help = "mẫu văn bản (xem: vanban templates)",
       .completion = Completion::template_name},
      {.name = "--signer",
       .placeholder = "MÃ",
       .help = "mã cán bộ ký; mặc định là người ký quyết định trong hồ sơ, nếu không có thì thủ trưởng"},
      {.name = "--set",
       .placeholder = "KHÓA=GIÁ-TRỊ",
       .help = "tham số mẫu không có trong hồ sơ (xem: vanban templates --describe TÊN)",
       .repeatable = true},
      {.name = "--margins",
       .placeholder = "T,D,TR,PH",
       .help = "lề trên, dưới, trái, phải (mm); mặc định 20,20,30,15; Nghị định 30 cho phép trên và dưới 20–25, "
               "trái 30–35, phải 15–20"},
      {.name = "--line-spacing",
       .placeholder = "X",
       .help = "giãn dòng của nội dung, từ 1 (dòng đơn, mặc định) đến 1,5 dòng"},
      {.name = "--body-size", .placeholder = "N", .help = "cỡ chữ nội dung, 13 hoặc 14 (mặc định 14)"},
      no_repair(),
  };
}

OptionDef date_option(std::string help) { return {.name = "--date", .placeholder = "NGÀY", .help = std::move(help)}; }

// The options every archive command takes.
std::vector<OptionDef> archive_options(std::vector<OptionDef> own) {
  own.push_back({.name = "--db",
                 .placeholder = "TỆP|URI",
                 .help = "cơ sở dữ liệu: tệp SQLite (mặc định THƯ-MỤC/archive.sqlite) hoặc "
                         "postgresql://người-dùng@máy:cổng/tên-csdl (mật khẩu: biến PGPASSWORD hoặc ~/.pgpass)",
                 .completion = Completion::file});
  own.push_back({.name = "--store",
                 .placeholder = "THƯ-MỤC",
                 .help = "thư mục chứa các tệp của kho (mặc định: biến VANBAN_ARCHIVE, nếu không có thì [archive] "
                         "store trong tệp cấu hình)",
                 .completion = Completion::directory});
  own.push_back(fixed_time());
  return own;
}

std::vector<CommandDef> make_commands() {
  std::vector<CommandDef> list;
  {
    CommandDef c{.name = "render",
                 .operands = "HỒ-SƠ.xml --template TÊN -o RA.pdf",
                 .summary = "lập một văn bản PDF từ hồ sơ XML"};
    c.options = document_options();
    c.options.insert(
        c.options.begin() + 1,
        {output("RA.pdf",
                "tệp PDF kết quả (ghi vào tệp tạm rồi đổi tên: không bao giờ để lại tệp dở dang); \"-\" ghi "
                "ra đầu ra chuẩn. Không ghi đè liên kết tượng trưng, thiết bị, thư mục hay tệp hồ sơ"),
         {.name = "--case",
          .placeholder = "MÃ",
          .help = "mã hồ sơ cần lập, khi tệp là một sổ (<register>) nhiều hồ sơ"},
         date_option("ngày ban hành văn bản (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định là ngày mẫu chỉ định trong hồ "
                     "sơ, nếu không có thì ngày quyết định, nếu không có thì hôm nay. Ngày này quyết định văn bản "
                     "pháp luật được trích dẫn (trước/sau 01/07/2026)"),
         {.name = "--number",
          .placeholder = "SỐ",
          .help = "số văn bản; không có thì là bản dự thảo, để trống chỗ ghi số"}});
    c.options.push_back({.name = "--format",
                         .placeholder = "ĐỊNH-DẠNG",
                         .help = "pdf (mặc định) hoặc svg: mỗi trang một tệp page-001.svg, … trong thư mục -o, phông "
                                 "chữ nhúng trong từng tệp (bản xem trước giống hệt bản PDF)",
                         .completion = Completion::choice,
                         .choices = "pdf svg"});
    c.options.push_back({.name = "--dump-layout",
                         .placeholder = "TỆP",
                         .help = "ghi bản mô tả dàn trang (văn bản) thay vì PDF, dùng cho kiểm thử",
                         .completion = Completion::file});
    list.push_back(std::move(c));
  }
  list.push_back({.name = "validate",
                  .operands = "TỆP.xml...",
                  .summary = "kiểm tra tệp hồ sơ hoặc sổ XML",
                  .description = "Kiểm tra từng tệp hồ sơ (<case>) hoặc sổ (<register>) theo schemas/case.xsd và các "
                                 "quy tắc nghiệp vụ, in mọi lỗi và cảnh báo dạng TỆP:DÒNG:CỘT: lỗi|cảnh báo: [MÃ] nội "
                                 "dung. Chữ mã cũ (TCVN3, VNI, Windows-1258) được tự chuyển sang Unicode kèm cảnh báo "
                                 "W0120.",
                  .options = {no_repair()},
                  .notes = "Mã thoát 0 khi không có lỗi (có thể có cảnh báo), 1 khi có lỗi."});
  list.push_back(
      {.name = "templates",
       .operands = "",
       .summary = "liệt kê hoặc kiểm tra các mẫu văn bản",
       .description = "Không có tùy chọn: mỗi dòng một mẫu, tên rồi mô tả.",
       .options = {{.name = "--for",
                    .placeholder = "HỒ-SƠ.xml",
                    .help = "chỉ tên các mẫu dùng được cho hồ sơ này",
                    .completion = Completion::file},
                   {.name = "--check",
                    .help = "kiểm tra mọi mẫu và dữ liệu pháp luật, cả mẫu và lịch riêng của cơ quan (thư mục "
                            "ghi đè); mã thoát 1 khi có lỗi"},
                   {.name = "--describe",
                    .placeholder = "TÊN",
                    .help = "mô tả một mẫu và các tham số của nó (vanban render --set); dòng cuối \"ví dụ: …\" là "
                            "các tham số dùng được để lập văn bản thử",
                    .completion = Completion::template_name}},
       .operand_completion = Completion::none});
  {
    CommandDef c{.name = "batch",
                 .operands = "ĐẦU-VÀO --template TÊN -o THƯ-MỤC",
                 .summary = "lập một mẫu văn bản cho cả sổ hoặc cả thư mục hồ sơ, song song",
                 .description =
                     "ĐẦU-VÀO là tệp sổ (<register>) hoặc thư mục các tệp hồ sơ .xml. Mỗi hồ sơ một tệp "
                     "<mã hồ sơ>-<mẫu>.pdf, cùng manifest.csv và manifest.json."};
    c.options = document_options();
    c.options.insert(
        c.options.begin() + 1,
        {output("THƯ-MỤC", "thư mục kết quả"),
         {.name = "--where",
          .placeholder = "ĐIỀU-KIỆN",
          .help = "chỉ các hồ sơ thỏa điều kiện, ví dụ: debtor.outstanding > 0, has(asset.mortgagee), "
                  "status.condition == \"no-means\" (ngôn ngữ điều kiện của mẫu: templates/README.md)"},
         {.name = "--jobs",
          .placeholder = "N",
          .help = "số luồng song song (mặc định: số lõi CPU); kết quả giống nhau với mọi N"},
         {.name = "--combined",
          .placeholder = "TỆP.pdf",
          .help = "thêm một tệp PDF gộp mọi văn bản theo thứ tự, mỗi văn bản bắt đầu trang mới",
          .completion = Completion::file},
         {.name = "--duplex", .help = "trong tệp gộp, mỗi văn bản bắt đầu ở trang lẻ (in hai mặt)"},
         {.name = "--force", .help = "lập lại cả những tệp đã có và khớp mã băm trong manifest.csv"},
         date_option("ngày của mọi văn bản (dd/mm/yyyy hoặc yyyy-mm-dd; mặc định: hôm nay); hồ sơ được xét như tại "
                     "ngày đó")});
    c.notes =
        "Thứ tự: tên người phải thi hành án theo thứ tự tiếng Việt, rồi mã hồ sơ. Hồ sơ lỗi được báo và bỏ qua; mã "
        "thoát 1 khi có hồ sơ lỗi. Ctrl-C dừng gọn: không để lại tệp dở, manifest.csv ghi những gì đã xong.";
    c.operand_completion = Completion::file;
    list.push_back(std::move(c));
  }
  list.push_back(
      {.name = "sign",
       .operands = "VÀO.pdf -o RA.pdf (--key KHÓA.pem --cert CHỨNG-THƯ.pem | --p12 TỆP.p12 | --pkcs11 URI)",
       .summary = "ký số tệp PDF (PAdES), người có thẩm quyền rồi cơ quan",
       .description =
           "Ký số PAdES (ETSI.CAdES.detached, SHA-256) bằng một bản cập nhật nối thêm: mọi byte của tệp gốc được giữ "
           "nguyên, chữ ký trước vẫn hợp lệ. Thứ tự theo Nghị định 30: người có thẩm quyền ký trước, cơ quan ký sau. "
           "Mức B-B; B-T thêm dấu thời gian; B-LT thêm dữ liệu để kiểm tra được nhiều năm sau, không cần mạng.\n"
           "Ký hai bước, khi khóa ở nơi khác: VÀO.pdf --prepare -o ĐÃ-CHUẨN-BỊ.pdf --cert CHỨNG-THƯ.pem, ký dữ liệu "
           "được in ra bằng khóa đó, rồi ĐÃ-CHUẨN-BỊ.pdf --complete --signature CHỮ-KÝ.bin -o RA.pdf.\n"
           "Nhận tệp đã ký ở nơi khác: --accept ĐÃ-KÝ.pdf --original BẢN-NHÁP.pdf [--cert CHỨNG-THƯ.pem] [-o RA.pdf].",
       .options = with_keys(
           output("RA.pdf",
                  "tệp PDF đã ký (ghi vào tệp tạm rồi đổi tên; không ghi gì khi có lỗi); \"-\": đầu ra chuẩn"),
           "chứng thư số (PEM); với --pkcs11: thay cho chứng thư trên thẻ; với --prepare: chứng thư của người sẽ ký; "
           "với --accept: chứng thư mà chữ ký mới phải có",
           {{.name = "--appearance",
             .placeholder = "KIỂU",
             .help = "signer: ảnh chữ ký vào ô chữ ký trống, giữa chức vụ và họ tên;\nagency: ảnh con dấu trùm lên "
                     "khoảng 1/3 ảnh chữ ký bên trái; không có --image thì khối chữ 10 pt ở góc trên bên phải trang "
                     "đầu (văn bản kèm theo): số/ký hiệu và thời gian ký theo ISO 8601;\nnone: chữ ký không hiển "
                     "thị. Mặc định: signer khi có --image, nếu không thì none",
             .completion = Completion::choice,
             .choices = "signer agency none"},
            {.name = "--image",
             .placeholder = "ẢNH.png",
             .help = "ảnh chữ ký (xanh) hoặc con dấu (đỏ), nền trong suốt",
             .completion = Completion::file},
            {.name = "--seal",
             .help = "ảnh con dấu của cơ quan ghi trong tệp cấu hình ([office] seal_image) thay cho --image; mặc định "
                     "--appearance agency"},
            {.name = "--officer",
             .placeholder = "MÃ",
             .help = "ảnh chữ ký của cán bộ MÃ ghi trong tệp cấu hình ([[office.officers]] signature_image) thay cho "
                     "--image"},
            {.name = "--field",
             .placeholder = "TÊN",
             .help = "tên trường chữ ký (mặc định: ô trống \"signer\"/\"agency\" nếu có, nếu không tạo mới)"},
            {.name = "--number",
             .placeholder = "SỐ/KÝ-HIỆU",
             .help = "số/ký hiệu in trong khối chữ của văn bản kèm theo, ví dụ 123/QĐ-CCTHADS"},
            {.name = "--reason", .placeholder = "LÝ-DO", .help = "lý do ký, ghi trong chữ ký"},
            {.name = "--location", .placeholder = "NƠI-KÝ", .help = "nơi ký, ghi trong chữ ký"},
            {.name = "--allow-expired",
             .help = "chứng thư hết hạn (hoặc chưa có hiệu lực) chỉ là cảnh báo thay vì lỗi"},
            {.name = "--level",
             .placeholder = "MỨC",
             .help = "mức PAdES. B-B: chữ ký; B-T: thêm dấu thời gian RFC 3161 của đơn vị cấp dấu thời gian (mặc "
                     "định khi có --tsa hoặc [signing] tsa); B-LT: thêm chuỗi chứng thư và dữ liệu thu hồi (CRL, OCSP: "
                     "--crl, --ocsp, nếu không thì tải từ địa chỉ ghi trong chứng thư) vào DSS",
             .completion = Completion::choice,
             .choices = "B-B B-T B-LT"},
            {.name = "--tsa",
             .placeholder = "URL",
             .help = "địa chỉ đơn vị cấp dấu thời gian (http://…); mặc định: [signing] tsa trong tệp cấu hình"},
            {.name = "--timeout",
             .placeholder = "GIÂY",
             .help = "số giây chờ mỗi yêu cầu tới đơn vị cấp dấu thời gian hoặc nơi cấp dữ liệu thu hồi, từ 1 đến "
                     "300 (mặc định: [signing] timeout, nếu không có thì 30)"},
            {.name = "--crl",
             .placeholder = "TỆP",
             .help = "danh sách thu hồi chứng thư (CRL, PEM hoặc DER) đưa vào DSS thay vì tải về (B-LT)",
             .repeatable = true,
             .completion = Completion::file},
            {.name = "--ocsp",
             .placeholder = "TỆP",
             .help = "trả lời OCSP (DER) đưa vào DSS thay vì tải về (B-LT)",
             .repeatable = true,
             .completion = Completion::file},
            trust("chứng thư gốc tin cậy mà chuỗi chứng thư phải tới (B-LT), và để kiểm tra tệp được nhận (--accept); "
                  "mặc định: thư mục [trust] anchors trong tệp cấu hình"),
            trust_dir(),
            {.name = "--prepare",
             .help = "bước một của ký hai bước: ghi tệp có chỗ cho chữ ký của chứng thư --cert (không cần khóa) và "
                     "in dữ liệu cần ký, dạng thập lục phân: băm SHA-256 của các thuộc tính được ký (thứ thẻ ký), rồi "
                     "chính các "
                     "thuộc tính đó (DER)"},
            {.name = "--complete",
             .help = "bước hai: gắn chữ ký làm ở nơi khác (--signature) vào tệp đã chuẩn bị, rồi dấu thời gian và dữ "
                     "liệu mà mức ký cần; kết quả giống từng byte với ký một bước cùng khóa và thời điểm"},
            {.name = "--signature",
             .placeholder = "CHỮ-KÝ.bin",
             .help = "chữ ký thô cho --complete: RSA PKCS#1 v1.5 hoặc ECDSA (DER) trên dữ liệu --prepare in ra",
             .completion = Completion::file},
            {.name = "--accept",
             .placeholder = "ĐÃ-KÝ.pdf",
             .help = "nhận một tệp đã ký ở nơi khác (công cụ ký số của Ban Cơ yếu): chỉ nhận khi tệp là đúng bản nháp "
                     "--original được nối thêm chữ ký, không đổi gì khác, mọi chữ ký hợp lệ, và chữ ký mới là của "
                     "chứng thư --cert (nếu có); --output: nơi ghi tệp đã nhận",
             .completion = Completion::file},
            {.name = "--original",
             .placeholder = "BẢN-NHÁP.pdf",
             .help = "bản nháp đã gửi đi ký, cho --accept",
             .completion = Completion::file},
            fixed_time()})});
  list.push_back(
      {.name = "verify",
       .operands = "TỆP.pdf",
       .summary = "kiểm tra các chữ ký số trong tệp PDF",
       .description = "Liệt kê và kiểm tra mọi chữ ký số: người ký và chứng thư, thời điểm ký, dấu thời gian, phạm vi "
                      "ký, tính toàn vẹn (giá trị băm), chữ ký CMS, chuỗi chứng thư tới gốc tin cậy tại thời điểm ký "
                      "(thời điểm của dấu thời gian khi có), tình trạng thu hồi theo dữ liệu kiểm tra dài hạn (DSS) "
                      "trong tệp, mức PAdES đạt được (B-B, B-T, B-LT), và phần được thêm vào sau chữ ký cuối.",
       .options = {trust("chứng thư gốc tin cậy; mặc định: các chứng thư của thư mục [trust] anchors trong tệp cấu "
                         "hình"),
                   trust_dir(), json("kết quả dạng JSON (mọi trường của từng chữ ký, và kết luận)"), fixed_time()},
       .notes = "Mã thoát 0 chỉ khi mọi chữ ký hợp lệ, chứng thư của mọi người ký tới một gốc tin cậy, mỗi chữ ký "
                "phủ đúng phiên bản của nó, và giữa các chữ ký cũng như sau chữ ký cuối không có thay đổi nào ngoài "
                "những gì PAdES cho phép. Mã thoát 4: tệp nguyên vẹn như khi ký nhưng chưa xác định được người ký "
                "(không có gốc tin cậy nào). Mã thoát 1: không đạt."});
  list.push_back(
      {.name = "archive",
       .operands = "[--db TỆP|URI] [--store THƯ-MỤC] LỆNH",
       .summary = "kho lưu trữ văn bản đã ký: lưu, lấy ra, tìm, kiểm tra, xuất hồ sơ giao nộp",
       .description = "Kho lưu trữ văn bản đã ký số: mỗi tệp được lưu theo mã SHA-256 của nó (chỉ đọc, không bao giờ "
                      "ghi đè), mỗi lần lưu là một bản ghi nối vào chuỗi băm (không xóa, không sửa được mà không bị "
                      "phát hiện). Mỗi lệnh có hướng dẫn riêng: vanban archive LỆNH --help.",
       .options = archive_options({}),
       .notes = "Mã thoát: 0 thành công, 1 có văn bản bị từ chối hoặc kho có vấn đề, 2 sai cách dùng, 3 lỗi môi "
                "trường (không mở được cơ sở dữ liệu, cơ sở dữ liệu hỏng, thiếu thư mục kho).",
       .operand_completion = Completion::none});
  list.push_back(
      {.name = "archive add",
       .operands = "TỆP.pdf...",
       .summary = "kiểm tra chữ ký, đọc siêu dữ liệu, lưu tệp và ghi bản ghi",
       .description =
           "Kiểm tra chữ ký, đọc siêu dữ liệu (Phụ lục VI) của tệp và đương sự của hồ sơ, lưu tệp và ghi bản ghi. Tệp "
           "đã có trong kho thì không thêm lại. Văn bản chưa ký hoặc chữ ký không hợp lệ bị từ chối, trừ khi có "
           "--allow-unsigned (được ghi lại như vậy); chữ ký hỏng (nội dung bị sửa sau khi ký) luôn bị từ chối.",
       .options = archive_options(
           {{.name = "--case",
             .placeholder = "HỒ-SƠ.xml",
             .help = "hồ sơ, hoặc một sổ: mỗi văn bản lấy hồ sơ mang mã ghi trong văn bản",
             .completion = Completion::file},
            trust("gốc tin cậy (được ghi vào kho); không có thì các gốc đã ghi trong kho, rồi thư mục [trust] "
                  "anchors trong tệp cấu hình. Chữ ký còn nguyên vẹn nhưng không dẫn tới gốc tin cậy được lưu kèm "
                  "cảnh báo"),
            trust_dir(),
            {.name = "--allow-unsigned",
             .help = "lưu cả văn bản chưa ký hoặc có chữ ký không hợp lệ (ghi lại như vậy)"},
            {.name = "--require-trusted", .help = "từ chối chữ ký không dẫn tới gốc tin cậy"},
            no_repair()})});
  list.push_back({.name = "archive get",
                  .operands = "(MÃ | --number SỐ/KÝ-HIỆU --year NĂM) -o RA.pdf",
                  .summary = "lấy một văn bản ra (kiểm tra mã SHA-256 trước khi ghi)",
                  .options = archive_options({output("RA.pdf", "tệp được ghi ra"),
                                              {.name = "--number",
                                               .placeholder = "SỐ/KÝ-HIỆU",
                                               .help = "văn bản mang số/ký hiệu này thay cho mã lưu trữ"},
                                              {.name = "--year", .placeholder = "NĂM", .help = "năm của --number"}}),
                  .operand_completion = Completion::none});
  list.push_back(
      {.name = "archive search",
       .operands = "[CHỮ]",
       .summary = "tìm văn bản",
       .description = "CHỮ được tìm trong tên đương sự, số/ký hiệu và trích yếu. Tên không phân biệt hoa thường và "
                      "dấu (\"nguyen van hung\" tìm được \"Nguyễn Văn Hùng\"); số so như một số (\"5/QĐ-CCTHADS\" "
                      "tìm được \"05/QĐ-CCTHADS\"). Khi có nhiều kết quả hơn số được in, dòng cuối nói vậy.",
       .options = archive_options(
           {{.name = "--case", .placeholder = "MÃ", .help = "văn bản của hồ sơ này"},
            {.name = "--number", .placeholder = "SỐ/KÝ-HIỆU", .help = "văn bản mang số/ký hiệu này"},
            {.name = "--party", .placeholder = "TÊN", .help = "văn bản có đương sự mang tên này"},
            {.name = "--type", .placeholder = "LOẠI", .help = "loại văn bản (Quyết định, Thông báo, …)"},
            {.name = "--signer", .placeholder = "TÊN", .help = "người ký"},
            {.name = "--from", .placeholder = "NGÀY", .help = "ban hành từ ngày này (dd/mm/yyyy hoặc yyyy-mm-dd)"},
            {.name = "--to", .placeholder = "NGÀY", .help = "ban hành đến ngày này"},
            {.name = "--year", .placeholder = "NĂM", .help = "ban hành trong năm này"},
            {.name = "--limit", .placeholder = "N", .help = "in nhiều nhất N kết quả (mặc định 100)"},
            json("kết quả dạng JSON (mọi trường)")}),
       .operand_completion = Completion::none});
  list.push_back({.name = "archive verify",
                  .operands = "",
                  .summary = "băm lại mọi tệp, kiểm tra chuỗi bản ghi và chữ ký",
                  .description = "Băm lại mọi tệp, kiểm tra chuỗi bản ghi (bị xóa, sửa, đổi thứ tự), kiểm tra lại "
                                 "chữ ký; báo mọi vấn đề, mã thoát 1 khi có.",
                  .options = archive_options(
                      {trust("gốc tin cậy thêm vào các gốc đã ghi trong kho"),
                       trust_dir(),
                       {.name = "--expect-head",
                        .placeholder = "SỐ:MÃ-BĂM",
                        .help = "đầu chuỗi đã ghi lại ở nơi khác (vanban archive head) phải còn nguyên trong chuỗi: "
                                "cách duy nhất phát hiện các bản ghi cuối bị xóa cùng tệp đầu chuỗi"}}),
                  .operand_completion = Completion::none});
  list.push_back(
      {.name = "archive head",
       .operands = "[--sign -o XÁC-NHẬN.pdf (--key KHÓA.pem --cert CHỨNG-THƯ.pem | --p12 TỆP.p12 | --pkcs11 URI)]",
       .summary = "in đầu chuỗi SỐ:MÃ-BĂM để ghi lại ở nơi khác",
       .description =
           "In đầu chuỗi (số và mã băm của bản ghi cuối) để ghi lại ở nơi khác và đối chiếu về sau bằng lệnh "
           "archive verify. Với tùy chọn ký, lập bản xác nhận đầu chuỗi (PDF) và ký số bằng khóa của cơ "
           "quan, để chính đầu chuỗi trở thành chứng cứ.",
       .options = archive_options(
           with_keys(output("XÁC-NHẬN.pdf", "bản xác nhận đầu chuỗi đã ký (cùng --sign); \"-\": đầu ra chuẩn"),
                     "chứng thư số (PEM); với --pkcs11: thay cho chứng thư trên thẻ",
                     {{.name = "--sign", .help = "lập và ký số bản xác nhận đầu chuỗi"}})),
       .operand_completion = Completion::none});
  list.push_back({.name = "archive export",
                  .operands = "--case MÃ -o RA.zip",
                  .summary = "hồ sơ giao nộp của một hồ sơ",
                  .description = "Các văn bản của hồ sơ theo thứ tự thời gian, mỗi văn bản một tệp .pdf và một tệp "
                                 ".xml (Phụ lục VI), cùng manifest.xml.",
                  .options = archive_options({{.name = "--case", .placeholder = "MÃ", .help = "mã hồ sơ"},
                                              output("RA.zip", "tệp zip được ghi ra")}),
                  .operand_completion = Completion::none});
  list.push_back({.name = "archive withdraw",
                  .operands = "MÃ --reason LÝ-DO",
                  .summary = "thu hồi một văn bản: thêm một bản ghi trỏ tới nó (không xóa gì)",
                  .options = archive_options({{.name = "--reason", .placeholder = "LÝ-DO", .help = "lý do thu hồi"}}),
                  .operand_completion = Completion::none});
  {
    CommandDef c{
        .name = "report",
        .operands = "HỒ-SƠ... (--from NGÀY --to NGÀY | --year NĂM [--months 3|6|10|12])",
        .summary = "thống kê kết quả thi hành án theo biểu mẫu (text, csv, json, pdf, xlsx)",
        .description =
            "Thống kê kết quả thi hành án dân sự theo biểu mẫu pháp định (rules/statistics.xml: chế độ thống kê có "
            "hiệu lực vào ngày cuối kỳ), bằng việc và bằng tiền, mỗi hồ sơ được xét như tại ngày cuối kỳ (diễn biến "
            "sau ngày đó coi như chưa có). HỒ-SƠ là tệp hồ sơ, tệp sổ (<register>) hoặc thư mục các tệp .xml. Năm "
            "thống kê từ 01/10 năm trước đến 30/9; tỷ lệ tính trên số có điều kiện thi hành, hai chữ số thập phân "
            "(docs/thong-ke.md giải thích từng chỉ tiêu)."};
    c.options = {
        {.name = "--from", .placeholder = "NGÀY", .help = "ngày đầu kỳ báo cáo (dd/mm/yyyy hoặc yyyy-mm-dd)"},
        {.name = "--to", .placeholder = "NGÀY", .help = "ngày cuối kỳ báo cáo (cả hai ngày đều tính)"},
        {.name = "--year",
         .placeholder = "NĂM",
         .help = "năm thống kê: từ 01/10 năm trước đến 30/9 năm NĂM (không dùng cùng --from, --to)"},
        {.name = "--months",
         .placeholder = "N",
         .help = "kỳ lũy kế của năm thống kê: 3 (đến 31/12), 6 (31/3), 10 (31/7) hoặc 12 tháng (30/9, mặc định)",
         .completion = Completion::choice,
         .choices = "3 6 10 12"},
        {.name = "--target-cases",
         .placeholder = "P",
         .help = "chỉ tiêu tỷ lệ thi hành xong về việc, từ 0 đến 100 (ví dụ 80 hoặc 47,5)"},
        {.name = "--target-money", .placeholder = "P", .help = "chỉ tiêu tỷ lệ thi hành xong về tiền, từ 0 đến 100"},
        {.name = "--by",
         .placeholder = "THEO",
         .help = "thêm số liệu theo chấp hành viên (officer), loại việc (kind) hoặc tháng (month); báo cáo PDF mặc "
                 "định theo chấp hành viên",
         .completion = Completion::choice,
         .choices = "officer kind month"},
        {.name = "--format",
         .placeholder = "ĐỊNH-DẠNG",
         .help = "text (mặc định), csv (có BOM để Excel đọc được tiếng Việt), json, pdf (BÁO CÁO theo Nghị định 30), "
                 "xlsx (có công thức)",
         .completion = Completion::choice,
         .choices = "text csv json pdf xlsx"},
        output("TỆP", "tệp kết quả (bắt buộc với pdf và xlsx; không có thì in ra màn hình)"),
        date_option("ngày của báo cáo (dd/mm/yyyy hoặc yyyy-mm-dd; mặc định: hôm nay)"),
        no_repair()};
    c.notes =
        "Hồ sơ có lỗi được báo như vanban validate và không lập báo cáo (mã thoát 1). Kỳ kết thúc trước khi bắt đầu, "
        "chỉ tiêu ngoài 0–100 là lỗi cách dùng (mã thoát 2).";
    list.push_back(std::move(c));
  }
  list.push_back(
      {.name = "deadlines",
       .operands = "HỒ-SƠ... --as-of NGÀY",
       .summary = "các việc quá hạn, đến hạn và hồ sơ đề xuất xét miễn, giảm tại một ngày",
       .description =
           "Mọi bước của mọi hồ sơ đã quá hạn hoặc đến hạn trong N ngày làm việc tới, theo thời hạn của pháp luật có "
           "hiệu lực vào ngày phát sinh bước đó (rules/law.xml, lịch ngày làm việc rules/calendar.xml); cùng các hồ sơ "
           "đề xuất xét miễn, giảm và vận động người có tài sản thế chấp. Mỗi dòng: mức độ (số ngày quá hạn hoặc còn "
           "lại), mã hồ sơ, người phải thi hành án, việc cần làm, hạn, căn cứ, chấp hành viên, mẫu văn bản và lệnh "
           "lập; "
           "việc quá hạn lâu nhất ở đầu.",
       .options = {{.name = "--as-of",
                    .placeholder = "NGÀY",
                    .help = "ngày xét (dd/mm/yyyy hoặc yyyy-mm-dd), bắt buộc"},
                   {.name = "--within",
                    .placeholder = "N",
                    .help = "thêm các việc đến hạn trong N ngày làm việc tới (mặc định 0)"},
                   {.name = "--officer",
                    .placeholder = "MÃ",
                    .help = "chỉ hồ sơ của một chấp hành viên (mã, số thẻ hoặc họ tên)"},
                   {.name = "--format",
                    .placeholder = "ĐỊNH-DẠNG",
                    .help = "text (mặc định), csv (có BOM), json, pdf",
                    .completion = Completion::choice,
                    .choices = "text csv json pdf"},
                   output("TỆP", "tệp kết quả (bắt buộc với pdf; không có thì in ra màn hình)"),
                   no_repair()},
       .notes = "Hồ sơ có lỗi được báo như vanban validate và không lập danh sách (mã thoát 1)."});
  list.push_back(
      {.name = "serve",
       .operands = "[--listen ĐỊA-CHỈ:CỔNG]",
       .summary = "chạy dịch vụ của cơ quan (HTTP, JSON): kho hồ sơ, lập, ký, kiểm tra, lưu trữ văn bản",
       .description =
           "Dịch vụ mà các cán bộ dùng qua trình duyệt hoặc chương trình khác: kho hồ sơ (mỗi lần sửa là một "
           "phiên bản mới), lập văn bản, ký bằng khóa của cơ quan, kiểm tra chữ ký, kho lưu trữ. Cơ sở dữ "
           "liệu và thư mục kho theo [archive] của tệp cấu hình (hoặc biến VANBAN_ARCHIVE); giới hạn theo "
           "[server]. Tài liệu giao diện: /api/openapi.json.",
       .options = {{.name = "--listen",
                    .placeholder = "ĐỊA-CHỈ:CỔNG",
                    .help = "nơi nghe (mặc định [server] listen của tệp cấu hình, hoặc 127.0.0.1:8080; cổng 0: một "
                            "cổng trống)"}},
       .notes = "Dừng bằng tín hiệu SIGTERM hoặc Ctrl-C: các yêu cầu đang làm được làm xong, rồi thoát với mã 0. "
                "Mã thoát: 2 sai cách dùng, 3 lỗi môi trường (không mở được cổng, cơ sở dữ liệu, tài nguyên).",
       .operand_completion = Completion::none});
  return list;
}

constexpr std::size_t kWidth = 110;  // of the help text
constexpr std::size_t kColumn = 26;  // where an option's help starts

// `text` wrapped at kWidth, every line indented by `indent` spaces ("\n" in `text` forces a break), the first line's
// indent replaced by `first` when given.
std::string wrap(const std::string& text, std::size_t indent, const std::string& first = {}) {
  std::string out;
  std::string line = first.empty() ? std::string(indent, ' ') : first;
  bool line_has_words = false;
  std::istringstream paragraphs(text);
  std::string paragraph;
  bool first_paragraph = true;
  while (std::getline(paragraphs, paragraph, '\n')) {
    if (!first_paragraph) {
      out += line + '\n';
      line = std::string(indent, ' ');
      line_has_words = false;
    }
    first_paragraph = false;
    std::istringstream words(paragraph);
    std::string word;
    while (words >> word) {
      if (line_has_words && utf8::length(line) + 1 + utf8::length(word) > kWidth) {
        out += line + '\n';
        line = std::string(indent, ' ');
        line_has_words = false;
      }
      if (line_has_words) line += ' ';
      else if (utf8::length(line) < indent) line += std::string(indent - utf8::length(line), ' ');
      line += word;
      line_has_words = true;
    }
  }
  return out + line + '\n';
}

std::string option_label(const OptionDef& option) {
  std::string label = option.alias.empty() ? option.name : option.alias + ", " + option.name;
  if (option.takes_value()) label += " " + option.placeholder;
  return label;
}

std::string options_block(const std::vector<OptionDef>& options) {
  std::string out;
  for (const auto& option : options) {
    if (option.hidden) continue;
    std::string first = "  " + option_label(option);
    if (utf8::length(first) + 2 > kColumn) {
      out += first + '\n';
      first.clear();
    }
    out += wrap(option.help + (option.repeatable ? " (có thể lặp lại)" : ""), kColumn, first);
  }
  return out;
}

// roff text: backslashes doubled, hyphens as \-, a leading dot or quote escaped.
std::string roff(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  std::string escaped;
  std::istringstream lines(out);
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    if (!first) escaped += '\n';
    first = false;
    if (!line.empty() && (line[0] == '.' || line[0] == '\'')) escaped += "\\&";
    escaped += line;
  }
  return escaped;
}

std::string roff_option_list(const std::vector<OptionDef>& options) {
  std::string out;
  for (const auto& option : options) {
    if (option.hidden) continue;
    out += ".TP\n\\fB" + roff(option.alias.empty() ? option.name : option.alias + ", " + option.name) + "\\fR";
    if (option.takes_value()) out += " \\fI" + roff(option.placeholder) + "\\fR";
    out += "\n" + roff(option.help + (option.repeatable ? " (có thể lặp lại)" : "")) + "\n";
  }
  return out;
}

std::string words_of(const std::vector<OptionDef>& options, bool with_values) {
  std::string out;
  for (const auto& option : options) {
    if (option.hidden || option.takes_value() != with_values) continue;
    out += (out.empty() ? "" : " ") + option.name;
    if (!option.alias.empty()) out += " " + option.alias;
  }
  return out;
}

}  // namespace

const std::vector<CommandDef>& commands() {
  static const std::vector<CommandDef> list = make_commands();
  return list;
}

const std::vector<OptionDef>& global_options() {
  static const std::vector<OptionDef> list = {
      {.name = "--resources",
       .placeholder = "THƯ-MỤC",
       .help = "thư mục chứa templates/, fonts/, rules/, schemas/ (mặc định: biến VANBAN_HOME, rồi thư mục cài đặt "
               "cạnh chương trình, rồi /usr/share/vanban)",
       .completion = Completion::directory},
      {.name = "--config",
       .placeholder = "TỆP",
       .help = "tệp cấu hình của cơ quan (mặc định: biến VANBAN_CONFIG, rồi /etc/vanban/vanban.conf nếu có)",
       .completion = Completion::file},
      {.name = "--help", .alias = "-h", .help = "hướng dẫn; \"vanban LỆNH --help\" cho từng lệnh"},
  };
  return list;
}

const CommandDef* find_command(std::string_view name) {
  for (const auto& command : commands())
    if (command.name == name) return &command;
  return nullptr;
}

std::vector<std::string> subcommands(std::string_view group) {
  std::vector<std::string> out;
  const std::string prefix = std::string(group) + " ";
  for (const auto& command : commands())
    if (command.name.rfind(prefix, 0) == 0) out.push_back(command.name.substr(prefix.size()));
  return out;
}

std::string main_help() {
  std::string out =
      "vanban — lập văn bản thi hành án dân sự theo Nghị định 30/2020/NĐ-CP\n\n"
      "Cách dùng: vanban [--resources THƯ-MỤC] [--config TỆP] LỆNH [TÙY CHỌN]\n\nLệnh:\n";
  for (const auto& command : commands()) {
    if (command.name.find(' ') != std::string::npos) continue;
    std::string first = "  " + command.name;
    out += wrap(command.summary, 13, first + std::string(13 - first.size(), ' '));
  }
  out += "\nTùy chọn chung:\n" + options_block(global_options());
  out += wrap("phiên bản và bản sửa đổi của mã nguồn (git)", kColumn, "  --version");
  out += "\nMã thoát: 0 thành công, 1 dữ liệu bị từ chối, 2 sai cách dùng, 3 lỗi môi trường.\n";
  return out;
}

std::string command_help(const CommandDef& command) {
  std::string out =
      wrap("vanban " + command.name + (command.operands.empty() ? "" : " " + command.operands) + " [TÙY CHỌN]", 11,
           "Cách dùng:");
  const auto subs = subcommands(command.name);
  if (!command.description.empty()) out += "\n" + wrap(command.description, 0);
  if (!subs.empty()) {
    out += "\nLệnh:\n";
    for (const auto& sub : subs) {
      const CommandDef* def = find_command(command.name + " " + sub);
      out += wrap(def->summary, 13, "  " + sub + std::string(sub.size() < 11 ? 11 - sub.size() : 1, ' '));
    }
  }
  out += "\nTùy chọn:\n" + options_block(command.options);
  out += "\nTùy chọn chung: --resources THƯ-MỤC, --config TỆP, -h/--help (xem: vanban --help)\n";
  if (!command.notes.empty()) out += "\n" + wrap(command.notes, 0);
  return out;
}

std::string man_page(std::string_view version) {
  std::string out = ".\\\" Made by `vanban --man` from the CLI's option table (src/cli/options.cpp); do not edit.\n";
  out += ".TH VANBAN 1 \"\" \"vanban " + std::string(version) + "\" \"Hướng dẫn sử dụng\"\n";
  out += ".SH TÊN\nvanban \\- lập, ký và lưu trữ văn bản thi hành án dân sự theo Nghị định 30/2020/NĐ\\-CP\n";
  out +=
      ".SH CÁCH DÙNG\n.B vanban\n[\\fB\\-\\-resources\\fR \\fITHƯ\\-MỤC\\fR] [\\fB\\-\\-config\\fR \\fITỆP\\fR] "
      "\\fILỆNH\\fR [\\fITÙY CHỌN\\fR]\n";
  out += ".SH TÙY CHỌN CHUNG\n" + roff_option_list(global_options());
  out += ".TP\n\\fB\\-\\-version\\fR\nphiên bản và bản sửa đổi của mã nguồn\n";
  out += ".SH LỆNH\n";
  for (const auto& command : commands()) {
    out += ".SS \"vanban " + roff(command.name) + "\"\n";
    out += ".B vanban " + roff(command.name) + "\n" + roff(command.operands) + "\n.PP\n";
    out += roff(command.description.empty() ? command.summary : command.description) + "\n";
    out += roff_option_list(command.options);
    if (!command.notes.empty()) out += ".PP\n" + roff(command.notes) + "\n";
  }
  out +=
      ".SH TỆP\n.TP\n/etc/vanban/vanban.conf\ntệp cấu hình của cơ quan (TOML); ví dụ có chú thích: "
      "/usr/share/doc/vanban/vanban.conf.example\n.TP\n/etc/vanban/templates/, /etc/vanban/calendar.xml\nmẫu văn "
      "bản và lịch ngày làm việc riêng của cơ quan, được dùng trước bản cài đặt\n.TP\n/usr/share/vanban\nmẫu văn "
      "bản, dữ liệu pháp luật, lược đồ, ví dụ\n.TP\n/var/lib/vanban\nkho lưu trữ mặc định\n";
  out += ".SH MÃ THOÁT\n0 thành công, 1 dữ liệu bị từ chối, 2 sai cách dùng, 3 lỗi môi trường, 130 bị ngắt.\n";
  return out;
}

std::string bash_completion() {
  std::string out =
      "# bash completion for vanban, made by `vanban --completion bash` from the CLI's option table.\n"
      "_vanban() {\n"
      "  local cur prev command i\n"
      "  cur=\"${COMP_WORDS[COMP_CWORD]}\"\n"
      "  prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
      "  command=\"\"\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    case \"${COMP_WORDS[i]}\" in\n"
      "      --resources|--config) ((i++)) ;;\n"
      "      -*) ;;\n"
      "      *) if [[ -z \"$command\" ]]; then command=\"${COMP_WORDS[i]}\";\n"
      "         elif [[ \"$command\" == archive && \"$command\" != *' '* ]]; then command=\"archive "
      "${COMP_WORDS[i]}\"; "
      "fi ;;\n"
      "    esac\n"
      "  done\n"
      "  case \"$prev\" in\n"
      "    --resources) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n"
      "    --config) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
      "  esac\n"
      "  case \"$command\" in\n";
  std::string top;
  for (const auto& command : commands()) {
    if (command.name.find(' ') == std::string::npos) top += (top.empty() ? "" : " ") + command.name;
    out += "    \"" + command.name + "\")\n      case \"$prev\" in\n";
    for (const auto& option : command.options) {
      if (!option.takes_value() || option.hidden) continue;
      std::string names = option.name + (option.alias.empty() ? "" : "|" + option.alias);
      std::string action;
      switch (option.completion) {
        case Completion::file: action = "COMPREPLY=($(compgen -f -- \"$cur\"))"; break;
        case Completion::directory: action = "COMPREPLY=($(compgen -d -- \"$cur\"))"; break;
        case Completion::choice: action = "COMPREPLY=($(compgen -W \"" + option.choices + "\" -- \"$cur\"))"; break;
        case Completion::template_name:
          action = "COMPREPLY=($(compgen -W \"$(vanban templates 2>/dev/null | cut -d' ' -f1)\" -- \"$cur\"))";
          break;
        case Completion::none: action = "COMPREPLY=()"; break;
      }
      out += "        " + names + ") " + action + "; return ;;\n";
    }
    out += "      esac\n";
    const std::string words = words_of(command.options, true) + " " + words_of(command.options, false) + " " +
                              words_of(global_options(), true) + " " + words_of(global_options(), false);
    const auto subs = subcommands(command.name);
    std::string sub_words;
    for (const auto& sub : subs) sub_words += (sub_words.empty() ? "" : " ") + sub;
    out += "      if [[ \"$cur\" == -* ]]; then COMPREPLY=($(compgen -W \"" + words + "\" -- \"$cur\"))\n";
    if (!subs.empty()) out += "      else COMPREPLY=($(compgen -W \"" + sub_words + "\" -- \"$cur\"))\n";
    else if (command.operand_completion == Completion::file)
      out += "      else COMPREPLY=($(compgen -f -- \"$cur\"))\n";
    out += "      fi ;;\n";
  }
  out += "    *) COMPREPLY=($(compgen -W \"" + top + " " + words_of(global_options(), true) + " " +
         words_of(global_options(), false) + " --version\" -- \"$cur\")) ;;\n";
  out += "  esac\n}\ncomplete -o filenames -F _vanban vanban\n";
  return out;
}

}  // namespace vanban::cli
