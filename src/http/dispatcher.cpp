#include "http/dispatcher.hpp"

#include <charconv>
#include <chrono>
#include <exception>

#include "core/await.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "http/conditional.hpp"
#include "http/error_mapping.hpp"
#include "http/json_string.hpp"

namespace motcua::http {

namespace {

std::vector<std::string> route_names(const Router& router) {
  std::vector<std::string> names;
  for (const auto& r : router.routes())
    names.push_back(std::string(method_name(r->method)) + " " + r->pattern);
  return names;
}

void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

Response method_not_allowed() {
  return Response::json(405, error_json(method_not_allowed_error()));
}

// One error line about `req` (its request id may be any bytes a client sent: log_error_line escapes them).
void log_error(const Request& req, std::string_view msg, std::string_view what = {}) {
  log_error_line(msg, what, req.request_id);
}

}  // namespace

Dispatcher::Dispatcher(const Router& router, DispatcherOptions options)
    : router_(router), options_(options), metrics_(std::make_unique<HttpMetrics>(route_names(router))) {
  metrics_->track_in_flight(&in_flight_);
}

Dispatcher::~Dispatcher() {
  flush_access_log();
}

void Dispatcher::flush_access_log() {
  if (options_.access_log == nullptr) return;
  std::lock_guard lock(log_mutex_);
  write_access_log_locked();
}

void Dispatcher::write_access_log_locked() {
  if (!log_buffer_.empty()) std::fwrite(log_buffer_.data(), 1, log_buffer_.size(), options_.access_log);
  log_buffer_.clear();
  std::fflush(options_.access_log);
}

const Route* Dispatcher::select(Request& req, std::size_t& route_index, Response& early) {
  route_index = router_.routes().size();
  const auto match = router_.match(req);
  if (!match.route) {
    early = match.path_known ? method_not_allowed() : error_response(route_not_found_error());
    return nullptr;
  }
  route_index = match.route->index;
  const std::size_t limit = match.route->upload ? options_.max_upload_bytes : options_.max_body_bytes;
  if (req.body.size() > limit) {
    early = error_response(body_too_large_error(limit));
    return nullptr;
  }
  return match.route;
}

Response Dispatcher::run(const Route& route, Request& req) {
  try {
    return route.handler(req);
  } catch (const std::exception& e) {
    log_error(req, "unhandled exception", e.what());
    return error_response(core::Error::internal("unhandled exception"));
  }
}

// The request moves to the heap, owned by the responder until the handler answers. A handler that throws
// before answering gets the same 500 as an ordinary one; after answering, the exception is only logged. A
// handler that drops every copy of its responder without answering (a bug) gets a 500 too, so that no
// request is left waiting, nor a graceful stop waiting for it.
void Dispatcher::run_async(const Route& route, std::size_t route_index, Request& req, Respond done,
                           std::chrono::steady_clock::time_point start) {
  struct Pending {
    Dispatcher* dispatcher = nullptr;
    std::size_t route_index = 0;
    std::chrono::steady_clock::time_point start;
    Request req;
    Respond done;
    std::atomic<bool> answered{false};

    void answer(Response resp) {
      if (answered.exchange(true)) return;
      dispatcher->finish(req, route_index, start, resp);
      done(std::move(resp));
    }
    ~Pending() {
      if (answered.load()) return;
      log_error(req, "handler dropped its responder");
      try {
        answer(error_response(core::Error::internal("handler dropped its responder")));
      } catch (...) {  // nothing more can be done for this request
      }
    }
  };
  auto pending = std::make_shared<Pending>();
  pending->dispatcher = this;
  pending->route_index = route_index;
  pending->start = start;
  pending->req = std::move(req);
  pending->done = std::move(done);
  Respond respond = [pending](Response resp) { pending->answer(std::move(resp)); };
  try {
    route.async_handler(pending->req, respond);
  } catch (const std::exception& e) {
    log_error(pending->req, "unhandled exception", e.what());
    respond(error_response(core::Error::internal("unhandled exception")));
  }
}

void Dispatcher::dispatch_async(Request& req, Respond done) {
  const auto start = std::chrono::steady_clock::now();
  ++in_flight_;
  std::size_t route_index = 0;
  Response resp;
  const Route* route = select(req, route_index, resp);
  if (route != nullptr && route->async_handler) {
    run_async(*route, route_index, req, std::move(done), start);
    return;
  }
  if (route != nullptr) resp = run(*route, req);
  finish(req, route_index, start, resp);
  done(std::move(resp));
}

Response Dispatcher::dispatch(Request& req) {
  return core::await_callback<Response>([&](Respond done) { dispatch_async(req, std::move(done)); });
}

void Dispatcher::finish(const Request& req, std::size_t route_index,
                        std::chrono::steady_clock::time_point start, Response& resp) {
  resp.headers.emplace_back("X-Request-Id", req.request_id);
  represent(req, resp);
  if (req.method == Method::kHead && resp.status != 304) {
    resp.content_length = resp.body_text().size();
    resp.body.clear();
    resp.shared_body.reset();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_->observe(route_index, resp.status, seconds);
  --in_flight_;
  if (options_.access_log) log_access(req, route_index, resp.status, resp.body_text().size(), seconds);
}

// Level 6 (zlib's default) for bodies made per request: about 90 % of level 9's saving on JSON for half its
// time. Shared (cached) bodies are compressed once, at level 9, by the cache.
constexpr int kDynamicGzipLevel = 6;

// Chooses what is sent of the body:
// - a textual body of gzip_min_bytes or more goes gzip-compressed to a GET whose client accepts gzip, and
//   says in Vary that the answer depends on Accept-Encoding, so that a shared cache never hands the gzip
//   form to a client that did not ask for it (HEAD announces the identity form);
// - a shared (cached) body answering 200 to GET or HEAD carries its entity tag, and becomes 304 Not
//   Modified, without a body, when the client's If-None-Match already names that tag.
void Dispatcher::represent(const Request& req, Response& resp) {
  const auto size = resp.body_text().size();
  const bool compressible =
      options_.gzip_min_bytes != 0 && size >= options_.gzip_min_bytes && compressible_type(resp.content_type);
  if (compressible) resp.headers.emplace_back("Vary", "Accept-Encoding");
  bool gzip = false;
  if (compressible && req.method != Method::kHead) {
    const auto accept = req.header("accept-encoding");
    gzip = accept && accepts_gzip(*accept);
  }
  const bool tagged =
      resp.shared_body && resp.status == 200 && (req.method == Method::kGet || req.method == Method::kHead);
  if (resp.shared_body && (tagged || gzip)) {
    auto forms = body_cache_.get(resp.shared_body, gzip);
    if (gzip) resp.shared_body = std::move(forms.gzip);
    if (tagged) {
      std::string etag = gzip ? gzip_entity_tag(forms.etag) : std::move(forms.etag);
      const auto held = req.header("if-none-match");
      const bool not_modified = held && none_match_fails(*held, etag);
      resp.headers.emplace_back("ETag", std::move(etag));
      if (not_modified) {
        // RFC 9110 §15.4.5: no body, no length; the validator and Vary as a 200 would have them.
        resp.status = 304;
        resp.shared_body.reset();
        resp.content_length.reset();
        return;
      }
    }
  } else if (gzip) {
    resp.body = gzip_compress(resp.body, kDynamicGzipLevel);
  }
  if (gzip) resp.headers.emplace_back("Content-Encoding", "gzip");
}

// Collected access-log lines are written when they reach this size (or at flush_access_log()).
constexpr std::size_t kAccessLogBlock = 64 * 1024;

// One JSON line per request, keys in the order nlohmann::json (a std::map) used to print them. Written by
// hand: building a nlohmann object per request cost about a fifth of the throughput of a cached GET.
void Dispatcher::log_access(const Request& req, std::size_t route_index, int status, std::size_t bytes,
                            double seconds) {
  const auto& routes = router_.routes();
  thread_local std::string line;
  line.clear();
  line += "{\"bytes\":";
  append_int(line, static_cast<std::int64_t>(bytes));
  line += ",\"duration_us\":";
  append_int(line, static_cast<std::int64_t>(seconds * 1e6));
  line += ",\"level\":\"info\",\"method\":";
  append_json_string(line, method_name(req.method));
  line += ",\"msg\":\"access\",\"path\":";
  append_json_string(line, req.path);
  line += ",\"remote\":";
  append_json_string(line, req.remote);
  line += ",\"request_id\":";
  append_json_string(line, req.request_id);
  line += ",\"route\":";
  append_json_string(
      line, route_index < routes.size() ? std::string_view(routes[route_index]->pattern) : "unmatched");
  line += ",\"status\":";
  append_int(line, status);
  line += ",\"ts\":";
  append_int(line, std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count());
  line += "}\n";
  std::lock_guard lock(log_mutex_);
  log_buffer_ += line;
  if (log_buffer_.size() >= kAccessLogBlock) write_access_log_locked();
}

}  // namespace motcua::http
