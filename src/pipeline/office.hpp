#pragma once
// The one place a case meets its office profile (before templating): a case that omits its agency or officers takes
// the profile's on the document's date; one that carries its own keeps them, with a warning where they disagree.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "base/diagnostics.hpp"
#include "model/case.hpp"
#include "model/date.hpp"
#include "model/office.hpp"

namespace vanban::rules {
class LawBook;
}

namespace vanban::pipeline {

/// Completes `the_case` for a document dated `date`: a name the profile's [office.mapping] names is replaced by its
/// successor; `completed` is set to a copy with the profile's agency and
/// officers when the case has none (and left empty when the case is complete). Returns false with E0317 when the case
/// lacks them and `office` cannot give them, or E0318 when the case names an officer the profile does not have on
/// that date; W0319 at the case's own agency or officer where it disagrees with the profile.
bool complete_case(const model::Case& the_case, const model::OfficeProfile* office, model::Date date,
                   std::shared_ptr<const model::Case>& completed, Diagnostics& diagnostics);

/// Checks that every body `the_case` names exists on `date` (rules/law.xml <body>): its agency, parent, ký hiệu and
/// officers' positions on the document's date, each judgment's court on the judgment's date, and the police, finance
/// and procuracy of `office` on the document's date. Returns false with E0320 at each name that does not exist then,
/// naming what exists instead.
bool check_bodies(const model::Case& the_case, const rules::LawBook& law, const model::OfficeProfile* office,
                  model::Date date, Diagnostics& diagnostics);

/// The image the office profile names for a signature: the seal (`seal`) or the signature of the officer
/// `officer_id`. Throws RequestError when there is no profile or it names no such image.
std::filesystem::path office_image(const model::OfficeProfile* office, bool seal,
                                   const std::optional<std::string>& officer_id);

}  // namespace vanban::pipeline
