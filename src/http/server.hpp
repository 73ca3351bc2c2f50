// HttpServer: serves a Dispatcher over HTTP/1.1 with keep-alive on a pool of threads, each running its own
// event loop. The HTTP library (H2O, Debian's libh2o-evloop) is confined to server.cpp, the only translation
// unit that includes it.
//
//   HttpServer server(dispatcher, {.host = "127.0.0.1", .port = 0, .threads = 2});
//   auto port = server.start();   // binds; port 0 picks a free port
//   ...                           // serve until stop() (or SIGTERM/SIGINT when handle_signals is set)
//   server.wait();
//
// Graceful shutdown: stop() closes the listening socket, lets in-flight requests finish (up to
// `drain_timeout_ms`; answers sent meanwhile close their connections), then stops the threads. A request
// still waiting for its answer after that (a write whose commit outlasted the drain) is answered 503 and its
// connection closed; its real answer, when it comes, is dropped, and wait() waits for it so that it never
// reaches a destroyed server. Thread-safe: stop() may be called from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "http/dispatcher.hpp"

namespace motcua::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: a free ephemeral port
  int threads = 0;            // 0: one per CPU
  // Larger bodies are refused unread (413, then the connection closes).
  std::size_t hard_body_limit = 64 << 20;
  int drain_timeout_ms = 10000;
  bool handle_signals = false;  // SIGTERM/SIGINT trigger a graceful stop
};

class HttpServer {
 public:
  HttpServer(Dispatcher& dispatcher, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving on background threads. Returns the bound port, or Unavailable if the address
  // cannot be bound.
  core::Result<std::uint16_t> start();
  // Requests a graceful stop; returns at once.
  void stop();
  // Blocks until the server has stopped and every request it read has been answered (or its answer dropped).
  void wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace motcua::http
