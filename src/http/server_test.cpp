// Starts the real server on an ephemeral port and talks raw HTTP/1.1 to it over a socket.
#include "http/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "http/compression.hpp"
#include "http/conditional.hpp"

namespace motcua::http {
namespace {

std::string raw_request(std::uint16_t port, const std::string& text) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "connect failed";
  }
  ::send(fd, text.data(), text.size(), 0);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return out;
}

std::string big_json() {
  std::string s = "[";
  for (int i = 0; i < 300; ++i) s += "{\"tên\":\"Ủy ban nhân dân phường " + std::to_string(i) + "\"},";
  s.back() = ']';
  return s;
}

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() {
    router_.get("/hello/{name}", [](Request& r) {
      return Response::json(200, "{\"hi\":\"" + std::string(r.param("name")) + "\"}");
    });
    router_.get("/big", [](Request&) { return Response::json(200, big_json()); });
    router_.get("/cached", [this](Request&) { return Response::json(200, cached_); });
    router_.get("/remote", [](Request& r) { return Response::json(200, "\"" + r.remote + "\""); });
    router_.get("/slow", [](Request&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      return Response::json(200, "{\"slow\":true}");
    });
    // Answered 300 ms later from a thread of its own, as a write is answered when its commit is on disk.
    router_.post_async("/later", [this](Request&, Respond respond) {
      std::lock_guard lock(answerers_mu_);
      answerers_.emplace_back([respond] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        respond(Response::json(201, "{\"later\":true}"));
      });
    });
  }
  ~ServerTest() override {
    for (auto& t : answerers_) t.join();
  }
  std::mutex answerers_mu_;
  std::vector<std::thread> answerers_;  // under answerers_mu_
  std::shared_ptr<const std::string> cached_ = std::make_shared<const std::string>(big_json());
  Router router_;
  Dispatcher dispatcher_{router_, {}};
};

TEST_F(ServerTest, ServesOnEphemeralPortAndDecodesPath) {
  HttpServer server(dispatcher_, {.host = "127.0.0.1", .port = 0, .threads = 2});
  auto port = server.start();
  ASSERT_TRUE(port.ok());
  ASSERT_NE(*port, 0);
  auto resp = raw_request(*port, "GET /hello/%C4%90%C3%A0o HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(resp.find("HTTP/1.1 200"), std::string::npos) << resp;
  EXPECT_NE(resp.find("{\"hi\":\"Đào\"}"), std::string::npos) << resp;
  EXPECT_NE(resp.find("X-Request-Id:"), std::string::npos);
  server.stop();
  server.wait();
}

// What a browser receives on the wire: the gzip body, its own length, and the headers that say so.
TEST_F(ServerTest, SendsGzipToClientsThatAcceptIt) {
  HttpServer server(dispatcher_, {.host = "127.0.0.1", .port = 0, .threads = 1});
  auto port = server.start();
  ASSERT_TRUE(port.ok());
  const auto resp = raw_request(
      *port,
      "GET /big HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, deflate, br\r\nConnection: close\r\n\r\n");
  const auto split = resp.find("\r\n\r\n");
  ASSERT_NE(split, std::string::npos) << resp;
  const auto head = resp.substr(0, split);
  const auto body = resp.substr(split + 4);
  EXPECT_NE(head.find("Content-Encoding: gzip"), std::string::npos) << head;
  EXPECT_NE(head.find("Vary: Accept-Encoding"), std::string::npos) << head;
  EXPECT_NE(head.find("Content-Length: " + std::to_string(body.size())), std::string::npos) << head;
  EXPECT_LT(body.size(), big_json().size() / 4);
  EXPECT_EQ(gzip_decompress(body), big_json());
  server.stop();
  server.wait();
}

TEST_F(ServerTest, RejectsInvalidUtf8InPath) {
  HttpServer server(dispatcher_, {.host = "127.0.0.1", .port = 0, .threads = 1});
  auto port = server.start();
  ASSERT_TRUE(port.ok());
  auto resp = raw_request(*port, "GET /hello/%FF%FE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(resp.find("HTTP/1.1 400"), std::string::npos) << resp;
  EXPECT_NE(resp.find("http.bad_target"), std::string::npos);
  server.stop();
  server.wait();
}

TEST_F(ServerTest, GracefulStopLetsInFlightRequestFinish) {
  HttpServer server(dispatcher_, {.host = "127.0.0.1", .port = 0, .threads = 2});
  auto port = server.start();
  ASSERT_TRUE(port.ok());
  auto pending = std::async(std::launch::async,
                            [p = *port] { return raw_request(p, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  server.stop();
  server.wait();
  const auto resp = pending.get();
  EXPECT_NE(resp.find("HTTP/1.1 200"), std::string::npos) << resp;
  EXPECT_NE(resp.find("{\"slow\":true}"), std::string::npos);
  // The listening socket is closed: new connections are refused.
  EXPECT_EQ(raw_request(*port, "GET /hello/x HTTP/1.1\r\n\r\n"), "connect failed");
}

// One request thread: while a route waits to answer, the thread serves other requests.
TEST_F(ServerTest, ALaterAnswerDoesNotHoldTheThread) {
  HttpServer server(dispatcher_, {.host = "127.0.0.1", .port = 0, .threads = 1});
  auto port = server.start();
  ASSERT_TRUE(port.ok());
  auto pending = std::async(std::launch::async, [p = *port] {
    return raw_request(p,
                       "POST /later HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const auto start = std::chrono::steady_clock::now();
  const auto quick = raw_request(*port, "GET /hello/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
  EXPECT_NE(quick.find("HTTP/1.1 200"), std::string::npos) << quick;
  EXPECT_EQ(pending.wait_for(std::chrono::seconds(0)), std::future_status::timeout);  // still waiting
  const auto later = pending.get();
  EXPECT_NE(later.find("HTTP/1.1 201"), std::string::npos) << later;
  EXPECT_NE(later.find("X-Request-Id:"), std::string::npos) << later;
  EXPECT_NE(later.find("{\"later\":true}"), std::string::npos) << later;
  server.stop();
  server.wait();
}

TEST_F(ServerTest, GracefulStopWaitsForALaterAnswer) {
  HttpServer server(dispatcher_, {.host = "127.0.0.1", .port = 0, .threads = 1});
  auto port = server.start();
  ASSERT_TRUE(port.ok());
  auto pending = std::async(std::launch::async, [p = *port] {
    return raw_request(p, "POST /later HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  server.stop();
  server.wait();
  const auto resp = pending.get();
  EXPECT_NE(resp.find("HTTP/1.1 201"), std::string::npos) << resp;
  EXPECT_NE(resp.find("{\"later\":true}"), std::string::npos) << resp;
}

// The drain gives up before the answer comes: the client is told 503 (to retry), and the stop still waits for
// the real answer, dropped unsent, so that it never reaches a destroyed server (AddressSanitizer would see
// that).
TEST_F(ServerTest, AnAnswerAfterTheDrainsDeadlineDoesNotOutliveTheServer) {
  auto server = std::make_unique<HttpServer>(
      dispatcher_, ServerOptions{.host = "127.0.0.1", .port = 0, .threads = 1, .drain_timeout_ms = 20});
  auto port = server->start();
  ASSERT_TRUE(port.ok());
  auto pending = std::async(std::launch::async, [p = *port] {
    return raw_request(p, "POST /later HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const auto start = std::chrono::steady_clock::now();
  server->stop();
  server->wait();
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(150));
  server.reset();
  const auto resp = pending.get();
  EXPECT_NE(resp.find("HTTP/1.1 503"), std::string::npos) << resp;
  EXPECT_NE(resp.find("\"code\":\"unavailable\""), std::string::npos) << resp;
  EXPECT_NE(resp.find("Connection: close"), std::string::npos) << resp;
}

// A body larger than the hard limit is refused before it is read, with 413 and our JSON error, and the
// connection is closed; the route never runs.
TEST_F(ServerTest, ABodyBeyondTheHardLimitIsRefusedUnread) {
  HttpServer server(dispatcher_, {.host = "127.0.0.1", .port = 0, .threads = 1, .hard_body_limit = 1024});
  auto port = server.start();
  ASSERT_TRUE(port.ok());
  const auto resp = raw_request(*port, "POST /later HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n");
  EXPECT_NE(resp.find("HTTP/1.1 413"), std::string::npos) << resp;
  EXPECT_NE(resp.find("Connection: close"), std::string::npos) << resp;
  EXPECT_NE(resp.find("application/json"), std::string::npos) << resp;
  EXPECT_NE(resp.find("\"code\":\"http.body_too_large\""), std::string::npos) << resp;
  const auto small = raw_request(*port, "GET /hello/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(small.find("HTTP/1.1 200"), std::string::npos) << small;
  server.stop();
  server.wait();
  std::lock_guard lock(answerers_mu_);
  EXPECT_TRUE(answerers_.empty());  // /later never ran
}

// A body the HTTP library cannot read (here a broken Content-Length) gets 400 with our JSON error, not the
// library's text. (A request line or header it cannot parse at all still gets its fixed "Bad Request".)
TEST_F(ServerTest, AnUnreadableBodyGetsAJsonError) {
  HttpServer server(dispatcher_, {.host = "127.0.0.1", .port = 0, .threads = 1});
  auto port = server.start();
  ASSERT_TRUE(port.ok());
  const auto resp = raw_request(*port, "POST /later HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
  EXPECT_NE(resp.find("HTTP/1.1 400"), std::string::npos) << resp;
  EXPECT_NE(resp.find("\"code\":\"http.bad_request\""), std::string::npos) << resp;
  EXPECT_NE(resp.find("Yêu cầu HTTP không đúng cú pháp."), std::string::npos) << resp;
  server.stop();
  server.wait();
}

// HEAD answers with the headers of the GET, its Content-Length included, and no body.
TEST_F(ServerTest, HeadAnnouncesTheLengthOfTheGetsBody) {
  HttpServer server(dispatcher_, {.host = "127.0.0.1", .port = 0, .threads = 1});
  auto port = server.start();
  ASSERT_TRUE(port.ok());
  const auto resp = raw_request(*port, "HEAD /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(resp.find("HTTP/1.1 200"), std::string::npos) << resp;
  EXPECT_NE(resp.find("Content-Length: " + std::to_string(big_json().size()) + "\r\n"), std::string::npos)
      << resp;
  EXPECT_EQ(resp.substr(resp.find("\r\n\r\n") + 4), "");
  server.stop();
  server.wait();
}

// On the wire, 304 has neither a body nor the headers of one, and the connection goes on to the next request.
TEST_F(ServerTest, NotModifiedHasNoBodyAndKeepsTheConnection) {
  HttpServer server(dispatcher_, {.host = "127.0.0.1", .port = 0, .threads = 1});
  auto port = server.start();
  ASSERT_TRUE(port.ok());
  const std::string tag = entity_tag(*cached_);
  const auto resp =
      raw_request(*port, "GET /cached HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + tag +
                             "\r\n\r\nGET /hello/b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const auto split = resp.find("\r\n\r\n");
  ASSERT_NE(split, std::string::npos) << resp;
  const auto first = resp.substr(0, split);
  EXPECT_TRUE(first.starts_with("HTTP/1.1 304 Not Modified\r\n")) << first;
  EXPECT_NE(first.find("ETag: " + tag), std::string::npos) << first;
  EXPECT_EQ(first.find("Content-Length"), std::string::npos) << first;
  EXPECT_EQ(first.find("Content-Type"), std::string::npos) << first;
  EXPECT_TRUE(resp.substr(split + 4).starts_with("HTTP/1.1 200 OK\r\n")) << resp;
  EXPECT_NE(resp.find("{\"hi\":\"b\"}"), std::string::npos) << resp;
  server.stop();
  server.wait();
}

TEST_F(ServerTest, KnowsThePeersAddress) {
  HttpServer server(dispatcher_, {.host = "127.0.0.1", .port = 0, .threads = 1});
  auto port = server.start();
  ASSERT_TRUE(port.ok());
  const auto resp = raw_request(*port, "GET /remote HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(resp.find("\r\n\r\n\"127.0.0.1\""), std::string::npos) << resp;
  server.stop();
  server.wait();
}

TEST_F(ServerTest, PortInUseIsUnavailable) {
  HttpServer a(dispatcher_, {.host = "127.0.0.1", .port = 0, .threads = 1});
  auto port = a.start();
  ASSERT_TRUE(port.ok());
  HttpServer b(dispatcher_, {.host = "127.0.0.1", .port = *port, .threads = 1});
  auto second = b.start();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, core::ErrorCode::kUnavailable);
  a.stop();
  a.wait();
}

}  // namespace
}  // namespace motcua::http
