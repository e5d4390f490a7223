// vanban-serve (run as `vanban serve`): the office's service. Reads its options, the environment and the configuration
// once, loads the Engine once, opens the archive and the case store, serves HTTP until SIGTERM or SIGINT, then lets
// the requests in flight finish and exits 0. Exit codes as the CLI's: 2 usage, 3 environment.

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <string>
#include <vector>

#include "api/service_answers.hpp"
#include "base/error.hpp"
#include "pipeline/clock.hpp"
#include "pipeline/installation.hpp"
#include "pipeline/request.hpp"
#include "pipeline/signing.hpp"
#include "pipeline/trust.hpp"
#include "server/http.hpp"
#include "server/service.hpp"

namespace vanban::server {
namespace {

constexpr int kUsage = 2;
constexpr int kEnvironment = 3;

std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

struct Options {
  pipeline::Surroundings surroundings;
  std::optional<std::string> listen;
};

constexpr const char* kHelp =
    "Cách dùng: vanban serve [--config TỆP] [--listen ĐỊA-CHỈ:CỔNG] [--resources THƯ-MỤC]\n"
    "Chạy dịch vụ của cơ quan (HTTP/1.1, JSON): kho hồ sơ, lập, ký, kiểm tra và lưu trữ văn bản.\n"
    "  --config TỆP           tệp cấu hình (mặc định /etc/vanban/vanban.conf)\n"
    "  --listen ĐỊA-CHỈ:CỔNG  nơi nghe (mặc định [server] listen, hoặc 127.0.0.1:8080; cổng 0: một cổng trống)\n"
    "  --resources THƯ-MỤC    thư mục tài nguyên (mẫu, dữ liệu pháp luật, lược đồ, phông)\n"
    "Dừng bằng SIGTERM hoặc Ctrl-C: các yêu cầu đang làm được làm xong, rồi thoát với mã 0.\n";

Options parse(const std::vector<std::string>& args) {
  Options out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const auto value = [&](const std::string& name) -> std::optional<std::string> {
      if (arg == name) {
        if (i + 1 >= args.size()) throw pipeline::RequestError(name + " cần một giá trị");
        return args[++i];
      }
      if (arg.rfind(name + "=", 0) == 0) return arg.substr(name.size() + 1);
      return std::nullopt;
    };
    if (const auto config = value("--config")) out.surroundings.config_option = std::filesystem::path(*config);
    else if (const auto resources = value("--resources"))
      out.surroundings.resources_option = std::filesystem::path(*resources);
    else if (const auto listen = value("--listen")) out.listen = *listen;
    else throw pipeline::RequestError("vanban serve không nhận \"" + arg + "\" (xem vanban serve --help)");
  }
  out.surroundings.home_variable = environment("VANBAN_HOME");
  out.surroundings.config_variable = environment("VANBAN_CONFIG");
  std::error_code ec;
  out.surroundings.executable = std::filesystem::read_symlink("/proc/self/exe", ec);
  return out;
}

std::pair<std::string, std::uint16_t> address(const std::string& text) {
  const auto colon = text.rfind(':');
  const std::string port = colon == std::string::npos ? "" : text.substr(colon + 1);
  if (colon == std::string::npos || colon == 0 || port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoul(port) > 65535)
    throw pipeline::RequestError("--listen \"" + text + "\" phải là ĐỊA-CHỈ:CỔNG, ví dụ 127.0.0.1:8080");
  return {text.substr(0, colon), static_cast<std::uint16_t>(std::stoul(port))};
}

HttpLimits limits(const config::Settings& settings) {
  HttpLimits out;
  const auto count = [](const char* name, const std::optional<std::string>& value, std::size_t fallback) {
    return value ? pipeline::parse_count(std::string("[server] ") + name, *value) : fallback;
  };
  out.threads = count("threads", settings.server_threads, out.threads);
  out.queue = count("queue", settings.server_queue, out.queue);
  // By default the largest signed PDF (POST /api/sign, /api/verify, /api/archive): the other routes have their own.
  out.max_body = count("max_body", settings.server_max_body, pipeline::kMaxSignedPdf);
  out.max_header = count("max_header", settings.server_max_header, out.max_header);
  out.timeout = std::chrono::seconds(count("timeout", settings.server_timeout, 30));
  return out;
}

void print(const Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics.list()) std::cerr << format_diagnostic(diagnostic) << '\n';
}

std::shared_ptr<const sign::Identity> agency_key(const config::Settings& settings) {
  if (!settings.server_signing_key) return nullptr;
  const std::string variable = settings.server_signing_pass_env.value_or("VANBAN_AGENCY_PASS");
  const sign::PassphraseSource passphrase = [variable]() -> std::optional<std::string> {
    return environment(variable.c_str());
  };
  pipeline::KeyFiles keys;
  keys.pkcs12 = std::filesystem::path(*settings.server_signing_key);
  Diagnostics diagnostics;
  auto identity = pipeline::load_identity(keys, passphrase, diagnostics);
  print(diagnostics);
  if (!identity)
    throw Error(errors::kResource, "khóa của cơ quan ([server] signing_key) không dùng được",
                *settings.server_signing_key);
  return identity;
}

int serve(const std::vector<std::string>& args) {
  for (const auto& arg : args)
    if (arg == "--help" || arg == "-h") {
      std::cout << kHelp;
      return 0;
    }
  const Options options = parse(args);
  // Every thread the service starts inherits this mask: the signals are taken by sigwait below, never mid-request.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Diagnostics diagnostics;
  std::optional<pipeline::Configuration> loaded;
  try {
    loaded = pipeline::load_configuration(options.surroundings, pipeline::SystemPlaces::of_this_build(), diagnostics);
  } catch (...) {
    print(diagnostics);  // the file's problems, with their positions, before the error that stops the service
    throw;
  }
  print(diagnostics);
  const pipeline::Configuration& configuration = *loaded;
  const auto& settings = configuration.settings;
  const auto [host, port] = address(options.listen.value_or(settings.server_listen.value_or("127.0.0.1:8080")));
  const HttpLimits http_limits = limits(settings);

  ServiceSetup setup;
  setup.resources =
      pipeline::locate_resources(options.surroundings, configuration, pipeline::SystemPlaces::of_this_build());
  Diagnostics loading;
  std::unique_ptr<pipeline::Engine> engine;
  try {
    engine = pipeline::load_engine(setup.resources, configuration, loading);
  } catch (...) {
    print(loading);
    throw;
  }
  print(loading);
  setup.engine = engine.get();
  setup.settings = settings;
  setup.archive = pipeline::archive_location(std::nullopt, std::nullopt, environment("VANBAN_ARCHIVE"), settings);
  {
    // The same anchors as every command's: the [trust] anchors folder, read as the CLI reads it.
    const auto sources = pipeline::trust_sources({}, configuration);
    Diagnostics reading;
    auto anchors = pipeline::read_trust_anchors(sources, reading);
    print(reading);
    if (!anchors) throw Error(errors::kResource, "không đọc được gốc tin cậy", settings.trust_anchors.value_or(""));
    setup.anchors = std::move(*anchors);
  }
  setup.agency_key = agency_key(settings);
  if (settings.server_user_header) setup.user_header = *settings.server_user_header;
  Diagnostics reading;
  const auto openapi = pipeline::read_input_file(setup.resources.schemas / "openapi.json", reading);
  print(reading);
  if (!openapi)
    throw Error(errors::kResource, "thiếu tài liệu OpenAPI", (setup.resources.schemas / "openapi.json").string());
  setup.openapi = *openapi;
  setup.clock = [] { return pipeline::now_in_vietnam(); };

  Service service(std::move(setup));
  std::mutex log;
  HttpServer server(
      host, port, http_limits, [&service](HttpRequest& request) { return service.handle(request); },
      [&service, &log](const Exchange& exchange) {
        service.record(exchange);
        // One line per request; the route's pattern, never its path or query (no case data in logs).
        const std::string line =
            api::access_log_line(pipeline::now_in_vietnam().iso8601(), exchange.method, exchange.route, exchange.status,
                                 exchange.seconds, exchange.bytes_in, exchange.bytes_out, exchange.user);
        const std::lock_guard lock(log);
        std::cerr << line << std::flush;
      });
  std::cerr << "vanban serve: đang phục vụ tại http://" << host << ":" << server.port() << "/\n" << std::flush;
  int received = 0;
  sigwait(&signals, &received);
  std::cerr << "vanban serve: nhận tín hiệu dừng, làm xong các yêu cầu đang chạy\n" << std::flush;
  server.stop();
  return 0;
}

}  // namespace
}  // namespace vanban::server

int main(int argc, char** argv) {
  try {
    return vanban::server::serve(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const vanban::pipeline::RequestError& error) {
    std::cerr << "vanban serve: lỗi cách dùng: " << error.what() << '\n';
    return vanban::server::kUsage;
  } catch (const vanban::Error& error) {
    std::cerr << "vanban serve: lỗi môi trường: " << error.what() << '\n';
    return vanban::server::kEnvironment;
  } catch (const std::exception& error) {
    std::cerr << "vanban serve: lỗi nội bộ: " << error.what() << '\n';
    return vanban::server::kEnvironment;
  }
}
