// Loading an Identity through vanban::crypto; this module turns what crypto found into diagnostics.

#include "sign/identity.hpp"

#include <array>
#include <cstddef>
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

}  // namespace

std::unique_ptr<Identity> Identity::from_pem(std::string_view key_pem, std::string_view cert_pem,
                                             std::string_view chain_pem, const PassphraseSource& passphrase,
                                             const SourceLoc& key_file, const SourceLoc& cert_file,
                                             Diagnostics& diagnostics) {
  auto certificates = crypto::read_certificates(cert_pem);
  if (certificates.empty()) {
    diagnostics.error("E0614", cert_file, "không đọc được chứng thư số (cần tệp PEM \"BEGIN CERTIFICATE\")");
    return nullptr;
  }
  std::vector<crypto::Certificate> chain(certificates.begin() + 1, certificates.end());
  if (!chain_pem.empty()) {
    const auto more = crypto::read_certificates(chain_pem);
    if (more.empty()) {
      diagnostics.error("E0614", cert_file, "tệp chuỗi chứng thư (--chain) không có chứng thư PEM nào");
      return nullptr;
    }
    chain.insert(chain.end(), more.begin(), more.end());
  }
  crypto::KeyProblem problem{};
  auto key = crypto::read_private_key(key_pem, passphrase, problem);
  if (!key) {
    report(problem, kPemKey, key_file, diagnostics);
    return nullptr;
  }
  if (!usable_key(*key, certificates.front(), key_file, diagnostics)) return nullptr;
  return std::unique_ptr<Identity>(new Identity(std::move(*key), certificates.front(), std::move(chain)));
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
  return std::unique_ptr<Identity>(
      new Identity(std::move(contents->key), std::move(contents->certificate), std::move(contents->chain)));
}

}  // namespace vanban::sign
