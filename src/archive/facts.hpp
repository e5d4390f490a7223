#pragma once
// What the front end finds out about a document before it is archived, and again when the archive is verified:
// the outcome of each signature (from the sign module) and the metadata (from the PDF's XMP and the case file).
// The archive decides from these facts; it never reads a signature or a PDF's structure itself.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "model/document_metadata.hpp"

namespace vanban::archive {

/// How a document's signatures stand, worst first.
enum class SignatureStatus {
  broken,             ///< a signature does not match the bytes it claims to sign: never archived
  invalid,            ///< intact, but not valid otherwise (certificate not valid when signed, content appended…)
  unsigned_document,  ///< no signature at all
  untrusted,          ///< every signature intact and valid, some not anchored in the trust anchors
  trusted,            ///< every signature intact, valid and anchored
};

/// The word stored and printed for a status: "broken", "invalid", "unsigned", "untrusted", "trusted".
std::string_view status_name(SignatureStatus status);
/// The status a stored word names; nullopt for anything else.
std::optional<SignatureStatus> status_from_name(std::string_view name);

/// One signature as the front end's verifier found it.
struct SignatureFacts {
  std::string field;              ///< the signature field's name
  std::string signer;             ///< the certificate's common name
  std::string certificate;        ///< the certificate's SHA-256 fingerprint
  std::string signed_at;          ///< ISO 8601, "" when the signature states no time
  bool intact = false;            ///< the digest, the CMS signature and the byte range (a whole revision) hold
  bool anchored = false;          ///< the certificate chains to one of the trust anchors
  std::string level;              ///< the PAdES level reached: "B-B", "B-T", "B-LT"; "" when not PAdES baseline
  std::vector<Finding> problems;  ///< what else makes it invalid (coded, Vietnamese); not about the two above
};

/// Every signature of a document.
struct SignatureCheck {
  std::vector<SignatureFacts> signatures;
  std::size_t appended_bytes = 0;  ///< bytes after the last signature's revision
};

/// The status the facts amount to.
SignatureStatus classify(const SignatureCheck& check);

/// A party (đương sự) of the case, as the case file names it.
struct Party {
  std::string role;  ///< "debtor", "creditor" or "related"
  std::string name;
};

/// Everything the archive records about a document besides its bytes.
struct DocumentFacts {
  SignatureCheck signatures;
  model::DocumentMetadata metadata;   ///< from the PDF's XMP (empty fields when it has none)
  std::string case_id;                ///< the case file's id, else the metadata's
  std::vector<Party> parties;         ///< from the case file (--case)
  std::vector<std::string> warnings;  ///< the front end's own warnings to record (Vietnamese)
};

/// Verifies a stored PDF's signatures again (with the archive's trust anchors and the front end's clock);
/// nullopt when the file cannot be read as a PDF at all.
using SignatureChecker = std::function<std::optional<SignatureCheck>(std::string_view pdf)>;

}  // namespace vanban::archive
