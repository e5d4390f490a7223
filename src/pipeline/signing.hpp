#pragma once
// Signing a PDF, the same for every front end: the request checked once (which key, which appearance, which image),
// the key files read and their secrets wiped, the font of the text appearance taken from the resources, then sign.
// The front end supplies the clock (read once) and the passphrase (environment or terminal).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostics.hpp"
#include "pipeline/engine.hpp"
#include "sign/signing.hpp"
#include "sign/time.hpp"

namespace vanban::pipeline {

/// Where the signer's key comes from: a PEM key and certificate (and chain), or one PKCS#12 file.
struct KeyFiles {
  std::optional<std::filesystem::path> key;
  std::optional<std::filesystem::path> certificate;
  std::optional<std::filesystem::path> chain;
  std::optional<std::filesystem::path> pkcs12;
};

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
};

/// Checks the combination of options (either key and certificate or PKCS#12; an image exactly when the appearance
/// draws one); throws RequestError naming the options.
void check_signing_request(const SigningRequest& request);

/// Loads the signer's identity from its files (secret bytes wiped after use); nullptr with diagnostics (E0100 a file
/// that cannot be read, E0610–E0617 keys and certificates).
std::unique_ptr<sign::Identity> load_identity(const KeyFiles& keys, const sign::PassphraseSource& passphrase,
                                              Diagnostics& diagnostics);

/// Signs `pdf` (named `file` in messages) at `time`: reads the image, takes the font of the text appearance from
/// `resources`, and appends the signature. nullopt with diagnostics when the input is refused.
std::optional<Bytes> sign_document(std::string_view pdf, const std::string& file, const sign::Identity& identity,
                                   const SigningRequest& request, const sign::Moment& time,
                                   const ResourcePaths& resources, Diagnostics& diagnostics);

}  // namespace vanban::pipeline
