#pragma once
// The context a template sees, built in C++ from the typed case: convenient names and derived values,
// so that a template never computes. The fields are listed in templates/README.md.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "base/diagnostics.hpp"
#include "model/case.hpp"
#include "model/ledger.hpp"
#include "model/office.hpp"
#include "rules/law.hpp"
#include "templating/template.hpp"
#include "templating/value.hpp"

namespace vanban::templating {

/// What a rendering knows: the case as it stood on the document's date, and what the request adds; chosen by the
/// front end (through pipeline), never read from the environment.
struct RenderInput {
  /// A request for the case of `ledger` on its date, with no number, the default signer and no parameters.
  explicit RenderInput(model::Ledger on_date) : ledger(std::move(on_date)) {}

  model::Ledger ledger;                  ///< the case on the document's date; that date picks the legal regime
  std::string number;                    ///< số, "" in a draft
  std::optional<std::string> signer_id;  ///< officer who signs; default: the decision's signer, else the head
  std::map<std::string, std::string, std::less<>> parameters;  ///< --set key=value, already checked
  const model::OfficeProfile* office = nullptr;                ///< the office's profile (`office.*`), when there is one
  /// Rendering stops once the document's finished paragraphs hold more characters than this (0: never): the document
  /// cannot fit any more, and what is written so far is returned whole-block, so that layout refuses it (E0503) at the
  /// same field as it would the whole document, without the rest ever being written.
  std::size_t stop_beyond_characters = 0;

  /// The document's date: the ledger's.
  [[nodiscard]] model::Date date() const { return ledger.as_of(); }
};

/// Builds the context for the case of `input.ledger`. `parameters` are those the template declares ({@param}); the
/// values given in `input.parameters` are checked against them. Input problems (unknown signer, no regime for the date,
/// a bad or missing parameter) are reported. The context refers to the case's texts: it must not outlive the case.
Value build_context(const RenderInput& input, const rules::Law& law, const Template& document_template,
                    const std::vector<Parameter>& parameters, Diagnostics& diagnostics);

/// The contexts of one case for many templates (the template check): the fields no template changes (all but
/// `params`, `signer` and `document`) are built once, so that each template's context costs only its own fields.
class CaseContext {
 public:
  /// Builds the shared fields for the case of `input` (its `parameters` are not used); their problems go to
  /// `diagnostics`. The contexts refer to the case's texts: they must not outlive the case.
  CaseContext(RenderInput input, const rules::Law& law, Diagnostics& diagnostics);
  CaseContext(const CaseContext&) = delete;
  CaseContext& operator=(const CaseContext&) = delete;

  /// The context build_context gives for this case with `values` as the request's parameters, for `document_template`
  /// declaring `parameters`; the problems of the template's own fields go to `diagnostics`.
  Value for_template(const Template& document_template, const std::vector<Parameter>& parameters,
                     std::map<std::string, std::string, std::less<>> values, Diagnostics& diagnostics);

 private:
  RenderInput input_;
  const rules::Law& law_;
  Object shared_;  ///< the fields no template changes
};

/// The parameter every template accepts: `signing` overrides the signing authority (KT., Q., TL., TUQ., TM.).
inline constexpr const char* kSigningParameter = "signing";

/// "ông", "bà", or "" when the gender is not known (never a placeholder such as "ông/bà").
std::string honorific(model::Gender gender);
/// `name` after its honorific ("ông Lê Văn A"), or `name` alone when the gender is not known.
std::string with_honorific(model::Gender gender, const std::string& name);

/// Signature authority lines (Nghị định 30, box 7a). Automatic: "Phó Chi cục trưởng" signs
/// {"KT. CHI CỤC TRƯỞNG", "PHÓ CHI CỤC TRƯỞNG"}; "Quyền Chi cục trưởng" signs {"Q. CHI CỤC TRƯỞNG"}; the head
/// signs {"CHI CỤC TRƯỞNG"}. With `prefix` TL./TUQ. the first line names `on_behalf_of` (the head's title),
/// with TM. the collective body, and the second line is the signer's own title.
std::vector<std::string> authority_lines(const std::string& position, const std::string& prefix = {},
                                         const std::string& on_behalf_of = {});

/// The police, finance and procuracy of `agency`'s level as its name implies them ("Chi cục … huyện X, tỉnh Y":
/// "Công an huyện X, tỉnh Y"…), each "" when the name implies none or that body does not exist on `date`
/// (rules/law.xml <body>).
model::AddressedBodies level_bodies(const model::Agency& agency, const rules::LawBook& law, model::Date date);

/// The agency directly above `agency` on `date` as written in a sentence (rules/law.xml <body> <superior>: "Cục Thi
/// hành án dân sự tỉnh Nghệ An" above a Chi cục, "Cục Quản lý thi hành án dân sự" above a provincial agency); "" when
/// the law data does not say.
std::string superior_agency(const model::Agency& agency, const rules::LawBook& law, model::Date date);

/// The deciding authority as a decision names it: "CHI CỤC TRƯỞNG CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN QUỲ HỢP".
std::string deciding_authority(const std::string& head_position, const model::Agency& agency);

}  // namespace vanban::templating
