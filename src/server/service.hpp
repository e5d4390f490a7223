#pragma once
// The service's routes: HTTP requests → api shapes → pipeline workflows. One Engine, loaded once and shared; the case
// store, the archive and every record live in the database and the store folder, so a node keeps nothing another
// node would need. Each route's handler reads the clock once; no stage learns about HTTP.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cases/jobs.hpp"
#include "cases/store.hpp"
#include "pipeline/archive_intake.hpp"
#include "pipeline/clock.hpp"
#include "pipeline/engine.hpp"
#include "pipeline/installation.hpp"
#include "pipeline/signing.hpp"
#include "server/http.hpp"
#include "server/metrics.hpp"

namespace vanban::server {

/// Everything the service is made of, decided by its front end (main.cpp, or a test).
struct ServiceSetup {
  const pipeline::Engine* engine = nullptr;  ///< loaded once, shared by every request
  pipeline::ResourcePaths resources;
  config::Settings settings;                         ///< [render] defaults, the office's images
  archive::Location archive;                         ///< the archive, and the database the case store shares
  std::vector<pipeline::TrustAnchorFile> anchors;    ///< read once at start ([trust] anchors)
  std::shared_ptr<const sign::Identity> agency_key;  ///< the agency's key for /api/sign; null when none is set
  std::string user_header = "X-Vanban-User";         ///< the header naming who makes a change
  std::string openapi;                               ///< the OpenAPI document served at /api/openapi.json
  std::function<sign::Moment()> clock;               ///< the clock (UTC+7), read once per request
};

/// One route: a method and a path pattern ("/api/cases/{id}"), as the OpenAPI document lists them.
struct RouteInfo {
  std::string method;
  std::string pattern;
};

/// Every route the service answers, in matching order.
std::vector<RouteInfo> routes();

class Service {
 public:
  explicit Service(ServiceSetup setup);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  /// Answers one request (never throws: every failure is a problem document). Batch jobs left queued or running by
  /// an earlier run are resumed from the start, one at a time, on the service's job thread; the destructor stops the
  /// running one between letters and leaves it running in the database, for the next start. A route may take the
  /// request's body (POST /api/sign signs it in place).
  Handled handle(HttpRequest& request);
  /// Counts one finished exchange (the access log is written by the front end).
  void record(const Exchange& exchange) { metrics_.record(exchange); }

  struct Call;

 private:
  friend struct Answers;
  class StorePool;
  class AnswerCache;
  class JobWorker;
  // The change a request makes: who (the configured header; nullopt without it), when (the request's clock), what.
  [[nodiscard]] std::optional<cases::Change> change(const Call& call, const std::string& what) const;
  [[nodiscard]] std::string lower_header() const;
  // The rendering options of the query, with the configuration's [render] defaults; throws RequestError.
  [[nodiscard]] pipeline::RenderOptions render_options(const Call& call) const;
  HttpResponse render(const model::Case& the_case, const pipeline::RenderOptions& options, Diagnostics& diagnostics);
  // A job's rendering options: its template, letters' date (also its "today") and parameters, with the [render]
  // defaults; throws RequestError.
  [[nodiscard]] pipeline::RenderOptions job_options(const cases::JobSpec& spec) const;
  // A job's folder under the service's data folder (the archive's store folder).
  [[nodiscard]] std::filesystem::path job_folder(std::int64_t id) const;
  // Runs one job on the job thread (pipeline::run_job); a failure ends it failed.
  void run_job(std::int64_t id, const std::atomic<bool>& stop);

  ServiceSetup setup_;
  Metrics metrics_;
  std::unique_ptr<StorePool> stores_;
  std::unique_ptr<AnswerCache> previews_;  ///< previews by their request's content (a cache: a miss renders again)
  std::unique_ptr<JobWorker> jobs_;        ///< last: stopped first, before the stores it uses
};

}  // namespace vanban::server
