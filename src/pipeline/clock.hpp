#pragma once
// The clock of Vietnam (UTC+7 all year), for the front ends: each reads it once per command or request and puts the
// moment into the request; no stage calls these.

#include "model/date.hpp"
#include "sign/time.hpp"

namespace vanban::pipeline {

/// The moment now in Vietnam (UTC+7).
sign::Moment now_in_vietnam();

/// Today's date in Vietnam (UTC+7).
model::Date today_in_vietnam();

/// The date of a moment, in its own offset.
model::Date date_of(const sign::Moment& moment);

}  // namespace vanban::pipeline
