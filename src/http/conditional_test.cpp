#include "http/conditional.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "http/compression.hpp"
#include "http/dispatcher.hpp"

namespace motcua::http {
namespace {

TEST(EntityTag, QuotedDigestThatFollowsEveryByte) {
  const std::string body = R"({"ten":"Đăng ký khai sinh"})";
  const auto tag = entity_tag(body);
  ASSERT_EQ(tag.size(), 26u);
  EXPECT_EQ(tag.front(), '"');
  EXPECT_EQ(tag.back(), '"');
  EXPECT_EQ(tag.find_first_not_of("0123456789abcdef", 1), 25u);
  EXPECT_EQ(entity_tag(std::string(body)), tag);  // equal bytes, equal tag
  std::string changed = body;
  changed[10] ^= 1;
  EXPECT_NE(entity_tag(changed), tag);
  EXPECT_NE(entity_tag(body + " "), tag);
  EXPECT_NE(entity_tag(""), entity_tag(" "));
}

TEST(EntityTag, GzipFormIsAnotherRepresentation) {
  EXPECT_EQ(gzip_entity_tag("\"abc\""), "\"abc-gz\"");
}

TEST(NoneMatch, ReadsTheListAsRfc9110Says) {
  const std::string mine = "\"0123abcd\"";
  const std::vector<std::tuple<std::string, bool>> cases = {
      {"\"0123abcd\"", true},
      {"W/\"0123abcd\"", true},  // weak comparison
      {"\"other\", \"0123abcd\"", true},
      {"\"other\",W/\"0123abcd\" ", true},
      {"\"a,b\", \"0123abcd\"", true},  // a comma inside another tag
      {"*", true},
      {" * ", true},
      {"\"other\"", false},
      {"\"0123abcd-gz\"", false},
      {"0123abcd", false},    // not quoted
      {"\"0123abcd", false},  // unterminated
      {"\"x\", 0123abcd", false},
      {"*, \"0123abcd\"", false},  // "*" stands alone or not at all
      {"", false},
  };
  for (const auto& [value, fails] : cases) EXPECT_EQ(none_match_fails(value, mine), fails) << value;
}

class ConditionalGetTest : public ::testing::Test {
 protected:
  ConditionalGetTest() {
    router_.get("/cached", [this](Request&) { return Response::json(200, current_); });
    router_.get("/dynamic", [](Request&) { return Response::json(200, std::string(2000, 'x')); });
    router_.get("/gone", [this](Request&) { return Response::json(404, current_); });
    router_.post("/cached", [this](Request&) { return Response::json(200, current_); });
  }

  Response send(const std::string& path, std::optional<std::string> if_none_match,
                const char* accept_encoding = nullptr, Method method = Method::kGet) {
    Request r;
    r.method = method;
    r.path = path;
    if (if_none_match) r.headers.emplace_back("if-none-match", *if_none_match);
    if (accept_encoding) r.headers.emplace_back("accept-encoding", accept_encoding);
    return dispatcher_.dispatch(r);
  }

  std::shared_ptr<const std::string> current_ = std::make_shared<const std::string>(
      R"({"ten":"Đăng ký khai sinh","buoc":")" + std::string(3000, 'a') + "\"}");
  Router router_;
  Dispatcher dispatcher_{router_, {.access_log = nullptr}};
};

TEST_F(ConditionalGetTest, CachedBodyCarriesItsTagAndRevalidatesWithoutABody) {
  const auto first = send("/cached", std::nullopt);
  EXPECT_EQ(first.status, 200);
  const auto tag = first.header("ETag");
  ASSERT_EQ(tag, entity_tag(*current_));

  const auto again = send("/cached", std::string(*tag));
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body_text().empty());
  EXPECT_FALSE(again.content_length.has_value());
  EXPECT_EQ(again.header("ETag"), tag);
  EXPECT_EQ(again.header("Vary"), "Accept-Encoding");
  EXPECT_TRUE(again.header("X-Request-Id").has_value());

  EXPECT_EQ(send("/cached", "\"something else\"").status, 200);
  EXPECT_EQ(send("/cached", "*").status, 304);
  EXPECT_EQ(send("/cached", "W/" + std::string(*tag)).status, 304);
}

TEST_F(ConditionalGetTest, AnUpdatedBodyGetsANewTagAndTheOldOneNoLongerMatches) {
  const std::string old_tag(*send("/cached", std::nullopt).header("ETag"));
  current_ = std::make_shared<const std::string>(R"({"ten":"Đăng ký khai tử"})" + std::string(2000, ' '));
  const auto after = send("/cached", old_tag);
  EXPECT_EQ(after.status, 200);
  EXPECT_EQ(after.body_text(), *current_);
  EXPECT_NE(after.header("ETag"), old_tag);
  EXPECT_EQ(after.header("ETag"), entity_tag(*current_));
}

TEST_F(ConditionalGetTest, TheGzipFormHasItsOwnTag) {
  const auto gz = send("/cached", std::nullopt, "gzip");
  ASSERT_EQ(gz.header("Content-Encoding"), "gzip");
  const auto gz_tag = gz.header("ETag");
  EXPECT_EQ(gz_tag, gzip_entity_tag(entity_tag(*current_)));

  const auto revalidated = send("/cached", std::string(*gz_tag), "gzip");
  EXPECT_EQ(revalidated.status, 304);
  EXPECT_FALSE(revalidated.header("Content-Encoding").has_value());
  // A client holding the identity form that now asks for gzip gets the gzip form, in full.
  const auto switched = send("/cached", entity_tag(*current_), "gzip");
  EXPECT_EQ(switched.status, 200);
  EXPECT_EQ(gzip_decompress(switched.body_text()), *current_);
  // And the other way round.
  EXPECT_EQ(send("/cached", std::string(*gz_tag)).status, 200);
}

TEST_F(ConditionalGetTest, HeadIsTaggedLikeGet) {
  const auto head = send("/cached", std::nullopt, nullptr, Method::kHead);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.content_length, current_->size());
  EXPECT_EQ(head.header("ETag"), entity_tag(*current_));
  const auto held = send("/cached", entity_tag(*current_), nullptr, Method::kHead);
  EXPECT_EQ(held.status, 304);
  EXPECT_FALSE(held.content_length.has_value());
}

TEST_F(ConditionalGetTest, OnlySuccessfulReadsOfCachedBodiesAreTagged) {
  const auto tag = entity_tag(*current_);
  const auto dynamic = send("/dynamic", "*");
  EXPECT_EQ(dynamic.status, 200);
  EXPECT_FALSE(dynamic.header("ETag").has_value());
  const auto gone = send("/gone", tag);
  EXPECT_EQ(gone.status, 404);
  EXPECT_FALSE(gone.header("ETag").has_value());
  const auto post = send("/cached", tag, nullptr, Method::kPost);
  EXPECT_EQ(post.status, 200);
  EXPECT_FALSE(post.header("ETag").has_value());
}

}  // namespace
}  // namespace motcua::http
