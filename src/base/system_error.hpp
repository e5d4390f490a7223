#pragma once
// What the operating system said, in Vietnamese: strerror's English ("No space left on device") never reaches a clerk.

#include <string>
#include <system_error>

namespace vanban {

/// A Vietnamese description of an errno value ("ổ đĩa đã đầy (ENOSPC)"); the symbolic name is kept for the
/// administrator.
std::string system_error_text(int error_number);

/// The same for an error code of the standard library (std::filesystem): its errno value when it has one.
std::string system_error_text(const std::error_code& error);

}  // namespace vanban
