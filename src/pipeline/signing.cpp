#include "pipeline/signing.hpp"

#include <cstring>

#include "base/hex.hpp"
#include "crypto/revocation.hpp"
#include "crypto/sha256.hpp"
#include "crypto/token.hpp"
#include "pipeline/long_term.hpp"
#include "pipeline/pdf_metadata.hpp"
#include "pipeline/request.hpp"
#include "pipeline/signature_font.hpp"
#include "pipeline/signer_name.hpp"

namespace vanban::pipeline {

namespace {

// Wipes a buffer that held secret material (the compiler may not drop this).
void wipe(Bytes& bytes) {
  ::explicit_bzero(bytes.data(), bytes.size());
  bytes.clear();
}

sign::Appearance appearance_of(const SigningRequest& request) {
  if (!request.appearance) return request.image ? sign::Appearance::signer : sign::Appearance::none;
  if (*request.appearance == "signer") return sign::Appearance::signer;
  if (*request.appearance == "agency") return sign::Appearance::agency;
  if (*request.appearance == "none") return sign::Appearance::none;
  throw RequestError("--appearance \"" + *request.appearance + "\" phải là signer, agency hoặc none");
}

// Seconds for each outside request: 1 to 300; throws RequestError.
int timeout_seconds(const std::string& text) {
  int value = 0;
  bool digits = !text.empty();
  for (const char c : text) {
    if (c < '0' || c > '9') digits = false;
    else if (value <= 300) value = value * 10 + (c - '0');  // past 300 it is refused anyway: no overflow
  }
  if (!digits || value < 1 || value > 300)
    throw RequestError("--timeout (hoặc [signing] timeout) \"" + text + "\" phải là số giây từ 1 đến 300");
  return value;
}

// What B-T and B-LT need, read from the request's files; nullopt with diagnostics (E0100, E0678, E0679).
std::optional<LongTermRequest> long_term_request(const SigningRequest& request, Diagnostics& diagnostics) {
  LongTermRequest out;
  out.tsa_url = request.tsa.value_or("");
  if (request.timeout) out.timeout_seconds = timeout_seconds(*request.timeout);
  const auto anchors = read_trust_anchors(request.trust, diagnostics);
  bool usable = anchors.has_value();
  if (anchors) out.anchors = anchor_texts(*anchors);
  const auto unusable = [&](const std::filesystem::path& path, const char* what) {
    diagnostics.error("E0679", SourceLoc{make_file_name(path.string())}, std::string("không phải ") + what);
    usable = false;
  };
  for (const auto& path : request.crl_files) {
    const auto bytes = read_input_file(path, diagnostics);
    auto crl = bytes ? crypto::read_crl(*bytes) : std::nullopt;
    if (crl) out.given.crls.push_back(std::move(*crl));
    else if (bytes) unusable(path, "danh sách thu hồi chứng thư (CRL, PEM hoặc DER)");
    else usable = false;
  }
  for (const auto& path : request.ocsp_files) {
    auto bytes = read_input_file(path, diagnostics);
    if (bytes && crypto::is_ocsp_response(*bytes)) out.given.ocsp_responses.push_back(std::move(*bytes));
    else if (bytes) unusable(path, "trả lời OCSP thành công (DER)");
    else usable = false;
  }
  if (!usable) return std::nullopt;
  return out;
}

}  // namespace

namespace {

void check_token(const KeyFiles& keys) {
  if (keys.key || keys.pkcs12) throw RequestError("--pkcs11 không dùng chung với --key hoặc --p12");
  if (keys.chain && !keys.certificate) throw RequestError("--chain với --pkcs11 cần --cert");
  if (!keys.pkcs11_module)
    throw RequestError(
        "--pkcs11 cần --pkcs11-module (mô-đun PKCS#11 của thẻ, tệp .so) hoặc [signing] pkcs11_module trong tệp cấu "
        "hình");
  crypto::UriProblem problem{};
  if (crypto::parse_pkcs11_uri(*keys.pkcs11, problem)) return;
  switch (problem) {
    case crypto::UriProblem::not_pkcs11: throw RequestError("--pkcs11 phải là URI \"pkcs11:…\" (RFC 7512)");
    case crypto::UriProblem::malformed:
      throw RequestError("--pkcs11 \"" + *keys.pkcs11 + "\" không phải URI PKCS#11 hợp lệ (RFC 7512)");
    case crypto::UriProblem::carries_pin:
      throw RequestError(
          "--pkcs11: không ghi mã PIN trong URI (pin-value, pin-source); mã PIN lấy từ biến môi trường "
          "(--pass-env BIẾN) hoặc nhập khi được hỏi");
    case crypto::UriProblem::unknown_attribute:
      throw RequestError(
          "--pkcs11: URI chỉ dùng token, manufacturer, serial, model, object, id, type; mô-đun cho "
          "bằng --pkcs11-module");
  }
}

void check_keys(const KeyFiles& keys, SigningStep step) {
  const bool any = keys.key || keys.certificate || keys.chain || keys.pkcs12 || keys.pkcs11 || keys.pkcs11_module;
  if (step == SigningStep::complete) {
    if (any) throw RequestError("--complete không cần khóa hay chứng thư: chứng thư đã nằm trong tệp đã chuẩn bị");
    return;
  }
  if (step == SigningStep::prepare) {
    if (keys.key || keys.pkcs12 || keys.pkcs11 || keys.pkcs11_module)
      throw RequestError("--prepare chỉ cần chứng thư của người ký (--cert, --chain), không cần khóa");
    if (!keys.certificate) throw RequestError("--prepare cần --cert (chứng thư số của người sẽ ký)");
    return;
  }
  if (keys.pkcs11) return check_token(keys);
  if (keys.pkcs11_module) throw RequestError("--pkcs11-module chỉ dùng với --pkcs11");
  const bool pem = keys.key || keys.certificate || keys.chain;
  if (keys.pkcs12 && pem) throw RequestError("--p12 không dùng chung với --key, --cert, --chain");
  if (!keys.pkcs12 && (!keys.key || !keys.certificate)) throw RequestError("cần --key và --cert, --p12, hoặc --pkcs11");
}

}  // namespace

void apply_defaults(SigningRequest& request, const Configuration& configuration) {
  const config::Settings& settings = configuration.settings;
  if (!request.tsa) request.tsa = settings.signing_tsa;
  if (!request.timeout) request.timeout = settings.signing_timeout;
  if (request.keys.pkcs11 && !request.keys.pkcs11_module && settings.signing_pkcs11_module)
    request.keys.pkcs11_module = std::filesystem::path(*settings.signing_pkcs11_module);
  if (requested_level(request) == Level::b_lt) request.trust = trust_sources(std::move(request.trust), configuration);
}

void check_signing_request(const SigningRequest& request, SigningStep step) {
  check_keys(request.keys, step);
  if (step == SigningStep::complete) {
    if (request.appearance || request.image || !request.field.empty() || !request.reason.empty() ||
        !request.location.empty() || !request.document_number.empty() || request.allow_expired)
      throw RequestError(
          "--complete không nhận tùy chọn hình thức chữ ký: chúng đã được định khi chuẩn bị (--prepare)");
  } else {
    const sign::Appearance appearance = appearance_of(request);
    if (appearance == sign::Appearance::signer && !request.image)
      throw RequestError("--appearance signer cần --image (ảnh chữ ký)");
    if (appearance == sign::Appearance::none && request.image)
      throw RequestError("--image không dùng với --appearance none");
  }
  const Level level = requested_level(request);
  if (step != SigningStep::prepare && level != Level::b_b && !request.tsa)
    throw RequestError(
        "--level B-T và B-LT cần --tsa (địa chỉ đơn vị cấp dấu thời gian) hoặc [signing] tsa trong tệp cấu hình");
}

Level requested_level(const SigningRequest& request) {
  Level level = request.tsa ? Level::b_t : Level::b_b;
  if (request.level) {
    if (*request.level == "B-B") level = Level::b_b;
    else if (*request.level == "B-T") level = Level::b_t;
    else if (*request.level == "B-LT") level = Level::b_lt;
    else throw RequestError("--level \"" + *request.level + "\" phải là B-B, B-T hoặc B-LT");
  }
  if (level != Level::b_lt && (!request.crl_files.empty() || !request.ocsp_files.empty()))
    throw RequestError("--crl và --ocsp chỉ dùng với --level B-LT");
  if (request.timeout) timeout_seconds(*request.timeout);
  return level;
}

std::unique_ptr<sign::Identity> load_identity(const KeyFiles& keys, const sign::PassphraseSource& passphrase,
                                              Diagnostics& diagnostics) {
  if (keys.pkcs11) {
    crypto::UriProblem problem{};
    const auto uri = crypto::parse_pkcs11_uri(*keys.pkcs11, problem);
    if (!uri || !keys.pkcs11_module) throw RequestError("--pkcs11 hoặc --pkcs11-module không dùng được");
    std::optional<sign::SignerCertificates> certificates;
    if (keys.certificate) {
      certificates = load_certificates(keys, diagnostics);
      if (!certificates) return nullptr;
    }
    const sign::TokenKey token{keys.pkcs11_module->string(), *uri, *keys.pkcs11};
    return sign::Identity::from_token(token, passphrase, certificates, SourceLoc{make_file_name(*keys.pkcs11)},
                                      diagnostics);
  }
  if (keys.pkcs12) {
    auto bytes = read_input_file(*keys.pkcs12, diagnostics);
    if (!bytes) return nullptr;
    auto identity =
        sign::Identity::from_pkcs12(*bytes, passphrase, SourceLoc{make_file_name(keys.pkcs12->string())}, diagnostics);
    wipe(*bytes);
    return identity;
  }
  auto key = read_input_file(*keys.key, diagnostics);
  const auto certificate = read_input_file(*keys.certificate, diagnostics);
  const auto chain = keys.chain ? read_input_file(*keys.chain, diagnostics) : std::optional<Bytes>(Bytes());
  std::unique_ptr<sign::Identity> identity;
  if (key && certificate && chain)
    identity =
        sign::Identity::from_pem(*key, *certificate, *chain, passphrase, SourceLoc{make_file_name(keys.key->string())},
                                 SourceLoc{make_file_name(keys.certificate->string())}, diagnostics);
  if (key) wipe(*key);
  return identity;
}

std::optional<sign::SignerCertificates> load_certificates(const KeyFiles& keys, Diagnostics& diagnostics) {
  if (!keys.certificate) throw RequestError("cần --cert (chứng thư số của người sẽ ký)");
  const auto certificate = read_input_file(*keys.certificate, diagnostics);
  const auto chain = keys.chain ? read_input_file(*keys.chain, diagnostics) : std::optional<Bytes>(Bytes());
  if (!certificate || !chain) return std::nullopt;
  return sign::read_signer_certificates(*certificate, *chain, SourceLoc{make_file_name(keys.certificate->string())},
                                        diagnostics);
}

DataToSign data_to_sign(const sign::PreparedSignature& prepared) {
  return {crypto::to_hex(crypto::sha256(prepared.to_be_signed)),
          hex::encode(prepared.to_be_signed, hex::Letters::lower)};
}

namespace {

// The document names its signer (XMP): a certificate held by someone else is worth a word (W0619), when the
// signature is prepared and again when a prepared one is completed (the certificate is the one the file holds).
void warn_unless_named_signer(std::string_view pdf, const std::string& file,
                              const sign::SignerCertificates& certificates, Diagnostics& diagnostics) {
  Diagnostics unread;
  if (const auto metadata = read_pdf_metadata(pdf, make_file_name(file), unread))
    if (const auto message = signer_mismatch(certificates.certificate.describe().common_name, *metadata))
      diagnostics.warning("W0619", SourceLoc{make_file_name(file)}, *message);
}

}  // namespace

std::optional<sign::PreparedSignature> prepare_document(std::string_view pdf, const std::string& file,
                                                        const sign::SignerCertificates& certificates,
                                                        const SigningRequest& request, const sign::Moment& time,
                                                        const ResourcePaths& resources, Diagnostics& diagnostics) {
  sign::SignRequest signing;
  signing.time = time;
  signing.appearance = appearance_of(request);
  signing.field_name = request.field;
  signing.reason = request.reason;
  signing.location = request.location;
  signing.document_number = request.document_number;
  signing.expired = request.allow_expired ? sign::ExpiredCertificate::warn : sign::ExpiredCertificate::reject;
  signing.timestamp_room = requested_level(request) != Level::b_b;
  signing.max_unsigned_size = kMaxInputFile;
  signing.max_signed_size = kMaxSignedPdf;
  if (request.image) {
    signing.image = read_input_file(*request.image, diagnostics);
    if (!signing.image) return std::nullopt;
  }
  warn_unless_named_signer(pdf, file, certificates, diagnostics);
  std::unique_ptr<SignatureFont> fonts;
  if (signing.appearance == sign::Appearance::agency && !signing.image)
    fonts = std::make_unique<SignatureFont>(resources.fonts);
  return sign::prepare_signature(pdf, certificates, signing, fonts.get(), SourceLoc{make_file_name(file)}, diagnostics);
}

namespace {

// The signature embedded, then the time-stamp and the validation data the level asks for. `prepared` is completed in
// place and handed on, so that a large document is held at most twice (issue 18's memory bound).
std::optional<Bytes> complete_prepared(Bytes prepared, const SourceLoc& file, std::string_view signature,
                                       const SigningRequest& request, Diagnostics& diagnostics) {
  const Level level = requested_level(request);
  if (level == Level::b_b) {
    if (!sign::complete_signature_in_place(prepared, signature, {}, file, diagnostics)) return std::nullopt;
    return prepared;
  }
  // The signature first (it must be the one asked for), then what long-term signing needs, read before any request.
  const auto pending = sign::read_prepared(prepared, file, diagnostics);
  if (!pending || !sign::signature_matches(*pending, signature, file, diagnostics)) return std::nullopt;
  const auto long_term = long_term_request(request, diagnostics);
  if (!long_term) return std::nullopt;
  const auto token = fetch_timestamp(*long_term, signature, file, diagnostics);
  if (!token || !sign::complete_signature_in_place(prepared, signature, *token, file, diagnostics)) return std::nullopt;
  if (level == Level::b_t) return prepared;
  return add_long_term_data(prepared, pending->signer, signature, *token, *long_term, file, diagnostics);
}

}  // namespace

std::optional<Bytes> sign_document(Bytes pdf, const std::string& file, const sign::Identity& identity,
                                   const SigningRequest& request, const sign::Moment& time,
                                   const ResourcePaths& resources, Diagnostics& diagnostics) {
  check_signing_request(request);
  const SourceLoc loc{make_file_name(file)};
  auto prepared = prepare_document(pdf, file, identity.certificates(), request, time, resources, diagnostics);
  Bytes().swap(pdf);  // prepared holds it all now
  if (!prepared) return std::nullopt;
  const auto signature = sign::sign_prepared(*prepared, identity.key(), loc, diagnostics);
  if (!signature) return std::nullopt;
  return complete_prepared(std::move(prepared->pdf), loc, *signature, request, diagnostics);
}

std::optional<Bytes> complete_document(Bytes prepared, const std::string& file, std::string_view signature,
                                       const SigningRequest& request, Diagnostics& diagnostics) {
  check_signing_request(request, SigningStep::complete);
  Diagnostics unread;
  if (const auto pending = sign::read_prepared(prepared, SourceLoc{make_file_name(file)}, unread))
    warn_unless_named_signer(prepared, file, pending->signer, diagnostics);
  return complete_prepared(std::move(prepared), SourceLoc{make_file_name(file)}, signature, request, diagnostics);
}

}  // namespace vanban::pipeline
