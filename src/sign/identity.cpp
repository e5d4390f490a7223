// Loading an Identity through vanban::crypto; this module turns what crypto found into diagnostics.

#include "sign/identity.hpp"

#include <array>
#include <cstddef>
#include <iterator>
#include <tuple>

namespace vanban::sign {

namespace {

// The diagnostic for each crypto::KeyProblem, in the enum's order, for one kind of file.
struct ProblemText {
  const char* code;
  const char* message;
};
using ProblemTexts = std::array<ProblemText, 4>;

constexpr ProblemTexts kPemKey = {{
    {"E0610", "không đọc được khóa riêng (cần tệp PEM \"BEGIN PRIVATE KEY\")"},
    {"E0615", "khóa riêng được mã hóa: cần mật khẩu (--pass-env BIẾN, hoặc nhập khi được hỏi)"},
    {"E0611", "sai mật khẩu của khóa riêng"},
    {"E0610", "không đọc được khóa riêng (cần tệp PEM \"BEGIN PRIVATE KEY\")"},
}};
constexpr ProblemTexts kPkcs12 = {{
    {"E0614", "không đọc được tệp PKCS#12 (.p12/.pfx)"},
    {"E0615", "tệp PKCS#12 có mật khẩu: cần mật khẩu (--pass-env BIẾN, hoặc nhập khi được hỏi)"},
    {"E0611", "sai mật khẩu của tệp PKCS#12"},
    {"E0610", "tệp PKCS#12 không có khóa riêng và chứng thư số dùng được"},
}};
static_assert(static_cast<std::size_t>(crypto::KeyProblem::incomplete) + 1 == std::tuple_size_v<ProblemTexts>);

void report(crypto::KeyProblem problem, const ProblemTexts& texts, const SourceLoc& file, Diagnostics& diagnostics) {
  const ProblemText& text = texts.at(static_cast<std::size_t>(problem));
  diagnostics.error(text.code, file, text.message);
}

// Whether the key can sign with this certificate: RSA or ECDSA (E0616), and the certificate's key (E0612).
bool usable_key(const crypto::PrivateKey& key, const crypto::Certificate& certificate, const SourceLoc& file,
                Diagnostics& diagnostics) {
  if (key.algorithm() == crypto::PrivateKey::Algorithm::other) {
    diagnostics.error("E0616", file, "loại khóa riêng không được hỗ trợ (chỉ RSA hoặc ECDSA)");
    return false;
  }
  if (!key.matches(certificate)) {
    diagnostics.error("E0612", file, "khóa riêng không khớp với chứng thư số");
    return false;
  }
  return true;
}

// The message for each crypto::TokenProblem, in the enum's order.
constexpr ProblemText kToken[] = {
    {"E0670", "không nạp được mô-đun PKCS#11 của thẻ ký số (--pkcs11-module)"},
    {"E0670", "OpenSSL không nạp được engine \"pkcs11\" (gói libengine-pkcs11-openssl)"},
    {"E0671", "không thấy thẻ ký số nào khớp với URI (thẻ chưa cắm, hoặc token= sai)"},
    {"E0671", "nhiều thẻ ký số cùng khớp với URI: ghi rõ token= hoặc serial="},
    {"E0673", "trên thẻ không có khóa riêng nào khớp với URI (object= hoặc id= sai)"},
    {"E0676", "thẻ cần mã PIN: cho mã PIN qua biến môi trường (--pass-env BIẾN) hoặc nhập khi được hỏi"},
    {"E0674", "thẻ không nhận mã PIN này; vanban không tự thử lại (thẻ bị khóa sau vài lần nhập sai)"},
    {"E0675", "mã PIN của thẻ đã bị khóa; cần mở khóa bằng mã PUK/SO PIN của thẻ"},
    {"E0672", "thẻ ký số không trả lời (đã bị rút ra?); cắm lại thẻ và ký lại"},
};
static_assert(static_cast<std::size_t>(crypto::TokenProblem::token_failed) + 1 == std::size(kToken));

}  // namespace

std::optional<SignerCertificates> read_signer_certificates(std::string_view cert_text, std::string_view chain_text,
                                                           const SourceLoc& cert_file, Diagnostics& diagnostics) {
  auto certificates = crypto::read_certificates(cert_text);
  if (certificates.empty()) {
    diagnostics.error("E0614", cert_file, "không đọc được chứng thư số (cần tệp PEM \"BEGIN CERTIFICATE\" hoặc DER)");
    return std::nullopt;
  }
  std::vector<crypto::Certificate> chain(certificates.begin() + 1, certificates.end());
  if (!chain_text.empty()) {
    const auto more = crypto::read_certificates(chain_text);
    if (more.empty()) {
      diagnostics.error("E0614", cert_file, "tệp chuỗi chứng thư (--chain) không có chứng thư PEM nào");
      return std::nullopt;
    }
    chain.insert(chain.end(), more.begin(), more.end());
  }
  return SignerCertificates{certificates.front(), std::move(chain)};
}

std::unique_ptr<Identity> Identity::from_pem(std::string_view key_pem, std::string_view cert_pem,
                                             std::string_view chain_pem, const PassphraseSource& passphrase,
                                             const SourceLoc& key_file, const SourceLoc& cert_file,
                                             Diagnostics& diagnostics) {
  auto certificates = read_signer_certificates(cert_pem, chain_pem, cert_file, diagnostics);
  if (!certificates) return nullptr;
  crypto::KeyProblem problem{};
  auto key = crypto::read_private_key(key_pem, passphrase, problem);
  if (!key) {
    report(problem, kPemKey, key_file, diagnostics);
    return nullptr;
  }
  if (!usable_key(*key, certificates->certificate, key_file, diagnostics)) return nullptr;
  return std::unique_ptr<Identity>(new Identity(std::move(*key), std::move(*certificates)));
}

std::unique_ptr<Identity> Identity::from_pkcs12(std::string_view der, const PassphraseSource& passphrase,
                                                const SourceLoc& file, Diagnostics& diagnostics) {
  crypto::KeyProblem problem{};
  auto contents = crypto::read_pkcs12(der, passphrase, problem);
  if (!contents) {
    report(problem, kPkcs12, file, diagnostics);
    return nullptr;
  }
  if (!usable_key(contents->key, contents->certificate, file, diagnostics)) return nullptr;
  return std::unique_ptr<Identity>(new Identity(
      std::move(contents->key), SignerCertificates{std::move(contents->certificate), std::move(contents->chain)}));
}

std::unique_ptr<Identity> Identity::from_token(const TokenKey& token, const PassphraseSource& pin,
                                               const std::optional<SignerCertificates>& certificates,
                                               const SourceLoc& file, Diagnostics& diagnostics) {
  crypto::TokenProblem problem{};
  auto contents = crypto::open_token(token.uri, token.module, pin, problem);
  if (!contents) {
    const ProblemText& text = kToken[static_cast<std::size_t>(problem)];
    diagnostics.error(text.code, file, text.message);
    return nullptr;
  }
  if (certificates) {
    if (!usable_key(contents->key, certificates->certificate, file, diagnostics)) return nullptr;
    return std::unique_ptr<Identity>(new Identity(std::move(contents->key), *certificates));
  }
  // The token's certificate for this key, and those of the token that lead from it towards a root.
  const crypto::Certificate* own = nullptr;
  for (const auto& certificate : contents->certificates)
    if (contents->key.matches(certificate)) own = &certificate;
  if (own == nullptr) {
    diagnostics.error("E0677", file,
                      "trên thẻ không có chứng thư số nào của khóa này; cho chứng thư bằng --cert TỆP.pem");
    return nullptr;
  }
  if (!usable_key(contents->key, *own, file, diagnostics)) return nullptr;
  const auto path = crypto::issuer_path(*own, contents->certificates);
  return std::unique_ptr<Identity>(
      new Identity(std::move(contents->key),
                   SignerCertificates{*own, std::vector<crypto::Certificate>(path.begin() + 1, path.end())}));
}

}  // namespace vanban::sign
