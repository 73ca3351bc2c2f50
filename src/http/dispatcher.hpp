// Dispatcher: turns a parsed Request into a Response through the route table, independent of the server
// library so that it can be tested without sockets. It enforces the body limit, answers 404/405 as JSON,
// converts escaped exceptions to a logged 500, records metrics and writes one structured access-log line per
// request, and compresses textual bodies for clients that accept gzip. Thread-safe once constructed.
#pragma once

#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>

#include "http/compression.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace motcua::http {

struct DispatcherOptions {
  std::size_t max_body_bytes = 1 << 20;     // larger bodies get 413
  std::size_t max_upload_bytes = 10 << 20;  // the same for upload routes (Router::post_upload)
  std::FILE* access_log = nullptr;          // JSON lines; null disables the access log
  // Textual bodies of at least this many bytes are sent gzip-compressed to clients that accept it; 0 never.
  std::size_t gzip_min_bytes = 1024;
};

class Dispatcher {
 public:
  Dispatcher(const Router& router, DispatcherOptions options);
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  Response dispatch(Request& req);

  HttpMetrics& metrics() { return *metrics_; }
  const DispatcherOptions& options() const { return options_; }
  int in_flight() const { return in_flight_.load(); }

 private:
  Response route(Request& req, std::size_t& route_index);
  void compress(const Request& req, Response& resp);
  void log_access(const Request& req, std::size_t route_index, int status, std::size_t bytes, double seconds);

  const Router& router_;
  DispatcherOptions options_;
  std::unique_ptr<HttpMetrics> metrics_;
  std::atomic<int> in_flight_{0};
  SharedGzipCache gzip_cache_;
  std::mutex log_mutex_;
};

}  // namespace motcua::http
