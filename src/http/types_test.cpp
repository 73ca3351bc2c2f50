#include "http/types.hpp"

#include <gtest/gtest.h>

namespace motcua::http {
namespace {

TEST(TypesTest, UrlDecoding) {
  EXPECT_EQ(url_decode("dang+ky%20khai", true), "dang ky khai");
  EXPECT_EQ(url_decode("a+b", false), "a+b");
  EXPECT_EQ(url_decode("%C4%90%C4%83ng", true), "Đăng");
  EXPECT_FALSE(url_decode("%G1", true).has_value());
  EXPECT_FALSE(url_decode("abc%2", true).has_value());
  EXPECT_FALSE(url_decode("%", true).has_value());
}

TEST(TypesTest, QueryAndFormFields) {
  Request r;
  r.query = "q=%C4%91%C4%83ng+k%C3%BD&limit=5&empty=&flag";
  EXPECT_EQ(r.query_param("q"), "đăng ký");
  EXPECT_EQ(r.query_param("limit"), "5");
  EXPECT_EQ(r.query_param("empty"), "");
  EXPECT_EQ(r.query_param("flag"), "");
  EXPECT_FALSE(r.query_param("missing").has_value());
  r.body = "username=canbo&password=a%26b";
  EXPECT_EQ(r.form_field("password"), "a&b");
}

TEST(TypesTest, Cookies) {
  Request r;
  r.headers = {{"cookie", "a=1; motcua_session=abc; b=2"}};
  EXPECT_EQ(r.cookie("motcua_session"), "abc");
  EXPECT_EQ(r.cookie("b"), "2");
  EXPECT_FALSE(r.cookie("c").has_value());
}

TEST(TypesTest, ResponseHeaderIgnoresCase) {
  Response r;
  r.headers = {{"ETag", "\"1\""}, {"Set-Cookie", "a=1"}, {"set-cookie", "b=2"}};
  EXPECT_EQ(r.header("etag"), "\"1\"");
  EXPECT_EQ(r.header("SET-COOKIE"), "a=1");  // the first of several
  EXPECT_FALSE(r.header("Vary").has_value());
  EXPECT_FALSE(r.header("ETa").has_value());
}

TEST(TypesTest, HtmlEscape) {
  EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(url_encode("đ d"), "%C4%91%20d");
}

}  // namespace
}  // namespace motcua::http
