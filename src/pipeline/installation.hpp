#pragma once
// Where an installation keeps its resources and its configuration, decided once for every front end: the front end
// reads its options, the environment and its own path, and this decides the order of the places searched and what a
// missing resource says.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "archive/location.hpp"
#include "base/diagnostics.hpp"
#include "config/settings.hpp"
#include "pipeline/engine.hpp"
#include "pipeline/trust.hpp"

namespace vanban::pipeline {

/// What the front end read once about where it runs (never read here).
struct Surroundings {
  std::optional<std::filesystem::path> resources_option;  ///< --resources
  std::optional<std::string> home_variable;               ///< $VANBAN_HOME
  std::optional<std::filesystem::path> config_option;     ///< --config
  std::optional<std::string> config_variable;             ///< $VANBAN_CONFIG
  std::filesystem::path executable;                       ///< the running program (/proc/self/exe)
};

/// The system's places: where a package installs resources and the configuration, and where the fonts of Debian's
/// fonts-liberation2 are. Tests point them elsewhere.
struct SystemPlaces {
  std::filesystem::path resources = "/usr/share/vanban";
  std::filesystem::path config = "/etc/vanban/vanban.conf";
  std::filesystem::path fonts = "/usr/share/fonts/truetype/liberation2";
  /// The source tree and the build tree this binary was built in: the source tree is searched only while the binary
  /// is still inside the build tree.
  std::filesystem::path source_tree;
  std::filesystem::path build_tree;
  /// The places of this build (compiled in).
  static SystemPlaces of_this_build();
};

/// A configuration file in use and what it says.
struct Configuration {
  std::optional<std::filesystem::path> file;  ///< none: no file, every setting at its default
  config::Settings settings;
};

/// The configuration file: --config, else $VANBAN_CONFIG, else the system's file when it exists, else none. Its
/// problems are reported with their positions and then thrown as vanban::Error E0815; a file named by the option or
/// the variable that cannot be read throws E0801.
Configuration load_configuration(const Surroundings& surroundings, const SystemPlaces& system,
                                 Diagnostics& diagnostics);

/// The resources: --resources, else $VANBAN_HOME, else [paths] resources of the configuration, else next to the
/// program (<bindir>/../share/vanban), else the system's, else (only for a program inside its build tree) the source
/// tree. A folder holds them when it has templates/, rules/law.xml and schemas/case.xsd. Fonts: the folder's fonts/,
/// else the system's Liberation Serif. The office's overrides (templates/ and calendar.xml) come from [paths]
/// overrides, else the configuration file's folder. Throws vanban::Error E0801 naming every place looked at and the two
/// ways to point elsewhere.
ResourcePaths locate_resources(const Surroundings& surroundings, const Configuration& configuration,
                               const SystemPlaces& system);

/// Where the archive is: the store is --store, else $VANBAN_ARCHIVE, else [archive] store, and never silently the
/// current folder (RequestError when none says); the database is --db, else [archive] database, else the store's
/// archive.sqlite. Throws RequestError for a --db that cannot be used.
archive::Location archive_location(const std::optional<std::string>& database_option,
                                   const std::optional<std::string>& store_option,
                                   const std::optional<std::string>& store_variable, const config::Settings& settings);

/// The service's program (`vanban serve` runs it): vanban-serve next to the running program, as installed and as
/// built.
std::filesystem::path server_program(const Surroundings& surroundings);

/// Loads the engine from `paths` with the configuration's office profile; the problems of bad templates or law data go
/// to `diagnostics`, then vanban::Error E0802 is thrown (as for any other broken resource).
std::unique_ptr<Engine> load_engine(const ResourcePaths& paths, const Configuration& configuration,
                                    Diagnostics& diagnostics);

/// The trust anchors a command checks against: those the front end was given (--trust files, --trust-dir folders),
/// else the configuration's [trust] anchors folder; none when neither says. Throws vanban::Error E0801 when the
/// configured folder cannot be read (read_trust_anchors reads the files).
TrustSources trust_sources(TrustSources given, const Configuration& configuration);

}  // namespace vanban::pipeline
