#pragma once
// A front end's request as text (command-line options today, JSON fields in the service), checked once here so that
// every front end accepts and refuses the same values with the same words. A value that cannot be used is a
// RequestError: a usage error for the CLI (exit 2), 400 for the service.

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.hpp"
#include "config/settings.hpp"
#include "layout/profile.hpp"
#include "model/date.hpp"
#include "pipeline/engine.hpp"

namespace vanban::pipeline {

/// A request that cannot be carried out as given; `what()` is Vietnamese and names the option at fault. Whatever the
/// message echoes of the request is shown with its control characters made visible (utf8::visible).
class RequestError : public std::runtime_error {
 public:
  explicit RequestError(const std::string& message) : std::runtime_error(utf8::visible(message)) {}
};

/// The rendering options of a request, each as the front end received it (absent: not given).
struct RenderRequest {
  std::string template_name;
  std::optional<std::string> date;          ///< --date
  std::optional<std::string> number;        ///< --number
  std::optional<std::string> signer;        ///< --signer
  std::vector<std::string> parameters;      ///< --set key=value, each as given
  std::optional<std::string> margins;       ///< --margins T,B,L,R in mm
  std::optional<std::string> line_spacing;  ///< --line-spacing, in lines
  std::optional<std::string> body_size;     ///< --body-size, in points
};

/// Fills what the request leaves out (signer, margins, line spacing, body size) with the configuration's [render]
/// defaults.
void apply_defaults(RenderRequest& request, const config::Settings& settings);

/// Checks a rendering request against the engine's templates and the ranges of Nghị định 30, and makes the options
/// every stage reads; `today` is the front end's clock, read once. Throws RequestError.
RenderOptions render_options(const Engine& engine, const RenderRequest& request, model::Date today);

/// How a front end spells an option in its messages: `--as-of` on the command line, `as_of` as a query parameter.
enum class OptionStyle { command_line, query };

/// The option `name` (as the command line has it without dashes, e.g. "as-of") spelled in `style`.
std::string option_name(std::string_view name, OptionStyle style);

/// A date option ("--date", "--from"): dd/mm/yyyy or yyyy-mm-dd (model::Date::parse); throws RequestError naming
/// `option`.
model::Date parse_date(const std::string& option, const std::string& text);
/// An archive id (mã lưu trữ): a positive number of at most 18 digits; throws RequestError.
std::int64_t parse_archive_id(const std::string& text);
/// A year (`option`, "--year" unless said): four digits; throws RequestError.
int parse_year(const std::string& text, const std::string& option = "--year");
/// A positive count (`option`, e.g. "--limit"): 1 to 9 digits; throws RequestError.
std::size_t parse_count(const std::string& option, const std::string& text);
/// A document number (số): 1 to 9 digits; throws RequestError.
std::string parse_document_number(const std::string& text);
/// A count of worker threads ("--jobs"): 1 to 999; throws RequestError.
unsigned parse_jobs(const std::string& text);
/// The page geometry from margins "T,B,L,R" (mm), line spacing and body size (a decimal comma is accepted), within
/// the ranges of Nghị định 30; throws RequestError listing every value outside them.
layout::Profile parse_profile(const std::optional<std::string>& margins, const std::optional<std::string>& line_spacing,
                              const std::optional<std::string>& body_size);
/// Checks where a command's result goes (`option`, e.g. "-o") before any work is done, by the one rule of
/// base's output_problem: "-" streams to standard output; a path must be a regular file or nothing (a symbolic link,
/// device, FIFO or folder is refused), never one of `inputs`, in a folder that exists. Throws RequestError.
void check_output(const std::string& option, const std::string& target,
                  const std::vector<std::filesystem::path>& inputs = {});
/// Checks where a command writes a folder of files (render --format svg): never standard output, and a path that
/// exists must be a folder (a file, even the case file, a symbolic link or a device is refused); a missing folder is
/// made when the files are written. Throws RequestError naming `option`.
void check_output_folder(const std::string& option, const std::string& target);
/// Refuses a template name the engine has no document template for.
void require_document_template(const Engine& engine, const std::string& name);

/// The largest input file any request reads (a case or register, a PDF to sign, a key, an image).
inline constexpr std::size_t kMaxInputFile = 64U * 1024U * 1024U;
/// The room kept above kMaxInputFile for the signatures a PDF takes after its first is asked for: the officer's
/// (prepared, then completed) and the agency's countersignature, each with its appearance, image, time-stamp and
/// validation data (tens of kilobytes each, as made here), so that a document signed at the cap can still be
/// completed, countersigned, verified and archived.
inline constexpr std::size_t kSignaturesRoom = 8U * 1024U * 1024U;
/// The largest PDF that holds signatures a request reads (to countersign, complete, verify or archive it): a PDF that
/// holds none is signed only up to kMaxInputFile (E0608).
inline constexpr std::size_t kMaxSignedPdf = kMaxInputFile + kSignaturesRoom;

/// Reads an input file of at most `max_size` bytes; nullopt with E0100 (naming the file) when it cannot be read.
std::optional<Bytes> read_input_file(const std::filesystem::path& path, Diagnostics& diagnostics,
                                     std::size_t max_size = kMaxInputFile);

/// The case files an input names: the file itself, or every .xml file of a folder, sorted. Throws RequestError for
/// a folder without one.
std::vector<std::filesystem::path> case_files(const std::filesystem::path& input);

/// One case or register file as read and checked.
struct CaseFile {
  std::filesystem::path path;
  std::optional<model::Register> cases;  ///< nullopt when it was refused (see `diagnostics`)
  Diagnostics diagnostics;               ///< every problem found in it, E0100 when it could not be read
};

/// Reads and checks `paths` on `jobs` threads (the engine is thread-safe); the result keeps the order of `paths`.
std::vector<CaseFile> read_case_files(const Engine& engine, const std::vector<std::filesystem::path>& paths,
                                      text::RepairMode repair, unsigned jobs);

}  // namespace vanban::pipeline
