#pragma once
// What a request refused says: pipeline's RequestError, caught.

#include <functional>
#include <string>

#include "pipeline/request.hpp"

namespace vanban::test {

/// The message of the RequestError `call` throws; "" when it throws none.
inline std::string refusal(const std::function<void()>& call) {
  try {
    call();
  } catch (const pipeline::RequestError& error) {
    return error.what();
  }
  return "";
}

}  // namespace vanban::test
