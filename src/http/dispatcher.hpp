// Dispatcher: turns a parsed Request into a Response through the route table, independent of the server
// library so that it can be tested without sockets. It enforces the body limit, answers 404/405 as JSON,
// converts escaped exceptions to a logged 500, records metrics and writes one structured access-log line per
// request, tags each answer with its X-Request-Id, compresses textual bodies for clients that accept gzip,
// and answers a conditional GET of a cached body with 304. Thread-safe once constructed.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "http/compression.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/shared_bodies.hpp"

namespace motcua::http {

struct DispatcherOptions {
  std::size_t max_body_bytes = 1 << 20;     // larger bodies get 413
  std::size_t max_upload_bytes = 10 << 20;  // the same for upload routes (Router::post_upload)
  // JSON lines; null disables the access log. Lines are collected and written in blocks of about 64 KiB
  // (one write(2) per few hundred requests instead of one per stdio buffer of ~16), and whenever
  // flush_access_log() is called: the server calls it every second, so a quiet server's lines still
  // appear promptly, and the destructor calls it last.
  std::FILE* access_log = nullptr;
  // Textual bodies of at least this many bytes are sent gzip-compressed to clients that accept it; 0 never.
  std::size_t gzip_min_bytes = 1024;
};

class Dispatcher {
 public:
  Dispatcher(const Router& router, DispatcherOptions options);
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;
  ~Dispatcher();

  // Answers `req` through `done`, called exactly once: before dispatch_async returns for ordinary routes,
  // possibly later and on another thread for asynchronous ones (Router::post_async), which take `req` over
  // (it is moved from). `done` must be callable from any thread.
  void dispatch_async(Request& req, Respond done);
  // The same, waiting for the answer (tests, and callers that have a thread to spare).
  Response dispatch(Request& req);

  HttpMetrics& metrics() { return *metrics_; }
  const DispatcherOptions& options() const { return options_; }
  int in_flight() const { return in_flight_.load(); }

  // Writes the access-log lines collected so far to options().access_log and flushes it. Thread-safe.
  void flush_access_log();

 private:
  // The route for `req`, or null with `early` set to the answer when there is none or the body is too large.
  const Route* select(Request& req, std::size_t& route_index, Response& early);
  Response run(const Route& route, Request& req);
  void run_async(const Route& route, std::size_t route_index, Request& req, Respond done,
                 std::chrono::steady_clock::time_point start);
  // HEAD, compression, X-Request-Id, metrics and the access log of an answered request.
  void finish(const Request& req, std::size_t route_index, std::chrono::steady_clock::time_point start,
              Response& resp);
  void represent(const Request& req, Response& resp);
  void log_access(const Request& req, std::size_t route_index, int status, std::size_t bytes, double seconds);
  void write_access_log_locked();  // log_mutex_ held

  const Router& router_;
  DispatcherOptions options_;
  std::unique_ptr<HttpMetrics> metrics_;
  std::atomic<int> in_flight_{0};
  SharedBodyCache body_cache_;
  std::mutex log_mutex_;
  std::string log_buffer_;  // lines not yet written; under log_mutex_
};

}  // namespace motcua::http
