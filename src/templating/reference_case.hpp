#pragma once
// Internal to templating: a synthetic case in which every optional field is present and every list has an
// element, so that building its context yields every field a template may name. The static checker walks
// templates against it.

#include "model/case.hpp"
#include "model/office.hpp"

namespace vanban::templating {

/// The reference case (invented data).
model::Case reference_case();

/// An office profile with every field set, for checking templates that read `office.*`.
model::OfficeProfile reference_office();

}  // namespace vanban::templating
