#pragma once
// Internal to templating: evaluates a template tree against a context into a doc::Document.

#include <optional>

#include "base/diagnostics.hpp"
#include "doc/document.hpp"
#include "model/case.hpp"
#include "templating/context.hpp"
#include "templating/template.hpp"

namespace vanban::templating {

class TemplateSet;

/// Renders `document_template` (which declares {@document}) for the case of `input`, whose context is `context`;
/// errors go to `diagnostics`.
std::optional<doc::Document> render_document(const TemplateSet& set, const Template& document_template,
                                             const Value& context, const RenderInput& input, Diagnostics& diagnostics);

}  // namespace vanban::templating
