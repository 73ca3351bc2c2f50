#include "http/dispatcher.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace motcua::http {
namespace {

class DispatcherTest : public ::testing::Test {
 protected:
  static Router make_router() {
    Router router_;
    router_.get("/api/v1/things/{code}",
                [](Request& r) { return Response::json(200, std::string(r.param("code"))); });
    router_.post("/api/v1/things", [](Request& r) { return Response::json(201, r.body); });
    router_.post_upload("/api/v1/files", [](Request& r) { return Response::json(201, r.body); });
    router_.get("/boom", [](Request&) -> Response { throw std::runtime_error("boom"); });
    router_.get("/boom-bytes", [](Request&) -> Response { throw std::runtime_error("l\xe1\xbb\x97i \xff"); });
    return router_;
  }
  Response send(Method m, std::string path, std::string body = {}) {
    Request r;
    r.method = m;
    r.path = std::move(path);
    r.body = std::move(body);
    return dispatcher_.dispatch(r);
  }
  Router router_ = make_router();  // complete before the dispatcher sizes its metrics
  Dispatcher dispatcher_{router_, {.max_body_bytes = 16, .max_upload_bytes = 64, .access_log = nullptr}};
};

TEST_F(DispatcherTest, RoutesWithParameters) {
  auto r = send(Method::kGet, "/api/v1/things/1.001193");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "1.001193");
}

TEST_F(DispatcherTest, UnknownPathIs404Json) {
  auto r = send(Method::kGet, "/api/v1/nothing");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("\"code\":\"http.not_found\""), std::string::npos);
  EXPECT_EQ(send(Method::kGet, "/api/v1/things/").status, 404);
  EXPECT_EQ(send(Method::kGet, "/static/../../etc/passwd").status, 404);
}

TEST_F(DispatcherTest, WrongMethodIs405) {
  EXPECT_EQ(send(Method::kDelete, "/api/v1/things/x").status, 405);
}

TEST_F(DispatcherTest, HeadFallsBackToGetWithoutBody) {
  auto r = send(Method::kHead, "/api/v1/things/abc");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(r.content_length, send(Method::kGet, "/api/v1/things/abc").body.size());
}

// The router buckets routes by length and key segment; the answer must still be the first match in table
// order, whether the winner has a literal or a parameter where the path is bucketed, with 405 across buckets.
TEST(RouterTest, FirstMatchInTableOrderAcrossBuckets) {
  Router router;
  auto named = [](const char* name) { return [name](Request&) { return Response::json(200, name); }; };
  router.get("/api/v1/{kind}/count", named("param-first"));
  router.get("/api/v1/dossiers/count", named("shadowed"));
  router.get("/api/v1/dossiers/{code}", named("dossier"));
  router.get("/api/v1/{kind}/{id}", named("generic"));
  router.post("/api/v1/files/{sha}", named("post-file"));
  router.get("/healthz", named("health"));
  router.get("/", named("root"));
  router.get("/a/{x}", named("short-param"));
  auto winner = [&](Method method, const char* path) -> std::string {
    Request r;
    r.method = method;
    r.path = path;
    const auto m = router.match(r);
    if (m.route == nullptr) return m.path_known ? "405" : "404";
    return m.route->pattern + (r.params.empty() ? "" : " " + r.params.front().second);
  };
  EXPECT_EQ(winner(Method::kGet, "/api/v1/dossiers/count"), "/api/v1/{kind}/count dossiers");
  EXPECT_EQ(winner(Method::kGet, "/api/v1/dossiers/X-1"), "/api/v1/dossiers/{code} X-1");
  EXPECT_EQ(winner(Method::kGet, "/api/v1/units/15"), "/api/v1/{kind}/{id} units");
  EXPECT_EQ(winner(Method::kGet, "/api/v1/files/abc"), "/api/v1/{kind}/{id} files");
  EXPECT_EQ(winner(Method::kPost, "/api/v1/files/abc"), "/api/v1/files/{sha} abc");
  EXPECT_EQ(winner(Method::kDelete, "/api/v1/files/abc"), "405");
  EXPECT_EQ(winner(Method::kHead, "/healthz"), "/healthz");
  EXPECT_EQ(winner(Method::kGet, "/"), "/");
  EXPECT_EQ(winner(Method::kGet, "/a/b"), "/a/{x} b");
  EXPECT_EQ(winner(Method::kGet, "/api/v1/dossiers"), "404");
  EXPECT_EQ(winner(Method::kGet, "/api/v1/dossiers/X-1/extra"), "404");
}

TEST_F(DispatcherTest, OversizeBodyIs413AndHandlerNotCalled) {
  auto r = send(Method::kPost, "/api/v1/things", std::string(17, 'x'));
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("http.body_too_large"), std::string::npos);
  EXPECT_EQ(send(Method::kPost, "/api/v1/things", std::string(16, 'x')).status, 201);
}

TEST_F(DispatcherTest, UploadRoutesHaveTheirOwnLimit) {
  EXPECT_EQ(send(Method::kPost, "/api/v1/files", std::string(64, 'x')).status, 201);
  auto r = send(Method::kPost, "/api/v1/files", std::string(65, 'x'));
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("64"), std::string::npos);
}

TEST_F(DispatcherTest, ExceptionsBecome500WithoutDetails) {
  auto r = send(Method::kGet, "/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("boom"), std::string::npos);
}

// The exception's text is not UTF-8: logging it must not throw in turn.
TEST_F(DispatcherTest, ExceptionsWithIllFormedTextStillBecome500) {
  EXPECT_EQ(send(Method::kGet, "/boom-bytes").status, 500);
}

TEST_F(DispatcherTest, MetricsCountPerRoute) {
  send(Method::kGet, "/api/v1/things/a");
  send(Method::kGet, "/api/v1/things/b");
  const auto text = dispatcher_.metrics().render();
  EXPECT_NE(text.find("motcua_http_requests_total{route=\"GET /api/v1/things/{code}\",status=\"2xx\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("motcua_http_request_duration_seconds_bucket"), std::string::npos);
}

// Lines are collected and written in blocks: none until flush_access_log() (which the server calls every
// second) or until about 64 KiB have gathered, then all of them, whole and in order.
TEST(DispatcherAccessLog, WritesCollectedLinesAtFlushOrInBlocks) {
  Router router;
  router.get("/a", [](Request&) { return Response::json(200, "{}"); });
  std::FILE* log = std::tmpfile();
  ASSERT_NE(log, nullptr);
  auto size = [log] {
    std::fflush(log);
    return std::ftell(log);
  };
  auto request = [](int i) {
    Request r;
    r.path = "/a";
    r.request_id = "r-" + std::to_string(i);
    return r;
  };
  {
    Dispatcher d(router, {.access_log = log});
    Request first = request(0);
    d.dispatch(first);
    EXPECT_EQ(size(), 0);
    d.flush_access_log();
    const long one_line = size();
    EXPECT_GT(one_line, 100);
    int n = 1;
    while (size() == one_line && n < 10000) {
      Request r = request(n++);
      d.dispatch(r);
    }
    EXPECT_GT(n, 200);  // a block holds hundreds of lines
    EXPECT_GE(size(), one_line + 64 * 1024);
    for (int i = 0; i < 5; ++i) {
      Request r = request(n++);
      d.dispatch(r);
    }
  }  // the destructor writes the rest
  std::rewind(log);
  int lines = 0;
  std::string line;
  for (int c; (c = std::fgetc(log)) != EOF;) {
    if (c != '\n') {
      line.push_back(static_cast<char>(c));
      continue;
    }
    const auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["request_id"], "r-" + std::to_string(lines));
    ++lines;
    line.clear();
  }
  std::fclose(log);
  EXPECT_TRUE(line.empty());
  EXPECT_GT(lines, 205);
}

// The access log is written by hand (for speed): every line must still be one valid JSON object with the
// same fields, escaped as nlohmann::json would, bad UTF-8 replaced by U+FFFD.
TEST(DispatcherAccessLog, OneJsonObjectPerLineWithEscapedFields) {
  Router router;
  router.get("/api/v1/things/{code}", [](Request&) { return Response::json(200, "abc"); });
  std::FILE* log = std::tmpfile();
  ASSERT_NE(log, nullptr);
  {
    Dispatcher d(router, {.max_body_bytes = 16, .access_log = log});
    Request r;
    r.path = "/api/v1/things/\xC4\x91\"\\\n\t";
    r.remote = "127.0.0.1";
    r.request_id = "id\x01\xFF";
    d.dispatch(r);
    Request u;
    u.method = Method::kPost;
    u.path = "/nowhere";
    u.request_id = "r\x02-2\"x y";  // escapes between plain runs
    d.dispatch(u);
  }
  std::rewind(log);
  std::vector<std::string> lines;
  std::string line;
  for (int c; (c = std::fgetc(log)) != EOF;) {
    line.push_back(static_cast<char>(c));
    if (c == '\n') lines.push_back(std::exchange(line, {}));
  }
  std::fclose(log);
  EXPECT_TRUE(line.empty());
  ASSERT_EQ(lines.size(), 2u);
  const auto a = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(a.size(), 11u);
  EXPECT_EQ(a["method"], "GET");
  EXPECT_EQ(a["path"], "/api/v1/things/\xC4\x91\"\\\n\t");
  EXPECT_EQ(a["route"], "/api/v1/things/{code}");
  EXPECT_EQ(a["request_id"], "id\x01\xEF\xBF\xBD");
  EXPECT_EQ(a["remote"], "127.0.0.1");
  EXPECT_EQ(a["status"], 200);
  EXPECT_EQ(a["bytes"], 3);
  EXPECT_EQ(a["level"], "info");
  EXPECT_EQ(a["msg"], "access");
  EXPECT_GE(a["duration_us"].get<std::int64_t>(), 0);
  EXPECT_GT(a["ts"].get<std::int64_t>(), 1700000000000);
  // Same text as nlohmann's own dump of the parsed object (keys sorted, UTF-8 kept, \u00XX for controls).
  EXPECT_EQ(lines[0], a.dump() + "\n");
  const auto b = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(b["method"], "POST");
  EXPECT_EQ(b["route"], "unmatched");
  EXPECT_EQ(b["request_id"], "r\x02-2\"x y");
  EXPECT_EQ(b["status"], 404);
  EXPECT_EQ(lines[1], b.dump() + "\n");
}

// A route that answers later, from another thread, as a write waiting for its commit does.
class DispatcherAsyncTest : public ::testing::Test {
 protected:
  DispatcherAsyncTest() {
    router_.post_async("/api/v1/later/{code}", [this](Request& req, Respond respond) {
      std::lock_guard lock(mu_);
      seen_ = std::string(req.param("code")) + ":" + req.body;
      parked_ = std::move(respond);
    });
    router_.post_async("/api/v1/throws", [](Request&, Respond) { throw std::runtime_error("boom"); });
    router_.post_async("/api/v1/drops", [](Request&, Respond) {});  // a bug: never answers
    router_.post_async("/api/v1/twice", [](Request&, Respond respond) {
      respond(Response::json(201, "first"));
      respond(Response::json(200, "second"));
    });
  }
  Request post(std::string path, std::string body) {
    Request r;
    r.method = Method::kPost;
    r.path = std::move(path);
    r.body = std::move(body);
    r.request_id = "req-1";
    return r;
  }
  Router router_;
  std::mutex mu_;
  std::string seen_;  // under mu_
  Respond parked_;    // under mu_: the handler's responder, called by the test
  std::unique_ptr<Dispatcher> dispatcher_;
  Dispatcher& dispatcher() {
    if (!dispatcher_)
      dispatcher_ = std::make_unique<Dispatcher>(router_, DispatcherOptions{.access_log = nullptr});
    return *dispatcher_;
  }
};

TEST_F(DispatcherAsyncTest, AnswersWhenTheHandlerRespondsFromAnotherThread) {
  auto req = post("/api/v1/later/X-1", "{}");
  std::atomic<int> calls{0};
  Response got;
  dispatcher().dispatch_async(req, [&](Response r) {
    got = std::move(r);
    ++calls;
  });
  EXPECT_EQ(calls.load(), 0);  // not answered yet: the request stays in flight
  EXPECT_EQ(dispatcher().in_flight(), 1);
  {
    std::lock_guard lock(mu_);
    EXPECT_EQ(seen_, "X-1:{}");  // the handler saw the parameters and body of the request it took over
  }
  Respond respond;
  {
    std::lock_guard lock(mu_);
    respond = parked_;
  }
  std::thread([respond] { respond(Response::json(201, "done")); }).join();
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(got.status, 201);
  EXPECT_EQ(got.body, "done");
  EXPECT_EQ(dispatcher().in_flight(), 0);
  const auto id = std::find_if(got.headers.begin(), got.headers.end(),
                               [](const auto& h) { return h.first == "X-Request-Id"; });
  ASSERT_NE(id, got.headers.end());
  EXPECT_EQ(id->second, "req-1");
  EXPECT_NE(dispatcher().metrics().render().find(
                "requests_total{route=\"POST /api/v1/later/{code}\",status=\"2xx\"} 1"),
            std::string::npos);
}

TEST_F(DispatcherAsyncTest, DispatchWaitsForALaterAnswer) {
  std::thread answerer([this] {
    for (;;) {
      {
        std::lock_guard lock(mu_);
        if (parked_) {
          parked_(Response::json(202, "later"));
          return;
        }
      }
      std::this_thread::yield();
    }
  });
  auto req = post("/api/v1/later/Y", "");
  const Response r = dispatcher().dispatch(req);
  answerer.join();
  EXPECT_EQ(r.status, 202);
  EXPECT_EQ(r.body, "later");
}

TEST_F(DispatcherAsyncTest, AThrowingHandlerGets500AndOnlyTheFirstAnswerCounts) {
  auto thrown = post("/api/v1/throws", "");
  EXPECT_EQ(dispatcher().dispatch(thrown).status, 500);
  auto twice = post("/api/v1/twice", "");
  int calls = 0;
  dispatcher().dispatch_async(twice, [&](Response r) {
    ++calls;
    EXPECT_EQ(r.body, "first");
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(dispatcher().in_flight(), 0);
}

TEST_F(DispatcherAsyncTest, AHandlerThatDropsItsResponderGets500) {
  auto dropped = post("/api/v1/drops", "");
  EXPECT_EQ(dispatcher().dispatch(dropped).status, 500);
  EXPECT_EQ(dispatcher().in_flight(), 0);
}

TEST_F(DispatcherAsyncTest, LimitsAndUnknownPathsAreAnsweredWithoutTheHandler) {
  Dispatcher d(router_, {.max_body_bytes = 4, .access_log = nullptr});
  auto big = post("/api/v1/later/Z", "too long");
  EXPECT_EQ(d.dispatch(big).status, 413);
  auto unknown = post("/api/v1/nowhere", "");
  EXPECT_EQ(d.dispatch(unknown).status, 404);
  std::lock_guard lock(mu_);
  EXPECT_TRUE(seen_.empty());
}

}  // namespace
}  // namespace motcua::http
