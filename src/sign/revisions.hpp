#pragma once
// Internal to sign: what the incremental updates after an earlier revision changed, weighed against what may change
// once a document is signed: validation data (a DSS), and — for a document signed elsewhere — signatures (their
// fields, widgets and appearances). Anything else (a page's content or resources, an annotation that is not a
// signature, an object removed) changes the document.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sign/pdf_objects.hpp"

namespace vanban::sign {

/// What the updates may add.
enum class UpdatePolicy {
  validation_data,  ///< only a DSS (the catalog's /DSS, /Extensions, and new objects)
  signatures,       ///< a DSS, and signatures in new or empty signature fields (DocMDP P=2, and no certification)
  annotations,      ///< a DSS, signatures, and new annotations on the pages (DocMDP P=3)
};

/// What the updates after an earlier revision changed: objects added and rewritten, counted by kind ("/Annot",
/// "/Catalog", "luồng dữ liệu", …), objects removed, and the changes the policy does not allow.
struct RevisionChanges {
  std::map<std::string, std::size_t> added;
  std::map<std::string, std::size_t> changed;
  std::size_t removed = 0;
  std::vector<std::string> disallowed;  ///< for people (Vietnamese); empty when every change is allowed
  /// "thêm 2 đối tượng (1 /Annot, 1 luồng dữ liệu); sửa 1 đối tượng (/Catalog)", for people; "" when nothing changed.
  [[nodiscard]] std::string summary() const;
};

/// The changes from `before` (an earlier revision of the file `after` reads) to `after`, weighed by the policy.
RevisionChanges compare_revisions(const PdfFile& before, const PdfFile& after, UpdatePolicy policy);

/// The changes from `before` to `after` that the policy does not allow, described for people (Vietnamese); empty when
/// every change is allowed.
std::vector<std::string> disallowed_changes(const PdfFile& before, const PdfFile& after, UpdatePolicy policy);

/// The DocMDP permission of a certification signature (/Perms /DocMDP … /TransformParams /P: 1, 2 or 3); nullopt for
/// a document that is not certified.
std::optional<int> certification_level(const PdfFile& file);

/// What may change after a signature, by the document's certification: P=1 only validation data, P=3 annotations
/// too; P=2 and a document that is not certified (our choice: as P=2) validation data and signatures.
UpdatePolicy policy_after_signing(const PdfFile& file);

}  // namespace vanban::sign
