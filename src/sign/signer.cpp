// Signing: checks, the appearance, the field and the incremental update, then the CMS into /Contents.

#include <algorithm>
#include <cstdio>
#include <map>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "base/utf8.hpp"
#include "crypto/cms.hpp"
#include "crypto/sha256.hpp"
#include "sign/appearance.hpp"
#include "sign/byte_range.hpp"
#include "sign/png_image.hpp"
#include "sign/revisions.hpp"
#include "sign/signing.hpp"
#include "sign/verification.hpp"

namespace vanban::sign {

namespace {

constexpr double kMillimetre = 72.0 / 25.4;
constexpr double kSealWidthWithoutResolution = 36 * kMillimetre;  // UNCONFIRMED: a typical round seal
constexpr double kTextSize = 10;                                  // Nghị định 30: 10 pt
constexpr double kTextLeading = 12;
constexpr double kTextRightMargin = 15 * kMillimetre;  // the page's right margin
constexpr double kTextTopOffset = 6 * kMillimetre;     // inside the 20 mm top margin
constexpr std::size_t kByteRangeWidth = 40;            // "0 a b c" padded with spaces
constexpr std::size_t kTimestampRoom = 12 * 1024;      // a TSA's token with its certificates

// Annotation flags: Print (PDF/A requires it) and Locked.
constexpr std::int64_t kPrint = 4;
constexpr std::int64_t kLocked = 128;
constexpr std::int64_t kHiddenFlags = 1 | 2 | 32;  // Invisible, Hidden, NoView

Object name(const char* value) { return Object(Name{value}); }

Object rect_object(const Rect& r) {
  Array array;
  for (const double v : r) array.emplace_back(Real{v, format_number(v)});
  return Object(std::move(array));
}

double width_of(const Rect& r) { return r[2] - r[0]; }
double height_of(const Rect& r) { return r[3] - r[1]; }
bool visible(const Rect& r) { return width_of(r) > 0.5 && height_of(r) > 0.5; }

// The natural size of an image in points: from its resolution, else nullopt.
std::optional<std::array<double, 2>> real_size(const RasterImage& image) {
  if (image.dpi_x <= 1 || image.dpi_y <= 1) return std::nullopt;
  return std::array<double, 2>{image.width * 72.0 / image.dpi_x, image.height * 72.0 / image.dpi_y};
}

// The image placed in `box`: at real size when known and it fits, else as large as fits; centred.
Rect fit(const RasterImage& image, const Rect& box) {
  const double aspect = static_cast<double>(image.height) / image.width;
  double w = width_of(box);
  double h = w * aspect;
  if (h > height_of(box)) {
    h = height_of(box);
    w = h / aspect;
  }
  if (const auto natural = real_size(image); natural && (*natural)[0] < w) {
    w = (*natural)[0];
    h = w * aspect;
  }
  const double x = box[0] + (width_of(box) - w) / 2;
  const double y = box[1] + (height_of(box) - h) / 2;
  return {x, y, x + w, y + h};
}

std::string unique_name(const std::set<std::string>& taken, const std::string& base, bool number_first) {
  if (!number_first && !taken.count(base)) return base;
  for (int i = number_first ? 1 : 2;; ++i) {
    const std::string candidate = base + std::to_string(i);
    if (!taken.count(candidate)) return candidate;
  }
}

// Appends `ref` to the array under `key` of `dict`: in place when direct, else by rewriting the array object.
void append_to_array(const PdfFile& file, IncrementalUpdate& update, Dict& dict, const char* key, Ref ref) {
  const Object* existing = find(dict, key);
  if (existing != nullptr && existing->ref() != nullptr) {
    const auto array = file.object(*existing->ref());
    if (array && array->array() != nullptr) {
      Array items = *array->array();
      items.emplace_back(ref);
      update.put(*existing->ref(), Object(std::move(items)));
      return;
    }
  }
  Array items;
  if (existing != nullptr && existing->array() != nullptr) items = *existing->array();
  items.emplace_back(ref);
  set(dict, key, Object(std::move(items)));
}

// Registers the field in the AcroForm (when `new_field`) and sets /SigFlags 3 (signatures exist, append only).
void update_acroform(const PdfFile& file, IncrementalUpdate& update, std::optional<Ref> new_field) {
  const Ref root = *file.root();
  Dict catalog = *file.object(root)->dict();
  const Object* form_entry = find(catalog, "AcroForm");
  const bool indirect = form_entry != nullptr && form_entry->ref() != nullptr;
  Dict form;
  if (indirect) {
    if (const auto loaded = file.object(*form_entry->ref()); loaded && loaded->dict() != nullptr)
      form = *loaded->dict();
  } else if (form_entry != nullptr && form_entry->dict() != nullptr) {
    form = *form_entry->dict();
  }
  const Object* flags = find(form, "SigFlags");
  const bool flags_ok = flags != nullptr && flags->integer() != nullptr && (*flags->integer() & 3) == 3;
  if (!new_field && flags_ok) return;
  if (new_field) append_to_array(file, update, form, "Fields", *new_field);
  if (!flags_ok) set(form, "SigFlags", Object(std::int64_t{3}));
  if (indirect) {
    update.put(*form_entry->ref(), Object(std::move(form)));
  } else {
    set(catalog, "AcroForm", Object(std::move(form)));
    update.put(root, Object(std::move(catalog)));
  }
}

// The page's visible box (CropBox, else MediaBox, else A4).
Rect page_box(const PdfFile& file, Ref page) {
  for (const char* key : {"CropBox", "MediaBox"})
    if (const auto box = file.page_attribute(page, key))
      if (const auto r = read_rect(*box); r && visible(*r)) return *r;
  return {0, 0, 595.276, 841.89};
}

struct Placement {
  Ref page;
  Rect rect{};
  std::optional<Ref> form;  // the appearance
};

class Signer {
 public:
  Signer(const PdfFile& file, const SignerCertificates& signer, const SignRequest& request, const FontSource* fonts,
         const SourceLoc& loc, Diagnostics& diagnostics)
      : file_(file),
        signer_(signer),
        request_(request),
        fonts_(fonts),
        loc_(loc),
        diagnostics_(diagnostics),
        update_(file) {}

  std::optional<PreparedSignature> run() {
    if (!check_size()) return std::nullopt;
    check_existing_signatures();
    check_certificate();
    const auto pages = file_.pages();
    if (pages.empty()) diagnostics_.error("E0602", loc_, "cấu trúc tệp PDF bị hỏng (không đọc được cây trang)");
    std::optional<RasterImage> image;
    if (request_.image) {
      std::string problem;
      image = decode_png(*request_.image, problem);
      if (!image) diagnostics_.error("E0620", loc_, "ảnh chữ ký hoặc con dấu: " + problem);
    }
    if (diagnostics_.has_errors()) return std::nullopt;

    const auto fields = file_.signature_fields();
    const std::string field_name = choose_field_name(fields);
    const SignatureField* existing = nullptr;
    for (const auto& field : fields)
      if (field.name == field_name) existing = &field;
    if (existing != nullptr && existing->is_signed()) {
      diagnostics_.error("E0630", loc_, "trường chữ ký \"" + field_name + "\" đã được ký");
      return std::nullopt;
    }
    if (existing == nullptr && file_.field_names().count(field_name)) {
      diagnostics_.error("E0630", loc_, "tên trường \"" + field_name + "\" đã dùng cho một trường không phải chữ ký");
      return std::nullopt;
    }
    const auto placement = place(pages, existing, fields, image);
    if (!placement) return std::nullopt;

    const Ref signature = update_.allocate();
    const bool placed = existing != nullptr ? fill_field(*existing, signature, *placement)
                                            : add_field(field_name, signature, *placement);
    if (!placed) return std::nullopt;
    return finish(signature);
  }

 private:
  // The document's size against the limit for a document with or without signatures (E0608).
  bool check_size() {
    const auto fields = file_.signature_fields();
    const bool holds_signature =
        std::any_of(fields.begin(), fields.end(), [](const SignatureField& field) { return field.is_signed(); });
    const std::size_t size = file_.bytes().size();
    const std::size_t limit = holds_signature ? request_.max_signed_size : request_.max_unsigned_size;
    if (size <= limit) return true;
    diagnostics_.error("E0608", loc_,
                       holds_signature
                           ? "tệp PDF đã có chữ ký lớn " + std::to_string(size) + " byte, quá giới hạn " +
                                 std::to_string(limit) + " byte của văn bản để ký tiếp"
                           : "tệp PDF chưa có chữ ký lớn " + std::to_string(size) + " byte, quá giới hạn " +
                                 std::to_string(limit) +
                                 " byte của văn bản để ký (phần trên giới hạn này dành cho các chữ ký ký sau)");
    return false;
  }

  void check_existing_signatures() {
    for (const auto& field : file_.signature_fields()) {
      if (!field.is_signed()) continue;
      const auto dict = signature_dictionary(file_, field);
      Finding problem;
      if (!dict) {
        diagnostics_.error("E0604", loc_, "chữ ký có sẵn \"" + field.name + "\" không đọc được");
      } else if (!read_byte_range(*dict->dict(), file_.bytes(), problem)) {
        diagnostics_.error("E0604", loc_,
                           "chữ ký có sẵn \"" + field.name + "\" có /ByteRange hỏng: " + problem.message);
      }
    }
    // A certification signature that allows no change at all (DocMDP /P 1).
    if (certification_level(file_) == 1)
      diagnostics_.error("E0605", loc_, "tài liệu đã được chứng nhận ở mức không cho phép thay đổi, kể cả ký thêm");
    check_what_is_countersigned();
  }

  // What a new signature would cover: every earlier signature must still match its bytes (E0606), and the updates
  // between and after them may change only what PAdES allows (E0607): a new signature must not vouch for them.
  void check_what_is_countersigned() {
    if (diagnostics_.has_errors()) return;
    VerifyOptions options;
    options.now = request_.time;
    Diagnostics ignored;
    const auto report = verify_pdf(file_.bytes(), options, loc_, ignored);
    if (!report || report->signatures.empty()) return;
    for (const auto& s : report->signatures) {
      std::string codes;
      for (const auto& problem : s.problems)
        if (problem.code == "E0651" || problem.code == "E0652" || problem.code == "E0653")
          codes += (codes.empty() ? "" : "; ") + format_finding(problem);
      if (!codes.empty())
        diagnostics_.error("E0606", loc_,
                           "chữ ký có sẵn \"" + s.field_name +
                               "\" không còn khớp với nội dung tệp; không ký tiếp lên một chữ ký đã hỏng: " + codes);
    }
    for (const auto& update : report->updates)
      for (const auto& problem : update.problems)
        diagnostics_.error("E0607", loc_, "không ký tiếp: " + problem.message);
    // After the last signature: what the new one would cover, weighed as between two signatures.
    const std::size_t end = report->signatures.back().signed_end;
    if (end == 0 || end >= file_.bytes().size()) return;
    OpenProblem problem;
    const auto before = PdfFile::open(file_.bytes().substr(0, end), problem);
    if (!before) return;
    for (const auto& change : disallowed_changes(*before, file_, policy_after_signing(file_)))
      diagnostics_.error(
          "E0607", loc_,
          "không ký tiếp: sau chữ ký cuối có phiên bản không ký thay đổi điều PAdES không cho phép (" + change + ")");
  }

  void check_certificate() {
    const CertificateInfo cert = signer_.certificate.describe();
    const std::int64_t t = request_.time.unix_seconds();
    if (t < cert.not_before || t > cert.not_after) {
      const Moment from = Moment::from_unix(cert.not_before, request_.time.offset_minutes);
      const Moment to = Moment::from_unix(cert.not_after, request_.time.offset_minutes);
      const std::string message = "chứng thư số \"" + cert.common_name + "\" không có hiệu lực tại thời điểm ký " +
                                  request_.time.iso8601() + " (hiệu lực từ " + from.iso8601() + " đến " + to.iso8601() +
                                  ")";
      if (request_.expired == ExpiredCertificate::reject) diagnostics_.error("E0613", loc_, message);
      else diagnostics_.warning("W0618", loc_, message);
    }
    if (!signer_.certificate.allows_signing())
      diagnostics_.error("E0617", loc_,
                         "chứng thư số \"" + cert.common_name +
                             "\" không dùng để ký văn bản (mục đích sử dụng khóa không cho phép ký số hay chống "
                             "chối bỏ)");
  }

  std::string choose_field_name(const std::vector<SignatureField>& fields) const {
    if (!request_.field_name.empty()) return request_.field_name;
    const char* role = request_.appearance == Appearance::signer   ? "signer"
                       : request_.appearance == Appearance::agency ? "agency"
                                                                   : nullptr;
    // An empty field prepared for this role (by vanban render) is filled; otherwise a new name is made.
    if (role != nullptr)
      for (const auto& field : fields)
        if (field.name == role && !field.is_signed()) return role;
    std::set<std::string> taken = file_.field_names();
    return role != nullptr ? unique_name(taken, role, false) : unique_name(taken, "Signature", true);
  }

  // The latest visible signature, preferring the field "signer": the seal goes over its image.
  std::optional<SignatureField> seal_anchor(const std::vector<SignatureField>& fields) const {
    std::optional<SignatureField> best;
    std::size_t best_end = 0;
    for (const auto& field : fields) {
      if (!field.is_signed() || !visible(field.rect) || !field.page) continue;
      const auto dict = signature_dictionary(file_, field);
      Finding ignored;
      const auto range = dict ? read_byte_range(*dict->dict(), file_.bytes(), ignored) : std::nullopt;
      const std::size_t end = range ? range->end : 0;
      if (field.name == "signer") return field;
      if (!best || end >= best_end) {
        best = field;
        best_end = end;
      }
    }
    return best;
  }

  std::optional<Placement> place(const std::vector<Ref>& pages, const SignatureField* existing,
                                 const std::vector<SignatureField>& fields, const std::optional<RasterImage>& image) {
    Placement placement;
    placement.page = existing != nullptr && existing->page ? *existing->page : pages.front();
    const bool has_box = existing != nullptr && visible(existing->rect);
    switch (request_.appearance) {
      case Appearance::none:
        placement.rect = has_box ? existing->rect : Rect{0, 0, 0, 0};
        placement.form = add_empty_appearance(update_, placement.rect);
        return placement;
      case Appearance::signer:
        if (!image) {
          diagnostics_.error("E0631", loc_, "chữ ký hình của người ký cần ảnh chữ ký (--image TỆP.png)");
          return std::nullopt;
        }
        if (!has_box) {
          diagnostics_.error("E0631", loc_,
                             "tệp không có ô chữ ký trống để đặt hình chữ ký (giữa chức vụ và họ tên người ký); "
                             "chỉ ra ô bằng --field TÊN, hoặc ký không hiển thị (--appearance none)");
          return std::nullopt;
        }
        placement.rect = fit(*image, existing->rect);
        placement.form = add_image_appearance(update_, *image, placement.rect);
        return placement;
      case Appearance::agency:
        if (image) return place_seal(placement, existing, has_box, fields, *image);
        return place_text(placement, pages.front());
    }
    return std::nullopt;
  }

  std::optional<Placement> place_seal(Placement placement, const SignatureField* existing, bool has_box,
                                      const std::vector<SignatureField>& fields, const RasterImage& image) {
    if (has_box) {
      placement.rect = fit(image, existing->rect);
    } else {
      const auto anchor = seal_anchor(fields);
      if (!anchor) {
        diagnostics_.error("E0631", loc_,
                           "chưa có chữ ký hình của người ký để đóng dấu lên (người có thẩm quyền ký trước, "
                           "cơ quan ký sau); hoặc chỉ ra ô trống bằng --field TÊN");
        return std::nullopt;
      }
      // The seal at real size covers the left third of the signer's image (Nghị định 30, Phụ lục I).
      const auto natural = real_size(image);
      const double w = natural ? (*natural)[0] : kSealWidthWithoutResolution;
      const double h = natural ? (*natural)[1] : w * image.height / image.width;
      const Rect& a = anchor->rect;
      const double right = a[0] + width_of(a) / 3;
      const double middle = (a[1] + a[3]) / 2;
      placement.rect = {right - w, middle - h / 2, right, middle + h / 2};
      placement.page = *anchor->page;
    }
    placement.form = add_image_appearance(update_, image, placement.rect);
    return placement;
  }

  std::optional<Placement> place_text(Placement placement, Ref first_page) {
    if (fonts_ == nullptr) throw Error(errors::kLibrary, "no font source for the text appearance of the signature");
    std::vector<std::u32string> lines;
    if (!request_.document_number.empty()) lines.push_back(utf8::to_u32("Số: " + request_.document_number));
    lines.push_back(utf8::to_u32("Thời gian ký: " + request_.time.iso8601()));
    std::u32string all;
    for (const auto& line : lines) all += line;
    const auto font = fonts_->subset(all);
    if (!font) {
      diagnostics_.error("E0631", loc_, "phông chữ không có đủ ký tự cho khối chữ ký (số/ký hiệu có ký tự lạ?)");
      return std::nullopt;
    }
    const auto size = text_block_size(*font, lines, kTextSize, kTextLeading);
    const Rect page = page_box(file_, first_page);
    const double right = page[2] - kTextRightMargin;
    const double top = page[3] - kTextTopOffset;
    placement.page = first_page;
    placement.rect = {right - size[0], top - size[1], right, top};
    placement.form = add_text_appearance(update_, *font, lines, kTextSize, kTextLeading, placement.rect);
    return placement;
  }

  // An object's dictionary, or nullopt with E0602 (a field or page that /P, /Kids or /V names is missing).
  std::optional<Dict> dictionary(Ref ref, const char* what) {
    if (const auto object = file_.object(ref); object && object->dict() != nullptr) return *object->dict();
    diagnostics_.error("E0602", loc_, std::string("cấu trúc tệp PDF bị hỏng (không đọc được ") + what + ")");
    return std::nullopt;
  }

  Dict appearance_dict(const Placement& placement) const {
    Dict normal;
    set(normal, "N", Object(*placement.form));
    return normal;
  }

  bool fill_field(const SignatureField& field, Ref signature, const Placement& placement) {
    const Ref widget_ref = field.widget.value_or(field.field);
    auto loaded = dictionary(widget_ref, "ô chữ ký");
    if (!loaded) return false;
    Dict widget = std::move(*loaded);
    std::int64_t flags = 0;
    if (const Object* f = find(widget, "F"); f != nullptr && f->integer() != nullptr) flags = *f->integer();
    set(widget, "F", Object((flags & ~kHiddenFlags) | kPrint | kLocked));
    set(widget, "Rect", rect_object(placement.rect));
    set(widget, "AP", Object(appearance_dict(placement)));
    if (find(widget, "P") == nullptr) set(widget, "P", Object(placement.page));
    if (field.widget) {
      update_.put(widget_ref, Object(std::move(widget)));
      auto dict = dictionary(field.field, "trường chữ ký");
      if (!dict) return false;
      set(*dict, "V", Object(signature));
      update_.put(field.field, Object(std::move(*dict)));
    } else {
      set(widget, "V", Object(signature));
      update_.put(widget_ref, Object(std::move(widget)));
    }
    update_acroform(file_, update_, std::nullopt);
    return true;
  }

  bool add_field(const std::string& field_name, Ref signature, const Placement& placement) {
    auto page = dictionary(placement.page, "trang đặt chữ ký");
    if (!page) return false;
    Dict widget;
    set(widget, "Type", name("Annot"));
    set(widget, "Subtype", name("Widget"));
    set(widget, "FT", name("Sig"));
    set(widget, "T", text_string(field_name));
    set(widget, "V", Object(signature));
    set(widget, "F", Object(kPrint | kLocked));
    set(widget, "Rect", rect_object(placement.rect));
    set(widget, "P", Object(placement.page));
    set(widget, "AP", Object(appearance_dict(placement)));
    const Ref widget_ref = update_.add(Object(std::move(widget)));
    append_to_array(file_, update_, *page, "Annots", widget_ref);
    update_.put(placement.page, Object(std::move(*page)));
    update_acroform(file_, update_, widget_ref);
    return true;
  }

  PreparedSignature finish(Ref signature) {
    // Room for the CMS: its size with the longest signature the certificate's key makes, plus room for a
    // time-stamp when one is to come and for variation, rounded up.
    const crypto::Certificate& certificate = signer_.certificate;
    const Bytes unsigned_cms = crypto::PadesCms(certificate, signer_.chain, crypto::Sha256Digest{})
                                   .finish(Bytes(certificate.max_signature_size(), '\0'));
    const std::size_t room = unsigned_cms.size() + 1024 + (request_.timestamp_room ? kTimestampRoom : 0);
    const std::size_t reserve = (room + 1023) / 1024 * 1024;

    std::string body = "<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M ";
    write_object(body, Object(String{request_.time.pdf_date(), false}));
    const std::string signer_name = certificate.describe().common_name;
    if (!signer_name.empty()) {
      body += " /Name ";
      write_object(body, text_string(signer_name));
    }
    if (!request_.reason.empty()) {
      body += " /Reason ";
      write_object(body, text_string(request_.reason));
    }
    if (!request_.location.empty()) {
      body += " /Location ";
      write_object(body, text_string(request_.location));
    }
    body += " /ByteRange [";
    const std::size_t range_at = body.size();
    body += std::string(kByteRangeWidth, ' ');
    body += "] /Contents ";
    const std::size_t contents_at = body.size();
    body += "<" + std::string(reserve * 2, '0') + ">";
    body += ">>";
    update_.put_raw(signature, std::move(body));

    std::map<Ref, std::size_t> offsets;
    PreparedSignature prepared;
    prepared.pdf = update_.finish(offsets);
    Bytes& out = prepared.pdf;
    const std::size_t base = offsets.at(signature);
    const std::size_t a = base + contents_at;
    const std::size_t b = a + reserve * 2 + 2;
    std::string ranges = "0 " + std::to_string(a) + " " + std::to_string(b) + " " + std::to_string(out.size() - b);
    ranges.resize(kByteRangeWidth, ' ');
    out.replace(base + range_at, kByteRangeWidth, ranges);

    // The signed attributes over the digest of the signed ranges: what the key signs, here or elsewhere. The CMS
    // without its signature waits in /Contents, so that completing needs nothing but the document and the signature.
    crypto::PadesCms cms(certificate, signer_.chain, signed_digest(out, ByteRange{a, b, out.size()}));
    prepared.to_be_signed = cms.to_be_signed();
    const std::string hex = hex::encode(cms.finish(Bytes(certificate.max_signature_size(), '\0')));
    out.replace(a + 1, hex.size(), hex);
    return prepared;
  }

  const PdfFile& file_;
  const SignerCertificates& signer_;
  const SignRequest& request_;
  const FontSource* fonts_;
  const SourceLoc& loc_;
  Diagnostics& diagnostics_;
  IncrementalUpdate update_;
};

}  // namespace

std::optional<PreparedSignature> prepare_signature(std::string_view pdf, const SignerCertificates& signer,
                                                   const SignRequest& request, const FontSource* fonts,
                                                   const SourceLoc& file, Diagnostics& diagnostics) {
  const auto opened = open_pdf(pdf, file, diagnostics);
  if (!opened) return std::nullopt;
  Diagnostics local;
  auto out = Signer(*opened, signer, request, fonts, file, local).run();
  diagnostics.merge(local);
  if (local.has_errors()) return std::nullopt;
  return out;
}

std::optional<Bytes> sign_prepared(const PreparedSignature& prepared, const crypto::PrivateKey& key,
                                   const SourceLoc& file, Diagnostics& diagnostics) {
  auto signature = key.sign_sha256(prepared.to_be_signed);
  if (!signature)
    diagnostics.error("E0672", file,
                      "thẻ ký số không ký được: thẻ đã bị rút ra, hoặc phiên làm việc với thẻ đã đóng; "
                      "cắm lại thẻ và ký lại (không có tệp nào được ghi)");
  return signature;
}

std::optional<Bytes> sign_pdf(std::string_view pdf, const Identity& identity, const SignRequest& request,
                              const FontSource* fonts, const SourceLoc& file, Diagnostics& diagnostics) {
  auto prepared = prepare_signature(pdf, identity.certificates(), request, fonts, file, diagnostics);
  if (!prepared) return std::nullopt;
  const auto signature = sign_prepared(*prepared, identity.key(), file, diagnostics);
  if (!signature || !complete_signature_in_place(prepared->pdf, *signature, {}, file, diagnostics)) return std::nullopt;
  return std::move(prepared->pdf);
}

}  // namespace vanban::sign
