// A tiny blocking HTTP/1.1 client for the end-to-end tests, on a raw socket so that a test can send exactly
// the bytes it means to: unnormalised paths ("/static/../../etc/passwd"), invalid UTF-8, bodies of any size.
// One connection per request ("Connection: close"); the response is read until the server closes it.
// Not a general client: no TLS, no redirects, no chunked responses (the server always sends Content-Length).
//
//   HttpClient client(port);
//   HttpResult r = client.get("/api/v1/procedures?q=dang%20ky");
//   EXPECT_EQ(r.status, 200);
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace motcua::e2e {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
  int status = 0;      // 0: no response (connection refused, or closed before a status line arrived)
  HeaderList headers;  // names lower-cased, in the order received
  std::string body;

  // The first header of that (lower-case) name; nullopt if absent.
  std::optional<std::string> header(const std::string& lower_name) const;
  // Every value of that header, e.g. each Set-Cookie.
  std::vector<std::string> headers_named(const std::string& lower_name) const;
  // The body parsed as JSON; a discarded value if it is not JSON.
  nlohmann::json json() const;
  // The value of cookie `name` in the Set-Cookie headers; nullopt if not set.
  std::optional<std::string> set_cookie(const std::string& name) const;
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) : port_(port) {}
  std::uint16_t port() const { return port_; }

  // Sends `method target` with the given headers and body, verbatim. Content-Length is added for a
  // non-empty body or a method other than GET/HEAD.
  HttpResult send(const std::string& method, const std::string& target, const std::string& body = {},
                  const HeaderList& headers = {}) const;

  HttpResult get(const std::string& target, const HeaderList& headers = {}) const {
    return send("GET", target, {}, headers);
  }
  HttpResult post(const std::string& target, const std::string& body, const HeaderList& headers = {}) const {
    return send("POST", target, body, headers);
  }

 private:
  std::uint16_t port_;
};

// Percent-encodes every byte but unreserved characters (for query values in tests).
std::string url_encode(const std::string& s);

}  // namespace motcua::e2e
