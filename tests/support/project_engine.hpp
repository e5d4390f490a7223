#pragma once
// The engine of the project's own resources (templates, law data, schemas, fonts), loaded once per test program.

#include <gtest/gtest.h>

#include "pipeline/engine.hpp"
#include "support/paths.hpp"

namespace vanban::test {

/// The engine over the source tree's resources, without an office profile; fails the test when it does not load.
inline const pipeline::Engine& project_engine() {
  static const auto loaded = [] {
    Diagnostics diagnostics;
    auto engine = pipeline::Engine::load(pipeline::ResourcePaths::under(source_dir()), diagnostics);
    EXPECT_TRUE(engine) << diagnostics.to_string();
    return engine;
  }();
  return *loaded;
}

}  // namespace vanban::test
