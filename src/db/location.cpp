#include "db/location.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "base/percent.hpp"

namespace vanban::db {

namespace {

// libpq parameters as "key=value" words: Poco's PostgreSQL connector splits them at spaces, so a value may
// hold none (nor may it be empty).
std::optional<DatabaseLocation> from_uri(std::string_view uri, std::string_view rest, std::string& problem) {
  std::vector<std::pair<std::string, std::string>> parameters;
  std::string display(uri);
  std::string_view query;
  if (const auto mark = rest.find('?'); mark != std::string_view::npos) {
    query = rest.substr(mark + 1);
    rest = rest.substr(0, mark);
  }
  std::string_view path;
  if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view user = rest.substr(0, at);
    if (const auto colon = user.find(':'); colon != std::string_view::npos) {
      parameters.emplace_back("password", std::string(user.substr(colon + 1)));
      user = user.substr(0, colon);
      // The password never appears in messages.
      const auto scheme_end = uri.find("://") + 3;
      display = std::string(uri.substr(0, scheme_end)) + std::string(user) + ":***" +
                std::string(uri.substr(scheme_end + at));
    }
    if (!user.empty()) parameters.emplace_back("user", std::string(user));
    rest = rest.substr(at + 1);
  }
  std::string_view host = rest;
  std::string_view port;
  if (!host.empty() && host.front() == '[') {
    const auto close = host.find(']');
    if (close == std::string_view::npos) {
      problem = "địa chỉ IPv6 thiếu dấu ]";
      return std::nullopt;
    }
    if (close + 1 < host.size() && host[close + 1] == ':') port = host.substr(close + 2);
    host = host.substr(1, close - 1);
  } else if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  if (!host.empty()) parameters.emplace_back("host", std::string(host));
  if (!port.empty()) {
    if (port.find_first_not_of("0123456789") != std::string_view::npos) {
      problem = "cổng \"" + std::string(port) + "\" không phải là số";
      return std::nullopt;
    }
    parameters.emplace_back("port", std::string(port));
  }
  if (!path.empty()) parameters.emplace_back("dbname", std::string(path));
  while (!query.empty()) {
    const auto amp = std::min(query.find('&'), query.size());
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      problem = "tham số \"" + std::string(pair) + "\" phải có dạng khóa=giá-trị";
      return std::nullopt;
    }
    parameters.emplace_back(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
    query = amp < query.size() ? query.substr(amp + 1) : std::string_view();
  }
  DatabaseLocation location;
  location.backend = Backend::postgresql;
  location.display = display;
  for (auto& [key, raw] : parameters) {
    const auto value = percent_decode(raw);
    if (!value || value->empty() || value->find_first_of(" \t\r\n'\\") != std::string::npos) {
      problem = "giá trị của " + key + " rỗng, sai mã %XX, hoặc có khoảng trắng, dấu ' hay \\";
      return std::nullopt;
    }
    if (!location.connection.empty()) location.connection += ' ';
    location.connection += key + "=" + *value;
  }
  if (location.connection.empty()) {
    problem = "địa chỉ không có máy chủ, người dùng hay cơ sở dữ liệu nào";
    return std::nullopt;
  }
  return location;
}

}  // namespace

DatabaseLocation sqlite_location(const std::filesystem::path& file) {
  DatabaseLocation location;
  location.backend = Backend::sqlite;
  location.connection = file.string();
  location.display = location.connection;
  return location;
}

std::optional<DatabaseLocation> parse_location(std::string_view reference, std::string& problem) {
  for (const std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (reference.substr(0, scheme.size()) == scheme)
      return from_uri(reference, reference.substr(scheme.size()), problem);
  }
  if (reference.find("://") != std::string_view::npos) {
    problem = "chỉ hỗ trợ tệp SQLite hoặc postgresql://…";
    return std::nullopt;
  }
  if (reference.empty()) {
    problem = "đường dẫn rỗng";
    return std::nullopt;
  }
  return sqlite_location(std::filesystem::path(reference));
}

}  // namespace vanban::db
