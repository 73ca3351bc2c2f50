#include "http/compression.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "http/conditional.hpp"
#include "http/dispatcher.hpp"
#include "http/shared_bodies.hpp"

namespace motcua::http {
namespace {

TEST(AcceptsGzip, ReadsCodingsAndWeights) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"gzip", true},
      {"gzip, deflate, br", true},  // what Chromium sends
      {"GZIP", true},
      {"x-gzip", true},
      {"deflate, gzip;q=0.5", true},
      {"br;q=1.0, gzip;q=0.8, *;q=0.1", true},
      {"*", true},
      {"gzip;q=0", false},
      {"gzip; q=0.000", false},
      {"*, gzip;q=0", false},  // an explicit refusal beats the wildcard
      {"*;q=0", false},
      {"identity", false},
      {"deflate, br", false},
      {"", false},
      {"gzipx", false},
      {"gzip;q=2", false},   // out of range: not consent
      {"gzip;q=abc", false}  // malformed: not consent
  };
  for (const auto& [value, expected] : cases) EXPECT_EQ(accepts_gzip(value), expected) << value;
}

TEST(CompressibleType, TextYesBinaryNo) {
  EXPECT_TRUE(compressible_type("application/json; charset=utf-8"));
  EXPECT_TRUE(compressible_type("text/html; charset=utf-8"));
  EXPECT_TRUE(compressible_type("text/css"));
  EXPECT_TRUE(compressible_type("Application/JSON"));
  EXPECT_TRUE(compressible_type("image/svg+xml"));
  EXPECT_FALSE(compressible_type("application/pdf"));
  EXPECT_FALSE(compressible_type("image/png"));
  EXPECT_FALSE(compressible_type("application/octet-stream"));
}

std::string vietnamese_json(std::size_t items) {
  std::string s = "[";
  for (std::size_t i = 0; i < items; ++i) {
    s += "{\"code\":\"1.00" + std::to_string(1000 + i) +
         "\",\"name\":\"Đăng ký khai sinh cho trẻ em sinh ra tại Việt Nam\"},";
  }
  s.back() = ']';
  return s;
}

TEST(GzipCompress, RoundTripsAndShrinksText) {
  const auto text = vietnamese_json(200);
  for (int level : {1, 6, 9}) {
    const auto gz = gzip_compress(text, level);
    ASSERT_GE(gz.size(), 18u);
    EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);  // gzip magic (RFC 1952)
    EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
    EXPECT_LT(gz.size(), text.size() / 5) << level;
    EXPECT_EQ(gzip_decompress(gz), text);
  }
  EXPECT_EQ(gzip_decompress(gzip_compress("", 6)), "");
}

TEST(GzipDecompress, RejectsTruncatedAndForeignData) {
  const auto gz = gzip_compress(vietnamese_json(10), 6);
  EXPECT_FALSE(gzip_decompress(gz.substr(0, gz.size() - 4)).has_value());
  EXPECT_FALSE(gzip_decompress("not gzip at all").has_value());
  EXPECT_FALSE(gzip_decompress(gz + "trailing").has_value());
}

TEST(SharedBodyCache, CompressesEachLiveBodyOnce) {
  SharedBodyCache cache;
  auto body = std::make_shared<const std::string>(vietnamese_json(50));
  const auto plain = cache.get(body, false);
  EXPECT_EQ(plain.gzip, nullptr);  // not compressed until a client asks
  EXPECT_EQ(plain.etag, entity_tag(*body));
  const auto first = cache.get(body, true).gzip;
  const auto second = cache.get(body, true).gzip;
  EXPECT_EQ(first, second);  // the same object: not compressed again
  EXPECT_EQ(gzip_decompress(*first), *body);
  EXPECT_EQ(cache.size(), 1u);
}

// A body replaced after an update must never be answered with the old body's compressed form or tag, even
// when the allocator puts the new body where the old one was.
TEST(SharedBodyCache, FreedBodyIsNeverServed) {
  SharedBodyCache cache;
  for (int round = 0; round < 50; ++round) {
    auto body = std::make_shared<const std::string>(vietnamese_json(20) + std::to_string(round));
    const auto forms = cache.get(body, round % 2 == 0);
    EXPECT_EQ(forms.etag, entity_tag(*body)) << round;
    if (round % 2 == 0) {
      EXPECT_EQ(gzip_decompress(*forms.gzip), *body) << round;
    }
  }
}

TEST(SharedBodyCache, StaysBounded) {
  SharedBodyCache cache(8);
  std::vector<std::shared_ptr<const std::string>> alive;
  for (int i = 0; i < 30; ++i) {
    alive.push_back(std::make_shared<const std::string>(vietnamese_json(5) + std::to_string(i)));
    cache.get(alive.back(), true);
    EXPECT_LE(cache.size(), 8u);
  }
  EXPECT_EQ(gzip_decompress(*cache.get(alive.front(), true).gzip), *alive.front());
}

class DispatcherGzipTest : public ::testing::Test {
 protected:
  static Router make_router(std::shared_ptr<const std::string> cached) {
    Router router;
    router.get("/big", [](Request&) { return Response::json(200, vietnamese_json(100)); });
    router.get("/small", [](Request&) { return Response::json(200, "{\"ok\":true}"); });
    router.get("/cached", [cached](Request&) { return Response::json(200, cached); });
    router.get("/pdf", [](Request&) {
      auto r = Response::json(200, std::string(4096, 'x'));
      r.content_type = "application/pdf";
      return r;
    });
    router.get("/missing", [](Request&) { return Response::json(404, vietnamese_json(40)); });
    return router;
  }
  Response get(const std::string& path, const char* accept_encoding, Method method = Method::kGet) {
    Request r;
    r.method = method;
    r.path = path;
    if (accept_encoding) r.headers.emplace_back("accept-encoding", accept_encoding);
    return dispatcher_.dispatch(r);
  }

  std::shared_ptr<const std::string> cached_ = std::make_shared<const std::string>(vietnamese_json(80));
  Router router_ = make_router(cached_);
  Dispatcher dispatcher_{router_, {.access_log = nullptr}};
};

TEST_F(DispatcherGzipTest, CompressesLargeTextForClientsThatAsk) {
  const auto r = get("/big", "gzip, deflate, br");
  EXPECT_EQ(r.header("Content-Encoding"), "gzip");
  EXPECT_EQ(r.header("Vary"), "Accept-Encoding");
  EXPECT_EQ(gzip_decompress(r.body_text()), vietnamese_json(100));
  // Error bodies too: they are JSON like any other.
  const auto missing = get("/missing", "gzip");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(gzip_decompress(missing.body_text()), vietnamese_json(40));
}

TEST_F(DispatcherGzipTest, PlainForOthersButStillVaries) {
  for (const char* accept : {static_cast<const char*>(nullptr), "identity", "gzip;q=0"}) {
    const auto r = get("/big", accept);
    EXPECT_FALSE(r.header("Content-Encoding").has_value()) << (accept ? accept : "(none)");
    EXPECT_EQ(r.header("Vary"), "Accept-Encoding");
    EXPECT_EQ(r.body_text(), vietnamese_json(100));
  }
}

TEST_F(DispatcherGzipTest, LeavesSmallAndBinaryBodiesAndHeadAlone) {
  const auto small = get("/small", "gzip");
  EXPECT_FALSE(small.header("Content-Encoding").has_value());
  EXPECT_EQ(small.body_text(), "{\"ok\":true}");
  const auto pdf = get("/pdf", "gzip");
  EXPECT_FALSE(pdf.header("Content-Encoding").has_value());
  EXPECT_EQ(pdf.body_text().size(), 4096u);
  const auto head = get("/big", "gzip", Method::kHead);
  EXPECT_FALSE(head.header("Content-Encoding").has_value());
  EXPECT_TRUE(head.body_text().empty());
}

TEST_F(DispatcherGzipTest, SharedBodiesAreCompressedOnceAndStayShared) {
  const auto a = get("/cached", "gzip");
  const auto b = get("/cached", "gzip");
  ASSERT_TRUE(a.shared_body && b.shared_body);
  EXPECT_EQ(a.shared_body, b.shared_body);
  EXPECT_EQ(gzip_decompress(*a.shared_body), *cached_);
  const auto plain = get("/cached", nullptr);
  EXPECT_EQ(plain.shared_body, cached_);
}

TEST(DispatcherGzipOff, ZeroThresholdNeverCompresses) {
  Router router;
  router.get("/big", [](Request&) { return Response::json(200, vietnamese_json(100)); });
  Dispatcher d(router, {.access_log = nullptr, .gzip_min_bytes = 0});
  Request r;
  r.path = "/big";
  r.headers.emplace_back("accept-encoding", "gzip");
  const auto resp = d.dispatch(r);
  EXPECT_EQ(resp.body_text(), vietnamese_json(100));
  for (const auto& [name, value] : resp.headers) {  // no Content-Encoding, no Vary
    EXPECT_EQ(name, "X-Request-Id");
  }
}

}  // namespace
}  // namespace motcua::http
