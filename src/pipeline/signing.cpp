#include "pipeline/signing.hpp"

#include <cstring>

#include "pipeline/request.hpp"
#include "pipeline/signature_font.hpp"

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

}  // namespace

void check_signing_request(const SigningRequest& request) {
  const KeyFiles& keys = request.keys;
  const bool pem = keys.key || keys.certificate || keys.chain;
  if (keys.pkcs12 && pem) throw RequestError("--p12 không dùng chung với --key, --cert, --chain");
  if (!keys.pkcs12 && (!keys.key || !keys.certificate)) throw RequestError("cần --key và --cert, hoặc --p12");
  const sign::Appearance appearance = appearance_of(request);
  if (appearance == sign::Appearance::signer && !request.image)
    throw RequestError("--appearance signer cần --image (ảnh chữ ký)");
  if (appearance == sign::Appearance::none && request.image)
    throw RequestError("--image không dùng với --appearance none");
}

std::unique_ptr<sign::Identity> load_identity(const KeyFiles& keys, const sign::PassphraseSource& passphrase,
                                              Diagnostics& diagnostics) {
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

std::optional<Bytes> sign_document(std::string_view pdf, const std::string& file, const sign::Identity& identity,
                                   const SigningRequest& request, const sign::Moment& time,
                                   const ResourcePaths& resources, Diagnostics& diagnostics) {
  check_signing_request(request);
  sign::SignRequest signing;
  signing.time = time;
  signing.appearance = appearance_of(request);
  signing.field_name = request.field;
  signing.reason = request.reason;
  signing.location = request.location;
  signing.document_number = request.document_number;
  signing.expired = request.allow_expired ? sign::ExpiredCertificate::warn : sign::ExpiredCertificate::reject;
  if (request.image) {
    signing.image = read_input_file(*request.image, diagnostics);
    if (!signing.image) return std::nullopt;
  }
  std::unique_ptr<SignatureFont> fonts;
  if (signing.appearance == sign::Appearance::agency && !signing.image)
    fonts = std::make_unique<SignatureFont>(resources.fonts);
  return sign::sign_pdf(pdf, identity, signing, fonts.get(), SourceLoc{make_file_name(file)}, diagnostics);
}

}  // namespace vanban::pipeline
