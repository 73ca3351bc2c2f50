#include "http/server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <future>
#include <new>
#include <thread>
#include <unordered_set>
#include <vector>

#include "core/text.hpp"
#include "http/error_mapping.hpp"
#include "http/json_string.hpp"

#define H2O_USE_LIBUV 0
#include <h2o.h>

namespace motcua::http {

namespace {

std::string_view view(h2o_iovec_t v) {
  return {v.base, v.len};
}

Method to_method(std::string_view m) {
  if (m == "GET") return Method::kGet;
  if (m == "POST") return Method::kPost;
  if (m == "PUT") return Method::kPut;
  if (m == "DELETE") return Method::kDelete;
  if (m == "HEAD") return Method::kHead;
  if (m == "PATCH") return Method::kPatch;
  if (m == "OPTIONS") return Method::kOptions;
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

// The peer's address as text ("127.0.0.1", "::1"); "" if the socket cannot tell.
std::string peer_address(h2o_req_t* req) {
  sockaddr_storage ss{};
  const socklen_t len = req->conn->callbacks->get_peername(req->conn, reinterpret_cast<sockaddr*>(&ss));
  char text[INET6_ADDRSTRLEN] = "";
  if (len == 0) return text;
  if (ss.ss_family == AF_INET) {
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&ss)->sin_addr, text, sizeof text);
  } else if (ss.ss_family == AF_INET6) {
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&ss)->sin6_addr, text, sizeof text);
  }
  return text;
}

// Builds our Request from H2O's; returns false if the target is not valid (bad escapes or UTF-8). H2O has
// lower-cased the header names and moved Host to the authority; the framing headers (Content-Length,
// Transfer-Encoding, Expect, Upgrade) it has acted on and kept.
bool convert_request(h2o_req_t* in, const h2o_iovec_t& default_authority, Request& out) {
  out.method = to_method(view(in->method));
  const std::string_view target = view(in->path);
  std::string_view raw_path = target;
  if (in->query_at != SIZE_MAX && in->query_at < target.size()) {
    raw_path = target.substr(0, in->query_at);
    out.query = std::string(target.substr(in->query_at + 1));
  }
  const auto id = [&]() -> std::optional<std::string_view> {
    for (std::size_t i = 0; i < in->headers.size; ++i) {
      if (view(*in->headers.entries[i].name) == "x-request-id") return view(in->headers.entries[i].value);
    }
    return std::nullopt;
  }();
  out.request_id = id && id->size() <= 64 ? std::string(*id) : next_request_id();
  auto path = url_decode(raw_path, false);
  if (!path || !core::is_valid_utf8(*path) || path->find('\0') != std::string::npos) return false;
  out.path = std::move(*path);
  out.headers.reserve(in->headers.size + 1);
  if (in->authority.base != default_authority.base) out.headers.emplace_back("host", view(in->authority));
  for (std::size_t i = 0; i < in->headers.size; ++i) {
    const h2o_header_t& h = in->headers.entries[i];
    out.headers.emplace_back(view(*h.name), view(h.value));
  }
  if (in->entity.base != nullptr) out.body.assign(in->entity.base, in->entity.len);
  out.remote = peer_address(in);
  return true;
}

Response bad_target() {
  return error_response(
      core::Error::invalid("http.bad_target", "Địa chỉ yêu cầu không hợp lệ (mã hóa URL hoặc UTF-8 sai).",
                           "The request target is not valid (bad URL escape or UTF-8).", "path"));
}

Response stopping() {
  return error_response(core::Error::unavailable(
      "the server stopped before this request was answered; retry it (with the same Idempotency-Key)"));
}

const char* reason_phrase(int status) {
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

// The number of event loops: `threads`, or one per CPU.
int thread_count(const ServerOptions& options) {
  const int n = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  return std::max(n, 1);
}

// Where SIGTERM/SIGINT are written when a server handles them (a self-pipe read by its first loop).
std::atomic<int> g_signal_write_fd{-1};

extern "C" void on_stop_signal(int) {
  const int fd = g_signal_write_fd.load();
  if (fd >= 0) {
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(fd, &byte, 1);
  }
}

}  // namespace

struct HttpServer::Impl {
  struct Loop;

  // One request between H2O handing it over and its answer. Owned by the answer's callback and, when the
  // answer comes later, by the request's memory pool too; `req` is touched on the loop's thread only and is
  // null once the answer has been sent or H2O has disposed of the request.
  struct Exchange {
    Loop* loop;
    h2o_req_t* req;
  };

  // The answer to one request, handed to the request's loop from another thread.
  struct Answer : h2o_multithread_message_t {
    std::shared_ptr<Exchange> exchange;
    Response response;
  };

  enum class Command { kCloseListener, kStop };
  struct CommandMessage : h2o_multithread_message_t {
    Command command;
  };

  struct Receiver : h2o_multithread_receiver_t {
    Loop* loop;
  };

  // H2O's handler record with a way back to us.
  struct Handler : h2o_handler_t {
    Impl* impl;
  };

  // Rewrites the errors H2O answers by itself, before any route runs (a body it cannot read: 400; a body
  // beyond the hard limit: 413), from plain text into our JSON error, so that a client gets the same shape,
  // code and Vietnamese message as from a route. (A request line or header H2O cannot parse at all gets its
  // fixed "400 Bad Request" text, written straight to the socket.)
  struct ErrorFilter : h2o_filter_t {
    Impl* impl;
  };
  struct ReplacedBody : h2o_ostream_t {
    h2o_iovec_t body;
  };

  // One event loop and its thread; connections stay on the loop that accepted them.
  struct Loop {
    Impl* impl = nullptr;
    h2o_evloop_t* evloop = nullptr;
    h2o_context_t ctx{};
    h2o_accept_ctx_t accept_ctx{};
    h2o_socket_t* listener = nullptr;
    h2o_socket_t* signal_reader = nullptr;
    Receiver answers{};
    Receiver commands{};
    std::mutex answers_mu;
    bool taking_answers = true;             // under answers_mu: false once the loop has stopped
    std::unordered_set<Exchange*> waiting;  // loop thread: requests whose answer comes later
    bool stop = false;                      // loop thread
    std::thread thread;
  };

  Dispatcher& dispatcher;
  ServerOptions options;
  h2o_globalconf_t config{};
  bool config_ready = false;
  std::vector<std::unique_ptr<Loop>> loops;
  std::atomic<bool> draining{false};
  std::atomic<int> active{0};  // requests handed to the dispatcher whose callback has not yet been run
  std::mutex mutex;
  std::thread drainer;  // runs drain_then_stop(); set under `mutex`, joined by wait()
  int signal_pipe[2] = {-1, -1};
  struct sigaction old_term {};
  struct sigaction old_int {};

  Impl(Dispatcher& d, ServerOptions o) : dispatcher(d), options(std::move(o)) {}

  ~Impl() {
    if (config_ready) h2o_config_dispose(&config);
    for (int fd : signal_pipe) {
      if (fd >= 0) ::close(fd);
    }
  }

  // The loop whose thread is running; set once per loop thread.
  static Loop*& current_loop() {
    static thread_local Loop* loop = nullptr;
    return loop;
  }

  // While on_req dispatches, an answer given before dispatch_async returns lands here and is sent at once.
  struct InlineAnswer {
    Exchange* exchange = nullptr;
    std::optional<Response> response;
  };
  static InlineAnswer*& inline_answer() {
    static thread_local InlineAnswer* slot = nullptr;
    return slot;
  }

  static int on_req(h2o_handler_t* self, h2o_req_t* req) {
    static_cast<Handler*>(self)->impl->handle(req);
    return 0;
  }

  // Every request is answered exactly once through send(): now (most routes) or later, when another thread
  // hands the answer to this loop (routes that wait for a commit). `active` counts callbacks still to come.
  void handle(h2o_req_t* req) {
    Loop* loop = current_loop();
    auto exchange = std::make_shared<Exchange>(Exchange{loop, req});
    Request request;
    if (!convert_request(req, loop->ctx.globalconf->hosts[0]->authority.hostport, request)) {
      Response resp = bad_target();
      resp.headers.emplace_back("X-Request-Id", std::move(request.request_id));
      send(*exchange, std::move(resp));
      return;
    }
    ++active;
    InlineAnswer here{exchange.get(), std::nullopt};
    inline_answer() = &here;
    dispatcher.dispatch_async(request, [exchange](Response resp) { answer(exchange, std::move(resp)); });
    inline_answer() = nullptr;
    if (here.response) {
      send(*exchange, std::move(*here.response));
      --active;
    } else {
      wait_for_answer(exchange);
    }
  }

  // Records a request whose answer comes later. H2O may dispose of the request before then (only on this
  // loop's thread, so not before handle() returns): the pool keeps a reference to the exchange and clears
  // `req` when that happens.
  static void wait_for_answer(const std::shared_ptr<Exchange>& exchange) {
    void* slot = h2o_mem_alloc_shared(&exchange->req->pool, sizeof(std::shared_ptr<Exchange>), [](void* p) {
      auto* ref = static_cast<std::shared_ptr<Exchange>*>(p);
      if ((*ref)->req != nullptr) (*ref)->loop->waiting.erase(ref->get());
      (*ref)->req = nullptr;
      ref->~shared_ptr();
    });
    new (slot) std::shared_ptr<Exchange>(exchange);
    exchange->loop->waiting.insert(exchange.get());
  }

  // The answer's callback, from any thread. Never throws.
  static void answer(const std::shared_ptr<Exchange>& exchange, Response resp) {
    if (InlineAnswer* slot = inline_answer(); slot != nullptr && slot->exchange == exchange.get()) {
      slot->response = std::move(resp);
      return;
    }
    Loop* loop = exchange->loop;
    Impl* impl = loop->impl;
    try {
      auto message = std::make_unique<Answer>();
      message->link = {nullptr, nullptr};
      message->exchange = exchange;
      message->response = std::move(resp);
      std::lock_guard lock(loop->answers_mu);
      if (loop->taking_answers) {
        h2o_multithread_send_message(&loop->answers, message.release());
        return;
      }
    } catch (const std::exception& e) {
      log_error_line("could not hand an answer to its loop", e.what());
    }
    --impl->active;  // the loop has stopped (or the hand-over failed): the answer is dropped unsent
  }

  // Takes the first message off a list H2O hands a receiver, as the `Message` it was sent as (and owns it).
  template <typename Message>
  static std::unique_ptr<Message> take_first(h2o_linklist_t* messages) {
    std::unique_ptr<Message> message(
        static_cast<Message*>(reinterpret_cast<h2o_multithread_message_t*>(messages->next)));
    h2o_linklist_unlink(&message->link);
    return message;
  }

  static void on_answers(h2o_multithread_receiver_t* receiver, h2o_linklist_t* messages) {
    Loop* loop = static_cast<Receiver*>(receiver)->loop;
    while (!h2o_linklist_is_empty(messages)) {
      auto message = take_first<Answer>(messages);
      loop->impl->send(*message->exchange, std::move(message->response));
      --loop->impl->active;
    }
  }

  // Sends `resp` as the answer to the exchange's request, if it still waits for one. Loop thread only.
  void send(Exchange& exchange, Response resp) {
    h2o_req_t* req = exchange.req;
    if (req == nullptr) return;
    exchange.loop->waiting.erase(&exchange);
    exchange.req = nullptr;
    h2o_mem_pool_t* pool = &req->pool;
    req->res.status = resp.status;
    req->res.reason = reason_phrase(resp.status);
    const auto copy = [pool](std::string_view s) { return h2o_strdup(pool, s.data(), s.size()); };
    // 204 and 304 have no body (RFC 9110 §15.3.5, §15.4.5): no type, no length.
    const bool bodiless = resp.status == 204 || resp.status == 304;
    if (!bodiless) {
      const h2o_iovec_t type = copy(resp.content_type);
      h2o_add_header(pool, &req->res.headers, H2O_TOKEN_CONTENT_TYPE, "Content-Type", type.base, type.len);
    }
    for (const auto& [name, value] : resp.headers) {
      const h2o_iovec_t original = copy(name);
      h2o_iovec_t lower = copy(name);
      h2o_strtolower(lower.base, lower.len);
      const h2o_iovec_t v = copy(value);
      h2o_add_header_by_str(pool, &req->res.headers, lower.base, lower.len, 1, original.base, v.base, v.len);
    }
    if (draining) req->http1_is_persistent = 0;
    h2o_iovec_t body;
    if (resp.shared_body || resp.body.size() > kCopyLimit) {
      // Large or shared bodies are kept alive by the request's pool instead of being copied into it.
      struct Holder {
        std::string body;
        std::shared_ptr<const std::string> shared;
      };
      void* mem =
          h2o_mem_alloc_shared(pool, sizeof(Holder), [](void* p) { static_cast<Holder*>(p)->~Holder(); });
      auto* holder = new (mem) Holder{std::move(resp.body), std::move(resp.shared_body)};
      const std::string& text = holder->shared ? *holder->shared : holder->body;
      body = h2o_iovec_init(text.data(), text.size());
    } else {
      body = copy(resp.body);
    }
    req->res.content_length = bodiless ? SIZE_MAX : resp.content_length.value_or(body.len);
    static h2o_generator_t generator = {nullptr, nullptr};
    h2o_start_response(req, &generator);
    if (bodiless || view(req->input.method) == "HEAD") {
      h2o_send(req, nullptr, 0, H2O_SEND_STATE_FINAL);  // the length of the body it would have had, no body
    } else {
      h2o_send(req, &body, 1, H2O_SEND_STATE_FINAL);
    }
  }
  static constexpr std::size_t kCopyLimit = 8192;

  static void on_setup_ostream(h2o_filter_t* self, h2o_req_t* req, h2o_ostream_t** slot) {
    if ((req->res.status == 400 || req->res.status == 413) && is_plain_text(req)) {
      const Impl& impl = *static_cast<ErrorFilter*>(self)->impl;
      const Response json =
          error_response(req->res.status == 413
                             ? body_too_large_error(impl.dispatcher.options().max_upload_bytes)
                             : core::Error::invalid("http.bad_request", "Yêu cầu HTTP không đúng cú pháp.",
                                                    "The HTTP request is malformed."));
      h2o_mem_pool_t* pool = &req->pool;
      const h2o_iovec_t type = h2o_strdup(pool, json.content_type.data(), json.content_type.size());
      h2o_set_header(pool, &req->res.headers, H2O_TOKEN_CONTENT_TYPE, type.base, type.len, 1);
      auto* replaced = static_cast<ReplacedBody*>(h2o_add_ostream(req, sizeof(ReplacedBody), slot));
      replaced->body = h2o_strdup(pool, json.body.data(), json.body.size());
      // H2O sends its text in one final piece (none for HEAD): ours goes in its place.
      replaced->do_send = [](h2o_ostream_t* os, h2o_req_t* r, h2o_iovec_t*, std::size_t count,
                             h2o_send_state_t state) {
        auto* me = static_cast<ReplacedBody*>(os);
        const bool body = count > 0 && !h2o_send_state_is_in_progress(state);
        h2o_ostream_send_next(os, r, body ? &me->body : nullptr, body ? 1 : 0, state);
      };
      req->res.content_length = replaced->body.len;
      slot = &replaced->next;
    }
    h2o_setup_next_ostream(req, slot);
  }

  static bool is_plain_text(h2o_req_t* req) {
    const ssize_t i = h2o_find_header(&req->res.headers, H2O_TOKEN_CONTENT_TYPE, -1);
    return i >= 0 && view(req->res.headers.entries[i].value).starts_with("text/plain");
  }

  static void on_accept(h2o_socket_t* listener, const char* err) {
    if (err != nullptr) return;
    Loop* loop = static_cast<Loop*>(listener->data);
    for (int i = 0; i < 16; ++i) {
      h2o_socket_t* sock = h2o_evloop_socket_accept(listener);
      if (sock == nullptr) return;
      h2o_accept(&loop->accept_ctx, sock);
    }
  }

  static void on_signal(h2o_socket_t* sock, const char* err) {
    if (err != nullptr) return;
    h2o_buffer_consume(&sock->input, sock->input->size);
    static_cast<Loop*>(sock->data)->impl->begin_stop();
  }

  static void on_commands(h2o_multithread_receiver_t* receiver, h2o_linklist_t* messages) {
    Loop* loop = static_cast<Receiver*>(receiver)->loop;
    while (!h2o_linklist_is_empty(messages)) {
      if (take_first<CommandMessage>(messages)->command == Command::kCloseListener) {
        close_socket(loop->listener);
      } else {
        loop->stop = true;
      }
    }
  }

  static void close_socket(h2o_socket_t*& sock) {
    if (sock == nullptr) return;
    h2o_socket_read_stop(sock);
    h2o_socket_close(sock);
    sock = nullptr;
  }

  void command(Loop& loop, Command c) {
    auto message = std::make_unique<CommandMessage>();
    message->link = {nullptr, nullptr};
    message->command = c;
    h2o_multithread_send_message(&loop.commands, message.release());
  }

  // The loop's thread: sets the loop up, reports that it is ready, serves until told to stop, ends it.
  // Everything of H2O's is created on this thread: H2O's sockets take their buffers from caches of the thread
  // that creates them, and those caches are not thread-safe.
  void run_loop(Loop& loop, int listen_fd, bool watch_signals, std::promise<void>& ready) {
    current_loop() = &loop;
    set_up(loop, listen_fd, watch_signals);
    ready.set_value();
    while (!loop.stop) h2o_evloop_run(loop.evloop, INT32_MAX);
    teardown(loop);
  }

  // Ends a stopped loop: answers handed over already are sent, requests still waiting for theirs get a 503
  // (their answers, when they come, are dropped), idle connections are closed, and H2O's context and loop
  // are freed. Loop thread only.
  void teardown(Loop& loop) {
    close_socket(loop.listener);
    close_socket(loop.signal_reader);
    {
      std::lock_guard lock(loop.answers_mu);
      loop.taking_answers = false;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (!h2o_linklist_is_empty(&loop.answers._messages) && std::chrono::steady_clock::now() < deadline) {
      h2o_evloop_run(loop.evloop, 10);
    }
    while (!loop.waiting.empty()) {
      Exchange* exchange = *loop.waiting.begin();
      send(*exchange, stopping());  // removes it from `waiting`
    }
    // Idle keep-alive connections wait for their next request under req_timeout: expire them now.
    loop.ctx.http1.req_timeout.timeout = 0;
    while (!h2o_linklist_is_empty(&loop.ctx.http1._conns) && std::chrono::steady_clock::now() < deadline) {
      h2o_evloop_run(loop.evloop, 10);
    }
    if (!h2o_linklist_is_empty(&loop.ctx.http1._conns) || !h2o_linklist_is_empty(&loop.answers._messages)) {
      log_error_line("http loop stopped with connections still open",
                     "a client did not read its answer in time");
      return;  // its memory is left to the process's exit rather than freed under a live connection
    }
    h2o_multithread_unregister_receiver(loop.ctx.queue, &loop.answers);
    h2o_multithread_unregister_receiver(loop.ctx.queue, &loop.commands);
    h2o_multithread_queue_t* queue = loop.ctx.queue;
    h2o_context_dispose(&loop.ctx);
    std::free(queue);  // H2O 2.2's h2o_multithread_destroy_queue closes the queue's pipe but keeps its memory
    h2o_evloop_destroy(loop.evloop);
    loop.evloop = nullptr;
    // H2O keeps the socket buffers of closed connections in a per-thread cache for the next ones; this thread
    // is about to end, so hand them back.
    h2o_mem_recycle_t& cache = h2o_socket_buffer_prototype.allocator;
    while (cache.cnt > 0) std::free(h2o_mem_alloc_recycle(&cache, 0));
  }

  void drain_then_stop() {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(options.drain_timeout_ms);
    while (active.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    // Let the last answers reach their sockets before the loops stop.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    for (auto& loop : loops) command(*loop, Command::kStop);
  }

  // Thread-safe: stops accepting on every loop, then stops the loops once the requests in flight are
  // answered (or the drain's deadline has passed).
  void begin_stop() {
    if (draining.exchange(true)) return;
    std::lock_guard lock(mutex);
    for (auto& loop : loops) command(*loop, Command::kCloseListener);
    drainer = std::thread([this] { drain_then_stop(); });
  }

  // Binds and listens on host:port; returns the socket or an error message.
  static core::Result<int> listen_on(const std::string& host, std::uint16_t port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    if (int rc = ::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found);
        rc != 0) {
      return core::Error::unavailable(::gai_strerror(rc));
    }
    std::string failure = "no address";
    int fd = -1;
    for (addrinfo* a = found; a != nullptr && fd < 0; a = a->ai_next) {
      fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
      if (fd < 0) {
        failure = std::strerror(errno);
        continue;
      }
      const int on = 1;
      ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
      if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
        failure = std::strerror(errno);
        ::close(fd);
        fd = -1;
      }
    }
    ::freeaddrinfo(found);
    if (fd < 0) return core::Error::unavailable(failure);
    return fd;
  }

  static std::uint16_t bound_port(int fd) {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) return 0;
    if (ss.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6*>(&ss)->sin6_port);
    return ntohs(reinterpret_cast<const sockaddr_in*>(&ss)->sin_port);
  }

  void configure() {
    h2o_config_init(&config);
    config_ready = true;
    config.server_name = h2o_iovec_init(H2O_STRLIT(""));
    config.max_request_entity_size = options.hard_body_limit;
    config.http1.req_timeout = 60000;
    config.http1.upgrade_to_http2 = 0;
    h2o_hostconf_t* host = h2o_config_register_host(&config, h2o_iovec_init(H2O_STRLIT("default")), 65535);
    h2o_pathconf_t* path = h2o_config_register_path(host, "/", 0);
    auto* handler = static_cast<Handler*>(h2o_create_handler(path, sizeof(Handler)));
    handler->on_req = &Impl::on_req;
    handler->impl = this;
    // H2O answers a request it cannot read with the fallback path (no path is known yet).
    for (h2o_pathconf_t* conf : {path, &host->fallback_path}) {
      auto* filter = static_cast<ErrorFilter*>(h2o_create_filter(conf, sizeof(ErrorFilter)));
      filter->on_setup_ostream = &Impl::on_setup_ostream;
      filter->impl = this;
    }
  }

  // Creates the loop's H2O context, its message receivers and its listener (its own duplicate of
  // `listen_fd`), and the reader of the signal pipe when `watch_signals`. On the loop's thread.
  void set_up(Loop& loop, int listen_fd, bool watch_signals) {
    loop.evloop = h2o_evloop_create();
    h2o_context_init(&loop.ctx, loop.evloop, &config);
    loop.accept_ctx.ctx = &loop.ctx;
    loop.accept_ctx.hosts = config.hosts;
    loop.answers.loop = &loop;
    loop.commands.loop = &loop;
    h2o_multithread_register_receiver(loop.ctx.queue, &loop.answers, &Impl::on_answers);
    h2o_multithread_register_receiver(loop.ctx.queue, &loop.commands, &Impl::on_commands);
    loop.listener = h2o_evloop_socket_create(loop.evloop, ::fcntl(listen_fd, F_DUPFD_CLOEXEC, 0),
                                             H2O_SOCKET_FLAG_DONT_READ);
    loop.listener->data = &loop;
    h2o_socket_read_start(loop.listener, &Impl::on_accept);
    if (watch_signals && signal_pipe[0] >= 0) {
      loop.signal_reader =
          h2o_evloop_socket_create(loop.evloop, ::fcntl(signal_pipe[0], F_DUPFD_CLOEXEC, 0), 0);
      loop.signal_reader->data = &loop;
      h2o_socket_read_start(loop.signal_reader, &Impl::on_signal);
    }
  }

  // Opens the signal pipe and routes SIGTERM and SIGINT to it (the first loop reads it).
  void watch_signals() {
    if (::pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) return;
    g_signal_write_fd.store(signal_pipe[1]);
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &sa, &old_term);
    ::sigaction(SIGINT, &sa, &old_int);
  }

  void unwatch_signals() {
    if (signal_pipe[1] < 0 || g_signal_write_fd.load() != signal_pipe[1]) return;
    ::sigaction(SIGTERM, &old_term, nullptr);
    ::sigaction(SIGINT, &old_int, nullptr);
    g_signal_write_fd.store(-1);
  }
};

HttpServer::HttpServer(Dispatcher& dispatcher, ServerOptions options)
    : impl_(std::make_unique<Impl>(dispatcher, std::move(options))) {}

HttpServer::~HttpServer() {
  if (!impl_->loops.empty()) {
    stop();
    wait();
  }
}

core::Result<std::uint16_t> HttpServer::start() {
  auto& im = *impl_;
  auto fd = Impl::listen_on(im.options.host, im.options.port);
  if (!fd) {
    return core::Error::unavailable("cannot listen on " + im.options.host + ":" +
                                    std::to_string(im.options.port) + ": " + fd.error().message_en);
  }
  const std::uint16_t port = Impl::bound_port(*fd);
  im.configure();
  if (im.options.handle_signals) im.watch_signals();
  const int n = thread_count(im.options);
  std::vector<std::promise<void>> ready(static_cast<std::size_t>(n));
  std::vector<std::future<void>> set_up;
  for (auto& r : ready) set_up.push_back(r.get_future());
  for (int i = 0; i < n; ++i) {
    auto& loop = *im.loops.emplace_back(std::make_unique<Impl::Loop>());
    loop.impl = &im;
    loop.thread =
        std::thread([&im, &loop, listen_fd = *fd, first = i == 0, &r = ready[static_cast<std::size_t>(i)]] {
          im.run_loop(loop, listen_fd, first, r);
        });
  }
  for (auto& f : set_up) f.wait();
  ::close(*fd);  // each loop holds its own duplicate; the socket closes with the last of them
  return port;
}

void HttpServer::stop() {
  if (!impl_->loops.empty()) impl_->begin_stop();
}

void HttpServer::wait() {
  auto& im = *impl_;
  for (auto& loop : im.loops) {
    if (loop->thread.joinable()) loop->thread.join();
  }
  {
    std::lock_guard lock(im.mutex);
    if (im.drainer.joinable()) im.drainer.join();
  }
  im.unwatch_signals();
  // An answer still on its way (a write that completes after the loops stopped) is dropped by its callback;
  // keep the loops' records until every such callback has run, so that none reaches freed memory.
  while (im.active.load() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  im.loops.clear();
}

}  // namespace motcua::http
