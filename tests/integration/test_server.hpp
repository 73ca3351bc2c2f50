// A real motcua server for one end-to-end test: a fresh database of its own (a SQLite file in a temporary
// directory, or a new PostgreSQL database in the cluster at MOTCUA_TEST_PG_URL), the demo province loaded,
// every route of server::build_routes, and an HttpServer on 127.0.0.1 with a free port. Stopped, and the
// database removed, on destruction.
//
//   auto server = TestServer::start(Engine::kSqlite);   // ASSERT_TRUE(server.ok()) << server.error
//   HttpClient client = server->client();
#pragma once

#include <memory>
#include <string>

#include "../contract/contract_support.hpp"
#include "http/dispatcher.hpp"
#include "http/server.hpp"
#include "http_client.hpp"
#include "server/runtime.hpp"
#include "server/serve.hpp"

namespace motcua::e2e {

using contract::Engine;

inline constexpr const char* kDemoPassword = "mat-khau-thu-nghiem-2026";
inline constexpr std::int64_t kMaxBodyBytes = 4096;
inline constexpr std::int64_t kMaxUploadBytes = 4 * kMaxBodyBytes;  // upload routes (files, PDFs to verify)

class TestServer {
 public:
  struct OrError;
  // Builds and starts a server; `error` says why when it could not. `clock` (null: the system clock) is the
  // server's time source and must outlive it. `db_pool` (0: the default) sets the pooled connections.
  static OrError start(Engine engine, const core::Clock* clock = nullptr, int db_pool = 0);

  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  HttpClient client() const { return HttpClient(port_); }
  std::uint16_t port() const { return port_; }
  server::Runtime& runtime() { return *runtime_; }
  const server::Routes& routes() const { return *routes_; }

 private:
  TestServer() = default;

  // Destroyed in reverse order: the server before what it serves, the database last.
  std::unique_ptr<contract::TestDatabase> database_;
  std::string data_dir_;
  std::unique_ptr<server::Runtime> runtime_;
  std::unique_ptr<server::Routes> routes_;
  std::unique_ptr<http::Dispatcher> dispatcher_;
  std::unique_ptr<http::HttpServer> http_;
  std::uint16_t port_ = 0;
};

struct TestServer::OrError {
  std::unique_ptr<TestServer> server;
  std::string error;
};

}  // namespace motcua::e2e
