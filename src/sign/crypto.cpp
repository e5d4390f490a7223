#include "sign/crypto.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <ctime>

#include "base/error.hpp"
#include "sign/time.hpp"

namespace vanban::sign {

namespace {

// unique_ptr deleters for OpenSSL's free functions.
template <auto free_function>
struct Free {
  template <typename T>
  void operator()(T* object) const {
    free_function(object);
  }
};
void free_certificates(STACK_OF(X509) * stack) { sk_X509_pop_free(stack, X509_free); }
using BioPtr = std::unique_ptr<BIO, Free<BIO_free>>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, Free<CMS_ContentInfo_free>>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, Free<PKCS12_free>>;
using StorePtr = std::unique_ptr<X509_STORE, Free<X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Free<X509_STORE_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Free<EVP_MD_CTX_free>>;
using CertStack = std::unique_ptr<STACK_OF(X509), Free<free_certificates>>;

// The OpenSSL error queue as one line, then cleared (for developers; never contains key material).
std::string openssl_errors() {
  std::string out;
  unsigned long code = 0;
  while ((code = ERR_get_error()) != 0) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!out.empty()) out += "; ";
    out += buffer;
  }
  return out;
}

[[noreturn]] void fail(const std::string& what) { throw Error("OpenSSL: " + what + ": " + openssl_errors()); }

BioPtr memory_bio(std::string_view data) {
  if (data.size() > static_cast<std::size_t>(INT_MAX)) throw Error("OpenSSL: input too large");
  BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
  if (!bio) fail("BIO_new_mem_buf");
  return bio;
}

std::vector<X509Ptr> read_certificates(std::string_view pem) {
  std::vector<X509Ptr> out;
  const BioPtr bio = memory_bio(pem);
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) out.emplace_back(cert);
  ERR_clear_error();  // the end of the input reads as an error
  return out;
}

// Asks the front end once, however often OpenSSL's decoders call back; the copy is wiped afterwards.
struct PassphraseContext {
  const PassphraseSource* source = nullptr;
  bool asked = false;
  bool missing = false;
  std::string cached;
  ~PassphraseContext() { OPENSSL_cleanse(cached.data(), cached.size()); }
  bool get() {
    if (!asked) {
      asked = true;
      auto value = *source ? (*source)() : std::nullopt;
      if (!value) {
        missing = true;
      } else {
        cached = *value;
        OPENSSL_cleanse(value->data(), value->size());
      }
    }
    return !missing;
  }
};

int passphrase_callback(char* buffer, int size, int /*rwflag*/, void* user) {
  auto* context = static_cast<PassphraseContext*>(user);
  if (!context->get() || context->cached.size() > static_cast<std::size_t>(size)) return -1;
  std::memcpy(buffer, context->cached.data(), context->cached.size());
  return static_cast<int>(context->cached.size());
}

bool usable_key(const SourceLoc& file, Identity::Impl& impl, Diagnostics& diagnostics) {
  const int type = EVP_PKEY_get_base_id(impl.key.get());
  if (type != EVP_PKEY_RSA && type != EVP_PKEY_EC) {
    diagnostics.error("E0616", file, "loại khóa riêng không được hỗ trợ (chỉ RSA hoặc ECDSA)");
    return false;
  }
  if (X509_check_private_key(impl.certificate.get(), impl.key.get()) != 1) {
    ERR_clear_error();
    diagnostics.error("E0612", file, "khóa riêng không khớp với chứng thư số");
    return false;
  }
  return true;
}

std::string name_text(const X509_NAME* name) {
  const BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0) return "";
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string common_name(const X509_NAME* name) {
  const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (index < 0) return "";
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  const int size = ASN1_STRING_to_UTF8(&utf8, data);
  if (size < 0) return "";
  std::string out(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(size));
  OPENSSL_free(utf8);
  return out;
}

std::int64_t unix_time(const ASN1_TIME* time) {
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) return 0;
  Moment m;
  m.year = tm.tm_year + 1900;
  m.month = tm.tm_mon + 1;
  m.day = tm.tm_mday;
  m.hour = tm.tm_hour;
  m.minute = tm.tm_min;
  m.second = tm.tm_sec;
  m.offset_minutes = 0;
  return m.unix_seconds();
}

std::string hex(const unsigned char* data, std::size_t size, bool colons) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    if (colons && i > 0) out += ':';
    out += kHex[data[i] >> 4U];
    out += kHex[data[i] & 0xFU];
  }
  return out;
}

// DER length octets.
std::string der_length_octets(std::size_t length) {
  std::string out;
  if (length < 0x80) {
    out += static_cast<char>(length);
    return out;
  }
  std::string bytes;
  for (std::size_t v = length; v > 0; v >>= 8U) bytes.insert(bytes.begin(), static_cast<char>(v & 0xFFU));
  out += static_cast<char>(0x80U | bytes.size());
  return out + bytes;
}

// Signs `data` with the key and SHA-256 (PKCS#1 v1.5 for RSA, DER ECDSA for EC).
Bytes sign_bytes(EVP_PKEY* key, std::string_view data) {
  const MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1) fail("EVP_DigestSignInit");
  std::size_t size = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(data.data());
  if (EVP_DigestSign(ctx.get(), nullptr, &size, in, data.size()) != 1) fail("EVP_DigestSign");
  Bytes signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, in, data.size()) != 1)
    fail("EVP_DigestSign");
  signature.resize(size);
  return signature;
}

}  // namespace

// ---- identity ---------------------------------------------------------------------------------------

Identity::Identity(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Identity::~Identity() = default;

CertificateInfo Identity::certificate() const { return describe(impl_->certificate.get()); }

std::unique_ptr<Identity> Identity::from_pem(std::string_view key_pem, std::string_view cert_pem,
                                             std::string_view chain_pem, const PassphraseSource& passphrase,
                                             const SourceLoc& key_file, const SourceLoc& cert_file,
                                             Diagnostics& diagnostics) {
  auto impl = std::make_unique<Impl>();
  auto certificates = read_certificates(cert_pem);
  if (certificates.empty()) {
    diagnostics.error("E0614", cert_file, "không đọc được chứng thư số (cần tệp PEM \"BEGIN CERTIFICATE\")");
    return nullptr;
  }
  impl->certificate = std::move(certificates.front());
  for (std::size_t i = 1; i < certificates.size(); ++i) impl->chain.push_back(std::move(certificates[i]));
  if (!chain_pem.empty()) {
    auto chain = read_certificates(chain_pem);
    if (chain.empty()) {
      diagnostics.error("E0614", cert_file, "tệp chuỗi chứng thư (--chain) không có chứng thư PEM nào");
      return nullptr;
    }
    for (auto& cert : chain) impl->chain.push_back(std::move(cert));
  }
  PassphraseContext context;
  context.source = &passphrase;
  const BioPtr bio = memory_bio(key_pem);
  impl->key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, passphrase_callback, &context));
  ERR_clear_error();
  if (!impl->key) {
    if (context.missing)
      diagnostics.error("E0615", key_file,
                        "khóa riêng được mã hóa: cần mật khẩu (--pass-env BIẾN, hoặc nhập khi được hỏi)");
    else if (context.asked)
      diagnostics.error("E0611", key_file, "sai mật khẩu của khóa riêng");
    else
      diagnostics.error("E0610", key_file, "không đọc được khóa riêng (cần tệp PEM \"BEGIN PRIVATE KEY\")");
    return nullptr;
  }
  if (!usable_key(key_file, *impl, diagnostics)) return nullptr;
  return std::unique_ptr<Identity>(new Identity(std::move(impl)));
}

std::unique_ptr<Identity> Identity::from_pkcs12(std::string_view der, const PassphraseSource& passphrase,
                                                const SourceLoc& file, Diagnostics& diagnostics) {
  const BioPtr bio = memory_bio(der);
  const Pkcs12Ptr p12(d2i_PKCS12_bio(bio.get(), nullptr));
  if (!p12) {
    ERR_clear_error();
    diagnostics.error("E0614", file, "không đọc được tệp PKCS#12 (.p12/.pfx)");
    return nullptr;
  }
  PassphraseContext context;
  context.source = &passphrase;
  const char* password = nullptr;
  if (PKCS12_mac_present(p12.get()) != 0 && PKCS12_verify_mac(p12.get(), nullptr, 0) != 1) {
    if (PKCS12_verify_mac(p12.get(), "", 0) == 1) {
      password = "";
    } else {
      if (!context.get()) {
        diagnostics.error("E0615", file, "tệp PKCS#12 có mật khẩu: cần mật khẩu (--pass-env BIẾN, hoặc nhập khi được hỏi)");
        return nullptr;
      }
      if (PKCS12_verify_mac(p12.get(), context.cached.c_str(), static_cast<int>(context.cached.size())) != 1) {
        ERR_clear_error();
        diagnostics.error("E0611", file, "sai mật khẩu của tệp PKCS#12");
        return nullptr;
      }
      password = context.cached.c_str();
    }
  }
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  int parsed = PKCS12_parse(p12.get(), password, &key, &cert, &ca);
  if (parsed != 1) {
    // Files from older tools use RC2 or 3DES, which OpenSSL 3 keeps in its legacy provider.
    ERR_clear_error();
    OSSL_PROVIDER_load(nullptr, "default");
    if (OSSL_PROVIDER_load(nullptr, "legacy") != nullptr)
      parsed = PKCS12_parse(p12.get(), password, &key, &cert, &ca);
  }
  ERR_clear_error();
  auto impl = std::make_unique<Impl>();
  impl->key.reset(key);
  impl->certificate.reset(cert);
  const CertStack chain(ca);
  for (int i = 0; chain && i < sk_X509_num(chain.get()); ++i) {
    X509* c = sk_X509_value(chain.get(), i);
    X509_up_ref(c);
    impl->chain.emplace_back(c);
  }
  if (parsed != 1 || !impl->key || !impl->certificate) {
    diagnostics.error("E0610", file, "tệp PKCS#12 không có khóa riêng và chứng thư số dùng được");
    return nullptr;
  }
  if (!usable_key(file, *impl, diagnostics)) return nullptr;
  return std::unique_ptr<Identity>(new Identity(std::move(impl)));
}

// ---- certificates -----------------------------------------------------------------------------------

CertificateInfo describe(const X509* certificate) {
  CertificateInfo info;
  info.common_name = common_name(X509_get_subject_name(certificate));
  info.subject = name_text(X509_get_subject_name(certificate));
  info.issuer = name_text(X509_get_issuer_name(certificate));
  if (BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate), nullptr)) {
    if (char* text = BN_bn2hex(serial)) {
      info.serial = text;
      OPENSSL_free(text);
    }
    BN_free(serial);
  }
  info.not_before = unix_time(X509_get0_notBefore(certificate));
  info.not_after = unix_time(X509_get0_notAfter(certificate));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (X509_digest(certificate, EVP_sha256(), digest, &size) == 1) info.sha256 = hex(digest, size, true);
  return info;
}

bool allows_signing(const X509* certificate) {
  const std::uint32_t usage = X509_get_key_usage(const_cast<X509*>(certificate));
  return usage == UINT32_MAX || (usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) != 0;
}

// ---- making the CMS ---------------------------------------------------------------------------------

Bytes make_cms(const Identity::Impl& identity, std::string_view content) {
  const BioPtr data = memory_bio(content);
  const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP;
  const CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags | CMS_PARTIAL));
  if (!cms) fail("CMS_sign");
  // CMS_CADES with a SHA-2 digest adds ESS signingCertificateV2.
  CMS_SignerInfo* signer = CMS_add1_signer(cms.get(), identity.certificate.get(), identity.key.get(), EVP_sha256(),
                                           flags | CMS_CADES);
  if (signer == nullptr) fail("CMS_add1_signer");
  for (const auto& cert : identity.chain)
    if (CMS_add1_cert(cms.get(), cert.get()) != 1) fail("CMS_add1_cert");
  if (CMS_final(cms.get(), data.get(), nullptr, flags) != 1) fail("CMS_final");

  // OpenSSL 3.0 always adds signing-time, which PAdES baseline forbids (ETSI EN 319 142-1): remove it and
  // sign the remaining attributes again, in DER SET OF order (../shared/PDF-NOTES.md §C.2).
  const int at = CMS_signed_get_attr_by_NID(signer, NID_pkcs9_signingTime, -1);
  if (at >= 0) X509_ATTRIBUTE_free(CMS_signed_delete_attr(signer, at));
  std::vector<std::string> attributes;
  for (int i = 0; i < CMS_signed_get_attr_count(signer); ++i) {
    unsigned char* der = nullptr;
    const int size = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(signer, i), &der);
    if (size <= 0) fail("i2d_X509_ATTRIBUTE");
    attributes.emplace_back(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);
  }
  std::sort(attributes.begin(), attributes.end(), [](const std::string& a, const std::string& b) {
    const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
    return c != 0 ? c < 0 : a.size() < b.size();
  });
  std::string body;
  for (const auto& attribute : attributes) body += attribute;
  const std::string set = "\x31" + der_length_octets(body.size()) + body;
  const Bytes signature = sign_bytes(identity.key.get(), set);
  if (ASN1_STRING_set(CMS_SignerInfo_get0_signature(signer), signature.data(), static_cast<int>(signature.size())) != 1)
    fail("ASN1_STRING_set");

  unsigned char* der = nullptr;
  const int size = i2d_CMS_ContentInfo(cms.get(), &der);
  if (size <= 0) fail("i2d_CMS_ContentInfo");
  Bytes out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return out;
}

// ---- checking a CMS ---------------------------------------------------------------------------------

std::size_t der_length(std::string_view der) {
  if (der.size() < 2) return 0;
  const auto first = static_cast<unsigned char>(der[1]);
  std::size_t header = 2;
  std::size_t length = first;
  if (first >= 0x80) {
    const std::size_t count = first & 0x7FU;
    if (count == 0 || count > 4 || der.size() < 2 + count) return 0;
    length = 0;
    for (std::size_t i = 0; i < count; ++i) length = (length << 8U) | static_cast<unsigned char>(der[2 + i]);
    header += count;
  }
  if (length > der.size() - header) return 0;
  return header + length;
}

CmsFindings check_cms(std::string_view der, std::string_view content, const std::vector<Bytes>& roots,
                      std::int64_t at, std::int64_t now) {
  CmsFindings findings;
  if (der.empty() || der.size() > static_cast<std::size_t>(INT_MAX)) return findings;
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  const CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    ERR_clear_error();
    return findings;
  }
  STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms.get());
  if (signers == nullptr || sk_CMS_SignerInfo_num(signers) != 1 || CMS_set1_signers_certs(cms.get(), nullptr, 0) < 1) {
    ERR_clear_error();
    return findings;
  }
  CMS_SignerInfo* signer_info = sk_CMS_SignerInfo_value(signers, 0);
  X509* signer = nullptr;
  X509_ALGOR* digest_algorithm = nullptr;
  CMS_SignerInfo_get0_algs(signer_info, nullptr, &signer, &digest_algorithm, nullptr);
  if (signer == nullptr || digest_algorithm == nullptr) {
    ERR_clear_error();
    return findings;
  }
  findings.parsed = true;
  findings.signer = describe(signer);

  // Integrity: the digest of the signed ranges against the signed messageDigest attribute.
  const ASN1_OBJECT* digest_object = nullptr;
  X509_ALGOR_get0(&digest_object, nullptr, nullptr, digest_algorithm);
  const EVP_MD* md = EVP_get_digestbyobj(digest_object);
  const auto* signed_digest = static_cast<const ASN1_OCTET_STRING*>(CMS_signed_get0_data_by_OBJ(
      signer_info, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
  findings.integrity = Check::failed;
  if (md != nullptr) {
    findings.digest = OBJ_nid2sn(EVP_MD_get_type(md));
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (signed_digest != nullptr && EVP_Digest(content.data(), content.size(), digest, &size, md, nullptr) == 1 &&
        static_cast<unsigned>(ASN1_STRING_length(signed_digest)) == size &&
        std::memcmp(ASN1_STRING_get0_data(signed_digest), digest, size) == 0)
      findings.integrity = Check::passed;
  }

  // The signature over the signed attributes, then OpenSSL's whole check (ESS signing certificate included).
  findings.signature = CMS_SignerInfo_verify(signer_info) == 1 ? Check::passed : Check::failed;
  if (findings.signature == Check::passed && findings.integrity == Check::passed) {
    const BioPtr data = memory_bio(content);
    if (CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1)
      findings.signature = Check::failed;
  }
  ERR_clear_error();

  if (const int index = CMS_signed_get_attr_by_NID(signer_info, NID_pkcs9_signingTime, -1); index >= 0) {
    const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(signer_info, index), 0);
    if (value != nullptr && (value->type == V_ASN1_UTCTIME || value->type == V_ASN1_GENERALIZEDTIME))
      findings.signing_time = unix_time(value->value.asn1_string);
  }
  findings.signing_certificate_v2 =
      CMS_signed_get_attr_by_NID(signer_info, NID_id_smime_aa_signingCertificateV2, -1) >= 0;

  if (!roots.empty()) {
    const StorePtr store(X509_STORE_new());
    if (!store) fail("X509_STORE_new");
    for (const auto& pem : roots)
      for (const auto& cert : read_certificates(pem)) X509_STORE_add_cert(store.get(), cert.get());
    const CertStack untrusted(CMS_get1_certs(cms.get()));
    const auto verify_at = [&](std::int64_t when, int& error) {
      const StoreCtxPtr ctx(X509_STORE_CTX_new());
      if (!ctx || X509_STORE_CTX_init(ctx.get(), store.get(), signer, untrusted.get()) != 1) fail("X509_STORE_CTX_init");
      X509_STORE_CTX_set_time(ctx.get(), 0, static_cast<time_t>(when));
      const bool ok = X509_verify_cert(ctx.get()) == 1;
      error = X509_STORE_CTX_get_error(ctx.get());
      return ok;
    };
    int error = 0;
    if (verify_at(at, error)) {
      findings.chain = Check::passed;
      int later = 0;
      findings.expired_now = !verify_at(now, later) && later == X509_V_ERR_CERT_HAS_EXPIRED;
    } else {
      findings.chain = Check::failed;
      findings.chain_problem = X509_verify_cert_error_string(error);
    }
    ERR_clear_error();
  }
  return findings;
}

}  // namespace vanban::sign
