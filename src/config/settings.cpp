#include "config/settings.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>

#include "base/suggest.hpp"

namespace vanban::config {

namespace {

class Reader {
 public:
  Reader(const std::string& file, Diagnostics& diagnostics)
      : file_(make_file_name(file)), folder_(std::filesystem::path(file).parent_path()), diagnostics_(diagnostics) {}

  SourceLoc loc(const toml::source_region& region) const {
    return SourceLoc{file_, static_cast<std::uint32_t>(region.begin.line),
                     static_cast<std::uint32_t>(region.begin.column)};
  }
  SourceLoc file_loc() const { return SourceLoc{file_}; }

  void error(const char* code, const SourceLoc& at, std::string message) {
    diagnostics_.error(code, at, std::move(message));
  }

  // Refuses every key of `table` that `known` does not list (E0811), naming the nearest known key.
  void known_keys(const toml::table& table, const std::string& where, const std::vector<std::string>& known) {
    for (const auto& [key, node] : table) {
      const std::string name(key.str());
      if (std::find(known.begin(), known.end(), name) != known.end()) continue;
      error("E0811", loc(key.source()),
            "khóa \"" + name + "\" không có trong " + where + did_you_mean(name, known) +
                " (các khóa: xem vanban.conf.example)");
    }
  }

  // A table, or nullptr when absent; E0812 when the key holds something else.
  const toml::table* table(const toml::table& parent, const char* key, const std::string& where) {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return nullptr;
    if (const auto* found = node->as_table()) return found;
    error("E0812", loc(node->source()), where + "." + key + " phải là một bảng [" + key + "]");
    return nullptr;
  }

  // A text value; E0812 when it is another kind, E0813 when it is empty.
  std::optional<std::string> text(const toml::table& parent, const char* key, const std::string& where) {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return std::nullopt;
    const auto* value = node->as_string();
    if (value == nullptr) {
      error("E0812", loc(node->source()), where + "." + key + " phải là chuỗi trong ngoặc kép");
      return std::nullopt;
    }
    if (value->get().empty()) {
      error("E0813", loc(node->source()), where + "." + key + " rỗng");
      return std::nullopt;
    }
    return value->get();
  }

  // A required text value (E0814 when missing).
  std::string required_text(const toml::table& parent, const char* key, const std::string& where) {
    if (parent.get(key) == nullptr) {
      error("E0814", loc(parent.source()), "thiếu khóa bắt buộc " + where + "." + key);
      return {};
    }
    return text(parent, key, where).value_or("");
  }

  // A path: as written when absolute, else against the configuration file's folder.
  std::optional<std::string> path(const toml::table& parent, const char* key, const std::string& where) {
    auto value = text(parent, key, where);
    if (!value || value->find("://") != std::string::npos) return value;
    const std::filesystem::path written(*value);
    return (written.is_absolute() ? written : folder_ / written).lexically_normal().string();
  }

  // A number or a text, as text ("14", "1.5", "20,20,30,15"): the request checks it like an option.
  std::optional<std::string> number_or_text(const toml::table& parent, const char* key, const std::string& where) {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return std::nullopt;
    if (const auto* integer = node->as_integer()) return std::to_string(integer->get());
    if (const auto* real = node->as_floating_point()) {
      std::string out = std::to_string(real->get());
      while (out.size() > 1 && out.back() == '0') out.pop_back();
      if (!out.empty() && out.back() == '.') out.pop_back();
      return out;
    }
    if (node->is_string()) return text(parent, key, where);
    error("E0812", loc(node->source()), where + "." + key + " phải là số hoặc chuỗi");
    return std::nullopt;
  }

  // A date: a TOML date (2025-07-01) or a text "01/07/2025" / "2025-07-01".
  std::optional<model::Date> date(const toml::table& parent, const char* key, const std::string& where) {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return std::nullopt;
    std::optional<model::Date> date;
    if (const auto* value = node->as_date()) {
      const toml::date& d = value->get();
      date = model::Date::from_ymd(d.year, d.month, d.day);
    } else if (const auto* written = node->as_string()) {
      date = model::Date::parse(written->get());
    }
    if (!date)
      error("E0813", loc(node->source()), where + "." + key + " không phải ngày (2025-07-01 hoặc \"01/07/2025\")");
    return date;
  }

  model::Validity validity(const toml::table& parent, const std::string& where) {
    model::Validity valid{date(parent, "from", where), date(parent, "until", where)};
    if (valid.from && valid.until && *valid.until < *valid.from)
      error("E0813", loc(parent.source()), where + ": until trước from");
    return valid;
  }

  // Each element of an array of tables ([[office.names]]), or E0812 for anything else.
  std::vector<const toml::table*> tables(const toml::table& parent, const char* key, const std::string& where) {
    std::vector<const toml::table*> out;
    const toml::node* node = parent.get(key);
    if (node == nullptr) return out;
    const auto* array = node->as_array();
    if (array == nullptr) {
      error("E0812", loc(node->source()), where + "." + key + " phải là các bảng [[" + where + "." + key + "]]");
      return out;
    }
    for (const auto& element : *array) {
      if (const auto* found = element.as_table()) out.push_back(found);
      else error("E0812", loc(element.source()), where + "." + key + " phải là các bảng [[" + where + "." + key + "]]");
    }
    return out;
  }

  std::vector<std::string> texts(const toml::table& parent, const char* key, const std::string& where) {
    std::vector<std::string> out;
    const toml::node* node = parent.get(key);
    if (node == nullptr) return out;
    const auto* array = node->as_array();
    if (array == nullptr) {
      error("E0812", loc(node->source()), where + "." + key + " phải là danh sách chuỗi [\"…\", \"…\"]");
      return out;
    }
    for (const auto& element : *array) {
      if (const auto* value = element.as_string()) out.push_back(value->get());
      else error("E0812", loc(element.source()), where + "." + key + " phải là danh sách chuỗi");
    }
    return out;
  }

  model::OfficeProfile office(const toml::table& node) {
    const std::string where = "[office]";
    known_keys(node, where,
               {"place", "address", "phone", "email", "seal_image", "names", "officers", "account", "communes",
                "police", "finance", "procuracy", "mapping", "confirmed_limits"});
    model::OfficeProfile profile;
    profile.loc = loc(node.source());
    profile.place = required_text(node, "place", "office");
    profile.address = text(node, "address", "office").value_or("");
    profile.phone = text(node, "phone", "office").value_or("");
    profile.email = text(node, "email", "office").value_or("");
    profile.seal_image = path(node, "seal_image", "office").value_or("");
    profile.communes = texts(node, "communes", "office");
    profile.confirmed_limits = texts(node, "confirmed_limits", "office");
    profile.police = text(node, "police", "office").value_or("");
    profile.finance = text(node, "finance", "office").value_or("");
    profile.procuracy = text(node, "procuracy", "office").value_or("");
    for (const auto* entry : tables(node, "names", "office")) {
      known_keys(*entry, "[[office.names]]",
                 {"parent", "name", "code", "place", "police", "finance", "procuracy", "from", "until"});
      model::OfficeName name;
      name.loc = loc(entry->source());
      name.parent = text(*entry, "parent", "office.names").value_or("");
      name.name = required_text(*entry, "name", "office.names");
      name.code = required_text(*entry, "code", "office.names");
      name.place = text(*entry, "place", "office.names").value_or("");
      name.police = text(*entry, "police", "office.names").value_or("");
      name.finance = text(*entry, "finance", "office.names").value_or("");
      name.procuracy = text(*entry, "procuracy", "office.names").value_or("");
      name.valid = validity(*entry, "office.names");
      profile.names.push_back(std::move(name));
    }
    if (profile.names.empty())
      error("E0814", profile.loc, "[office] cần ít nhất một tên cơ quan [[office.names]] (name, code)");
    for (const auto* entry : tables(node, "officers", "office")) {
      known_keys(*entry, "[[office.officers]]", {"id", "name", "position", "card", "signature_image", "from", "until"});
      model::OfficeOfficer officer;
      officer.loc = loc(entry->source());
      officer.id = required_text(*entry, "id", "office.officers");
      officer.name = required_text(*entry, "name", "office.officers");
      officer.position = required_text(*entry, "position", "office.officers");
      officer.card = text(*entry, "card", "office.officers").value_or("");
      officer.signature_image = path(*entry, "signature_image", "office.officers").value_or("");
      officer.valid = validity(*entry, "office.officers");
      profile.officers.push_back(std::move(officer));
    }
    if (const auto* mapping = table(node, "mapping", "office")) {
      for (const auto& [old_name, value] : *mapping) {
        const std::string key(old_name.str());
        const auto* written = value.as_string();
        if (written == nullptr || written->get().empty() || key.empty())
          error("E0812", loc(value.source()), "[office.mapping] \"" + key + "\" phải là một tên mới (chuỗi)");
        else profile.mapping.push_back(model::Renaming{key, written->get(), loc(value.source())});
      }
    }
    if (const auto* account = table(node, "account", "office")) {
      known_keys(*account, "[office.account]", {"number", "holder", "bank"});
      profile.account = model::BankAccount{required_text(*account, "number", "office.account"),
                                           required_text(*account, "holder", "office.account"),
                                           required_text(*account, "bank", "office.account")};
    }
    return profile;
  }

  Settings settings(const toml::table& root) {
    Settings out;
    known_keys(root, "tệp cấu hình", {"office", "archive", "trust", "signing", "paths", "render", "batch", "server"});
    if (const auto* node = table(root, "office", "")) out.office = office(*node);
    if (const auto* node = table(root, "archive", "")) {
      known_keys(*node, "[archive]", {"database", "store"});
      out.archive_database = path(*node, "database", "archive");
      out.archive_store = path(*node, "store", "archive");
    }
    if (const auto* node = table(root, "trust", "")) {
      known_keys(*node, "[trust]", {"anchors"});
      out.trust_anchors = path(*node, "anchors", "trust");
    }
    if (const auto* node = table(root, "signing", "")) {
      known_keys(*node, "[signing]", {"tsa", "timeout", "pkcs11_module"});
      out.signing_tsa = text(*node, "tsa", "signing");
      out.signing_timeout = number_or_text(*node, "timeout", "signing");
      out.signing_pkcs11_module = path(*node, "pkcs11_module", "signing");
    }
    if (const auto* node = table(root, "paths", "")) {
      known_keys(*node, "[paths]", {"resources", "overrides", "fonts"});
      out.resources = path(*node, "resources", "paths");
      out.overrides = path(*node, "overrides", "paths");
      out.fonts = path(*node, "fonts", "paths");
    }
    if (const auto* node = table(root, "render", "")) {
      known_keys(*node, "[render]", {"signer", "margins", "line_spacing", "body_size"});
      out.render_signer = text(*node, "signer", "render");
      out.render_margins = number_or_text(*node, "margins", "render");
      out.render_line_spacing = number_or_text(*node, "line_spacing", "render");
      out.render_body_size = number_or_text(*node, "body_size", "render");
    }
    if (const auto* node = table(root, "batch", "")) {
      known_keys(*node, "[batch]", {"jobs"});
      out.batch_jobs = number_or_text(*node, "jobs", "batch");
    }
    if (const auto* node = table(root, "server", "")) {
      known_keys(*node, "[server]",
                 {"listen", "threads", "queue", "max_body", "max_header", "timeout", "user_header", "signing_key",
                  "signing_pass_env"});
      out.server_listen = text(*node, "listen", "server");
      out.server_threads = number_or_text(*node, "threads", "server");
      out.server_queue = number_or_text(*node, "queue", "server");
      out.server_max_body = number_or_text(*node, "max_body", "server");
      out.server_max_header = number_or_text(*node, "max_header", "server");
      out.server_timeout = number_or_text(*node, "timeout", "server");
      out.server_user_header = text(*node, "user_header", "server");
      out.server_signing_key = path(*node, "signing_key", "server");
      out.server_signing_pass_env = text(*node, "signing_pass_env", "server");
    }
    return out;
  }

 private:
  FileName file_;
  std::filesystem::path folder_;
  Diagnostics& diagnostics_;
};

}  // namespace

std::optional<Settings> parse_settings(std::string_view text, const std::string& file, Diagnostics& diagnostics) {
  Reader reader(file, diagnostics);
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& error) {
    // toml++ says what it expected in English; the code and the position are what a reader acts on.
    reader.error("E0810", reader.loc(error.source()),
                 "tệp cấu hình không đúng cú pháp TOML (toml++: " + std::string(error.description()) + ")");
    return std::nullopt;
  }
  Diagnostics local;
  Reader checked(file, local);
  auto settings = checked.settings(root);
  diagnostics.merge(local);
  if (local.has_errors()) return std::nullopt;
  return settings;
}

}  // namespace vanban::config
