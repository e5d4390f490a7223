#include "pipeline/installation.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "base/file_io.hpp"
#include "pdf/font_set.hpp"
#include "pipeline/request.hpp"

#ifndef VANBAN_SOURCE_TREE
#define VANBAN_SOURCE_TREE ""
#endif
#ifndef VANBAN_BUILD_TREE
#define VANBAN_BUILD_TREE ""
#endif

namespace vanban::pipeline {

namespace {

constexpr std::size_t kMaxConfigFile = 1024U * 1024U;

bool present(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

// Whether `folder` holds the resources: templates, the law data and the case schema.
bool holds_resources(const std::filesystem::path& folder) {
  std::error_code ec;
  return std::filesystem::is_directory(folder / "templates", ec) && present(folder / "rules" / "law.xml") &&
         present(folder / "schemas" / "case.xsd");
}

bool holds_fonts(const std::filesystem::path& folder) { return pdf::FontSet::holds(folder); }

// Whether `path` lies inside `folder` (both made absolute and normal).
bool inside(const std::filesystem::path& path, const std::filesystem::path& folder) {
  if (folder.empty()) return false;
  std::error_code ec;
  const auto a = std::filesystem::weakly_canonical(path, ec);
  const auto b = std::filesystem::weakly_canonical(folder, ec);
  const auto mismatch = std::mismatch(b.begin(), b.end(), a.begin(), a.end());
  return mismatch.first == b.end();
}

}  // namespace

SystemPlaces SystemPlaces::of_this_build() {
  SystemPlaces places;
  places.source_tree = VANBAN_SOURCE_TREE;
  places.build_tree = VANBAN_BUILD_TREE;
  return places;
}

Configuration load_configuration(const Surroundings& surroundings, const SystemPlaces& system,
                                 Diagnostics& diagnostics) {
  Configuration configuration;
  std::optional<std::filesystem::path> named = surroundings.config_option;
  if (!named && surroundings.config_variable && !surroundings.config_variable->empty())
    named = *surroundings.config_variable;
  if (!named && present(system.config)) named = system.config;
  if (!named) return configuration;
  std::string problem;
  const auto text = read_file(*named, kMaxConfigFile, problem);
  if (!text) throw Error(errors::kResource, "không đọc được tệp cấu hình: " + problem, named->string());
  auto settings = config::parse_settings(*text, named->string(), diagnostics);
  if (!settings) throw Error("E0815", "tệp cấu hình có lỗi (xem ở trên)", named->string());
  configuration.file = *named;
  configuration.settings = std::move(*settings);
  return configuration;
}

ResourcePaths locate_resources(const Surroundings& surroundings, const Configuration& configuration,
                               const SystemPlaces& system) {
  // Each candidate with how it was named, in the order searched.
  std::vector<std::pair<std::filesystem::path, std::string>> candidates;
  if (surroundings.resources_option) candidates.push_back({*surroundings.resources_option, "--resources"});
  if (surroundings.home_variable && !surroundings.home_variable->empty())
    candidates.push_back({*surroundings.home_variable, "VANBAN_HOME"});
  if (configuration.settings.resources) candidates.push_back({*configuration.settings.resources, "[paths] resources"});
  // An explicit choice is the only one looked at: a wrong --resources is never silently replaced by another folder.
  if (!candidates.empty()) {
    candidates.resize(1);
  } else {
    if (!surroundings.executable.empty())
      candidates.push_back({(surroundings.executable.parent_path() / ".." / "share" / "vanban").lexically_normal(),
                            "cạnh chương trình"});
    candidates.push_back({system.resources, "thư mục hệ thống"});
    if (inside(surroundings.executable, system.build_tree) && !system.source_tree.empty())
      candidates.push_back({system.source_tree, "cây mã nguồn"});
  }
  std::optional<std::filesystem::path> root;
  for (const auto& candidate : candidates) {
    if (holds_resources(candidate.first)) {
      root = candidate.first;
      break;
    }
  }
  if (!root) {
    std::string places;
    for (const auto& [folder, how] : candidates) places += "\n  " + folder.string() + " (" + how + ")";
    throw Error(errors::kResource,
                "không tìm thấy mẫu văn bản, dữ liệu pháp luật và lược đồ (templates/, rules/law.xml, "
                "schemas/case.xsd) ở:" +
                    places +
                    "\nHãy chỉ thư mục chứa chúng bằng tùy chọn --resources THƯ-MỤC hoặc biến môi trường "
                    "VANBAN_HOME.",
                candidates.front().first.string());
  }
  ResourcePaths paths = ResourcePaths::under(*root);
  if (configuration.settings.fonts) {
    // The office's own font folder (Times New Roman where it installs it): used as it is, or refused.
    paths.fonts = *configuration.settings.fonts;
    if (!holds_fonts(paths.fonts))
      throw Error(errors::kResource,
                  "[paths] fonts: không có đủ bốn kiểu phông Times New Roman (times.ttf, timesbd.ttf, timesi.ttf, "
                  "timesbi.ttf hoặc Times_New_Roman*.ttf) hay Liberation Serif ở " +
                      paths.fonts.string(),
                  paths.fonts.string());
  } else if (!holds_fonts(paths.fonts)) {
    if (!holds_fonts(system.fonts))
      throw Error(errors::kResource,
                  "không có phông Liberation Serif ở " + paths.fonts.string() + " lẫn " + system.fonts.string() +
                      " (gói fonts-liberation2)",
                  paths.fonts.string());
    paths.fonts = system.fonts;
  }
  std::optional<std::filesystem::path> overrides;
  if (configuration.settings.overrides) overrides = *configuration.settings.overrides;
  else if (configuration.file) overrides = configuration.file->parent_path();
  if (overrides) {
    std::error_code ec;
    if (std::filesystem::is_directory(*overrides / "templates", ec))
      paths.override_templates = *overrides / "templates";
    if (present(*overrides / "calendar.xml")) paths.override_calendar = *overrides / "calendar.xml";
  }
  return paths;
}

archive::Location archive_location(const std::optional<std::string>& database_option,
                                   const std::optional<std::string>& store_option,
                                   const std::optional<std::string>& store_variable, const config::Settings& settings) {
  const std::optional<std::string> store =
      store_option ? store_option : (store_variable ? store_variable : settings.archive_store);
  if (!store)
    throw RequestError(
        "chưa chỉ định kho lưu trữ: dùng --store THƯ-MỤC, biến VANBAN_ARCHIVE, hoặc [archive] store "
        "trong tệp cấu hình");
  if (store->empty()) throw RequestError("--store rỗng");
  const std::optional<std::string> database = database_option ? database_option : settings.archive_database;
  std::string problem;
  const auto location = archive::make_location(database, *store, problem);
  if (!location) throw RequestError("--db \"" + database.value_or("") + "\": " + problem);
  return *location;
}

TrustSources trust_sources(TrustSources given, const Configuration& configuration) {
  if (!given.files.empty() || !given.folders.empty() || !configuration.settings.trust_anchors) return given;
  const std::filesystem::path folder = *configuration.settings.trust_anchors;
  std::error_code ec;
  const std::filesystem::directory_iterator readable(folder, ec);
  if (ec)
    throw Error(errors::kResource, "không đọc được thư mục gốc tin cậy [trust] anchors: " + ec.message(),
                folder.string());
  return TrustSources{{}, {folder}};
}

std::filesystem::path server_program(const Surroundings& surroundings) {
  return surroundings.executable.parent_path() / "vanban-serve";
}

std::unique_ptr<Engine> load_engine(const ResourcePaths& paths, const Configuration& configuration,
                                    Diagnostics& diagnostics) {
  auto engine = Engine::load(paths, diagnostics, configuration.settings.office);
  if (!engine)
    throw Error(
        errors::kResourceErrors,
        "mẫu văn bản hoặc dữ liệu pháp luật trong " + paths.templates.parent_path().string() + " có lỗi (xem ở trên)",
        paths.templates.parent_path().string());
  return engine;
}

}  // namespace vanban::pipeline
