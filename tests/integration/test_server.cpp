#include "test_server.hpp"

#include <stdlib.h>

#include <filesystem>

namespace motcua::e2e {

namespace fs = std::filesystem;

namespace {

std::string make_temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "motcua-e2e-XXXXXX").string();
  return mkdtemp(pattern.data()) == nullptr ? std::string() : pattern;
}

std::string describe(const core::Error& e) {
  return e.code_id + ": " + e.message_en;
}

}  // namespace

TestServer::OrError TestServer::start(Engine engine, const core::Clock* clock, int db_pool) {
  std::unique_ptr<TestServer> s(new TestServer());
  auto db = contract::create_test_database(engine);
  if (!db.database) return {nullptr, db.error};
  s->database_ = std::move(db.database);
  s->data_dir_ = make_temp_dir();
  if (s->data_dir_.empty()) return {nullptr, "mkdtemp failed"};

  server::Config config;
  config.listen = "127.0.0.1:0";
  config.threads = 2;
  config.max_body_bytes = kMaxBodyBytes;
  config.max_upload_bytes = kMaxUploadBytes;
  config.access_log = false;
  config.data_dir = s->data_dir_;
  // The contract helper names SQLite databases "sqlite:PATH"; that URL lives in its own temporary directory.
  config.database_url = s->database_->url();
  config.demo = true;
  config.demo_password = kDemoPassword;
  if (db_pool > 0) config.db_pool = db_pool;
  if (auto st = server::finalize_config(config); !st) return {nullptr, describe(st.error())};

  auto rt = server::open_runtime(config, clock);
  if (!rt) return {nullptr, describe(rt.error())};
  s->runtime_ = std::move(*rt);
  if (auto st = server::load_demo_if_empty(*s->runtime_); !st) return {nullptr, describe(st.error())};

  s->routes_ = server::build_routes(*s->runtime_);
  s->dispatcher_ =
      std::make_unique<http::Dispatcher>(s->routes_->router, server::dispatcher_options(config, nullptr));
  s->routes_->ops.metrics_text = [d = s->dispatcher_.get()] { return d->metrics().render(); };
  // As in server::serve: bodies up to the hard limit are read and answered 413; larger ones are dropped.
  s->http_ = std::make_unique<http::HttpServer>(
      *s->dispatcher_, http::ServerOptions{.host = config.host,
                                           .port = 0,
                                           .threads = config.threads,
                                           .hard_body_limit = server::hard_body_limit(config),
                                           .drain_timeout_ms = 2000,
                                           .handle_signals = false});
  auto port = s->http_->start();
  if (!port) return {nullptr, describe(port.error())};
  s->port_ = *port;
  return {std::move(s), ""};
}

TestServer::~TestServer() {
  if (http_) {
    http_->stop();
    http_->wait();
  }
  http_.reset();
  dispatcher_.reset();
  routes_.reset();
  runtime_.reset();  // closes the store before the database is dropped
  database_.reset();
  std::error_code ignored;
  if (!data_dir_.empty()) fs::remove_all(data_dir_, ignored);
}

}  // namespace motcua::e2e
