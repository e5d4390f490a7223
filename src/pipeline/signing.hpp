#pragma once
// Signing a PDF, the same for every front end: the request checked once (which key — files or a PKCS#11 token —,
// which appearance, which image, which PAdES level), the key files read and their secrets wiped, the font of the text
// appearance taken from the resources, then sign. One step with a key at hand, or two (prepare, then complete with a
// signature made elsewhere) for a key the server never sees; B-T and B-LT add a time-stamp and validation data. The
// front end supplies the clock (read once) and the passphrase or PIN (environment or terminal).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "pipeline/engine.hpp"
#include "pipeline/installation.hpp"
#include "pipeline/trust.hpp"
#include "sign/signing.hpp"
#include "sign/time.hpp"

namespace vanban::pipeline {

/// Where the signer's key comes from: a PEM key and certificate (and chain), one PKCS#12 file, or a key on a PKCS#11
/// token (its certificate and chain from the token, unless certificate files are named).
struct KeyFiles {
  std::optional<std::filesystem::path> key;
  std::optional<std::filesystem::path> certificate;
  std::optional<std::filesystem::path> chain;
  std::optional<std::filesystem::path> pkcs12;
  std::optional<std::string> pkcs11;                   ///< RFC 7512 URI of the key on a token
  std::optional<std::filesystem::path> pkcs11_module;  ///< the token's PKCS#11 module (the configuration's)
};

/// The PAdES baseline level of a signature.
enum class Level { b_b, b_t, b_lt };

/// A signing request as the front end received it.
struct SigningRequest {
  KeyFiles keys;
  std::optional<std::string> appearance;  ///< "signer", "agency" or "none"; default: signer with an image, else none
  std::optional<std::filesystem::path> image;
  std::string field;
  std::string reason;
  std::string location;
  std::string document_number;  ///< số/ký hiệu for the text appearance of an attachment
  bool allow_expired = false;
  std::optional<std::string> level;              ///< "B-B", "B-T", "B-LT"; default: B-T with a TSA, else B-B
  std::optional<std::string> tsa;                ///< the time-stamping authority's URL (the configuration's)
  std::optional<std::string> timeout;            ///< seconds for each request to the TSA or for revocation data
  std::vector<std::filesystem::path> crl_files;  ///< revocation data given (B-LT); the rest is fetched
  std::vector<std::filesystem::path> ocsp_files;
  TrustSources trust;  ///< anchors the chain must reach (B-LT)
};

/// Which step a request is for.
enum class SigningStep {
  one_step,  ///< a key at hand: files or a token
  prepare,   ///< the certificate only (the key is elsewhere)
  complete,  ///< the signature made elsewhere: no key, no appearance (decided when preparing)
};

/// The configuration's settings for what the request leaves out: [signing] tsa and timeout, [signing] pkcs11_module for
/// a key on a token, and (at B-LT) the trust anchors of trust_sources. Throws RequestError for a level that is none.
void apply_defaults(SigningRequest& request, const Configuration& configuration);

/// Checks the combination of options for the step (one key source; an image exactly when the appearance draws one;
/// a module and a usable URI for a token; a TSA for B-T and B-LT; revocation files only for B-LT); throws RequestError
/// naming the options.
void check_signing_request(const SigningRequest& request, SigningStep step = SigningStep::one_step);

/// The level the request asks for (checked).
Level requested_level(const SigningRequest& request);

/// Loads the signer's identity from its files or token (secret bytes wiped after use; a PIN asked at most once);
/// nullptr with diagnostics (E0100 a file that cannot be read, E0610–E0617 keys and certificates, E0670–E0677 tokens).
std::unique_ptr<sign::Identity> load_identity(const KeyFiles& keys, const sign::PassphraseSource& passphrase,
                                              Diagnostics& diagnostics);

/// Loads the certificate (and chain) a signature will be prepared for; nullopt with diagnostics (E0100, E0614).
std::optional<sign::SignerCertificates> load_certificates(const KeyFiles& keys, Diagnostics& diagnostics);

/// Signs `pdf` (named `file` in messages) at `time`: reads the image, takes the font of the text appearance from
/// `resources`, appends the signature, then the time-stamp and validation data the level asks for. nullopt with
/// diagnostics when the input is refused. Takes `pdf` and lets it go once prepared: a document is held at most twice.
std::optional<Bytes> sign_document(Bytes pdf, const std::string& file, const sign::Identity& identity,
                                   const SigningRequest& request, const sign::Moment& time,
                                   const ResourcePaths& resources, Diagnostics& diagnostics);

/// The first step of two: `pdf` with the room of a signature by `certificates` (appearance, field and checks as for
/// sign_document), and the data its key must sign.
std::optional<sign::PreparedSignature> prepare_document(std::string_view pdf, const std::string& file,
                                                        const sign::SignerCertificates& certificates,
                                                        const SigningRequest& request, const sign::Moment& time,
                                                        const ResourcePaths& resources, Diagnostics& diagnostics);

/// What the signer's key signs, as a front end shows it (lower-case hexadecimal): the SHA-256 of the signed attributes
/// (what a token or `openssl pkeyutl` signs) and the DER signed attributes themselves.
struct DataToSign {
  std::string digest;
  std::string to_be_signed;
};
/// The data to sign of a prepared document.
DataToSign data_to_sign(const sign::PreparedSignature& prepared);

/// The second step: `prepared` completed with `signature` (made elsewhere over what prepare_document gave), then the
/// time-stamp and validation data the level asks for. Byte for byte what sign_document gives at B-B for the same key
/// and time. nullopt with diagnostics (E0695–E0697, E0680–E0684). Completes `prepared` in place.
std::optional<Bytes> complete_document(Bytes prepared, const std::string& file, std::string_view signature,
                                       const SigningRequest& request, Diagnostics& diagnostics);

}  // namespace vanban::pipeline
