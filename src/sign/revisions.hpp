#pragma once
// Internal to sign: what the incremental updates after an earlier revision changed, weighed against what may change
// once a document is signed: validation data (a DSS), and — for a document signed elsewhere — signatures (their
// fields, widgets and appearances). Anything else (a page's content or resources, an annotation that is not a
// signature, an object removed) changes the document.

#include <string>
#include <vector>

#include "sign/pdf_objects.hpp"

namespace vanban::sign {

/// What the updates may add.
enum class UpdatePolicy {
  validation_data,  ///< only a DSS (the catalog's /DSS, /Extensions, and new objects)
  signatures,       ///< a DSS, and signatures in new or empty signature fields
};

/// The changes from `before` (an earlier revision of the file `after` reads) to `after` that the policy does not
/// allow, described for people (Vietnamese); empty when every change is allowed.
std::vector<std::string> disallowed_changes(const PdfFile& before, const PdfFile& after, UpdatePolicy policy);

}  // namespace vanban::sign
