#pragma once
// An installation's configuration file (/etc/vanban/vanban.conf, TOML) as plain data: the office profile, the
// archive, the trust anchors, signing (time-stamps, tokens), where resources and the office's own templates and
// calendar are, and the defaults of render and batch. Every key is documented in etc/vanban.conf.example. Reading never
// touches anything but the text.

#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostics.hpp"
#include "model/office.hpp"

namespace vanban::config {

/// The values a configuration file sets; an option left out is absent (its default is the reader's to decide).
/// Paths are as written, made absolute against the file's folder.
struct Settings {
  std::optional<model::OfficeProfile> office;  ///< [office]

  std::optional<std::string> archive_database;  ///< [archive] database: an SQLite file or postgresql://…
  std::optional<std::string> archive_store;     ///< [archive] store: the folder of the archived files

  std::optional<std::string> trust_anchors;  ///< [trust] anchors: a folder of CA certificates (*.pem, *.crt, …)

  std::optional<std::string> signing_tsa;            ///< [signing] tsa: the time-stamping authority's URL
  std::optional<std::string> signing_timeout;        ///< [signing] timeout: seconds for each request to the TSA
  std::optional<std::string> signing_pkcs11_module;  ///< [signing] pkcs11_module: the tokens' PKCS#11 module (.so)

  std::optional<std::string> resources;  ///< [paths] resources: templates/, rules/, schemas/, fonts/
  std::optional<std::string> overrides;  ///< [paths] overrides: the office's own templates/ and calendar.xml
  std::optional<std::string> fonts;      ///< [paths] fonts: a folder with Times New Roman (or Liberation Serif)

  std::optional<std::string> render_signer;        ///< [render] signer
  std::optional<std::string> render_margins;       ///< [render] margins, "T,B,L,R" in mm
  std::optional<std::string> render_line_spacing;  ///< [render] line_spacing
  std::optional<std::string> render_body_size;     ///< [render] body_size

  std::optional<std::string> batch_jobs;  ///< [batch] jobs

  std::optional<std::string> server_listen;            ///< [server] listen: "127.0.0.1:8080"
  std::optional<std::string> server_threads;           ///< [server] threads: connections served at once
  std::optional<std::string> server_queue;             ///< [server] queue: connections waiting for a thread
  std::optional<std::string> server_max_body;          ///< [server] max_body: bytes of a request body
  std::optional<std::string> server_max_header;        ///< [server] max_header: bytes of a request's head
  std::optional<std::string> server_timeout;           ///< [server] timeout: seconds for one request
  std::optional<std::string> server_user_header;       ///< [server] user_header: the header naming the user
  std::optional<std::string> server_signing_key;       ///< [server] signing_key: the agency's PKCS#12 file
  std::optional<std::string> server_signing_pass_env;  ///< [server] signing_pass_env: its passphrase's variable
};

/// Reads the text of a configuration file named `file`. Every problem is a diagnostic at its line and column (E0810
/// not TOML, E0811 an unknown key, E0812 a value of the wrong kind, E0813 a value that cannot be used, E0814 a
/// required key missing); nullopt when there is an error.
std::optional<Settings> parse_settings(std::string_view text, const std::string& file, Diagnostics& diagnostics);

}  // namespace vanban::config
