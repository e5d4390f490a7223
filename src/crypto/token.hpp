#pragma once
// Keys that never leave a PKCS#11 token (an officer's USB token, an agency's HSM), reached through OpenSSL with
// libp11's engine (libengine-pkcs11-openssl): the key named by an RFC 7512 URI, the PIN asked once and never tried
// again by the tool (a token locks after a few wrong tries), the certificates the token holds read with libp11.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"
#include "crypto/key.hpp"
#include "crypto/x509.hpp"

namespace vanban::crypto {

/// The attributes of an RFC 7512 URI ("pkcs11:token=…;object=…") that name a token and a key on it.
struct Pkcs11Uri {
  std::string token;  ///< token=: the token's label
  std::string manufacturer;
  std::string serial;
  std::string model;
  std::string object;  ///< object=: the key's label
  Bytes id;            ///< id=: the key's CKA_ID
};

/// Why a URI cannot be used.
enum class UriProblem {
  not_pkcs11,         ///< it does not start with "pkcs11:"
  malformed,          ///< a bad %-escape, an attribute without "=", an attribute twice, a type other than a key's
  carries_pin,        ///< pin-value= or pin-source=: a PIN is never taken from the command line
  unknown_attribute,  ///< an attribute this tool does not use (module-path=: the module is named separately)
};

/// Parses an RFC 7512 URI; nullopt with `problem` set when it cannot be used.
std::optional<Pkcs11Uri> parse_pkcs11_uri(std::string_view text, UriProblem& problem);

/// Why a token's key could not be had.
enum class TokenProblem {
  module_unusable,  ///< the PKCS#11 module cannot be loaded or initialised
  engine_missing,   ///< OpenSSL cannot load libp11's engine "pkcs11"
  token_missing,    ///< no initialised token matches the URI (not plugged in?)
  token_ambiguous,  ///< several tokens match the URI
  key_missing,      ///< no private key on the token matches the URI
  pin_missing,      ///< the PIN source had no PIN
  pin_wrong,        ///< the token refused the PIN (or its length)
  pin_locked,       ///< the token's PIN is locked
  token_failed,     ///< the token stopped answering (removed)
};

/// What a token gives for signing.
struct TokenContents {
  PrivateKey key;                         ///< signs on the token
  std::vector<Certificate> certificates;  ///< every certificate on the token, in the token's order
};

/// Opens the key the URI names on a token of the PKCS#11 `module`, asking `pin` at most once (and only when the token
/// needs a login). The key stays usable while the returned contents live. nullopt with `problem` set otherwise.
std::optional<TokenContents> open_token(const Pkcs11Uri& uri, const std::string& module, const PassphraseSource& pin,
                                        TokenProblem& problem);

}  // namespace vanban::crypto
