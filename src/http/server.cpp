#include "http/server.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <functional>
#include <restinio/all.hpp>
#include <thread>
#include <vector>

#include "core/text.hpp"
#include "http/error_mapping.hpp"
#include "http/json_string.hpp"

namespace motcua::http {

namespace {

// With several threads on the loop each connection is serialised by an asio strand; with one thread the
// strand is only overhead (about a quarter of a small request's cost), so that case uses the no-op strand.
using PoolTraits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;
using SingleThreadTraits =
    restinio::single_thread_traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;

Method to_method(const restinio::http_method_id_t& m) {
  if (m == restinio::http_method_get()) return Method::kGet;
  if (m == restinio::http_method_post()) return Method::kPost;
  if (m == restinio::http_method_put()) return Method::kPut;
  if (m == restinio::http_method_delete()) return Method::kDelete;
  if (m == restinio::http_method_head()) return Method::kHead;
  if (m == restinio::http_method_patch()) return Method::kPatch;
  if (m == restinio::http_method_options()) return Method::kOptions;
  return Method::kOther;
}

// "<6 hex digits of the start time>-<16 hex digits of a counter>": unique within the process, cheap to make.
std::string next_request_id() {
  static std::atomic<std::uint64_t> counter{0};
  static const auto prefix =
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count() & 0xffffff);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(23, '-');
  for (int i = 0; i < 6; ++i) id[static_cast<std::size_t>(5 - i)] = kHex[(prefix >> (4 * i)) & 0xf];
  const std::uint64_t n = ++counter;
  for (int i = 0; i < 16; ++i) id[static_cast<std::size_t>(22 - i)] = kHex[(n >> (4 * i)) & 0xf];
  return id;
}

// Builds our Request from RESTinio's; returns false if the target is not valid (bad escapes or UTF-8).
bool convert_request(const restinio::request_t& in, Request& out) {
  const auto& h = in.header();
  out.method = to_method(h.method());
  auto path = url_decode(h.path(), false);
  if (!path || !core::is_valid_utf8(*path) || path->find('\0') != std::string::npos) return false;
  out.path = std::move(*path);
  out.query = std::string(h.query());
  h.for_each_field([&](const restinio::http_header_field_t& f) {
    std::string name = f.name();
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace_back(std::move(name), f.value());
  });
  out.body = in.body();
  out.remote = in.remote_endpoint().address().to_string();
  auto id = out.header("x-request-id");
  out.request_id = id && id->size() <= 64 ? std::string(*id) : next_request_id();
  return true;
}

Response bad_target() {
  return error_response(
      core::Error::invalid("http.bad_target", "Địa chỉ yêu cầu không hợp lệ (mã hóa URL hoặc UTF-8 sai).",
                           "The request target is not valid (bad URL escape or UTF-8).", "path"));
}

}  // namespace

struct HttpServer::Impl {
  Dispatcher& dispatcher;
  ServerOptions options;
  std::unique_ptr<asio::io_context> io_owner = std::make_unique<asio::io_context>();
  asio::io_context& io = *io_owner;
  std::shared_ptr<void> server;        // a restinio::http_server_t<PoolTraits or SingleThreadTraits>
  std::function<void()> close_server;  // its close_async(), posted to the loop
  std::vector<std::thread> threads;
  std::atomic<bool> draining{false};
  std::atomic<int> active{0};
  std::unique_ptr<asio::signal_set> signals;
  std::mutex mutex;
  std::thread
      drainer;  // runs drain_then_stop(); set under `mutex`, joined by wait() before `io` is destroyed
  std::condition_variable stopped_cv;
  bool stopped = false;

  Impl(Dispatcher& d, ServerOptions o) : dispatcher(d), options(std::move(o)) {}

  // Every request is answered through send(), now (most routes) or later from another thread (routes that
  // wait for a commit): RESTinio then writes the answer on the connection's own executor. `active` counts
  // requests not yet answered, for the graceful stop.
  restinio::request_handling_status_t handle(const restinio::request_handle_t& req) {
    ++active;
    Request request;
    if (!convert_request(*req, request)) {
      Response resp = bad_target();
      resp.headers.emplace_back("X-Request-Id", std::move(request.request_id));
      send(req, std::move(resp));
      return restinio::request_accepted();
    }
    dispatcher.dispatch_async(request, [this, req](Response resp) { send(req, std::move(resp)); });
    return restinio::request_accepted();
  }

  // Hands `resp` to RESTinio. Never throws: it may run on a store's thread, and `active` must come down.
  void send(const restinio::request_handle_t& req, Response resp) {
    try {
      auto builder = req->create_response(restinio::http_status_line_t{
          restinio::http_status_code_t{static_cast<std::uint16_t>(resp.status)}, reason_phrase(resp.status)});
      builder.append_header(restinio::http_field::content_type, std::move(resp.content_type));
      for (auto& [k, v] : resp.headers) builder.append_header(std::move(k), std::move(v));
      if (draining) builder.connection_close();
      if (resp.shared_body) {
        builder.set_body(std::shared_ptr<const std::string>(std::move(resp.shared_body)));
      } else {
        builder.set_body(std::move(resp.body));
      }
      builder.done();
    } catch (const std::exception& e) {
      std::string line = "{\"level\":\"error\",\"msg\":\"could not send an answer\",\"what\":";
      append_json_string(line, e.what());
      line += "}\n";
      std::fputs(line.c_str(), stderr);
    }
    --active;
  }

  static std::string reason_phrase(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 201:
        return "Created";
      case 204:
        return "No Content";
      case 303:
        return "See Other";
      case 304:
        return "Not Modified";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 409:
        return "Conflict";
      case 413:
        return "Payload Too Large";
      case 422:
        return "Unprocessable Content";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 503:
        return "Service Unavailable";
      default:
        return "Status";
    }
  }

  // Creates and opens the RESTinio server with `Traits` on the loop; sets the bound port. Throws on failure.
  template <typename Traits>
  static void open_server(Impl& im, std::uint16_t& bound_port) {
    auto server = std::make_shared<restinio::http_server_t<Traits>>(
        restinio::external_io_context(im.io), [&](auto& settings) {
          settings.address(im.options.host)
              .port(im.options.port)
              .request_handler([&im](const restinio::request_handle_t& req) { return im.handle(req); })
              .socket_options_setter([](auto& o) { o.set_option(asio::ip::tcp::no_delay(true)); })
              .acceptor_post_bind_hook(
                  [&bound_port](asio::ip::tcp::acceptor& a) { bound_port = a.local_endpoint().port(); })
              .incoming_http_msg_limits(
                  restinio::incoming_http_msg_limits_t{}.max_body_size(im.options.hard_body_limit))
              .read_next_http_message_timelimit(std::chrono::seconds(60))
              .handle_request_timeout(std::chrono::seconds(60))
              .concurrent_accepts_count(2);
        });
    server->open_sync();
    im.close_server = [raw = server.get()] { raw->close_async([] {}, [](std::exception_ptr) {}); };
    im.server = std::move(server);
  }

  void drain_then_stop() {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(options.drain_timeout_ms);
    while (active.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    // Let the last responses reach their sockets before the loop stops.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    io.stop();
  }

  // The drainer is joined (not detached): the loop's threads may return as soon as the listener closes and
  // no connection is left, and wait() must not destroy `io` while the drainer is still to call io.stop().
  void begin_stop() {
    if (draining.exchange(true)) return;
    std::lock_guard lock(mutex);
    close_server();
    drainer = std::thread([this] { drain_then_stop(); });
  }
};

HttpServer::HttpServer(Dispatcher& dispatcher, ServerOptions options)
    : impl_(std::make_unique<Impl>(dispatcher, std::move(options))) {}

HttpServer::~HttpServer() {
  if (!impl_->threads.empty()) {
    stop();
    wait();
  }
}

int thread_count(const ServerOptions& options) {
  const int n = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  return std::max(n, 1);
}

core::Result<std::uint16_t> HttpServer::start() {
  auto& im = *impl_;
  std::uint16_t bound_port = 0;
  const int threads = thread_count(im.options);
  try {
    if (threads == 1) {
      Impl::open_server<SingleThreadTraits>(im, bound_port);
    } else {
      Impl::open_server<PoolTraits>(im, bound_port);
    }
  } catch (const std::exception& e) {
    return core::Error::unavailable(std::string("cannot listen on ") + im.options.host + ":" +
                                    std::to_string(im.options.port) + ": " + e.what());
  }
  if (im.options.handle_signals) {
    im.signals = std::make_unique<asio::signal_set>(im.io, SIGTERM, SIGINT);
    im.signals->async_wait([&im](const asio::error_code& ec, int) {
      if (!ec) im.begin_stop();
    });
  }
  for (int i = 0; i < threads; ++i) {
    im.threads.emplace_back([&im] { im.io.run(); });
  }
  return bound_port;
}

void HttpServer::stop() {
  if (impl_->server) impl_->begin_stop();
}

void HttpServer::wait() {
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->drainer.joinable()) impl_->drainer.join();
  }
  // An answer still on its way (a write that completes after the drain's deadline) is handed to the loop
  // from another thread: keep the loop until every such answer has been (it is then dropped unsent), so that
  // none reaches a destroyed one.
  while (impl_->active.load() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // Destroying the loop destroys the connections still parked in it (idle keep-alives), closing their
  // sockets.
  impl_->signals.reset();
  impl_->server.reset();
  impl_->io_owner.reset();
}

}  // namespace motcua::http
