#include "crypto/handles.hpp"

#include <openssl/err.h>

#include <climits>

#include "base/error.hpp"
#include "base/hex.hpp"

namespace vanban::crypto {

void free_certificates(STACK_OF(X509) * stack) { sk_X509_pop_free(stack, X509_free); }

void free_stack(STACK_OF(X509) * stack) { sk_X509_free(stack); }

Certificate share_certificate(X509* x509) {
  if (X509_up_ref(x509) != 1) fail("X509_up_ref");
  auto impl = std::make_shared<Certificate::Impl>();
  impl->x509.reset(x509);
  return Certificate(std::move(impl));
}

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

void fail(const std::string& what) { throw Error(errors::kLibrary, "OpenSSL: " + what + ": " + openssl_errors()); }

BioPtr memory_bio(std::string_view data) {
  if (data.size() > static_cast<std::size_t>(INT_MAX)) throw Error(errors::kLibrary, "OpenSSL: input too large");
  BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
  if (!bio) fail("BIO_new_mem_buf");
  return bio;
}

std::string hex(const unsigned char* data, std::size_t size, bool upper, char separator) {
  std::string out;
  out.reserve(size * 3);
  for (std::size_t i = 0; i < size; ++i) {
    if (separator != 0 && i > 0) out += separator;
    hex::append_byte(out, data[i], upper ? hex::Letters::upper : hex::Letters::lower);
  }
  return out;
}

}  // namespace vanban::crypto
