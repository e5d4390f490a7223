// The service through a real HTTP client (Poco::Net's HTTPClientSession) against a server started on a free loopback
// port, on SQLite and on PostgreSQL: every route, each error status, concurrent edits, an import of every sample
// case, hostile HTTP (oversized bodies and headers, slow clients, malformed chunked encoding, billion laughs, path
// traversal), and the OpenAPI document against the real routes.

#include "server/service.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <streambuf>
#include <thread>

#include "archive/location.hpp"
#include "base/percent.hpp"
#include "pipeline/case_store.hpp"
#include "pipeline/clock.hpp"
#include "pipeline/signing.hpp"
#include "server/http.hpp"
#include "support/archive_backends.hpp"
#include "support/engine.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/register_generator.hpp"
#include "support/test_pki.hpp"

namespace vanban {
namespace {

using test::Backend;

const pipeline::Engine& engine() { return test::shared_engine(); }

struct Answer {
  int status = 0;
  std::string body;
  Poco::Net::NameValueCollection headers;
  [[nodiscard]] Poco::JSON::Object::Ptr json() const {
    Poco::JSON::Parser parser;
    return parser.parse(body).extract<Poco::JSON::Object::Ptr>();
  }
};

Answer call(std::uint16_t port, const std::string& method, const std::string& target, const std::string& body = "",
            const std::vector<std::pair<std::string, std::string>>& headers = {}) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(60, 0));
  Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers) request.set(name, value);
  if (method == "POST" || method == "PUT") request.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Answer out;
  out.status = static_cast<int>(response.getStatus());
  Poco::StreamCopier::copyToString(in, out.body);
  for (const auto& [name, value] : response) out.headers.add(name, value);
  return out;
}

// Sends raw bytes (in pieces, `pause` apart) and returns every byte answered until the connection closed.
std::string raw_exchange(std::uint16_t port, const std::vector<std::string>& pieces,
                         std::chrono::milliseconds pause = std::chrono::milliseconds(0)) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  socket.setReceiveTimeout(Poco::Timespan(30, 0));
  try {
    for (const auto& piece : pieces) {
      socket.sendBytes(piece.data(), static_cast<int>(piece.size()));
      if (pause.count() > 0) std::this_thread::sleep_for(pause);
    }
  } catch (const Poco::Exception&) {
    // The server may answer and close before everything is sent.
  }
  std::string received;
  char buffer[4096];
  try {
    for (int n = 0; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;)
      received.append(buffer, static_cast<std::size_t>(n));
  } catch (const Poco::Exception&) {
  }
  return received;
}

// The status of the answer to raw bytes (0 when the connection closed without one).
int raw_status(std::uint16_t port, const std::vector<std::string>& pieces,
               std::chrono::milliseconds pause = std::chrono::milliseconds(0)) {
  const std::string received = raw_exchange(port, pieces, pause);
  if (received.rfind("HTTP/1.1 ", 0) != 0) return 0;
  return std::stoi(received.substr(9, 3));
}

const std::string kCase = "THA-2024-000517";
std::string example(const std::string& name) { return test::read_text(test::source_dir() / "examples" / name); }
const std::pair<std::string, std::string> kUser{"X-Vanban-User", "lan"};

class ServiceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    sandbox_ = std::make_unique<test::ArchiveSandbox>(GetParam(), test::current_test_name());
    std::string problem;
    const std::string db = sandbox_->db_option();
    const auto location =
        archive::make_location(db.empty() ? std::nullopt : std::optional<std::string>(db), sandbox_->store(), problem);
    ASSERT_TRUE(location) << problem;
    server::ServiceSetup setup;
    setup.engine = &engine();
    setup.resources = pipeline::ResourcePaths::under(test::source_dir());
    setup.archive = *location;
    setup.anchors.push_back({"ca.pem", test::read_text(test::test_pki() / "ca.pem")});
    pipeline::KeyFiles keys;
    keys.pkcs12 = test::test_pki() / "officer.p12";
    Diagnostics diagnostics;
    setup.agency_key = pipeline::load_identity(
        keys, [] { return std::optional<std::string>(test::kTestPassphrase); }, diagnostics);
    ASSERT_TRUE(setup.agency_key) << diagnostics.to_string();
    setup.openapi = test::read_text(test::source_dir() / "schemas" / "openapi.json");
    setup.clock = [] { return *sign::Moment::parse_iso("2026-07-01T10:00:00+07:00"); };
    service_ = std::make_unique<server::Service>(std::move(setup));
    start(limits_);
  }
  void TearDown() override {
    http_.reset();
    service_.reset();
  }
  void start(const server::HttpLimits& limits) {
    http_.reset();
    http_ = std::make_unique<server::HttpServer>(
        "127.0.0.1", 0, limits, [this](server::HttpRequest& r) { return service_->handle(r); },
        [this](const server::Exchange& e) { service_->record(e); });
    port_ = http_->port();
  }
  Answer get(const std::string& target) { return call(port_, "GET", target); }
  Answer post(const std::string& target, const std::string& body,
              std::vector<std::pair<std::string, std::string>> headers = {kUser}) {
    return call(port_, "POST", target, body, headers);
  }
  std::int64_t case_count() { return get("/api/cases").json()->getValue<std::int64_t>("total"); }

  std::unique_ptr<test::ArchiveSandbox> sandbox_;
  std::unique_ptr<server::Service> service_;
  std::unique_ptr<server::HttpServer> http_;
  server::HttpLimits limits_;
  std::uint16_t port_ = 0;
};

TEST_P(ServiceTest, HealthMetricsAndTemplates) {
  const auto health = get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json()->getValue<std::string>("status"), "ready");
  EXPECT_EQ(get("/api/templates").status, 200);
  const auto described = get("/api/templates/qd-tha-chu-dong");
  EXPECT_EQ(described.status, 200);
  EXPECT_EQ(described.json()->getValue<std::string>("name"), "qd-tha-chu-dong");
  EXPECT_EQ(get("/api/templates/khong-co").status, 404);
  const auto metrics = get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(
      metrics.body.find("vanban_http_requests_total{route=\"/api/templates/{name}\",method=\"GET\",status=\"404\"} 1"),
      std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("vanban_http_request_duration_seconds_bucket{le=\"+Inf\"}"), std::string::npos);
  EXPECT_NE(metrics.body.find("vanban_documents_rendered_total 0"), std::string::npos);
}

TEST_P(ServiceTest, ValidateGivesDiagnosticsWithLineAndColumn) {
  const auto good = post("/api/validate", example("chu-dong-ma-tuy.xml"));
  EXPECT_EQ(good.status, 200);
  EXPECT_TRUE(good.json()->getValue<bool>("valid"));
  std::string broken = example("chu-dong-ma-tuy.xml");
  broken.replace(broken.find("2024-06-24"), 10, "2024-02-30");
  const auto bad = post("/api/validate?file=x.xml", broken);
  EXPECT_EQ(bad.status, 200);
  const auto json = bad.json();
  EXPECT_FALSE(json->getValue<bool>("valid"));
  const auto first = json->getArray("diagnostics")->getObject(0);
  EXPECT_EQ(first->getValue<std::string>("code"), "E0205");
  EXPECT_GT(first->getValue<int>("line"), 1);
  EXPECT_GT(first->getValue<int>("column"), 1);
  EXPECT_EQ(first->getValue<std::string>("file"), "x.xml");
}

TEST_P(ServiceTest, ImportsEverySampleCaseAndListsThem) {
  std::set<std::string> ids;
  for (const auto& path : test::all_sample_cases()) {
    const auto answer = post("/api/cases?file=" + path.filename().string(), test::read_text(path));
    ASSERT_TRUE(answer.status == 201 || answer.status == 200) << path << answer.body;
    const auto list = answer.json()->getArray("cases");
    for (std::size_t i = 0; i < list->size(); ++i)
      ids.insert(list->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
  }
  EXPECT_EQ(case_count(), static_cast<std::int64_t>(ids.size()));
  // Importing again changes nothing.
  const auto again = post("/api/cases", example("chu-dong-ma-tuy.xml"));
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.json()->getArray("cases")->getObject(0)->getValue<std::string>("outcome"), "unchanged");
  // Filters and paging: the debtor's name without diacritics, one per page.
  const auto found = get("/api/cases?debtor=ha%20van%20huong").json();
  ASSERT_EQ(found->getValue<int>("total"), 1);
  EXPECT_EQ(found->getArray("items")->getObject(0)->getValue<std::string>("id"), kCase);
  const auto page = get("/api/cases?limit=1&offset=1").json();
  EXPECT_EQ(page->getArray("items")->size(), 1U);
  EXPECT_EQ(page->getValue<std::int64_t>("total"), static_cast<std::int64_t>(ids.size()));
  EXPECT_EQ(get("/api/cases?mode=ex-officio").status, 200);
  EXPECT_EQ(get("/api/cases?limit=x").status, 400);
}

TEST_P(ServiceTest, ARegisterThatFailsImportsNothing) {
  const std::string good = example("so-thu-ly-thuong-xuan.xml");
  ASSERT_NE(good.find("<register"), std::string::npos);
  std::string bad = good;
  const auto last = bad.rfind("<obligation ");
  ASSERT_NE(last, std::string::npos);
  bad.insert(last + 12, "bogus=\"1\" ");
  const auto refused = post("/api/cases", bad);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.headers.get("Content-Type"), "application/problem+json");
  EXPECT_EQ(refused.json()->getValue<std::string>("title"), "Dữ liệu không hợp lệ");
  EXPECT_GT(refused.json()->getArray("diagnostics")->size(), 0U);
  EXPECT_EQ(case_count(), 0);
  EXPECT_EQ(post("/api/cases", good).status, 201);
  EXPECT_GT(case_count(), 1);
}

TEST_P(ServiceTest, VersionsEventsAndExportByteForByte) {
  const std::string original = example("chu-dong-ma-tuy.xml");
  ASSERT_EQ(post("/api/cases", original).status, 201);
  const auto current = get("/api/cases/" + kCase);
  EXPECT_EQ(current.status, 200);
  EXPECT_EQ(current.headers.get("ETag"), "\"1\"");
  EXPECT_EQ(current.json()->getValue<std::string>("debtor"), "Hà Văn Hưởng");
  const auto before = current.json()->getValue<std::int64_t>("outstanding");

  const std::string payment = R"({"kind": "payment", "date": "2024-07-01", "amount": 100000, "obligation": "k1"})";
  const auto recorded = post("/api/cases/" + kCase + "/events", payment, {kUser, {"If-Match", "\"1\""}});
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  EXPECT_EQ(recorded.headers.get("ETag"), "\"2\"");
  const auto after = get("/api/cases/" + kCase).json();
  EXPECT_EQ(after->getValue<std::int64_t>("outstanding"), before - 100000);
  EXPECT_EQ(after->getValue<std::string>("updated_by"), "lan");

  // An event that makes the case invalid is refused, with the diagnostics; nothing is written.
  const auto invalid =
      post("/api/cases/" + kCase + "/events", R"({"kind": "payment", "date": "2024-07-01", "amount": 5})");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(invalid.json()->getArray("diagnostics")->getObject(0)->getValue<std::string>("code"), "E0202");
  EXPECT_EQ(post("/api/cases/" + kCase + "/events", "[1]").status, 400);
  EXPECT_EQ(post("/api/cases/" + kCase + "/events", payment, {}).status, 403);

  const auto versions = get("/api/cases/" + kCase + "/versions").json()->getArray("versions");
  ASSERT_EQ(versions->size(), 2U);
  EXPECT_EQ(versions->getObject(1)->getValue<std::string>("recorded_by"), "lan");
  EXPECT_EQ(versions->getObject(1)->getValue<std::string>("recorded_at"), "2026-07-01T10:00:00+07:00");
  EXPECT_EQ(get("/api/cases/" + kCase + "/export?version=1").body, original);
  const auto exported = get("/api/cases/" + kCase + "/export");
  EXPECT_NE(exported.body.find("<payment amount=\"100000\" date=\"2024-07-01\" obligation=\"k1\"/>"),
            std::string::npos);
  EXPECT_EQ(get("/api/cases/" + kCase + "/export?version=9").status, 404);
  EXPECT_EQ(get("/api/cases/" + kCase + "/export?version=x").status, 400);

  // Replacing the file: If-Match required (428), the case's own id (422), a stale version (412).
  std::string edited = original;
  edited.replace(edited.find("Hà Văn Hưởng"), std::string("Hà Văn Hưởng").size(), "Hà Văn Hương");
  const std::string target = "/api/cases/" + kCase;
  EXPECT_EQ(call(port_, "PUT", target, edited, {kUser}).status, 428);
  EXPECT_EQ(call(port_, "PUT", target, edited, {kUser, {"If-Match", "\"1\""}}).status, 412);
  EXPECT_EQ(call(port_, "PUT", target, example("hoan-dong-y.xml"), {kUser, {"If-Match", "\"2\""}}).status, 422);
  EXPECT_EQ(call(port_, "PUT", target, edited, {kUser, {"If-Match", "\"2\""}}).status, 200);
  EXPECT_EQ(get(target).json()->getValue<std::string>("debtor"), "Hà Văn Hương");
  EXPECT_EQ(get("/api/cases/" + kCase + "/export?version=3").body, edited);
  EXPECT_EQ(get("/api/cases/" + kCase + "/templates").status, 200);
}

TEST_P(ServiceTest, ConcurrentEditsExactlyOneWins) {
  ASSERT_EQ(post("/api/cases", example("chu-dong-ma-tuy.xml")).status, 201);
  constexpr int kWriters = 6;
  std::vector<int> statuses(kWriters);
  std::vector<std::thread> writers;
  std::atomic<bool> go{false};
  for (int i = 0; i < kWriters; ++i)
    writers.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      const std::string body = R"({"kind": "payment", "date": "2024-07-0)" + std::to_string(i + 1) +
                               R"(", "amount": 1000, "obligation": "k1"})";
      statuses[static_cast<std::size_t>(i)] =
          call(port_, "POST", "/api/cases/" + kCase + "/events", body,
               {{"X-Vanban-User", "clerk" + std::to_string(i)}, {"If-Match", "\"1\""}})
              .status;
    });
  go = true;
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 412), kWriters - 1);
  const auto winner = static_cast<int>(std::find(statuses.begin(), statuses.end(), 200) - statuses.begin());
  const auto versions = get("/api/cases/" + kCase + "/versions").json()->getArray("versions");
  ASSERT_EQ(versions->size(), 2U);
  EXPECT_EQ(versions->getObject(1)->getValue<std::string>("recorded_by"), "clerk" + std::to_string(winner));
  EXPECT_NE(get("/api/cases/" + kCase + "/export").body.find("date=\"2024-07-0" + std::to_string(winner + 1) + "\""),
            std::string::npos);
}

TEST_P(ServiceTest, RenderGivesTheCliBytes) {
  const std::string file = example("chu-dong-ma-tuy.xml");
  const auto uploaded = post("/api/render?template=qd-tha-chu-dong&date=24/06/2024&number=517", file);
  ASSERT_EQ(uploaded.status, 200) << uploaded.body;
  EXPECT_EQ(uploaded.headers.get("Content-Type"), "application/pdf");
  const auto cli = test::scratch_dir("service-render") / "qd.pdf";
  const auto ran =
      test::vanban("render " + test::quote((test::source_dir() / "examples" / "chu-dong-ma-tuy.xml").string()) +
                   " --template qd-tha-chu-dong --date 24/06/2024 --number 517 -o " + test::quote(cli.string()));
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_EQ(uploaded.body, test::read_text(cli));
  ASSERT_EQ(post("/api/cases", file).status, 201);
  const auto stored = post("/api/cases/" + kCase + "/render?template=qd-tha-chu-dong&date=2024-06-24&number=517", "");
  EXPECT_EQ(stored.status, 200);
  EXPECT_EQ(stored.body, uploaded.body);
  EXPECT_EQ(post("/api/render?template=khong-co", file).status, 400);
  EXPECT_EQ(post("/api/render", file).status, 400);
  EXPECT_EQ(post("/api/render?template=qd-tha-chu-dong&margins=5,5,5,5", file).status, 400);
  EXPECT_EQ(post("/api/cases/KHONG-CO/render?template=qd-tha-chu-dong", "").status, 404);
  EXPECT_NE(get("/metrics").body.find("vanban_documents_rendered_total 2"), std::string::npos);
}

// The live preview: the pages of the uploaded or the stored case as SVG, the ETag of the request's content (304 with
// If-None-Match, a new tag when the stored case changes), the fonts each page names served with a year's cache, and
// the same pages the CLI writes apart from the fonts' URLs.
TEST_P(ServiceTest, PreviewGivesSvgPagesWithAnETagAndTheirFonts) {
  const std::string file = example("chu-dong-ma-tuy.xml");
  const std::string query = "template=qd-tha-chu-dong&date=24/06/2024&number=517";
  const auto uploaded = post("/api/preview?" + query, file);
  ASSERT_EQ(uploaded.status, 200) << uploaded.body;
  const auto pages = uploaded.json()->getArray("pages");
  ASSERT_EQ(pages->size(), 2U);
  const std::string first = pages->getElement<std::string>(0);
  EXPECT_EQ(first.rfind("<?xml", 0), 0U);
  EXPECT_NE(first.find("<tspan x=\""), std::string::npos);
  const std::string tag = uploaded.headers.get("ETag");
  ASSERT_EQ(tag.size(), 66U);
  // Unchanged: 304 with the tag, or the same answer again; another query is another tag.
  const auto again = post("/api/preview?" + query, file, {kUser, {"If-None-Match", tag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(post("/api/preview?" + query, file).body, uploaded.body);
  EXPECT_NE(post("/api/preview?" + query + "&number=518", file).headers.get("ETag"), tag);
  // Rendered twice: the request repeated came from the cache.
  EXPECT_NE(get("/metrics").body.find("vanban_documents_rendered_total 2\n"), std::string::npos);

  // The fonts: every URL a page names answers a TrueType font, immutable for a year; a made-up name is 404.
  std::size_t fonts = 0;
  for (std::size_t at = first.find("url(\""); at != std::string::npos; at = first.find("url(\"", at + 1)) {
    const std::string url = first.substr(at + 5, first.find('"', at + 5) - at - 5);
    ASSERT_EQ(url.rfind("/api/fonts/", 0), 0U) << url;
    const auto font = get(url);
    ASSERT_EQ(font.status, 200) << url;
    EXPECT_EQ(font.headers.get("Content-Type"), "font/ttf");
    EXPECT_EQ(font.headers.get("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(font.body.substr(0, 4), std::string("\0\1\0\0", 4));
    EXPECT_EQ(call(port_, "GET", url, "", {{"If-None-Match", font.headers.get("ETag")}}).status, 304);
    ++fonts;
  }
  EXPECT_GE(fonts, 2U);  // regular and bold at least
  EXPECT_EQ(get("/api/fonts/r-7e-20.ttf").status, 404);
  EXPECT_EQ(get("/api/fonts/x-20.ttf").status, 404);

  // The stored case: the same pages; its tag changes with its version.
  ASSERT_EQ(post("/api/cases", file).status, 201);
  const auto stored = post("/api/preview?id=" + kCase + "&" + query, "");
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(stored.json()->getArray("pages")->getElement<std::string>(1), pages->getElement<std::string>(1));
  const std::string stored_tag = stored.headers.get("ETag");
  EXPECT_EQ(post("/api/preview?id=" + kCase + "&" + query, "", {kUser, {"If-None-Match", stored_tag}}).status, 304);
  std::string edited = file;
  edited.replace(edited.find("Hà Văn Hưởng"), std::string("Hà Văn Hưởng").size(), "Hà Văn Hương");
  const auto put = call(port_, "PUT", "/api/cases/" + kCase, edited, {kUser, {"If-Match", "\"1\""}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(post("/api/preview?id=" + kCase + "&" + query, "", {kUser, {"If-None-Match", stored_tag}}).status, 200);
  EXPECT_EQ(post("/api/preview?id=KHONG-CO&" + query, "").status, 404);
  EXPECT_EQ(post("/api/preview?template=khong-co", file).status, 400);
}

// The statistics and the deadline list of the stored cases: the same bytes as vanban report and vanban deadlines over
// the same cases exported to files named by their ids, each format with its type, and bad parameters answered 400
// naming the query parameter.
TEST_P(ServiceTest, StatisticsAndDeadlinesOfTheStoredCasesAreTheCli) {
  ASSERT_EQ(post("/api/cases", test::read_text(test::source_dir() / "tests/e2e/report/so-thong-ke.xml")).status, 201);
  const auto dir = test::scratch_dir("service-reports-" + test::current_test_name());
  std::string files;
  const auto items = get("/api/cases?limit=1000").json()->getArray("items");
  ASSERT_GT(items->size(), 3U);
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto id = items->getObject(static_cast<unsigned>(i))->getValue<std::string>("id");
    test::write_text(dir / (id + ".xml"), get("/api/cases/" + id + "/export").body);
    files += " " + id + ".xml";
  }
  const auto cli = [&](const std::string& arguments) {
    const auto ran = test::run("cd " + test::quote(dir.string()) + " && " + test::quote(test::binary().string()) +
                               " --resources " + test::quote(test::source_dir().string()) + " " + arguments);
    EXPECT_EQ(ran.exit_code, 0) << arguments << "\n" << ran.err;
    return ran.out;
  };

  const auto statistics = get("/api/reports/statistics?year=2024&target_cases=47,5&by=officer");
  ASSERT_EQ(statistics.status, 200) << statistics.body;
  EXPECT_EQ(statistics.headers.get("Content-Type"), "application/json");
  EXPECT_EQ(statistics.body, cli("report" + files + " --year 2024 --target-cases 47,5 --by officer --format json"));
  const auto csv = get("/api/reports/statistics?from=2023-10-01&to=2024-09-30&format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.headers.get("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body, cli("report" + files + " --from 2023-10-01 --to 2024-09-30 --format csv"));
  const auto xlsx = get("/api/reports/statistics?year=2024&format=xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.headers.get("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  const auto pdf = get("/api/reports/statistics?year=2024&format=pdf&date=2024-10-05");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.headers.get("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");

  const auto due = get("/api/deadlines?as_of=2024-10-15&within=3");
  ASSERT_EQ(due.status, 200) << due.body;
  EXPECT_EQ(due.headers.get("Content-Type"), "application/json");
  EXPECT_EQ(due.body, cli("deadlines" + files + " --as-of 2024-10-15 --within 3 --format json"));
  EXPECT_GT(due.json()->getArray("items")->size(), 3U);
  const auto mine = get("/api/deadlines?as_of=15/10/2024&officer=CHV-1190&format=text");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.headers.get("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(mine.body, cli("deadlines" + files + " --as-of 15/10/2024 --officer CHV-1190"));
  const auto due_pdf = get("/api/deadlines?as_of=2024-10-15&format=pdf");
  ASSERT_EQ(due_pdf.status, 200) << due_pdf.body;
  EXPECT_EQ(due_pdf.body.substr(0, 5), "%PDF-");

  // Bad parameters: 400, a problem document naming the query parameter (never the command line's option).
  const auto bad = [&](const std::string& target, const std::string& parameter) {
    const auto answer = get(target);
    EXPECT_EQ(answer.status, 400) << target << "\n" << answer.body;
    EXPECT_EQ(answer.headers.get("Content-Type"), "application/problem+json") << target;
    const auto detail = answer.json()->getValue<std::string>("detail");
    EXPECT_EQ(detail.rfind(parameter + " ", 0), 0U) << target << ": " << detail;
    EXPECT_EQ(detail.find("--"), std::string::npos) << detail;
  };
  bad("/api/reports/statistics?from=2024-09-30&to=2024-01-01", "to");
  bad("/api/reports/statistics?from=30/02/2024&to=2024-09-30", "from");
  bad("/api/reports/statistics?year=2024&months=9", "months");
  bad("/api/reports/statistics?year=24", "year");
  bad("/api/reports/statistics?year=2024&target_money=120", "target_money");
  bad("/api/reports/statistics?year=2024&by=debtor", "by");
  bad("/api/reports/statistics?year=2024&format=doc", "format");
  bad("/api/deadlines?as_of=hom-nay", "as_of");
  bad("/api/deadlines?as_of=2024-10-15&within=-1", "within");
  bad("/api/deadlines?as_of=2024-10-15&format=xlsx", "format");
  EXPECT_EQ(get("/api/reports/statistics").status, 400);
  const auto no_date = get("/api/deadlines");
  EXPECT_EQ(no_date.status, 400);
  EXPECT_NE(no_date.body.find("as_of"), std::string::npos) << no_date.body;
}

TEST_P(ServiceTest, SignVerifyAndArchive) {
  ASSERT_EQ(post("/api/cases", example("chu-dong-ma-tuy.xml")).status, 201);
  const auto pdf = post("/api/cases/" + kCase + "/render?template=qd-tha-chu-dong&number=517", "");
  ASSERT_EQ(pdf.status, 200);
  const auto signed_pdf = post("/api/sign?reason=ban-hanh", pdf.body);
  ASSERT_EQ(signed_pdf.status, 200) << signed_pdf.body;
  // The service's key is Hoàng Minh Đức's, the decision names Cầm Bá Nguyện: `sign`'s W0619 reaches the client as a
  // header.
  const std::string warning = signed_pdf.headers.get("Vanban-Warning", "");
  const std::string prefix = "W0619; message*=UTF-8''";
  ASSERT_EQ(warning.rfind(prefix, 0), 0U) << warning;
  const auto message = percent_decode(warning.substr(prefix.size()));
  ASSERT_TRUE(message) << warning;
  EXPECT_NE(message->find("\"Hoàng Minh Đức\", nhưng văn bản ghi người ký là \"Cầm Bá Nguyện\""), std::string::npos)
      << *message;
  EXPECT_EQ(post("/api/sign", "not a pdf").status, 422);
  EXPECT_EQ(post("/api/sign?appearance=bogus", pdf.body).status, 400);
  const auto verified = post("/api/verify", signed_pdf.body);
  ASSERT_EQ(verified.status, 200);
  EXPECT_TRUE(verified.json()->getValue<bool>("holds")) << verified.body;
  EXPECT_TRUE(verified.json()->getValue<bool>("signer_known")) << "the service's anchors reach the agency's key";
  EXPECT_EQ(post("/api/verify", "%PDF-").status, 422);

  EXPECT_EQ(post("/api/archive", pdf.body).status, 422);  // unsigned
  EXPECT_EQ(post("/api/archive", signed_pdf.body, {}).status, 403);
  const auto added = post("/api/archive?case=" + kCase, signed_pdf.body);
  ASSERT_EQ(added.status, 201) << added.body;
  const auto id = added.json()->getValue<std::int64_t>("id");
  EXPECT_EQ(post("/api/archive", signed_pdf.body).status, 200);  // present
  const auto hits = get("/api/archive?case=" + kCase);
  EXPECT_EQ(hits.status, 200);
  EXPECT_NE(hits.body.find("\"sha256\""), std::string::npos);
  EXPECT_EQ(get("/api/archive?from=xx").status, 400);
  EXPECT_EQ(get("/api/archive/" + std::to_string(id)).body, signed_pdf.body);
  EXPECT_EQ(get("/api/archive/" + std::to_string(id) + "?format=json").status, 200);
  EXPECT_EQ(get("/api/archive/999").status, 404);
  EXPECT_EQ(get("/api/archive/abc").status, 400);
  const auto report = post("/api/archive/verify", "");
  EXPECT_EQ(report.status, 200);
  EXPECT_TRUE(report.json()->getValue<bool>("intact")) << report.body;
  const auto zip = get("/api/archive/export?case=" + kCase);
  EXPECT_EQ(zip.status, 200);
  EXPECT_EQ(zip.body.substr(0, 2), "PK");
  EXPECT_EQ(get("/api/archive/export?case=KHONG-CO").status, 404);
  EXPECT_EQ(get("/api/archive/export").status, 400);

  // Issue 18: the package is written to a scratch file and sent from it in pieces, never held in the answer; the
  // scratch file is gone once opened (the answer reads it still).
  server::HttpRequest exporting;
  exporting.method = "GET";
  exporting.target = "/api/archive/export?case=" + kCase;
  const auto exported = service_->handle(exporting);
  EXPECT_EQ(exported.response.status, 200);
  EXPECT_TRUE(exported.response.body.empty());
  ASSERT_TRUE(exported.response.file);
  ASSERT_EQ(exported.response.file->size, zip.body.size());
  std::string sent(zip.body.size(), '\0');
  exported.response.file->in->read(sent.data(), static_cast<std::streamsize>(sent.size()));
  EXPECT_EQ(sent, zip.body) << "the same bytes as the answer sent";
  const std::string scratch_prefix = "vanban-" + std::to_string(::getpid()) + "-";
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
    EXPECT_FALSE(entry.path().filename().string().rfind(scratch_prefix, 0) == 0 && entry.path().extension() == ".zip")
        << entry.path();

  // The signing route takes the body it signs (moved, as the command line hands its file over), never a copy of it.
  server::HttpRequest signing;
  signing.method = "POST";
  signing.target = "/api/sign?reason=ban-hanh";
  signing.headers["x-vanban-user"] = "lan";
  signing.body = pdf.body;
  const auto handled = service_->handle(signing);
  EXPECT_EQ(handled.response.status, 200) << handled.response.body;
  EXPECT_TRUE(signing.body.empty()) << "taken";
  EXPECT_EQ(handled.response.body, signed_pdf.body) << "signed as before";
}

TEST_P(ServiceTest, ErrorsAreProblemDocuments) {
  const auto none = get("/khong-co");
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(none.headers.get("Content-Type"), "application/problem+json");
  const auto json = none.json();
  EXPECT_EQ(json->getValue<std::string>("type"), "urn:vanban:problem:no-route");
  EXPECT_EQ(json->getValue<int>("status"), 404);
  EXPECT_FALSE(json->getValue<std::string>("title").empty());
  const auto method = call(port_, "DELETE", "/api/cases");
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(method.headers.get("Allow"), "GET, POST");
  EXPECT_EQ(post("/api/cases", example("chu-dong-ma-tuy.xml"), {}).status, 403);
  EXPECT_EQ(get("/api/cases/%zz").status, 400);
  EXPECT_EQ(get("/api/cases/%4").status, 400);     // an escape cut short
  EXPECT_EQ(get("/api/cases/a%00b").status, 400);  // a NUL never reaches a case id
  EXPECT_EQ(get("/api/cases/a%2Fb").status, 404);  // a decoded slash stays inside the segment: no such case
}

TEST_P(ServiceTest, HostileHttpIsAnsweredAndWritesNothing) {
  limits_.max_body = 64 * 1024;
  limits_.max_header = 2048;
  limits_.timeout = std::chrono::milliseconds(1500);
  start(limits_);
  const std::string head = "POST /api/cases HTTP/1.1\r\nHost: x\r\nX-Vanban-User: lan\r\n";
  // A body over the limit: announced, and chunked.
  EXPECT_EQ(raw_status(port_, {head + "Content-Length: 100000\r\n\r\n"}), 413);
  EXPECT_EQ(raw_status(port_, {head + "Transfer-Encoding: chunked\r\n\r\n10000\r\n" + std::string(65536, 'a') +
                               "\r\n10\r\n" + std::string(16, 'a') + "\r\n0\r\n\r\n"}),
            413);
  // A head over the limit.
  EXPECT_EQ(raw_status(port_, {"GET /healthz HTTP/1.1\r\nX-Big: " + std::string(4096, 'a') + "\r\n\r\n"}), 431);
  // Malformed chunked encoding; both framings at once; a broken Content-Length; garbage.
  EXPECT_EQ(raw_status(port_, {head + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"}), 400);
  EXPECT_EQ(raw_status(port_, {head + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcXY0\r\n\r\n"}), 400);
  EXPECT_EQ(raw_status(port_, {head + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n"}),
            400);
  EXPECT_EQ(raw_status(port_, {head + "Content-Length: -1\r\n\r\n"}), 400);
  EXPECT_EQ(raw_status(port_, {"\x01\x02 nonsense\r\n\r\n"}), 400);
  // A slow client: the head, then a body that never comes in time.
  EXPECT_EQ(raw_status(port_, {head + "Content-Length: 100\r\n\r\nabc"}, std::chrono::milliseconds(10)), 408);
  EXPECT_EQ(raw_status(port_, {"GET /heal", "thz HTTP/1.1\r\n"}, std::chrono::milliseconds(10)), 408);
  // Billion laughs: refused as a case file (E0105), nothing stored.
  const std::string laughs =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE case [<!ENTITY a \"ha\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
      "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>\n"
      "<case xmlns=\"urn:vanban:case:1\" id=\"X\">&d;</case>\n";
  const auto refused = post("/api/cases", laughs);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json()->getArray("diagnostics")->getObject(0)->getValue<std::string>("code"), "E0105");
  EXPECT_EQ(post("/api/render?template=qd-tha-chu-dong", laughs).status, 422);
  // Path traversal in every path parameter: nothing found, nothing written.
  ASSERT_EQ(post("/api/cases", example("chu-dong-ma-tuy.xml")).status, 201);
  for (const std::string id : {"..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "..%5C..%5Cwindows", "THA-2024-000517%2F.."}) {
    EXPECT_EQ(get("/api/cases/" + id).status, 404) << id;
    EXPECT_EQ(get("/api/cases/" + id + "/export").status, 404) << id;
    EXPECT_EQ(get("/api/cases/" + id + "/versions").status, 404) << id;
    EXPECT_EQ(get("/api/cases/" + id + "/templates").status, 404) << id;
    EXPECT_EQ(
        post("/api/cases/" + id + "/events", R"({"kind": "notified", "date": "2024-07-01", "party": "d1"})").status,
        404)
        << id;
    EXPECT_EQ(
        call(port_, "PUT", "/api/cases/" + id, example("chu-dong-ma-tuy.xml"), {kUser, {"If-Match", "\"1\""}}).status,
        404)
        << id;
    EXPECT_EQ(post("/api/cases/" + id + "/render?template=qd-tha-chu-dong", "").status, 404) << id;
    EXPECT_EQ(get("/api/templates/" + id).status, 404) << id;
    EXPECT_EQ(get("/api/archive/" + id).status, 400) << id;
  }
  EXPECT_EQ(get("/api/cases/..%2F/export").status, 404);
  EXPECT_EQ(post("/api/cases?file=..%2F..%2Fx.xml", example("hoan-dong-y.xml")).status, 201);
  EXPECT_EQ(case_count(), 2);
  EXPECT_EQ(get("/api/cases/" + kCase + "/versions").json()->getArray("versions")->size(), 1U);
  // Nothing but the database and the store's own files were written.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(sandbox_->dir()))
    EXPECT_EQ(entry.path().string().find("passwd"), std::string::npos) << entry.path();
  EXPECT_EQ(get("/healthz").status, 200);
}

TEST_P(ServiceTest, MoreConnectionsThanThreadsAreAnswered503) {
  limits_.threads = 1;
  start(limits_);
  Poco::Net::StreamSocket holder(Poco::Net::SocketAddress("127.0.0.1", port_));
  holder.sendBytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 35);
  char buffer[512];
  ASSERT_GT(holder.receiveBytes(buffer, sizeof buffer), 0);  // served, and kept alive: the one thread is taken
  EXPECT_EQ(raw_status(port_, {"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"}), 503);
  holder.close();
}

TEST_P(ServiceTest, TheOpenApiDocumentIsTheRoutes) {
  const auto answer = get("/api/openapi.json");
  ASSERT_EQ(answer.status, 200);
  const auto document = answer.json();
  EXPECT_EQ(document->getValue<std::string>("openapi"), "3.1.0");
  const auto paths = document->getObject("paths");
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, value] : *paths) {
    const auto methods = paths->getObject(path);
    for (const auto& [method, unused] : *methods) {
      std::string upper = method;
      std::transform(upper.begin(), upper.end(), upper.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      documented.insert({upper, path});
    }
  }
  std::set<std::pair<std::string, std::string>> served;
  for (const auto& route : server::routes()) served.insert({route.method, route.pattern});
  EXPECT_EQ(documented, served);
  // Every documented route answers: never "no such route" nor "method not allowed".
  for (const auto& [method, pattern] : documented) {
    std::string target = pattern;
    for (const auto& [name, value] : {std::pair<std::string, std::string>{"{id}", "1"}, {"{name}", "qd-tha-chu-dong"}})
      if (const auto at = target.find(name); at != std::string::npos) target.replace(at, name.size(), value);
    const auto got = call(port_, method, target, "", {kUser});
    EXPECT_NE(got.status, 405) << method << " " << target;
    if (got.status == 404) {
      EXPECT_NE(got.json()->getValue<std::string>("type"), "urn:vanban:problem:no-route") << target;
    }
  }
}

// A stream of `size` bytes made as they are read (byte i is i % 251), never held; it records the largest read asked.
class MadeBytes : public std::streambuf {
 public:
  explicit MadeBytes(std::uint64_t size) : size_(size) {}
  std::streamsize largest = 0;

 protected:
  std::streamsize xsgetn(char* out, std::streamsize n) override {
    largest = std::max(largest, n);
    const auto count =
        static_cast<std::streamsize>(std::min<std::uint64_t>(static_cast<std::uint64_t>(n), size_ - at_));
    for (std::streamsize i = 0; i < count; ++i) out[i] = static_cast<char>((at_ + static_cast<std::uint64_t>(i)) % 251);
    at_ += static_cast<std::uint64_t>(count);
    return count;
  }
  int_type underflow() override { return traits_type::eof(); }

 private:
  std::uint64_t size_;
  std::uint64_t at_ = 0;
};
struct MadeFile : std::istream {
  explicit MadeFile(std::uint64_t size) : std::istream(nullptr), bytes(size) { rdbuf(&bytes); }
  MadeBytes bytes;
};

// Issue 24c: a file answer is sent in pieces (never read whole) after its size as Content-Length, and the connection
// serves the next request.
TEST(HttpFileAnswer, IsSentInPiecesWithItsLengthOnAConnectionThatStaysOpen) {
  constexpr std::uint64_t kSize = 8U * 1024U * 1024U + 17U;
  std::mutex mutex;
  std::vector<std::shared_ptr<MadeFile>> made;
  std::vector<std::string> peers;
  server::HttpServer http(
      "127.0.0.1", 0, server::HttpLimits{},
      [&](const server::HttpRequest& request) {
        auto file = std::make_shared<MadeFile>(kSize);
        {
          const std::lock_guard lock(mutex);
          made.push_back(file);
          peers.push_back(request.peer);
        }
        server::Handled handled;
        handled.route = "/file";
        handled.response.content_type = "application/octet-stream";
        handled.response.file = server::HttpFile{file, kSize};
        return handled;
      },
      nullptr);
  Poco::Net::HTTPClientSession session("127.0.0.1", http.port());
  session.setTimeout(Poco::Timespan(60, 0));
  session.setKeepAlive(true);
  for (int i = 0; i < 2; ++i) {
    Poco::Net::HTTPRequest request("GET", "/file", Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    EXPECT_EQ(response.getContentLength64(), static_cast<std::streamsize>(kSize));
    EXPECT_EQ(response.get("Connection"), "keep-alive");
    std::string body;
    Poco::StreamCopier::copyToString(in, body);
    ASSERT_EQ(body.size(), kSize);
    for (const std::uint64_t at :
         {std::uint64_t{0}, std::uint64_t{250}, std::uint64_t{251}, std::uint64_t{65537}, kSize - 1})
      EXPECT_EQ(static_cast<unsigned char>(body[at]), at % 251) << at;
  }
  http.stop();
  ASSERT_EQ(peers.size(), 2U);
  EXPECT_EQ(peers[0], peers[1]);  // one connection served both
  for (const auto& file : made) {
    EXPECT_GT(file->bytes.largest, 0);
    EXPECT_LE(file->bytes.largest, 1024 * 1024);
  }
}

// Issue 18m: a written answer (the deadline list) is counted by a first call, then written straight to the connection a
// piece at a time after its size as Content-Length; the connection serves the next request. A second call that
// writes another number of bytes closes the connection (the client sees the answer end short).
TEST(HttpWrittenAnswer, IsCountedThenWrittenToAConnectionThatStaysOpen) {
  constexpr int kLines = 200000;  // 3.3 MB in 200,000 writes: more than 50 of the connection's pieces
  const auto line = [](int i) { return std::to_string(i) + " Việc đến hạn\n"; };
  std::string expected;
  for (int i = 0; i < kLines; ++i) expected += line(i);
  std::atomic<int> calls{0};
  std::atomic<bool> shorter{false};
  server::HttpServer http(
      "127.0.0.1", 0, server::HttpLimits{},
      [&](const server::HttpRequest&) {
        server::Handled handled;
        handled.route = "/written";
        handled.response.content_type = "text/plain";
        handled.response.written = server::written_body([&, first = true](std::ostream& out) mutable {
          ++calls;
          const int lines = shorter && !first ? kLines - 1 : kLines;
          first = false;
          for (int i = 0; i < lines; ++i) out << line(i);
        });
        return handled;
      },
      nullptr);
  Poco::Net::HTTPClientSession session("127.0.0.1", http.port());
  session.setTimeout(Poco::Timespan(60, 0));
  session.setKeepAlive(true);
  const auto fetch = [&](Poco::Net::HTTPResponse& response) {
    Poco::Net::HTTPRequest request("GET", "/written", Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    std::istream& in = session.receiveResponse(response);
    std::string body;
    try {
      Poco::StreamCopier::copyToString(in, body);
    } catch (const Poco::Exception&) {
    }
    return body;
  };
  for (int i = 0; i < 2; ++i) {
    Poco::Net::HTTPResponse response;
    const std::string body = fetch(response);
    EXPECT_EQ(response.getContentLength64(), static_cast<std::streamsize>(expected.size()));
    EXPECT_EQ(response.get("Connection"), "keep-alive");
    EXPECT_EQ(body, expected);
  }
  EXPECT_EQ(calls.load(), 4);  // counted, then written: twice a request
  // A body that writes less than it counted: the answer ends short and the connection closes.
  shorter = true;
  Poco::Net::HTTPResponse response;
  const std::string body = fetch(response);
  EXPECT_EQ(response.getContentLength64(), static_cast<std::streamsize>(expected.size()));
  EXPECT_EQ(body, expected.substr(0, expected.size() - line(kLines - 1).size()));
  http.stop();
}

TEST(HttpBody, IsHandedOverWholeAndRequestsSentTogetherKeepTheirOwn) {
  // Two requests in one write (the first body is then not all the buffer holds), then one alone on the connection.
  std::mutex mutex;
  std::vector<std::string> bodies;
  server::HttpServer http(
      "127.0.0.1", 0, server::HttpLimits{},
      [&](const server::HttpRequest& request) {
        {
          const std::lock_guard lock(mutex);
          bodies.push_back(request.body);
        }
        server::Handled handled;
        handled.route = "/echo";
        handled.response.content_type = "text/plain";
        handled.response.body = "<" + request.body + ">";
        return handled;
      },
      nullptr);
  const auto post = [](const std::string& body, const char* connection) {
    return "POST /echo HTTP/1.1\r\nHost: x\r\nConnection: " + std::string(connection) +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  };
  const std::string large(300000, 'b');
  const std::string received =
      raw_exchange(http.port(), {post("first", "keep-alive") + post("second", "keep-alive"), post(large, "close")},
                   std::chrono::milliseconds(200));
  http.stop();
  ASSERT_EQ(bodies.size(), 3U);
  EXPECT_EQ(bodies[0], "first");
  EXPECT_EQ(bodies[1], "second");
  EXPECT_EQ(bodies[2], large);
  const auto first = received.find("<first>");
  const auto second = received.find("<second>");
  EXPECT_NE(first, std::string::npos);
  EXPECT_NE(second, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_NE(received.find("<" + large + ">"), std::string::npos);
}

// Issue 24: batch jobs. A job's state once it has ended (polled; the job runs on the service's thread).
Poco::JSON::Object::Ptr wait_for_job(std::uint16_t port, std::int64_t id) {
  for (int i = 0; i < 1200; ++i) {
    const auto answer = call(port, "GET", "/api/jobs/" + std::to_string(id));
    EXPECT_EQ(answer.status, 200) << answer.body;
    if (answer.status != 200) return nullptr;
    const auto job = answer.json();
    const auto state = job->getValue<std::string>("state");
    if (state != "queued" && state != "running") return job;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ADD_FAILURE() << "job " << id << " did not end";
  return nullptr;
}

// Letters dated after 01/07/2025: the generated register's agency is a Phòng khu vực (E0320 before).
const std::string kLetterDate = "2026-10-15";

TEST_P(ServiceTest, AJobOverAFilterThatMatchesNothingIsDoneAtOnceWithNothing) {
  ASSERT_EQ(post("/api/cases", test::generate_register(12).xml).status, 201);
  const auto made =
      post("/api/jobs?template=thu-van-dong&date=" + kLetterDate + "&where=outstanding%20%3E%20999999999999999", "");
  ASSERT_EQ(made.status, 202) << made.body;
  EXPECT_EQ(made.headers.get("Location"), "/api/jobs/1");
  EXPECT_EQ(made.json()->getValue<std::string>("state"), "queued");
  const auto job = wait_for_job(port_, 1);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->getValue<std::string>("state"), "done");
  EXPECT_EQ(job->getValue<std::int64_t>("total"), 0);
  EXPECT_EQ(job->getValue<std::int64_t>("done"), 0);
  EXPECT_NE(job->getValue<std::string>("note").find("không hồ sơ nào"), std::string::npos);
  EXPECT_EQ(get("/api/jobs/1/pdf").status, 404);
  const auto zip = get("/api/jobs/1/zip");
  EXPECT_EQ(zip.status, 200);
  EXPECT_EQ(zip.body.rfind("PK", 0), 0U);
  // What cannot be a job: a wrong filter (its position), both a filter and ids, no template, nobody named.
  const auto wrong = post("/api/jobs?template=thu-van-dong&where=outstanding%20%3E", "");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_GT(wrong.json()->getArray("diagnostics")->size(), 0U) << wrong.body;
  EXPECT_EQ(post("/api/jobs?template=thu-van-dong&where=outstanding%20%3E%201&id=A", "").status, 400);
  EXPECT_EQ(post("/api/jobs?where=outstanding%20%3E%201", "").status, 400);
  EXPECT_EQ(post("/api/jobs?template=thu-van-dong", "", {}).status, 403);
  EXPECT_EQ(get("/api/jobs/99").status, 404);
  EXPECT_EQ(get("/api/jobs/x").status, 404);
  // A case no letter can be dated for refuses the whole job, as `vanban batch` refuses the batch: failed, with why.
  ASSERT_EQ(post("/api/cases", example("so-thu-ly-thuong-xuan.xml")).status, 201);
  const auto refused = post("/api/jobs?template=thu-van-dong&id=THA-2024-000601", "");
  ASSERT_EQ(refused.status, 202);
  const auto failed = wait_for_job(port_, refused.json()->getValue<std::int64_t>("id"));
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->getValue<std::string>("state"), "failed");
  ASSERT_GT(failed->getArray("diagnostics")->size(), 0U);
  EXPECT_EQ(failed->getArray("diagnostics")->getObject(0)->getValue<std::string>("code"), "E0320");
}

// A job makes the same letters, manifest and combined PDF as `vanban batch` over the same cases, lists its failures
// with their diagnostics, and gives its letters and manifest as a zip.
TEST_P(ServiceTest, AJobMakesTheSameBytesAsVanbanBatch) {
  const auto generated = test::generate_register(24, 8);
  ASSERT_EQ(post("/api/cases", generated.xml).status, 201);
  const auto made = post("/api/jobs?template=qd-tha-chu-dong&date=" + kLetterDate + "&duplex=true", "");
  ASSERT_EQ(made.status, 202) << made.body;
  const auto id = made.json()->getValue<std::int64_t>("id");
  const auto job = wait_for_job(port_, id);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->getValue<std::string>("state"), "done");
  const auto failed = job->getArray("failed_items");
  EXPECT_EQ(failed->size(), generated.unrenderable_ex_officio);
  for (std::size_t i = 0; i < failed->size(); ++i) {
    const auto item = failed->getObject(static_cast<unsigned>(i));
    ASSERT_GT(item->getArray("diagnostics")->size(), 0U);
    EXPECT_FALSE(item->getArray("diagnostics")->getObject(0)->getValue<std::string>("code").empty());
  }
  // The failed cases come a page at a time (`limit`, `offset`), by case id, as the whole list has them.
  ASSERT_GE(failed->size(), 1U);
  const auto job_path = "/api/jobs/" + std::to_string(id);
  const auto first_page = get(job_path + "?limit=1");
  ASSERT_EQ(first_page.status, 200) << first_page.body;
  ASSERT_EQ(first_page.json()->getArray("failed_items")->size(), 1U);
  EXPECT_EQ(first_page.json()->getArray("failed_items")->getObject(0)->getValue<std::string>("case_id"),
            failed->getObject(0)->getValue<std::string>("case_id"));
  const auto past = get(job_path + "?offset=" + std::to_string(failed->size()));
  ASSERT_EQ(past.status, 200) << past.body;
  EXPECT_EQ(past.json()->getArray("failed_items")->size(), 0U);
  EXPECT_EQ(past.json()->getValue<std::int64_t>("failed"), static_cast<std::int64_t>(failed->size()));
  EXPECT_EQ(get(job_path + "?limit=x").status, 400);

  const auto dir = test::scratch_dir("job-same-bytes-" + test::current_test_name());
  test::write_text(dir / "register.xml", generated.xml);
  const auto cli =
      test::vanban("batch " + test::quote((dir / "register.xml").string()) +
                   " --template qd-tha-chu-dong --jobs 2 --duplex --date " + kLetterDate + " -o " +
                   test::quote((dir / "out").string()) + " --combined " + test::quote((dir / "combined.pdf").string()));
  ASSERT_EQ(cli.exit_code, 1) << cli.err;  // the unrenderable cases
  const auto letters = sandbox_->store() / "jobs" / std::to_string(id) / "letters";
  std::size_t compared = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "out")) {
    const auto name = entry.path().filename().string();
    if (name.front() == '.' || name.rfind("manifest.", 0) == 0) continue;
    EXPECT_EQ(test::read_text(letters / name), test::read_text(entry.path())) << name;
    ++compared;
  }
  EXPECT_GT(compared, 10U);
  // The manifests list the same cases in the same order, states and hashes (the messages name each its own source:
  // the register's file and line, or the stored case's "<id>.xml").
  Poco::JSON::Parser parser;
  const auto ours = parser.parse(test::read_text(letters / "manifest.json")).extract<Poco::JSON::Array::Ptr>();
  const auto theirs = parser.parse(test::read_text(dir / "out" / "manifest.json")).extract<Poco::JSON::Array::Ptr>();
  ASSERT_EQ(ours->size(), theirs->size());
  for (unsigned i = 0; i < ours->size(); ++i)
    for (const char* key : {"case_id", "debtor", "amount", "file", "sha256", "status"})
      EXPECT_EQ(ours->getObject(i)->get(key).toString(), theirs->getObject(i)->get(key).toString()) << i << key;
  EXPECT_EQ(get("/api/jobs/" + std::to_string(id) + "/pdf").body, test::read_text(dir / "combined.pdf"));
  const std::string zip_target = "/api/jobs/" + std::to_string(id) + "/zip";
  const auto zip = get(zip_target);
  EXPECT_EQ(zip.status, 200);
  EXPECT_EQ(zip.headers.get("Content-Type"), "application/zip");
  // Written once in the job's folder and sent from there; read back entry by entry, it holds every letter and both
  // manifests, each as written.
  const auto job_folder = sandbox_->store() / "jobs" / std::to_string(id);
  EXPECT_EQ(zip.body, test::read_text(job_folder / "letters.zip"));
  test::write_text(dir / "job.zip", zip.body);
  const auto listed = test::run("unzip -Z1 " + test::quote((dir / "job.zip").string()));
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  std::set<std::string> entries;
  std::istringstream names(listed.out);
  for (std::string name; std::getline(names, name);) entries.insert(name);
  std::set<std::string> expected;
  for (const auto& entry : std::filesystem::directory_iterator(letters)) {
    const auto name = entry.path().filename().string();
    const bool letter = name.front() != '.' && entry.path().extension() == ".pdf";
    if (letter || name == "manifest.csv" || name == "manifest.json") expected.insert(name);
  }
  EXPECT_EQ(entries, expected);
  EXPECT_EQ(entries.count("THA-2024-000001-qd-tha-chu-dong.pdf"), 1U);
  for (const auto& name : entries) {
    const auto read = test::run("unzip -p " + test::quote((dir / "job.zip").string()) + " " + test::quote(name));
    EXPECT_EQ(read.out, test::read_text(letters / name)) << name;
  }
  // Written once: asked again, the same file is sent; made again once removed, the same letters make the same bytes.
  struct stat first {};
  struct stat again {};
  ASSERT_EQ(::stat((job_folder / "letters.zip").c_str(), &first), 0);
  EXPECT_EQ(get(zip_target).body, zip.body);
  ASSERT_EQ(::stat((job_folder / "letters.zip").c_str(), &again), 0);
  EXPECT_EQ(first.st_ino, again.st_ino);
  std::filesystem::remove(job_folder / "letters.zip");
  EXPECT_EQ(get(zip_target).body, zip.body);
  // The service's answer holds no file: the file is opened for http to send in pieces, its size the Content-Length.
  server::HttpRequest request;
  request.method = "GET";
  request.target = zip_target;
  const auto handled = service_->handle(request);
  EXPECT_EQ(handled.response.status, 200);
  EXPECT_TRUE(handled.response.body.empty());
  ASSERT_TRUE(handled.response.file);
  EXPECT_EQ(handled.response.file->size, zip.body.size());
  request.target = "/api/jobs/" + std::to_string(id) + "/pdf";
  const auto handled_pdf = service_->handle(request);
  EXPECT_TRUE(handled_pdf.response.body.empty());
  ASSERT_TRUE(handled_pdf.response.file);
  EXPECT_EQ(handled_pdf.response.file->size, std::filesystem::file_size(dir / "combined.pdf"));

  // A job whose folder was removed from the server: 410 with why, in Vietnamese, for both files (never a 500).
  std::filesystem::remove_all(job_folder);
  for (const char* file : {"/zip", "/pdf"}) {
    const auto gone = get("/api/jobs/" + std::to_string(id) + file);
    EXPECT_EQ(gone.status, 410) << gone.body;
    EXPECT_EQ(gone.json()->getValue<std::string>("type"), "urn:vanban:problem:job-files-gone") << gone.body;
    EXPECT_NE(gone.json()->getValue<std::string>("detail").find("không còn trên máy chủ"), std::string::npos);
  }
}

TEST_P(ServiceTest, AJobIsCancelled) {
  const auto generated = test::generate_register(300);
  const auto letters = static_cast<std::int64_t>(300 - generated.on_request);
  ASSERT_EQ(post("/api/cases", generated.xml).status, 201);
  const auto made = post("/api/jobs?template=qd-tha-chu-dong&date=" + kLetterDate, "");
  ASSERT_EQ(made.status, 202) << made.body;
  const auto id = std::to_string(made.json()->getValue<std::int64_t>("id"));
  EXPECT_EQ(post("/api/jobs/" + id + "/cancel", "", {}).status, 403);
  // Cancelled while it drafts: once some letters are recorded.
  for (int i = 0; i < 6000 && get("/api/jobs/" + id).json()->getValue<std::int64_t>("done") == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const auto cancelled = post("/api/jobs/" + id + "/cancel", "");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json()->getValue<std::string>("state"), "cancelled");
  const auto job = wait_for_job(port_, std::stoll(id));
  ASSERT_TRUE(job);
  EXPECT_EQ(job->getValue<std::string>("state"), "cancelled");
  EXPECT_EQ(post("/api/jobs/" + id + "/cancel", "").status, 409);
  EXPECT_EQ(get("/api/jobs/" + id + "/pdf").status, 409);
  EXPECT_EQ(get("/api/jobs/" + id + "/zip").status, 200);
  // It stays cancelled: a later job runs.
  const auto next = post("/api/jobs?template=qd-tha-chu-dong&date=" + kLetterDate + "&id=THA-2024-000001", "");
  const auto after = wait_for_job(port_, next.json()->getValue<std::int64_t>("id"));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->getValue<std::string>("state"), "done");
  EXPECT_EQ(after->getValue<std::int64_t>("total"), 1);
  // The next job runs once the cancelled one has stopped (one job thread): it stopped between letters.
  const auto stopped = wait_for_job(port_, std::stoll(id));
  EXPECT_EQ(stopped->getValue<std::string>("state"), "cancelled");
  EXPECT_GT(stopped->getValue<std::int64_t>("done"), 0);
  EXPECT_LT(stopped->getValue<std::int64_t>("done"), letters);
}

// Progress as Server-Sent Events, read by a client to the end: progress events whose counts only grow, then one end
// event with every case counted.
TEST_P(ServiceTest, JobProgressAsServerSentEvents) {
  ASSERT_EQ(post("/api/cases", test::generate_register(40).xml).status, 201);
  const auto made = post("/api/jobs?template=qd-tha-chu-dong&date=" + kLetterDate, "");
  ASSERT_EQ(made.status, 202);
  const auto id = std::to_string(made.json()->getValue<std::int64_t>("id"));
  const auto events = get("/api/jobs/" + id + "/events");
  ASSERT_EQ(events.status, 200);
  EXPECT_EQ(events.headers.get("Content-Type"), "text/event-stream; charset=utf-8");
  std::vector<std::pair<std::string, Poco::JSON::Object::Ptr>> read;
  std::istringstream lines(events.body);
  std::string name;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("event: ", 0) == 0) name = line.substr(7);
    if (line.rfind("data: ", 0) == 0) {
      Poco::JSON::Parser parser;
      read.emplace_back(name, parser.parse(line.substr(6)).extract<Poco::JSON::Object::Ptr>());
    }
  }
  ASSERT_FALSE(read.empty()) << events.body;
  EXPECT_EQ(read.back().first, "end");
  std::int64_t last = -1;
  for (std::size_t i = 0; i < read.size(); ++i) {
    const auto& data = read[i].second;
    EXPECT_EQ(read[i].first, i + 1 == read.size() ? "end" : "progress");
    const auto done = data->getValue<std::int64_t>("done");
    EXPECT_GE(done, last);
    last = done;
    for (const char* key : {"failed", "total", "rate", "seconds_left"}) EXPECT_TRUE(data->has(key)) << key;
  }
  EXPECT_EQ(read.back().second->getValue<std::string>("state"), "done");
  EXPECT_EQ(last, 40 - static_cast<std::int64_t>(test::generate_register(40).on_request));
  EXPECT_EQ(read.back().second->getValue<std::int64_t>("total"), 40);
  // Other routes still answer whole, on the same server.
  EXPECT_EQ(get("/healthz").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, ServiceTest, test::test_backends(), test::backend_name);

// vanban serve started as a process on a free port, its archive in `store`, its standard error in `log`, with the
// configuration file `config` (none without); the port is 0 when it did not start within a minute.
std::pair<pid_t, std::uint16_t> start_serve(const std::filesystem::path& store, const std::filesystem::path& log,
                                            const std::optional<std::filesystem::path>& config) {
  const pid_t child = ::fork();
  if (child == 0) {
    ::setenv("VANBAN_ARCHIVE", store.c_str(), 1);
    if (config) ::setenv("VANBAN_CONFIG", config->c_str(), 1);
    else ::unsetenv("VANBAN_CONFIG");
    std::freopen(log.c_str(), "w", stderr);
    const std::string program = test::binary().string();
    ::execl(program.c_str(), program.c_str(), "serve", "--listen", "127.0.0.1:0", "--resources",
            test::source_dir().c_str(), static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  std::uint16_t port = 0;
  for (int i = 0; i < 1200 && port == 0 && child > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const std::string text = test::read_text(log);
    const auto at = text.find("http://127.0.0.1:");
    if (at != std::string::npos && text.find('/', at + 17) != std::string::npos)
      port = static_cast<std::uint16_t>(std::stoi(text.substr(at + 17)));
  }
  return {child, port};
}

// vanban serve as a process: it starts on a free port, answers, and on SIGTERM finishes and exits 0.
TEST(ServeProcess, SigtermFinishesAndExitsZero) {
  const auto dir = test::scratch_dir("serve-process");
  const auto log = dir / "stderr.log";
  const auto [child, port] = start_serve(dir / "store", log, std::nullopt);
  ASSERT_GE(child, 0);
  ASSERT_NE(port, 0) << test::read_text(log);
  EXPECT_EQ(call(port, "GET", "/healthz").status, 200);
  EXPECT_EQ(call(port, "POST", "/api/cases", example("chu-dong-ma-tuy.xml"), {kUser}).status, 201);
  ::kill(child, SIGTERM);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status)) << test::read_text(log);
  EXPECT_EQ(WEXITSTATUS(status), 0) << test::read_text(log);
  const std::string text = test::read_text(log);
  // One JSON line per request, with the route's pattern and no case data.
  EXPECT_NE(text.find(R"("method":"POST","route":"/api/cases","status":201)"), std::string::npos) << text;
  EXPECT_EQ(text.find("Hà Văn Hưởng"), std::string::npos);
}

// Issue 24: a job survives SIGKILL. vanban serve starts a job of some hundred letters, is killed midway, and started
// again: the job completes, every letter exactly once (the manifest lists each case once, each file as hashed), the
// job's items agree, and the combined PDF has every page of every letter.
TEST(ServeProcess, AJobKilledMidwayCompletesAfterARestartEveryLetterOnce) {
  const auto dir = test::scratch_dir("serve-job-kill");
  const auto store = dir / "store";
  const auto start = [&](const std::string& log_name) {
    const auto started_now =
        start_serve(store, dir / log_name, test::source_dir() / "tests" / "support" / "sample-office.conf");
    EXPECT_NE(started_now.second, 0) << test::read_text(dir / log_name);
    return started_now;
  };
  // Whatever fails below, no service is left running (it would hold the test's output open).
  std::vector<pid_t> started;
  struct Reaper {
    std::vector<pid_t>& pids;
    ~Reaper() {
      for (const pid_t pid : pids)
        if (::kill(pid, SIGKILL) == 0) ::waitpid(pid, nullptr, 0);
    }
  } reaper{started};
  const std::size_t count = 150;
  const auto generated = test::generate_register(count);
  const std::size_t letters = count - generated.on_request;
  auto [first, port] = start("first.log");
  started.push_back(first);
  ASSERT_NE(port, 0);
  ASSERT_EQ(call(port, "POST", "/api/cases", generated.xml, {kUser}).status, 201);
  const auto made = call(port, "POST", "/api/jobs?template=qd-tha-chu-dong&date=" + kLetterDate, "", {kUser});
  ASSERT_EQ(made.status, 202) << made.body;
  // Killed once some letters are recorded and before the last.
  std::int64_t done_before = 0;
  for (int i = 0; i < 2400 && done_before < 20; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    done_before = call(port, "GET", "/api/jobs/1").json()->getValue<std::int64_t>("done");
  }
  ::kill(first, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(first, &status, 0), first);
  ASSERT_GE(done_before, 20);
  ASSERT_LT(done_before, static_cast<std::int64_t>(letters)) << "the job ended before the kill";

  auto [second, port_again] = start("second.log");
  started.push_back(second);
  ASSERT_NE(port_again, 0);
  const auto job = wait_for_job(port_again, 1);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->getValue<std::string>("state"), "done");
  EXPECT_EQ(job->getValue<std::int64_t>("total"), static_cast<std::int64_t>(count));
  EXPECT_EQ(job->getValue<std::int64_t>("done"), static_cast<std::int64_t>(letters));
  EXPECT_EQ(job->getValue<std::int64_t>("not_applicable"), static_cast<std::int64_t>(generated.on_request));
  const auto pdf = call(port_again, "GET", "/api/jobs/1/pdf");
  ASSERT_EQ(pdf.status, 200);
  ::kill(second, SIGTERM);
  ASSERT_EQ(::waitpid(second, &status, 0), second);

  // The manifest: each case once, each letter there with the hash it lists.
  const auto folder = store / "jobs" / "1" / "letters";
  Poco::JSON::Parser parser;
  const auto manifest = parser.parse(test::read_text(folder / "manifest.json")).extract<Poco::JSON::Array::Ptr>();
  ASSERT_EQ(manifest->size(), count);
  std::set<std::string> ids;
  int pages = 0;
  std::size_t skipped = 0;
  for (std::size_t i = 0; i < manifest->size(); ++i) {
    const auto item = manifest->getObject(static_cast<unsigned>(i));
    EXPECT_TRUE(ids.insert(item->getValue<std::string>("case_id")).second) << item->getValue<std::string>("case_id");
    const auto state = item->getValue<std::string>("status");
    if (state == "not-applicable") continue;
    EXPECT_TRUE(state == "done" || state == "skipped") << state;
    if (state == "skipped") ++skipped;
    const auto file = folder / item->getValue<std::string>("file");
    const auto counted = test::run("qpdf --show-npages " + test::quote(file.string()));
    ASSERT_EQ(counted.exit_code, 0) << file;
    pages += std::stoi(counted.out);
  }
  test::write_text(dir / "combined.pdf", pdf.body);
  const auto combined = test::run("qpdf --show-npages " + test::quote((dir / "combined.pdf").string()));
  ASSERT_EQ(combined.exit_code, 0);
  EXPECT_EQ(std::stoi(combined.out), pages);
  EXPECT_FALSE(std::filesystem::exists(folder / "manifest.journal"));
  // Letters the database had recorded (20 or more) are listed as recorded ("done"); only those journaled after the
  // last group it recorded (fewer than a group of 16) are found on disk by their journal line and hash ("skipped").
  EXPECT_LT(skipped, 16U);
}

}  // namespace
}  // namespace vanban
