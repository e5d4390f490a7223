#include "server/service.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <ostream>
#include <thread>
#include <tuple>
#include <utility>

#include "api/answers.hpp"
#include "api/service_answers.hpp"
#include "base/error.hpp"
#include "base/percent.hpp"
#include "base/split.hpp"
#include "pipeline/case_store.hpp"
#include "pipeline/clock.hpp"
#include "pipeline/jobs.hpp"
#include "pipeline/office.hpp"
#include "pipeline/preview.hpp"
#include "pipeline/report.hpp"
#include "pipeline/request.hpp"
#include "pipeline/signing.hpp"
#include "pipeline/verification.hpp"

namespace vanban::server {

namespace {

// The problem kinds and their Vietnamese titles, one place.
struct ProblemKind {
  const char* kind;
  const char* title;
  int status;
};
constexpr ProblemKind kBadRequest{"bad-request", "Yêu cầu không dùng được", 400};
constexpr ProblemKind kNoUser{"no-user", "Không rõ người thực hiện", 403};
constexpr ProblemKind kNotFound{"not-found", "Không tìm thấy", 404};
constexpr ProblemKind kNoRoute{"no-route", "Không có địa chỉ này", 404};
constexpr ProblemKind kMethod{"method-not-allowed", "Phương thức không được phép", 405};
constexpr ProblemKind kConflict{"conflict", "Xung đột phiên bản", 409};
constexpr ProblemKind kStale{"stale-version", "Hồ sơ đã được người khác sửa", 412};
constexpr ProblemKind kPreconditionRequired{"precondition-required", "Thiếu phiên bản (If-Match)", 428};
constexpr ProblemKind kRejected{"case-rejected", "Dữ liệu không hợp lệ", 422};
constexpr ProblemKind kNotConfigured{"not-configured", "Máy chủ chưa được cấu hình cho việc này", 501};
constexpr ProblemKind kEnvironment{"environment", "Lỗi môi trường của máy chủ", 500};
constexpr ProblemKind kJobNotFinished{"job-not-finished", "Việc hàng loạt chưa xong", 409};
constexpr ProblemKind kJobEnded{"job-ended", "Việc hàng loạt đã kết thúc", 409};
constexpr ProblemKind kJobFilesGone{"job-files-gone", "Tệp của việc hàng loạt không còn", 410};
constexpr ProblemKind kCombinedTooLarge{"combined-too-large", "Tệp in gộp quá lớn", 409};

constexpr const char* kJsonType = "application/json";
constexpr const char* kTextType = "text/plain; charset=utf-8";
constexpr const char* kCsvType = "text/csv; charset=utf-8";
constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

HttpResponse problem(const ProblemKind& kind, const std::string& detail, const Diagnostics* diagnostics = nullptr) {
  HttpResponse response;
  response.status = kind.status;
  response.content_type = "application/problem+json";
  response.body = api::problem(kind.kind, kind.title, kind.status, detail, diagnostics);
  return response;
}

HttpResponse json(std::string body, int status = 200) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

HttpResponse bytes_answer(std::string body, const std::string& type, const std::string& file_name = {}) {
  HttpResponse response;
  response.content_type = type;
  response.body = std::move(body);
  if (!file_name.empty())
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  return response;
}

// A long answer written straight to the connection (http.hpp: its bytes counted first, never held whole).
HttpResponse written_answer(std::function<void(std::ostream&)> write, const std::string& type,
                            const std::string& file_name = {}) {
  HttpResponse response = bytes_answer({}, type, file_name);
  response.written = written_body(std::move(write));
  return response;
}

// A binary answer (a PDF) cannot carry its warnings in the body: each is a `Vanban-Warning` header, its code then the
// Vietnamese message as an RFC 8187 extended value (`W0619; message*=UTF-8''…`), so a client shows what `sign` or
// `render` would have printed.
HttpResponse with_warnings(HttpResponse response, const Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics.list())
    if (diagnostic.severity == Severity::warning)
      response.headers.emplace_back("Vanban-Warning",
                                    diagnostic.code + "; message*=UTF-8''" + percent_encode(diagnostic.message));
  return response;
}

// A percent-decoded path segment or query part ('+' is a space, as forms send it); nullopt when an escape is broken or
// decodes to a NUL.
std::optional<std::string> decoded(std::string_view text) {
  std::string plus_as_space(text);
  std::replace(plus_as_space.begin(), plus_as_space.end(), '+', ' ');
  auto out = percent_decode(plus_as_space);
  if (!out || out->find('\0') != std::string::npos) return std::nullopt;
  return out;
}

// A version from an ETag or If-Match value ("3", W/"3"); nullopt when it is not one.
std::optional<std::int64_t> version_tag(std::string text) {
  if (text.rfind("W/", 0) == 0) text.erase(0, 2);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(text);
}

std::string etag(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

}  // namespace

// A pool of objects that each hold a database session (a session serves one thread at a time); at most as many are
// ever made as requests run at once.
template <typename T>
class Pool {
 public:
  explicit Pool(std::function<std::unique_ptr<T>()> make) : make_(std::move(make)) {}

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<T> item) : pool_(pool), item_(std::move(item)) {}
    ~Lease() {
      if (item_) pool_.give_back(std::move(item_));
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    T& operator*() { return *item_; }
    T* operator->() { return item_.get(); }
    // A session a failure left in doubt is not given back.
    void discard() { item_.reset(); }

   private:
    Pool& pool_;
    std::unique_ptr<T> item_;
  };

  Lease take() {
    {
      const std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        auto item = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(item));
      }
    }
    return Lease(*this, make_());
  }

 private:
  void give_back(std::unique_ptr<T> item) {
    const std::lock_guard lock(mutex_);
    idle_.push_back(std::move(item));
  }
  std::function<std::unique_ptr<T>()> make_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<T>> idle_;
};

class Service::StorePool {
 public:
  explicit StorePool(const ServiceSetup& setup)
      : archives([&setup] { return archive::Archive::open(setup.archive, archive::Archive::OpenMode::create); }),
        cases([&setup] { return pipeline::open_case_store(*setup.engine, setup.archive); }),
        jobs([&setup] { return std::make_unique<cases::JobStore>(setup.archive.database, db::OpenMode::create); }) {}
  Pool<archive::Archive> archives;
  Pool<cases::Store> cases;
  Pool<cases::JobStore> jobs;
};

// The one thread that runs batch jobs, one at a time in the order they were made (each job spreads its letters over
// the batch's threads); a cancel stops the running job between letters.
class Service::JobWorker {
 public:
  using Run = std::function<void(std::int64_t id, const std::atomic<bool>& stop)>;
  explicit JobWorker(Run run) : run_(std::move(run)), thread_([this] { loop(); }) {}
  ~JobWorker() {
    {
      const std::lock_guard lock(mutex_);
      closing_ = true;
      stop_.store(true);
    }
    wake_.notify_all();
    thread_.join();
  }
  JobWorker(const JobWorker&) = delete;
  JobWorker& operator=(const JobWorker&) = delete;

  void enqueue(std::int64_t id) {
    {
      const std::lock_guard lock(mutex_);
      queue_.push_back(id);
    }
    wake_.notify_all();
  }
  // Called once the database says cancelled: a job not started yet finds it so and does not run.
  void cancel(std::int64_t id) {
    const std::lock_guard lock(mutex_);
    if (running_ == id) stop_.store(true);
  }

 private:
  void loop() {
    for (;;) {
      std::int64_t id = 0;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return closing_ || !queue_.empty(); });
        if (closing_) return;
        id = queue_.front();
        queue_.pop_front();
        running_ = id;
        stop_.store(false);
      }
      run_(id, stop_);
      const std::lock_guard lock(mutex_);
      running_ = 0;
    }
  }

  Run run_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::int64_t> queue_;
  std::int64_t running_ = 0;
  bool closing_ = false;
  std::atomic<bool> stop_{false};
  std::thread thread_;  // last: started once everything it reads exists
};

// Answers kept by a key of their request's content, the least recently used dropped beyond a total size: a preview
// asked again unchanged is not rendered again.
class Service::AnswerCache {
 public:
  explicit AnswerCache(std::size_t capacity) : capacity_(capacity) {}

  std::optional<std::string> find(const std::string& key) {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(key);
    if (found == entries_.end()) return std::nullopt;
    order_.splice(order_.begin(), order_, found->second.position);
    return found->second.body;
  }

  void keep(const std::string& key, const std::string& body) {
    const std::lock_guard lock(mutex_);
    if (body.size() > capacity_ || entries_.count(key) != 0) return;
    order_.push_front(key);
    entries_.emplace(key, Entry{body, order_.begin()});
    size_ += body.size();
    while (size_ > capacity_) {
      const auto last = entries_.find(order_.back());
      size_ -= last->second.body.size();
      entries_.erase(last);
      order_.pop_back();
    }
  }

 private:
  struct Entry {
    std::string body;
    std::list<std::string>::iterator position;
  };
  std::size_t capacity_;
  std::mutex mutex_;
  std::list<std::string> order_;  ///< most recently used first
  std::map<std::string, Entry> entries_;
  std::size_t size_ = 0;
};

// One request being answered: the request, the route's parameters, the query, the clock read once.
struct Service::Call {
  HttpRequest& request;  ///< its body may be taken (moved out) by the one route that consumes it
  std::map<std::string, std::string> parameters;
  std::multimap<std::string, std::string> query;
  sign::Moment now;

  [[nodiscard]] const std::string& parameter(const std::string& name) const { return parameters.at(name); }
  [[nodiscard]] std::optional<std::string> option(const std::string& name) const {
    const auto found = query.find(name);
    if (found == query.end()) return std::nullopt;
    return found->second;
  }
  [[nodiscard]] std::vector<std::string> options(const std::string& name) const {
    std::vector<std::string> out;
    for (auto [it, end] = query.equal_range(name); it != end; ++it) out.push_back(it->second);
    return out;
  }
};

struct RouteEntry {
  RouteInfo info;
  HttpResponse (*answer)(Service& service, Service::Call& call);
};

// The routes' answers: each reads the request, calls pipeline, and shapes the answer with api.
struct Answers {
  static HttpResponse health(Service& s, Service::Call&) {
    bool database = false;
    try {
      s.stores_->cases.take()->ping();
      database = true;
    } catch (const std::exception&) {
    }
    const bool engine = s.setup_.engine != nullptr;
    return json(api::health(engine, database), engine && database ? 200 : 503);
  }

  static HttpResponse metrics(Service& s, Service::Call&) {
    return bytes_answer(s.metrics_.text(), "text/plain; version=0.0.4; charset=utf-8");
  }

  static HttpResponse openapi(Service& s, Service::Call&) { return json(s.setup_.openapi); }

  static HttpResponse validate(Service& s, Service::Call& call) {
    Diagnostics diagnostics;
    const auto cases =
        s.setup_.engine->read_cases(call.request.body, upload_name(call, "ho-so.xml"), diagnostics, repair(call));
    return json(api::validation(cases, diagnostics));
  }

  static HttpResponse templates(Service& s, Service::Call&) {
    return json(api::templates(s.setup_.engine->templates()));
  }

  static HttpResponse describe_template(Service& s, Service::Call& call) {
    const auto info = s.setup_.engine->describe(call.parameter("name"));
    if (!info) return problem(kNotFound, "không có mẫu văn bản \"" + call.parameter("name") + "\"");
    return json(api::template_info(*info));
  }

  // The page of a list a request asks for: `limit` (at most 1,000; `limit` below when not asked) and `offset`.
  static std::pair<std::size_t, std::size_t> page_asked(const Service::Call& call, std::size_t limit) {
    std::size_t offset = 0;
    if (const auto asked = call.option("limit"))
      limit = std::min<std::size_t>(pipeline::parse_count("limit", *asked), 1000);
    if (const auto asked = call.option("offset")) offset = *asked == "0" ? 0 : pipeline::parse_count("offset", *asked);
    return {limit, offset};
  }

  static HttpResponse list_cases(Service& s, Service::Call& call) {
    cases::ListQuery query;
    query.debtor = call.option("debtor").value_or("");
    query.officer = call.option("officer").value_or("");
    query.mode = call.option("mode").value_or("");
    query.condition = call.option("condition").value_or("");
    std::tie(query.limit, query.offset) = page_asked(call, query.limit);
    const auto page = s.stores_->cases.take()->list(query);
    return json(api::case_page(page, query.limit, query.offset));
  }

  static HttpResponse import_cases(Service& s, Service::Call& call) {
    const auto change = s.change(call, "nhập tệp " + upload_name(call, "ho-so.xml"));
    if (!change) return problem(kNoUser, no_user_detail(s));
    Diagnostics diagnostics;
    auto store = s.stores_->cases.take();
    const auto results = pipeline::import_cases(*s.setup_.engine, *store, call.request.body,
                                                upload_name(call, "ho-so.xml"), *change, diagnostics);
    if (!results) return problem(kRejected, "tệp hồ sơ không hợp lệ: không hồ sơ nào được nhập", &diagnostics);
    const bool created = std::any_of(results->begin(), results->end(), [](const cases::WriteResult& r) {
      return r.outcome == cases::WriteResult::Outcome::created;
    });
    return json(api::write_results(*results, diagnostics), created ? 201 : 200);
  }

  static HttpResponse get_case(Service& s, Service::Call& call) {
    const auto stored = s.stores_->cases.take()->get(call.parameter("id"));
    if (!stored) return no_case(call);
    auto response = json(api::case_summary(stored->summary));
    response.headers.emplace_back("ETag", etag(stored->summary.version));
    return response;
  }

  static HttpResponse replace_case(Service& s, Service::Call& call) {
    const auto& id = call.parameter("id");
    const auto match = call.request.header("if-match");
    if (!match) return problem(kPreconditionRequired, "sửa hồ sơ cần If-Match với phiên bản đang sửa (ETag)");
    const auto expected = version_tag(*match);
    if (!expected) return problem(kBadRequest, "If-Match phải là một phiên bản (ETag) như \"3\"");
    const auto change = s.change(call, "thay tệp hồ sơ " + upload_name(call, id + ".xml"));
    if (!change) return problem(kNoUser, no_user_detail(s));
    auto store = s.stores_->cases.take();
    if (!store->get(id)) return no_case(call);
    Diagnostics diagnostics;
    const auto result = pipeline::replace_case(*store, id, call.request.body, upload_name(call, id + ".xml"), *change,
                                               *expected, diagnostics);
    return write_answer(result, diagnostics, true);
  }

  static HttpResponse versions(Service& s, Service::Call& call) {
    const auto list = s.stores_->cases.take()->versions(call.parameter("id"));
    if (list.empty()) return no_case(call);
    return json(api::case_versions(call.parameter("id"), list));
  }

  static HttpResponse export_case(Service& s, Service::Call& call) {
    std::optional<std::int64_t> version;
    if (const auto text = call.option("version")) {
      version = version_tag(*text);
      if (!version) return problem(kBadRequest, "version phải là một số phiên bản");
    }
    const auto stored = s.stores_->cases.take()->get(call.parameter("id"), version);
    if (!stored) return no_case(call);
    auto response = bytes_answer(stored->xml, "application/xml; charset=utf-8");
    response.headers.emplace_back("ETag", etag(stored->summary.version));
    return response;
  }

  static HttpResponse record_event(Service& s, Service::Call& call) {
    const auto& id = call.parameter("id");
    std::optional<std::int64_t> expected;
    if (const auto match = call.request.header("if-match")) {
      expected = version_tag(*match);
      if (!expected) return problem(kBadRequest, "If-Match phải là một phiên bản (ETag) như \"3\"");
    }
    const auto event = api::parse_event(call.request.body);
    const auto change = s.change(call, "ghi diễn biến " + event.kind);
    if (!change) return problem(kNoUser, no_user_detail(s));
    auto store = s.stores_->cases.take();
    if (!store->get(id)) return no_case(call);
    Diagnostics diagnostics;
    const auto result = pipeline::record_event(*store, id, event, *change, expected, diagnostics);
    return write_answer(result, diagnostics, expected.has_value());
  }

  static HttpResponse case_templates(Service& s, Service::Call& call) {
    Diagnostics diagnostics;
    auto store = s.stores_->cases.take();
    const auto the_case =
        pipeline::stored_case(*s.setup_.engine, *store, call.parameter("id"), std::nullopt, diagnostics);
    if (!the_case) return not_found_or_rejected(diagnostics);
    return json(api::template_names(s.setup_.engine->templates_for(*the_case, pipeline::date_of(call.now))));
  }

  static HttpResponse render_stored(Service& s, Service::Call& call) {
    std::optional<std::int64_t> version;
    if (const auto text = call.option("version")) {
      version = version_tag(*text);
      if (!version) return problem(kBadRequest, "version phải là một số phiên bản");
    }
    const auto options = s.render_options(call);
    Diagnostics diagnostics;
    std::optional<model::Case> the_case;
    {
      auto store = s.stores_->cases.take();
      the_case = pipeline::stored_case(*s.setup_.engine, *store, call.parameter("id"), version, diagnostics);
    }
    if (!the_case) return not_found_or_rejected(diagnostics);
    return s.render(*the_case, options, diagnostics);
  }

  static HttpResponse render_upload(Service& s, Service::Call& call) {
    const auto options = s.render_options(call);
    Diagnostics diagnostics;
    const auto the_case = s.setup_.engine->read_single_case(call.request.body, upload_name(call, "ho-so.xml"),
                                                            diagnostics, repair(call), call.option("case"));
    if (!the_case) return problem(kRejected, "tệp hồ sơ không hợp lệ", &diagnostics);
    return s.render(*the_case, options, diagnostics);
  }

  // The pages of a document as SVG, of a stored case (id=, version=) or of the case file sent: the same query as
  // /api/render. The answer's ETag is the key of everything it depends on (the request, today's date, the stored
  // case's version): If-None-Match with it is answered 304, and an unchanged request comes from the cache.
  static HttpResponse preview(Service& s, Service::Call& call) {
    const auto options = s.render_options(call);
    const auto id = call.option("id");
    std::optional<std::int64_t> version;
    if (const auto text = call.option("version")) {
      version = version_tag(*text);
      if (!version || !id) return problem(kBadRequest, "version phải là một số phiên bản của hồ sơ id=");
    }
    Diagnostics diagnostics;
    std::optional<model::Case> the_case;
    if (id) {
      auto store = s.stores_->cases.take();
      if (!version) {
        const auto stored = store->get(*id);
        if (!stored) return problem(kNotFound, "không có hồ sơ \"" + *id + "\" trong kho hồ sơ");
        version = stored->summary.version;
      }
    }
    const std::string today = options.today.to_iso();
    const std::string stored_version = version ? std::to_string(*version) : "";
    const std::string key =
        pipeline::content_key({"preview", call.request.target,
                               id ? std::string_view() : std::string_view(call.request.body), today, stored_version});
    const std::string tag = "\"" + key + "\"";
    if (call.request.header("if-none-match").value_or("") == tag) {
      HttpResponse response;
      response.status = 304;
      response.headers.emplace_back("ETag", tag);
      return response;
    }
    auto cached = s.previews_->find(key);
    if (!cached) {
      if (id) {
        auto store = s.stores_->cases.take();
        the_case = pipeline::stored_case(*s.setup_.engine, *store, *id, version, diagnostics);
        if (!the_case) return not_found_or_rejected(diagnostics);
      } else {
        the_case = s.setup_.engine->read_single_case(call.request.body, upload_name(call, "ho-so.xml"), diagnostics,
                                                     repair(call), call.option("case"));
        if (!the_case) return problem(kRejected, "tệp hồ sơ không hợp lệ", &diagnostics);
      }
      const auto pages =
          s.setup_.engine->render_svg(*the_case, options, diagnostics,
                                      [](layout::Face face, const std::vector<char32_t>& code_points, const Bytes&) {
                                        return "/api/fonts/" + pipeline::font_file_name({face, code_points});
                                      });
      if (!pages) return problem(kRejected, "không lập được văn bản cho hồ sơ này", &diagnostics);
      s.metrics_.document_rendered();
      cached = api::preview(options.template_name, pages->pages);
      s.previews_->keep(key, *cached);
    }
    auto response = json(std::move(*cached));
    response.headers.emplace_back("ETag", tag);
    response.headers.emplace_back("Cache-Control", "no-cache");  // revalidated each time: the case may change
    return response;
  }

  // A font of a preview, made again from its name alone; the name says everything the font holds, so it never
  // changes: cached for a year, immutable.
  static HttpResponse font(Service& s, Service::Call& call) {
    const auto request = pipeline::parse_font_file_name(call.parameter("name"));
    if (!request) return problem(kNotFound, "không có phông chữ \"" + call.parameter("name") + "\"");
    const std::string tag = "\"" + pipeline::content_key({call.parameter("name")}) + "\"";
    HttpResponse response;
    if (call.request.header("if-none-match").value_or("") == tag) response.status = 304;
    else response = bytes_answer(s.setup_.engine->web_font(request->face, request->code_points), "font/ttf");
    response.headers.emplace_back("ETag", tag);
    response.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
    return response;
  }

  static HttpResponse sign(Service& s, Service::Call& call) {
    if (!s.setup_.agency_key)
      return problem(kNotConfigured, "chưa có khóa của cơ quan ([server] signing_key trong tệp cấu hình)");
    pipeline::SigningRequest request;
    request.appearance = call.option("appearance").value_or("none");
    if (call.option("seal").value_or("") == "true") {
      const auto& settings = s.setup_.settings;
      request.image = pipeline::office_image(settings.office ? &*settings.office : nullptr, true, std::nullopt);
      if (!call.option("appearance")) request.appearance = "agency";
    }
    request.field = call.option("field").value_or("");
    request.reason = call.option("reason").value_or("");
    request.location = call.option("location").value_or("");
    request.document_number = call.option("number").value_or("");
    request.keys.pkcs12 = std::filesystem::path("[server] signing_key");  // the key is already loaded
    pipeline::check_signing_request(request);
    Diagnostics diagnostics;
    // The body is taken, as the command line hands its file over: a PDF at the cap is not held once more.
    auto signed_pdf = pipeline::sign_document(std::move(call.request.body), upload_name(call, "van-ban.pdf"),
                                              *s.setup_.agency_key, request, call.now, s.setup_.resources, diagnostics);
    if (!signed_pdf) return problem(kRejected, "không ký được tệp này", &diagnostics);
    return with_warnings(bytes_answer(std::move(*signed_pdf), "application/pdf"), diagnostics);
  }

  static HttpResponse verify(Service& s, Service::Call& call) {
    sign::VerifyOptions options;
    options.now = call.now;
    for (const auto& anchor : s.setup_.anchors) options.trusted_roots_pem.push_back(anchor.pem);
    Diagnostics diagnostics;
    const std::string file = upload_name(call, "van-ban.pdf");
    const auto verification =
        pipeline::verify_document(call.request.body, options, SourceLoc{make_file_name(file)}, diagnostics);
    if (!verification) return problem(kRejected, "tệp không đọc được như một PDF", &diagnostics);
    return json(api::verification(file, *verification, call.now.offset_minutes));
  }

  static HttpResponse archive_add(Service& s, Service::Call& call) {
    const auto change = s.change(call, "");
    if (!change) return problem(kNoUser, no_user_detail(s));
    archive::TrustPolicy policy = archive::TrustPolicy::signed_documents;
    if (call.option("allow_unsigned").value_or("") == "true") policy = archive::TrustPolicy::any_document;
    if (call.option("require_trusted").value_or("") == "true") {
      if (policy == archive::TrustPolicy::any_document)
        throw pipeline::RequestError("allow_unsigned và require_trusted: chỉ dùng một");
      policy = archive::TrustPolicy::trusted_documents;
    }
    Diagnostics diagnostics;
    std::optional<model::Register> register_of_case;
    if (const auto case_id = call.option("case")) {
      auto store = s.stores_->cases.take();
      auto the_case = pipeline::stored_case(*s.setup_.engine, *store, *case_id, std::nullopt, diagnostics);
      if (!the_case) return not_found_or_rejected(diagnostics);
      register_of_case.emplace();
      register_of_case->cases.push_back(std::move(*the_case));
    }
    auto store = s.stores_->archives.take();
    const std::string recorded_at = call.now.iso8601();
    pipeline::ArchiveIntake intake(*store, pipeline::archive_trust_anchors(*store, s.setup_.anchors, recorded_at),
                                   call.now, policy, register_of_case ? &*register_of_case : nullptr);
    const auto result = intake.add(call.request.body, upload_name(call, "van-ban.pdf"), diagnostics);
    if (!result || result->outcome == archive::AddResult::Outcome::refused)
      return problem(kRejected, "văn bản không được lưu trữ", &diagnostics);
    return json(api::archive_added(*result, diagnostics),
                result->outcome == archive::AddResult::Outcome::added ? 201 : 200);
  }

  static HttpResponse archive_search(Service& s, Service::Call& call) {
    pipeline::ArchiveSearchRequest request;
    request.text = call.option("text").value_or("");
    request.case_id = call.option("case").value_or("");
    request.number = call.option("number").value_or("");
    request.party = call.option("party").value_or("");
    request.type = call.option("type").value_or("");
    request.signer = call.option("signer").value_or("");
    request.from = call.option("from");
    request.to = call.option("to");
    request.year = call.option("year");
    request.limit = call.option("limit");
    const auto query = pipeline::archive_query(request);
    return json(api::archive_hits(s.stores_->archives.take()->search(query)));
  }

  static HttpResponse archive_get(Service& s, Service::Call& call) {
    const std::int64_t id = pipeline::parse_archive_id(call.parameter("id"));
    Diagnostics diagnostics;
    auto store = s.stores_->archives.take();
    const auto entry = store->document(id, diagnostics);
    if (!entry) return problem(kNotFound, "không có văn bản mã lưu trữ " + std::to_string(id), &diagnostics);
    if (call.option("format").value_or("") == "json") return json(api::archive_entry(*entry));
    const auto content = store->content(*entry, diagnostics);
    if (!content) return problem(kEnvironment, "tệp lưu trữ bị thiếu hoặc bị thay đổi", &diagnostics);
    return bytes_answer(*content, "application/pdf", std::to_string(id) + ".pdf");
  }

  static HttpResponse archive_verify(Service& s, Service::Call& call) {
    auto store = s.stores_->archives.take();
    const auto anchors = pipeline::archive_trust_anchors(*store, s.setup_.anchors, call.now.iso8601());
    Diagnostics diagnostics;
    const auto report = store->verify(pipeline::archive_signature_checker(anchors, call.now), diagnostics);
    return json(api::archive_report(report, diagnostics));
  }

  static HttpResponse archive_export(Service& s, Service::Call& call) {
    const auto case_id = call.option("case");
    if (!case_id || case_id->empty()) throw pipeline::RequestError("cần case=MÃ-HỒ-SƠ");
    Diagnostics diagnostics;
    // Written to a scratch file, never held, then sent from it in pieces: opened before the file is removed, it is
    // still sent whole.
    const auto path = scratch_file(".zip");
    std::optional<HttpFile> zip;
    try {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      if (!out) throw Error(errors::kWrite, "không tạo được tệp tạm " + path.string(), path.string());
      const bool made = s.stores_->archives.take()->export_case(*case_id, out, diagnostics);
      out.close();
      if (!out) throw Error(errors::kWrite, "không ghi được tệp tạm " + path.string(), path.string());
      if (made) zip = open_file(path);
    } catch (...) {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
      throw;
    }
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    if (!zip) return problem(kNotFound, "không có văn bản nào của hồ sơ này trong kho lưu trữ", &diagnostics);
    auto response = bytes_answer("", "application/zip", "ho-so.zip");
    response.file = std::move(zip);
    return response;
  }

  static HttpResponse statistics(Service& s, Service::Call& call) {
    pipeline::ReportRequest request;
    request.from = call.option("from");
    request.to = call.option("to");
    request.year = call.option("year");
    request.months = call.option("months");
    request.target_cases = call.option("target_cases");
    request.target_money = call.option("target_money");
    request.by = call.option("by");
    request.date = call.option("date");
    request.format = call.option("format").value_or("json");
    request.style = pipeline::OptionStyle::query;
    const auto options = pipeline::report_options(request, pipeline::date_of(call.now));
    const pipeline::Engine& engine = *s.setup_.engine;
    Diagnostics diagnostics;
    std::optional<pipeline::StatisticsReport> report;
    {
      auto store = s.stores_->cases.take();
      report = pipeline::run_statistics(engine, pipeline::stored_cases(engine, *store), options, diagnostics);
    }
    if (!report) return problem(kRejected, "không lập được báo cáo thống kê từ các hồ sơ trong kho", &diagnostics);
    switch (options.format) {
      case pipeline::OutputFormat::text: return bytes_answer(pipeline::statistics_text(*report), kTextType);
      case pipeline::OutputFormat::csv:
        return bytes_answer(pipeline::statistics_csv(*report), kCsvType, "bao-cao-thong-ke.csv");
      case pipeline::OutputFormat::json: return json(api::statistics(*report));
      case pipeline::OutputFormat::pdf:
        return pdf_answer([&](Diagnostics& d) { return pipeline::statistics_pdf(engine, *report, d); },
                          "bao-cao-thong-ke.pdf");
      case pipeline::OutputFormat::xlsx: break;
    }
    return bytes_answer(pipeline::statistics_xlsx(*report, scratch_file(".xlsx")), kXlsxType, "bao-cao-thong-ke.xlsx");
  }

  static HttpResponse deadlines(Service& s, Service::Call& call) {
    pipeline::DeadlineRequest request;
    request.as_of = call.option("as_of");
    request.within = call.option("within");
    request.officer = call.option("officer");
    request.format = call.option("format").value_or("json");
    request.style = pipeline::OptionStyle::query;
    const auto options = pipeline::deadline_options(request);
    const pipeline::Engine& engine = *s.setup_.engine;
    Diagnostics diagnostics;
    engine.check_for_year(options.as_of.year(), diagnostics);  // W0903: deadlines need the year's holidays
    std::optional<pipeline::DeadlineList> read;
    {
      auto store = s.stores_->cases.take();
      read = pipeline::run_deadlines(engine, pipeline::stored_cases(engine, *store), options, diagnostics);
    }
    if (!read) return problem(kRejected, "không lập được danh sách việc đến hạn từ các hồ sơ trong kho", &diagnostics);
    // The list is written to the connection after this returns (never held as text): the answer owns it.
    const auto list = std::make_shared<const pipeline::DeadlineList>(std::move(*read));
    read.reset();
    switch (options.format) {
      case pipeline::OutputFormat::text:
        return written_answer(
            [list](std::ostream& out) { pipeline::write_deadlines_text(*list, pipeline::stream_sink(out)); },
            kTextType);
      case pipeline::OutputFormat::csv:
        return written_answer(
            [list](std::ostream& out) { pipeline::write_deadlines_csv(*list, pipeline::stream_sink(out)); }, kCsvType,
            "viec-den-han.csv");
      case pipeline::OutputFormat::pdf:
        return pdf_answer([&](Diagnostics& d) { return pipeline::deadlines_pdf(engine, *list, d); },
                          "viec-den-han.pdf");
      case pipeline::OutputFormat::json:
      case pipeline::OutputFormat::xlsx: break;  // xlsx is refused by deadline_options
    }
    return written_answer([list](std::ostream& out) { api::write_deadlines(out, *list); }, kJsonType);
  }

  // A batch job over the case store: where= (the --where filter) or id= repeated, template=, date= (today by
  // default), set= repeated, duplex=true. 202 with the job; it runs on the service's job thread.
  static HttpResponse create_job(Service& s, Service::Call& call) {
    const auto where = call.option("where").value_or("");
    const auto ids = call.options("id");
    if (!where.empty() && !ids.empty()) throw pipeline::RequestError("chỉ dùng where= hoặc id=, không dùng cả hai");
    pipeline::RenderRequest request;
    request.template_name = call.option("template").value_or("");
    if (request.template_name.empty()) throw pipeline::RequestError("cần template=TÊN-MẪU");
    request.date = call.option("date");
    request.parameters = call.options("set");
    pipeline::apply_defaults(request, s.setup_.settings);
    const auto options = pipeline::render_options(*s.setup_.engine, request, pipeline::date_of(call.now));
    if (!where.empty()) {
      Diagnostics diagnostics;
      if (!s.setup_.engine->parse_filter(where, request.template_name, diagnostics))
        return problem(kBadRequest, "điều kiện where không hợp lệ (xem vị trí trong diagnostics)", &diagnostics);
    }
    const auto change = s.change(call, "");
    if (!change) return problem(kNoUser, no_user_detail(s));
    cases::JobSpec spec;
    spec.template_name = request.template_name;
    spec.parameters = request.parameters;
    // Letters of a wave are dated the day they are asked for, as `vanban batch` dates them, and stay so on resuming.
    spec.date = options.date.value_or(options.today).to_iso();
    spec.where = where;
    spec.case_ids = ids;
    spec.duplex = call.option("duplex").value_or("") == "true";
    spec.created_at = change->when;
    spec.created_by = change->who;
    std::optional<cases::Job> job;
    {
      auto jobs = s.stores_->jobs.take();
      job = jobs->get(jobs->create(spec));
    }
    s.jobs_->enqueue(job->id);
    auto response = json(api::job(*job, {}), 202);
    response.headers.emplace_back("Location", "/api/jobs/" + std::to_string(job->id));
    return response;
  }

  // A job's failed cases, a page of them (`limit`, at most 1,000, 100 by default; `offset`): a job of 100,000 failed
  // cases would otherwise answer with every one (about 1 KB each) at every poll.
  static std::vector<cases::JobItem> failed_items(cases::JobStore& jobs, std::int64_t id, const Service::Call& call) {
    const auto [limit, offset] = page_asked(call, 100);
    return jobs.items(id, true, limit, offset);
  }

  static HttpResponse get_job(Service& s, Service::Call& call) {
    auto jobs = s.stores_->jobs.take();
    const auto job = find_job(*jobs, call);
    if (!job) return no_job(call);
    return json(api::job(*job, failed_items(*jobs, job->id, call)));
  }

  static HttpResponse cancel_job(Service& s, Service::Call& call) {
    if (!s.change(call, "")) return problem(kNoUser, no_user_detail(s));
    auto jobs = s.stores_->jobs.take();
    const auto job = find_job(*jobs, call);
    if (!job) return no_job(call);
    if (!jobs->cancel(job->id, call.now.iso8601()))
      return problem(kJobEnded,
                     std::string("việc đã kết thúc (") + cases::job_state_name(job->state) + "): không còn gì để hủy");
    s.jobs_->cancel(job->id);
    return json(api::job(*jobs->get(job->id), failed_items(*jobs, job->id, call)));
  }

  // The combined print PDF of a finished job (duplex as it was asked).
  static HttpResponse job_pdf(Service& s, Service::Call& call) {
    const auto job = find_job(*s.stores_->jobs.take(), call);
    if (!job) return no_job(call);
    if (job->state != cases::JobState::done)
      return problem(kJobNotFinished, std::string("tệp in gộp chỉ có khi việc đã xong; việc đang ở trạng thái ") +
                                          cases::job_state_name(job->state));
    if (job->done == 0) return problem(kNotFound, "việc này không lập văn bản nào: không có tệp in gộp");
    if (const auto refused = pipeline::combined_refusal(*job)) return problem(kCombinedTooLarge, *refused);
    return file_answer(open_file(pipeline::job_combined(s.job_folder(job->id))), "application/pdf",
                       "viec-" + std::to_string(job->id) + ".pdf");
  }

  // The letters and the manifest of a job that has ended (a cancelled one: those drafted before the cancel).
  static HttpResponse job_zip(Service& s, Service::Call& call) {
    const auto job = find_job(*s.stores_->jobs.take(), call);
    if (!job) return no_job(call);
    if (job->state == cases::JobState::queued || job->state == cases::JobState::running)
      return problem(kJobNotFinished, std::string("tệp zip chỉ có khi việc đã kết thúc; việc đang ở trạng thái ") +
                                          cases::job_state_name(job->state));
    const auto zip = pipeline::job_zip(s.job_folder(job->id));
    // A job that ended before it drafted anything (cancelled while queued, refused whole) never had letters.
    if (!zip && job->total == 0 && job->state != cases::JobState::done)
      return problem(kNotFound, "việc này kết thúc trước khi lập văn bản nào: không có tệp zip");
    return file_answer(zip ? open_file(*zip) : std::nullopt, "application/zip",
                       "viec-" + std::to_string(job->id) + ".zip");
  }

  // Progress as Server-Sent Events: a "progress" event each time the counts change (done, failed, total, the rate
  // since the stream began, seconds left), an "end" event when the job ends, then the stream closes.
  static HttpResponse job_events(Service& s, Service::Call& call) {
    const auto asked = find_job(*s.stores_->jobs.take(), call);
    if (!asked) return no_job(call);
    HttpResponse response;
    response.content_type = "text/event-stream; charset=utf-8";
    response.headers.emplace_back("Cache-Control", "no-cache");
    const std::int64_t id = asked->id;
    response.stream = [&s, id](const StreamWriter& write) {
      using Clock = std::chrono::steady_clock;
      const auto started = Clock::now();
      std::optional<std::int64_t> first;
      std::optional<std::tuple<int, std::int64_t, std::int64_t, std::int64_t, std::int64_t>> sent;
      for (;;) {
        const auto job = s.stores_->jobs.take()->get(id);
        if (!job) return;
        const std::int64_t finished = job->done + job->failed + job->not_applicable;
        if (!first) first = finished;
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        const double rate = seconds > 0 ? static_cast<double>(finished - *first) / seconds : 0;
        const double left = rate > 0 ? static_cast<double>(std::max<std::int64_t>(job->total - finished, 0)) / rate : 0;
        const bool ended = job->state != cases::JobState::queued && job->state != cases::JobState::running;
        const auto now =
            std::make_tuple(static_cast<int>(job->state), job->done, job->failed, job->not_applicable, job->total);
        if (ended) {
          write("event: end\ndata: " + api::job_progress(*job, rate, 0) + "\n\n");
          return;
        }
        if (sent != now) {
          if (!write("event: progress\ndata: " + api::job_progress(*job, rate, left) + "\n\n")) return;
          sent = now;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        if (!write("")) return;
      }
    };
    return response;
  }

 private:
  static std::optional<cases::Job> find_job(cases::JobStore& jobs, const Service::Call& call) {
    const auto& text = call.parameter("id");
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
      return std::nullopt;
    return jobs.get(std::stoll(text));
  }
  // A job's file sent from disk in pieces; 410 when the job's folder (or the file) was removed from the server.
  static HttpResponse file_answer(std::optional<HttpFile> file, const std::string& type, const std::string& file_name) {
    if (!file)
      return problem(kJobFilesGone, "các tệp của việc này không còn trên máy chủ (thư mục của việc đã bị xóa)");
    auto response = bytes_answer("", type, file_name);
    response.file = std::move(file);
    return response;
  }
  static HttpResponse no_job(const Service::Call& call) {
    return problem(kNotFound, "không có việc hàng loạt \"" + call.parameter("id") + "\"");
  }
  // A PDF the pipeline makes, or 422 with the diagnostics when it cannot be made.
  static HttpResponse pdf_answer(const std::function<Bytes(Diagnostics&)>& make, const std::string& file_name) {
    Diagnostics rendering;
    Bytes pdf = make(rendering);
    if (pdf.empty()) return problem(kRejected, "không lập được tệp PDF", &rendering);
    return bytes_answer(std::move(pdf), "application/pdf", file_name);
  }
  // A file of this node's temporary folder that no other request names (libxlsxwriter writes only to a named file;
  // the pipeline removes it).
  static std::filesystem::path scratch_file(const std::string& extension) {
    static std::atomic<std::uint64_t> counter{0};
    return std::filesystem::temp_directory_path() /
           ("vanban-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + extension);
  }
  static std::string upload_name(const Service::Call& call, const std::string& fallback) {
    const auto name = call.option("file");
    // Only a plain name: it appears in messages, never as a path.
    if (!name || name->empty() || name->find_first_of("/\\") != std::string::npos || *name == ".." || *name == ".")
      return fallback;
    return *name;
  }
  static text::RepairMode repair(const Service::Call& call) {
    return call.option("repair").value_or("") == "false" ? text::RepairMode::keep : text::RepairMode::repair;
  }
  static HttpResponse no_case(const Service::Call& call) {
    return problem(kNotFound, "không có hồ sơ \"" + call.parameter("id") + "\" (hoặc phiên bản này) trong kho hồ sơ");
  }
  static std::string no_user_detail(const Service& s) {
    return "mọi thay đổi phải ghi người thực hiện: trường đầu " + s.setup_.user_header +
           " (do máy chủ xác thực phía trước đặt)";
  }
  // No such case is 404; a stored case that no longer reads is 422.
  static HttpResponse not_found_or_rejected(const Diagnostics& diagnostics) {
    for (const auto& d : diagnostics.list())
      if (d.code == pipeline::kNoSuchCase) return problem(kNotFound, d.message, &diagnostics);
    return problem(kRejected, "hồ sơ không đọc được", &diagnostics);
  }
  // A stale write is 412 when the client named the version it read (If-Match), else 409 (others kept changing it).
  static HttpResponse write_answer(const std::optional<cases::WriteResult>& result, const Diagnostics& diagnostics,
                                   bool conditional) {
    if (!result) return problem(kRejected, "hồ sơ sau khi sửa không hợp lệ: không có gì được ghi", &diagnostics);
    if (result->outcome == cases::WriteResult::Outcome::stale) {
      auto response =
          problem(conditional ? kStale : kConflict, "hồ sơ đang ở phiên bản " + std::to_string(result->version) +
                                                        ", không phải phiên bản đã đọc: hãy đọc lại rồi sửa");
      response.headers.emplace_back("ETag", etag(result->version));
      return response;
    }
    auto response = json(api::write_results({*result}, diagnostics));
    response.headers.emplace_back("ETag", etag(result->version));
    return response;
  }
};

namespace {

const std::vector<RouteEntry>& route_table() {
  static const std::vector<RouteEntry> table = {
      {{"GET", "/healthz"}, &Answers::health},
      {{"GET", "/metrics"}, &Answers::metrics},
      {{"GET", "/api/openapi.json"}, &Answers::openapi},
      {{"POST", "/api/validate"}, &Answers::validate},
      {{"GET", "/api/templates"}, &Answers::templates},
      {{"GET", "/api/templates/{name}"}, &Answers::describe_template},
      {{"GET", "/api/cases"}, &Answers::list_cases},
      {{"POST", "/api/cases"}, &Answers::import_cases},
      {{"GET", "/api/cases/{id}"}, &Answers::get_case},
      {{"PUT", "/api/cases/{id}"}, &Answers::replace_case},
      {{"GET", "/api/cases/{id}/versions"}, &Answers::versions},
      {{"GET", "/api/cases/{id}/export"}, &Answers::export_case},
      {{"POST", "/api/cases/{id}/events"}, &Answers::record_event},
      {{"GET", "/api/cases/{id}/templates"}, &Answers::case_templates},
      {{"POST", "/api/cases/{id}/render"}, &Answers::render_stored},
      {{"POST", "/api/render"}, &Answers::render_upload},
      {{"POST", "/api/preview"}, &Answers::preview},
      {{"GET", "/api/fonts/{name}"}, &Answers::font},
      {{"POST", "/api/sign"}, &Answers::sign},
      {{"POST", "/api/verify"}, &Answers::verify},
      {{"POST", "/api/archive"}, &Answers::archive_add},
      {{"GET", "/api/archive"}, &Answers::archive_search},
      {{"POST", "/api/archive/verify"}, &Answers::archive_verify},
      {{"GET", "/api/archive/export"}, &Answers::archive_export},
      {{"GET", "/api/archive/{id}"}, &Answers::archive_get},
      {{"GET", "/api/reports/statistics"}, &Answers::statistics},
      {{"GET", "/api/deadlines"}, &Answers::deadlines},
      {{"POST", "/api/jobs"}, &Answers::create_job},
      {{"GET", "/api/jobs/{id}"}, &Answers::get_job},
      {{"POST", "/api/jobs/{id}/cancel"}, &Answers::cancel_job},
      {{"GET", "/api/jobs/{id}/events"}, &Answers::job_events},
      {{"GET", "/api/jobs/{id}/pdf"}, &Answers::job_pdf},
      {{"GET", "/api/jobs/{id}/zip"}, &Answers::job_zip},
  };
  return table;
}

// Whether `segments` match `pattern`'s; the {name} segments are collected into `parameters`.
bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& segments,
             std::map<std::string, std::string>& parameters) {
  if (pattern.size() != segments.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const auto& part = pattern[i];
    if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
      if (segments[i].empty()) return false;
      found[part.substr(1, part.size() - 2)] = segments[i];
    } else if (part != segments[i]) {
      return false;
    }
  }
  parameters = std::move(found);
  return true;
}

}  // namespace

std::vector<RouteInfo> routes() {
  std::vector<RouteInfo> out;
  for (const auto& entry : route_table()) out.push_back(entry.info);
  return out;
}

// Previews kept at most: about 400 answers of a 2-page document.
constexpr std::size_t kPreviewCacheBytes = 64U * 1024U * 1024U;

Service::Service(ServiceSetup setup)
    : setup_(std::move(setup)),
      stores_(std::make_unique<StorePool>(setup_)),
      previews_(std::make_unique<AnswerCache>(kPreviewCacheBytes)) {
  // The archive's folder and tables, and the case store's, exist from the start (the first request finds them).
  (void)stores_->archives.take();
  (void)stores_->cases.take();
  const auto unfinished = stores_->jobs.take()->unfinished();
  jobs_ = std::make_unique<JobWorker>([this](std::int64_t id, const std::atomic<bool>& stop) { run_job(id, stop); });
  // Jobs a stopped (or killed) service left: resumed, each letter drafted before skipped.
  for (const auto id : unfinished) jobs_->enqueue(id);
}

Service::~Service() { jobs_.reset(); }

pipeline::RenderOptions Service::job_options(const cases::JobSpec& spec) const {
  pipeline::RenderRequest request;
  request.template_name = spec.template_name;
  request.date = spec.date;
  request.parameters = spec.parameters;
  pipeline::apply_defaults(request, setup_.settings);
  const auto date = model::Date::parse_iso(spec.date);
  if (!date) throw pipeline::RequestError("ngày của việc hàng loạt \"" + spec.date + "\" không đọc được");
  return pipeline::render_options(*setup_.engine, request, *date);
}

std::filesystem::path Service::job_folder(std::int64_t id) const {
  return setup_.archive.store / "jobs" / std::to_string(id);
}

void Service::run_job(std::int64_t id, const std::atomic<bool>& stop) {
  const auto now = [this] { return (setup_.clock ? setup_.clock() : pipeline::now_in_vietnam()).iso8601(); };
  try {
    auto store = stores_->cases.take();
    auto jobs = stores_->jobs.take();
    const auto job = jobs->get(id);
    if (!job) return;
    pipeline::JobRun run;
    run.folder = job_folder(id);
    run.threads = setup_.settings.batch_jobs ? pipeline::parse_jobs(*setup_.settings.batch_jobs)
                                             : std::max(1U, std::thread::hardware_concurrency());
    run.stop = &stop;
    run.now = now;
    pipeline::run_job(*setup_.engine, *store, *jobs, id, job_options(job->spec), run);
  } catch (const std::exception&) {
    // The job cannot go on (its folder, the database, options no longer valid): it ends failed, unless the service
    // is stopping (then it resumes at the next start).
    if (stop.load()) return;
    try {
      stores_->jobs.take()->finish(id, cases::JobState::failed, now());
    } catch (const std::exception&) {
    }
  }
}

std::optional<cases::Change> Service::change(const Call& call, const std::string& what) const {
  const auto user = call.request.header(lower_header());
  if (!user || user->empty()) return std::nullopt;
  return cases::Change{*user, call.now.iso8601(), what};
}

std::string Service::lower_header() const {
  std::string out = setup_.user_header;
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

pipeline::RenderOptions Service::render_options(const Call& call) const {
  pipeline::RenderRequest request;
  const auto name = call.option("template");
  if (!name || name->empty()) throw pipeline::RequestError("cần template=TÊN-MẪU");
  request.template_name = *name;
  request.date = call.option("date");
  request.number = call.option("number");
  request.signer = call.option("signer");
  request.parameters = call.options("set");
  request.margins = call.option("margins");
  request.line_spacing = call.option("line_spacing");
  request.body_size = call.option("body_size");
  pipeline::apply_defaults(request, setup_.settings);
  return pipeline::render_options(*setup_.engine, request, pipeline::date_of(call.now));
}

HttpResponse Service::render(const model::Case& the_case, const pipeline::RenderOptions& options,
                             Diagnostics& diagnostics) {
  const auto pdf = setup_.engine->render(the_case, options, diagnostics);
  if (!pdf) return problem(kRejected, "không lập được văn bản cho hồ sơ này", &diagnostics);
  metrics_.document_rendered();
  return with_warnings(bytes_answer(*pdf, "application/pdf"), diagnostics);
}

Handled Service::handle(HttpRequest& request) {
  Handled handled;
  handled.route = "-";
  const std::string& target = request.target;
  const auto question = target.find('?');
  const std::string path = target.substr(0, question);
  std::vector<std::string> segments;
  bool readable = !path.empty() && path.front() == '/';
  if (readable) {
    for (const auto& raw : split(std::string_view(path).substr(1), '/')) {
      const auto segment = decoded(raw);
      if (!segment) readable = false;
      else segments.push_back(*segment);
    }
  }
  Call call{request, {}, {}, setup_.clock ? setup_.clock() : pipeline::now_in_vietnam()};
  if (readable && question != std::string::npos) {
    for (const auto& pair : split(std::string_view(target).substr(question + 1), '&')) {
      if (pair.empty()) continue;
      const auto equals = pair.find('=');
      const auto key = decoded(std::string_view(pair).substr(0, equals));
      const auto value =
          decoded(equals == std::string::npos ? std::string_view() : std::string_view(pair).substr(equals + 1));
      if (!key || !value) readable = false;
      else call.query.emplace(*key, *value);
    }
  }
  if (!readable) {
    handled.response = problem(kBadRequest, "địa chỉ yêu cầu không đọc được");
    return handled;
  }
  if (const auto user = request.header(lower_header())) handled.user = *user;

  const RouteEntry* found = nullptr;
  std::vector<std::string> allowed;
  for (const auto& entry : route_table()) {
    std::map<std::string, std::string> parameters;
    if (!matches(split(std::string_view(entry.info.pattern).substr(1), '/'), segments, parameters)) continue;
    if (entry.info.method != request.method) {
      allowed.push_back(entry.info.method);
      continue;
    }
    found = &entry;
    call.parameters = std::move(parameters);
    break;
  }
  if (found == nullptr) {
    if (allowed.empty()) {
      handled.response = problem(kNoRoute, "không có địa chỉ " + path);
    } else {
      handled.response = problem(kMethod, request.method + " không dùng được ở địa chỉ này");
      std::string allow;
      for (const auto& method : allowed) allow += (allow.empty() ? "" : ", ") + method;
      handled.response.headers.emplace_back("Allow", allow);
      // The route is known: counted under its pattern.
      for (const auto& entry : route_table()) {
        std::map<std::string, std::string> parameters;
        if (matches(split(std::string_view(entry.info.pattern).substr(1), '/'), segments, parameters)) {
          handled.route = entry.info.pattern;
          break;
        }
      }
    }
    return handled;
  }
  handled.route = found->info.pattern;
  try {
    handled.response = found->answer(*this, call);
  } catch (const pipeline::RequestError& error) {
    handled.response = problem(kBadRequest, error.what());
  } catch (const Error& error) {
    // The database or a resource failed: the request may be retried; details stay out of the answer's data.
    handled.response = problem(kEnvironment, error.what());
  }
  return handled;
}

}  // namespace vanban::server
