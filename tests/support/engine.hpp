#pragma once
// One Engine on the project's resources and the sample office profile (support/office.hpp), loaded once per test
// process (tests that need one but not its loading).

#include <memory>
#include <optional>
#include <stdexcept>

#include "pipeline/engine.hpp"
#include "support/office.hpp"
#include "support/paths.hpp"

namespace vanban::test {

/// The Engine on the source tree's resources; throws when they do not load.
inline const pipeline::Engine& shared_engine() {
  static const auto loaded = [] {
    Diagnostics diagnostics;
    auto made = pipeline::Engine::load(pipeline::ResourcePaths::under(source_dir()), diagnostics, sample_office());
    if (!made) throw std::runtime_error(diagnostics.to_string());
    return made;
  }();
  return *loaded;
}

/// The Engine on the source tree's resources with `office` as the office profile (nullopt: no configuration file);
/// throws when they do not load.
inline std::unique_ptr<pipeline::Engine> engine_with(std::optional<model::OfficeProfile> office) {
  Diagnostics diagnostics;
  auto made = pipeline::Engine::load(pipeline::ResourcePaths::under(source_dir()), diagnostics, std::move(office));
  if (!made) throw std::runtime_error(diagnostics.to_string());
  return made;
}

/// The Engine of an office without a configuration file, loaded once.
inline const pipeline::Engine& unconfigured_engine() {
  static const auto engine = engine_with(std::nullopt);
  return *engine;
}

}  // namespace vanban::test
