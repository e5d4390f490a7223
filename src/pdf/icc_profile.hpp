#pragma once
// Internal to pdf: the ICC profile of the PDF/A OutputIntent, made in code so that no file outside the
// repository (and no licence question) enters the output, and the bytes never change with a package version.

#include "base/bytes.hpp"

namespace vanban::pdf {

/// A display-class ICC v2.1 profile of sRGB (IEC 61966-2-1): D50-adapted colorants, D65 media white point, and
/// one 256-entry tone curve shared by the three channels. Always the same bytes.
Bytes srgb_icc_profile();

}  // namespace vanban::pdf
