#pragma once
// The context a template sees, built in C++ from the typed case: convenient names and derived values,
// so that a template never computes. The fields are listed in templates/README.md.

#include <map>
#include <optional>
#include <string>

#include "base/diagnostics.hpp"
#include "model/case.hpp"
#include "rules/law_book.hpp"
#include "templating/value.hpp"

namespace vanban::templating {

/// What a rendering knows besides the case; chosen by the front end, never read from the environment.
struct RenderInput {
  model::Date date;                       ///< the document date; it picks the legal regime
  std::string number;                     ///< số, "" in a draft
  std::optional<std::string> signer_id;   ///< officer who signs; default: the decision's signer, else the head
  std::map<std::string, std::string, std::less<>> parameters;  ///< --set key=value, already checked
};

/// Builds the context for one case. Input problems (unknown signer, no regime for the date) are reported.
Value build_context(const model::Case& the_case, const RenderInput& input, const rules::LawBook& law,
                    const std::string& template_name, Diagnostics& diagnostics);

/// "ông", "bà", or "ông/bà" when the gender is not known.
std::string honorific(model::Gender gender);

/// Signature authority lines for a signer's position: "Phó Chi cục trưởng" → {"KT. CHI CỤC TRƯỞNG",
/// "PHÓ CHI CỤC TRƯỞNG"}; "Chi cục trưởng" → {"CHI CỤC TRƯỞNG"}.
std::vector<std::string> authority_lines(const std::string& position);

/// The deciding authority as a decision names it: "CHI CỤC TRƯỞNG CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUỲ HỢP".
std::string deciding_authority(const std::string& head_position, const model::Agency& agency);

}  // namespace vanban::templating
