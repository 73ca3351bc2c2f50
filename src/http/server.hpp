// HttpServer: serves a Dispatcher over HTTP/1.1 with keep-alive on a pool of threads. The HTTP library
// (RESTinio on Asio) is confined to server.cpp, the only translation unit that includes it.
//
//   HttpServer server(dispatcher, {.host = "127.0.0.1", .port = 0, .threads = 2});
//   auto port = server.start();   // binds; port 0 picks a free port
//   ...                           // serve until stop() (or SIGTERM when install_signal_handlers was set)
//   server.wait();
//
// Graceful shutdown: stop() closes the listening socket, lets in-flight requests finish (up to
// `drain_timeout_ms`), then stops the threads. An answer still on its way after that (a write whose commit
// outlasted the drain) is waited for by wait() and dropped unsent. Thread-safe: stop() may be called from any
// thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "http/dispatcher.hpp"

namespace motcua::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;               // 0: a free ephemeral port
  int threads = 0;                         // 0: one per CPU
  std::size_t hard_body_limit = 64 << 20;  // connections sending more are dropped by the parser
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
