// Where an installation's resources and configuration are: the search order, the one error that names every place
// looked at, the office's overrides, the system fonts, the archive's location and the trust anchors.

#include "pipeline/installation.hpp"

#include <gtest/gtest.h>

#include "base/error.hpp"
#include "pipeline/request.hpp"
#include "support/paths.hpp"

namespace vanban::pipeline {
namespace {

// A folder that holds resources (templates/, rules/law.xml, schemas/case.xsd), with fonts when asked.
std::filesystem::path resources(const std::filesystem::path& dir, bool fonts) {
  std::filesystem::create_directories(dir / "templates");
  std::filesystem::create_directories(dir / "rules");
  std::filesystem::create_directories(dir / "schemas");
  test::write_text(dir / "rules" / "law.xml", "");
  test::write_text(dir / "schemas" / "case.xsd", "");
  if (fonts) std::filesystem::copy(test::source_dir() / "fonts", dir / "fonts");
  return dir;
}

SystemPlaces places(const std::filesystem::path& dir) {
  SystemPlaces system;
  system.resources = dir / "usr-share-vanban";
  system.config = dir / "etc-vanban" / "vanban.conf";
  system.fonts = test::source_dir() / "fonts";
  system.source_tree = dir / "source";
  system.build_tree = dir / "source" / "build";
  return system;
}

TEST(Installation, NextToTheProgramThenTheSystemThenTheSourceTreeOnlyFromTheBuildTree) {
  const auto dir = test::scratch_dir("install_order");
  const SystemPlaces system = places(dir);
  Surroundings s;
  s.executable = dir / "prefix" / "bin" / "vanban";
  resources(dir / "source", true);
  // An installed program does not reach into a source tree.
  try {
    (void)locate_resources(s, {}, system);
    ADD_FAILURE() << "found resources";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), "E0801");
    const std::string what = error.what();
    EXPECT_NE(what.find((dir / "prefix" / "share" / "vanban").string() + " (cạnh chương trình)"), std::string::npos)
        << what;
    EXPECT_NE(what.find(system.resources.string() + " (thư mục hệ thống)"), std::string::npos) << what;
    EXPECT_EQ(what.find("cây mã nguồn"), std::string::npos) << what;
    EXPECT_NE(what.find("--resources THƯ-MỤC hoặc biến môi trường VANBAN_HOME"), std::string::npos) << what;
  }
  // From inside the build tree, the source tree is the last place.
  s.executable = system.build_tree / "vanban";
  EXPECT_EQ(locate_resources(s, {}, system).templates, dir / "source" / "templates");
  resources(system.resources, true);
  EXPECT_EQ(locate_resources(s, {}, system).templates, system.resources / "templates");
  resources(dir / "prefix" / "share" / "vanban", true);
  s.executable = dir / "prefix" / "bin" / "vanban";
  EXPECT_EQ(locate_resources(s, {}, system).templates, dir / "prefix" / "share" / "vanban" / "templates");
}

TEST(Installation, AnExplicitPlaceIsTheOnlyOneLookedAt) {
  const auto dir = test::scratch_dir("install_explicit");
  const SystemPlaces system = places(dir);
  resources(system.resources, true);
  Surroundings s;
  s.executable = dir / "bin" / "vanban";
  s.home_variable = (dir / "home").string();
  EXPECT_THROW((void)locate_resources(s, {}, system), Error);  // VANBAN_HOME without resources is not passed over
  resources(dir / "home", true);
  EXPECT_EQ(locate_resources(s, {}, system).rules, dir / "home" / "rules");
  s.resources_option = dir / "option";
  resources(dir / "option", true);
  EXPECT_EQ(locate_resources(s, {}, system).rules, dir / "option" / "rules");  // --resources before VANBAN_HOME
}

TEST(Installation, WithoutBundledFontsTheSystemFontsAreUsed) {
  const auto dir = test::scratch_dir("install_fonts");
  SystemPlaces system = places(dir);
  Surroundings s;
  s.resources_option = resources(dir / "package", false);
  EXPECT_EQ(locate_resources(s, {}, system).fonts, system.fonts);
  system.fonts = dir / "no-fonts";
  EXPECT_THROW((void)locate_resources(s, {}, system), Error);
}

TEST(Installation, TheConfigurationAndTheOfficesOverrides) {
  const auto dir = test::scratch_dir("install_config");
  const SystemPlaces system = places(dir);
  Surroundings s;
  s.resources_option = resources(dir / "res", true);
  Diagnostics diagnostics;
  EXPECT_FALSE(load_configuration(s, system, diagnostics).file);  // no file anywhere: every default
  std::filesystem::create_directories(system.config.parent_path() / "templates");
  test::write_text(system.config, "[batch]\njobs = 3\n");
  test::write_text(system.config.parent_path() / "calendar.xml", "");
  const auto found = load_configuration(s, system, diagnostics);
  EXPECT_EQ(found.file, system.config);
  EXPECT_EQ(found.settings.batch_jobs, "3");
  // The overrides are the configuration file's folder unless [paths] overrides says otherwise.
  const auto paths = locate_resources(s, found, system);
  EXPECT_EQ(paths.override_templates, system.config.parent_path() / "templates");
  EXPECT_EQ(paths.override_calendar, system.config.parent_path() / "calendar.xml");
  // --config before $VANBAN_CONFIG before the system's file.
  test::write_text(dir / "variable.conf", "[batch]\njobs = 4\n");
  test::write_text(dir / "option.conf", "[batch]\njobs = 5\n");
  s.config_variable = (dir / "variable.conf").string();
  EXPECT_EQ(load_configuration(s, system, diagnostics).settings.batch_jobs, "4");
  s.config_option = dir / "option.conf";
  EXPECT_EQ(load_configuration(s, system, diagnostics).settings.batch_jobs, "5");
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_string();
  // A wrong file: positioned problems, then E0815.
  test::write_text(dir / "option.conf", "[batch]\njbos = 5\n");
  try {
    (void)load_configuration(s, system, diagnostics);
    ADD_FAILURE() << "accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), "E0815");
  }
  EXPECT_TRUE(diagnostics.contains("E0811"));
}

TEST(Installation, TheArchiveIsNeverSilentlyTheCurrentFolder) {
  config::Settings settings;
  EXPECT_THROW((void)archive_location(std::nullopt, std::nullopt, std::nullopt, settings), RequestError);
  settings.archive_store = "/var/lib/vanban/archive";
  EXPECT_EQ(archive_location(std::nullopt, std::nullopt, std::nullopt, settings).store, "/var/lib/vanban/archive");
  EXPECT_EQ(archive_location(std::nullopt, std::nullopt, std::string("/env"), settings).store, "/env");
  EXPECT_EQ(archive_location(std::nullopt, std::string("/opt"), std::string("/env"), settings).store, "/opt");
}

TEST(Installation, TrustAnchorsGivenElseTheConfiguredFolder) {
  const auto dir = test::scratch_dir("install_trust");
  Configuration configuration;
  EXPECT_TRUE(trust_sources({}, configuration).folders.empty());  // nothing given, nothing configured: none
  std::filesystem::create_directories(dir / "trust");
  configuration.settings.trust_anchors = (dir / "trust").string();
  const auto configured = trust_sources({}, configuration);
  EXPECT_TRUE(configured.files.empty());
  ASSERT_EQ(configured.folders.size(), 1U);
  EXPECT_EQ(configured.folders.front(), dir / "trust");
  // What the command line gives replaces the configured folder, a file as a folder.
  const auto file = trust_sources(TrustSources{{dir / "ca.pem"}, {}}, configuration);
  EXPECT_EQ(file.files, std::vector<std::filesystem::path>{dir / "ca.pem"});
  EXPECT_TRUE(file.folders.empty());
  const auto folder = trust_sources(TrustSources{{}, {dir / "other"}}, configuration);
  EXPECT_EQ(folder.folders, std::vector<std::filesystem::path>{dir / "other"});
  // A configured folder that cannot be read is the installation's problem: E0801.
  configuration.settings.trust_anchors = (dir / "missing").string();
  try {
    (void)trust_sources({}, configuration);
    ADD_FAILURE() << "accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), "E0801");
  }
}

}  // namespace
}  // namespace vanban::pipeline
