#include "server/serve.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>

#include "api/auth_routes.hpp"
#include "api/calendar.hpp"
#include "api/dossiers.hpp"
#include "api/ops.hpp"
#include "api/organisation.hpp"
#include "api/procedures.hpp"
#include "api/signatures.hpp"
#include "http/server.hpp"
#include "web/calendar_page.hpp"
#include "web/pages.hpp"
#include "web/status_page.hpp"

namespace motcua::server {

namespace {

void print_demo_accounts(const Runtime& rt) {
  std::printf("Tài khoản demo (mật khẩu: %s):\n", rt.config.demo_password.c_str());
  auto st = rt.store->read([&](app::Repositories& r) -> core::Status {
    auto officials = r.users().list(domain::UserKind::kOfficial, 0, 100);
    if (!officials) return officials.error();
    for (const auto& u : *officials) {
      std::string roles;
      for (const auto& role : u.roles)
        roles += (roles.empty() ? "" : ", ") + std::string(domain::role_label_vi(role.role));
      std::printf("  %-22s %s — %s\n", u.username.c_str(), u.full_name.c_str(), roles.c_str());
    }
    auto citizens = r.users().list(domain::UserKind::kCitizen, 0, 5);
    if (!citizens) return citizens.error();
    for (const auto& u : *citizens)
      std::printf("  %-22s %s — Công dân\n", u.username.c_str(), u.full_name.c_str());
    return {};
  });
  (void)st;
}

}  // namespace

core::Status load_demo_if_empty(Runtime& rt) {
  auto summary = app::load_demo(*rt.store, *rt.organisation, *rt.catalogue, *rt.auth, *rt.dossiers,
                                embedded_demo_files(), rt.config.demo_password);
  if (!summary) {
    if (summary.error().code_id == "demo.not_empty") return {};
    return summary.error();
  }
  std::printf(
      "Đã nạp tỉnh mẫu Lào Cai: %d đơn vị hành chính, %d cơ quan, %d thủ tục, %d quy trình, %d tài khoản.\n",
      summary->units, summary->agencies, summary->procedures, summary->workflows, summary->users);
  return {};
}

std::unique_ptr<Routes> build_routes(Runtime& rt) {
  auto routes = std::unique_ptr<Routes>(
      new Routes{{*rt.store, *rt.auth, *rt.catalogue, *rt.organisation, rt.config.secure_cookies},
                 {*rt.store, 1, {}},
                 {*rt.catalogue, *rt.organisation, *rt.auth, *rt.crypto, rt.config.portal_name,
                  rt.config.secure_cookies},
                 {}});
  api::add_ops_routes(routes->router, routes->ops);
  api::add_procedure_routes(routes->router, routes->api);
  api::add_organisation_routes(routes->router, routes->api);
  api::add_auth_routes(routes->router, routes->api);
  api::add_calendar_routes(routes->router, routes->api, *rt.calendar);
  api::add_dossier_routes(routes->router, routes->api, *rt.dossiers, *rt.forms);
  api::add_signature_routes(routes->router, *rt.signature_verifier);
  web::add_page_routes(routes->router, routes->web);
  web::add_calendar_page_routes(routes->router, routes->web, *rt.calendar);
  web::add_status_page_routes(routes->router, routes->web, *rt.dossiers);
  return routes;
}

http::DispatcherOptions dispatcher_options(const Config& config, std::FILE* access_log) {
  return {.max_body_bytes = static_cast<std::size_t>(config.max_body_bytes),
          .max_upload_bytes = static_cast<std::size_t>(config.max_upload_bytes),
          .access_log = access_log,
          .gzip_min_bytes = static_cast<std::size_t>(config.gzip_min_bytes)};
}

std::size_t hard_body_limit(const Config& config) {
  return static_cast<std::size_t>(std::max(config.max_body_bytes * 4, config.max_upload_bytes * 2));
}

// Writes the access log's collected lines (http::Dispatcher keeps them in blocks) every second, so that a
// quiet server's lines reach the log promptly; stops and joins when destroyed.
class AccessLogFlusher {
 public:
  explicit AccessLogFlusher(http::Dispatcher& dispatcher)
      : thread_([this, &dispatcher] { run(dispatcher); }) {}
  AccessLogFlusher(const AccessLogFlusher&) = delete;
  AccessLogFlusher& operator=(const AccessLogFlusher&) = delete;
  ~AccessLogFlusher() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }

 private:
  void run(http::Dispatcher& dispatcher) {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; })) {
      lock.unlock();
      dispatcher.flush_access_log();
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;  // last: starts once the members it uses exist
};

int serve(Runtime& rt) {
  const auto started = std::chrono::steady_clock::now();
  if (rt.config.demo) {
    if (auto st = load_demo_if_empty(rt); !st) {
      std::fprintf(stderr, "motcua: không nạp được tỉnh mẫu: %s / %s\n", st.error().message_vi.c_str(),
                   st.error().message_en.c_str());
      return 1;
    }
  }
  auto routes = build_routes(rt);
  http::Dispatcher dispatcher(routes->router,
                              dispatcher_options(rt.config, rt.config.access_log ? stdout : nullptr));
  routes->ops.metrics_text = [&dispatcher] { return dispatcher.metrics().render(); };
  http::HttpServer server(dispatcher, {.host = rt.config.host,
                                       .port = rt.config.port,
                                       .threads = rt.config.threads,
                                       .hard_body_limit = hard_body_limit(rt.config),
                                       .drain_timeout_ms = 10000,
                                       .handle_signals = true});
  std::optional<AccessLogFlusher> flusher;
  if (rt.config.access_log) flusher.emplace(dispatcher);
  auto port = server.start();
  if (!port) {
    std::fprintf(stderr, "motcua: %s\n", port.error().message_en.c_str());
    return 1;
  }
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  std::printf("motcua đang phục vụ tại http://%s:%u/ (CSDL: %s, sẵn sàng sau %lld ms)\n",
              rt.config.host.c_str(), *port, rt.store->engine(), static_cast<long long>(ms.count()));
  if (rt.config.demo) print_demo_accounts(rt);
  std::fflush(stdout);
  server.wait();
  std::printf("motcua: đã dừng.\n");
  return 0;
}

}  // namespace motcua::server
