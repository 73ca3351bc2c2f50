// The HTTP library's own ceiling for one answer, for bench/run.sh: a server on Debian's H2O (the library
// under src/http/server.cpp) with one event loop and one handler that answers every request with the bytes of
// FILE, read once at start, as application/json. No routing, no cache lookup, no metrics, no access log: what
// is left is H2O and the kernel moving those bytes, which is what motcua's answer of the same bytes is
// compared with.
//
//   h2o_bytes PORT FILE      serves FILE on 127.0.0.1:PORT until killed; prints "ready" once listening
#define H2O_USE_LIBUV 0
#include <h2o.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

namespace {

std::string body;  // the bytes of FILE
h2o_globalconf_t config;
h2o_context_t context;
h2o_accept_ctx_t accept_context;

int on_request(h2o_handler_t*, h2o_req_t* req) {
  static h2o_generator_t generator{nullptr, nullptr};
  req->res.status = 200;
  req->res.reason = "OK";
  req->res.content_length = body.size();
  h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_CONTENT_TYPE, nullptr,
                 H2O_STRLIT("application/json; charset=utf-8"));
  h2o_start_response(req, &generator);
  h2o_iovec_t chunk = h2o_iovec_init(body.data(), body.size());
  h2o_send(req, &chunk, 1, H2O_SEND_STATE_FINAL);
  return 0;
}

void on_accept(h2o_socket_t* listener, const char* err) {
  if (err != nullptr) return;
  if (h2o_socket_t* sock = h2o_evloop_socket_accept(listener); sock != nullptr)
    h2o_accept(&accept_context, sock);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: h2o_bytes PORT FILE\n");
    return 2;
  }
  std::ifstream in(argv[2], std::ios::binary);
  body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    std::fprintf(stderr, "h2o_bytes: cannot read %s\n", argv[2]);
    return 2;
  }
  h2o_config_init(&config);
  config.server_name = h2o_iovec_init(H2O_STRLIT(""));  // as motcua: no Server header
  h2o_hostconf_t* host = h2o_config_register_host(&config, h2o_iovec_init(H2O_STRLIT("default")), 65535);
  h2o_pathconf_t* path = h2o_config_register_path(host, "/", 0);
  h2o_create_handler(path, sizeof(h2o_handler_t))->on_req = on_request;
  h2o_context_init(&context, h2o_evloop_create(), &config);
  accept_context.ctx = &context;
  accept_context.hosts = config.hosts;

  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(std::atoi(argv[1])));
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int on = 1;
  if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0 ||
      bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(fd, SOMAXCONN) != 0) {
    std::perror("h2o_bytes: listen");
    return 1;
  }
  h2o_socket_t* listener = h2o_evloop_socket_create(context.loop, fd, H2O_SOCKET_FLAG_DONT_READ);
  h2o_socket_read_start(listener, on_accept);
  std::printf("ready\n");
  std::fflush(stdout);
  while (h2o_evloop_run(context.loop, INT32_MAX) == 0) {
  }
  return 0;
}
