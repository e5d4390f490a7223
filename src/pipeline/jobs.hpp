#pragma once
// A batch job of the service, run through BatchRunner (the one batch implementation, as `vanban batch`): its cases
// read from the case store (a filter over every current case, or the ids named), its letters and manifest written in
// the job's folder, each finished case recorded in the job's database rows as it finishes (cases::JobStore), so that a
// job stopped anyhow (a cancel, a stopping service, SIGKILL) resumes without drafting any letter twice.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "archive/zip.hpp"
#include "cases/jobs.hpp"
#include "cases/store.hpp"
#include "pipeline/batch.hpp"
#include "pipeline/engine.hpp"

namespace vanban::pipeline {

/// The folder of the letters and the manifest inside a job's folder.
std::filesystem::path job_letters(const std::filesystem::path& job_folder);
/// The combined print PDF inside a job's folder.
std::filesystem::path job_combined(const std::filesystem::path& job_folder);

/// How to run one job besides the job itself.
struct JobRun {
  std::filesystem::path folder;             ///< the job's own folder (made when missing)
  unsigned threads = 1;                     ///< letters drafted at once
  const std::atomic<bool>* stop = nullptr;  ///< set by a cancel or a stopping service: no new letter starts
  std::function<std::string()> now;         ///< when the job ends (the front end's clock)
};

/// Runs job `id` with `options` (its template, letters' date and parameters, made by the front end from the job's
/// spec): plans from a note of each case and reads the planned ones again to render them, a few held at a time (the
/// store never held whole; a case keeps its place by its id), records each finished one (in groups, with the journal
/// behind them), writes the manifest and, unless stopped, the combined PDF (duplex as asked), then ends the job done. A
/// stopped run leaves the job as the database has it (cancelled by a cancel, running for the next start to resume); a
/// case id the store lacks is a failed item (E0781). A job of more letters than a combined PDF may have pages ends done
/// without it, E0322 its problem. Throws vanban::Error when the folder or the database fails (the front end marks it
/// failed).
void run_job(const Engine& engine, cases::Store& store, cases::JobStore& jobs, std::int64_t id,
             const RenderOptions& options, const JobRun& run);

/// Why a job that is done has no combined PDF (the message of its E0322: more letters than one may have pages), or
/// nullopt when it has one.
std::optional<std::string> combined_refusal(const cases::Job& job);

/// The zip of a job's letters and its manifests (manifest.csv, manifest.json, by name) in the job's folder
/// (letters.zip), written once through a temporary file and made again when missing (the same letters, the same
/// bytes); nullopt when the job's letters folder is not there (never made, or removed). Throws Error when it cannot be
/// made.
std::optional<std::filesystem::path> job_zip(const std::filesystem::path& job_folder);

}  // namespace vanban::pipeline
